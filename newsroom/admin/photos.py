"""The photo library in the admin: thumbnails, search by caption and credit,
filters, alt text and caption in language tabs, and a focal point set by clicking
on the image."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.db.models import F, Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from newsroom.core.admin import TranslatedAdmin
from newsroom.core.languages import (
    LANGUAGE_CODES,
    LANGUAGE_NAMES,
    in_every_language,
    in_its_language,
    localized,
)
from newsroom.images.renditions import PREVIEW_WIDTH, THUMBNAIL_WIDTH, image_set
from newsroom.models import Photo


def jpeg_rendition(fieldfile, width):
    """A JPEG rendition of `fieldfile` up to `width` pixels wide, or None."""
    renditions = image_set(fieldfile, widths=(width,))
    return renditions.jpeg[-1] if renditions else None


class FocalPointImageWidget(AdminFileWidget):
    """The file input with the image under it: a click (or the arrow keys) on the
    image sets the form's hidden focal_x and focal_y fields. A newly chosen file is
    previewed at once, so the focal point can be set before the first save."""

    class Media:
        css = {"all": ["newsroom/admin/focal-point.css"]}
        js = ["newsroom/admin/focal-point.js"]

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        preview = jpeg_rendition(value, PREVIEW_WIDTH) if value else None
        return format_html(
            '<div class="focal-point-widget">{html}'
            '<div class="focal-point" data-focal-point{hidden}>'
            '<p class="focal-point-help" id="{name}-focal-help">{help}</p>'
            '<div class="focal-point-frame" tabindex="0" role="group" '
            'aria-label="{label}" aria-describedby="{name}-focal-help">'
            '<img src="{src}" alt="" draggable="false">'
            '<span class="focal-point-marker" aria-hidden="true"></span></div>'
            '<p class="focal-point-value" aria-live="polite">{label}: '
            "<output></output></p></div></div>",
            html=html,
            name=name,
            hidden="" if preview else " hidden",
            help=_(
                "Click the most important point of the photo (or move it with the "
                "arrow keys): crops for cards and lists keep it in view."
            ),
            label=_("Focal point"),
            src=preview.url if preview else "",
        )


class PhotoAdminForm(forms.ModelForm):
    class Meta:
        model = Photo
        # The admin adds the other fields; these are the ones with special widgets.
        fields = ("image", "focal_x", "focal_y")
        widgets = {
            "image": FocalPointImageWidget,
            "focal_x": forms.HiddenInput,
            "focal_y": forms.HiddenInput,
        }


class OrientationFilter(admin.SimpleListFilter):
    title = _("orientation")
    parameter_name = "orientation"

    def lookups(self, request, model_admin):
        return [
            ("landscape", _("Landscape")),
            ("portrait", pgettext_lazy("image orientation", "Portrait")),
            ("square", _("Square")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "landscape":
                return queryset.filter(width__gt=F("height"))
            case "portrait":
                return queryset.filter(width__lt=F("height"))
            case "square":
                return queryset.filter(width=F("height"))
        return queryset


class MissingAltTextFilter(admin.SimpleListFilter):
    """Photos whose alt text a translator still has to write."""

    title = _("alt text missing in")
    parameter_name = "alt_missing"

    def lookups(self, request, model_admin):
        return list(LANGUAGE_NAMES.items())

    def queryset(self, request, queryset):
        if self.value() in LANGUAGE_CODES:
            field = localized("alt_text", self.value())
            return queryset.filter(Q(**{f"{field}__isnull": True}) | Q(**{field: ""}))
        return queryset


@admin.register(Photo)
class PhotoAdmin(TranslatedAdmin):
    form = PhotoAdminForm
    fields = (
        "image",
        "focal_x",
        "focal_y",
        "original_language",
        "alt_text",
        "caption",
        "credit",
        "licence",
    )
    list_display = (
        "thumbnail",
        "description",
        "credit",
        "licence",
        "size",
        "created_at",
    )
    list_display_links = ("thumbnail", "description")
    list_filter = (OrientationFilter, MissingAltTextFilter, "original_language")
    search_fields = (*in_every_language("caption", "alt_text", "licence"), "credit")
    date_hierarchy = "created_at"
    list_per_page = 50

    @admin.display(description=_("thumbnail"))
    def thumbnail(self, photo):
        rendition = jpeg_rendition(photo.image, THUMBNAIL_WIDTH)
        if rendition is None:
            return "—"
        # The thumbnail is the link to the photo's form: its alt text names it.
        text, lang = self.alt_text(photo)
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}"{} loading="lazy" '
            'class="photo-thumbnail">',
            rendition.url,
            rendition.width,
            rendition.height,
            text,
            format_html(' lang="{}"', lang) if lang else "",
        )

    @admin.display(description=_("alt text"), ordering="alt_text")
    def description(self, photo):
        return in_its_language(*self.alt_text(photo))

    def alt_text(self, photo):
        """The photo's alt text in the admin's language or another, and that
        language; the file's name (and no language) while it has none."""
        text, lang = photo.alt_in()
        return (text, lang) if text else (photo.image.name, None)

    @admin.display(description=_("size"))
    def size(self, photo):
        if not photo.width:
            return "—"
        return f"{photo.width} × {photo.height}"
