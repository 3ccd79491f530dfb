"""The image pipeline every upload goes through: validation, cleaning, renditions.

Imports no app's models, so newsroom's `Photo` and organisation's portraits share it:
a model declares a `CleanImageField` and its app's `ready()` calls `connect()`.

Photos may show vulnerable people: a stored original never keeps its EXIF (GPS
position, camera, maker notes), XMP, IPTC or comments. Everything goes through
Django's storage API, so a remote storage can replace the file system.
"""

import datetime
import hashlib
import io
import logging
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.signals import post_delete, post_init, post_save
from django.template.defaultfilters import filesizeformat
from django.utils.crypto import get_random_string
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

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
SAVE_OPTIONS = {
    "JPEG": {"quality": 90, "optimize": True, "progressive": True},
    "PNG": {},
    "WEBP": {"quality": 90, "method": 4},
}
RENDITION_OPTIONS = {
    "jpeg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
    "webp": ("WEBP", {"quality": 80, "method": 4}),
}
# Crops by name, as width:height.
CROPS = {"card": (3, 2), "square": (1, 1)}
RENDITIONS_ROOT = "renditions"
# How long a rendition is known to exist without asking the storage again.
CACHE_SECONDS = 60 * 60
# How long a source that could not be read is not tried again.
FAILURE_SECONDS = 5 * 60
# A stored name's stem, in bytes of UTF-8: file systems allow 255 per name.
STEM_BYTES = 100
TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"

# The renditions the site shows, by use: (crop, widths), None for the configured
# widths. Templates and the admin ask for these, and they are made as soon as an
# upload (or a focal point change) is committed, so that no visitor waits for them.
CARD_WIDTHS = (400, 800)
PORTRAIT_WIDTHS = (160, 320, 640)
THUMBNAIL_WIDTH = 160
PREVIEW_WIDTH = 800
USES = {
    "page": (None, None),
    "card": ("card", CARD_WIDTHS),
    "square": ("square", PORTRAIT_WIDTHS),
    "portrait": (None, PORTRAIT_WIDTHS),
    "thumbnail": (None, (THUMBNAIL_WIDTH,)),
    "preview": (None, (PREVIEW_WIDTH,)),
}
# The default focal point of a portrait: faces sit in the upper half.
PORTRAIT_FOCAL = (0.5, 0.35)
# The uses of each image field, and the focal point of those without focal fields
# (connect() may be given others).
FIELD_USES = {
    "newsroom.Photo.image": ("page", "card", "thumbnail", "preview"),
    "organisation.Person.portrait": ("square",),
}
FIELD_FOCAL = {"organisation.Person.portrait": PORTRAIT_FOCAL}
SRGB = ImageCms.createProfile("sRGB")

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


# Validation


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


# Cleaning


def clean_image(file):
    """The upload re-encoded in its own format: EXIF orientation applied, colours
    converted to sRGB, and no metadata at all (EXIF, GPS, XMP, IPTC, comments,
    colour profile). Returns a ContentFile named after the upload."""
    image_format = validate_image(file)
    file.seek(0)
    with Image.open(file, formats=PILLOW_FORMATS) as source:
        image = to_srgb(ImageOps.exif_transpose(source))
    if image_format == "JPEG" and image.mode != "RGB":
        image = flatten(image)
    # A fresh image object carries no `info` (comments, XMP, EXIF) into save().
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    buffer = io.BytesIO()
    clean.save(buffer, format=image_format, **SAVE_OPTIONS[image_format])
    stem = safe_stem(file.name)
    return ContentFile(buffer.getvalue(), name=f"{stem}.{FORMATS[image_format][0]}")


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


# Fields


class CleanImageFormField(forms.ImageField):
    """The form side: our validator's clear messages instead of Django's generic
    one, and a file chooser limited to the accepted formats."""

    default_validators = []

    def to_python(self, data):
        file = forms.FileField.to_python(self, data)
        if file is not None:
            validate_image(file)
        return file

    def widget_attrs(self, widget):
        attrs = forms.FileField.widget_attrs(self, widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ACCEPT
        return attrs


class CleanImageField(models.ImageField):
    """An ImageField whose uploads are validated, then cleaned before anything is
    written to storage, whichever path saves them (forms, admin, scripts)."""

    default_validators = [validate_image]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 255)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CleanImageFormField, **kwargs})

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        # Django reads the size of an upload as soon as it is assigned, before any
        # validation: a bomb or a damaged file must reach the validator instead.
        try:
            super().update_dimension_fields(instance, force, *args, **kwargs)
        except Exception:
            for field in (self.width_field, self.height_field):
                if field:
                    setattr(instance, field, None)

    def pre_save(self, model_instance, add):
        file = models.Field.pre_save(self, model_instance, add)
        if file and not file._committed:
            cleaned = clean_image(file)
            # Saving assigns the cleaned file, which updates width and height.
            file.save(cleaned.name, cleaned, save=False)
            file = getattr(model_instance, self.attname)
        return file


# Renditions


@dataclass(frozen=True)
class Rendition:
    name: str
    url: str
    width: int
    height: int
    format: str


@dataclass(frozen=True)
class ImageSet:
    """The renditions of one image for a <picture>: WebP and JPEG, several widths."""

    webp: tuple
    jpeg: tuple

    @property
    def webp_srcset(self):
        return srcset(self.webp)

    @property
    def jpeg_srcset(self):
        return srcset(self.jpeg)

    @property
    def fallback(self):
        """The JPEG for browsers without srcset: the largest up to 800 pixels."""
        small = [r for r in self.jpeg if r.width <= 800]
        return small[-1] if small else self.jpeg[0]

    @property
    def width(self):
        return self.fallback.width

    @property
    def height(self):
        return self.fallback.height


def srcset(renditions):
    return ", ".join(f"{r.url} {r.width}w" for r in renditions)


def source_size(fieldfile):
    """The stored image's size, from the model's width and height fields when it has
    them (no file read)."""
    field, instance = fieldfile.field, fieldfile.instance
    width = getattr(instance, field.width_field, None) if field.width_field else None
    height = getattr(instance, field.height_field, None) if field.height_field else None
    if width and height:
        return width, height
    return fieldfile.width, fieldfile.height


def crop_box(size, ratio, focal):
    """The largest box of `ratio` (width, height) within `size`, centred on the
    focal point (fractions of width and height) as far as the edges allow."""
    width, height = size
    if ratio is None:
        return (0, 0, width, height)
    target = ratio[0] / ratio[1]
    if width / height > target:
        box_width, box_height = round(height * target), height
    else:
        box_width, box_height = width, round(width / target)
    left = min(max(focal[0] * width - box_width / 2, 0), width - box_width)
    top = min(max(focal[1] * height - box_height / 2, 0), height - box_height)
    left, top = round(left), round(top)
    return (left, top, left + box_width, top + box_height)


def renditions_folder(source_name):
    """Where the renditions of `source_name` live: one folder per source file. A
    long name is cut, with a digest of the whole name to tell it apart."""
    path = PurePosixPath(source_name)
    folder = path.name.replace(".", "-")
    if len(folder.encode()) > STEM_BYTES + 20:
        digest = hashlib.sha256(path.name.encode()).hexdigest()[:10]
        folder = f"{cut_utf8(folder, STEM_BYTES)}-{digest}"
    return str(PurePosixPath(RENDITIONS_ROOT, path.parent, folder))


def plan_renditions(source_name, size, *, ratio=None, focal=(0.5, 0.5), widths=None):
    """The renditions an image needs, as (name, box, width, height, format).

    Names are derived from the source name and size, the crop (with the focal
    point) and the output size, so a rendition is made once and reused until one
    of them changes."""
    box = crop_box(size, ratio, focal)
    box_width, box_height = box[2] - box[0], box[3] - box[1]
    wanted = sorted(widths or settings.NEWSROOM_IMAGE_WIDTHS)
    chosen = [w for w in wanted if w < box_width]
    chosen.append(min(box_width, wanted[-1]))
    chosen = sorted(set(chosen))
    crop = f"crop-{ratio[0]}x{ratio[1]}-" if ratio else ""
    identity = f"{source_name}:{size[0]}x{size[1]}"
    if ratio:
        identity += f":{ratio[0]}x{ratio[1]}:{focal[0]:.4f},{focal[1]:.4f}"
    key = hashlib.sha256(identity.encode()).hexdigest()[:10]
    folder = renditions_folder(source_name)
    plan = []
    for output in ("webp", "jpeg"):
        extension = "jpg" if output == "jpeg" else output
        for width in chosen:
            height = max(1, round(width * box_height / box_width))
            name = f"{folder}/{crop}{width}w-{key}.{extension}"
            plan.append((name, box, width, height, output))
    return plan


def use_options(use, focal=(0.5, 0.5)):
    """image_set()'s options for one of the USES."""
    crop, widths = USES[use]
    return {"ratio": CROPS[crop] if crop else None, "focal": focal, "widths": widths}


def image_set(fieldfile, *, ratio=None, focal=(0.5, 0.5), widths=None):
    """The ImageSet of a stored image, making the renditions that do not exist yet.
    None when there is no image or its file cannot be read; such a failure is
    logged once and remembered for FAILURE_SECONDS instead of being retried on
    every view."""
    if not fieldfile:
        return None
    storage = fieldfile.storage
    if cache.get(failure_key(fieldfile.name)):
        return None
    try:
        size = source_size(fieldfile)
        plan = plan_renditions(
            fieldfile.name, size, ratio=ratio, focal=focal, widths=widths
        )
        missing = missing_renditions(storage, plan)
        if missing:
            make_renditions(fieldfile, missing)
    except (OSError, TypeError, ValueError, Image.DecompressionBombError) as error:
        logger.warning(
            "Cannot make renditions of %s (%s: %s); not trying again for %s s.",
            fieldfile.name,
            type(error).__name__,
            error,
            FAILURE_SECONDS,
        )
        cache.set(failure_key(fieldfile.name), True, FAILURE_SECONDS)
        return None
    made = [
        Rendition(name, storage.url(name), width, height, output)
        for name, _box, width, height, output in plan
    ]
    return ImageSet(
        webp=tuple(r for r in made if r.format == "webp"),
        jpeg=tuple(r for r in made if r.format == "jpeg"),
    )


def cache_key(name):
    return "newsroom-rendition:" + hashlib.sha256(name.encode()).hexdigest()


def failure_key(name):
    return "newsroom-rendition-failure:" + hashlib.sha256(name.encode()).hexdigest()


def missing_renditions(storage, plan):
    """The planned renditions not in storage. Known ones are remembered in the cache,
    so a page view does not ask a remote storage about each of them."""
    keys = {cache_key(item[0]): item for item in plan}
    known = cache.get_many(keys)
    found, missing = {}, []
    for key, item in keys.items():
        if key in known:
            continue
        if storage.exists(item[0]):
            found[key] = True
        else:
            missing.append(item)
    cache.set_many(found, CACHE_SECONDS)
    return missing


def make_renditions(fieldfile, plan):
    """Make the renditions of `plan`, reading the source once. A JPEG is decoded
    at the smallest scale (1/2, 1/4 or 1/8) still twice as large as each rendition
    needs, which makes small renditions of large photos many times faster."""
    storage = fieldfile.storage
    with storage.open(fieldfile.name, "rb") as stored:
        data = stored.read()
    by_scale = {}
    for item in plan:
        box, width = item[1], item[2]
        by_scale.setdefault(draft_scale(width / (box[2] - box[0])), []).append(item)
    for scale, items in sorted(by_scale.items()):
        with Image.open(io.BytesIO(data)) as source:
            full_size = source.size
            if scale < 1 and source.format == "JPEG":
                source.draft(source.mode, [math.ceil(v * scale) for v in full_size])
            source.load()
            factors = [v / full for v, full in zip(source.size, full_size, strict=True)]
            save_renditions(storage, source, items, factors)


def draft_scale(ratio):
    """The smallest of 1/8, 1/4, 1/2 and 1 at least twice `ratio` (a rendition's
    width over its box's)."""
    return next((scale for scale in (1 / 8, 1 / 4, 1 / 2) if scale >= 2 * ratio), 1)


def save_renditions(storage, source, plan, factors):
    """Save the renditions of `plan` from `source`, decoded at `factors` (width,
    height) of the size the plan's boxes are measured in."""
    resized = {}  # The WebP and the JPEG of a size share one resize.
    for name, box, width, height, output in plan:
        if (box, width, height) not in resized:
            scaled = tuple(value * factors[i % 2] for i, value in enumerate(box))
            resized[box, width, height] = source.resize(
                (width, height), Image.Resampling.LANCZOS, box=scaled, reducing_gap=3.0
            )
        image = resized[box, width, height]
        pillow_format, options = RENDITION_OPTIONS[output]
        if pillow_format == "JPEG":
            image = flatten(image)
        buffer = io.BytesIO()
        image.save(buffer, format=pillow_format, **options)
        saved = storage.save(name, ContentFile(buffer.getvalue()))
        if saved != name:
            # Another request made the same rendition meanwhile: keep theirs.
            storage.delete(saved)
        cache.set(cache_key(name), True, CACHE_SECONDS)


def delete_renditions(storage, source_name, *, crops_only=False):
    """Delete the renditions of `source_name` (only its crops, for a focal change)."""
    folder = renditions_folder(source_name)
    try:
        _folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    names = [
        f"{folder}/{file}"
        for file in files
        if not crops_only or file.startswith("crop-")
    ]
    for name in names:
        storage.delete(name)
    cache.delete_many([cache_key(name) for name in names])


# Keeping storage in step with the database


def connect(model, field_name, focal_fields=None, *, uses=None, focal=None):
    """Keep `model`'s image files in step with its rows: when the image changes,
    the old file and its renditions go and the renditions of its `uses` are made;
    when the focal point moves, the old crops go and the new ones are made; when
    the row is deleted, the file and its renditions go. All of it waits for the
    transaction's commit. Called from the app's `ready()`; `uses` and `focal` (for
    a model without focal fields) default to FIELD_USES and FIELD_FOCAL."""
    label = f"{model._meta.label}.{field_name}"
    uid = f"newsroom.images:{label}"
    uses = FIELD_USES.get(label, ()) if uses is None else uses
    fixed_focal = focal or FIELD_FOCAL.get(label, (0.5, 0.5))

    def state(instance):
        # The name of the stored file: an upload not saved yet has none.
        value = instance.__dict__.get(field_name)
        stored = isinstance(value, str) or getattr(value, "_committed", False)
        name = (getattr(value, "name", value) or "") if stored else ""
        focal = tuple(instance.__dict__.get(f) for f in focal_fields or ())
        return name, focal

    def remember(sender, instance, **kwargs):
        instance._image_state = getattr(instance, "_image_state", {})
        instance._image_state[field_name] = state(instance)

    def after_save(sender, instance, raw=False, **kwargs):
        old_name, old_focal = getattr(instance, "_image_state", {}).get(
            field_name, ("", ())
        )
        name, focal = state(instance)
        storage = model._meta.get_field(field_name).storage
        if old_name and old_name != name:
            transaction.on_commit(lambda: forget_file(model, field_name, old_name))
        elif name and old_focal != focal:
            transaction.on_commit(
                lambda: delete_renditions(storage, name, crops_only=True)
            )
        if name and not raw and (old_name != name or old_focal != focal):
            known = focal_fields and None not in focal
            point = tuple(map(float, focal)) if known else fixed_focal
            transaction.on_commit(
                lambda: make_uses(getattr(instance, field_name), name, uses, point)
            )
        remember(sender, instance)

    def after_delete(sender, instance, **kwargs):
        name, _focal = state(instance)
        if name:
            transaction.on_commit(lambda: forget_file(model, field_name, name))

    post_init.connect(remember, sender=model, weak=False, dispatch_uid=uid)
    post_save.connect(after_save, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(after_delete, sender=model, weak=False, dispatch_uid=uid)


def make_uses(fieldfile, name, uses, focal):
    """Make the renditions of `uses` for a file just saved, decoding it once per
    scale, unless the row has another file by now. Best effort: what fails here is
    made on the first view."""
    if fieldfile.name != name:
        return
    try:
        size = source_size(fieldfile)
        plan = {}
        for use in uses:
            options = use_options(use, focal)
            plan.update(
                (item[0], item) for item in plan_renditions(name, size, **options)
            )
        missing = missing_renditions(fieldfile.storage, list(plan.values()))
        if missing:
            make_renditions(fieldfile, missing)
    except Exception as error:
        logger.warning(
            "Cannot make the renditions of %s on upload (%s: %s); they will be "
            "made when first shown.",
            name,
            type(error).__name__,
            error,
        )


def forget_file(model, field_name, name):
    """Delete a stored image and its renditions unless another row still uses it."""
    if model._default_manager.filter(**{field_name: name}).exists():
        return
    storage = model._meta.get_field(field_name).storage
    delete_renditions(storage, name)
    storage.delete(name)
