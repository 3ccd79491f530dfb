from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.core.languages import translated_text
from newsroom.images.cleaning import UniqueUploadTo
from newsroom.images.fields import CleanImageField

FRACTION = [MinValueValidator(0.0), MaxValueValidator(1.0)]


class Photo(models.Model):
    """An image of the photo library, with its translated alt text and caption.

    The stored file has been through newsroom.images: validated, turned upright,
    converted to sRGB and stripped of every piece of metadata."""

    image = CleanImageField(
        _("image"),
        upload_to=UniqueUploadTo("photos/%Y/%m/"),
        width_field="width",
        height_field="height",
        help_text=_(
            "JPEG, PNG or WebP. Location, camera and other metadata are removed "
            "on upload."
        ),
    )
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    original_language = models.CharField(
        _("original language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "The language the alt text and caption were written in; the alt text "
            "is required in it, and shown when a visitor's language has none."
        ),
    )
    # Required in the original language only: see clean().
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_("Describes the image for people who cannot see it."),
    )
    caption = models.TextField(_("caption"), blank=True)
    # A name, in no particular language; the licence is translated.
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    licence = models.CharField(_("copyright or licence"), max_length=200, blank=True)
    focal_x = models.FloatField(
        _("focal point, horizontal"),
        default=0.5,
        validators=FRACTION,
        help_text=_("From 0 (left edge) to 1 (right edge)."),
    )
    focal_y = models.FloatField(
        _("focal point, vertical"),
        default=0.5,
        validators=FRACTION,
        help_text=_("From 0 (top edge) to 1 (bottom edge)."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-created_at"]

    def __str__(self):
        return self.alt_in()[0] or self.image.name

    def name_language(self):
        text, lang = self.alt_in()
        return lang if text else None

    def clean(self):
        super().clean()
        field = f"alt_text_{self.original_language}"
        if not (getattr(self, field, None) or "").strip():
            raise ValidationError(
                {field: _("Describe the image in its original language.")}
            )

    def alt_in(self, lang=None):
        """The alt text a visitor reading `lang` gets, and its language: theirs,
        else the original's, else any other."""
        return translated_text(self, "alt_text", lang)

    def caption_in(self, lang=None):
        return translated_text(self, "caption", lang)

    def licence_in(self, lang=None):
        return translated_text(self, "licence", lang)
