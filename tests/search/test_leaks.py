"""Nothing that is not public is found, in any language: a word written only in a
non-public place (a draft version, a draft or scheduled or withdrawn item, an
unappointed person, the markup) finds nothing from any language's search page, in
titles, snippets or counts. (Issue 10's leak matrix will add search to its
registry; until then this is search's own.)"""

import datetime

import pytest
from django.utils import timezone

from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import Quote
from organisation.models import Appointment, Person, Position
from tests.factories import ahead, make_event, make_page, make_release, make_topic

from .conftest import search

pytestmark = pytest.mark.django_db

DRAFT, READY = VersionState.DRAFT, VersionState.READY


def plant():
    """{sentinel: where it is}: each word exists only in a non-public place."""
    make_release("zqdraftversion", versions={"fr": DRAFT}, body_fr="<p>zqdraftbody</p>")
    make_release("zqdraftitem", state=PublicationState.DRAFT, publish_at=None)
    make_release("zqreview", state=PublicationState.REVIEW, publish_at=None)
    make_release("zqscheduled", publish_at=ahead(days=2))
    make_release("zqwithdrawn", state=PublicationState.WITHDRAWN)
    make_event("zqeventdraft", state=PublicationState.DRAFT)
    make_page("zqpagedraft", state=PublicationState.DRAFT)
    make_release(
        "zqmissing", versions={"es": VersionState.MISSING}, title_es="zqunreadytitle"
    )
    make_release("zqmarkup", body_en='<p><a href="https://zqhref.example/">x</a></p>')
    # What a release's page shows besides its text: its quotes and their
    # speakers, the people it mentions, its topics.
    scheduled = make_release(
        "zqscheduledparts",
        publish_at=ahead(days=2),
        topics=[make_topic("zqscheduledtopic")],
    )
    Quote.objects.create(
        release=scheduled,
        person=Person.objects.create(name="Zqspeaker", slug="speaker"),
        text_en="zqscheduledquote",
    )
    scheduled.people_mentioned.add(Person.objects.create(name="Zqmentioned"))
    partial = make_release("zqpartialquote", versions={"fr": DRAFT})
    Quote.objects.create(release=partial, text_en="Words", text_fr="zqquotefr")
    nominee = Person.objects.create(name="Zqnominee Person", slug="nominee")
    Appointment.objects.create(
        person=nominee,
        position=Position.objects.create(title_en="Zqfutureposition"),
        start=timezone.localdate() + datetime.timedelta(days=10),
    )
    return [
        "zqdraftbody",
        "zqdraftversion title fr",
        "zqdraftitem",
        "zqreview",
        "zqscheduled",
        "zqwithdrawn",
        "zqeventdraft",
        "zqpagedraft",
        "zqunreadytitle",
        "zqhref",
        "zqnominee",
        "zqfutureposition",
        "zqscheduledtopic",
        "zqspeaker",
        "zqscheduledquote",
        "zqmentioned",
        "zqquotefr",
    ]


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_no_sentinel_reaches_the_search_page(client, lang):
    """Every sentinel, searched alone and with its item's other words, finds
    nothing and appears nowhere on the page."""
    for sentinel in plant():
        tree = search(client, sentinel, lang)
        main = " ".join(tree.xpath("//main//text()")).lower()
        assert not tree.xpath("//li[contains(@class, 'search-hit')]"), sentinel
        # The query is echoed in the search box only, never in a result.
        assert sentinel.split()[0] not in main, sentinel
