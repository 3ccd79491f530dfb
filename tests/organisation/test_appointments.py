"""Who held a position on a given day: `Position.holder_on(date)` and
`Appointment.objects.on(date)`."""

import datetime
import zoneinfo

import pytest
from django.db import IntegrityError
from django.utils import timezone, translation

from organisation.models import Appointment, Person, Position

pytestmark = pytest.mark.django_db

day = datetime.date


@pytest.fixture
def position():
    return Position.objects.create(title="Director General")


def appoint(position, slug, start=None, end=None, ended=False):
    person = Person.objects.create(name=slug.title(), slug=slug)
    Appointment.objects.create(
        person=person, position=position, start=start, end=end, ended=ended
    )
    return person


@pytest.mark.parametrize(
    ("date", "holds"),
    [
        (day(2020, 1, 9), False),  # the day before the start
        (day(2020, 1, 10), True),  # the first day
        (day(2020, 3, 1), True),
        (day(2020, 6, 30), True),  # the last day
        (day(2020, 7, 1), False),  # the day after the end
    ],
)
def test_dated_appointment_includes_both_ends(position, date, holds):
    """An appointment runs from its first to its last day, both included."""
    holder = appoint(position, "first", day(2020, 1, 10), day(2020, 6, 30))
    assert position.holder_on(date) == (holder if holds else None)


def test_open_ended_appointment_runs_until_today_and_after(position):
    """With no end date, the holder stays in office from the start onwards."""
    holder = appoint(position, "current", start=day(2023, 10, 1))
    assert position.holder_on(day(2023, 9, 30)) is None
    assert position.holder_on(day(2023, 10, 1)) == holder
    assert position.holder_on() == holder
    assert position.holder_on(timezone.localdate() + datetime.timedelta(1)) == holder


def test_undated_appointment_is_current(position):
    """With neither date known, the holder is taken to hold the position."""
    holder = appoint(position, "undated")
    assert position.holder_on(day(1990, 1, 1)) == holder
    assert position.holder_on() == holder


def test_appointment_with_only_an_end_runs_until_that_day(position):
    """A missing start is open on that side; the end still closes it."""
    holder = appoint(position, "former", end=day(2018, 9, 30))
    assert position.holder_on(day(2018, 9, 30)) == holder
    assert position.holder_on(day(2018, 10, 1)) is None


@pytest.mark.parametrize("start", [None, day(2015, 1, 1)])
def test_ended_appointment_without_end_date_is_never_current(position, start):
    """`ended` closes an appointment whose end date is unknown."""
    appoint(position, "earlier", start=start, ended=True)
    assert position.holder_on() is None
    assert position.holder_on(day(2016, 1, 1)) is None


def test_successive_holders_hand_over_at_midnight(position):
    """On the last day of one term and the first of the next, each holder in turn."""
    swing = appoint(position, "swing", day(2008, 10, 1), day(2018, 9, 30))
    vitorino = appoint(position, "vitorino", day(2018, 10, 1), day(2023, 9, 30))
    pope = appoint(position, "pope", day(2023, 10, 1))
    assert position.holder_on(day(2018, 9, 30)) == swing
    assert position.holder_on(day(2018, 10, 1)) == vitorino
    assert position.holder_on(day(2019, 10, 25)) == vitorino
    assert position.holder_on(day(2023, 9, 30)) == vitorino
    assert position.holder_on(day(2023, 10, 1)) == pope
    assert position.holder_on() == pope
    assert position.holder_on(day(2008, 9, 30)) is None


def test_a_dated_appointment_wins_over_an_undated_one(position):
    """When an undated and a dated appointment overlap, the dated one is named, on
    every database (NULL dates sort last)."""
    appoint(position, "undated")
    dated = appoint(position, "dated", start=day(2020, 1, 1))
    assert position.holder_on(day(2021, 1, 1)) == dated
    assert position.holder_on() == dated


def test_a_datetime_is_read_in_the_sites_time_zone(position, settings):
    """A moment is turned into the local day before comparing."""
    settings.TIME_ZONE = "Europe/Zurich"
    holder = appoint(position, "first", start=day(2020, 1, 10))
    late_evening_utc = datetime.datetime(
        2020, 1, 9, 23, 30, tzinfo=zoneinfo.ZoneInfo("UTC")
    )
    # 23:30 UTC on the 9th is already the 10th in Geneva.
    assert position.holder_on(late_evening_utc) == holder
    assert position.holder_on(late_evening_utc - datetime.timedelta(hours=1)) is None


def test_queryset_lists_every_appointment_running_on_a_day(position):
    """`Appointment.objects.on(date)` is the rule for many positions at once."""
    other = Position.objects.create(title="Regional Director")
    appoint(position, "old", day(2000, 1, 1), day(2010, 1, 1))
    appoint(position, "new", day(2010, 1, 2))
    appoint(other, "regional")
    running = Appointment.objects.on(day(2015, 5, 5))
    assert sorted(a.person.slug for a in running) == ["new", "regional"]


def test_an_appointment_cannot_end_before_it_starts(position):
    """The database refuses an end date before the start date."""
    with pytest.raises(IntegrityError):
        appoint(position, "backwards", day(2020, 1, 2), day(2020, 1, 1))


@pytest.mark.parametrize(
    ("gender", "lang", "title"),
    [
        ("f", "fr", "Directrice générale"),
        ("m", "fr", "Directeur général"),
        ("", "fr", "Directeur général"),
        ("f", "es", "Directora General"),
        ("m", "es", "Director General"),
    ],
)
def test_title_follows_the_holders_grammatical_gender(gender, lang, title):
    """The feminine title is used for a holder of feminine gender."""
    position = Position.objects.create(
        title_en="Director General",
        title_fr="Directeur général",
        title_es="Director General",
        title_feminine_fr="Directrice générale",
        title_feminine_es="Directora General",
    )
    person = Person.objects.create(name="Someone", slug="someone", gender=gender)
    with translation.override(lang):
        assert position.title_for(person) == title


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("en", "Chief of Staff"),
        ("fr", "Cheffe de cabinet"),
        ("es", "Jefe de Gabinete"),
    ],
)
def test_a_feminine_title_never_leaks_into_another_language(lang, title):
    """A feminine form entered only in French is used on French pages; the other
    languages show their own masculine title rather than the French feminine."""
    position = Position.objects.create(
        title_en="Chief of Staff",
        title_fr="Chef de cabinet",
        title_es="Jefe de Gabinete",
        title_feminine_fr="Cheffe de cabinet",
    )
    person = Person.objects.create(name="Someone", slug="someone", gender="f")
    with translation.override(lang):
        assert position.title_for(person) == title


@pytest.mark.parametrize(
    ("gender", "expected"),
    [
        ("f", "Ms Someone — Directrice générale"),
        ("m", "Ms Someone — Directeur général"),
    ],
)
def test_an_appointment_is_named_with_the_gendered_title(gender, expected):
    """An appointment reads as its holder and the title in the holder's gender."""
    position = Position.objects.create(
        title_fr="Directeur général", title_feminine_fr="Directrice générale"
    )
    person = Person.objects.create(name="Ms Someone", slug="someone", gender=gender)
    appointment = Appointment.objects.create(person=person, position=position)
    with translation.override("fr"):
        assert str(appointment) == expected


def test_a_title_shown_from_another_language_keeps_its_feminine_form():
    """A position titled only in English shows, on a French page, the English
    feminine form for a woman: the title and its gender come from one language."""
    with translation.override("en"):
        position = Position.objects.create(
            title="Head of Office", title_feminine="Head of Office (f)"
        )
    person = Person.objects.create(name="Someone", slug="someone", gender="f")
    with translation.override("fr"):
        assert position.title_for(person) == "Head of Office (f)"
