"""What every publishable item's admin shares: tabbed translations with one state
per language, a badge per language in the list, filters by state and by language
version, the publication actions, staff preview links, and an optimistic lock so
that two editors never silently overwrite each other."""

import copy
import datetime
import json

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.forms.models import construct_instance
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst, format_lazy, slugify
from django.utils.translation import gettext, ngettext, override, pgettext
from django.utils.translation import gettext_lazy as _

from newsroom.clearance import slugs
from newsroom.core.admin import TranslatedAdmin
from newsroom.core.batches import batch
from newsroom.core.dates import publish_time
from newsroom.core.languages import LANGUAGE_CODES, LANGUAGE_NAMES, localized
from newsroom.core.periods import FILTER_YEARS, in_filter_years, periods
from newsroom.core.publication import (
    VersionState,
    version_state_field,
)
from newsroom.translations.actions import export_for_translation
from newsroom.translations.registry import field_labels, untranslated_fields

from .actions import MARK_READY_ACTIONS, publish, withdraw
from .clearance import ClearanceAdminMixin

# Forms


class PublishableForm(forms.ModelForm):
    """The optimistic lock: the form carries the revision it was loaded at, and a
    save is refused when the row has moved on since (another editor saved)."""

    loaded_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_revision"].initial = self.instance.revision

    def _update_errors(self, errors):
        """The model's errors on a field this form does not show (the original's
        version state, which is not a choice) go to the top of the form: Django
        raises ValueError for them, a 500 for a form posted without its fields."""
        if hasattr(errors, "error_dict"):
            shown = {}
            for name, messages in errors.error_dict.items():
                key = name if name in self.fields else NON_FIELD_ERRORS
                shown.setdefault(key, []).extend(messages)
            errors = ValidationError(shown)
        super()._update_errors(errors)

    def clean(self):
        cleaned_data = super().clean()
        self.check_revision(cleaned_data.get("loaded_revision"))
        self.check_times(cleaned_data)
        self.fill_slugs(cleaned_data)
        self.check_former_slugs(cleaned_data)
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
        self.check_ready_versions(cleaned_data)
        return cleaned_data

    def check_ready_versions(self, cleaned_data):
        """A ready version has text wherever the original has (the rule of the
        PO import): else its page would show a title over nothing. Checked when
        a version is set ready, and when a ready one has a field emptied."""
        # The item as this form would save it, the instance itself untouched.
        item = construct_instance(self, copy.copy(self.instance))
        for lang in LANGUAGE_CODES:
            name = version_state_field(lang)
            # A version with no title at all has the model's own error.
            if (
                item.translation_state(lang) != VersionState.READY
                or lang in item.unshowable_versions()
            ):
                continue
            missing = untranslated_fields(item, lang)
            if name not in self.changed_data:
                # Text the original gains in this save outdates the version;
                # only a field of the version itself emptied here is refused.
                missing = [
                    f for f in missing if localized(f, lang) in self.changed_data
                ]
            if missing:
                labels = field_labels(type(item), missing)
                self.add_error(
                    name,
                    ngettext(
                        "The original has text in %(fields)s: a ready version "
                        "needs it translated.",
                        "The original has text in %(fields)s: a ready version "
                        "needs them translated.",
                        len(labels),
                    )
                    % {"fields": ", ".join(labels)},
                )

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

    def check_times(self, cleaned_data):
        """A time outside the years the site works with (a slip of the keyboard:
        0001, 9999) is refused: the database cannot hold some of them in UTC,
        and the lists of years would run past the calendar."""
        for name, value in list(cleaned_data.items()):
            if isinstance(value, datetime.datetime) and not in_filter_years(value):
                self.add_error(
                    name,
                    ValidationError(
                        _("Choose a time between the years %(first)d and %(last)d."),
                        code="out_of_range",
                        params={
                            "first": FILTER_YEARS.start,
                            "last": FILTER_YEARS.stop - 1,
                        },
                    ),
                )

    def check_former_slugs(self, cleaned_data):
        """A slug another item once had publicly keeps leading there: it is
        never given to this one."""
        for lang in LANGUAGE_CODES:
            slug = cleaned_data.get(f"slug_{lang}")
            if slug and slugs.taken(self._meta.model, slug, self.instance.pk):
                self.add_error(
                    f"slug_{lang}",
                    _("Another item had this address; it keeps leading there."),
                )

    def fill_slugs(self, cleaned_data):
        """A language with a title and no slug gets one made from its title."""
        for lang in LANGUAGE_CODES:
            slug_field, title = f"slug_{lang}", cleaned_data.get(f"title_{lang}")
            if slug_field in self.fields and title and not cleaned_data.get(slug_field):
                cleaned_data[slug_field] = slugify(title)[:200] or None


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
            if self.value() in VersionState.values:
                return queryset.in_version_state(lang, self.value())
            return queryset

    VersionFilter.__name__ = f"VersionFilter_{lang}"
    return VersionFilter


VERSION_FILTERS = [version_filter(lang) for lang in LANGUAGE_CODES]


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        # Kept for the date hierarchy, which lists the same years when the list
        # is not filtered (BoundedYearChangeList).
        self.found = periods(model_admin.get_queryset(request), "publish_at")
        return [(str(start.year), str(start.year)) for start in reversed(self.found)]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit() or int(value) not in FILTER_YEARS:
            raise IncorrectLookupParameters(value)
        return queryset.filter(publish_at__year=int(value))


class EstimatedCountPaginator(Paginator):
    """On PostgreSQL, the size of a large list from the planner instead of a COUNT
    over every row it matches: the whole table's from its statistics (no query of
    the table), a filtered list's counted exactly up to EXACT_BELOW rows and
    estimated past them (EXPLAIN's rows). Other databases count exactly."""

    # Below this, an exact count costs nothing worth saving.
    EXACT_BELOW = 10_000

    @cached_property
    def count(self):
        if connection.vendor != "postgresql":
            return super().count
        if not self.object_list.query.where:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    [self.object_list.model._meta.db_table],
                )
                (estimate,) = cursor.fetchone()
            if estimate >= self.EXACT_BELOW:
                return estimate
        counted = self.object_list.order_by()[: self.EXACT_BELOW].count()
        if counted < self.EXACT_BELOW:
            return counted
        plan = json.loads(self.object_list.order_by().explain(format="json"))
        return max(counted, int(plan[0]["Plan"]["Plan Rows"]))


class BoundedYearChangeList(ChangeList):
    """Django's date hierarchy fails with a server error on a year at the ends of
    the calendar: such a year is an invalid lookup like any other. When no filter
    or search narrows the list, the hierarchy's years are the year filter's,
    found once."""

    def get_filters(self, request):
        if self.date_hierarchy:
            year = request.GET.get(f"{self.date_hierarchy}__year")
            if year is not None and not (year.isdigit() and int(year) in FILTER_YEARS):
                raise IncorrectLookupParameters(year)
        return super().get_filters(request)

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        year_filters = [s for s in self.filter_specs if isinstance(s, YearFilter)]
        if (
            year_filters
            and self.date_hierarchy == "publish_at"
            and queryset.query.where == self.root_queryset.query.where
        ):
            queryset.known_periods = {("publish_at", "year"): year_filters[0].found}
        return queryset


# Admins


def publication_fieldset(*extra):
    """The change form's publication section, shared by releases, events and pages."""
    fields = [
        "state",
        "publish_at",
        "expires_at",
        "publication",
        "links",
        *extra,
        "withdrawal_note",
        "loaded_revision",
    ]
    return (_("Publication"), {"fields": fields})


class PublishableAdmin(ClearanceAdminMixin, TranslatedAdmin):
    """What releases, events and pages share."""

    form = PublishableForm
    preview_url_name = None
    actions = [publish, withdraw, *MARK_READY_ACTIONS, export_for_translation]
    list_filter = ["state", *VERSION_FILTERS]
    # Large tables: the unfiltered count is estimated on PostgreSQL, and the
    # filtered list does not count the whole table a second time.
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    readonly_fields = ["publication", "links"]
    prepopulated_fields = {"slug": ["title"]}
    # Our own links per ready language replace the single "view on site".
    view_on_site = False
    # A page of the list fits a laptop's screen.
    list_per_page = 20

    class Media:
        css = {"all": ["newsroom/admin/newsroom-admin.css"]}
        js = ["newsroom/admin/office-paste.js"]

    def changeform_view(self, request, *args, **kwargs):
        # Opening a form saves nothing: like Django's own view, in no transaction
        # (SQLite's immediate one would take the write lock, or fail at once on
        # a database that takes no writes).
        if request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
            return super().changeform_view(request, *args, **kwargs)
        # The item, then its inline rows and its links, are saved one after the
        # other: what each save would redo (indexing the item) is done once.
        with batch():
            return super().changeform_view(request, *args, **kwargs)

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
        state = obj.get_state_display()
        if obj.is_scheduled:
            until = gettext("Embargoed until {time}").format(
                time=publish_time(obj.publish_at)
            )
            # The zone ("Europe/Zurich") may break after its slash in a narrow
            # column of the list.
            state = format_html(
                '<span class="nr-embargo">{}</span>',
                mark_safe(escape(until).replace("/", "/<wbr>")),  # noqa: S308
            )
        # A live item's edits waiting for a publisher (annotated by the list's
        # queryset): said under its state rather than in a column of its own.
        if getattr(obj, "has_changes", False):
            return format_html(
                '{}<span class="nr-changes-waiting">{}</span>',
                state,
                _("Changes waiting"),
            )
        return state

    @admin.display(description=_("languages"))
    def languages(self, obj):
        # Compact: the code, coloured by state; the state's name for screen
        # readers and on hover. The original's badge is underlined.
        return format_html_join(
            " ",
            '<a class="nr-badge nr-badge-{}{}" href="{}" title="{}: {}">{}'
            '<span class="nr-badge-state"> · {}</span></a>',
            (
                (
                    obj.translation_state(lang),
                    " nr-badge-original" if lang == obj.original_language else "",
                    self.preview_url(obj, lang),
                    LANGUAGE_NAMES[lang],
                    VersionState(obj.translation_state(lang)).label,
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
        separator = pgettext("label separator", ":")
        rows = []
        for lang in LANGUAGE_CODES:
            # A language not written yet (no title) has nothing to preview: its
            # preview would show the original.
            links = VersionState.MISSING.label
            if obj.field_in("title", lang).strip():
                links = format_html(
                    '<a href="{}">{}</a>', self.preview_url(obj, lang), preview
                )
            if obj.is_live and obj.is_public_in(lang):
                with override(lang):
                    url = obj.get_absolute_url()
                links = format_html(
                    '<a href="{}">{}</a> · {}', url, view_on_site, links
                )
            rows.append((capfirst(LANGUAGE_NAMES[lang]), separator, links))
        return format_html(
            '<ul class="nr-links">{}</ul>',
            format_html_join("", "<li>{}{} {}</li>", rows),
        )
