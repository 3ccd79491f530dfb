"""Webhooks for events as a partner sees them: a signed POST of the event's
document, as GET /api/v1/events/{slug} serves it, on publication (a scheduled
one by the sweep), on a change of its date, status or place, and its tombstone
on withdrawal and expiry; each once, to the partners that chose events."""

import datetime
import json

import jsonschema
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import Event
from newsroom.webhooks import announcing
from newsroom.webhooks.models import Partner, WebhookDelivery
from newsroom.webhooks.tasks import sweep
from tests.distribution.conftest import work_queue
from tests.factories import ahead, make_event, make_release, make_topic

from .receiver import Receiver
from .test_webhooks import documents, partner_for, send_all

pytestmark = pytest.mark.django_db

SINCE = "updated_since=2000-01-01T00:00:00Z"


@pytest.fixture
def receiver():
    with Receiver() as server:
        yield server


@pytest.fixture
def site(settings):
    """The site's address is the test client's: the API's documents and the
    webhooks' name the same URLs."""
    settings.NEWSROOM_SITE_URL = "http://testserver/"


def announce(event, now=None):
    return announcing.announce(event.pk, now, kind=announcing.EVENTS)


def schema_errors(client, document, name):
    """What the API's OpenAPI schema says of `document` as its schema `name`."""
    openapi = client.get("/api/v1/openapi.json").json()
    schema = {"$ref": f"#/components/schemas/{name}", **openapi}
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return [error.message for error in validator.iter_errors(document)]


def kinds_and_events(receiver):
    return sorted(
        (request.headers["X-Newsroom-Kind"], request.headers["X-Newsroom-Event"])
        for request in receiver.received
    )


def test_a_live_event_is_posted_signed_as_the_api_serves_it(receiver, client, site):
    """A partner of French gets the bytes GET /api/v1/events/{slug} answers for
    the French version, signed, marked as an event, once however often the
    event is announced."""
    partner = partner_for(receiver, languages="fr")
    event = make_event("briefing", versions={"fr": VersionState.READY})
    announce(event)
    announce(event)
    send_all()
    [request] = receiver.received
    assert request.signature_is_valid(partner.secret)
    assert request.headers["X-Newsroom-Event"] == "published"
    assert request.headers["X-Newsroom-Kind"] == "event"
    served = client.get(f"/api/v1/events/{event.slug_fr}")
    assert request.body == served.content
    document = json.loads(request.body)
    assert document["title"] == "briefing title fr"
    assert schema_errors(client, document, "EventDocument") == []


def test_a_scheduled_event_is_announced_by_the_sweep_once(receiver):
    """A scheduled event sends nothing before its time; at its time two sweeps
    (two workers) announce it once."""
    partner_for(receiver)
    event = make_event("later", publish_at=ahead(minutes=5))
    assert announce(event) == []
    assert sweep() == 0
    later = ahead(minutes=6)
    assert sweep(now=later) == 1
    assert sweep(now=later) == 0
    send_all(later)
    assert kinds_and_events(receiver) == [("event", "published")]
    assert documents(receiver)[0]["title"] == "later title en"


def test_a_change_of_date_status_or_place_is_announced_as_a_correction(
    receiver, client
):
    """Once public, an event whose status, start or venue changes is announced
    as corrected, with the new facts, once each; a change of its description
    alone, or of a draft's dates, is not."""
    partner_for(receiver)
    event = make_event("summit")
    announce(event)
    event.description_en = "<p>More words.</p>"
    event.save()
    assert announce(event) == []
    event.status = Event.Status.POSTPONED
    event.previous_start = event.start
    event.start += datetime.timedelta(days=7)
    event.end += datetime.timedelta(days=7)
    event.save()
    assert len(announce(event)) == 1
    assert announce(event) == []
    event.venue_en = "Another hall"
    event.save()
    assert sweep() == 1
    assert sweep() == 0
    draft = make_event("draft", state=PublicationState.DRAFT)
    draft.start = draft.end = ahead(days=9)
    draft.save()
    assert draft.corrected_at is None and announce(draft) == []
    send_all()
    assert kinds_and_events(receiver) == [
        ("event", "corrected"),
        ("event", "corrected"),
        ("event", "published"),
    ]
    corrected = [
        document
        for request, document in zip(
            receiver.received, documents(receiver), strict=True
        )
        if request.headers["X-Newsroom-Event"] == "corrected"
    ]
    assert sorted((d["status"], d["venue"]) for d in corrected) == [
        ("postponed", "Another hall"),
        ("postponed", "summit venue en"),
    ]
    assert all(schema_errors(client, d, "EventDocument") == [] for d in corrected)


def test_a_withdrawal_sends_the_tombstone_the_api_lists(receiver, client, site):
    """A withdrawn event is announced with the tombstone that the API lists for
    it: its public note, nothing of the text the withdrawal left (a changed
    title)."""
    partner_for(receiver)
    event = make_event("cancelled")
    announce(event)
    event.state = PublicationState.WITHDRAWN
    event.title_en = "Words never public"
    event.withdrawal_note_en = "The briefing is cancelled."
    event.save()
    assert len(announce(event)) == 1
    assert announce(event) == []
    send_all()
    assert kinds_and_events(receiver) == [
        ("event", "published"),
        ("event", "withdrawn"),
    ]
    published, withdrawn = sorted(
        documents(receiver), key=lambda document: document["pubstatus"], reverse=True
    )
    listed = client.get(f"/api/v1/events?{SINCE}").json()["items"]
    assert listed == [withdrawn]
    assert withdrawn == {
        "id": event.pk,
        "uri": published["uri"],
        "pubstatus": "canceled",
        "updated": withdrawn["updated"],
        "withdrawal_note": {"language": "en", "text": "The briefing is cancelled."},
    }
    assert schema_errors(client, withdrawn, "EventTombstone") == []
    assert "Words never public" not in str(documents(receiver))


def test_an_expiry_is_announced_once_as_a_tombstone(receiver, client):
    """An event that expires after the partners were told of it is announced by
    the sweep, once, as its tombstone dated by its expiry."""
    partner_for(receiver)
    expires_at = ahead(minutes=5)
    event = make_event("brief", expires_at=expires_at)
    announce(event)
    later = ahead(minutes=6)
    assert sweep(now=later) == 1
    assert sweep(now=later) == 0
    send_all(later)
    assert kinds_and_events(receiver) == [("event", "expired"), ("event", "published")]
    published, expired = sorted(
        documents(receiver), key=lambda document: document["pubstatus"], reverse=True
    )
    assert expired["uri"] == published["uri"]
    assert expired["pubstatus"] == "canceled" and "title" not in expired
    assert expired["updated"].startswith(expires_at.strftime("%Y-%m-%dT%H:%M:%S"))
    assert schema_errors(client, expired, "EventTombstone") == []


def test_partners_choose_releases_events_or_both(receiver):
    """A partner of releases only gets no event, one of events only no release;
    topics choose releases, not events."""
    topic = make_topic("climate")
    releases = partner_for(receiver, receives=Partner.Receives.RELEASES)
    events = Partner.objects.create(
        name="Calendar", url=receiver.url, receives=Partner.Receives.EVENTS
    )
    both = Partner.objects.create(name="Both", url=receiver.url)
    both.topics.set([topic])
    assert both.receives == Partner.Receives.BOTH
    event = make_event("meeting")
    announce(event)
    announcing.announce(make_release("news").pk)
    announcing.announce(make_release("climate", topics=[topic]).pk)
    assert sweep() == 0
    sent = {
        (delivery.partner.name, delivery.announcement.item.pk, delivery.kind)
        for delivery in WebhookDelivery.objects.select_related(
            "partner", "announcement"
        )
    }
    assert {(name, kind) for name, _pk, kind in sent} == {
        ("Agency", "release"),
        ("Calendar", "event"),
        ("Both", "event"),
        ("Both", "release"),
    }
    assert releases.deliveries.count() == 2
    assert events.deliveries.count() == 1
    assert both.deliveries.count() == 2


def test_no_partner_of_events_no_announcement(receiver):
    """With partners of releases only, an event leaves no announcement: a
    partner who chooses events later gets it from the sweep."""
    partner = partner_for(receiver, receives=Partner.Receives.RELEASES)
    event = make_event("meeting")
    assert announce(event) == []
    assert not event.announcements.exists()
    partner.receives = Partner.Receives.BOTH
    partner.save()
    assert sweep() == 1


def test_the_log_shows_the_event_of_each_delivery(admin_client):
    Partner.objects.create(name="Agency", url="http://127.0.0.1:9/")
    announce(make_event("presser"))
    announcing.announce(make_release("news").pk)
    changelist = admin_client.get(reverse("admin:webhooks_webhookdelivery_changelist"))
    page = changelist.content.decode()
    assert "Event: presser title en" in page
    assert "Press release: news title en" in page


@pytest.mark.django_db(transaction=True)
def test_the_task_worker_announces_a_saved_event_and_posts_it(receiver):
    partner = partner_for(receiver)
    make_event("news")
    assert DBTaskResult.objects.filter(task_path__endswith="announce_event").exists()
    work_queue()
    [request] = receiver.received
    assert request.signature_is_valid(partner.secret)
    assert request.headers["X-Newsroom-Kind"] == "event"


@pytest.mark.django_db(transaction=True)
def test_partners_registered_before_keep_receiving_releases_only():
    """The migration gives the partners that exist receive releases only (what
    they got); a partner registered since receives both."""
    executor = MigrationExecutor(connection)
    before = [("webhooks", "0002_expiry_event")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("webhooks", "Partner")
    old.objects.create(name="Old", url="https://old.example/", secret="s")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Partner.objects.get(name="Old").receives == Partner.Receives.RELEASES
    new = Partner.objects.create(name="New", url="https://new.example/")
    assert new.receives == Partner.Receives.BOTH
