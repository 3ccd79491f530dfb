"""An uploaded PO file kept between its preview and its confirmation.

It waits in the database, for its uploader only: posting it back in the form would
hit DATA_UPLOAD_MAX_MEMORY_SIZE with a large file, and a process's memory (or the
local-memory cache) is not seen by the worker that gets the confirmation."""

import datetime
import hashlib

from django.utils import timezone

from .models import PendingUpload

UPLOAD_TIMEOUT = datetime.timedelta(hours=1)


def expiry():
    return timezone.now() - UPLOAD_TIMEOUT


def keep_upload(user, content):
    """Keep `content` (bytes) for `user`'s confirmation; return its key. Uploads
    older than UPLOAD_TIMEOUT, anyone's, are removed on the way."""
    PendingUpload.objects.filter(created_at__lt=expiry()).delete()
    digest = hashlib.sha256(content).hexdigest()
    PendingUpload.objects.update_or_create(
        user=user,
        digest=digest,
        defaults={"content": content, "created_at": timezone.now()},
    )
    return digest


def kept_upload(user, digest):
    """The content `user` uploaded under key `digest`, or None (expired, or
    another user's)."""
    content = (
        PendingUpload.objects.filter(user=user, digest=digest, created_at__gte=expiry())
        .values_list("content", flat=True)
        .first()
    )
    return None if content is None else bytes(content)


def forget_upload(user, digest):
    PendingUpload.objects.filter(user=user, digest=digest).delete()
