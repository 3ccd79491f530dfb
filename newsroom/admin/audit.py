"""The audit trail in the admin: a log to read and filter, never to change."""

from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from newsroom.clearance import audit
from newsroom.clearance.models import AuditEntry
from newsroom.distribution.admin.deliveries import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Append-only: no one adds, changes or deletes an entry here."""

    list_display = ["created_at", "actor_name", "action", "content_type", "object_repr"]
    list_filter = [
        "action",
        "content_type",
        ("actor", admin.RelatedOnlyFieldListFilter),
    ]
    date_hierarchy = "created_at"
    search_fields = ["object_repr", "actor_name", "object_id"]
    list_select_related = ["content_type"]
    fields = [
        "created_at",
        "actor_name",
        "action",
        "content_type",
        "object_id",
        "object_repr",
        "shown_details",
    ]
    readonly_fields = fields

    @admin.display(description=_("details"))
    def shown_details(self, obj):
        separator = pgettext("label separator", ":")
        return format_html_join(
            "",
            "<div>{}{} {}</div>",
            ((label, separator, value) for label, value in audit.shown_details(obj)),
        )
