"""The admin index's "Waiting for me" panel."""

from django import template
from django.apps import apps
from django.urls import reverse

from newsroom.core.publication import PublicationState

from .. import roles

register = template.Library()

CONTENT = ("newsroom.PressRelease", "newsroom.Event", "newsroom.Page")


@register.simple_tag
def waiting_for(user):
    """[{label, count, url}]: what waits for this user's role, per kind of item
    (one count query per role and kind)."""
    steps = []
    if roles.can_approve(user):
        steps.append((PublicationState.REVIEW, "approve"))
    if roles.can_publish(user):
        steps.append((PublicationState.APPROVED, "publish"))
    rows = []
    for label in CONTENT:
        model = apps.get_model(label)
        opts = model._meta
        for state, step in steps:
            count = model.objects.filter(state=state).count()
            if count:
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
                rows.append(
                    {
                        "kind": opts.verbose_name_plural,
                        "state": PublicationState(state).label,
                        "step": step,
                        "count": count,
                        "url": f"{url}?state__exact={state}",
                    }
                )
    return rows
