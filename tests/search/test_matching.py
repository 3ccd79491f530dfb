"""Words are found whatever their accents, case and form, in the language of the
version that holds them; markup is not text."""

import pytest
from django.db import connection

from newsroom.core.publication import VersionState
from newsroom.search.backends import config
from newsroom.search.stopwords import STOP_WORDS
from newsroom.search.text import fold
from newsroom.search.unaccent import RULES
from tests.factories import ago, make_release

from .conftest import postgresql_only, search, titles

pytestmark = pytest.mark.django_db

READY = VersionState.READY


def release_with(name, lang, text, field="body"):
    """A release written in `lang` only, with `text` in `field`."""
    value = f"<p>{text}</p>" if field == "body" else text
    return make_release(name, original=lang, **{f"{field}_{lang}": value})


@pytest.mark.parametrize("query", ["votacion", "votación", "VOTACIÓN", "Votacion"])
@pytest.mark.parametrize("visitor", ["es", "en"])
def test_accents_and_case_are_folded(client, query, visitor):
    """A Spanish word is found with or without its accent, in any case, from any
    language's page."""
    release_with("ballot", "es", "La votación tuvo lugar en Ginebra.")
    assert titles(search(client, query, visitor)) == ["ballot title es"]


def test_accented_text_found_by_unaccented_word(client):
    """ "communique" finds "communiqué"."""
    release_with("press", "en", "The full communiqué is attached.")
    assert titles(search(client, "communique")) == ["press title en"]


@pytest.mark.parametrize(
    "lang, text, query",
    [
        ("fr", "Une œuvre du cœur.", "oeuvre"),
        ("fr", "Le coeur du problème.", "CŒUR"),
        ("en", "Lech Wałęsa spoke in Gdańsk.", "Walesa"),
        ("en", "Ministers met in København.", "Kobenhavn"),
        ("en", "A speech by Gudrun Þórðardóttir.", "Thordardottir"),
        ("es", "La visita de Ægir.", "aegir"),
    ],
)
def test_letters_folded_as_unaccent_does(client, lang, text, query):
    """Letters that Unicode does not compose of a letter and an accent (œ, æ, ø,
    ł, þ, ð…) are folded as PostgreSQL's `unaccent` folds them, on SQLite too:
    "oeuvre" finds "œuvre", "Walesa" finds "Wałęsa"."""
    release_with("folded", lang, text)
    assert titles(search(client, query, lang)) == [f"folded title {lang}"]


@pytest.mark.parametrize(
    "lang, text, query",
    [
        ("en", "Talks in Ƙofar Mata with Aminu Ɗahiru.", "kofar dahiru"),
        ("fr", "La commune de Ɓaure.", "BAURE"),
        ("es", "El barrio de Ƴan Awaki.", "yan awaki"),
        ("en", "Ministers met in Ɠombe.", "gombe"),
    ],
)
def test_hooked_and_stroked_letters_folded(client, lang, text, query):
    """Hooked letters (ɓ ɗ ƙ ƴ, in Hausa and Fula names) are folded as
    `unaccent` folds them, on SQLite too: "dahiru" finds "Ɗahiru"."""
    release_with("hooked", lang, text)
    assert titles(search(client, query, lang)) == [f"hooked title {lang}"]


@pytest.mark.parametrize("letters", ["ǣ", "ǽ", "ǿ"])
def test_letters_unaccent_keeps_are_kept(client, letters):
    """A letter `unaccent` leaves as it is (ǣ, ǽ, ǿ) is a letter of its own on
    SQLite too: the word is found as written, not without its accent."""
    release_with("kept", "en", f"The saga of Ælfr{letters}d.")
    assert titles(search(client, f"Ælfr{letters}d")) == ["kept title en"]
    assert titles(search(client, "aelfraed")) == []
    assert titles(search(client, "aelfrod")) == []


@postgresql_only
def test_folding_is_that_of_unaccent():
    """The table SQLite folds with (newsroom/search/unaccent.py) is PostgreSQL's
    `unaccent`: every character it changes, and nothing else, changed into the
    same text; and each word is folded as the index's configuration reads it
    (compatibility form, `unaccent`, lower case). When this fails after an
    upgrade of PostgreSQL, generate the table again (`manage.py
    write_unaccent_table`)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT chr(n), unaccent(chr(n)) FROM generate_series(1, 1114111) AS n "
            "WHERE n NOT BETWEEN 55296 AND 57343 AND unaccent(chr(n)) <> chr(n)"
        )
        assert dict(cursor.fetchall()) == RULES
        words = [f"A{source}z" for source in RULES]
        cursor.execute(
            "SELECT word, lower(unaccent(normalize(word, NFKC))) "
            "FROM unnest(%s::text[]) AS word",
            [words],
        )
        assert {word: fold(word) for word in words} == dict(cursor.fetchall())


@pytest.mark.parametrize(
    "lang, text, query",
    [
        ("fr", "La 2ᵉ conférence régionale.", "2e"),
        ("fr", "La 2e conférence régionale.", "2ᵉ"),
        ("fr", "Le 1ᵉʳ janvier.", "1er"),
        ("es", "La 3ª reunión.", "3a"),
        ("en", "Forests lost 40 km² a year.", "km2"),
        ("en", "The ﬁrst ﬂight landed.", "first flight"),
        ("en", "ＵＮＩＣＥＦ ｓｔａｆｆ", "unicef staff"),
    ],
)
def test_compatibility_characters_folded(client, lang, text, query):
    """A superscript, a ligature or a full-width letter is the letter it
    stands for ("2ᵉ" is "2e", "km²" is "km2"), on PostgreSQL as on SQLite,
    whichever of the two forms the text or the query has."""
    release_with("folded", lang, text)
    assert titles(search(client, query, lang)) == [f"folded title {lang}"]


@pytest.mark.parametrize(
    "lang, text, query",
    [
        ("fr", "Les élections se sont tenues hier.", "élection"),
        ("fr", "Une élection a eu lieu.", "élections"),
        ("en", "Every migrant counts.", "migrants"),
        ("en", "Migrants crossed the border.", "migrant"),
        ("es", "Las personas desplazadas regresan.", "desplazada"),
        ("es", "Una mujer desplazada.", "desplazadas"),
    ],
)
def test_word_forms_match(client, lang, text, query):
    """A plural finds the singular and the other way round, by the language's
    stemmer (PostgreSQL's configuration, or the same Snowball stemmer in Python on
    SQLite)."""
    release_with("forms", lang, text)
    assert titles(search(client, query, lang)) == [f"forms title {lang}"]


@pytest.mark.parametrize("query", ["strong", "href", "blockquote", "example.org"])
def test_markup_is_not_text(client, query):
    """Tags, attributes and link addresses of the body are not words of it."""
    make_release(
        "marked",
        body_en='<p><strong>Bold</strong> <a href="https://example.org/x">link</a></p>'
        "<blockquote><p>Quoted</p></blockquote>",
    )
    assert titles(search(client, query)) == []
    assert titles(search(client, "quoted bold link")) == ["marked title en"]


def test_words_of_table_cells_are_words(client):
    """A table's cells are apart, as a reader sees them: each one's words are
    found, and the snippet does not run them together."""
    make_release(
        "figures",
        body_en="<table><caption>Offices</caption><tbody><tr><th scope='col'>Region"
        "</th><th scope='col'>Budget</th></tr><tr><td>Sahel</td><td>Returns</td>"
        "</tr></tbody></table>",
    )
    for word in ("budget", "returns", "offices"):
        assert titles(search(client, word)) == ["figures title en"], word
    snippet = search(client, "budget").xpath("//li[contains(@class, 'search-hit')]")
    assert "RegionBudget" not in snippet[0].text_content()


def test_operators(client):
    """Quotes ask for a phrase, a minus leaves a word out, "or" takes either."""
    release_with("first", "en", "Climate action in the Sahel.")
    release_with("second", "en", "Action on climate in the Andes.")
    assert titles(search(client, '"climate action"')) == ["first title en"]
    assert titles(search(client, "climate -sahel")) == ["second title en"]
    assert sorted(titles(search(client, "sahel or andes"))) == [
        "first title en",
        "second title en",
    ]


@pytest.mark.parametrize(
    "lang, query",
    [
        ("en", "“climate action”"),
        ("fr", "« climate action »"),
        ("es", "«climate action»"),
    ],
)
def test_typographic_quotes_ask_for_a_phrase(client, lang, query):
    """Quotes as a phone or a French keyboard types them (“…”, « … ») ask for a
    phrase as straight ones do."""
    release_with("first", "en", "Climate action in the Sahel.")
    release_with("second", "en", "Action on climate in the Andes.")
    assert titles(search(client, query, lang)) == ["first title en"]


def test_title_outranks_body(client):
    """A word in the title weighs more than the same word in the body."""
    release_with("body", "en", "Resettlement figures for the year.")
    make_release("titled", title_en="Resettlement in 2024")
    assert titles(search(client, "resettlement"))[0] == "Resettlement in 2024"


def test_recent_outranks_old_at_equal_relevance(client):
    """Between two equally relevant releases, the recent one comes first."""
    make_release("old", body_en="<p>Flood response.</p>", publish_at=ago(days=900))
    make_release("new", body_en="<p>Flood response.</p>", publish_at=ago(days=2))
    assert titles(search(client, "flood")) == ["new title en", "old title en"]


def test_snippet_highlights_and_escapes(client):
    """The snippet marks the words found, and text that looks like HTML is shown,
    not run."""
    make_release(
        "snip",
        lead_en="Shelter <script>alert(1)</script> for families.",
        body_en="<p>Emergency shelter was provided to displaced families.</p>",
    )
    tree = search(client, "shelter")
    marks = [mark.text for mark in tree.xpath("//p[@class='snippet']/mark")]
    assert marks and {mark.lower() for mark in marks} == {"shelter"}
    assert not tree.xpath("//p[@class='snippet']//script")
    assert "alert(1)" in tree.xpath("string(//p[@class='snippet'])")


FILLER = " ".join(f"paragraph{number}" for number in range(60))


@pytest.mark.parametrize(
    "lead, body, cut_before, cut_after",
    [
        ("", f"{FILLER} the elephant came. {FILLER}.", True, True),
        ("An elephant came.", f"{FILLER}.", False, True),
        ("", f"{FILLER} and then the elephant came.", True, False),
        ("A short lead.", "The elephant came.", False, False),
    ],
)
def test_snippet_says_where_the_text_was_cut(client, lead, body, cut_before, cut_after):
    """A snippet that begins after the text's first words starts with "…", one
    that stops before its last words ends with "…", on every database: the
    reader knows it is a passage."""
    make_release("cut", lead_en=lead, body_en=f"<p>{body}</p>")
    tree = search(client, "elephant")
    snippet = " ".join(tree.xpath("string(//p[@class='snippet'])").split())
    assert "elephant" in snippet
    assert snippet.startswith("…") == cut_before, snippet
    assert snippet.endswith("…") == cut_after, snippet


@pytest.mark.parametrize(
    "lang, text, query",
    [
        ("en", "The COVID-19 response goes on.", "COVID-19"),
        ("en", "The G-20 summit opened.", "G-20"),
        ("en", "Warming of 1.5 degrees.", "1.5"),
        ("en", "Resolution A/RES/73/195 was adopted.", "A/RES/73/195"),
        ("en", "Write to press@example.org today.", "press@example.org"),
        ("fr", "Un réchauffement de 1,5 °C.", "1,5"),
        ("es", "La Agenda 2030 y el ODS-16.", "ODS-16"),
    ],
)
def test_words_joined_by_punctuation(client, lang, text, query):
    """Words and numbers joined by punctuation (a hyphen, a point, a slash, an
    at sign) are found as typed, on both databases: the query is read as its
    words, and so is the text."""
    release_with("joined", lang, text)
    assert titles(search(client, query, lang)) == [f"joined title {lang}"]


@pytest.mark.parametrize(
    "lang, text, query",
    [
        ("fr", "Les agences ONU au Sahel.", "l'ONU"),
        ("fr", "Les agences ONU au Sahel.", "l’ONU"),
        ("fr", "Le président de la Côte-d’Ivoire.", "d'Ivoire"),
        ("fr", "Le président de la Côte-d’Ivoire.", "Côte-d'Ivoire"),
        ("fr", "Les agences ONU au Sahel.", "(l'ONU)"),
        ("fr", "Il a dit qu’il viendrait.", "viendrait"),
        ("en", "Pope arrived in Geneva.", "Pope's"),
        ("en", "Pope arrived in Geneva.", "Pope’s -Rome"),
    ],
)
def test_elisions_and_possessives(client, lang, text, query):
    """An elided article ("l'ONU") or a possessive ("Pope's") in a query does
    not ask for the article: "l'ONU" finds "ONU" on both databases."""
    release_with("clitic", lang, text)
    assert titles(search(client, query, lang)) == [f"clitic title {lang}"]


@pytest.mark.parametrize(
    "apostrophe", ["'", "\u2019", "\u02bc", "\u2018", "`", "\u00b4"]
)
def test_elision_typed_with_any_apostrophe(client, apostrophe):
    """An elision is one whichever character stands for its apostrophe: the
    straight one, the typographic one, a left quotation mark (as some phones'
    "smart" quotes type it) or a grave or acute accent (as some keyboards do).
    From /fr/, "l‘ONU" finds a release written only in Spanish, whose text has
    no "l" (nor does Spanish take it as a word to ignore, as French does)."""
    release_with("clitic", "es", "Las agencias de la ONU en el Sahel.")
    assert titles(search(client, f"l{apostrophe}ONU", "fr")) == ["clitic title es"]
    assert titles(search(client, f"ONU{apostrophe}s", "fr")) == ["clitic title es"]


@pytest.mark.parametrize("query", ["cours de l'or en 2024", "l’or 2024", "2024 (or)"])
def test_elided_or_is_a_word(client, query):
    """ "l'or" (gold) asks for the word "or", not for either of the words around
    it as the operator typed alone does: on PostgreSQL too, every word is
    wanted."""
    release_with("gold", "fr", "Le cours de l’or en 2024.")
    release_with("oil", "fr", "Le cours du pétrole en 2024.")
    release_with("silver", "fr", "L’argent en 2024.")
    assert titles(search(client, query, "fr")) == ["gold title fr"]


def test_stop_words_are_left_out_in_the_language_of_the_text(client):
    """A word too common to search in a text's language is left out of the query
    for that text, on SQLite as PostgreSQL leaves it out of its documents: "le"
    from /en/ finds an English "Le Havre", not every French text, and "the
    migrants" a text without "the"."""
    release_with("havre", "en", "Ships left Le Havre.")
    release_with("conseil", "fr", "Le conseil des migrants.")
    release_with("crossed", "en", "Migrants crossed.")
    assert titles(search(client, "le")) == ["havre title en"]
    assert titles(search(client, "the migrants")) == ["crossed title en"]
    assert titles(search(client, "havre -le")) == []


@postgresql_only
@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_stop_words_are_those_of_postgresql(lang):
    """The stop words SQLite leaves out, and the page names too common, are
    those PostgreSQL's configuration leaves out, once folded: "él" is "el",
    one of them, but "été" and "más" are words it searches ("ete", "mas")."""
    words = sorted(STOP_WORDS[lang]) + ["été", "él", "más", "migration"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM unnest(%s::text[]) AS word "
            "WHERE numnode(websearch_to_tsquery(%s::regconfig, word)) = 0",
            [words, config(lang)],
        )
        left_out = {word for (word,) in cursor.fetchall()}
    assert left_out == {word for word in words if fold(word) in STOP_WORDS[lang]}
