"""The newsroom in the admin: press releases, events, pages, topics, media contacts.

Every publishable item gets the same tools: tabbed translations with one state per
language, a badge per language in the list, filters by state and by language
version, actions to publish, withdraw and mark a language ready, staff preview
links, and an optimistic lock so that two editors never silently overwrite each
other.
"""

import zoneinfo

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext, ngettext, override
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from newsroom.admin_translations import export_for_translation
from newsroom.models import (
    ContactPhone,
    Event,
    MediaContact,
    Page,
    PressRelease,
    ReleaseContact,
    Topic,
)
from newsroom.models.releases import new_embargo_token
from newsroom.publication import (
    FILTER_YEARS,
    LANGUAGE_CODES,
    PublicationState,
    VersionState,
    version_state_field,
)
from newsroom.templatetags.press_tags import publish_time

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def in_every_language(*fields):
    """The per-language columns of translated `fields`, for searching."""
    return tuple(f"{field}_{lang}" for field in fields for lang in LANGUAGE_CODES)


# Forms


class PublishableForm(forms.ModelForm):
    """The optimistic lock: the form carries the revision it was loaded at, and a
    save is refused when the row has moved on since (another editor saved)."""

    loaded_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_revision"].initial = self.instance.revision

    def clean(self):
        cleaned_data = super().clean()
        self.check_revision(cleaned_data.get("loaded_revision"))
        self.fill_slugs(cleaned_data)
        original = cleaned_data.get("original_language") or (
            self.instance.original_language
        )
        if f"title_{original}" in self.fields and not cleaned_data.get(
            f"title_{original}"
        ):
            self.add_error(
                f"title_{original}",
                _("The original language needs a title."),
            )
        return cleaned_data

    def check_revision(self, loaded):
        if not self.instance.pk:
            return
        # Locks the row until the admin's transaction commits (PostgreSQL), so
        # that two saves cannot both pass this check.
        current = (
            type(self.instance)
            .objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("revision", flat=True)
            .first()
        )
        if current is not None and loaded != current:
            raise ValidationError(
                _(
                    "Someone else saved this item while you were editing it. Your "
                    "changes have not been saved: open the item again to see "
                    "theirs, then make your changes again."
                ),
                code="stale",
            )

    def fill_slugs(self, cleaned_data):
        """A language with a title and no slug gets one made from its title."""
        for lang in LANGUAGE_CODES:
            slug_field, title = f"slug_{lang}", cleaned_data.get(f"title_{lang}")
            if slug_field in self.fields and title and not cleaned_data.get(slug_field):
                cleaned_data[slug_field] = slugify(title)[:200] or None


class EventTimeField(forms.SplitDateTimeField):
    """A date and time typed on the event's own wall clock: the form sets `zone`
    before cleaning, so that a time is read (and checked to exist) there rather than
    in the site's time zone."""

    zone = None

    def clean(self, value):
        with timezone.override(self.zone or timezone.get_current_timezone()):
            return super().clean(value)


class EventForm(PublishableForm):
    """Start, end and previous start are shown and typed in the event's own time
    zone, not the site's (EventAdmin makes them EventTimeFields)."""

    local_fields = ("start", "end", "previous_start")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.local_fields:
            if name in self.fields:
                self.fields[name].help_text = _("In the event's time zone.")
            value = getattr(self.instance, name, None)
            if self.instance.pk and value:
                local = timezone.localtime(value, self.instance.tzinfo)
                self.initial[name] = local.replace(tzinfo=None)

    def full_clean(self):
        zone = self.posted_time_zone()
        for name in self.local_fields:
            if isinstance(self.fields.get(name), EventTimeField):
                self.fields[name].zone = zone
        super().full_clean()

    def posted_time_zone(self):
        """The time zone the editor chose, or None (its field reports an error)."""
        try:
            return zoneinfo.ZoneInfo(self.data.get(self.add_prefix("time_zone")) or "")
        except (ValueError, zoneinfo.ZoneInfoNotFoundError):
            return None


# List filters


def version_filter(lang):
    """A list filter on the state of the `lang` version; "missing" also finds
    versions never started. Its parameter looks like a choices filter's, so that
    links such as ?version_state_fr__exact=missing work."""

    class VersionFilter(admin.SimpleListFilter):
        title = format_lazy(_("{language} version"), language=LANGUAGE_NAMES[lang])
        parameter_name = f"{version_state_field(lang)}__exact"

        def lookups(self, request, model_admin):
            return VersionState.choices

        def queryset(self, request, queryset):
            value = self.value()
            if value == VersionState.MISSING:
                return queryset.missing_in(lang)
            if value in VersionState.values:
                return queryset.filter(**{version_state_field(lang): value})
            return queryset

    VersionFilter.__name__ = f"VersionFilter_{lang}"
    return VersionFilter


VERSION_FILTERS = [version_filter(lang) for lang in LANGUAGE_CODES]


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates(
            "publish_at", "year", order="DESC"
        )
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit() or int(value) not in FILTER_YEARS:
            raise IncorrectLookupParameters(value)
        return queryset.filter(publish_at__year=int(value))


class BoundedYearChangeList(ChangeList):
    """Django's date hierarchy fails with a server error on a year at the ends of
    the calendar: such a year is an invalid lookup like any other."""

    def get_filters(self, request):
        if self.date_hierarchy:
            year = request.GET.get(f"{self.date_hierarchy}__year")
            if year is not None and not (year.isdigit() and int(year) in FILTER_YEARS):
                raise IncorrectLookupParameters(year)
        return super().get_filters(request)


# Actions


@admin.action(description=_("Publish the selected items"))
def publish(modeladmin, request, queryset):
    """Publish now, or at the publish time already set (a schedule, an embargo).
    Items whose original language is not ready are skipped and named."""
    published, skipped = [], []
    for item in queryset:
        item.state = PublicationState.PUBLISHED
        item.publish_at = item.publish_at or timezone.now()
        try:
            item.clean()
        except ValidationError:
            skipped.append(item)
            continue
        item.save()
        published.append(item)
    if published:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d item published.",
                "%(count)d items published.",
                len(published),
            )
            % {"count": len(published)},
            messages.SUCCESS,
        )
    if skipped:
        modeladmin.message_user(
            request,
            _("Not published, because their original language is not ready: %(items)s.")
            % {"items": ", ".join(str(item) for item in skipped)},
            messages.WARNING,
        )


@admin.action(description=_("Withdraw the selected items"))
def withdraw(modeladmin, request, queryset):
    """Withdrawn items leave the site; the ones that were public answer 410 Gone."""
    items = list(queryset)
    for item in items:
        item.state = PublicationState.WITHDRAWN
        item.save()
    modeladmin.message_user(
        request,
        ngettext("%(count)d item withdrawn.", "%(count)d items withdrawn.", len(items))
        % {"count": len(items)},
        messages.SUCCESS,
    )


def mark_ready_action(lang):
    """The action that marks the `lang` version of each selected item ready;
    an item with no title in that language is skipped and named."""

    def mark_ready(modeladmin, request, queryset):
        marked, skipped = [], []
        for item in queryset:
            item.set_translation_state(lang, VersionState.READY)
            # The rule the change form applies (Publishable.clean).
            if lang in item.unshowable_versions():
                skipped.append(item)
                continue
            item.save()
            marked.append(item)
        language = LANGUAGE_NAMES[lang]
        if marked:
            modeladmin.message_user(
                request,
                ngettext(
                    "%(count)d %(language)s version marked ready.",
                    "%(count)d %(language)s versions marked ready.",
                    len(marked),
                )
                % {"count": len(marked), "language": language},
                messages.SUCCESS,
            )
        if skipped:
            modeladmin.message_user(
                request,
                _("No %(language)s text to mark ready: %(items)s.")
                % {
                    "language": language,
                    "items": ", ".join(str(item) for item in skipped),
                },
                messages.WARNING,
            )

    mark_ready.__name__ = f"mark_ready_{lang}"
    return admin.action(
        description=format_lazy(
            _("Mark the {language} version ready"), language=LANGUAGE_NAMES[lang]
        )
    )(mark_ready)


MARK_READY_ACTIONS = [mark_ready_action(lang) for lang in LANGUAGE_CODES]


# Admins


def publication_fieldset(*extra):
    """The change form's publication section, shared by releases, events and pages."""
    fields = ["state", "publish_at", "publication", "links", *extra, "loaded_revision"]
    return (_("Publication"), {"fields": fields})


class PublishableAdmin(TabbedTranslationAdmin):
    """What releases, events and pages share."""

    form = PublishableForm
    preview_url_name = None
    actions = [publish, withdraw, *MARK_READY_ACTIONS, export_for_translation]
    list_filter = ["state", *VERSION_FILTERS]
    readonly_fields = ["publication", "links"]
    prepopulated_fields = {"slug": ["title"]}
    # Our own links per ready language replace the single "view on site".
    view_on_site = False

    class Media:
        css = {"all": ["newsroom/admin/newsroom-admin.css"]}

    def get_changelist(self, request, **kwargs):
        return BoundedYearChangeList

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # modeltranslation requires the default language's version of a required
        # field; ours is whichever language the item was written in (the form
        # checks it).
        if field is not None and hasattr(db_field, "translated_field"):
            field.required = False
        return field

    @admin.display(description=_("publication"), ordering="state")
    def publication(self, obj):
        if obj.is_scheduled:
            return format_html(
                '<span class="nr-embargo">{}</span>',
                format_lazy(
                    _("Embargoed until {time}"), time=publish_time(obj.publish_at)
                ),
            )
        return obj.get_state_display()

    @admin.display(description=_("languages"))
    def languages(self, obj):
        return format_html_join(
            " ",
            '<a class="nr-badge nr-badge-{}" href="{}" title="{}">{} · {}</a>',
            (
                (
                    obj.translation_state(lang),
                    self.preview_url(obj, lang),
                    LANGUAGE_NAMES[lang],
                    lang.upper(),
                    VersionState(obj.translation_state(lang)).label,
                )
                for lang in LANGUAGE_CODES
            ),
        )

    def preview_url(self, obj, lang):
        with override(lang):
            return reverse(self.preview_url_name, kwargs={"pk": obj.pk})

    @admin.display(description=_("links"))
    def links(self, obj):
        """Per language: the public page when that version is live, and the staff
        preview whatever its state."""
        if obj is None or obj.pk is None:
            return _("Save the item first.")
        # Labels in the editor's language, whatever language each link leads to.
        view_on_site, preview = gettext("View on site"), gettext("Preview")
        rows = []
        for lang in LANGUAGE_CODES:
            public = ""
            if obj.is_live and obj.is_public_in(lang):
                with override(lang):
                    url = obj.get_absolute_url()
                public = format_html('<a href="{}">{}</a> · ', url, view_on_site)
            rows.append(
                (LANGUAGE_NAMES[lang], public, self.preview_url(obj, lang), preview)
            )
        return format_html(
            '<ul class="nr-links">{}</ul>',
            format_html_join("", '<li>{}: {}<a href="{}">{}</a></li>', rows),
        )


class ReleaseContactInline(admin.TabularInline):
    """The release's media contacts, in the order given."""

    model = ReleaseContact
    fields = ["contact", "order"]
    autocomplete_fields = ["contact"]
    extra = 0
    ordering = ["order", "pk"]


@admin.register(PressRelease)
class PressReleaseAdmin(PublishableAdmin):
    preview_url_name = "newsroom:release-preview"
    list_display = [
        "__str__",
        "publication",
        "publish_at",
        "original_language",
        "languages",
        "issuing_office",
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
        "related_event",
        "main_photo",
    ]
    inlines = [ReleaseContactInline]
    readonly_fields = [*PublishableAdmin.readonly_fields, "embargo_link"]
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
                    "version_state",
                ]
            },
        ),
        publication_fieldset("embargo_link"),
        (
            _("Context"),
            {
                "fields": [
                    "issuing_office",
                    "countries",
                    "topics",
                    "people_quoted",
                    "related_event",
                    "main_photo",
                ]
            },
        ),
        (_("Correction"), {"fields": ["correction_note", "corrected_at"]}),
    ]

    @admin.display(description=_("embargo link"))
    def embargo_link(self, obj):
        """The secret link for journalists, while the release is scheduled."""
        if obj is None or not obj.is_scheduled:
            return _("Available while the release is scheduled.")
        with override(obj.original_language):
            path = reverse(
                "newsroom:release-embargo", kwargs={"token": obj.embargo_token}
            )
        url = settings.NEWSROOM_SITE_URL.rstrip("/") + path
        return format_html(
            '<a href="{}">{}</a><br><span class="help">{}</span>',
            url,
            url,
            _(
                "Whoever has this link reads the release before its time, under "
                "an embargo notice. Renew it if it leaks."
            ),
        )

    @admin.action(description=_("Renew the embargo link"))
    def renew_embargo_link(self, request, queryset):
        for release in queryset:
            release.embargo_token = new_embargo_token()
            release.save(update_fields=["embargo_token", "revision"])
        self.message_user(request, _("The old embargo links no longer work."))

    def save_model(self, request, obj, form, change):
        # A new correction note dates the correction, unless the editor did.
        note_changed = any(
            name.startswith("correction_note_") for name in form.changed_data
        )
        if note_changed and "corrected_at" not in form.changed_data:
            obj.corrected_at = timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    form = EventForm
    preview_url_name = "newsroom:event-preview"
    list_display = [
        "__str__",
        "start",
        "status",
        "publication",
        "original_language",
        "languages",
    ]
    list_filter = ["state", "status", *VERSION_FILTERS]
    date_hierarchy = "start"
    search_fields = in_every_language("title", "city", "venue", "slug")
    autocomplete_fields = ["officials", "photo"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "original_language",
                    "title",
                    "slug",
                    "description",
                    "venue",
                    "city",
                    "country",
                    "version_state",
                ]
            },
        ),
        (
            _("Date"),
            {
                "fields": [
                    "start",
                    "end",
                    "time_zone",
                    "all_day",
                    "status",
                    "previous_start",
                ]
            },
        ),
        publication_fieldset(),
        (_("Context"), {"fields": ["officials", "photo"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in EventForm.local_fields:
            kwargs["form_class"] = EventTimeField
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Page)
class PageAdmin(PublishableAdmin):
    preview_url_name = "newsroom:page-preview"
    list_display = [
        "__str__",
        "nav_order",
        "publication",
        "original_language",
        "languages",
    ]
    search_fields = in_every_language("title", "slug")
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "original_language",
                    "title",
                    "slug",
                    "intro",
                    "body",
                    "version_state",
                    "nav_order",
                ]
            },
        ),
        publication_fieldset(),
    ]


@admin.register(Topic)
class TopicAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = in_every_language("name", "slug")
    prepopulated_fields = {"slug": ["name"]}


class ContactPhoneInline(admin.TabularInline):
    model = ContactPhone
    fields = ["kind", "number", "order"]
    extra = 1


@admin.register(MediaContact)
class MediaContactAdmin(TabbedTranslationAdmin):
    list_display = ["name", "job_title", "office", "email", "is_public", "order"]
    list_editable = ["order"]
    list_filter = ["is_public", "office"]
    list_select_related = ["office"]
    search_fields = ["name", "email", *in_every_language("job_title")]
    autocomplete_fields = ["office"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ContactPhoneInline]


# The photo library (thumbnails, focal point) registers itself.
from newsroom import admin_photos  # noqa: E402, F401
