from modeltranslation.translator import TranslationOptions, register

from .models import Office, OrganisationProfile, Person, Position, Region, Unit


@register(OrganisationProfile)
class OrganisationProfileTranslationOptions(TranslationOptions):
    fields = ("name", "acronym", "mission", "boilerplate_heading", "boilerplate")


@register(Region)
class RegionTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Office)
class OfficeTranslationOptions(TranslationOptions):
    fields = ("name", "slug", "city")
    # Per-language slugs are unique: a language without one is NULL, not "".
    empty_values = {"slug": None}


@register(Unit)
class UnitTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("biography", "portrait_alt")


@register(Position)
class PositionTranslationOptions(TranslationOptions):
    fields = ("title", "title_feminine")
