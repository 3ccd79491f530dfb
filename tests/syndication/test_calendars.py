"""Each event's .ics download (RFC 5545), read back with the icalendar library."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from lxml import html

from newsroom.core.publication import PublicationState
from newsroom.models import Event
from tests.factories import DRAFT, EVERY_LANGUAGE, READY, make_event

from .conftest import LANGUAGES

pytestmark = pytest.mark.django_db

BAKU = zoneinfo.ZoneInfo("Asia/Baku")


def ics_url(event, lang, slug=None):
    with translation.override(lang):
        return reverse(
            "syndication:event-ics", kwargs={"slug": slug or event.slug_for()}
        )


def download(client, event, lang="en"):
    response = client.get(ics_url(event, lang))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    # Round trip: what we wrote reads back and writes out the same.
    assert icalendar.Calendar.from_ical(calendar.to_ical()) == calendar
    return calendar


def only_event(calendar):
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_ics_has_the_properties_rfc_5545_requires(client, organisation):
    """The calendar has VERSION and PRODID; its event has UID, DTSTAMP, DTSTART and
    DTEND in the event's zone with the matching VTIMEZONE, SEQUENCE and STATUS."""
    start = datetime.datetime(2030, 10, 25, 9, 0, tzinfo=BAKU)
    event = make_event(versions=EVERY_LANGUAGE, start=start)
    calendar = download(client, event)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"])
    vevent = only_event(calendar)
    assert str(vevent["UID"]) == f"event-{event.pk}@127.0.0.1"
    assert vevent.decoded("DTSTAMP").tzinfo is not None
    assert vevent["DTSTART"].params["TZID"] == "Asia/Baku"
    assert vevent["DTEND"].params["TZID"] == "Asia/Baku"
    assert vevent.decoded("DTSTART") == start
    assert vevent.decoded("DTEND") == start + datetime.timedelta(hours=2)
    assert vevent.decoded("DTSTART").utcoffset() == datetime.timedelta(hours=4)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Baku"]
    assert vevent.decoded("SEQUENCE") == 0
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(vevent["URL"]) == f"http://testserver{event.get_absolute_url()}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ics_texts_are_in_the_pages_language(client, organisation, lang):
    """SUMMARY, DESCRIPTION and LOCATION are the version of the page's language,
    marked with it, and the description is plain text."""
    event = make_event("summit", versions=EVERY_LANGUAGE)
    vevent = only_event(download(client, event, lang))
    assert str(vevent["SUMMARY"]) == f"summit title {lang}"
    assert vevent["SUMMARY"].params["LANGUAGE"] == lang
    assert str(vevent["DESCRIPTION"]) == f"summit description {lang}"
    location = str(vevent["LOCATION"])
    assert location.startswith(f"summit venue {lang}, summit city {lang}, ")
    with translation.override(lang):
        assert location.endswith(str(event.country.name))


def test_ics_description_keeps_paragraphs_and_list_items_apart(client, organisation):
    """The description's paragraphs, headings, list items and line breaks are
    lines of the plain-text DESCRIPTION, not words run together; the text's
    own line wrapping is a space, and no tag or entity is left."""
    description = (
        "<h2>Programme</h2>\n<p>Opening by the\nDirector General.</p>"
        "<ul><li>Panel&nbsp;: migration</li><li>Press briefing</li></ul>"
        "<p>Accreditation<br>required &amp; free.</p>"
    )
    event = make_event(versions=EVERY_LANGUAGE, description_en=description)
    vevent = only_event(download(client, event))
    assert str(vevent["DESCRIPTION"]).split("\n") == [
        "Programme",
        "Opening by the Director General.",
        "Panel\u00a0: migration",
        "Press briefing",
        "Accreditation",
        "required & free.",
    ]


def test_ics_of_a_language_not_ready_gives_the_original(client, organisation):
    """Asked in Spanish for an event whose Spanish version is a draft, the file
    holds the original, never the draft."""
    event = make_event("summit", original="fr", versions={"es": DRAFT})
    vevent = only_event(download(client, event, "es"))
    assert str(vevent["SUMMARY"]) == "summit title fr"
    assert vevent["SUMMARY"].params["LANGUAGE"] == "fr"
    written = download(client, event, "es").to_ical().decode()
    assert "summit title es" not in written
    assert "summit description es" not in written


def test_ics_at_another_versions_slug_redirects_to_the_public_one(client, organisation):
    """Like the event page, the file at another language's public slug redirects
    permanently to the slug a visitor of that language reads; a draft version's
    slug names nothing (it would confirm the draft's title)."""
    event = make_event("summit", versions={"fr": READY, "es": DRAFT})
    cases = [("es", "summit-fr", "summit-en"), ("fr", "summit-en", "summit-fr")]
    for lang, asked, public in cases:
        response = client.get(ics_url(event, lang, slug=asked))
        assert response.status_code == 301, (lang, asked)
        assert response["Location"] == ics_url(event, lang, slug=public)
    assert client.get(ics_url(event, "es", slug="summit-es")).status_code == 404
    assert client.get(ics_url(event, "es")).status_code == 200


def test_uid_is_stable_and_sequence_rises_when_rescheduled_or_cancelled(
    client, organisation
):
    """Renaming keeps the UID and SEQUENCE; moving the date raises SEQUENCE;
    cancelling raises it again and sets STATUS:CANCELLED. The UID is the same in
    every language."""
    event = make_event(versions=EVERY_LANGUAGE)
    first = only_event(download(client, event))
    uids = {str(only_event(download(client, event, lang))["UID"]) for lang in LANGUAGES}
    assert uids == {str(first["UID"])}

    event.title_en = "Renamed event"
    event.save()
    renamed = only_event(download(client, event))
    assert (str(renamed["UID"]), renamed.decoded("SEQUENCE")) == (str(first["UID"]), 0)

    event.previous_start = event.start
    event.start += datetime.timedelta(days=1)
    event.end += datetime.timedelta(days=1)
    event.status = Event.Status.RESCHEDULED
    event.save()
    moved = only_event(download(client, event))
    assert moved.decoded("SEQUENCE") == 1
    assert moved.decoded("DTSTART") == event.start.replace(microsecond=0)

    event.status = Event.Status.CANCELLED
    event.save()
    cancelled = only_event(download(client, event))
    assert str(cancelled["UID"]) == str(first["UID"])
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert cancelled.decoded("SEQUENCE") == 2


def test_sequence_rises_when_an_event_becomes_all_day_or_changes_zone(
    client, organisation
):
    """DTSTART changes when an event becomes all day (a date, no time) or moves to
    another time zone: SEQUENCE rises each time, so calendars take the change."""
    event = make_event(versions=EVERY_LANGUAGE)
    event.all_day = True
    event.save()
    all_day = only_event(download(client, event))
    assert all_day["DTSTART"].params["VALUE"] == "DATE"
    assert all_day.decoded("SEQUENCE") == 1
    event.time_zone = "Asia/Bangkok"
    event.save()
    assert only_event(download(client, event)).decoded("SEQUENCE") == 2


def test_all_day_event_uses_dates(client, organisation):
    """An all-day event has DATE values, the end being the day after."""
    start = datetime.datetime(2030, 10, 25, 0, 0, tzinfo=BAKU)
    event = make_event(versions=EVERY_LANGUAGE, start=start, all_day=True)
    vevent = only_event(download(client, event))
    assert vevent["DTSTART"].params["VALUE"] == "DATE"
    assert vevent.decoded("DTSTART") == datetime.date(2030, 10, 25)
    assert vevent.decoded("DTEND") == datetime.date(2030, 10, 26)


def test_only_live_events_have_a_file(client, organisation):
    """Drafts, events in review and scheduled events answer 404, withdrawn ones
    410, like their pages."""
    now = timezone.now()
    hidden = [
        make_event(versions=EVERY_LANGUAGE, state=PublicationState.DRAFT),
        make_event(versions=EVERY_LANGUAGE, state=PublicationState.REVIEW),
        make_event(
            versions=EVERY_LANGUAGE, publish_at=now + datetime.timedelta(days=1)
        ),
    ]
    for event in hidden:
        assert client.get(ics_url(event, "en")).status_code == 404
    withdrawn = make_event(versions=EVERY_LANGUAGE, state=PublicationState.WITHDRAWN)
    assert client.get(ics_url(withdrawn, "en")).status_code == 410
    assert client.get(ics_url(None, "en", slug="no-such-event")).status_code == 404


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("en", "This event was withdrawn."),
        ("fr", "Cet événement a été retiré."),
        ("es", "Este evento se ha retirado."),
    ],
)
def test_a_withdrawn_events_file_says_so_in_plain_text(
    client, organisation, lang, says
):
    """A calendar client that fetches a withdrawn event's file gets a short text
    in the language of its address, with the public note the event's page
    shows, not an empty body."""
    withdrawn = make_event(
        versions=EVERY_LANGUAGE,
        state=PublicationState.WITHDRAWN,
        withdrawal_note="Postponed sine die.",
    )
    response = client.get(ics_url(withdrawn, lang))
    assert response.status_code == 410
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == f"{says}\n\nPostponed sine die.\n"


def test_ics_answers_conditional_requests(client, organisation):
    """The file has Last-Modified and an ETag; a client that has it gets 304."""
    event = make_event(versions=EVERY_LANGUAGE)
    first = client.get(ics_url(event, "en"))
    assert first.has_header("Last-Modified")
    assert first["Content-Disposition"] == f'attachment; filename="{event.slug_en}.ics"'
    again = client.get(ics_url(event, "en"), headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_event_page_links_its_ics(client, organisation):
    """The event page links the file with type="text/calendar", and the events list
    links the calendar feed."""
    event = make_event(versions=EVERY_LANGUAGE)
    with translation.override("fr"):
        page = html.fromstring(client.get(event.get_absolute_url()).content)
        listing = html.fromstring(client.get(reverse("newsroom:event-list")).content)
        calendar_feed = reverse("syndication:event-calendar")
    links = page.xpath("//main//a[@type='text/calendar']/@href")
    assert links == [ics_url(event, "fr")]
    assert listing.xpath("//main//a[@type='text/calendar']/@href") == [calendar_feed]


def test_events_list_offers_a_subscription_to_the_calendar(client, organisation):
    """A link to the .ics only imports today's events once; the list's subscribe
    link is the calendar's webcal: address, which calendar applications
    subscribe to and fetch again for changes and cancellations."""
    for lang in LANGUAGES:
        with translation.override(lang):
            listing = client.get(reverse("newsroom:event-list"))
            calendar_feed = reverse("syndication:event-calendar")
        links = html.fromstring(listing.content).xpath("//main//a/@href")
        webcal = [link for link in links if link.startswith("webcal:")]
        assert webcal == [f"webcal://testserver{calendar_feed}"], lang
        feed = client.get(webcal[0].removeprefix("webcal://testserver"))
        assert feed["Content-Type"] == "text/calendar; charset=utf-8"


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_calendar_feed_without_upcoming_events_is_still_valid(client, settings, lang):
    """With no upcoming or recent event (only one of two months ago and a draft),
    the calendar feed is a valid RFC 5545 calendar: at least one component, the
    site's VTIMEZONE, and no event."""
    make_event(
        versions=EVERY_LANGUAGE, start=timezone.now() - datetime.timedelta(days=60)
    )
    make_event(versions=EVERY_LANGUAGE, state=PublicationState.DRAFT)
    with translation.override(lang):
        url = reverse("syndication:event-calendar")
    response = client.get(url)
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar.subcomponents
    assert calendar.walk("VEVENT") == []
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == settings.TIME_ZONE
    assert zone.walk("STANDARD") or zone.walk("DAYLIGHT")
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"])


def test_the_subscribed_calendar_keeps_the_last_month_of_events(client):
    """Calendar applications delete from a subscribed calendar what leaves it: an
    event over a week ago stays in it for a month, so that a journalist's
    calendar keeps it; one over two months ago has left it."""
    now = timezone.now()
    upcoming = make_event("upcoming")
    last_week = make_event("last-week", start=now - datetime.timedelta(days=7))
    make_event("long-ago", start=now - datetime.timedelta(days=60))
    response = client.get(reverse("syndication:event-calendar"))
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert summaries == [last_week.title_en, upcoming.title_en]
