"""The organisation in the admin: every model editable, with tabbed translations,
search in every language, autocomplete on foreign keys and the org chart's order
editable from the lists."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from newsroom.core.admin import (
    NamesInTheirLanguageMixin,
    TabularInline,
    TranslatedAdmin,
)
from newsroom.core.languages import in_every_language

from .models import (
    Appointment,
    Office,
    OrganisationProfile,
    Person,
    Position,
    Region,
    Unit,
)


class AppointmentInline(TabularInline):
    model = Appointment
    extra = 0


class PersonAppointmentInline(AppointmentInline):
    verbose_name_plural = _("positions held")
    fields = ["position", "start", "end", "ended"]
    autocomplete_fields = ["position"]


class PositionAppointmentInline(AppointmentInline):
    verbose_name_plural = _("holders")
    fields = ["person", "start", "end", "ended"]
    autocomplete_fields = ["person"]


@admin.register(OrganisationProfile)
class OrganisationProfileAdmin(TranslatedAdmin):
    """One organisation, one profile: no second one can be added."""

    list_display = ["name", "acronym", "founding_year", "member_states"]
    autocomplete_fields = ["headquarters"]
    # An address typed without a scheme is the organisation's site: https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        return (
            super().has_add_permission(request)
            and not OrganisationProfile.objects.exists()
        )


@admin.register(Region)
class RegionAdmin(TranslatedAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = in_every_language("name")
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Office)
class OfficeAdmin(TranslatedAdmin):
    list_display = ["name", "kind", "city", "country", "region", "order"]
    list_editable = ["order"]
    # The countries that offices have, not all 250 (one DISTINCT query).
    list_filter = ["kind", "region", ("country", CountryFilter)]
    list_select_related = ["region"]
    search_fields = in_every_language("name", "city")
    autocomplete_fields = ["region", "parent"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Unit)
class UnitAdmin(TranslatedAdmin):
    list_display = ["name", "parent", "order"]
    list_editable = ["order"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = in_every_language("name")
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Person)
class PersonAdmin(TranslatedAdmin):
    list_display = ["name", "sort_name", "gender"]
    list_filter = ["gender"]
    search_fields = ["name", "sort_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonAppointmentInline]


@admin.register(Position)
class PositionAdmin(TranslatedAdmin):
    list_display = ["title", "title_feminine", "unit", "office", "rank"]
    list_editable = ["rank"]
    list_filter = [
        ("unit", admin.RelatedOnlyFieldListFilter),
        ("office", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["unit", "office"]
    search_fields = in_every_language("title", "title_feminine")
    autocomplete_fields = ["unit", "office"]
    inlines = [PositionAppointmentInline]


@admin.register(Appointment)
class AppointmentAdmin(NamesInTheirLanguageMixin, admin.ModelAdmin):
    list_display = ["person", "position", "start", "end", "ended"]
    list_filter = ["ended", ("position", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["person", "position"]
    search_fields = ["person__name", *in_every_language("position__title")]
    autocomplete_fields = ["person", "position"]
    date_hierarchy = "start"
