"""The audit trail's one entry point."""

import contextvars

from django.contrib.contenttypes.models import ContentType

from .models import Action, AuditEntry

# The person behind the current request, for the rows saved on their behalf
# (revisions) by code that is not handed the request.
current_user = contextvars.ContextVar("current_user", default=None)


def record(actor, action, obj=None, **details):
    """Add an entry to the audit trail: `actor` (a user or None for the system)
    did `action` (an `Action`) to `obj`, with JSON `details`."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(
        actor=actor,
        actor_name=actor.get_username() if actor else "",
        action=Action(action),
        details=details,
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:300]
    entry.save()
    return entry


def entries_for(obj):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")


class CurrentUserMiddleware:
    """Makes the request's user known to `current_user` while it runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_user.set(request)
        try:
            return self.get_response(request)
        finally:
            current_user.reset(token)


def acting_user():
    request = current_user.get()
    user = getattr(request, "user", None) if request is not None else None
    return user if getattr(user, "is_authenticated", False) else None
