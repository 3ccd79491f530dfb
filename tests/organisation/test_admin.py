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


class TestOnTheDemoOrganisation:
    """Pages and rows of the demo organisation, loaded once for the class."""

    @pytest.mark.parametrize("lang", ADMIN_LANGUAGES)
    @pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
    def test_changelist_and_change_pages_load(
        self, editor, demo_organisation, model, lang
    ):
        """Each organisation model's list and edit pages load in each admin language."""
        instance = model.objects.order_by("pk").first()
        with translation.override(lang):
            verbose_name_plural = str(model._meta.verbose_name_plural)
        pages = {}
        for view, args in (("changelist", ()), ("change", (instance.pk,))):
            response = editor.get(
                admin_url(model, view, *args), HTTP_ACCEPT_LANGUAGE=lang
            )
            assert response.status_code == 200, view
            pages[view] = lxml.html.fromstring(response.content.decode())
            assert pages[view].get("lang") == lang
        # The model's name is shown in the editor's language.
        assert verbose_name_plural.lower() in pages["changelist"].text_content().lower()

    def test_translated_fields_have_the_language_switch(
        self, editor, demo_organisation
    ):
        """A translated field has one input per language, with the switch's script."""
        office = Office.objects.get(slug_en="regional-office-vienna")
        response = editor.get(admin_url(Office, "change", office.pk))
        document = lxml.html.fromstring(response.content.decode())
        for code in ADMIN_LANGUAGES:
            [field] = document.cssselect(f"input[name='name_{code}']")
            assert field.get("value")
        scripts = [script.get("src") for script in document.cssselect("script[src]")]
        assert any(src.endswith("newsroom/admin/language-switch.js") for src in scripts)
        assert not any(src.startswith(("http:", "https:", "//")) for src in scripts)

    @pytest.mark.parametrize("model", [Region, Office, Unit], ids=str)
    def test_org_chart_order_is_editable_from_the_list(
        self, editor, demo_organisation, model
    ):
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
        self, editor, demo_organisation, model, field, term, expected
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
        self, editor, demo_organisation, model, inline_prefix
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
        self, editor, demo_organisation, model, term, found
    ):
        """The list's search box finds a name typed in any of the languages."""
        response = editor.get(admin_url(model, "changelist"), {"q": term})
        assert response.status_code == 200
        results = list(response.context["cl"].result_list)
        assert [item.slug for item in results] == [found]

    def test_admin_list_filters_accept_bad_values(self, editor, demo_organisation):
        """A filter value that means nothing is not a server error: the editor is sent
        to the unfiltered list with Django's invalid-filter flag, which lists every
        office."""
        changelist = admin_url(Office, "changelist")
        response = editor.get(changelist, {"region__id__exact": "x"})
        assert response.status_code == 302
        assert response["Location"] == f"{changelist}?e=1"
        listing = editor.get(response["Location"])
        assert listing.status_code == 200
        assert listing.context["cl"].result_count == Office.objects.count() > 1


@pytest.mark.parametrize("lang", ADMIN_LANGUAGES)
@pytest.mark.parametrize(
    "model", [m for m in MODELS if m is not OrganisationProfile], ids=str
)
def test_add_pages_load(editor, model, lang, db):
    """Every organisation model can be added from the admin."""
    response = editor.get(admin_url(model, "add"), HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200


def test_profile_is_a_singleton(editor, db):
    """The profile can be added once; after that the admin offers no second one."""
    add_url = admin_url(OrganisationProfile, "add")
    assert editor.get(add_url).status_code == 200
    OrganisationProfile.objects.create(name="Organisation", acronym="ORG")
    assert editor.get(add_url).status_code == 403
    changelist = editor.get(admin_url(OrganisationProfile, "changelist"))
    assert add_url not in changelist.content.decode()


def change_form_data(response, **changes):
    """The POST data of an admin change form as the page shows it, with `changes`."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = value.pk if hasattr(value, "pk") else value
    return {**data, **changes}


def unit(slug, parent=None):
    return Unit.objects.create(name=slug.title(), slug=slug, parent=parent)


def office(slug, parent=None):
    return Office.objects.create(
        kind=Office.Kind.COUNTRY, name=slug.title(), slug=slug, parent=parent
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (unit, "A unit cannot be placed under itself or one of its own sub-units."),
        (
            office,
            "An office cannot report to itself or to an office that reports to it.",
        ),
    ],
    ids=["unit", "office"],
)
@pytest.mark.parametrize("loop", ["itself", "two", "three"])
def test_a_parent_cannot_make_a_loop(editor, db, make, message, loop):
    """A unit or an office placed under itself, directly or through others, is
    refused with a clear message, and nothing is saved."""
    top = make("top")
    middle = make("middle", parent=top)
    bottom = make("bottom", parent=middle)
    new_parent = {"itself": top, "two": middle, "three": bottom}[loop]
    url = admin_url(type(top), "change", top.pk)
    response = editor.post(url, change_form_data(editor.get(url), parent=new_parent.pk))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"parent": [message]}
    top.refresh_from_db()
    assert top.parent is None


@pytest.mark.parametrize("model", [Unit, Office], ids=str)
def test_a_parent_elsewhere_in_the_tree_is_accepted(editor, db, model):
    """Moving a branch under an unrelated node is allowed."""
    make = unit if model is Unit else office
    first, second = make("first"), make("second")
    child = make("child", parent=first)
    url = admin_url(model, "change", child.pk)
    response = editor.post(url, change_form_data(editor.get(url), parent=second.pk))
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.parent == second


def test_an_appointment_ending_before_it_starts_is_explained(editor, db):
    """The admin says in words that the end date comes before the start date."""
    person = Person.objects.create(name="Someone", slug="someone")
    position = Position.objects.create(title="Director General")
    response = editor.post(
        admin_url(Appointment, "add"),
        {
            "person": person.pk,
            "position": position.pk,
            "start": "2020-01-02",
            "end": "2020-01-01",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "The end date cannot be before the start date."
    ]
    assert not Appointment.objects.exists()


def add_form_data(response, **values):
    """The POST data of an admin add form: its inlines' management forms, empty,
    and `values`."""
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    return {**data, **values}


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        (
            "en",
            "Choose the unit or the office this position belongs to: the Structure "
            "page shows each position under one of them.",
        ),
        (
            "fr",
            "Choisissez l’unité ou le bureau dont relève ce poste\u00a0: la page "
            "Structure présente chaque poste sous l’un ou l’autre.",
        ),
        (
            "es",
            "Elija la unidad o la oficina a la que pertenece este cargo: la página "
            "Estructura muestra cada cargo bajo una de ellas.",
        ),
    ],
)
def test_a_position_belongs_to_a_unit_or_an_office(editor, db, lang, message):
    """A position with neither would be shown on no chart and no office page: the
    form says so in the editor's language and saves nothing; a unit or an office
    alone is enough."""
    url = admin_url(Position, "add")
    data = add_form_data(editor.get(url), title_en="Adviser", rank=100)
    response = editor.post(url, data, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [message]
    assert message in lxml.html.fromstring(response.content.decode()).text_content()
    assert not Position.objects.exists()
    for place in ({"unit": unit("director").pk}, {"office": office("vienna").pk}):
        assert editor.post(url, {**data, **place}).status_code == 302
    assert Position.objects.count() == 2


def country_choices(response):
    """The country filter's choices on an admin list, as it shows them."""
    return [
        link.text_content().strip()
        for link in lxml.html.fromstring(response.content.decode()).xpath(
            "//nav[@id='changelist-filter']//a[starts-with(@href, '?country')]"
        )
    ]


def test_the_office_list_filters_by_the_countries_offices_have(editor, db):
    """Not the 250 countries of the world: those of the offices, named in the
    admin's language, in one query whatever the number of offices."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Office.objects.create(kind=Office.Kind.COUNTRY, name="Vienna", slug="vienna")
    changelist = admin_url(Office, "changelist")
    with CaptureQueriesContext(connection) as few:
        assert country_choices(editor.get(changelist)) == []
    for slug, country in (("vienna2", "AT"), ("paris", "FR"), ("lyon", "FR")):
        Office.objects.create(
            kind=Office.Kind.COUNTRY, name=slug, slug=slug, country=country
        )
    with CaptureQueriesContext(connection) as more:
        response = editor.get(changelist)
    assert country_choices(response) == ["Austria", "France"]
    assert len(more) == len(few)
    french = editor.get(changelist, HTTP_ACCEPT_LANGUAGE="fr")
    assert country_choices(french) == ["Autriche", "France"]
    filtered = editor.get(changelist, {"country": "FR"})
    assert {office.slug for office in filtered.context["cl"].result_list} == {
        "paris",
        "lyon",
    }
    assert editor.get(changelist, {"country": "ZZ"}).status_code == 200


@pytest.mark.parametrize("place", [unit, office], ids=["unit", "office"])
def test_deleting_where_a_position_belongs_is_refused_until_it_is_moved(
    editor, db, place
):
    """A unit or an office whose deletion would leave a position with neither
    names it and is kept; a position that has the other keeps that one."""
    doomed = place("doomed")
    field = type(doomed)._meta.model_name
    other = {"unit": office, "office": unit}[field]("kept")
    only_here = Position.objects.create(title="Stranded", **{field: doomed})
    elsewhere_too = Position.objects.create(
        title="Placed", **{field: doomed, other._meta.model_name: other}
    )
    url = admin_url(type(doomed), "delete", doomed.pk)
    page = editor.get(url)
    assert page.status_code == 200
    text = lxml.html.fromstring(page.content.decode()).text_content()
    assert "Stranded" in text and "Placed" not in text
    assert editor.post(url, {"post": "yes"}).status_code == 200
    assert type(doomed).objects.filter(pk=doomed.pk).exists()
    only_here.delete()
    assert editor.post(url, {"post": "yes"}).status_code == 302
    assert not type(doomed).objects.filter(pk=doomed.pk).exists()
    elsewhere_too.refresh_from_db()
    assert getattr(elsewhere_too, field) is None
    assert getattr(elsewhere_too, other._meta.model_name) == other
