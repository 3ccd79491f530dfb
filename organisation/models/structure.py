"""The organisation and its chart: the profile, regions, offices and units."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField

from newsroom.core.languages import fallback_language, slug_url
from newsroom.core.richtext import RichTextField


def check_parent_makes_no_loop(node, message):
    """Refuse a `parent` that is `node` itself or lies under it: the tree would
    become a loop and its nodes would vanish from pages walking it from the top."""
    seen = set()
    parent = node.parent
    while parent is not None and parent.pk not in seen:
        if node.pk is not None and parent.pk == node.pk:
            raise ValidationError({"parent": message})
        seen.add(parent.pk)
        parent = parent.parent


class OrganisationProfile(models.Model):
    """The organisation itself: one row drives the "who we are" page."""

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=20)
    founding_year = models.PositiveSmallIntegerField(
        _("founding year"), null=True, blank=True
    )
    member_states = models.PositiveSmallIntegerField(
        _("member states"), null=True, blank=True
    )
    countries_present = models.PositiveSmallIntegerField(
        _("countries with a presence"), null=True, blank=True
    )
    mission = RichTextField(_("mission statement"), blank=True)
    boilerplate_heading = models.CharField(
        _("boilerplate heading"),
        max_length=200,
        blank=True,
        help_text=_(
            "The heading of the boilerplate, as each language writes it with the "
            "organisation’s name (“About IOM”, “À propos de l’OIM”, “Acerca de la "
            "OIM”). Where it is left empty, a general heading with the acronym is "
            "shown."
        ),
    )
    boilerplate = RichTextField(
        _("boilerplate"),
        blank=True,
        help_text=_(
            "The “About the organisation” paragraph printed after every press "
            "release that does not switch it off."
        ),
    )
    headquarters = models.ForeignKey(
        "Office",
        verbose_name=_("headquarters"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    # The API dates the documents that print the boilerplate by it.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("organisation profile")
        verbose_name_plural = _("organisation profile")

    def __str__(self):
        return self.name

    def name_language(self):
        return fallback_language(self, "name")

    @classmethod
    def current(cls):
        """The profile, or None before one is entered."""
        return cls.objects.select_related("headquarters").order_by("pk").first()


class Region(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["order", "slug"]

    def __str__(self):
        return self.name

    def name_language(self):
        return fallback_language(self, "name")


class Office(models.Model):
    class Kind(models.TextChoices):
        HEADQUARTERS = "headquarters", _("Headquarters")
        REGIONAL = "regional", _("Regional office")
        COUNTRY = "country", _("Country office")
        LIAISON = "liaison", _("Liaison office")
        SPECIAL_LIAISON = "special-liaison", _("Special liaison office")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offices",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent office"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    address = models.TextField(_("postal address"), blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["order", "slug"]
        indexes = [models.Index(fields=["region", "country"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("organisation:office-detail", self.slug)

    def name_language(self):
        return fallback_language(self, "name")

    def clean(self):
        super().clean()
        check_parent_makes_no_loop(
            self,
            _("An office cannot report to itself or to an office that reports to it."),
        )


class Unit(models.Model):
    """An organisational unit: one box of the org chart."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Position among the units of the same parent."),
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["order", "slug"]

    def __str__(self):
        return self.name

    def name_language(self):
        return fallback_language(self, "name")

    def clean(self):
        super().clean()
        check_parent_makes_no_loop(
            self,
            _("A unit cannot be placed under itself or one of its own sub-units."),
        )
