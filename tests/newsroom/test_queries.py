"""Every public page runs a fixed number of SQL queries, whatever the number of
items: measured at 3 and at 30."""

import datetime
import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.models import (
    ContactPhone,
    Document,
    Event,
    MediaContact,
    Photo,
    PressRelease,
    Quote,
    ReleaseContact,
    Topic,
    Video,
)
from organisation.models import Appointment, Office, Person, Position
from tests.factories import (
    make_contact,
    make_event,
    make_office,
    make_page,
    make_region,
    make_release,
    make_releases,
    make_topic,
    new_contact,
    new_office,
    new_phones,
    new_topic,
    parse,
)
from tests.photos.conftest import upload
from tests.photos.image_files import plain_jpeg
from tests.presskit.pdf_files import plain_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("computed_every_time")]
_people = itertools.count()
_hours = itertools.count()


def make_people(count, position=None):
    """`count` people in one query (and their appointments in another): what is
    measured is reading them, and saving each one would index it for search."""
    people = Person.objects.bulk_create(
        Person(name=f"Person {number}", slug=f"person-{number}")
        for number in itertools.islice(_people, count)
    )
    if position is not None:
        Appointment.objects.bulk_create(
            Appointment(
                person=person, position=position, start=datetime.date(2001, 1, 1)
            )
            for person in people
        )
    return people


# The releases of the lists are published in this year, so that a year filter
# matches them whatever today's date.
YEAR = 2024


def count_queries(client, address):
    """The number of queries of a GET, and the page as an lxml tree."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(address)
    assert response.status_code == 200
    return len(context.captured_queries), parse(response)


def grow_releases(size):
    region = make_region()
    for _index in range(size):
        office = make_office(region=region)
        make_release(
            issuing_office=office,
            topics=[make_topic()],
            contacts=[make_contact(office=office)],
            countries=["AT", "AZ"],
            publish_at=datetime.datetime(YEAR, 6, 1, tzinfo=datetime.UTC)
            + datetime.timedelta(hours=next(_hours)),
        )


def grow_events(size):
    for _index in range(size):
        make_event()


def grow_contacts(size):
    for _index in range(size):
        make_contact(office=make_office(), phones=2)


def grow_pages(size):
    for index in range(size):
        make_page(nav_order=index)


def grow_release_details(size, poster=None):
    """More related rows for the one release under test: topics, contacts (each
    with an office and phones), people quoted and mentioned (each with a title),
    quotes with a speaker, documents, videos with a poster, related releases.
    What is measured is reading them: each kind is written at once, the rows as
    saves would write them (the documents share one checked file). The videos'
    poster is new unless `poster` is given; returns it."""
    release = PressRelease.objects.get(slug_en="subject-en")
    poster = poster or Photo.objects.create(
        image=upload("poster.jpg", plain_jpeg()), alt_text_en="A poster"
    )
    position = Position.objects.create(title_en="Adviser")
    quoted, mentioned, speakers = (make_people(size, position) for _ in range(3))
    # Each list is added in one call: one search indexing of the release each.
    release.people_quoted.add(*quoted)
    release.people_mentioned.add(*mentioned)
    release.related_releases.add(*make_releases(size))
    release.topics.add(*Topic.objects.bulk_create(new_topic() for _ in range(size)))
    offices = Office.objects.bulk_create(new_office() for _ in range(size))
    contacts = MediaContact.objects.bulk_create(
        new_contact(office=office) for office in offices
    )
    ContactPhone.objects.bulk_create(
        phone for contact in contacts for phone in new_phones(contact, 2)
    )
    ReleaseContact.objects.bulk_create(
        ReleaseContact(release=release, contact=contact) for contact in contacts
    )
    report = Document.objects.create(
        release=release,
        file=SimpleUploadedFile("report.pdf", plain_pdf()),
        title_en="Report 0",
    )
    Document.objects.bulk_create(
        Document(
            release=release,
            file=report.file.name,
            size=report.size,
            title_en=f"Report {index}",
        )
        for index in range(1, size)
    )
    Video.objects.bulk_create(
        Video(
            release=release,
            url="https://vimeo.com/76979871",
            title_en=f"Video {index}",
            poster=poster,
        )
        for index in range(size)
    )
    Quote.objects.bulk_create(
        Quote(release=release, person=speaker, text_en=f"Quote {index}")
        for index, speaker in enumerate(speakers)
    )
    return poster


def grow_event_details(size):
    """More officials and related releases for the one event under test."""
    event = Event.objects.get(slug_en="subject-en")
    event.officials.add(*make_people(size))
    for _index in range(size):
        make_release(related_event=event)


RELEASE_CARDS = "//li[contains(@class, 'release-card')]"
# page: (address, grow, set-up, what on the page shows the grown rows)
PAGES = {
    "release list": ("/en/press-releases/", grow_releases, None, RELEASE_CARDS),
    "filtered release list": (
        f"/fr/communiques-de-presse/?country=AZ&year={YEAR}",
        grow_releases,
        None,
        RELEASE_CARDS,
    ),
    "release detail": (
        "/en/press-releases/subject-en/",
        grow_release_details,
        lambda: make_release("subject"),
        "//section[@class='media-contacts']//li",
    ),
    "home": (
        "/es/",
        lambda size: (grow_releases(size), grow_events(size)),
        None,
        RELEASE_CARDS,
    ),
    "upcoming events": (
        "/en/events/",
        grow_events,
        None,
        "//li[contains(@class, 'event-card')]",
    ),
    "event detail": (
        "/en/events/subject-en/",
        grow_event_details,
        lambda: make_event("subject"),
        "//main//li/a[starts-with(., 'Person ')]",
    ),
    "media contacts": (
        "/en/media-contacts/",
        grow_contacts,
        None,
        "//li[@class='contact']",
    ),
    "search": (
        "/en/search/?q=title&type=release",
        grow_releases,
        None,
        "//li[contains(@class, 'search-hit')]",
    ),
    "page with navigation": (
        "/en/subject-en/",
        grow_pages,
        lambda: make_page("subject"),
        "//nav[contains(@class, 'main-nav')]//a[contains(., 'title en')]",
    ),
}


@pytest.mark.parametrize("address, grow, setup, shown", PAGES.values(), ids=PAGES)
def test_query_count_does_not_grow(client, address, grow, setup, shown):
    """The same number of queries at 3 and at 30 items, the page showing them."""
    if setup:
        setup()
    grow(3)
    small, page = count_queries(client, address)
    assert len(page.xpath(shown)) >= 3
    grow(27)
    large, page = count_queries(client, address)
    assert len(page.xpath(shown)) > 3
    assert small == large


# The release, its topics, quotes (with their speakers), documents, videos (with
# their posters), contacts (with their numbers), the people it names (with their
# titles), its related releases, the menu's pages and the organisation.
RELEASE_DETAIL_QUERIES = 10


def test_release_detail_query_count_at_3_and_300_items(client):
    """A release holding 3, then 300, of everything it can hold runs the same
    queries, each shown on the page."""
    make_release("subject")
    address = "/en/press-releases/subject-en/"
    poster = grow_release_details(3)
    # The first view of the poster asks for its renditions (a task), once: the
    # 297 more videos show the same poster.
    client.get(address)
    for size, total in ((0, 3), (297, 300)):
        if size:
            grow_release_details(size, poster)
        queries, page = count_queries(client, address)
        assert queries == RELEASE_DETAIL_QUERIES
        assert len(page.xpath("//li[@class='contact']")) == total
        # Each contact with its two numbers.
        numbers = page.xpath("//li[@class='contact']/a[starts-with(@href, 'tel:')]")
        assert len(numbers) == 2 * total
        assert len(page.xpath("//figure[@class='quote']//cite/a")) == total
        assert len(page.xpath("//section[@class='people-quoted']//li")) == 2 * total
        assert len(page.xpath("//section[@class='people-mentioned']//li")) == total


def test_a_release_without_parts_reads_none_of_them(client):
    """A release with no quotes, documents, videos, contacts, topics or chosen
    related releases runs none of their queries, and the page has none of their
    sections: the release, its topics, the people it names, the menu's pages and
    the organisation."""
    make_release("bare")
    client.get("/en/press-releases/bare-en/")
    queries, page = count_queries(client, "/en/press-releases/bare-en/")
    assert queries == RELEASE_DETAIL_QUERIES - 5
    assert page.xpath("//h1")[0].text_content().strip()
    for section in ("quote", "contact-box", "related-releases", "documents"):
        assert not page.xpath(f"//*[contains(@class, '{section}')]")
