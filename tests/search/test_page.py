"""The search page: results grouped by type with counts, the visitor's language
first then originals in other languages, filters that combine and survive
pagination, and a fixed number of queries."""

import datetime
import zoneinfo

import pytest
from django.core.cache import caches
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.core.publication import VersionState
from newsroom.models import Topic
from newsroom.search.models import Entry
from tests.factories import (
    EVERY_LANGUAGE,
    make_event,
    make_office,
    make_page,
    make_person,
    make_region,
    make_release,
    make_topic,
)

from .conftest import search, titles

pytestmark = pytest.mark.django_db

READY = VersionState.READY
UTC = datetime.UTC


def test_grouped_by_type_with_counts(client):
    """Every type found has its section and its count; the tabs count them all."""
    for _index in range(4):
        make_release(body_en="<p>Geneva summit</p>")
    make_event("summit", city_en="Geneva")
    make_page("about", body_en="<p>The Geneva summit.</p>")
    tree = search(client, "geneva summit")
    sections = {
        section.get("aria-labelledby"): section.xpath("string(h2)").split()
        for section in tree.xpath("//main//section")
    }
    assert sections == {
        "search-release": ["Press", "releases", "(4)"],
        "search-event": ["Events", "(1)"],
        "search-page": ["Pages", "(1)"],
    }
    tabs = [
        " ".join(tab.text_content().split())
        for tab in tree.xpath("//nav[@class='search-types']//a")
    ]
    assert tabs == ["All types (6)", "Press releases (4)", "Events (1)", "Pages (1)"]
    # Three of each type on the page of all types, and a link to the rest.
    assert len(tree.xpath("//section[@aria-labelledby='search-release']//li")) == 3


def test_visitor_language_first_then_originals(client):
    """On /fr/, French versions come first, then originals in other languages,
    marked with their language."""
    make_release(
        "traduit",
        original="en",
        versions={"fr": READY},
        body_fr="<p>Sahel</p>",
        body_en="<p>Sahel</p>",
        publish_at=datetime.datetime(2019, 1, 1, tzinfo=UTC),
    )
    make_release("anglais", original="en", body_en="<p>Sahel</p>")
    tree = search(client, "sahel", "fr")
    hits = tree.xpath("//li[contains(@class, 'search-hit')]")
    assert [hit.get("lang") for hit in hits] == ["fr", "en"]
    assert titles(tree) == ["traduit title fr", "anglais title en"]
    assert "Disponible en anglais" in hits[1].text_content()
    assert "Disponible en" not in hits[0].text_content()


def test_spanish_visitor_finds_french_only_release(client):
    """A word of a release written only in French is found from /es/, shown in
    French with the notice of its language, linked to its address."""
    make_release("seulement", original="fr", body_fr="<p>Les élections au Sahel.</p>")
    tree = search(client, "élections", "es")
    (hit,) = tree.xpath("//li[contains(@class, 'search-hit')]")
    assert hit.get("lang") == "fr"
    assert hit.xpath("string(h3)").strip() == "seulement title fr"
    assert "Disponible en francés" in hit.text_content()
    assert hit.xpath("h3/a/@href") == ["/es/comunicados-de-prensa/seulement-fr/"]


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_hit_links_to_its_address_in_the_visitors_language(client, lang):
    """Each hit of every type links to the item's page in the visitor's language
    itself, not to an address that redirects to it: an item translated, an item
    read in its original, an office named in one language but addressed in
    each, a person."""
    make_release("zanzibar", versions=EVERY_LANGUAGE)
    make_release("original", body_en="<p>Zanzibar</p>")
    make_event("zanzibar", versions=EVERY_LANGUAGE)
    make_page("zanzibar", versions=EVERY_LANGUAGE)
    make_person("Ana Zanzibar", "ana")
    make_office(
        "zanzibar",
        name_fr="Bureau de Zanzibar",
        name_es="Oficina de Zanzibar",
        slug_fr="bureau-zanzibar",
        slug_es="oficina-zanzibar",
    )
    make_office("pemba", city_en="Zanzibar", slug_fr="pemba-fr", slug_es="pemba-es")
    tree = search(client, "zanzibar", lang)
    links = tree.xpath("//li[contains(@class, 'search-hit')]//a/@href")
    kinds = [
        section.get("aria-labelledby") for section in tree.xpath("//main//section")
    ]
    assert kinds == [
        "search-release",
        "search-event",
        "search-page",
        "search-person",
        "search-office",
    ]
    assert len(links) == 7
    for link in links:
        assert link.startswith(f"/{lang}/")
        assert client.get(link).status_code == 200, link


@pytest.mark.django_db(transaction=True)
def test_upgrade_gives_each_reader_of_a_row_their_address():
    """Upgrading, the rows already written (one slug each, an office's in the
    language it was indexed in) give each of their readers their address: the
    row's slug, and an office's own in each language."""
    make_release("zanzibar", versions={"fr": READY})
    make_office("zanzibar", slug_fr="bureau-zanzibar")
    executor = MigrationExecutor(connection)
    before = [("search", "0009_clock")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("search", "Entry")
    for entry in old.objects.all():
        slug = "zanzibar" if entry.office_id else f"zanzibar-{entry.lang}"
        old.objects.filter(pk=entry.pk).update(slug=slug)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    slugs = {
        (entry.kind, entry.lang, entry.shown_to, entry.slugs)
        for entry in Entry.objects.all()
    }
    assert slugs == {
        ("release", "en", ",en,es,", "en=zanzibar-en es=zanzibar-en"),
        ("release", "fr", ",fr,", "fr=zanzibar-fr"),
        ("office", "en", ",en,fr,es,", "en=zanzibar fr=bureau-zanzibar es=zanzibar"),
    }
    # Downgrading gives each row its one slug back: its language's.
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("search", "Entry")
    assert set(old.objects.values_list("kind", "lang", "slug")) == {
        ("release", "en", "zanzibar-en"),
        ("release", "fr", "zanzibar-fr"),
        ("office", "en", "zanzibar"),
    }
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_filters_combine_and_survive_pagination(client):
    """Type, year, topic and region narrow the query together; the pages keep
    them all."""
    topic, region = make_topic("health"), make_region("europe")
    office = make_office("vienna", region=region)
    when = datetime.datetime(2023, 6, 1, tzinfo=UTC)
    for _index in range(12):
        make_release(
            body_en="<p>Vaccines</p>",
            topics=[topic],
            issuing_office=office,
            publish_at=when,
        )
    make_release("untagged", body_en="<p>Vaccines</p>", publish_at=when)
    make_release(
        "elsewhere", body_en="<p>Vaccines</p>", topics=[topic], publish_at=when
    )
    make_release(
        "earlier", body_en="<p>Vaccines</p>", topics=[topic], issuing_office=office
    )
    make_event("vaccines")
    params = {
        "type": "release",
        "year": "2023",
        "topic": "health-en",
        "region": "europe",
    }
    tree = search(client, "vaccines", **params)
    assert len(titles(tree)) == 10
    next_link = tree.xpath("//a[@rel='next']/@href")[0]
    for name, value in {**params, "q": "vaccines", "page": "2"}.items():
        assert f"{name}={value}" in next_link
    second = client.get(f"/en/search/{next_link}")
    assert second.status_code == 200
    from tests.factories import parse

    assert len(titles(parse(second))) == 2
    # Each filter alone lets more through.
    assert (
        len(titles(search(client, "vaccines", type="release", year="2023", page="2")))
        == 4
    )
    assert "vaccines title en" in titles(search(client, "vaccines"))
    assert titles(search(client, "vaccines", topic="health-en", type="event")) == []


def test_query_count_does_not_grow(client):
    """The same number of queries with 3 and with 30 matching items of each type."""

    def count():
        with CaptureQueriesContext(connection) as context:
            search(client, "kiwi")
        return len(context.captured_queries)

    def grow(size):
        for _index in range(size):
            make_release(body_en="<p>kiwi</p>")
            make_event(description_en="<p>kiwi</p>")
            make_page(body_en="<p>kiwi</p>")
            make_office(city_en="Kiwi")

    grow(3)
    small = count()
    grow(27)
    assert count() == small


def test_filter_choices_read_once_then_kept_current(
    client, settings, django_capture_on_commit_callbacks
):
    """With the page cache on, the filters' years, topics and regions are read by
    one search per language, not by every search, the topics sorted by their
    name in that language; a topic a release newly has shows on the next
    search."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    caches[settings.NEWSROOM_PAGE_CACHE].clear()

    def topics_offered(query, lang="en"):
        """The topics in the select, and whether the search read the topics."""
        with CaptureQueriesContext(connection) as context:
            tree = search(client, query, lang)
        read = any("newsroom_topic" in query["sql"] for query in context)
        return tree.xpath("//select[@name='topic']/option/text()")[1:], read

    with django_capture_on_commit_callbacks(execute=True):
        topics = [
            Topic.objects.create(
                name_en=en, name_fr=fr, slug_en=en.lower(), slug_fr=fr.lower()
            )
            for en, fr in (("Apples", "Pommes"), ("Water", "Eau"))
        ]
        make_release(body_en="<p>kiwi</p>", topics=topics)
    assert topics_offered("kiwi") == (["Apples", "Water"], True)
    assert topics_offered("kiwi fruit") == (["Apples", "Water"], False)
    assert topics_offered("kiwi", "fr") == (["Eau", "Pommes"], True)
    assert topics_offered("kiwi fruit", "fr") == (["Eau", "Pommes"], False)
    with django_capture_on_commit_callbacks(execute=True):
        make_release(topics=[make_topic("zinc")])
    assert topics_offered("kiwi") == (["Apples", "Water", "zinc en"], True)
    caches[settings.NEWSROOM_PAGE_CACHE].clear()


def test_filters_chosen_stay_selected(client):
    """Each filter's select offers its choices and keeps the one chosen."""
    make_release(body_en="<p>kiwi</p>", topics=[make_topic("health")])
    make_region("europe")
    year = str(timezone.localdate().year)
    tree = search(
        client, "kiwi", type="event", year=year, topic="health-en", region="europe"
    )
    selects = {
        select.get("name"): (
            select.xpath("option/@value")[1:],
            select.xpath("option[@selected]/@value"),
        )
        for select in tree.xpath("//form[@role='search']//select")
    }
    assert selects == {
        "type": (["release", "event", "page", "person", "office"], ["event"]),
        "year": ([year], [year]),
        "topic": (["health-en"], ["health-en"]),
        "region": (["europe"], ["europe"]),
    }


def test_topic_chosen_in_another_language_stays_selected(client):
    """A search filtered by a topic's English address, read in French (the
    language switcher keeps the filters), narrows the results and shows that
    topic chosen, under its French name: not "all topics"."""
    health = make_topic("health")
    make_release(
        "tagged",
        versions={"fr": READY},
        body_fr="<p>Vaccins</p>",
        topics=[health, make_topic("water")],
    )
    make_release("untagged", versions={"fr": READY}, body_fr="<p>Vaccins</p>")
    tree = search(client, "vaccins", "fr", topic="health-en")
    assert titles(tree) == ["tagged title fr"]
    assert tree.xpath("//select[@name='topic']/option[@selected]/text()") == [
        "health fr"
    ]
    assert tree.xpath("//details[@class='filter-toggle']/@open")


def test_event_dated_as_its_page_dates_it(client):
    """An event is dated in its own time zone, as its page and the calendar date
    it: one starting just after midnight in Baku is on that day, although it is
    still the day before in the site's time zone; the year filter reads the same
    date."""
    baku = zoneinfo.ZoneInfo("Asia/Baku")
    start = datetime.datetime(2025, 1, 1, 0, 30, tzinfo=baku)
    make_event("newyear", start=start, time_zone="Asia/Baku")
    tree = search(client, "newyear")
    assert tree.xpath("//li[contains(@class, 'search-hit')]//time/@datetime") == [
        "2025-01-01"
    ]
    assert titles(search(client, "newyear", year="2025")) == ["newyear title en"]
    assert titles(search(client, "newyear", year="2024")) == []


@pytest.mark.parametrize(
    "lang, noun, verb",
    [
        ("en", "Search", "Search"),
        ("fr", "Recherche", "Rechercher"),
        ("es", "Búsqueda", "Buscar"),
    ],
)
def test_page_names_itself_with_a_noun_and_its_buttons_with_a_verb(
    client, lang, noun, verb
):
    """The word "Search" names the page (a noun) and runs a search (a verb): two
    words in French and in Spanish."""
    tree = search(client, "kiwi", lang=lang)
    assert tree.xpath("string(//h1)") == noun
    page_address = tree.xpath("//main//form[@role='search']/@action")
    assert tree.xpath("//footer//a[.=$noun]/@href", noun=noun) == page_address
    assert tree.xpath("//form[@role='search']/@aria-label")[-1] == noun
    buttons = tree.xpath("//form[@role='search']//button[@type='submit']")
    assert [" ".join(b.text_content().split()) for b in buttons] == [verb, verb]
    assert tree.xpath("//input[@id='header-q']/@placeholder") == [verb]
