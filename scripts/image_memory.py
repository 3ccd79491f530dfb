"""Measure the peak memory and time of an image upload: validation, cleaning and
every rendition the site makes on upload, as the admin's save does.

    .venv/bin/python scripts/image_memory.py [--megapixels 49] [--format PNG]

Builds a flat picture of that many pixels (a 49-megapixel grey PNG weighs 47 KB),
then runs the upload in a fresh process and prints its peak resident memory above
the process's size before the upload (getrusage; Pillow's buffers are outside
tracemalloc's reach) and the time taken. Figures, not a test.
"""

import argparse
import io
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(megapixels, image_format, mode):
    from PIL import Image

    side = math.isqrt(int(megapixels * 1_000_000))
    buffer = io.BytesIO()
    Image.new(mode, (side, side), 128).save(buffer, format=image_format)
    return buffer.getvalue()


def upload(path):
    """The upload path of the admin, in this process: prints one JSON line."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.core.exceptions import ValidationError
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from newsroom.images import cleaning, renditions

    data = Path(path).read_bytes()
    name = Path(path).name
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    outcome = "stored"
    try:
        cleaned = cleaning.clean_image(SimpleUploadedFile(name, data))
        stored = default_storage.save(f"photos/{cleaned.name}", cleaned)
        fieldfile = type("Stored", (), {})()
        fieldfile.name, fieldfile.storage = stored, default_storage
        uses = ("page", "card", "square", "thumbnail", "preview")
        size = cleaning.Image.open(default_storage.path(stored)).size
        plan = {}
        for use in uses:
            options = renditions.use_options(use)
            plan.update(
                (item[0], item)
                for item in renditions.plan_renditions(stored, size, **options)
            )
        renditions.make_renditions(
            fieldfile.storage, fieldfile.name, list(plan.values())
        )
        outcome = f"stored, {len(plan)} renditions"
    except ValidationError as error:
        outcome = f"refused: {error.messages[0]}"
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "outcome": outcome,
                "peak_mb": (peak - before) / 1024,
                "seconds": round(seconds, 2),
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megapixels", type=float, default=49)
    parser.add_argument("--format", default="PNG", choices=["PNG", "JPEG", "WEBP"])
    parser.add_argument("--mode", default="L", help="Pillow mode: L (grey), RGB")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.run:
        upload(options.run)
        return
    with tempfile.TemporaryDirectory() as scratch:
        extension = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}[options.format]
        path = Path(scratch, f"flat.{extension}")
        path.write_bytes(build(options.megapixels, options.format, options.mode))
        env = {**os.environ, "MEDIA_ROOT": str(Path(scratch, "media"))}
        result = subprocess.run(
            [sys.executable, __file__, "--run", str(path)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            sys.exit(result.stderr)
        figures = json.loads(result.stdout.splitlines()[-1])
        print(
            f"{options.megapixels:g} MP {options.format} {options.mode}, "
            f"{path.stat().st_size / 1024:.0f} KB: {figures['outcome']}; "
            f"peak memory +{figures['peak_mb']:.0f} MB, {figures['seconds']} s"
        )


if __name__ == "__main__":
    main()
