"""Bad input gets a page, never an error: empty, huge, operators only, unbalanced
quotes, text that looks like SQL or HTML; a query's number of words is capped."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.search.query import MAX_TERMS, parse
from tests.factories import ago, ahead, make_event, make_release

from .conftest import search, titles

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 10_000,
        "migration " * 1_000,
        "- - -",
        '"',
        '"unbalanced quote',
        "or or or",
        "-excluded",
        "!!! &&& ||| ((( )))",
        "'; DROP TABLE search_entry; --",
        "1' OR '1'='1",
        "<script>alert(1)</script>",
        "<b>bold</b> &amp; &lt;",
        "a\u0000b",
        "\u202e\ufeff\U0001f600",
        "%_%",
        "\\",
    ],
)
@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_bad_input_gets_a_page(client, query, lang):
    """Every such query answers 200, with no result or only real matches, and
    never echoes markup unescaped."""
    make_release("ordinary")
    tree = search(client, query, lang)
    assert "ordinary title en" not in " ".join(titles(tree))
    assert not tree.xpath("//main//script")


def test_only_exclusions_ask_for_a_word(client):
    """A query of exclusions alone finds nothing and says why."""
    make_release("ordinary")
    tree = search(client, "-ordinary")
    assert titles(tree) == []
    assert "Type at least one word" in tree.xpath("string(//p[@class='notice'])")


def test_number_of_words_is_capped(client):
    """Words beyond the cap are not searched, and the page says so."""
    make_release("ordinary")
    query = " ".join(["ordinary"] * MAX_TERMS + ["absent"])
    tree = search(client, query)
    assert titles(tree) == ["ordinary title en"]
    assert f"first {MAX_TERMS} words" in tree.xpath("string(//p[@class='notice'])")


@pytest.mark.parametrize(
    "query, notice",
    [
        # One word longer than the text read (1,000 characters): searched by
        # its start, not "the first 8 words".
        ("x" * 10_000, "Only the first 60 characters of a long word were searched."),
        (
            "ordinary " + "x" * 2_000,
            "Only the first 60 characters of a long word were searched.",
        ),
        ("ordinary " * 200, f"Only the first {MAX_TERMS} words were searched."),
        # Few words, past the 1,000th character.
        (
            "!" * 995 + " ordinary words",
            "Only the first 1000 characters were searched.",
        ),
    ],
)
def test_a_query_cut_says_how(client, query, notice):
    """A query longer than what is read says what was left out, and nothing
    else: the words past the cap, the end of a long word, or the characters
    past the 1,000th."""
    make_release("ordinary")
    tree = search(client, query)
    assert tree.xpath("//p[@class='notice']/text()") == [notice]


STOP_WORDS_NOTICE = "Words as common as “the” or “of” are not searched"


@pytest.mark.parametrize(
    "lang, query",
    [
        ("en", "the"),
        ("en", "of the -council"),
        ("fr", "le"),
        ("fr", "de la"),
        ("fr", "« de la »"),
        ("fr", "qu’il"),
        ("es", "el"),
        ("es", "de la or los"),
    ],
)
def test_a_query_of_stop_words_only_says_so(client, lang, query):
    """A query of words too common to search in the visitor's language (which
    PostgreSQL leaves out of its documents, and SQLite found in every text)
    searches nothing, on either database, and the page says why."""
    for original, text in [
        ("en", "The council of the region."),
        ("fr", "Le conseil de la région."),
        ("es", "El consejo de la región y los otros."),
    ]:
        make_release(original, original=original, **{f"lead_{original}": text})
    tree = search(client, query, lang)
    assert titles(tree) == []
    [notice] = tree.xpath("//p[@class='notice']/text()")
    if lang == "en":
        assert notice.startswith(STOP_WORDS_NOTICE)
    assert "Type at least one word" not in notice
    assert not tree.xpath("//p[@role='status' and @class='meta']")


@pytest.mark.parametrize(
    "text, websearch",
    [
        ('"big data" -noise or signal', '"big data" -noise or signal'),
        ("'; DROP TABLE x; --", "DROP TABLE x"),
        ('"open quote', '"open quote"'),
        ("<b>bold</b>", '"b bold b"'),
        ("or alone", "alone"),
        ("l'or or argent", '"or" or argent'),
    ],
)
def test_query_rebuilt_from_words(text, websearch):
    """What reaches the database is words, quotes, minus signs and "or" only."""
    assert parse(text).websearch() == websearch


def test_bad_filters_get_a_message(client):
    """A filter value that is not valid gets a message and a 200, not an error."""
    make_release("ordinary")
    tree = search(client, "ordinary", year="twenty", type="nonsense")
    assert titles(tree) == []
    assert tree.xpath("//div[@class='alert']")
    # Each problem after its field's name, in the page's language.
    tree = search(client, "ordinary", lang="es", year="twenty", type="nonsense")
    problems = [
        " ".join(item.text_content().split())
        for item in tree.xpath("//div[@class='alert']//li")
    ]
    assert [problem.split(":")[0] for problem in problems] == ["Tipo", "Año"]
    assert "Introduzca un número entero." in problems[1]


def test_bad_page_numbers(client):
    """A page number that is not a number reads the first page; one past the end
    reads the last, however large (its offset is no number the database takes)."""
    for _index in range(12):
        make_release(body_en="<p>Paged</p>")
    assert len(titles(search(client, "paged", type="release", page="x"))) == 10
    assert len(titles(search(client, "paged", type="release", page="99"))) == 2
    assert len(titles(search(client, "paged", type="release", page="-1"))) == 10
    for huge in (str(2**62), "9" * 30):
        tree = search(client, "paged", type="release", page=huge)
        assert len(titles(tree)) == 2
        assert "Page 2 of 2" in tree.xpath("string(//nav[@class='pagination'])")


def test_counts_are_capped(client, monkeypatch):
    """Past the cap, a count reads "more than", and the most recent matches are
    the ones ranked."""
    from newsroom.search import results

    monkeypatch.setattr(results, "MAX_CANDIDATES", 3)
    for _index in range(5):
        make_release(body_en="<p>Many</p>")
    tree = search(client, "many")
    assert "More than 3 results" in tree.xpath("string(//p[@role='status'])")
    assert len(titles(tree)) == 3


@pytest.mark.parametrize("cap, found", [(3, {2, 200, 800}), (10, {2, 200, 800, 3000})])
def test_most_recent_matches_across_periods(client, monkeypatch, cap, found):
    """The candidates are the most recent live matches whatever their age (on
    PostgreSQL they are read period by period: a month, a year, three years, the
    rest); a scheduled release, newest of all, is not one of them."""
    from newsroom.search import results

    monkeypatch.setattr(results, "MAX_CANDIDATES", cap)
    for days in (2, 200, 800, 3000):
        make_release(f"d{days}", publish_at=ago(days=days), body_en="<p>Aged</p>")
    make_release("scheduled", publish_at=ahead(days=1), body_en="<p>Aged</p>")
    shown = titles(search(client, "aged", type="release"))
    assert set(shown) == {f"d{days} title en" for days in found}


def test_most_recent_events_read_at_once(client, monkeypatch):
    """Events, read at once rather than period by period, are candidates by date
    too: past the cap, the event furthest in the past is left out."""
    from newsroom.search import results

    monkeypatch.setattr(results, "MAX_CANDIDATES", 2)
    for days in (-900, -40, 60):
        make_event(f"e{days}", start=ahead(days=days), description_en="<p>Dated</p>")
    shown = titles(search(client, "dated", type="event"))
    assert set(shown) == {"e-40 title en", "e60 title en"}


@pytest.mark.parametrize("params", [{"topic": "no-such-topic"}, {"region": "nowhere"}])
def test_a_filter_value_none_offered_searches_nothing(client, params):
    """A topic or region that no offered one has finds nothing, and is not
    searched for: each such value typed built a compiled query of its own (79 ms
    against 45 ms on PostgreSQL) and pushed the useful ones out of their cache."""
    make_release("ordinary")
    with CaptureQueriesContext(connection) as queries:
        assert titles(search(client, "ordinary", **params)) == []
    assert not [q for q in queries if "search_entry" in q["sql"]]
    assert titles(search(client, "ordinary")) == ["ordinary title en"]
