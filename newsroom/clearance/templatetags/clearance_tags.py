"""The admin index's "Waiting for me" panel."""

from django import template
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext

from newsroom.core.publication import PublicationState

from .. import roles
from ..models import Revision

register = template.Library()

CONTENT = ("newsroom.PressRelease", "newsroom.Event", "newsroom.Page")


@register.simple_tag
def waiting_for(user):
    """[{label, count, url}]: what waits for this user's role, per kind of item
    (one count query per role and kind)."""
    states = []
    if roles.can_approve(user):
        states.append(PublicationState.REVIEW)
    if roles.can_publish(user):
        states.append(PublicationState.APPROVED)
    rows = []
    for label in CONTENT:
        model = apps.get_model(label)
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        counts = [
            (
                PublicationState(state).label,
                model.objects.filter(state=state).count(),
                f"{url}?state__exact={state}",
            )
            for state in states
        ]
        if roles.can_publish(user):
            waiting = Revision.objects.filter(
                content_type=ContentType.objects.get_for_model(model), pending=True
            )
            counts.append(
                (
                    gettext("Changes waiting"),
                    waiting.count(),
                    f"{url}?changes_waiting=yes",
                )
            )
        rows += [
            {
                "kind": opts.verbose_name_plural,
                "state": state,
                "count": count,
                "url": link,
            }
            for state, count, link in counts
            if count
        ]
    return rows
