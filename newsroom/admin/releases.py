"""Press releases in the admin: media contacts in order, the embargo link."""

import contextvars

from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from newsroom.clearance.audit import record
from newsroom.clearance.models import Action
from newsroom.core.admin import (
    TabularInline,
    TranslationStackedInline,
    TranslationTabularInline,
)
from newsroom.core.languages import in_every_language, name_in_its_language
from newsroom.core.standards import public_address
from newsroom.distribution.admin import DistributionPanelMixin
from newsroom.models import (
    Document,
    PressRelease,
    Quote,
    ReleaseContact,
    Video,
)
from newsroom.models.releases import new_embargo_token, parse_reference
from newsroom.search.admin import IndexedSearchMixin

from .publishable import (
    VERSION_FILTERS,
    PublishableAdmin,
    YearFilter,
    publication_fieldset,
)
from .working_copy import WorkingCopyInlineMixin

# The address of the request whose change form is being rendered.
request_address = contextvars.ContextVar("request_address", default=None)


class ReleaseContactInline(WorkingCopyInlineMixin, TabularInline):
    """The release's media contacts, in the order given."""

    model = ReleaseContact
    fields = ["contact", "order"]
    autocomplete_fields = ["contact"]
    extra = 0
    ordering = ["order", "pk"]


class QuoteInline(WorkingCopyInlineMixin, TranslationStackedInline):
    """Structured quotes: who speaks (their title on the release's date comes from
    their appointments) and the words in each language."""

    model = Quote
    fields = ["person", "attribution", "text", "order"]
    autocomplete_fields = ["person"]
    extra = 0


class DocumentInline(WorkingCopyInlineMixin, TranslationTabularInline):
    """PDF documents: checked and stripped of their metadata on upload."""

    model = Document
    fields = ["file", "title", "language", "order"]
    extra = 0


class VideoInline(WorkingCopyInlineMixin, TranslationTabularInline):
    """Videos from YouTube, Vimeo or UN Web TV, played on the visitor's click."""

    model = Video
    fields = ["url", "title", "transcript", "poster", "broll_url", "order"]
    autocomplete_fields = ["poster"]
    extra = 0
    # An address typed without a scheme is an https one.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(PressRelease)
class PressReleaseAdmin(DistributionPanelMixin, IndexedSearchMixin, PublishableAdmin):
    preview_url_name = "newsroom:release-preview"
    # The title in the original language, the state, the languages (the
    # original's underlined), the publish time, the office.
    list_display = [
        "__str__",
        "publication",
        "languages",
        "publish_at",
        "office",
    ]
    list_filter = [
        "state",
        *VERSION_FILTERS,
        "issuing_office",
        "topics",
        YearFilter,
    ]
    list_select_related = ["issuing_office"]
    date_hierarchy = "publish_at"
    search_fields = in_every_language("title", "lead", "slug", "dateline_city")
    autocomplete_fields = [
        "issuing_office",
        "topics",
        "people_quoted",
        "people_mentioned",
        "related_releases",
        "related_event",
        "main_photo",
    ]
    inlines = [QuoteInline, DocumentInline, VideoInline, ReleaseContactInline]
    readonly_fields = [
        *PublishableAdmin.readonly_fields,
        "embargo_link",
        "distribution",
        "reference_number",
    ]
    actions = [*PublishableAdmin.actions, "renew_embargo_link"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "original_language",
                    "title",
                    "slug",
                    "dateline_city",
                    "lead",
                    "body",
                    "notes_to_editors",
                    "show_boilerplate",
                    "version_state",
                ]
            },
        ),
        publication_fieldset("reference_number", "embargo_link", "distribution"),
        (
            _("Context"),
            {
                "fields": [
                    "issuing_office",
                    "countries",
                    "topics",
                    "people_quoted",
                    "people_mentioned",
                    "related_releases",
                    "related_event",
                    "main_photo",
                ]
            },
        ),
        (_("Correction"), {"fields": ["correction_note", "corrected_at"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        """A reference number ("PR/2019/123") finds its release."""
        reference = parse_reference(search_term)
        if reference is not None:
            return queryset.filter(**reference), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description=_("issuing office"), ordering="issuing_office")
    def office(self, obj):
        """The office's name, cut to the column's width: whole in its title (on
        hover) and while the row has the keyboard's focus (newsroom-admin.css);
        a screen reader reads it whole."""
        if obj.issuing_office is None:
            return self.get_empty_value_display()
        office = obj.issuing_office
        return format_html(
            '<span title="{}">{}</span>', office, name_in_its_language(office)
        )

    @admin.display(description=_("reference number"))
    def reference_number(self, obj):
        return (obj and obj.reference) or _("Given at first publication.")

    def changeform_view(self, request, *args, **kwargs):
        # The embargo link names the address the editor is using, unless the
        # public one is set: rendered here, while the request's address is known.
        token = request_address.set(public_address(request))
        try:
            response = super().changeform_view(request, *args, **kwargs)
            return response.render() if hasattr(response, "render") else response
        finally:
            request_address.reset(token)

    @admin.display(description=_("embargo link"))
    def embargo_link(self, obj):
        """The secret link for journalists, while the release is scheduled."""
        if obj is None or not obj.is_scheduled:
            return _("Available while the release is scheduled.")
        with override(obj.original_language):
            path = reverse(
                "newsroom:release-embargo", kwargs={"token": obj.embargo_token}
            )
        url = (request_address.get() or public_address()) + path
        return format_html(
            '<a href="{}">{}</a><br><span class="help">{}</span>',
            url,
            url,
            _(
                "Whoever has this link reads the release before its time, under "
                "an embargo notice. Renew it if it leaks."
            ),
        )

    @admin.action(description=_("Renew the embargo link"), permissions=["publish"])
    def renew_embargo_link(self, request, queryset):
        for release in queryset:
            release.embargo_token = new_embargo_token()
            release.save(update_fields=["embargo_token", "revision"])
            record(request.user, Action.EMBARGO_LINK, release, renewed=True)
        self.message_user(request, _("The old embargo links no longer work."))

    def save_model(self, request, obj, form, change):
        # A new correction note dates the correction, unless the editor did.
        note_changed = any(
            name.startswith("correction_note_") for name in form.changed_data
        )
        if note_changed and "corrected_at" not in form.changed_data:
            obj.corrected_at = timezone.now()
        super().save_model(request, obj, form, change)
