from django.db import models
from django.utils.translation import gettext_lazy as _


class Photo(models.Model):
    """An image of the photo library, with its translated alt text and caption."""

    image = models.ImageField(
        _("image"), upload_to="photos/%Y/%m/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        help_text=_("Describes the image for people who cannot see it."),
    )
    caption = models.TextField(_("caption"), blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    licence = models.CharField(_("copyright or licence"), max_length=200, blank=True)
    focal_x = models.FloatField(_("focal point, horizontal"), default=0.5)
    focal_y = models.FloatField(_("focal point, vertical"), default=0.5)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-created_at"]

    def __str__(self):
        return self.alt_text or self.image.name
