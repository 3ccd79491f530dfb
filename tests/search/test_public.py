"""Only what is public is found: a public version (ready or outdated) of a live
item, decided at query time by `live()`, so that time alone publishes a scheduled
release and a withdrawal hides one at once."""

import datetime

import pytest
from django.utils import timezone

from newsroom.core.publication import PublicationState, VersionState
from newsroom.search.models import Entry
from organisation.models import Appointment, Person, Position
from tests.factories import ahead, make_event, make_office, make_page, make_release

from .conftest import search, titles

pytestmark = pytest.mark.django_db

DRAFT, READY, OUTDATED = VersionState.DRAFT, VersionState.READY, VersionState.OUTDATED


@pytest.mark.parametrize("visitor", ["en", "fr", "es"])
def test_word_only_in_a_draft_version_finds_nothing(client, visitor):
    """A word that exists only in an unready French draft finds nothing, in any
    language, although the release is live."""
    make_release("live", versions={"fr": DRAFT}, body_fr="<p>Brouillonissime</p>")
    assert titles(search(client, "brouillonissime", visitor)) == []
    assert titles(search(client, "live title en", visitor)) == ["live title en"]


def test_missing_version_finds_nothing(client):
    """A Spanish visitor reads the original of a release without a Spanish
    version: Spanish words of nowhere find nothing, English ones find it."""
    make_release("only", body_en="<p>Harbour</p>")
    assert titles(search(client, "harbour", "es")) == ["only title en"]
    assert titles(search(client, "puerto", "es")) == []


def test_outdated_version_stays_public(client):
    """An outdated translation is flagged to editors but still public."""
    make_release("old", versions={"fr": OUTDATED}, body_fr="<p>Inondations</p>")
    assert titles(search(client, "inondations", "fr")) == ["old title fr"]


@pytest.mark.parametrize(
    "state, publish_at",
    [
        (PublicationState.DRAFT, None),
        (PublicationState.REVIEW, None),
        (PublicationState.WITHDRAWN, "past"),
        (PublicationState.PUBLISHED, ahead(days=1)),
    ],
)
def test_items_that_are_not_live_are_not_found(client, state, publish_at):
    """Drafts, releases in review, withdrawn and scheduled releases, events and
    pages are not found; their rows are in the index all the same."""
    for factory in (make_release, make_event, make_page):
        item = factory("hidden", state=state)
        if publish_at != "past":
            item.publish_at = publish_at
            item.save()
    assert Entry.objects.count() == 3
    assert titles(search(client, "hidden")) == []


def test_scheduled_release_found_at_its_time_without_reindexing(client, monkeypatch):
    """A release scheduled for later is found once its time has come, with no job
    and no write to the index in between."""
    release = make_release("embargoed", publish_at=ahead(hours=2))
    assert titles(search(client, "embargoed")) == []
    rows = list(Entry.objects.values())
    later = timezone.now() + datetime.timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert titles(search(client, "embargoed")) == ["embargoed title en"]
    assert list(Entry.objects.values()) == rows
    assert release.pk


def test_withdrawn_release_disappears_at_once(client):
    """Withdrawing a release takes it out of the results at once."""
    release = make_release("pulled")
    assert titles(search(client, "pulled")) == ["pulled title en"]
    release.state = PublicationState.WITHDRAWN
    release.save()
    assert titles(search(client, "pulled")) == []


def test_people_found_once_appointed(client):
    """A person is found once they hold or held a started appointment; a
    nominee whose appointment starts later is not found yet."""
    position = Position.objects.create(title_en="Chief of Staff")
    serving = Person.objects.create(name="Ana Serving", slug="ana")
    nominee = Person.objects.create(name="Ana Nominee", slug="nominee")
    Appointment.objects.create(
        person=serving, position=position, start=datetime.date(2020, 1, 1)
    )
    Appointment.objects.create(
        person=nominee,
        position=position,
        start=timezone.localdate() + datetime.timedelta(days=30),
    )
    assert titles(search(client, "ana")) == ["Ana Serving"]
    assert titles(search(client, "chief staff")) == ["Ana Serving"]


def test_offices_found_by_name_and_city(client):
    """Offices are found by their name and city, in the visitor's language."""
    make_office("vienna", city_en="Vienna", name_fr="Bureau de Vienne")
    assert titles(search(client, "vienna office")) == ["vienna office"]
    assert titles(search(client, "bureau", "fr")) == ["Bureau de Vienne"]


@pytest.mark.parametrize(
    "lang, query", [("fr", "porte-parole"), ("es", "portavoz"), ("en", "spokesperson")]
)
def test_people_found_by_their_title_in_the_visitors_language(client, lang, query):
    """A person whose biography is in English only is read in English from every
    language, yet their page names their post in the visitor's language: that
    title finds them too."""
    position = Position.objects.create(
        title_en="Spokesperson", title_fr="Porte-parole", title_es="Portavoz"
    )
    person = Person.objects.create(
        name="Ana Speaker", slug="ana", biography_en="<p>Joined in 2001.</p>"
    )
    Appointment.objects.create(
        person=person, position=position, start=datetime.date(2020, 1, 1)
    )
    assert titles(search(client, query, lang)) == ["Ana Speaker"]


@pytest.mark.parametrize(
    "lang, query", [("fr", "Suisse"), ("es", "Suiza"), ("fr", "Genève")]
)
def test_offices_found_by_their_place_in_the_visitors_language(client, lang, query):
    """An office named in English only is read in English from every language,
    yet its page names its city and country in the visitor's language: they
    find it too."""
    make_office("geneva", country="CH", city_en="Geneva", city_fr="Genève")
    assert titles(search(client, query, lang)) == ["geneva office"]


@pytest.mark.parametrize("lang, query", [("fr", "Suisse"), ("es", "Suiza")])
def test_events_found_by_their_country_in_the_visitors_language(client, lang, query):
    """An event written in English only is shown in English from every language,
    yet its page names its country in the visitor's language: that name finds
    it too."""
    make_event("summit", country="CH")
    assert titles(search(client, query, lang)) == ["summit title en"]
