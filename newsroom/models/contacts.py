from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language_info, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField


def validate_language_codes(value):
    unknown = [code for code in value.split() if code not in LANG_INFO]
    if unknown:
        raise ValidationError(
            _("Unknown language codes: %(codes)s."),
            params={"codes": ", ".join(unknown)},
        )


class MediaContactQuerySet(models.QuerySet):
    def public(self):
        """The contacts the public may see; internal ones never appear."""
        return self.filter(is_public=True)


class MediaContact(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    office = models.ForeignKey(
        "organisation.Office",
        verbose_name=_("office"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="media_contacts",
    )
    email = models.EmailField(_("email"), blank=True)
    languages = models.CharField(
        _("languages spoken"),
        max_length=100,
        blank=True,
        validators=[validate_language_codes],
        help_text=_('Language codes separated by spaces, e.g. "en fr ru".'),
    )
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Internal contacts are never shown on the public site."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MediaContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("media contact")
        verbose_name_plural = _("media contacts")
        ordering = ["order", "name"]

    def __str__(self):
        # The admin's pickers and lists tell an internal contact before it is
        # attached; the public site shows only public ones, by name.
        if self.is_public:
            return self.name
        return _("%(name)s (internal)") % {"name": self.name}

    def get_absolute_url(self):
        return reverse("newsroom:contact-list") + f"#{self.slug}"

    def language_names(self):
        return [
            get_language_info(code)["name_translated"]
            for code in self.languages.split()
        ]


class ContactPhone(models.Model):
    class Kind(models.TextChoices):
        WORK = "work", pgettext_lazy("phone number kind", "Office")
        MOBILE = "cell", pgettext_lazy("phone number kind", "Mobile")

    contact = models.ForeignKey(
        MediaContact,
        verbose_name=_("media contact"),
        on_delete=models.CASCADE,
        related_name="phones",
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.WORK
    )
    number = PhoneNumberField(_("number"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")
        ordering = ["order", "pk"]

    def __str__(self):
        return str(self.number)
