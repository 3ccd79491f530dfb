"""The admin's search box goes through the index: body words, any version (drafts
included), accents and word forms folded."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import Event, Page, PressRelease
from tests.factories import make_event, make_page, make_release, parse

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
