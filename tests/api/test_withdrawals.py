"""Withdrawals and expiries through the API: a client that polls with
`updated_since` learns that a release or an event it could have stored was
withdrawn or has expired, through a tombstone (ninjs pubstatus "canceled") that
names the item and nothing of its text; an item that was never public leaves no
trace, and a plain listing shows live items only."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from newsroom.clearance import workflow
from newsroom.core.publication import PublicationState
from newsroom.models import Event, PressRelease
from tests.factories import EVERY_LANGUAGE, ago, ahead, make_event, make_release

from .conftest import ninjs_errors

pytestmark = pytest.mark.django_db

RELEASES, EVENTS = "/api/v1/releases", "/api/v1/events"


@pytest.fixture
def publisher(db):
    return User.objects.create_superuser("publisher", "publisher@example.org", "x")


def withdraw(item, user, note=""):
    """Withdraw `item` as the admin does: on the row as stored."""
    workflow.withdraw(
        type(item).objects.get(pk=item.pk), user, "Wrong figures", note=note
    )
    return type(item).objects.get(pk=item.pk)


def since(moment):
    return f"updated_since={moment.isoformat().replace('+00:00', 'Z')}"


def at(text, moment):
    """Whether the API's `text` gives `moment` (to the millisecond it keeps)."""
    return abs(parse_datetime(text) - moment) < datetime.timedelta(milliseconds=1)


def items(client, address):
    response = client.get(address)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_a_release_withdrawn_once_live_becomes_a_tombstone(client, publisher):
    """Polled since before its withdrawal, a release that was live is a ninjs
    tombstone: its uri as its live document gave it, its id, pubstatus
    "canceled", the time of the withdrawal and its public note (here the
    original's, the French version having none: the tombstone's language is the
    note's); no other text. A plain listing leaves it out, and its document
    keeps answering 410."""
    release = make_release("gone", versions=EVERY_LANGUAGE)
    live = items(client, f"{RELEASES}?language=fr")[0]["ninjs"]
    start = timezone.now()
    withdrawn = withdraw(release, publisher, note="Published in error.")
    (entry,) = items(client, f"{RELEASES}?language=fr&{since(start)}")
    assert ninjs_errors(entry["ninjs"]) == []
    assert at(entry["ninjs"].pop("versioncreated"), withdrawn.updated_at)
    assert entry == {
        "fallback": False,
        "ninjs": {
            "uri": live["uri"],
            "type": "text",
            "profile": "press-release",
            "pubstatus": "canceled",
            "language": "en",
            "descriptions": [
                {
                    "role": "withdrawal",
                    "contenttype": "text/html",
                    "value": '<p lang="en">Published in error.</p>',
                }
            ],
            "altids": [{"role": "id", "value": str(release.pk)}],
        },
    }
    assert items(client, RELEASES) == []
    assert items(client, f"{RELEASES}?{since(timezone.now())}") == []
    assert client.get(f"{RELEASES}/gone-fr").status_code == 410


def test_live_releases_and_tombstones_share_the_list(client, publisher):
    """The changed live releases and the tombstones come in one list, newest
    publication first, and the cursor walks them all once."""
    first = make_release("first", publish_at=ago(days=3))
    make_release("second", publish_at=ago(days=2))
    make_release("third", publish_at=ago(days=1))
    withdraw(first, publisher)
    url, seen = f"{RELEASES}?{since(ago(days=4))}&limit=1", []
    while url:
        body = client.get(url).json()
        seen += [
            (entry["ninjs"]["pubstatus"], entry["ninjs"]["altids"][0]["value"])
            for entry in body["items"]
        ]
        url = body.get("next")
    assert [status for status, _id in seen] == ["usable", "usable", "canceled"]
    assert seen[-1][1] == str(first.pk)


def test_a_release_never_public_leaves_no_trace(client, publisher):
    """Withdrawn while scheduled (whose time has come since), as a draft or once
    approved with a past publish time, a release is never named: no tombstone,
    and its document answers as an unknown one."""
    scheduled = make_release("scheduled", publish_at=ahead(hours=1))
    withdraw(scheduled, publisher)
    # Its time comes after its withdrawal.
    PressRelease.objects.filter(pk=scheduled.pk).update(
        publish_at=ago(minutes=30), updated_at=ago(hours=1)
    )
    withdraw(make_release("draft", state=PublicationState.DRAFT), publisher)
    approved = make_release(
        "approved", state=PublicationState.APPROVED, publish_at=ago(days=2)
    )
    withdraw(approved, publisher)
    assert items(client, f"{RELEASES}?{since(ago(days=5))}") == []
    for slug in ("scheduled-en", "approved-en"):
        assert client.get(f"{RELEASES}/{slug}").status_code == 404, slug
        assert client.get(f"/en/press-releases/{slug}/").status_code == 404, slug


def test_an_expired_release_becomes_a_tombstone(client):
    """Polled since before its expiry, a release that was live and has expired
    is a tombstone as a withdrawn one is, at the time it expired: a client that
    stored it learns it is no longer to be used. One that expired before it
    went live, or before the time asked for, is not listed."""
    expires_at = ago(hours=1)
    release = make_release(
        "expired",
        publish_at=ago(days=2),
        expires_at=ahead(days=1),
        versions=EVERY_LANGUAGE,
    )
    live = items(client, f"{RELEASES}?language=es")[0]["ninjs"]
    PressRelease.objects.filter(pk=release.pk).update(expires_at=expires_at)
    make_release("never", publish_at=ago(hours=2), expires_at=ago(hours=3))
    make_release("long-gone", publish_at=ago(days=9), expires_at=ago(days=8))
    (entry,) = items(client, f"{RELEASES}?language=es&{since(ago(days=5))}")
    assert ninjs_errors(entry["ninjs"]) == []
    assert at(entry["ninjs"].pop("versioncreated"), expires_at)
    assert entry["ninjs"] == {
        "uri": live["uri"],
        "type": "text",
        "profile": "press-release",
        "pubstatus": "canceled",
        "altids": [{"role": "id", "value": str(release.pk)}],
    }
    assert items(client, RELEASES) == []
    assert items(client, f"{RELEASES}?{since(ago(minutes=30))}") == []


def test_an_expired_event_becomes_a_tombstone(client):
    """As for releases: its id and live uri, at the time it expired."""
    event = make_event("fair", publish_at=ago(days=2))
    live = items(client, EVENTS)[0]
    Event.objects.filter(pk=event.pk).update(expires_at=ago(hours=1))
    (entry,) = items(client, f"{EVENTS}?{since(ago(days=5))}")
    assert at(entry.pop("updated"), Event.objects.get(pk=event.pk).expires_at)
    assert entry == {
        "id": event.pk,
        "uri": live["uri"],
        "pubstatus": "canceled",
        "withdrawal_note": None,
    }


def withdraw_with_notes(item, user):
    """Withdraw `item` (written in English) with its note in English and French."""
    workflow.withdraw(
        type(item).objects.get(pk=item.pk),
        user,
        "Wrong figures",
        note="Published in error.\nSee the corrected one.",
        translations={"fr": "Publié par erreur & remplacé."},
    )


def test_a_tombstone_carries_the_note_in_its_language(client, publisher):
    """Polled in French, the tombstone of a release withdrawn with a French note
    is a valid ninjs document in French whose description of role "withdrawal"
    is that note, marked French; in Spanish, the English one, marked English.
    The document's address answers 410 with the note of its language."""
    release = make_release("pulled", versions=EVERY_LANGUAGE)
    start = timezone.now()
    withdraw_with_notes(release, publisher)
    address = f"{RELEASES}?{since(start)}&language="
    (french,) = items(client, address + "fr")
    assert ninjs_errors(french["ninjs"]) == []
    assert french["ninjs"]["language"] == "fr"
    assert french["ninjs"]["descriptions"] == [
        {
            "role": "withdrawal",
            "contenttype": "text/html",
            "value": '<p lang="fr">Publié par erreur &amp; remplacé.</p>',
        }
    ]
    (spanish,) = items(client, address + "es")
    assert ninjs_errors(spanish["ninjs"]) == []
    assert spanish["ninjs"]["language"] == "en"
    assert spanish["ninjs"]["descriptions"][0]["value"] == (
        '<p lang="en">Published in error.<br>See the corrected one.</p>'
    )
    gone = client.get(f"{RELEASES}/pulled-fr")
    assert gone.status_code == 410
    assert gone.json() == {
        "detail": "This press release was withdrawn.",
        "withdrawal_note": {"language": "fr", "text": "Publié par erreur & remplacé."},
    }
    gone = client.get(f"{RELEASES}/pulled-es").json()
    assert gone["withdrawal_note"]["language"] == "en"


def test_an_event_tombstone_carries_the_note_in_its_language(client, publisher):
    """As for releases, an event's tombstone and 410 answer give the note in the
    language asked for where written in it, else the original's."""
    event = make_event("fair", versions=EVERY_LANGUAGE)
    start = timezone.now()
    withdraw_with_notes(event, publisher)
    (french,) = items(client, f"{EVENTS}?{since(start)}&language=fr")
    assert french["withdrawal_note"] == {
        "language": "fr",
        "text": "Publié par erreur & remplacé.",
    }
    (spanish,) = items(client, f"{EVENTS}?{since(start)}&language=es")
    assert spanish["withdrawal_note"]["language"] == "en"
    gone = client.get(f"{EVENTS}/fair-es")
    assert gone.status_code == 410
    assert gone.json()["withdrawal_note"] == {
        "language": "en",
        "text": "Published in error.\nSee the corrected one.",
    }


def test_an_expired_releases_tombstone_has_no_note(client):
    """A note left from an earlier withdrawal is not public once the release,
    published again, expires."""
    release = make_release("brief", publish_at=ago(days=2), withdrawal_note_en="Old.")
    PressRelease.objects.filter(pk=release.pk).update(expires_at=ago(hours=1))
    (entry,) = items(client, f"{RELEASES}?{since(ago(days=5))}")
    assert "descriptions" not in entry["ninjs"]
    assert client.get(f"{RELEASES}/brief-en").json() == {
        "detail": "This press release was withdrawn."
    }


def test_a_release_withdrawn_after_its_expiry_was_public(client, publisher):
    """Live, then expired without a save, then withdrawn: it was public, so a
    client that stored it gets its tombstone."""
    release = make_release("brief", publish_at=ago(days=2))
    PressRelease.objects.filter(pk=release.pk).update(
        expires_at=ago(hours=1), updated_at=ago(days=2)
    )
    withdraw(release, publisher)
    (entry,) = items(client, f"{RELEASES}?{since(ago(days=5))}")
    assert entry["ninjs"]["pubstatus"] == "canceled"


def test_a_release_public_once_and_back_in_the_workflow_is_a_tombstone(
    client, publisher
):
    """Withdrawn, then brought back as a draft (a revision restored) before the
    client polls again; or, while live, given a publish time to come: it is no
    longer public, so a client that stored it gets its tombstone, and nothing of
    the draft. Published again, it is usable again."""
    reworked = make_release("reworked", versions=EVERY_LANGUAGE)
    later = make_release("later", versions=EVERY_LANGUAGE)
    live = {
        entry["ninjs"]["altids"][0]["value"]: entry for entry in items(client, RELEASES)
    }
    start = timezone.now()
    reworked = withdraw(reworked, publisher)
    reworked.state = PublicationState.DRAFT
    reworked.title_en = "Draft title, not for partners"
    reworked.save()
    later.publish_at = ahead(days=1)
    later.save()
    tombstones = items(client, f"{RELEASES}?{since(start)}")
    assert "Draft title" not in str(tombstones)
    assert {
        entry["ninjs"]["altids"][0]["value"]: (
            entry["ninjs"]["pubstatus"],
            entry["ninjs"]["uri"],
        )
        for entry in tombstones
    } == {pk: ("canceled", entry["ninjs"]["uri"]) for pk, entry in live.items()}
    later.publish_at = ago(minutes=1)
    later.save()
    (entry,) = [
        entry
        for entry in items(client, f"{RELEASES}?{since(start)}")
        if entry["ninjs"]["pubstatus"] == "usable"
    ]
    assert entry["ninjs"]["altids"][0] == {"role": "id", "value": str(later.pk)}


def test_a_tombstone_ignores_the_filters(client, publisher):
    """Topics, offices and countries are text a later draft may change: a
    tombstone is listed whatever they ask, and says nothing of them."""
    release = make_release("gone", countries=["AZ"])
    withdraw(release, publisher)
    (entry,) = items(client, f"{RELEASES}?country=CH&{since(ago(days=5))}")
    assert entry["ninjs"]["altids"] == [{"role": "id", "value": str(release.pk)}]


def test_an_event_withdrawn_once_live_becomes_a_tombstone(client, publisher):
    """As for releases: its id and uri, pubstatus "canceled", the time of the
    withdrawal; an event never public leaves no trace."""
    event = make_event("summit")
    live = items(client, EVENTS)[0]
    withdrawn = withdraw(event, publisher)
    withdraw(make_event("planned", publish_at=ahead(hours=1)), publisher)
    (entry,) = items(client, f"{EVENTS}?{since(ago(days=5))}")
    assert at(entry.pop("updated"), withdrawn.updated_at)
    assert entry == {
        "id": event.pk,
        "uri": live["uri"],
        "pubstatus": "canceled",
        "withdrawal_note": None,
    }
    assert live["pubstatus"] == "usable"
    assert items(client, EVENTS) == []
    assert client.get(f"{EVENTS}/summit-en").status_code == 410


@pytest.mark.parametrize("address", [RELEASES, EVENTS])
def test_tombstones_cost_no_query_per_item(client, publisher, address):
    """The same number of queries with 2 and with 12 tombstones among live
    items."""
    make = make_release if address == RELEASES else make_event
    counts = []
    for size in (2, 10):
        for _index in range(size):
            withdraw(make(), publisher)
            make()
        with CaptureQueriesContext(connection) as context:
            response = client.get(f"{address}?{since(ago(days=5))}&limit=100")
        assert response.status_code == 200
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1]


def test_an_edit_while_live_keeps_the_public_time(publisher):
    """A live item moved to a later publish time by an edit, then withdrawn
    before that time, was public all the same."""
    event = make_event("moved")
    stored = Event.objects.get(pk=event.pk)
    stored.publish_at = ahead(days=1)
    stored.save()
    assert withdraw(stored, publisher).public_publish_at == event.publish_at
