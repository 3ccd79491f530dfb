"""Revalidating a document: a client that sends only If-Modified-Since (no ETag)
gets the document again after anything it prints changed, its own row or
another (a topic renamed, the issuing office, a person, a quote, the related
event, a media contact, a photo, the worker's renditions, a related release
that expired); a client that sends the ETag gets 304 while nothing changed."""

import datetime

import pytest
from django.utils import timezone
from django.utils.http import http_date
from freezegun import freeze_time

from newsroom.core.publication import PublicationState
from newsroom.models import Document, Photo, Quote, Video
from organisation.models import OrganisationProfile
from tests.factories import make_event, make_person, make_release
from tests.photos.conftest import run_worker, upload
from tests.photos.image_files import plain_jpeg

pytestmark = pytest.mark.django_db

RELEASE = "/api/v1/releases/full-en"
EVENT = "/api/v1/events/meeting-en"


def later(seconds):
    return freeze_time(timezone.now() + datetime.timedelta(seconds=seconds))


def revalidate(client, address, change):
    """The first answer for `address`, and the answer to If-Modified-Since alone
    sent ten seconds after it and five after `change()`: the Last-Modified the
    first received, or else the time it was received, as a cache dates a copy."""
    first = client.get(address)
    assert first.status_code == 200
    since = first.get("Last-Modified") or http_date()
    with later(5):
        change()
    with later(10):
        return first, client.get(address, HTTP_IF_MODIFIED_SINCE=since)


def assert_sent_again(client, address, change, subject):
    """`revalidate` around `change(subject)`, which returns the text the
    document prints since and the one it no longer prints (or None): a 200
    with the new text, not the old (which the first answer had, and not the
    new)."""
    printed = {}

    def changed():
        printed["new"], printed["old"] = change(subject)

    first, again = revalidate(client, address, changed)
    assert again.status_code == 200
    new, old = printed["new"], printed["old"]
    for response, printing, leaving in ((first, old, new), (again, new, old)):
        text = response.content.decode()
        assert printing is None or printing in text
        assert leaving is None or leaving not in text


def saved(row, **values):
    """`row` with `values`, saved as a form saves it."""
    for name, value in values.items():
        setattr(row, name, value)
    row.save()


def rename_topic(kit):
    saved(kit.release.topics.get(slug_en="migration-en"), name_en="Human mobility")
    return "Human mobility", "migration en"


def remove_topic(kit):
    kit.release.topics.remove(kit.release.topics.get(slug_en="migration-en"))
    return None, "migration en"


def delete_topic(kit):
    kit.release.topics.get(slug_en="migration-en").delete()
    return None, "migration en"


def rename_office(kit):
    saved(kit.release.issuing_office, name_en="Liaison office in Vienna")
    return "Liaison office in Vienna", "vienna office"


def rename_person(kit):
    saved(kit.release.people_quoted.get(), name="Ada Lovelace")
    return "Ada Lovelace", "Ada Quoted"


def edit_quote(kit):
    quote = Quote.objects.get(release=kit.release, text_en="We act.")
    saved(quote, text_en="We act today.")
    return "We act today.", "We act."


def delete_quote(kit):
    Quote.objects.get(release=kit.release, attribution_en="a teacher").delete()
    return None, "It helps."


def rename_event(kit):
    saved(kit.release.related_event, title_en="The summit in Baku")
    return "The summit in Baku", "summit title en"


def withdraw_event(kit):
    saved(kit.release.related_event, state=PublicationState.WITHDRAWN)
    return None, "summit title en"


def rename_contact(kit):
    saved(kit.release.media_contacts.get(is_public=True), name="Press Desk")
    return "Press Desk", "Press Office"


def change_phone(kit):
    contact = kit.release.media_contacts.get(is_public=True)
    saved(contact.phones.get(), number="+41227179999")
    return "+41 22 717 99 99", "+41 22 717 91 10"


def change_caption(kit):
    saved(kit.release.main_photo, caption_en="The harbour at noon")
    return "The harbour at noon", "The harbour at dawn"


def retitle_document(kit):
    saved(Document.objects.get(release=kit.release), title_en="Annual report 2024")
    return "Annual report 2024", None


def retitle_video(kit):
    saved(Video.objects.get(release=kit.release), title_en="The summit, day one")
    return "The summit, day one", None


def withdraw_related_release(kit):
    saved(kit.related, state=PublicationState.WITHDRAWN)
    return None, "related title en"


def expire_related_release(kit):
    """A save of the related release that changes nothing yet: it expires two
    seconds later, before the client asks again."""
    saved(kit.related, expires_at=timezone.now() + datetime.timedelta(seconds=2))
    return None, "related title en"


def change_boilerplate(kit):
    revised = "<p>About the agency, revised.</p>"
    saved(OrganisationProfile.objects.get(), boilerplate_en=revised)
    return "About the agency, revised.", None


RELEASE_CHANGES = [
    rename_topic,
    remove_topic,
    delete_topic,
    rename_office,
    rename_person,
    edit_quote,
    delete_quote,
    rename_event,
    withdraw_event,
    rename_contact,
    change_phone,
    change_caption,
    retitle_document,
    retitle_video,
    withdraw_related_release,
    expire_related_release,
    change_boilerplate,
]


@pytest.mark.parametrize("change", RELEASE_CHANGES, ids=lambda change: change.__name__)
def test_a_release_document_is_sent_again_after_what_it_prints_changed(
    client, press_kit, change
):
    """If-Modified-Since alone is never answered 304 after a change of a row the
    document prints, though the release's own row did not change."""
    assert_sent_again(client, RELEASE, change, press_kit)


def test_a_release_document_is_sent_again_once_its_photo_has_renditions(client):
    """The worker makes the main photo's renditions after the first request:
    the document, which had no picture, has it then, and no row changed."""
    photo = Photo.objects.create(
        image=upload("quay.jpg", plain_jpeg((900, 600))), alt_text_en="A quay"
    )
    make_release("full", main_photo=photo)
    first, response = revalidate(client, RELEASE, run_worker)
    assert "associations" not in first.json()
    assert response.status_code == 200
    (picture,) = response.json()["associations"]
    assert picture["name"] == "mainpicture"
    assert picture["renditions"]


@pytest.fixture
def meeting():
    """A live event with an official attending."""
    event = make_event("meeting")
    event.officials.add(make_person("Olga Official", "olga-official"))
    return event


def rename_official(event):
    saved(event.officials.get(), name="Olga Minister")
    return "Olga Minister", "Olga Official"


def move_official(event):
    saved(event.officials.get(), slug="olga-minister")
    return "/olga-minister/", "/olga-official/"


def remove_official(event):
    event.officials.clear()
    return None, "Olga Official"


def add_official(event):
    event.officials.add(make_person("Pablo Present", "pablo-present"))
    return "Pablo Present", None


EVENT_CHANGES = [rename_official, move_official, remove_official, add_official]


@pytest.mark.parametrize("change", EVENT_CHANGES, ids=lambda change: change.__name__)
def test_an_event_document_is_sent_again_after_what_it_prints_changed(
    client, meeting, change
):
    """As for releases: the event's row did not change, its officials did."""
    assert_sent_again(client, EVENT, change, meeting)


@pytest.mark.parametrize(
    "address", [RELEASE, EVENT], ids=["release document", "event document"]
)
def test_an_unchanged_document_answers_304_to_its_etag(client, press_kit, address):
    """The ETag names the body: sent back alone or with If-Modified-Since, it
    gets 304 and no body while nothing changed, and a changed ETag gets the
    document."""
    make_event("meeting")
    first = client.get(address)
    etag = first["ETag"]
    since = first.get("Last-Modified") or http_date()
    with later(10):
        for headers in (
            {"If-None-Match": etag},
            {"If-None-Match": etag, "If-Modified-Since": since},
        ):
            again = client.get(address, headers=headers)
            assert again.status_code == 304, headers
            assert again.content == b""
        other = client.get(address, headers={"If-None-Match": '"other"'})
        assert other.status_code == 200
        assert other.content == first.content
