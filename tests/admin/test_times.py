"""A time at the ends of the calendar (a slip of the keyboard: year 1 or 9999) is
refused by the form with a reason, not stored or answered with a 500; a row that
holds one already leaves the lists of years alone."""

import datetime

import pytest
from django.urls import reverse

from newsroom.models import Event, PressRelease
from tests.factories import form_data, make_event, make_release, parse

pytestmark = pytest.mark.django_db

REFUSED = "Choose a time between the years 1900 and 9998."


@pytest.fixture(autouse=True)
def site_zone(settings):
    settings.TIME_ZONE = "Europe/Zurich"


def errors(response):
    return [
        " ".join(node.text_content().split())
        for node in parse(response).xpath("//ul[contains(@class, 'errorlist')]/li")
    ]


def refused(editor, item, **fields):
    """Post the item's change form with `fields` changed: refused, with the reason."""
    url = reverse(f"admin:newsroom_{item._meta.model_name}_change", args=[item.pk])
    data = form_data(editor.get(url))
    data.update(fields)
    response = editor.post(url, data)
    assert response.status_code == 200
    assert REFUSED in errors(response)


@pytest.mark.parametrize(
    ("day", "time"), [("9999-12-31", "23:59"), ("0001-01-01", "00:00")]
)
def test_a_release_time_past_the_calendar_is_refused(editor, day, time):
    release = make_release("dated", state="draft")
    refused(editor, release, publish_at_0=day, publish_at_1=time)
    release.refresh_from_db()
    assert release.publish_at.year == datetime.date.today().year


@pytest.mark.parametrize(
    ("zone", "day"), [("America/New_York", "9999-12-31"), ("Asia/Tokyo", "0001-01-01")]
)
def test_an_event_time_past_the_calendar_in_utc_is_refused(editor, zone, day):
    """A time the event's zone can write but UTC cannot (10000-01-01 in UTC)."""
    event = make_event("dated", state="draft")
    refused(
        editor,
        event,
        time_zone=zone,
        start_0=day,
        start_1="20:00",
        end_0=day,
        end_1="23:30",
    )
    assert Event.objects.get(pk=event.pk).start == event.start


def test_a_row_in_year_9999_leaves_the_admin_list_working(editor):
    """Written before the form refused it: the list and its year filter still
    answer, without that year."""
    make_release("this year")
    old_slip = make_release("slip")
    PressRelease.objects.filter(pk=old_slip.pk).update(
        publish_at=datetime.datetime(9999, 12, 31, 22, 59, tzinfo=datetime.UTC)
    )
    response = editor.get(reverse("admin:newsroom_pressrelease_changelist"))
    assert response.status_code == 200
    years = parse(response).xpath("//a[contains(@href, 'year=')]/text()")
    assert str(datetime.date.today().year) in years
    assert "9999" not in years
