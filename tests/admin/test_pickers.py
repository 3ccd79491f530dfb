"""The admin's pickers: the contact picker says which contacts are internal (trip 6)."""

import pytest
from django.urls import reverse

from tests.factories import make_contact, make_release, parse

pytestmark = pytest.mark.django_db


def test_contact_picker_marks_internal_contacts(editor):
    """The autocomplete of a release's media contacts labels internal ones."""
    make_contact("Ana Public")
    make_contact("Ivo Internal", is_public=False)
    response = editor.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "newsroom",
            "model_name": "releasecontact",
            "field_name": "contact",
            "term": "",
        },
    )
    texts = sorted(result["text"] for result in response.json()["results"])
    assert texts == ["Ana Public", "Ivo Internal (internal)"]


def test_attached_internal_contact_is_marked_on_the_release(editor):
    """An internal contact already attached is marked in the release's form too."""
    internal = make_contact("Ivo Internal", is_public=False)
    release = make_release(contacts=[internal])
    tree = parse(
        editor.get(reverse("admin:newsroom_pressrelease_change", args=[release.pk]))
    )
    selected = tree.xpath("//select[@name='releasecontact_set-0-contact']/option")
    assert [option.text for option in selected] == ["Ivo Internal (internal)"]


@pytest.mark.parametrize(
    "model_name, field_name",
    [
        ("pressrelease", "issuing_office"),
        ("pressrelease", "people_quoted"),
        ("releasecontact", "contact"),
        ("pressrelease", "main_photo"),
    ],
)
@pytest.mark.parametrize("term", ["\x00", "Gen\x00eve"])
def test_a_null_character_typed_in_a_picker_finds_nothing_and_breaks_nothing(
    editor, model_name, field_name, term
):
    """A picker's search with a null character (which PostgreSQL refuses in a
    text) answers as the list's search box does: no match, not an error."""
    make_contact("Ana Public")
    response = editor.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "newsroom",
            "model_name": model_name,
            "field_name": field_name,
            "term": term,
        },
    )
    assert response.status_code == 200
    assert response.json() == {"results": [], "pagination": {"more": False}}
