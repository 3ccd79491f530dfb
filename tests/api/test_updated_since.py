"""`updated_since` and the documents' dates follow what a document prints from
rows besides its item's own: a release is listed, and its `versioncreated`
moves, once a topic, its office, a person it names, a public media contact, a
photo, the related event or a related release changed (or the event or release
stopped being public, or the boilerplate changed); an event likewise once an
official attending changed. A change nothing public shows lists nothing."""

import datetime

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from freezegun import freeze_time

from newsroom.core.publication import PublicationState
from newsroom.models import Photo, PressRelease, Video
from organisation.models import OrganisationProfile
from tests.factories import make_event, make_person, make_release, make_topic
from tests.photos.conftest import upload
from tests.photos.image_files import plain_jpeg

from .test_revalidation import (
    change_boilerplate,
    change_caption,
    expire_related_release,
    move_official,
    rename_contact,
    rename_event,
    rename_office,
    rename_official,
    rename_person,
    rename_topic,
    saved,
    withdraw_event,
    withdraw_related_release,
)

pytestmark = pytest.mark.django_db

RELEASES = "/api/v1/releases"
RELEASE = "/api/v1/releases/full-en"
EVENTS = "/api/v1/events"
EVENT = "/api/v1/events/meeting-en"


def later(seconds):
    return freeze_time(timezone.now() + datetime.timedelta(seconds=seconds))


def since(moment):
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def listed_after(client, address, change, subject, document):
    """(the moment, the items of `address`?updated_since=<the moment>, the
    answer for `document` alone), the moment after every row was written and
    before `change(subject)`, both asked after the change."""
    moment = timezone.now() + datetime.timedelta(seconds=1)
    with later(5):
        change(subject)
    with later(10):
        response = client.get(f"{address}?updated_since={since(moment)}&limit=100")
        alone = client.get(document).json()
    assert response.status_code == 200, response.content
    return moment, response.json()["items"], alone


def releases_listed(client, change, kit):
    """(the moment, {id: document listed}, the kit's document alone)."""
    moment, items, alone = listed_after(client, RELEASES, change, kit, RELEASE)
    documents = {
        int(item["ninjs"]["altids"][0]["value"]): item["ninjs"] for item in items
    }
    return moment, documents, alone


def rename_mentioned(kit):
    saved(kit.release.people_mentioned.get(), name="Ben Renamed")


def rename_speaker(kit):
    """A person quoted in a quote only, not among the people quoted."""
    kit.release.people_quoted.clear()
    PressRelease.objects.filter(pk=kit.release.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=1)
    )
    with later(5):
        saved(kit.release.quotes.get(person__isnull=False).person, name="Ada Speaker")


def recredit_poster(kit):
    video = Video.objects.get(release=kit.release)
    poster = Photo.objects.create(
        image=upload("poster.jpg", plain_jpeg()), alt_text_en="A poster"
    )
    Video.objects.filter(pk=video.pk).update(poster=poster)
    with later(5):
        saved(poster, credit="B. Photographer")


def rename_related_release(kit):
    saved(kit.related, title_en="related renamed en")


PRINTED_CHANGES = [
    rename_topic,
    rename_office,
    rename_person,
    rename_mentioned,
    rename_speaker,
    rename_event,
    withdraw_event,
    rename_contact,
    change_caption,
    recredit_poster,
    rename_related_release,
    withdraw_related_release,
    expire_related_release,
    change_boilerplate,
]


@pytest.mark.parametrize("change", PRINTED_CHANGES, ids=lambda change: change.__name__)
def test_a_release_is_listed_after_what_it_prints_changed(client, press_kit, change):
    """The release's own row did not change; a row its document prints did: it
    is listed, dated at that change (in the list and alone), and no release
    that does not print the row is (the boilerplate ends every release)."""
    moment, listed, alone = releases_listed(client, change, press_kit)
    release = press_kit.release
    assert release.pk in listed
    assert (press_kit.trilingual.pk in listed) == (change is change_boilerplate)
    document = listed[release.pk]
    assert parse_datetime(document["versioncreated"]) >= moment
    assert alone["versioncreated"] == document["versioncreated"]


def rename_internal_contact(kit):
    saved(kit.release.media_contacts.get(is_public=False), name="Hidden renamed")


def rename_draft_related_release(kit):
    saved(PressRelease.objects.get(slug_en="unready-en"), title_en="still a draft")


def rename_unpublished_event(kit):
    event = make_event("plans", state=PublicationState.DRAFT)
    PressRelease.objects.filter(pk=kit.trilingual.pk).update(related_event=event)
    with later(5):
        saved(event, title_en="plans renamed")


def rename_unused_topic(kit):
    topic = make_topic("unused")
    with later(5):
        saved(topic, name_en="still unused")


def nothing(kit):
    pass


UNPRINTED_CHANGES = [
    nothing,
    rename_internal_contact,
    rename_draft_related_release,
    rename_unpublished_event,
    rename_unused_topic,
]


@pytest.mark.parametrize(
    "change", UNPRINTED_CHANGES, ids=lambda change: change.__name__
)
def test_a_change_no_document_prints_lists_nothing(client, press_kit, change):
    """An internal contact, a draft, an unpublished event, a topic of no
    release: their changes show in no document, and list no release."""
    before = client.get(RELEASE).json()["versioncreated"]
    _moment, listed, alone = releases_listed(client, change, press_kit)
    assert listed == {}
    assert alone["versioncreated"] == before


def test_versioncreated_is_the_latest_date_of_what_the_document_prints(
    client, press_kit
):
    """Listed or not, a release's date is the latest of each row it prints:
    here the related release, saved after the release and the boilerplate's
    profile."""
    document = client.get(RELEASE).json()
    dates = [OrganisationProfile.objects.get().updated_at, press_kit.related.updated_at]
    assert dates[0] > press_kit.release.updated_at
    assert document["versioncreated"] == DjangoJSONEncoder().default(max(dates))


@pytest.fixture
def meeting():
    event = make_event("meeting")
    event.officials.add(make_person("Olga Official", "olga-official"))
    return event


@pytest.mark.parametrize(
    "change", [rename_official, move_official], ids=lambda change: change.__name__
)
def test_an_event_is_listed_after_an_official_changed(client, meeting, change):
    """The event's row did not change, an official's did: it is listed, dated
    at that change, and no other event is."""
    make_event("other")
    moment, items, alone = listed_after(client, EVENTS, change, meeting, EVENT)
    assert [item["id"] for item in items] == [meeting.pk]
    assert parse_datetime(items[0]["updated"]) >= moment
    assert alone["updated"] == items[0]["updated"]


def test_an_event_is_not_listed_when_nothing_it_prints_changed(client, meeting):
    """A person who attends no event is renamed: no event is listed."""
    nobody = make_person("Nobody Attending", "nobody-attending")
    _moment, items, _alone = listed_after(
        client,
        EVENTS,
        lambda _event: saved(nobody, name="Still Nobody"),
        meeting,
        EVENT,
    )
    assert items == []


def delete_topic(kit):
    kit.release.topics.get(slug_en="migration-en").delete()


def delete_mentioned(kit):
    kit.release.people_mentioned.get().delete()


@pytest.mark.parametrize(
    "change", [delete_topic, delete_mentioned], ids=lambda change: change.__name__
)
def test_a_release_is_listed_after_a_row_it_printed_was_deleted(
    client, press_kit, change
):
    """The document no longer prints the row: the release is listed, dated at
    the deletion, though no row of it is left to say so."""
    moment, listed, alone = releases_listed(client, change, press_kit)
    assert set(listed) == {press_kit.release.pk}
    assert parse_datetime(listed[press_kit.release.pk]["versioncreated"]) >= moment
    assert alone["versioncreated"] == listed[press_kit.release.pk]["versioncreated"]


def expire_unsaved(kit):
    """The related release, saved before the moment, expires after it."""
    PressRelease.objects.filter(pk=kit.related.pk).update(
        expires_at=timezone.now() + datetime.timedelta(seconds=3)
    )
    return PressRelease.objects.get(pk=kit.related.pk).expires_at


def schedule_event_unsaved(kit):
    """The related event, saved before the moment, goes live after it."""
    event = kit.release.related_event
    publish_at = timezone.now() + datetime.timedelta(seconds=3)
    type(event).objects.filter(pk=event.pk).update(publish_at=publish_at)
    return publish_at


@pytest.mark.parametrize(
    "schedule", [expire_unsaved, schedule_event_unsaved], ids=lambda f: f.__name__
)
def test_a_release_is_listed_after_a_related_item_came_or_went_unsaved(
    client, press_kit, schedule
):
    """No save dates an expiry or a publication at its time: the release whose
    related release expired (whose related event went live) since is listed
    all the same, dated then."""
    at = schedule(press_kit)
    _moment, listed, alone = releases_listed(client, nothing, press_kit)
    # Besides the related release's tombstone, once it expired.
    assert set(listed) - {press_kit.related.pk} == {press_kit.release.pk}
    document = listed[press_kit.release.pk]
    assert document["versioncreated"] == DjangoJSONEncoder().default(at)
    assert alone["versioncreated"] == document["versioncreated"]


def rename_topic_of(count):
    """(the queries of renaming a topic of `count` releases, those writing the
    releases), after checking that it dated them all."""
    topic = make_topic()
    releases = [make_release(topics=[topic]) for _index in range(count)]
    with later(5), CaptureQueriesContext(connection) as captured:
        saved(topic, name_en="Renamed")
    dates = PressRelease.objects.filter(pk__in=[release.pk for release in releases])
    assert set(dates.values_list("shown_changed_at", flat=True)) == {topic.updated_at}
    queries = [query["sql"] for query in captured.captured_queries]
    return queries, [
        sql for sql in queries if sql.startswith(f"UPDATE {RELEASE_TABLE}")
    ]


RELEASE_TABLE = '"newsroom_pressrelease"'


def test_a_rename_dates_the_releases_printing_it_in_one_statement():
    """Renaming a topic dates its releases in one statement, whatever their
    number (none is read first): a topic of 30 takes the queries of one of 3."""
    few, writing_few = rename_topic_of(3)
    many, writing_many = rename_topic_of(30)
    assert len(many) == len(few)
    assert len(writing_many) == len(writing_few) == 1
    assert '"shown_changed_at"' in writing_many[0]
