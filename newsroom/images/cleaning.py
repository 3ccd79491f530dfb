"""Cleaning an upload before it is stored: upright, sRGB, no metadata, a safe
and unique name."""

import datetime
import io
import logging
import re
import unicodedata
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.utils.crypto import get_random_string
from django.utils.deconstruct import deconstructible
from PIL import Image, ImageCms, ImageOps

from .validation import FORMATS, PILLOW_FORMATS, validate_image

logger = logging.getLogger(__name__)

SAVE_OPTIONS = {
    "JPEG": {"quality": 90, "optimize": True, "progressive": True},
    "PNG": {},
    "WEBP": {"quality": 90, "method": 4},
}
# A stored name's stem, in bytes of UTF-8: file systems allow 255 per name.
STEM_BYTES = 100
TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"
SRGB = ImageCms.createProfile("sRGB")


def clean_image(file):
    """The upload re-encoded in its own format: EXIF orientation applied, colours
    converted to sRGB, and no metadata at all (EXIF, GPS, XMP, IPTC, comments,
    colour profile). Returns a ContentFile named after the upload."""
    image_format = validate_image(file)
    file.seek(0)
    # At most two decoded copies live at once (a 40-megapixel photo is 120 MB
    # each): every step closes the image it no longer needs.
    image = Image.open(file, formats=PILLOW_FORMATS)
    ImageOps.exif_transpose(image, in_place=True)
    image = replace(image, to_srgb(image))
    if image_format == "JPEG" and image.mode != "RGB":
        image = replace(image, flatten(image))
    # A fresh image object carries no `info` (comments, XMP, EXIF) into save().
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    image.close()
    buffer = io.BytesIO()
    clean.save(buffer, format=image_format, **SAVE_OPTIONS[image_format])
    stem = safe_stem(file.name)
    return ContentFile(buffer.getvalue(), name=f"{stem}.{FORMATS[image_format][0]}")


def replace(old, new):
    """`new`, with `old` closed (its pixels freed) when it is another image."""
    if new is not old:
        old.close()
    return new


def cut_utf8(text, limit):
    """`text` cut to at most `limit` bytes of UTF-8, never inside a character."""
    return text.encode()[:limit].decode(errors="ignore")


def safe_stem(name):
    """The stem of an upload's name, fit for any storage: letters and digits of any
    script, dashes, dots and underscores (spaces become underscores, like Django's
    get_valid_filename), at most STEM_BYTES bytes of UTF-8."""
    stem = unicodedata.normalize("NFC", PurePosixPath(name or "").stem)
    stem = re.sub(r"[^-\w.]", "", stem.strip().replace(" ", "_"))
    return cut_utf8(stem, STEM_BYTES).strip("._-") or "image"


@deconstructible
class UniqueUploadTo:
    """An `upload_to` that adds a short random part to the name, in `folder`
    (strftime codes allowed, as in a string `upload_to`): two uploads of
    "IMG_0001.jpg" never share a name, even on a storage that overwrites files
    instead of renaming them (S3's default)."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        path = PurePosixPath(filename)
        folder = datetime.datetime.now().strftime(self.folder)
        token = get_random_string(8, TOKEN_CHARS)
        return f"{folder}{safe_stem(path.name)}-{token}{path.suffix.lower()}"

    def __eq__(self, other):
        return isinstance(other, UniqueUploadTo) and other.folder == self.folder


def to_srgb(image):
    """`image` in RGB or RGBA, its colours converted from its embedded profile."""
    if image.mode.startswith("I"):
        # 16-bit greyscale (a PNG's I;16): scaled to 8 bits, not clipped at 255.
        image = image.convert("I").point(lambda value: value / 257).convert("L")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            image = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                SRGB,
                outputMode="RGBA" if image.mode == "RGBA" else "RGB",
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            # A broken profile: the pixels are taken as they are, like a browser.
            logger.warning("Ignoring an unreadable colour profile.")
    mode = "RGBA" if has_alpha else "RGB"
    return image if image.mode == mode else image.convert(mode)


def flatten(image, background=(255, 255, 255)):
    """`image` on a white background, for formats without transparency."""
    if image.mode != "RGBA":
        return image.convert("RGB")
    flat = Image.new("RGB", image.size, background)
    flat.paste(image, mask=image.getchannel("A"))
    return flat
