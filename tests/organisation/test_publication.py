"""What of the organisation is public: appointments once begun, and people who hold
or held one, are quoted in a live release or attend a live event."""

import datetime

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from newsroom.core.publication import PublicationState
from organisation.models import Appointment, Office, Person, Position, Unit
from tests.factories import ago, ahead, make_event, make_release

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "fr", "es")


def person_url(person, lang):
    with translation.override(lang):
        return reverse("organisation:person-detail", kwargs={"slug": person.slug})


def text(response):
    return lxml.html.fromstring(response.content).text_content()


@pytest.fixture
def chart():
    """A unit and an office, each with one position."""
    unit = Unit.objects.create(name_en="Office of the Chief", slug="chief-office")
    office = Office.objects.create(
        kind=Office.Kind.COUNTRY, name_en="Far office", slug="far-office"
    )
    return {
        "unit": Position.objects.create(title_en="Chief of the unit", unit=unit),
        "office": Position.objects.create(title_en="Head of office", office=office),
        "office_slug": office.slug,
    }


def appoint(name, position, start=None, **fields):
    person = Person.objects.create(name=name, slug=name.lower().replace(" ", "-"))
    Appointment.objects.create(person=person, position=position, start=start, **fields)
    return person


def test_future_appointment_is_public_nowhere(client, chart):
    """Someone appointed from 60 days ahead has no page, no sitemap entry, and is
    neither on the structure page nor on the office page, in any language."""
    future = timezone.localdate() + datetime.timedelta(days=60)
    person = appoint("Futura Incoming", chart["unit"], start=future)
    Appointment.objects.create(person=person, position=chart["office"], start=future)
    for lang in LANGUAGES:
        with translation.override(lang):
            pages = [
                reverse("organisation:structure"),
                reverse("organisation:office-detail", args=[chart["office_slug"]]),
            ]
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200
            assert "Futura" not in text(response), url
        assert client.get(person_url(person, lang)).status_code == 404
    sitemap = client.get("/sitemap-people.xml").content.decode()
    assert person.slug not in sitemap


def test_future_appointment_is_not_a_previous_position(client, chart):
    """A holder's next post, starting in 60 days, is not listed on their page."""
    holder = appoint("Ada Holder", chart["unit"], start=datetime.date(2020, 1, 1))
    Appointment.objects.create(
        person=holder,
        position=chart["office"],
        start=timezone.localdate() + datetime.timedelta(days=60),
    )
    response = client.get(person_url(holder, "en"))
    assert response.status_code == 200
    page = text(response)
    assert "Chief of the unit" in page
    assert "Head of office" not in page


def test_appointment_starting_today_is_public(client, chart):
    """An appointment begins on its first day: its holder is on the structure page."""
    appoint("Today Starter", chart["unit"], start=timezone.localdate())
    assert "Today Starter" in text(client.get(reverse("organisation:structure")))


def test_titles_on_release_pages_never_come_from_a_future_appointment(client, chart):
    """A person quoted in a live release shows no title that has not begun."""
    person = appoint(
        "Quoted Later",
        chart["office"],
        start=timezone.localdate() + datetime.timedelta(days=60),
    )
    release = make_release("quoting")
    release.people_quoted.set([person])
    titles = Appointment.objects.titles([person], ahead(days=90))
    assert titles == {}
    page = text(client.get(release.get_absolute_url()))
    assert "Quoted Later" in page
    assert "Head of office" not in page


@pytest.mark.parametrize(
    "state, publish_at",
    [
        (PublicationState.DRAFT, None),
        (PublicationState.REVIEW, None),
        (PublicationState.PUBLISHED, "future"),
        (PublicationState.WITHDRAWN, "past"),
    ],
)
def test_person_only_in_unpublished_releases_has_no_page(client, state, publish_at):
    """A person quoted only by releases that are not live has no page in any
    language and is not in the people sitemap."""
    person = Person.objects.create(name="Draft Only", slug="draft-only")
    when = {"future": ahead(days=3), "past": ago(days=3), None: None}[publish_at]
    release = make_release(state=state, publish_at=when)
    release.people_quoted.set([person])
    for lang in LANGUAGES:
        assert client.get(person_url(person, lang)).status_code == 404
    assert "draft-only" not in client.get("/sitemap-people.xml").content.decode()
    assert not Person.objects.public().filter(pk=person.pk).exists()


def test_person_quoted_in_a_live_release_is_public(client):
    """Being quoted in a live release makes a person public, page and sitemap."""
    person = Person.objects.create(name="Live Quote", slug="live-quote")
    make_release().people_quoted.set([person])
    for lang in LANGUAGES:
        assert client.get(person_url(person, lang)).status_code == 200
    assert "live-quote" in client.get("/sitemap-people.xml").content.decode()


def test_official_of_a_live_event_is_public_and_of_a_draft_event_not(client):
    """The event page links its officials: a live event's are public, a draft's
    are not."""
    shown = Person.objects.create(name="Shown Official", slug="shown-official")
    hidden = Person.objects.create(name="Hidden Official", slug="hidden-official")
    make_event().officials.set([shown])
    make_event(state=PublicationState.DRAFT).officials.set([hidden])
    assert list(Person.objects.public()) == [shown]


def test_holder_of_an_ended_appointment_stays_public(client, chart):
    """Someone who held a post keeps their page, with it as a previous position."""
    person = appoint(
        "Former Holder",
        chart["unit"],
        start=datetime.date(2001, 1, 1),
        end=datetime.date(2005, 1, 1),
    )
    response = client.get(person_url(person, "fr"))
    assert response.status_code == 200
    assert "Chief of the unit" in text(response)


def test_people_sitemap_takes_a_fixed_number_of_queries(client, chart):
    """The people sitemap runs the same queries for 1 and for 20 people."""

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/sitemap-people.xml").status_code == 200
        return len(queries)

    appoint("First Holder", chart["unit"], start=datetime.date(2001, 1, 1))
    one = count()
    for index in range(19):
        appoint(f"Holder {index}", chart["office"], start=datetime.date(2001, 1, 1))
    assert count() == one
