"""What picture.html and portrait.html need: renditions for srcset and the texts in
the visitor's language (with the language each text is in)."""

from dataclasses import dataclass

from django import template
from django.utils.html import format_html

from newsroom.core.languages import translated_text
from newsroom.images import renditions

register = template.Library()


@dataclass(frozen=True)
class Picture:
    images: renditions.ImageSet
    alt: str
    alt_lang: str | None
    caption: str = ""
    caption_lang: str | None = None
    credit: str = ""
    licence: str = ""
    licence_lang: str | None = None


def use_options(crop, default, focal):
    """image_set()'s options for `crop` (or the `default` use without one): the
    uses of newsroom.images, whose renditions are made on upload."""
    if crop and crop not in renditions.CROPS:
        raise template.TemplateSyntaxError(f"Unknown crop {crop!r}.")
    return renditions.use_options(crop or default, focal)


@register.simple_tag
def photo_picture(photo, crop=None):
    """The Picture of a newsroom Photo, optionally cropped ("card", "square") around
    its focal point; None without a usable image."""
    if not photo:
        return None
    image_set = renditions.image_set(
        photo.image, **use_options(crop, "page", (photo.focal_x, photo.focal_y))
    )
    if image_set is None:
        return None
    alt, alt_lang = photo.alt_in()
    caption, caption_lang = photo.caption_in()
    licence, licence_lang = photo.licence_in()
    # The credit is a name, not translated: marked with the photo's original
    # language rather than taken for the page's.
    credit = photo.credit.strip()
    if credit:
        credit = format_html(
            '<span lang="{}">{}</span>', photo.original_language, credit
        )
    return Picture(
        image_set, alt, alt_lang, caption, caption_lang, credit, licence, licence_lang
    )


@register.simple_tag
def portrait_picture(person, crop=None):
    """The Picture of a person's portrait; its alt text is the person's name when no
    language has one."""
    if not person or not person.portrait:
        return None
    image_set = renditions.image_set(
        person.portrait, **use_options(crop, "portrait", renditions.PORTRAIT_FOCAL)
    )
    if image_set is None:
        return None
    alt, alt_lang = translated_text(person, "portrait_alt")
    if not alt:
        alt, alt_lang = person.name, None
    return Picture(image_set, alt, alt_lang)
