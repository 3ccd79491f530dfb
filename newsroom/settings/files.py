"""Static files, media (on disk or on S3-compatible object storage) and the caps
on uploaded images and documents."""

import os
from pathlib import Path

from whitenoise.compress import Compressor

from .base import BASE_DIR, DEBUG, env_list

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    # Django's, removing a file the disk could not take whole (newsroom.core.storage).
    "default": {"BACKEND": "newsroom.core.storage.MediaStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# WhiteNoise compresses what collectstatic writes, except what is compressed
# already; source maps (15 of the 36 MB collected) are read by a browser's
# developer tools alone, and not compressing them takes 2 s off every start of
# `make serve` here.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

# Image uploads (newsroom/images/): caps on the file and on the decoded picture,
# and the widths of the renditions in srcset. Pillow's own decompression-bomb limit
# (about 89 megapixels) stays on above the pixel cap, whose default, 40 megapixels,
# is more than a press photo needs: memory grows with pixels, not with file size.
NEWSROOM_IMAGE_MAX_BYTES = int(
    os.environ.get("NEWSROOM_IMAGE_MAX_BYTES", 25 * 1024 * 1024)
)
# The largest PDF document accepted.
NEWSROOM_DOCUMENT_MAX_BYTES = int(
    os.environ.get("NEWSROOM_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)
)
NEWSROOM_IMAGE_MAX_PIXELS = int(os.environ.get("NEWSROOM_IMAGE_MAX_PIXELS", 40_000_000))
NEWSROOM_IMAGE_WIDTHS = [
    int(width)
    for width in env_list("NEWSROOM_IMAGE_WIDTHS", ["480", "800", "1200", "1600"])
]

# Media on S3-compatible object storage (django-storages) when a bucket is named;
# the credentials come from boto3's usual places (AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, or the machine's role). Files are public by URL, never
# listed: their names carry a random part (see the README), so they are cached
# for a year by browsers and the CDN.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000"},
        },
    }
