"""The "being edited" hint: who else opened an item's form in the last minutes."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, transaction
from django.utils import timezone

from newsroom.core.database import refuses_writes

from .models import Opening

RECENT = datetime.timedelta(minutes=10)


def opened(obj, user):
    """Note that `user` opened `obj`; return the others who did recently, with
    the time (latest first). A database that takes no writes (a failover, a
    maintenance) leaves the opening unnoted: the hint is a courtesy, and the
    form must still open for reading."""
    content_type = ContentType.objects.get_for_model(obj)
    now = timezone.now()
    try:
        # In a savepoint of its own: a refused write leaves a caller's
        # transaction usable (PostgreSQL aborts a transaction on any error).
        with transaction.atomic():
            Opening.objects.update_or_create(
                content_type=content_type,
                object_id=str(obj.pk),
                user=user,
                defaults={"opened_at": now},
            )
    except DatabaseError as error:
        if not refuses_writes(error):
            raise
    return list(
        Opening.objects.filter(
            content_type=content_type,
            object_id=str(obj.pk),
            opened_at__gte=now - RECENT,
        )
        .exclude(user=user)
        .select_related("user")
        .order_by("-opened_at")
    )
