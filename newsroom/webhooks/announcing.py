"""What to tell the partners about a release or a calendar event, and to whom:
one announcement per event (publication, each correction, withdrawal or other
leaving of public view, expiry, publication again after any of these), made once
whatever the number of workers or saves, and a delivery per matching partner and
language, its body fixed at that moment: a release's ninjs document, an event's
document as the API serves it (its tombstone once withdrawn or expired).

An event's correction is a change of its date, status or place after it went
public (Event.save dates it in `corrected_at`); a release's is a correction note
published (clearance.workflow.publish_changes)."""

import datetime
import json
from urllib.parse import urljoin

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from newsroom.api import schemas
from newsroom.api.documents import (
    event_document,
    event_withdrawal_document,
    events_for_documents,
)
from newsroom.api.ninjs import (
    release_document,
    releases_for_documents,
    withdrawal_document,
)
from newsroom.api.views import as_served
from newsroom.core.publication import PublicationState, live_q
from newsroom.models import Event as CalendarEvent
from newsroom.models import PressRelease

from .models import Announcement, Event, Partner, WebhookDelivery

# The events whose body is the item's tombstone.
GONE = (Event.WITHDRAWN, Event.EXPIRED)


def site_url(path):
    """An absolute URL on the public site: a webhook has no request."""
    return urljoin(settings.NEWSROOM_SITE_URL, path)


def due_events(release, announced, now):
    """The (event, key) pairs `release` (or calendar event) is owed at `now`,
    given `announced`, {(event, key): time} of what was announced: its
    publication once live, a correction made after the last announcement, a
    withdrawal or an expiry of what was announced. A release live again after
    its expiry or its withdrawal was announced (the expiry moved later, a
    revision restored and published) is announced as published again, and
    expires or is withdrawn again, each under the time of the announcement it
    follows."""
    published = announced.get((Event.PUBLISHED, ""))
    last_event, last_at = max(
        ((event, at) for (event, _key), at in announced.items()),
        key=lambda pair: pair[1],
        default=(None, None),
    )
    again = last_at.isoformat() if last_at else ""
    expired = release.expires_at is not None and release.expires_at <= now
    if (
        release.state == PublicationState.PUBLISHED
        and release.publish_at <= now
        and not expired
    ):
        if published is None:
            return [(Event.PUBLISHED, "")]
        if last_event in (Event.EXPIRED, Event.WITHDRAWN):
            return [(Event.PUBLISHED, again)]
        corrected = release.corrected_at
        if corrected and corrected > last_at:
            return [(Event.CORRECTED, corrected.isoformat())]
    elif (
        release.state == PublicationState.WITHDRAWN
        and published is not None
        and last_event != Event.WITHDRAWN
    ):
        return [
            (Event.WITHDRAWN, "" if (Event.WITHDRAWN, "") not in announced else again)
        ]
    elif (
        release.state == PublicationState.PUBLISHED
        and expired
        and published is not None
        and last_event != Event.EXPIRED
    ):
        return [(Event.EXPIRED, "" if (Event.EXPIRED, "") not in announced else again)]
    elif published is not None and last_event not in (Event.WITHDRAWN, Event.EXPIRED):
        # Out of public view otherwise: back in the workflow before its
        # withdrawal was announced, or given a publish time to come.
        return [
            (Event.WITHDRAWN, "" if (Event.WITHDRAWN, "") not in announced else again)
        ]
    return []


def languages_for(partner, release):
    """The versions a partner gets: those of its languages that are public, else
    the original."""
    public = release.public_languages()
    wanted = [lang for lang in (partner.language_list() or public) if lang in public]
    return wanted or [release.original_language]


def as_tombstone(item, event):
    """`item` dated as the API's `updated_since` listing dates its tombstone
    (views.tombstones): listed at the publish time it had while public, gone
    when it expired or was withdrawn."""
    if event == Event.EXPIRED:
        item.listed_at, item.gone_at = item.publish_at, item.expires_at
    else:
        item.listed_at, item.gone_at = item.public_publish_at, item.updated_at
    return item


def document_body(release, lang, event):
    """The release's ninjs document; once withdrawn or expired, its tombstone as
    the API lists it: its public note, nothing else of its text (a release
    withdrawn for what it says is not sent again), nor what a draft written
    since may have changed."""
    if event in GONE:
        tombstone = withdrawal_document(as_tombstone(release, event), lang)
        return as_served(schemas.NinjsTombstone, tombstone, exclude_none=True)
    return json.dumps(release_document(release, lang, site_url), ensure_ascii=False)


class Releases:
    """What announcing a kind of item needs to know of it; behaviour as
    attributes, which Events overrides."""

    model = PressRelease
    # The Announcement's foreign key to it; its deliveries' kind.
    field, name = "release", "release"
    receives = Partner.Receives.RELEASES

    def for_documents(self, queryset):
        return releases_for_documents(queryset)

    def wants(self, partner, release):
        """Whether `partner` follows `release`: its topics (none: all) include one
        of the release's."""
        topics = {topic.pk for topic in partner.topics.all()}
        return not topics or bool(topics & {t.pk for t in release.topics.all()})

    def body(self, release, lang, event):
        return document_body(release, lang, event)


class Events(Releases):
    """Calendar events: no topics, and their documents as the API serves them."""

    model = CalendarEvent
    field, name = "calendar_event", "event"
    receives = Partner.Receives.EVENTS

    def for_documents(self, queryset):
        return events_for_documents(queryset)

    def wants(self, partner, event):
        return True

    def body(self, event, lang, happened):
        """GET /api/v1/events/{slug}'s answer in `lang`; once withdrawn or
        expired, the tombstone the API lists (updated_since), dated as it dates
        them: nothing of a text changed since the partners were told of it."""
        if happened not in GONE:
            return as_served(
                schemas.EventDocument, event_document(event, lang, site_url)
            )
        tombstone = event_withdrawal_document(as_tombstone(event, happened), lang)
        return as_served(schemas.EventTombstone, tombstone)


RELEASES, EVENTS = Releases(), Events()
KINDS = [RELEASES, EVENTS]


def partners_for(item, kind=RELEASES):
    """The partners sent webhooks about `kind` that follow `item`."""
    partners = Partner.objects.receiving(kind.receives).prefetch_related("topics")
    return [partner for partner in partners if kind.wants(partner, item)]


def make_deliveries(announcement, item, now, kind=RELEASES):
    deliveries = []
    for partner in partners_for(item, kind):
        for lang in languages_for(partner, item):
            delivery, created = WebhookDelivery.objects.get_or_create(
                announcement=announcement,
                partner=partner,
                language=lang,
                defaults={
                    "event": announcement.event,
                    "kind": kind.name,
                    "body": kind.body(item, lang, announcement.event),
                    "next_attempt_at": now,
                },
            )
            if created:
                deliveries.append(delivery)
    return deliveries


def announce(item_id, now=None, kind=RELEASES):
    """Make the announcements the release (the `kind` of item) `item_id` is owed
    and their deliveries; queue their sending once committed. The deliveries
    made."""
    # tasks.py imports this module: import its task when needed.
    from .tasks import queue_sending

    now = now or timezone.now()
    item = kind.for_documents(kind.model.objects.filter(pk=item_id)).first()
    if item is None or not Partner.objects.receiving(kind.receives).exists():
        return []
    announced = {(a.event, a.key): a.created_at for a in item.announcements.all()}
    made = []
    for event, key in due_events(item, announced, now):
        with transaction.atomic():
            announcement, created = Announcement.objects.get_or_create(
                **{kind.field: item}, event=event, key=key
            )
            if created:
                made += make_deliveries(announcement, item, now, kind)
    queue_sending([delivery.pk for delivery in made])
    return made


def candidates(now, model=PressRelease):
    """The pks of the items of `model` that may be owed an announcement: gone
    live, corrected, withdrawn or expired within WEBHOOK_MAX_AGE_HOURS (older
    ones are never announced on their own)."""
    horizon = now - datetime.timedelta(hours=settings.WEBHOOK_MAX_AGE_HOURS)
    went_live = live_q(at=now) & Q(publish_at__gte=horizon)
    corrected = live_q(at=now) & Q(corrected_at__gte=horizon)
    announced = model.objects.filter(went_live | corrected)
    gone = model.objects.gone_since(horizon, now)
    return (announced | gone).values_list("pk", flat=True)
