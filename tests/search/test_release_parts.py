"""A release is found by what its page shows besides its text, in the language
searched: its quotes (in the version's language) and their speakers, the people
it mentions and quotes with the titles they held on its date, its documents and
videos, its countries and topics, its issuing office and related event (named
in the visitor's language); and the index follows each of them as it
changes."""

import datetime
from contextlib import contextmanager

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections

from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import Document, Quote, Topic, Video
from organisation.models import Appointment, Person, Position
from tests.factories import ago, make_event, make_office, make_release, make_topic
from tests.presskit.pdf_files import plain_pdf

from .conftest import search, titles

pytestmark = pytest.mark.django_db

READY, DRAFT = VersionState.READY, VersionState.DRAFT


def found(client, query, lang="en"):
    return titles(search(client, query, lang, type="release"))


@pytest.fixture
def quoted(db):
    """A release in English with a French version ready and none in Spanish,
    quoting a speaker in both languages and someone described."""
    release = make_release("quoting", versions={"fr": READY})
    speaker = Person.objects.create(name="Halima Speaker", slug="halima")
    Quote.objects.create(
        release=release,
        person=speaker,
        text_en="We will rebuild the schools before the rains.",
        text_fr="Nous reconstruirons les écoles avant les pluies.",
    )
    Quote.objects.create(
        release=release,
        order=1,
        attribution_en="a teacher in Niamey",
        attribution_fr="une institutrice de Niamey",
        text_en="The children came back.",
    )
    return release


def test_quotes_are_found_in_the_version_language(client, quoted):
    """A quote's words find the release in the language of the version that
    prints them; a quote without a French translation is printed, and found,
    in the original's words from /fr/ too."""
    assert found(client, "rebuild schools") == ["quoting title en"]
    assert found(client, "reconstruirons écoles", "fr") == ["quoting title fr"]
    assert found(client, "children came back", "fr") == ["quoting title fr"]
    # The Spanish visitors read the original, which prints the English words.
    assert found(client, "rebuild schools", "es") == ["quoting title en"]
    assert found(client, "reconstruirons") == []
    assert found(client, "reconstruirons", "es") == []


def test_speakers_and_attributions_are_found(client, quoted):
    """A quote's speaker is found though not among the people quoted, and so
    is who speaks when no person does, in the version's words."""
    assert found(client, "halima") == ["quoting title en"]
    assert found(client, "teacher niamey") == ["quoting title en"]
    assert found(client, "institutrice", "fr") == ["quoting title fr"]


def test_quote_edits_are_followed(client, quoted):
    """A quote edited is found by its new words only, a quote deleted by none,
    a speaker renamed by the new name, a speaker deleted no more."""
    quote = quoted.quotes.get(order=0)
    quote.text_en = "Harvests failed twice."
    quote.save()
    assert found(client, "harvests failed") == ["quoting title en"]
    assert found(client, "rebuild schools") == []
    speaker = quote.person
    speaker.name = "Halima Renamed"
    speaker.save()
    assert found(client, "renamed") == ["quoting title en"]
    speaker.delete()
    assert found(client, "halima") == []
    quote.refresh_from_db()
    quote.delete()
    assert found(client, "harvests") == []


def test_people_mentioned_are_found_and_followed(client):
    """The people a release mentions find it; renamed, by their new name;
    removed or deleted, no more."""
    release = make_release("mentioning")
    person = Person.objects.create(name="Tomás Mentioned", slug="tomas")
    release.people_mentioned.add(person)
    assert found(client, "tomas mentioned") == ["mentioning title en"]
    person.name = "Tomás Renamed"
    person.save()
    assert found(client, "tomas renamed") == ["mentioning title en"]
    release.people_mentioned.remove(person)
    assert found(client, "renamed") == []
    person.releases_mentioning.add(release)
    assert found(client, "renamed") == ["mentioning title en"]
    person.delete()
    assert found(client, "renamed") == []


def test_a_person_quoted_and_deleted_is_no_more_found(client):
    """A person quoted then deleted: their name leaves the release's text."""
    release = make_release("quoting")
    release.people_quoted.add(Person.objects.create(name="Gone Person", slug="gone"))
    assert found(client, "gone person") == ["quoting title en"]
    release.people_quoted.get().delete()
    assert found(client, "gone person") == []


EVERY_VERSION = {"fr": READY, "es": READY}


@pytest.mark.parametrize(
    "lang, query",
    [("en", "Kenya"), ("fr", "Kenya"), ("es", "Kenia"), ("fr", "Côte d’Ivoire")],
)
def test_countries_are_found_by_their_name_in_the_language_searched(
    client, lang, query
):
    """A release's countries find it by their names in the visitor's language,
    not in another's."""
    make_release("concerning", versions=EVERY_VERSION, countries=["KE", "CI"])
    assert found(client, query, lang) == [f"concerning title {lang}"]
    assert found(client, "Kenia", "en") == []


def test_names_in_the_language_of_visitors_reading_the_original(client):
    """Visitors who read the original, their version not being public, find it
    by the names of its countries and topics in their own language, as its page
    shows them."""
    topic = Topic.objects.create(
        name_en="Climate action", name_es="Acción climática", slug_en="climate"
    )
    make_release("original", versions={"es": DRAFT}, countries=["KE"], topics=[topic])
    assert found(client, "Kenia", "es") == ["original title en"]
    assert found(client, "acción climática", "es") == ["original title en"]


def test_topics_are_found_by_their_name_in_the_language_searched(client):
    """A release's topics find it by their names in the visitor's language;
    renamed, by the new name; removed or deleted, no more."""
    topic = Topic.objects.create(
        name_en="Climate action",
        name_fr="Action pour le climat",
        name_es="Acción climática",
        slug_en="climate-action",
    )
    release = make_release("tagged", versions=EVERY_VERSION, topics=[topic])
    assert found(client, "climate action") == ["tagged title en"]
    assert found(client, "action climat", "fr") == ["tagged title fr"]
    assert found(client, "acción climática", "es") == ["tagged title es"]
    assert found(client, "climática", "en") == []
    topic.name_fr = "Résilience"
    topic.save()
    assert found(client, "résilience", "fr") == ["tagged title fr"]
    assert found(client, "climat", "fr") == []
    release.topics.remove(topic)
    assert found(client, "résilience", "fr") == []
    topic.press_releases.add(release)
    assert found(client, "résilience", "fr") == ["tagged title fr"]
    topic.delete()
    assert found(client, "résilience", "fr") == []


def test_a_topic_without_an_address_is_not_shown_nor_found(client):
    """A topic with no slug is not shown on the release's page: its name finds
    nothing until it has one."""
    topic = Topic.objects.create(name_en="Unlisted theme")
    make_release("tagged", topics=[topic])
    assert found(client, "unlisted theme") == []
    topic.slug_en = "unlisted"
    topic.save()
    assert found(client, "unlisted theme") == ["tagged title en"]


def test_nothing_of_a_release_that_is_not_public_is_found(client):
    """The quotes, people, countries and topics of a draft, or of a draft
    translation, find nothing."""
    topic = make_topic("zqdrafttopic")
    draft = make_release(
        "hidden", state=PublicationState.DRAFT, publish_at=None, topics=[topic]
    )
    draft.people_mentioned.add(Person.objects.create(name="Zqmentioned", slug="m"))
    Quote.objects.create(release=draft, text_en="Zqdraftquote words")
    live = make_release("live", versions={"fr": DRAFT})
    Quote.objects.create(release=live, text_en="Words", text_fr="Zqfrenchdraft")
    for lang in ("en", "fr", "es"):
        for query in ("zqdrafttopic", "zqmentioned", "zqdraftquote", "zqfrenchdraft"):
            assert found(client, query, lang) == [], (lang, query)
    assert found(client, "words", "fr") == ["live title en"]


# Committed for real: the worker runs the task after the commit, and closes its
# connection as db_worker does.
@pytest.mark.django_db(transaction=True)
def test_a_change_naming_many_items_is_indexed_by_the_worker(client, settings):
    """A topic renamed, or a person renamed or deleted, alters the text of every
    release naming them: past NEWSROOM_SEARCH_INDEX_AT_ONCE, the save leaves
    them waiting and the worker indexes them once it commits; a lost task
    leaves them waiting for the worker's next look."""
    from django_tasks_db.models import DBTaskResult

    from newsroom.search.models import Waiting
    from newsroom.search.tasks import index_left_behind
    from tests.distribution.conftest import work_queue

    settings.NEWSROOM_SEARCH_INDEX_AT_ONCE = 1
    topic = make_topic("water")
    person = Person.objects.create(name="Noor Spokes", slug="noor")
    for name in ("first", "second"):
        release = make_release(name, topics=[topic])
        release.people_quoted.add(person)
    topic.name_en = "Sanitation"
    topic.save()
    assert found(client, "sanitation") == []
    assert Waiting.objects.count() == 2
    work_queue()
    assert sorted(found(client, "sanitation")) == ["first title en", "second title en"]
    assert not Waiting.objects.exists()

    # The task is lost (a queue emptied): the worker's periodic look finds them.
    person.name = "Noor Renamed"
    person.save()
    DBTaskResult.objects.all().delete()
    assert found(client, "renamed") == []
    index_left_behind()
    work_queue()
    assert sorted(found(client, "renamed")) == ["first title en", "second title en"]

    person.delete()
    work_queue()
    assert found(client, "noor") == []


def test_a_change_naming_few_items_indexes_them_in_its_save(client, settings):
    """At most NEWSROOM_SEARCH_INDEX_AT_ONCE items: in the save's transaction, no
    worker needed."""
    settings.NEWSROOM_SEARCH_INDEX_AT_ONCE = 2
    topic = make_topic("water")
    make_release("first", topics=[topic])
    make_release("second", topics=[topic])
    topic.name_en = "Sanitation"
    topic.save()
    assert sorted(found(client, "sanitation")) == ["first title en", "second title en"]


def test_the_issuing_office_is_found_in_the_language_searched(client):
    """The issuing office's name finds the release in the visitor's language;
    renamed, by its new name; deleted, no more."""
    office = make_office("dakar")
    office.name_en = "Regional Office for West Africa"
    office.name_fr = "Bureau régional pour l’Afrique de l’Ouest"
    office.save()
    make_release("issued", versions={"fr": READY}, issuing_office=office)
    assert found(client, "regional office west africa") == ["issued title en"]
    assert found(client, "bureau régional", "fr") == ["issued title fr"]
    assert found(client, "bureau régional") == []
    # The Spanish visitors read the original, with the name in English.
    assert found(client, "west africa", "es") == ["issued title en"]
    office.name_fr = "Bureau pour le Sahel"
    office.save()
    assert found(client, "sahel", "fr") == ["issued title fr"]
    assert found(client, "régional", "fr") == []
    office.delete()
    assert found(client, "sahel", "fr") == []


def test_the_related_event_is_found_while_it_is_live(client):
    """The related event's title finds the release in the visitor's language,
    while the event is live: renamed, by its new title; withdrawn, deleted or
    never published, not at all."""
    event = make_event("summit", versions={"fr": READY}, title_en="Baku Summit")
    make_release("related", versions={"fr": READY}, related_event=event)
    assert found(client, "baku summit") == ["related title en"]
    assert found(client, "summit title fr", "fr") == ["related title fr"]
    event.title_en = "Caspian Forum"
    event.save()
    assert found(client, "caspian forum") == ["related title en"]
    assert found(client, "baku summit") == []
    event.state = PublicationState.WITHDRAWN
    event.save()
    assert found(client, "caspian forum") == []
    draft = make_event("zqdraft", state=PublicationState.DRAFT)
    make_release("other", related_event=draft)
    assert found(client, "zqdraft") == []
    event.state = PublicationState.PUBLISHED
    event.save()
    assert found(client, "caspian forum") == ["related title en"]
    event.delete()
    assert found(client, "caspian forum") == []


def test_titles_of_the_people_quoted_on_its_date(client):
    """The titles the people quoted held on the release's date find it, in the
    visitor's language and grammatical gender; a post renamed, by its new
    title; a post taken up after the release's date, or ended before it, not at
    all; an appointment deleted, no more."""
    director = Person.objects.create(name="Awa Director", slug="awa", gender="f")
    position = Position.objects.create(
        title_en="Regional Director",
        title_fr="Directeur régional",
        title_feminine_fr="Directrice régionale",
    )
    Appointment.objects.create(
        person=director, position=position, start=datetime.date(2001, 1, 1)
    )
    later = Position.objects.create(title_en="Chief Economist")
    Appointment.objects.create(
        person=director, position=later, start=datetime.date.today()
    )
    earlier = Position.objects.create(title_en="Field Coordinator", rank=1)
    Appointment.objects.create(
        person=director,
        position=earlier,
        start=datetime.date(1990, 1, 1),
        end=datetime.date(2000, 12, 31),
    )
    release = make_release("quoting", versions={"fr": READY}, publish_at=ago(days=3))
    Quote.objects.create(release=release, person=director, text_en="Words.")
    assert found(client, "regional director") == ["quoting title en"]
    assert found(client, "directrice régionale", "fr") == ["quoting title fr"]
    assert found(client, "economist") == []
    assert found(client, "field coordinator") == []
    position.title_en = "Chief of Staff"
    position.save()
    assert found(client, "chief staff") == ["quoting title en"]
    assert found(client, "regional director") == []
    director.appointments.filter(position=position).delete()
    assert found(client, "chief staff") == []


def test_documents_and_videos_are_found_in_the_version_language(client):
    """The titles of its documents and videos, and its videos' transcripts,
    find the release in the language of the version that prints them; a draft
    language's document, and a renamed document's old title, do not."""
    release = make_release("kit", versions={"fr": READY, "es": DRAFT})
    report = Document.objects.create(
        release=release,
        file=SimpleUploadedFile("report.pdf", plain_pdf()),
        title_en="Annual displacement report",
        title_fr="Rapport annuel sur les déplacements",
    )
    Document.objects.create(
        release=release,
        file=SimpleUploadedFile("borrador.pdf", plain_pdf()),
        language="es",
        title_en="Zqborrador",
    )
    Video.objects.create(
        release=release,
        url="https://vimeo.com/76979871",
        title_en="Flood footage",
        transcript_en="The river rose overnight.",
    )
    assert found(client, "displacement report") == ["kit title en"]
    assert found(client, "rapport déplacements", "fr") == ["kit title fr"]
    assert found(client, "flood footage river overnight") == ["kit title en"]
    assert found(client, "zqborrador") == []
    report.title_en = "Mid-year review"
    report.save()
    assert found(client, "mid-year review") == ["kit title en"]
    assert found(client, "displacement report") == []


@contextmanager
def largest_read(using="default"):
    """The most rows any SELECT read inside the block, as a one-item list
    filled on exit: each SELECT is run once more, just before it runs, on a
    cursor of its own, and its rows counted."""
    connection = connections[using]
    counts = []

    def count_rows(execute, sql, params, many, context):
        if not many and sql.lstrip().upper().startswith("SELECT"):
            cursor = connection.create_cursor()
            try:
                cursor.execute(sql, params)
                counts.append(len(cursor.fetchall()))
            finally:
                cursor.close()
        return execute(sql, params, many, context)

    largest = []
    with connection.execute_wrapper(count_rows):
        yield largest
    largest.append(max(counts, default=0))


@pytest.mark.django_db(transaction=True)
def test_a_change_naming_many_items_reads_none_of_them_in_its_save(client, settings):
    """Past NEWSROOM_SEARCH_INDEX_AT_ONCE, the save reads no more of the items
    a rename or a deletion leaves to the worker than it takes to know they are
    too many (an office of 50,000 releases would read 50,000 ids in the
    request): they wait from one INSERT … SELECT, and the worker finds them
    all."""
    from newsroom.search.models import Waiting
    from tests.distribution.conftest import work_queue

    settings.NEWSROOM_SEARCH_INDEX_AT_ONCE = 2
    topic, office = make_topic("water"), make_office("dakar")
    event = make_event("summit", title_en="Baku Summit")
    person = Person.objects.create(name="Noor Spokes", slug="noor")
    position = Position.objects.create(title_en="Envoy", rank=1)
    Appointment.objects.create(person=person, position=position, start=ago(days=9))
    for index in range(8):
        release = make_release(
            f"naming{index}", topics=[topic], issuing_office=office, related_event=event
        )
        release.people_quoted.add(person)

    def renamed(obj, **fields):
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()

    changes = {
        "topic renamed": lambda: renamed(topic, name_en="Sanitation"),
        "office renamed": lambda: renamed(office, name_en="Sahel Office"),
        "event renamed": lambda: renamed(event, title_en="Caspian Forum"),
        "person renamed": lambda: renamed(person, name="Noor Renamed"),
        "post retitled": lambda: renamed(position, title_en="Special Envoy"),
        "topic's releases cleared": lambda: topic.press_releases.clear(),
        "person deleted": lambda: person.delete(),
        "office deleted": lambda: office.delete(),
        "event deleted": lambda: event.delete(),
    }
    for name, change in changes.items():
        with largest_read() as largest:
            change()
        assert largest[0] <= 3, name
        assert Waiting.objects.count() == 8, name
        work_queue()
        assert not Waiting.objects.exists()
        if name == "event renamed":
            assert sorted(found(client, "caspian forum")) == [
                f"naming{index} title en" for index in range(8)
            ]
    assert found(client, "noor") == found(client, "sahel") == []
    assert found(client, "caspian forum") == []
