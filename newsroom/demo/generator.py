"""Generated content for measuring: N press releases in three languages, events and
people, written with bulk inserts and indexed for search in batches.

Deterministic: the same seed on the same database writes the same content. The text
is sentences built from aligned phrase lists (`wordlists`), so each release says the
same thing in English, French and Spanish; most releases have all three versions
ready, some only their original. Nothing here is a fact: it is load-test data.
"""

import datetime
import functools
import random
import secrets
import string
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from django.db import connections, transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django_countries import countries

from newsroom.core.languages import LANGUAGE_CODES
from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import Event, PressRelease, ReleaseCountry, Topic
from newsroom.search.documents import INDEXES
from newsroom.search.indexing import index_queryset
from organisation.models import Appointment, Office, Person, Position, Region

from . import wordlists as words

BATCH_SIZE = 2000
YEARS_BACK = 10
# Three versions in nine releases of ten; the original only in the others.
TRANSLATED_SHARE = 0.9
ORIGINALS = ["en"] * 6 + ["fr"] * 2 + ["es"] * 2
# Each release concerns one to three countries: about 800 releases a country at
# 100,000, so that the list's country filter is measured on real rows.
COUNTRIES_PER_RELEASE = range(1, 4)


@functools.cache
def country_codes():
    """Every ISO 3166 code of django-countries, in the order of the codes (not of
    the names, which depends on the active language)."""
    return sorted(code for code, _name in countries)


LANG_INDEX = {lang: index for index, lang in enumerate(("en", "fr", "es"))}


def capitalise(text):
    return text[:1].upper() + text[1:]


# The phrase lists behind each slot of the templates; "country" comes from
# django-countries, in each language.
TABLES = {
    "people": words.PEOPLE,
    "aid": words.AID,
    "aid2": words.AID,
    "disaster": words.DISASTERS,
    "topic": words.TOPICS,
    "city": words.CITIES,
    "adjective": words.ADJECTIVES,
    "places": words.PLACES,
}
NUMBERS = {
    "number": lambda rng: f"{rng.randrange(2, 900) * 10:,}".replace(",", " "),
    "small": lambda rng: str(rng.randrange(2, 40)),
    "year": lambda rng: str(rng.randrange(2026, 2031)),
    "year_past": lambda rng: str(rng.randrange(1995, 2020)),
}


@functools.cache
def slots_of(template):
    """The slots a template names, without the "_cap" of capitalised ones."""
    return tuple(
        dict.fromkeys(
            name.removesuffix("_cap")
            for _text, name, _spec, _conv in string.Formatter().parse(template)
            if name
        )
    )


class Writer:
    """Fills aligned templates with the same random choices in each language."""

    def __init__(self, rng):
        self.rng = rng
        self.countries = {}
        for lang in LANG_INDEX:
            with translation.override(lang):
                self.countries[lang] = [
                    str(countries.name(code)) for code in country_codes()
                ]
        self.tables = {
            **TABLES,
            "country": list(zip(*self.countries.values(), strict=True)),
        }

    def draw(self, template):
        """One draw of each slot of `template` (in English), for all languages."""
        drawn = {}
        for slot in slots_of(template[0]):
            if slot in NUMBERS:
                drawn[slot] = NUMBERS[slot](self.rng)
            elif slot != "org":
                drawn[slot] = self.rng.randrange(len(self.tables[slot]))
        return drawn

    def fill(self, template, drawn, lang):
        index = LANG_INDEX[lang]
        values = {"org": words.ORGANISATION[index]}
        for slot, value in drawn.items():
            values[slot] = value if slot in NUMBERS else self.tables[slot][value][index]
        for slot in list(values):
            values[f"{slot}_cap"] = capitalise(values[slot])
        return template[index].format_map(values)

    def text(self, templates, count):
        """`count` sentences as {lang: [sentence, …]}, the same in each language."""
        drawn = []
        for _index in range(count):
            template = self.rng.choice(templates)
            drawn.append((template, self.draw(template)))
        return {
            lang: [self.fill(template, slots, lang) for template, slots in drawn]
            for lang in LANG_INDEX
        }

    def body(self):
        """{lang: HTML}: three or four paragraphs of three or four sentences."""
        paragraphs = [
            self.text(words.SENTENCES, self.rng.randrange(3, 5))
            for _index in range(self.rng.randrange(3, 5))
        ]
        return {
            lang: "".join(f"<p>{' '.join(p[lang])}</p>" for p in paragraphs)
            for lang in LANG_INDEX
        }


class Generator:
    def __init__(self, seed=1, stdout=None):
        self.rng = random.Random(seed)
        self.writer = Writer(self.rng)
        self.stdout = stdout
        self.now = timezone.now()

    def say(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    def versions(self, original):
        """{lang: state}: the original ready, the others mostly ready."""
        translated = self.rng.random() < TRANSLATED_SHARE
        return {
            lang: VersionState.READY
            if lang == original or translated
            else VersionState.MISSING
            for lang in LANGUAGE_CODES
        }

    def state(self):
        """Mostly published; a few drafts, withdrawn and scheduled items."""
        roll = self.rng.random()
        if roll < 0.03:
            return PublicationState.DRAFT, None
        if roll < 0.05:
            return PublicationState.WITHDRAWN, self.past()
        if roll < 0.06:
            return PublicationState.PUBLISHED, self.now + datetime.timedelta(
                days=self.rng.randrange(1, 30)
            )
        return PublicationState.PUBLISHED, self.past()

    def public_time(self, publish_at):
        """The publish time of an item that has been public by now (a withdrawn
        one included): a generated archive's withdrawals followed publication."""
        return publish_at if publish_at and publish_at <= self.now else None

    def past(self):
        seconds = self.rng.randrange(YEARS_BACK * 365 * 86400)
        return self.now - datetime.timedelta(seconds=seconds)

    def translated(self, texts, versions, field):
        return {
            f"{field}_{lang}": texts[lang]
            for lang, state in versions.items()
            if state != VersionState.MISSING
        }

    def context(self):
        """Offices, topics and people to point at, made once."""
        region, _created = Region.objects.get_or_create(
            slug="generated-region", defaults={"name_en": "Generated region"}
        )
        offices = list(Office.objects.all()[:20])
        if not offices:
            offices = [
                Office.objects.create(
                    kind=Office.Kind.COUNTRY,
                    name_en=f"Office in {city[0]}",
                    name_fr=f"Bureau à {city[1]}",
                    name_es=f"Oficina en {city[2]}",
                    slug=f"generated-{slugify(city[0])}",
                    region=region,
                    city_en=city[0],
                    city_fr=city[1],
                    city_es=city[2],
                )
                for city in words.CITIES
            ]
        topics = list(Topic.objects.all())
        if not topics:
            topics = [
                Topic.objects.create(
                    **{
                        f"name_{lang}": capitalise(names[i])
                        for lang, i in LANG_INDEX.items()
                    },
                    **{
                        f"slug_{lang}": slugify(names[i])
                        for lang, i in LANG_INDEX.items()
                    },
                )
                for names in words.TOPICS
            ]
        return offices, topics

    def people(self, count):
        """`count` people, each with a started appointment (so they are public)."""
        position, _created = Position.objects.get_or_create(
            title_en="Programme officer",
            defaults={
                "title_fr": "Chargé de programme",
                "title_es": "Oficial de programas",
            },
        )
        start = Person.objects.count()
        people = Person.objects.bulk_create(
            [
                Person(
                    name=f"{self.rng.choice(words.FIRST_NAMES)} "
                    f"{self.rng.choice(words.LAST_NAMES)}",
                    slug=f"generated-person-{start + index}",
                )
                for index in range(count)
            ],
            batch_size=BATCH_SIZE,
        )
        Appointment.objects.bulk_create(
            [
                Appointment(
                    person=person, position=position, start=datetime.date(2020, 1, 1)
                )
                for person in people
            ],
            batch_size=BATCH_SIZE,
        )
        return people

    def release(self, number, offices, people):
        original = self.rng.choice(ORIGINALS)
        versions = self.versions(original)
        state, publish_at = self.state()
        title = self.writer.text(words.TITLES, 1)
        titles = {lang: lines[0] for lang, lines in title.items()}
        lead = self.writer.text(words.SENTENCES, 1)
        leads = {lang: lines[0] for lang, lines in lead.items()}
        city = self.rng.choice(words.CITIES)
        codes = self.rng.sample(
            country_codes(), k=self.rng.choice(COUNTRIES_PER_RELEASE)
        )
        release = PressRelease(
            original_language=original,
            countries=sorted(codes),
            state=state,
            publish_at=publish_at,
            public_publish_at=self.public_time(publish_at),
            issuing_office=self.rng.choice(offices),
            embargo_token=secrets.token_urlsafe(24),
            revision=1,
            public_revision=1,
            **{f"version_state_{lang}": state for lang, state in versions.items()},
            **self.translated(titles, versions, "title"),
            **{
                f"slug_{lang}": f"{slugify(titles[lang])[:180]}-{number}"
                for lang, state in versions.items()
                if state != VersionState.MISSING
            },
            **self.translated(leads, versions, "lead"),
            **self.translated(self.writer.body(), versions, "body"),
            **self.translated(
                dict(zip(LANG_INDEX, city, strict=True)), versions, "dateline_city"
            ),
        )
        release.source_digest = release.compute_source_digest()
        quoted = self.rng.sample(people, k=min(len(people), self.rng.randrange(0, 3)))
        return release, quoted

    def releases(self, count, people, index):
        """Write `count` releases, handing each batch's pks to `index`."""
        offices, topics = self.context()
        start = PressRelease.objects.count()
        for batch_start in range(0, count, BATCH_SIZE):
            size = min(BATCH_SIZE, count - batch_start)
            drafts = [
                self.release(start + batch_start + index, offices, people)
                for index in range(size)
            ]
            with transaction.atomic():
                saved = PressRelease.objects.bulk_create(
                    [release for release, _quoted in drafts]
                )
                # bulk_create sends no post_save: the country rows are written
                # here, as keep_release_countries writes them on a save.
                ReleaseCountry.objects.bulk_create(
                    [
                        ReleaseCountry(release=release, country=str(code))
                        for release in saved
                        for code in release.countries
                    ]
                )
                PressRelease.topics.through.objects.bulk_create(
                    [
                        PressRelease.topics.through(pressrelease=release, topic=topic)
                        for release in saved
                        for topic in self.rng.sample(topics, k=self.rng.randrange(1, 3))
                    ]
                )
                PressRelease.people_quoted.through.objects.bulk_create(
                    [
                        PressRelease.people_quoted.through(
                            pressrelease=release, person=person
                        )
                        for release, (_draft, quoted) in zip(saved, drafts, strict=True)
                        for person in quoted
                    ]
                )
            index("release", [release.pk for release in saved])
            self.say(f"releases: {batch_start + size}/{count}")

    def event(self, number):
        original = self.rng.choice(ORIGINALS)
        versions = self.versions(original)
        state, publish_at = self.state()
        title = {
            lang: lines[0] for lang, lines in self.writer.text(words.TITLES, 1).items()
        }
        start = self.now + datetime.timedelta(days=self.rng.randrange(-3650, 365))
        city = self.rng.choice(words.CITIES)
        venue = self.rng.choice(words.VENUES)
        event = Event(
            original_language=original,
            state=state,
            publish_at=publish_at,
            public_publish_at=self.public_time(publish_at),
            start=start,
            end=start + datetime.timedelta(hours=self.rng.randrange(1, 48)),
            revision=1,
            public_revision=1,
            **{f"version_state_{lang}": state for lang, state in versions.items()},
            **self.translated(title, versions, "title"),
            **{
                f"slug_{lang}": f"{slugify(title[lang])[:180]}-{number}"
                for lang, state in versions.items()
                if state != VersionState.MISSING
            },
            **self.translated(
                {
                    lang: "".join(f"<p>{s}</p>" for s in lines)
                    for lang, lines in self.writer.text(words.SENTENCES, 4).items()
                },
                versions,
                "description",
            ),
            **self.translated(
                dict(zip(LANG_INDEX, city, strict=True)), versions, "city"
            ),
            **self.translated(
                dict(zip(LANG_INDEX, venue, strict=True)), versions, "venue"
            ),
        )
        event.source_digest = event.compute_source_digest()
        return event

    def events(self, count, index):
        start = Event.objects.count()
        for batch_start in range(0, count, BATCH_SIZE):
            size = min(BATCH_SIZE, count - batch_start)
            saved = Event.objects.bulk_create(
                [self.event(start + batch_start + number) for number in range(size)]
            )
            index("event", [event.pk for event in saved])

    def run(self, releases=0, events=0, people=0):
        """Write the content and index it; {kind: rows indexed}.

        Each batch is indexed in a second thread while the next one is written, so
        that the database (parsing text into documents) and Python (writing text)
        work at the same time."""
        jobs = []
        with ThreadPoolExecutor(max_workers=1) as pool:

            def index(kind, pks):
                jobs.append((kind, pool.submit(index_batch, kind, pks)))

            made_people = self.people(people) if people else []
            if made_people:
                index("person", [person.pk for person in made_people])
            if releases:
                quotable = made_people or list(Person.objects.all()[:200])
                self.releases(releases, quotable, index)
            if events:
                self.events(events, index)
            indexed = Counter()
            for kind, job in jobs:
                indexed[kind] += job.result()
        return dict(indexed)


def index_batch(kind, pks):
    """Index the items `pks` of `kind`, in the calling thread's own connection."""
    spec = INDEXES[kind]
    try:
        return index_queryset(spec, spec.model.objects.filter(pk__in=pks), BATCH_SIZE)
    finally:
        connections.close_all()
