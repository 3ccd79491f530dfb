"""What a cached page depends on: the generation of the content (bumped after every
save or delete of a publishable or organisation row) and the next time a page can
change with no save at all (a scheduled release going live, an event ending, an
appointment beginning)."""

import datetime
import logging
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from newsroom.core.build import build
from newsroom.core.publication import PublicationState
from newsroom.images.tasks import renditions_made
from newsroom.models import Event, Page, PressRelease
from organisation.models import Appointment

GENERATION_KEY = "generation"
# The apps whose rows a public page can show.
CONTENT_APPS = {"newsroom", "organisation"}

logger = logging.getLogger(__name__)


def page_cache():
    return caches[settings.NEWSROOM_PAGE_CACHE]


def cache_errors():
    """What a cache may raise that must be a miss: the database cache's errors
    (Redis's are misses already, newsroom.resilience.cache)."""
    return (DatabaseError,)


def current_generation():
    """The generation of the content, made on first use."""
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


# A bump the shared cache did not keep because it was down: when it answers again
# it still holds the pages stored before the change (a withdrawn release among
# them), so this process bumps again before it serves any (retry_lost_bump).
bump_lost = False


def bump_generation():
    """Invalidate every cached page, in every process sharing the cache."""
    global bump_lost
    cache = page_cache()
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
        # A cache whose failures are misses (newsroom.resilience.cache) says
        # nothing when a write is lost: read the generation back. With Redis,
        # the read-back also returns only once Redis has sent the invalidation
        # to every process that keeps the generation (newsroom/resilience/watch.py).
        bump_lost = cache.get(GENERATION_KEY) is None
    except cache_errors():
        bump_lost = True
    if bump_lost:
        logger.warning("The page cache could not be invalidated: retried later")


def retry_lost_bump():
    """True when this process had lost a bump and has just made it again."""
    if not bump_lost:
        return False
    bump_generation()
    return True


def content_changed(sender, **kwargs):
    """After the transaction commits: a request that read the old rows and stores
    its page after the bump stores it under the old generation, which is never
    read again."""
    if sender._meta.app_label in CONTENT_APPS:
        transaction.on_commit(bump_generation, robust=True)


def renditions_changed(sender, **kwargs):
    """Pages that showed an image's original now have its renditions."""
    bump_generation()


def connect_to_content(receiver, uid):
    """Connect `receiver` to every save and many-to-many change, and to the
    deletions of the content apps' models. Deletions per model, and none of a
    many-to-many link: a receiver of every model's deletions keeps Django from
    deleting any row without reading it first (a topic of 50,000 releases read
    its 50,000 links), and a link goes either with its item, whose deletion is
    announced, or with m2m_changed."""
    for signal in (post_save, m2m_changed):
        signal.connect(receiver, dispatch_uid=f"{uid}-{signal!r}")
    for model in apps.get_models():
        if model._meta.app_label in CONTENT_APPS and not model._meta.auto_created:
            post_delete.connect(
                receiver, sender=model, dispatch_uid=f"{uid}-{model._meta.label}"
            )


def connect_signals():
    connect_to_content(content_changed, "page-cache")
    renditions_made.connect(renditions_changed, dispatch_uid="page-cache-renditions")


def next_change_at(now=None):
    """The next time a public page may change with no save: the next publish time
    of a published release, event or page, the next expiry of a live one, the next
    start or end of a live event,
    the next midnight when an appointment begins or ends later. None if nothing is
    scheduled. Each minimum reads one index entry."""
    now = now or timezone.now()
    times = [
        model.objects.filter(
            state=PublicationState.PUBLISHED, publish_at__gt=now
        ).aggregate(next=Min("publish_at"))["next"]
        for model in (PressRelease, Event, Page)
    ]
    times += [
        model.objects.live(now)
        .filter(expires_at__gt=now)
        .aggregate(next=Min("expires_at"))["next"]
        for model in (PressRelease, Event, Page)
    ]
    events = Event.objects.live(now)
    times += [
        events.filter(**{f"{field}__gt": now}).aggregate(next=Min(field))["next"]
        for field in ("start", "end")
    ]
    today = timezone.localdate(now)
    if Appointment.objects.filter(Q(start__gt=today) | Q(end__gte=today)).exists():
        midnight = datetime.datetime.combine(
            today + datetime.timedelta(days=1), datetime.time()
        )
        times.append(timezone.make_aware(midnight))
    return min(filter(None, times), default=None)


NEXT_CHANGE_KEY = "next-change"


def remembered_next_change(generation, now):
    """`next_change_at`, computed once per generation and until it passes (it moves
    only with a save, which bumps the generation)."""
    cache = page_cache()
    remembered = cache.get(NEXT_CHANGE_KEY)
    if remembered is not None:
        for_generation, change = remembered
        if for_generation == generation and (change is None or change > now):
            return change
    change = next_change_at(now)
    cache.set(NEXT_CHANGE_KEY, (generation, change), None)
    return change


def seconds_to_keep(generation, now, seconds=None):
    """How long a page of `generation` built `now` may be kept: the configured
    time (`seconds`, else the page cache's), cut at the next scheduled change."""
    if seconds is None:
        seconds = settings.NEWSROOM_PAGE_CACHE_SECONDS
    change = remembered_next_change(generation, now)
    if change is not None:
        seconds = min(seconds, int((change - now).total_seconds()))
    return max(seconds, 0)


def remember_seconds():
    """The longest a remembered value is kept: NEWSROOM_REMEMBER_SECONDS, or the
    page cache's time when it is None."""
    seconds = settings.NEWSROOM_REMEMBER_SECONDS
    return settings.NEWSROOM_PAGE_CACHE_SECONDS if seconds is None else seconds


def remember(name, compute):
    """compute(), kept for the generation of the content and never past the next
    scheduled change: what many pages share (the release list's filter choices)
    is computed once, not on every request. Kept as long as the page cache
    keeps a page unless NEWSROOM_REMEMBER_SECONDS says otherwise; computed every
    time when that is 0. Kept per build: another build's classes may not read it."""
    seconds = remember_seconds()
    if seconds <= 0:
        return compute()
    cache = page_cache()
    key = f"remember:{build()}:{name}"
    now = timezone.now()
    try:
        generation = current_generation()
        found = cache.get(key)
        if found is not None and found[0] == generation and found[1] > now:
            return found[2]
        value = compute()
        seconds = seconds_to_keep(generation, now, seconds)
        if seconds > 0:
            expires_at = now + datetime.timedelta(seconds=seconds)
            cache.set(key, (generation, expires_at, value), seconds)
        return value
    except cache_errors():
        return compute()
