"""Validation of uploads by content: format, size, pixels, integrity."""

from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

# Pillow's format name: (the extension we store, the extensions a name may have).
FORMATS = {
    "JPEG": ("jpg", {"jpg", "jpeg", "jpe", "jfif"}),
    "PNG": ("png", {"png"}),
    "WEBP": ("webp", {"webp"}),
}
# A multi-picture JPEG (some cameras and phones) is a JPEG; its first picture is kept.
PILLOW_FORMATS = ["JPEG", "PNG", "WEBP"]
FORMAT_ALIASES = {"MPO": "JPEG"}
ACCEPT = "image/jpeg,image/png,image/webp"

MESSAGES = {
    "too_large": _("This file is %(size)s; files up to %(limit)s are accepted."),
    "svg": _(
        "SVG drawings are not accepted (they can carry scripts): upload a JPEG, "
        "PNG or WebP image."
    ),
    "not_image": _("This file is not a JPEG, PNG or WebP image."),
    "bomb": _(
        "This image declares far more pixels than it can hold (a possible "
        "decompression bomb), so it was not opened."
    ),
    "too_many_pixels": _(
        "This image is %(width)s × %(height)s pixels; images up to %(limit)s "
        "megapixels are accepted."
    ),
    "wrong_extension": _(
        "This file is a %(format)s image but its name, “%(name)s”, does not end in "
        ".%(extension)s: rename it and upload it again."
    ),
    "corrupt": _(
        "This image is damaged or incomplete (perhaps cut off during the upload): "
        "export it again and upload it."
    ),
}


def refuse(code, **params):
    raise ValidationError(MESSAGES[code], code=code, params=params or None)


def validate_image(file):
    """Refuse anything but an intact JPEG, PNG or WebP image within the size and
    pixel caps, deciding by content; the file name must agree with the content.

    Returns the Pillow format. A file already in storage went through this on its
    way in and is not read again."""
    if getattr(file, "_committed", False):
        return None
    raw = getattr(file, "_file", None) or file
    known = getattr(raw, "_newsroom_format", None)
    if known:
        return known
    name = PurePosixPath(getattr(file, "name", "") or "").name
    if file.size > settings.NEWSROOM_IMAGE_MAX_BYTES:
        refuse(
            "too_large",
            size=filesizeformat(file.size),
            limit=filesizeformat(settings.NEWSROOM_IMAGE_MAX_BYTES),
        )
    file.seek(0)
    head = file.read(2048)
    file.seek(0)
    try:
        image = Image.open(file, formats=PILLOW_FORMATS)
    except Image.DecompressionBombError:
        refuse("bomb")
    except UnidentifiedImageError:
        if has_signature(head):
            refuse("corrupt")
        refuse("svg" if looks_like_svg(head) else "not_image")
    except Exception:
        refuse("corrupt")
    with image:
        image_format = FORMAT_ALIASES.get(image.format, image.format)
        extension, extensions = FORMATS[image_format]
        if PurePosixPath(name).suffix.lower().lstrip(".") not in extensions:
            refuse(
                "wrong_extension", format=image_format, name=name, extension=extension
            )
        width, height = image.size
        if width * height > settings.NEWSROOM_IMAGE_MAX_PIXELS:
            refuse(
                "too_many_pixels",
                width=width,
                height=height,
                limit=round(settings.NEWSROOM_IMAGE_MAX_PIXELS / 1_000_000, 1),
            )
        try:
            image.verify()
        except Exception:
            refuse("corrupt")
    # verify() checks the structure only; decoding every pixel finds a cut-off file.
    file.seek(0)
    try:
        with Image.open(file, formats=PILLOW_FORMATS) as image:
            image.load()
    except Exception:
        refuse("corrupt")
    finally:
        file.seek(0)
    raw._newsroom_format = image_format
    return image_format


def has_signature(head):
    """Whether `head` starts like a JPEG, PNG or WebP file: one Pillow cannot read
    is then damaged rather than something else."""
    return head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")) or (
        head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    )


def looks_like_svg(head):
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return b"<svg" in text and (text.startswith(b"<") or text.startswith(b"\x00"))
