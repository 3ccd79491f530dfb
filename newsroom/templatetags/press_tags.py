"""Dates as the newsroom writes them, in the active language (newsroom.core.dates)."""

from django import template

from newsroom.core import dates

register = template.Library()

register.filter("dateline_date", dates.dateline_date, expects_localtime=True)
register.filter("publish_time", dates.publish_time)
register.filter("moment", dates.moment, expects_localtime=True)
