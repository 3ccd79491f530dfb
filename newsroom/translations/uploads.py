"""An uploaded PO file kept between its preview and its confirmation."""

import hashlib

from django.core.cache import cache

# Between the preview and its confirmation the uploaded file waits in the cache,
# for its uploader only: posting it back in the form would hit
# DATA_UPLOAD_MAX_MEMORY_SIZE with a large file.
UPLOAD_TIMEOUT = 60 * 60


def _upload_cache_key(user, digest):
    return f"newsroom:translation-upload:{user.pk}:{digest}"


def keep_upload(user, content):
    """Keep `content` (bytes) for `user`'s confirmation; return its key."""
    digest = hashlib.sha256(content).hexdigest()
    cache.set(_upload_cache_key(user, digest), content, UPLOAD_TIMEOUT)
    return digest


def kept_upload(user, digest):
    """The content `user` uploaded under key `digest`, or None (expired, or
    another user's)."""
    return cache.get(_upload_cache_key(user, digest))


def forget_upload(user, digest):
    cache.delete(_upload_cache_key(user, digest))
