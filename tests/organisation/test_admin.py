"""The organisation in the admin, for an editor working in English or French."""

import json

import lxml.html
import pytest
from django.urls import reverse
from django.utils import translation

from organisation.models import (
    Appointment,
    Office,
    OrganisationProfile,
    Person,
    Position,
    Region,
    Unit,
)

MODELS = [OrganisationProfile, Region, Office, Unit, Person, Position, Appointment]
ADMIN_LANGUAGES = ["en", "fr", "es"]


def admin_url(model, view, *args):
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


@pytest.fixture
def editor(admin_client):
    return admin_client


@pytest.mark.parametrize("lang", ADMIN_LANGUAGES)
@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_changelist_and_change_pages_load(editor, demo_organisation, model, lang):
    """Every organisation model's list and edit pages load in the editor's language."""
    instance = model.objects.order_by("pk").first()
    with translation.override(lang):
        verbose_name_plural = str(model._meta.verbose_name_plural)
    pages = {}
    for view, args in (("changelist", ()), ("change", (instance.pk,))):
        response = editor.get(admin_url(model, view, *args), HTTP_ACCEPT_LANGUAGE=lang)
        assert response.status_code == 200, view
        pages[view] = lxml.html.fromstring(response.content.decode())
        assert pages[view].get("lang") == lang
    # The model's name is shown in the editor's language.
    assert verbose_name_plural.lower() in pages["changelist"].text_content().lower()


@pytest.mark.parametrize("lang", ADMIN_LANGUAGES)
@pytest.mark.parametrize(
    "model", [m for m in MODELS if m is not OrganisationProfile], ids=str
)
def test_add_pages_load(editor, model, lang, db):
    """Every organisation model can be added from the admin."""
    response = editor.get(admin_url(model, "add"), HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200


def test_translated_fields_are_tabbed_per_language(editor, demo_organisation):
    """A translated field has one input per language, with the tabs' script."""
    office = Office.objects.get(slug="regional-office-vienna")
    response = editor.get(admin_url(Office, "change", office.pk))
    document = lxml.html.fromstring(response.content.decode())
    for code in ADMIN_LANGUAGES:
        [field] = document.cssselect(f"input[name='name_{code}']")
        assert field.get("value")
    scripts = [script.get("src") for script in document.cssselect("script[src]")]
    assert any("tabbed_translation_fields.js" in src for src in scripts)
    # jQuery UI is ours, never a CDN.
    assert any(src.endswith("vendor/jquery-ui/jquery-ui.min.js") for src in scripts)
    assert not any(src.startswith(("http:", "https:", "//")) for src in scripts)


def test_profile_is_a_singleton(editor, db):
    """The profile can be added once; after that the admin offers no second one."""
    add_url = admin_url(OrganisationProfile, "add")
    assert editor.get(add_url).status_code == 200
    OrganisationProfile.objects.create(name="Organisation", acronym="ORG")
    assert editor.get(add_url).status_code == 403
    changelist = editor.get(admin_url(OrganisationProfile, "changelist"))
    assert add_url not in changelist.content.decode()


@pytest.mark.parametrize("model", [Region, Office, Unit], ids=str)
def test_org_chart_order_is_editable_from_the_list(editor, demo_organisation, model):
    """Regions, offices and units are reordered straight from their list."""
    first = model.objects.order_by("pk").first()
    response = editor.get(admin_url(model, "changelist"))
    document = lxml.html.fromstring(response.content.decode())
    assert document.cssselect("input[name='form-0-order']")
    total = model.objects.count()
    data = {
        "form-TOTAL_FORMS": str(total),
        "form-INITIAL_FORMS": str(total),
        "_save": "Save",
    }
    for index, item in enumerate(model.objects.all()):
        data[f"form-{index}-id"] = str(item.pk)
        data[f"form-{index}-order"] = str(99 if item.pk == first.pk else item.order)
    response = editor.post(admin_url(model, "changelist"), data)
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.order == 99


@pytest.mark.parametrize(
    ("model", "field", "term", "expected"),
    [
        (Office, "parent", "Vienne", "regional-office-vienna"),
        (Office, "parent", "Ginebra", "headquarters"),
        (Unit, "parent", "Bureau du Chef", "office-of-the-chief-of-staff"),
        (Position, "office", "Viena", "regional-office-vienna"),
        (Appointment, "person", "Szabados", "argentina-szabados"),
    ],
    ids=str,
)
def test_autocomplete_finds_names_in_any_language(
    editor, demo_organisation, model, field, term, expected
):
    """Foreign keys autocomplete, and the search matches every language's name."""
    meta = model._meta
    response = editor.get(
        reverse("admin:autocomplete"),
        {
            "app_label": meta.app_label,
            "model_name": meta.model_name,
            "field_name": field,
            "term": term,
        },
    )
    assert response.status_code == 200
    ids = [result["id"] for result in json.loads(response.content)["results"]]
    target = meta.get_field(field).related_model
    assert ids == [str(target.objects.get(slug=expected).pk)]


@pytest.mark.parametrize(
    ("model", "inline_prefix"),
    [(Person, "appointments"), (Position, "appointments")],
    ids=str,
)
def test_appointments_are_edited_inline(
    editor, demo_organisation, model, inline_prefix
):
    """A person's and a position's appointments are listed on their own page."""
    instance = (
        Person.objects.get(slug="amy-e-pope")
        if model is Person
        else Position.objects.get(title_en="Director General")
    )
    expected = instance.appointments.count()
    response = editor.get(admin_url(model, "change", instance.pk))
    document = lxml.html.fromstring(response.content.decode())
    [total] = document.cssselect(f"input[name='{inline_prefix}-INITIAL_FORMS']")
    assert int(total.get("value")) == expected >= 2


@pytest.mark.parametrize(
    ("model", "term", "found"),
    [
        (Unit, "Gestion du changement", "change-management"),
        (Unit, "Cadena de Suministro", "supply-chain"),
        (Person, "Vitorino", "antonio-vitorino"),
        (Office, "Genève", "headquarters"),
    ],
    ids=str,
)
def test_changelist_search_in_any_language(
    editor, demo_organisation, model, term, found
):
    """The list's search box finds a name typed in any of the languages."""
    response = editor.get(admin_url(model, "changelist"), {"q": term})
    assert response.status_code == 200
    results = list(response.context["cl"].result_list)
    assert [item.slug for item in results] == [found]


def test_admin_list_filters_accept_bad_values(editor, demo_organisation):
    """A filter value that means nothing does not break the list."""
    response = editor.get(admin_url(Office, "changelist"), {"region__id__exact": "x"})
    assert response.status_code in (200, 302)
