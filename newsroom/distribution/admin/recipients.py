"""Subscribers and the media list in the admin: filters, CSV export, and the CSV
import of the media list."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom.core.languages import LANGUAGE_CODES, LANGUAGE_NAMES

from .. import subscriptions
from ..csvfiles import (
    JOURNALIST_COLUMNS,
    SUBSCRIBER_COLUMNS,
    csv_response,
    import_journalists,
)
from ..models import Journalist, Subscriber

PREFERENCES = (
    _("Preferences"),
    {
        "fields": [
            "languages",
            "when_not_translated",
            "releases",
            "events",
            "topics",
            "regions",
        ]
    },
)


class LanguageFilter(admin.SimpleListFilter):
    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return [(code, LANGUAGE_NAMES[code]) for code in LANGUAGE_CODES]

    def queryset(self, request, queryset):
        code = self.value()
        if code in LANGUAGE_CODES:
            # Codes are separated by spaces: match a whole code.
            return queryset.filter(languages__regex=rf"(^|\s){code}(\s|$)")
        return queryset


class ReceivingFilter(admin.SimpleListFilter):
    title = _("receiving email")
    parameter_name = "receiving"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No, unsubscribed"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(unsubscribed_at__isnull=True)
        if self.value() == "no":
            return queryset.filter(unsubscribed_at__isnull=False)
        return queryset


@admin.action(description=_("Unsubscribe the selected recipients"))
def unsubscribe_selected(modeladmin, request, queryset):
    recipients = list(queryset)
    for recipient in recipients:
        subscriptions.unsubscribe(recipient)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d recipient unsubscribed.",
            "%(count)d recipients unsubscribed.",
            len(recipients),
        )
        % {"count": len(recipients)},
        messages.SUCCESS,
    )


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Subscribers come only through the public form and its confirmation (their
    consent): editors see them, export them, unsubscribe them, but add none."""

    list_display = [
        "email",
        "status",
        "languages",
        "releases",
        "events",
        "consent_at",
        "consent_language",
    ]
    list_filter = [
        "status",
        LanguageFilter,
        "releases",
        "events",
        "topics",
        "regions",
        "consent_language",
    ]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    filter_horizontal = ["topics", "regions"]
    readonly_fields = [
        "email",
        "status",
        "consent_at",
        "consent_source",
        "consent_language",
        "confirmation_sent_at",
        "unsubscribed_at",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["email", "status"]}),
        PREFERENCES,
        (
            _("Consent"),
            {
                "fields": [
                    "consent_at",
                    "consent_source",
                    "consent_language",
                    "confirmation_sent_at",
                    "unsubscribed_at",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    actions = ["export_csv", unsubscribe_selected]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Export the selected subscribers as CSV"))
    def export_csv(self, request, queryset):
        stamp = timezone.now().strftime("%Y-%m-%d")
        return csv_response(queryset, SUBSCRIBER_COLUMNS, f"subscribers-{stamp}.csv")


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, one journalist per line, with a header line naming the columns: "
            "%(columns)s. Only name and email are required; a journalist already "
            "on the list (the same email) is updated."
        )
        % {"columns": ", ".join(JOURNALIST_COLUMNS)},
    )


@admin.register(Journalist)
class JournalistAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "outlet",
        "email",
        "accredited",
        "languages",
        "releases",
        "events",
        "unsubscribed_at",
    ]
    list_filter = [
        "accredited",
        ReceivingFilter,
        LanguageFilter,
        "releases",
        "events",
        "topics",
        "regions",
    ]
    search_fields = ["name", "outlet", "email"]
    filter_horizontal = ["topics", "regions"]
    readonly_fields = ["unsubscribed_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "outlet", "email", "accredited", "notes"]}),
        PREFERENCES,
        (None, {"fields": ["unsubscribed_at", "created_at", "updated_at"]}),
    ]
    actions = ["export_csv", unsubscribe_selected]
    change_list_template = "admin/distribution/journalist/change_list.html"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="distribution_journalist_import",
            ),
            *super().get_urls(),
        ]

    @admin.action(description=_("Export the selected journalists as CSV"))
    def export_csv(self, request, queryset):
        stamp = timezone.now().strftime("%Y-%m-%d")
        return csv_response(queryset, JOURNALIST_COLUMNS, f"media-list-{stamp}.csv")

    def import_view(self, request):
        """Import a CSV file: every row checked first, then all saved or none."""
        if not (
            self.has_add_permission(request) and self.has_change_permission(request)
        ):
            return redirect("admin:distribution_journalist_changelist")
        form = ImportForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            try:
                created, updated, errors = import_journalists(form.cleaned_data["file"])
            except forms.ValidationError as error:
                form.add_error("file", error)
            else:
                if not errors:
                    self.message_user(
                        request,
                        _(
                            "Media list imported: %(created)d journalists added, "
                            "%(updated)d updated."
                        )
                        % {"created": created, "updated": updated},
                        messages.SUCCESS,
                    )
                    return redirect("admin:distribution_journalist_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import the media list"),
            "form": form,
            "errors": errors,
            "opts": self.model._meta,
            "changelist_url": reverse("admin:distribution_journalist_changelist"),
        }
        status = 400 if errors or form.errors else 200
        return render(
            request, "admin/distribution/journalist/import.html", context, status=status
        )
