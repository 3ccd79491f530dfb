"""The admin's search box goes through the index: body words, any version (drafts
included), accents and word forms folded."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import Event, Page, PressRelease
from tests.factories import (
    make_event,
    make_office,
    make_page,
    make_person,
    make_release,
    parse,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "x"))


def found(client, model, query):
    url = reverse(f"admin:newsroom_{model._meta.model_name}_changelist")
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return sorted(
        link.text_content().strip()
        for link in parse(response).xpath("//th[@class='field-__str__']/a")
    )


def test_releases_by_body_word_in_a_draft(client, editor):
    """A word of the body of a French draft finds its release, without accents."""
    make_release(
        "drafted",
        state=PublicationState.DRAFT,
        versions={"fr": VersionState.DRAFT},
        body_fr="<p>Les déplacés du séisme.</p>",
    )
    make_release("other")
    assert found(client, PressRelease, "deplaces seisme") == ["drafted title en"]


def test_events_by_description(client, editor):
    """Events are found by a word of their description, in another form."""
    make_event("forum", description_en="<p>Workshops on remittances.</p>")
    make_event("other")
    assert found(client, Event, "remittance workshop") == ["forum title en"]


def test_pages_by_a_word_without_its_accent(client, editor):
    """A page is found by a word of its Spanish title typed without the accent,
    or of its body, as releases and events are."""
    make_page(
        "statement",
        original="es",
        title_es="Declaración de accesibilidad",
        body_es="<p>Las páginas cumplen las pautas.</p>",
    )
    make_page("other")
    assert found(client, Page, "declaracion") == ["Declaración de accesibilidad"]
    assert found(client, Page, "pagina pauta") == ["Declaración de accesibilidad"]


def test_exclusions_alone_fall_back_to_the_fields(client, editor):
    """A query without a wanted word uses Django's own search of the fields."""
    make_release("kept")
    assert found(client, PressRelease, "-kept") == []


def warnings(client, model, query, lang="en"):
    """The warnings on `model`'s list searched for `query`, in `lang`."""
    url = reverse(f"admin:newsroom_{model._meta.model_name}_changelist")
    response = client.get(url, {"q": query}, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    tree = parse(response)
    return [" ".join(li.text_content().split()) for li in tree.xpath(MESSAGES)]


MESSAGES = "//ul[@class='messagelist']/li[@class='warning']"
TOO_COMMON = {
    "en": "Words as common as “the” or “of” are not searched",
    "fr": "Les mots aussi courants que « le » ou « de » ne sont pas recherchés",
    "es": "No se buscan palabras tan comunes como «el» o «de»",
}


@pytest.mark.parametrize("model", [PressRelease, Event, Page])
@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@pytest.mark.parametrize("query", ["the", "« le »", "el", "The LE", "de la"])
def test_a_search_of_words_too_common_says_so(client, editor, model, lang, query):
    """A query of nothing but words too common to search in the languages of
    the texts ("the", « le », "el", or some of each) finds them in none of
    those texts: the list says why, in the editor's language, as the public
    search page does."""
    make_release("common", body_en="<p>The cat and the dog.</p>")
    (warning,) = warnings(client, model, query, lang)
    assert warning.startswith(TOO_COMMON[lang])


@pytest.mark.parametrize("query", ["the cat", "-the", "chat", ""])
def test_a_search_with_a_word_to_search_says_nothing_of_common_ones(
    client, editor, query
):
    """A query with a word to look for, or none at all, gets no such notice."""
    assert warnings(client, PressRelease, query) == []


def test_people_and_offices_by_a_name_without_its_accents(client, editor):
    """The organisation's lists, and the people picker of a release's form, find a
    name typed without its accents: "Antonio" finds António, "Geneve" Genève."""
    make_person("António Vitorino", "antonio-vitorino")
    make_person("Amy Pope", "amy-pope")
    make_office("geneva", city_en="Genève")
    make_office("vienna", city_en="Vienna")
    people = client.get(
        reverse("admin:organisation_person_changelist"), {"q": "antonio"}
    )
    names = parse(people).xpath("//td[@class='field-name'] | //th[@class='field-name']")
    assert [name.text_content() for name in names] == ["António Vitorino"]
    offices = client.get(
        reverse("admin:organisation_office_changelist"), {"q": "geneve"}
    )
    rows = parse(offices).xpath("//tbody/tr")
    assert len(rows) == 1 and "geneva" in rows[0].text_content()
    picked = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Antonio",
            "app_label": "newsroom",
            "model_name": "pressrelease",
            "field_name": "people_quoted",
        },
    )
    assert [found["text"] for found in picked.json()["results"]] == ["António Vitorino"]


@pytest.mark.parametrize(
    "typed", ["Vito", "Antó", "antonio", "vitorino", "Anto", "anto", "ANTO", "ant vit"]
)
def test_the_people_picker_finds_a_name_as_it_is_typed(client, editor, typed):
    """A picker is typed into a letter at a time: the first letters of a name find
    it, as a whole name typed without its accents does."""
    make_person("António Vitorino", "antonio-vitorino")
    make_person("Amy Pope", "amy-pope")
    picked = client.get(
        reverse("admin:autocomplete"),
        {
            "term": typed,
            "app_label": "newsroom",
            "model_name": "pressrelease",
            "field_name": "people_quoted",
        },
    )
    assert [found["text"] for found in picked.json()["results"]] == ["António Vitorino"]


def pick_person(client, typed):
    picked = client.get(
        reverse("admin:autocomplete"),
        {
            "term": typed,
            "app_label": "newsroom",
            "model_name": "pressrelease",
            "field_name": "people_quoted",
        },
    )
    assert picked.status_code == 200
    return [found["text"] for found in picked.json()["results"]]


def test_the_first_letters_typed_without_accents_find_the_name(client, editor):
    """ "Anto" finds António in the people list and picker, "Gene" Genève in the
    office list, "Ze" Zoë; what matches no name's letters finds nobody."""
    make_person("António Vitorino", "antonio-vitorino")
    make_person("Zoë Ångström", "zoe-angstrom")
    make_person("Amy Pope", "amy-pope")
    make_office("geneva", city_en="Genève")
    make_office("vienna", city_en="Vienna")
    people = client.get(reverse("admin:organisation_person_changelist"), {"q": "Anto"})
    names = parse(people).xpath("//td[@class='field-name'] | //th[@class='field-name']")
    assert [name.text_content() for name in names] == ["António Vitorino"]
    offices = client.get(reverse("admin:organisation_office_changelist"), {"q": "gene"})
    rows = parse(offices).xpath("//tbody/tr")
    assert len(rows) == 1 and "geneva" in rows[0].text_content()
    assert pick_person(client, "zo") == ["Zoë Ångström"]
    assert pick_person(client, "angst") == ["Zoë Ångström"]
    assert pick_person(client, "anto pope") == []
    assert pick_person(client, "100%") == []


def test_the_picker_reads_the_same_number_of_queries_for_more_people(client, editor):
    make_person("António Vitorino", "antonio-vitorino")
    with CaptureQueriesContext(connection) as few:
        assert pick_person(client, "anto") == ["António Vitorino"]
    for number in range(5):
        make_person(f"Antón Número {number}", f"anton-{number}")
    with CaptureQueriesContext(connection) as more:
        assert len(pick_person(client, "anto")) == 6
    assert len(more) == len(few)
