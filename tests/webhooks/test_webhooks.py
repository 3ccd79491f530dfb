"""Webhooks as a partner sees them: a signed POST of the ninjs document on
publication, correction, withdrawal and expiry, in the partner's languages and topics,
retried after a 500 and a timeout, its success logged once."""

import json
from urllib.parse import urljoin

import pytest
from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsroom.core.publication import PublicationState, VersionState
from newsroom.webhooks import announcing, sending
from newsroom.webhooks.models import Attempt, Partner, WebhookDelivery
from newsroom.webhooks.tasks import sweep
from tests.api.conftest import full_release, ninjs_errors, press_kit  # noqa: F401
from tests.api.expected import kit_document, webhook_time
from tests.distribution.conftest import work_queue
from tests.factories import ago, ahead, make_release, make_topic

from .receiver import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver():
    with Receiver() as server:
        yield server


def events_and_statuses(receiver):
    """The (event, pubstatus) of each POST received, sorted: sending follows no
    order."""
    return sorted(
        zip(
            (request.headers["X-Newsroom-Event"] for request in receiver.received),
            (document["pubstatus"] for document in documents(receiver)),
            strict=True,
        )
    )


def partner_for(receiver, **fields):
    return Partner.objects.create(name="Agency", url=receiver.url, **fields)


def send_all(now=None):
    """Send every delivery due `now`, as the worker's tasks would."""
    now = now or timezone.now()
    for pk in WebhookDelivery.objects.due(now).values_list("pk", flat=True):
        sending.send(pk, now=now)


def documents(receiver):
    return [json.loads(request.body) for request in receiver.received]


def test_a_publication_is_posted_signed_and_valid(receiver):
    """The partner gets the ninjs document of the version in its language, signed
    with its secret, once however often the release is announced."""
    partner = partner_for(receiver, languages="fr")
    release = make_release("news", versions={"fr": VersionState.READY})
    announcing.announce(release.pk)
    announcing.announce(release.pk)
    send_all()
    [request] = receiver.received
    assert request.signature_is_valid(partner.secret)
    assert not request.signature_is_valid("another secret")
    assert request.headers["X-Newsroom-Event"] == "published"
    assert request.headers["Content-Type"].startswith("application/json")
    document = json.loads(request.body)
    assert ninjs_errors(document) == []
    assert document["language"] == "fr"
    assert document["pubstatus"] == "usable"
    assert document["headlines"][0]["value"] == "news title fr"


def test_the_body_is_the_whole_document(press_kit):  # noqa: F811
    """A partner of French gets the press kit's French ninjs document, every
    field of it, its times to the microsecond, its text unescaped."""
    Partner.objects.create(name="Agency", url="http://127.0.0.1:9/", languages="fr")
    announcing.announce(press_kit.release.pk)
    [body] = WebhookDelivery.objects.values_list("body", flat=True)
    site = urljoin(settings.NEWSROOM_SITE_URL, "/").rstrip("/")
    expected = kit_document(press_kit, "fr", site, when=webhook_time)
    assert json.loads(body) == expected
    assert '"located": "Genève"' in body


def test_a_correction_and_a_withdrawal_follow(receiver, client):
    """A correction sends the corrected text; a withdrawal sends the tombstone
    the API lists (pubstatus canceled), nothing of the text withdrawn (a
    release withdrawn for what it says is not sent to the partners again);
    each is valid ninjs."""
    partner_for(receiver)
    release = make_release("news")
    announcing.announce(release.pk)
    release.correction_note_en = "A figure was wrong."
    release.corrected_at = timezone.now()
    release.save()
    announcing.announce(release.pk)
    release.state = PublicationState.WITHDRAWN
    release.save()
    announcing.announce(release.pk)
    send_all()
    events = [request.headers["X-Newsroom-Event"] for request in receiver.received]
    assert sorted(events) == ["corrected", "published", "withdrawn"]
    by_event = dict(zip(events, documents(receiver), strict=True))
    assert "A figure was wrong." in str(by_event["corrected"]["descriptions"])
    withdrawn = by_event["withdrawn"]
    assert withdrawn["pubstatus"] == "canceled"
    assert withdrawn["uri"] == by_event["published"]["uri"]
    listed = client.get("/api/v1/releases", {"updated_since": "2000-01-01T00:00:00Z"})
    assert [item["ninjs"] for item in listed.json()["items"]] == [withdrawn]
    assert "news title en" not in json.dumps(withdrawn)
    assert all(ninjs_errors(document) == [] for document in by_event.values())


def test_a_withdrawal_carries_the_public_note_in_each_language(receiver):
    """The withdrawal's document in French gives the French public note, in
    Spanish the original's (English), each a "withdrawal" description whose
    HTML names its language; both valid ninjs."""
    partner_for(receiver)
    release = make_release(
        "news", versions={"fr": VersionState.READY, "es": VersionState.READY}
    )
    announcing.announce(release.pk)
    release.state = PublicationState.WITHDRAWN
    release.withdrawal_note_en = "Published in error."
    release.withdrawal_note_fr = "Publié par erreur."
    release.save()
    announcing.announce(release.pk)
    send_all()
    # Each tombstone names its version by its uri, its note by `language`.
    withdrawn = {
        document["uri"].rpartition("/")[2]: document
        for request, document in zip(
            receiver.received, documents(receiver), strict=True
        )
        if request.headers["X-Newsroom-Event"] == "withdrawn"
    }
    notes = {
        lang: [d for d in document["descriptions"] if d["role"] == "withdrawal"]
        for lang, document in withdrawn.items()
    }
    assert notes == {
        lang: [{"role": "withdrawal", "contenttype": "text/html", "value": value}]
        for lang, value in {
            "en": '<p lang="en">Published in error.</p>',
            "fr": '<p lang="fr">Publié par erreur.</p>',
            "es": '<p lang="en">Published in error.</p>',
        }.items()
    }
    assert all(ninjs_errors(document) == [] for document in withdrawn.values())


def test_an_expiry_is_announced_once_as_canceled(receiver):
    """A release that expires after the partners were told of it is announced
    again by the sweep (an expiry makes no save), once, its document canceled;
    one that expired before anyone was told of it sends nothing."""
    partner_for(receiver)
    release = make_release("brief", expires_at=ahead(minutes=5))
    announcing.announce(release.pk)
    make_release("unseen", publish_at=ago(hours=2), expires_at=ago(hours=1))
    assert sweep() == 0
    later = ahead(minutes=6)
    assert sweep(now=later) == 1
    assert sweep(now=later) == 0
    send_all(later)
    events = [request.headers["X-Newsroom-Event"] for request in receiver.received]
    assert sorted(events) == ["expired", "published"]
    by_event = dict(zip(events, documents(receiver), strict=True))
    published, expired = by_event["published"], by_event["expired"]
    assert (published["pubstatus"], expired["pubstatus"]) == ("usable", "canceled")
    assert expired["uri"] == published["uri"]
    # The tombstone, as for a withdrawal: the expired text is not sent again.
    assert "brief title en" not in json.dumps(expired)
    assert ninjs_errors(expired) == []


def test_a_release_public_again_after_its_expiry_is_announced_again(receiver):
    """The partners were told a release expired; the editor moves its expiry
    later (a save): they are told it is usable again, and of its next expiry too,
    each once."""
    partner_for(receiver)
    release = make_release("extended", expires_at=ahead(minutes=5))
    announcing.announce(release.pk)
    expired_at = ahead(minutes=6)
    assert sweep(now=expired_at) == 1
    release.expires_at = ahead(minutes=30)
    release.save()
    assert len(announcing.announce(release.pk, now=ahead(minutes=7))) == 1
    assert announcing.announce(release.pk, now=ahead(minutes=8)) == []
    assert sweep(now=ahead(minutes=31)) == 1
    assert sweep(now=ahead(minutes=32)) == 0
    send_all(ahead(minutes=33))
    assert events_and_statuses(receiver) == [
        ("expired", "canceled"),
        ("expired", "canceled"),
        ("published", "usable"),
        ("published", "usable"),
    ]


def test_a_release_withdrawn_then_published_again_is_announced_again(receiver):
    """The partners were told a release was withdrawn; it is brought back as a
    draft (a revision restored) and published again: they are told it is usable
    again, and of its next withdrawal too, each once."""
    partner_for(receiver)
    release = make_release("back")
    for state in (
        PublicationState.WITHDRAWN,
        PublicationState.DRAFT,
        PublicationState.PUBLISHED,
        PublicationState.WITHDRAWN,
    ):
        announcing.announce(release.pk)
        release.state = state
        release.save()
    assert len(announcing.announce(release.pk)) == 1
    assert announcing.announce(release.pk) == []
    send_all()
    assert events_and_statuses(receiver) == [
        ("published", "usable"),
        ("published", "usable"),
        ("withdrawn", "canceled"),
        ("withdrawn", "canceled"),
    ]


def test_a_release_taken_out_of_view_unannounced_is_withdrawn_without_its_text(
    receiver,
):
    """Brought back as a draft before its withdrawal was announced, or given a
    publish time to come while live: the partners are told it is withdrawn, with
    only what identifies the document they have (nothing of the draft), and
    published again once it is live again."""
    partner_for(receiver)
    reworked, later = make_release("reworked"), make_release("later")
    for release in (reworked, later):
        announcing.announce(release.pk)
    reworked.state = PublicationState.WITHDRAWN
    reworked.save()
    reworked.state = PublicationState.DRAFT
    reworked.title_en = "Draft title, not for partners"
    reworked.save()
    later.publish_at = ahead(hours=1)
    later.save()
    for release in (reworked, later):
        assert len(announcing.announce(release.pk)) == 1
        assert announcing.announce(release.pk) == []
    assert sweep(now=ahead(hours=2)) == 1
    send_all(ahead(hours=2))
    assert events_and_statuses(receiver) == [
        ("published", "usable"),
        ("published", "usable"),
        ("published", "usable"),
        ("withdrawn", "canceled"),
        ("withdrawn", "canceled"),
    ]
    published, withdrawn = set(), set()
    for request, document in zip(receiver.received, documents(receiver), strict=True):
        uri = (document["altids"][0]["value"], document["uri"])
        if request.headers["X-Newsroom-Event"] == "withdrawn":
            assert ninjs_errors(document) == []
            assert "headlines" not in document
            withdrawn.add(uri)
        else:
            published.add(uri)
    assert len(withdrawn) == 2
    assert withdrawn <= published
    assert "Draft title" not in str(documents(receiver))


def test_what_was_never_public_is_never_sent(receiver):
    """A draft, a scheduled release before its time and a release withdrawn
    before anyone was told send nothing; the scheduled one goes at its time."""
    partner_for(receiver)
    draft = make_release("draft", state=PublicationState.DRAFT)
    scheduled = make_release("later", publish_at=ahead(minutes=5))
    withdrawn = make_release("gone", state=PublicationState.WITHDRAWN)
    for release in (draft, scheduled, withdrawn):
        announcing.announce(release.pk)
    assert sweep() == 0
    assert not WebhookDelivery.objects.exists()
    later = ahead(minutes=6)
    assert sweep(now=later) == 1
    send_all(later)
    assert [d["headlines"][0]["value"] for d in documents(receiver)] == [
        "later title en"
    ]


def test_languages_and_topics_choose_what_a_partner_gets(receiver):
    """A partner of one topic gets only its releases; one whose languages the
    release lacks gets the original; one of no language gets every version."""
    topic = make_topic("climate")
    climate = partner_for(receiver)
    climate.topics.set([topic])
    spanish = Partner.objects.create(name="ES", url=receiver.url, languages="es")
    every = Partner.objects.create(name="All", url=receiver.url)
    release = make_release("news", versions={"fr": VersionState.READY})
    announcing.announce(release.pk)
    sent = {
        (d.partner.name, d.language) for d in WebhookDelivery.objects.select_related()
    }
    assert sent == {("ES", "en"), ("All", "en"), ("All", "fr")}
    assert climate.deliveries.count() == 0
    other = make_release("climate", topics=[topic])
    announcing.announce(other.pk)
    assert climate.deliveries.count() == 1
    assert spanish.deliveries.count() == every.deliveries.count() - 1


def test_retries_after_a_500_and_a_timeout_then_logs_success_once(settings):
    """The endpoint fails (500), then times out, then accepts: three attempts
    with the same body, one success logged, and nothing sent after it."""
    settings.WEBHOOK_TIMEOUT_SECONDS = 0.5
    settings.WEBHOOK_RETRY_SECONDS = 0
    with Receiver(script=["error", "slow", "ok"], slow_seconds=2) as receiver:
        partner_for(receiver)
        announcing.announce(make_release("news").pk)
        [delivery] = WebhookDelivery.objects.all()
        results = [sending.send(delivery.pk) for _ in range(5)]
    assert [r.status if r else None for r in results] == [
        "pending",
        "pending",
        "delivered",
        None,
        None,
    ]
    attempts = list(Attempt.objects.filter(delivery=delivery))
    assert [a.status_code for a in attempts] == [500, None, 200]
    assert "timed out" in attempts[1].error
    assert [a.succeeded for a in attempts].count(True) == 1
    assert len({request.body for request in receiver.received}) == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 3 and delivery.delivered_at is not None


def test_the_backoff_doubles_and_the_delivery_fails_in_the_end(settings):
    """Each failure waits twice as long as the one before; after
    WEBHOOK_MAX_ATTEMPTS the delivery fails and is not tried again."""
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    with Receiver(script=["error"] * 5) as receiver:
        partner_for(receiver)
        announcing.announce(make_release("news").pk)
        [delivery] = WebhookDelivery.objects.all()
        waits = []
        for _ in range(3):
            before = timezone.now()
            delivery = sending.send(delivery.pk, now=ahead(days=1))
            if delivery.next_attempt_at:
                waits.append((delivery.next_attempt_at - before).total_seconds())
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert len(receiver.received) == 3
    assert 55 < waits[0] < 65 and 115 < waits[1] < 125


def test_a_worker_that_stopped_mid_send_leaves_the_delivery_to_another(receiver):
    partner_for(receiver)
    announcing.announce(make_release("news").pk)
    delivery = WebhookDelivery.objects.get()
    assert sending.claim(delivery.pk, timezone.now()) is not None
    assert sending.claim(delivery.pk, timezone.now()) is None
    assert sending.recover_stale(ahead(minutes=2)) == 1
    assert sending.send(delivery.pk, now=ahead(minutes=2)).status == "delivered"


def test_a_release_announced_long_ago_is_not_swept_again(receiver):
    partner_for(receiver)
    make_release("old", publish_at=ago(days=30))
    assert sweep() == 0


@pytest.mark.django_db(transaction=True)
def test_the_task_worker_announces_a_saved_release_and_posts_it(receiver):
    """Saving a release queues its announcement through the Tasks API once
    committed; the database backend's worker announces it and POSTs it."""
    partner = partner_for(receiver)
    make_release("news")
    assert DBTaskResult.objects.filter(task_path__endswith="announce_release").exists()
    work_queue()
    [request] = receiver.received
    assert request.signature_is_valid(partner.secret)
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert WebhookDelivery.objects.get().status == "delivered"
