"""Renditions: the resized and cropped copies of a stored image that pages show,
made once through the storage API and named after what they are made from, by the
task worker (tasks.py), never while a visitor waits."""

import hashlib
import io
import logging
import math
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from PIL import Image

from newsroom.worker import enqueue

from .cleaning import STEM_BYTES, cut_utf8, flatten

logger = logging.getLogger(__name__)

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
# How long the renditions a page asked the worker for are not asked for again.
PENDING_SECONDS = 5 * 60

# The renditions the site shows, by use: (crop, widths), None for the configured
# widths. Templates and the admin ask for these, and the worker is asked to make
# them as soon as an upload (or a focal point change) is committed.
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


def image_set(fieldfile, *, ratio=None, focal=(0.5, 0.5), widths=None, make=False):
    """The ImageSet of a stored image. With `make` (off the request path: the
    worker, emails) the missing renditions are made here; without, they are queued
    for the worker and the set holds those ready, with the original as the JPEG
    fallback until one is (the browser downscales it; width and height keep its
    place). None when there is no image or its file cannot be read; such a failure
    is logged once and remembered for FAILURE_SECONDS instead of being retried on
    every view."""
    if not fieldfile:
        return None
    storage = fieldfile.storage
    if cache.get(failure_key(fieldfile.name)):
        return None
    options = {"ratio": ratio, "focal": focal, "widths": widths}
    try:
        size = source_size(fieldfile)
        plan = plan_renditions(fieldfile.name, size, **options)
        missing = missing_renditions(storage, plan)
        if missing and make:
            make_renditions(storage, fieldfile.name, missing)
            missing = []
    except (OSError, TypeError, ValueError, Image.DecompressionBombError) as error:
        remember_failure(fieldfile.name, error)
        return None
    if missing:
        queue_renditions(fieldfile, size, [options])
    ready = [item for item in plan if item not in missing]
    urls = folder_urls(storage, [item[0] for item in ready])
    ready = [
        Rendition(item[0], url, *item[2:])
        for item, url in zip(ready, urls, strict=True)
    ]
    jpeg = tuple(r for r in ready if r.format == "jpeg")
    if not jpeg:
        if not storage.exists(fieldfile.name):
            remember_failure(fieldfile.name, FileNotFoundError("no such file"))
            return None
        # The original, at the size the largest rendition will have.
        largest = plan[-1]
        jpeg = (Rendition(fieldfile.name, fieldfile.url, *largest[2:4], "original"),)
    return ImageSet(webp=tuple(r for r in ready if r.format == "webp"), jpeg=jpeg)


def folder_urls(storage, names):
    """storage.url() of each of `names`, files of one folder whose own names need
    no quoting (renditions): the storage gives the first, and the others share
    its URL but for the file name, unless that URL does not end with it (a
    signed one): then the storage gives each. storage.url() took half the time
    of image_set(), and an S3 storage builds each URL through botocore."""
    if not names:
        return []
    first = storage.url(names[0])
    file = names[0].rpartition("/")[2]
    if not first.endswith(f"/{file}"):
        return [first, *(storage.url(name) for name in names[1:])]
    folder = first.removesuffix(file)
    return [folder + name.rpartition("/")[2] for name in names]


def remember_failure(name, error):
    logger.warning(
        "Cannot make renditions of %s (%s: %s); not trying again for %s s.",
        name,
        type(error).__name__,
        error,
        FAILURE_SECONDS,
    )
    cache.set(failure_key(name), True, FAILURE_SECONDS)


def queue_renditions(fieldfile, size, options, *, again=False):
    """Ask the worker for the renditions of `options` (image_set's options, a
    list) of a stored image, once per PENDING_SECONDS however many pages ask
    (or `again`, as an upload does: a cache that is down must not stop it). The
    upload asks for every use at once, so that its pages need not ask."""
    from .tasks import make_image_renditions  # The task module imports this one.

    options = [
        {
            "ratio": list(option["ratio"]) if option["ratio"] else None,
            "focal": [float(value) for value in option["focal"]],
            "widths": list(option["widths"]) if option["widths"] else None,
        }
        for option in options
    ]
    digest = hashlib.sha256(fieldfile.name.encode()).hexdigest()
    pending = f"newsroom-rendition-pending:{digest}"
    if not cache.add(pending, True, PENDING_SECONDS) and not again:
        return
    field = fieldfile.field
    enqueue(
        make_image_renditions,
        field.model._meta.label,
        field.name,
        fieldfile.name,
        list(size),
        options,
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


def make_renditions(storage, source_name, plan):
    """Make the renditions of `plan`, reading the source once, with one decoded
    picture in memory at a time. A JPEG is decoded at the smallest scale (1/2, 1/4
    or 1/8) still twice as large as each rendition needs (Image.draft), which
    makes small renditions of large photos many times faster and smaller in
    memory; other formats cannot decode at a scale, and are decoded once."""
    with storage.open(source_name, "rb") as stored:
        data = stored.read()
    with Image.open(io.BytesIO(data)) as probe:
        scalable = probe.format == "JPEG"
    by_scale = {}
    for item in plan:
        box, width = item[1], item[2]
        scale = draft_scale(width / (box[2] - box[0])) if scalable else 1
        by_scale.setdefault(scale, []).append(item)
    for scale, items in sorted(by_scale.items()):
        with Image.open(io.BytesIO(data)) as source:
            full_size = source.size
            if scale < 1:
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
