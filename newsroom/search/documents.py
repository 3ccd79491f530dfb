"""What each kind of item puts in the index, and which of its rows the public
reads.

Releases, events and pages have a state per language version: a version is indexed
when it has a title, and shown to the visitors whose language reads it (their own
version when it is public, else the original, as `Publishable.display_language`
decides). People and offices have no such state: a visitor reads each translated
field in their language or the next one that has it (`translated_text`).
"""

import functools
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import override
from django_countries.fields import Country

from newsroom.core.languages import LANGUAGE_CODES, translated_text
from newsroom.core.publication import live_q
from newsroom.models import Document, Event, Page, PressRelease, Quote, Video
from newsroom.models.quotes import printed_quotes
from organisation.models import Appointment, Office, Person
from organisation.models.people import titles_from

from .models import Kind
from .text import plain_text

# The columns of `live_q` that the rows of a publishable item copy.
PUBLICATION_FIELDS = ("state", "publish_at", "expires_at")


def local_date(moment):
    return timezone.localdate(moment) if moment else None


@functools.cache
def country_name(code, lang):
    """The name of the country of `code` in `lang`, as a page in `lang` prints
    it; remembered, being read for each row that names it (django-countries
    looks it up anew each time)."""
    with override(lang):
        return str(Country(code).name)


def joined(*parts):
    return " ".join(part for part in parts if part)


@dataclass(frozen=True)
class KindIndex:
    """How one model is indexed and filtered; subclasses say what differs."""

    kind: str
    model: type
    field: str
    url_name: str

    # The filters that apply to the kind: the paths from its model to its topics
    # and to its region, and whether it has a date (a year).
    topic_path = None
    region_path = None
    dated = True
    # Whether PostgreSQL reads its most recent matches period by period
    # (PostgresBackend.newest): worth it for the kind with most rows, whose
    # common words match thousands; a kind with fewer (events, a tenth as many
    # as releases; pages) is read faster at once (see README, Search).
    by_period = False

    def queryset(self):
        """The items with what their rows need, in as few queries as possible."""
        return self.model.objects.all()

    def public(self, at=None):
        """A Q for the rows of the items the public may find at `at`."""
        raise NotImplementedError

    def publication(self, item):
        """What the rows copy of `item`'s publication, for `public`."""
        return {}

    def rows(self, item):
        """{language of the text: (texts, [visitors' languages])} for `item`."""
        raise NotImplementedError

    def labels(self, item, lang):
        """What `item`'s page says in `lang` whatever the language of its text (a
        post's title, a country's name)."""
        return ""

    def read_by(self, item, lang, readers):
        """The texts of `item`'s row in `lang`, read by the visitors of `readers`:
        those of another language read its labels in theirs on the page, and
        find it by them too."""
        texts = self.texts(item, lang)
        texts["names"] = joined(
            texts["names"],
            *(self.labels(item, reader) for reader in readers if reader != lang),
        )
        return texts

    def date(self, item):
        return local_date(getattr(item, "publish_at", None))

    def slug(self, item, reader):
        """The slug of the item's address for a visitor reading `reader`, as
        its page has it (a translated slug, or the next language's)."""
        with override(reader):
            return item.slug


class PublishableIndex(KindIndex):
    def public(self, at=None):
        # The model's one `live()` rule, on the rows' copy of the publication.
        return live_q(at=at)

    def publication(self, item):
        return {name: getattr(item, name) for name in PUBLICATION_FIELDS}

    def slug(self, item, reader):
        return item.slug_for(reader)

    def rows(self, item):
        readers = {}
        for lang in LANGUAGE_CODES:
            if item.is_public_in(lang) or item.is_public_in(item.original_language):
                readers.setdefault(item.display_language(lang), []).append(lang)
        rows = {}
        for lang in LANGUAGE_CODES:
            if item.field_in("title", lang).strip():
                shown = readers.get(lang, []) if item.is_public_in(lang) else []
                rows[lang] = (self.read_by(item, lang, shown), shown)
        return rows

    def texts(self, item, lang):
        raise NotImplementedError


class ReleaseIndex(PublishableIndex):
    topic_path = "topics"
    region_path = "issuing_office__region"
    by_period = True

    def queryset(self):
        # The posts that may title the people it names on its date (begun,
        # whatever that date: a post taken up later is not public yet).
        posts = Prefetch(
            "appointments",
            queryset=Appointment.objects.started()
            .select_related("position")
            .highest_first(),
        )
        people = Person.objects.only("name", "gender").prefetch_related(posts)
        return PressRelease.objects.select_related(
            "issuing_office", "related_event"
        ).prefetch_related(
            Prefetch("people_quoted", queryset=people),
            Prefetch("people_mentioned", queryset=people),
            Prefetch(
                "quotes",
                queryset=Quote.objects.through_releases().select_related("person"),
            ),
            Prefetch("quotes__person__appointments", queryset=posts.queryset),
            Prefetch("documents", queryset=Document.objects.through_releases()),
            Prefetch("videos", queryset=Video.objects.through_releases()),
            "topics",
        )

    def texts(self, item, lang):
        # The quotes as the version in `lang` prints them (its own words, else
        # the original's), and so its documents and videos.
        quotes = printed_quotes(item.quotes.all(), lang)
        speakers = [quote["person"] for quote in quotes if quote["person"]]
        people = [
            *item.people_quoted.all(),
            *speakers,
            *item.people_mentioned.all(),
        ]
        videos = [video.printed(lang) for video in item.videos.all() if video.embed]
        return {
            "title": item.field_in("title", lang),
            "lead": item.field_in("lead", lang),
            "names": joined(
                # PostgreSQL reads "PR/2019/123" as one path-like word; its parts
                # let a visitor's query find it whatever the backend's parser.
                item.reference.replace("/", " "),
                item.field_in("dateline_city", lang),
                *dict.fromkeys(person.name for person in people),
                # Who speaks, when no person of the organisation does (a
                # person's title on the release's date is printed instead).
                *(quote["attribution"] for quote in quotes if not quote["person"]),
                *(document.title_in(lang) for document in item.public_documents()),
                *(video["title"] for video in videos),
                self.labels(item, lang),
            ),
            "body": joined(
                plain_text(item.field_in("body", lang)),
                *(quote["text"] for quote in quotes),
                *(video["transcript"] for video in videos),
                plain_text(item.field_in("notes_to_editors", lang)),
                item.field_in("correction_note", lang),
            ),
        }

    def labels(self, item, lang):
        """Its topics, countries, issuing office and related event (while
        live), and the titles the people it names held on its date, as its
        page names them in `lang`."""
        with override(lang):
            topics = [topic.name for topic in item.topics.all() if topic.slug]
            office = item.issuing_office.name if item.issuing_office else ""
            titles = self.titles(item).values()
        countries = (country_name(country.code, lang) for country in item.countries)
        return joined(
            *topics, *countries, office, self.event_title(item, lang), *titles
        )

    def titles(self, item):
        """{person pk: title} of the people it quotes, who speak in its quotes
        and it mentions, on its date, in the active language."""
        speakers = [quote.person for quote in item.quotes.all() if quote.person]
        people = [*item.people_quoted.all(), *speakers, *item.people_mentioned.all()]
        return titles_from(
            appointment
            for person in dict.fromkeys(people)
            for appointment in person.appointments.all()
            if appointment.is_titling(item.publish_at)
        )

    def event_title(self, item, lang):
        """The title of its related event as a visitor reading `lang` reads it,
        while the event is live (its page shows it only then)."""
        event = item.related_event
        if event is None or not event.is_live:
            return ""
        return event.field_in("title", event.display_language(lang))


class EventIndex(PublishableIndex):
    def queryset(self):
        return Event.objects.prefetch_related(
            Prefetch("officials", queryset=Person.objects.only("name"))
        )

    def date(self, item):
        # The day its page and calendar give it, in its own time zone.
        return item.local_start.date()

    def texts(self, item, lang):
        return {
            "title": item.field_in("title", lang),
            "lead": "",
            "names": joined(
                item.field_in("venue", lang),
                item.field_in("city", lang),
                self.labels(item, lang),
                *(person.name for person in item.officials.all()),
            ),
            "body": plain_text(item.field_in("description", lang)),
        }

    def labels(self, item, lang):
        """Its country."""
        return country_name(item.country.code, lang) if item.country else ""


class PageIndex(PublishableIndex):
    def texts(self, item, lang):
        return {
            "title": item.field_in("title", lang),
            "lead": item.field_in("intro", lang),
            "names": "",
            "body": plain_text(item.field_in("body", lang)),
        }


class TranslatedIndex(KindIndex):
    """Items without version states: one row per language their main text is in,
    shown to the visitors who read that text."""

    main_field = None
    dated = False

    def rows(self, item):
        readers = {}
        for lang in LANGUAGE_CODES:
            _text, text_lang = translated_text(item, self.main_field, lang)
            readers.setdefault(text_lang, []).append(lang)
        return {
            lang: (self.read_by(item, lang, langs), langs)
            for lang, langs in readers.items()
        }

    def date(self, item):
        return None

    def texts(self, item, lang):
        raise NotImplementedError


class PersonIndex(TranslatedIndex):
    main_field = "biography"

    def queryset(self):
        return Person.objects.prefetch_related(
            # Only appointments begun: a post someone takes up later is not
            # public yet (it becomes searchable on its first day, tasks.py).
            Prefetch(
                "appointments",
                queryset=Appointment.objects.started().select_related("position"),
            )
        )

    def public(self, at=None):
        return Q(person__in=Person.objects.public(at))

    def texts(self, item, lang):
        biography, _lang = translated_text(item, "biography", lang)
        return {
            "title": item.name,
            "lead": self.labels(item, lang),
            "names": "",
            "body": plain_text(biography),
        }

    def labels(self, item, lang):
        """The titles of their posts."""
        with override(lang):
            titles = dict.fromkeys(
                appointment.position.title_for(item)
                for appointment in item.appointments.all()
            )
        return joined(*titles)


class OfficeIndex(TranslatedIndex):
    main_field = "name"
    region_path = "region"

    def public(self, at=None):
        # Every office is on the public office list.
        return Q()

    def texts(self, item, lang):
        return {
            "title": translated_text(item, "name", lang)[0],
            "lead": "",
            "names": self.labels(item, lang),
            "body": item.address,
        }

    def labels(self, item, lang):
        """Its city and country."""
        country = country_name(item.country.code, lang) if item.country else ""
        return joined(translated_text(item, "city", lang)[0], country)


INDEXES = {
    spec.kind: spec
    for spec in (
        ReleaseIndex(Kind.RELEASE, PressRelease, "release", "newsroom:release-detail"),
        EventIndex(Kind.EVENT, Event, "event", "newsroom:event-detail"),
        PageIndex(Kind.PAGE, Page, "page", "newsroom:page-detail"),
        PersonIndex(Kind.PERSON, Person, "person", "organisation:person-detail"),
        OfficeIndex(Kind.OFFICE, Office, "office", "organisation:office-detail"),
    )
}
BY_MODEL = {spec.model: spec for spec in INDEXES.values()}
