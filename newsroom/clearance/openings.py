"""The "being edited" hint: who else opened an item's form in the last minutes."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from .models import Opening

RECENT = datetime.timedelta(minutes=10)


def opened(obj, user):
    """Note that `user` opened `obj`; return the others who did recently, with
    the time (latest first)."""
    content_type = ContentType.objects.get_for_model(obj)
    now = timezone.now()
    Opening.objects.update_or_create(
        content_type=content_type,
        object_id=str(obj.pk),
        user=user,
        defaults={"opened_at": now},
    )
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
