"""What picture.html and portrait.html need: renditions for srcset and the texts in
the visitor's language (with the language each text is in)."""

from dataclasses import dataclass

from django import template

from newsroom import images
from newsroom.publication import translated_text

register = template.Library()

# Cards show small crops: two widths are enough for their srcset.
CROP_WIDTHS = {"card": [400, 800], "square": [160, 320, 640]}
# The default focal point of a portrait: faces sit in the upper half.
PORTRAIT_FOCAL = (0.5, 0.35)
PORTRAIT_WIDTHS = [160, 320, 640]


@dataclass(frozen=True)
class Picture:
    images: images.ImageSet
    alt: str
    alt_lang: str | None
    caption: str = ""
    caption_lang: str | None = None


def crop_options(crop):
    if not crop:
        return {}
    if crop not in images.CROPS:
        raise template.TemplateSyntaxError(f"Unknown crop {crop!r}.")
    return {"ratio": images.CROPS[crop], "widths": CROP_WIDTHS.get(crop)}


@register.simple_tag
def photo_picture(photo, crop=None):
    """The Picture of a newsroom Photo, optionally cropped ("card", "square") around
    its focal point; None without a usable image."""
    if not photo:
        return None
    image_set = images.image_set(
        photo.image, focal=(photo.focal_x, photo.focal_y), **crop_options(crop)
    )
    if image_set is None:
        return None
    alt, alt_lang = photo.alt_in()
    caption, caption_lang = photo.caption_in()
    return Picture(image_set, alt, alt_lang, caption, caption_lang)


@register.simple_tag
def portrait_picture(person, crop=None):
    """The Picture of a person's portrait; its alt text is the person's name when no
    language has one."""
    if not person or not person.portrait:
        return None
    options = {"widths": PORTRAIT_WIDTHS, **crop_options(crop)}
    image_set = images.image_set(person.portrait, focal=PORTRAIT_FOCAL, **options)
    if image_set is None:
        return None
    alt, alt_lang = translated_text(person, "portrait_alt")
    if not alt:
        alt, alt_lang = person.name, None
    return Picture(image_set, alt, alt_lang)
