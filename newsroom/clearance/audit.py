"""The audit trail's one entry point."""

import contextvars

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from newsroom.core.languages import LANGUAGE_NAMES

from .models import Action, AuditEntry

# The words staff read for the keys of an entry's details (the others as kept).
DETAIL_LABELS = {
    "comment": _("comment"),
    "reason": _("reason"),
    "language": _("language"),
    "publish_at": _("publish at"),
    "expires_at": _("expires at"),
    "revision": _("revision"),
    "file": _("PO file"),
    "fields": _("fields"),
    # A PO import's counts.
    "items": _("items"),
    "ready": _("versions marked ready"),
    "refused": _("fields refused"),
    # A step taken from the list's actions rather than the item's form.
    "bulk": _("from the list"),
    # Embargo links.
    "renewed": _("renewed"),
    "created": _("links created"),
    "revoked": _("revoked for"),
    # Failed logins and lockouts.
    "username": _("user name"),
    "address": _("address"),
}
NOTE_LABELS = {
    Action.CORRECTION: _("correction note"),
    Action.WITHDRAW: _("public note on withdrawal"),
}

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


DETAIL_ORDER = [*DETAIL_LABELS, "note"]


def detail_place(item):
    key = item[0]
    return (DETAIL_ORDER.index(key) if key in DETAIL_ORDER else len(DETAIL_ORDER), key)


def shown_details(entry):
    """[(label, value)]: an entry's details as staff read them, in their
    language and time zone; those with a label in DETAIL_LABELS' order, the note
    after the reason, the others by name (PostgreSQL's JSON keeps no order)."""
    shown = []
    for key, value in sorted(entry.details.items(), key=detail_place):
        label = DETAIL_LABELS.get(key, key)
        if key == "note":
            label = NOTE_LABELS.get(entry.action, key)
        if value is True:
            value = _("yes")
        elif key == "language":
            value = LANGUAGE_NAMES.get(value, value)
        elif key == "fields" and isinstance(value, list):
            value = ", ".join(field_label(entry.content_type, name) for name in value)
        elif key.endswith("_at") and (when := parse_datetime(str(value))):
            value = formats.date_format(timezone.localtime(when), "DATETIME_FORMAT")
        shown.append((label, value))
    return shown


def field_label(content_type, name):
    """A field of the entry's object as staff read it (an inline relation, a
    release's quotes, by its rows' name), or as kept if it is gone."""
    try:
        field = content_type.model_class()._meta.get_field(name)
    except (AttributeError, FieldDoesNotExist):
        return name
    if field.auto_created and not field.concrete:
        return str(field.related_model._meta.verbose_name_plural)
    return str(field.verbose_name)
