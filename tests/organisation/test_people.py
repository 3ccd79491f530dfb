"""A person's page: positions held today and before, titles in the person's
grammatical gender, biography with its language, Person JSON-LD, constant queries."""

import datetime
import json

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisation.models import Appointment, Office, Person, Position
from tests.factories import make_person

pytestmark = pytest.mark.django_db

PAGES = {
    "en": "/en/who-we-are/people/amy-e-pope/",
    "fr": "/fr/qui-sommes-nous/personnes/amy-e-pope/",
    "es": "/es/quienes-somos/personas/amy-e-pope/",
}
TODAYS_TITLE = {
    "en": "Director General",
    "fr": "Directrice générale",
    "es": "Directora General",
}


def tree(response):
    return lxml.html.fromstring(response.content)


class TestOnTheDemoOrganisation:
    """Pages and rows of the demo organisation, loaded once for the class."""

    @pytest.mark.parametrize("lang", PAGES)
    def test_person_page_gives_todays_title_in_the_right_gender(
        self, client, demo_organisation, lang
    ):
        """Amy E. Pope's page answers in each language with her current title in the
        feminine, and her earlier deputy post among the previous positions."""
        response = client.get(PAGES[lang])
        assert response.status_code == 200
        page = tree(response)
        assert page.xpath("//html/@lang") == [lang]
        assert page.xpath("string(//main//h1)") == "Amy E. Pope"
        roles = page.xpath("//ul[@class='roles']/li")
        assert len(roles) == 1
        assert roles[0].text_content().startswith(TODAYS_TITLE[lang])
        assert page.xpath("//main//h2")  # previous positions
        assert len(page.xpath("//main//h2/following-sibling::ul[1]/li")) == 1

    def test_person_page_describes_a_person_in_json_ld(self, client, demo_organisation):
        """The page carries a Person with its name, URL, job title and organisation."""
        page = tree(client.get(PAGES["fr"]))
        [script] = page.xpath("//script[@type='application/ld+json']/text()")
        data = json.loads(script)
        assert data["@type"] == "Person"
        assert data["name"] == "Amy E. Pope"
        assert data["url"] == "http://testserver" + PAGES["fr"]
        assert data["jobTitle"] == "Directrice générale"
        assert data["worksFor"]["alternateName"] == "OIM"

    def test_a_former_holder_shows_dates_and_no_current_title(
        self, client, demo_organisation
    ):
        """António Vitorino's page lists Director General with both dates, as past."""
        page = tree(client.get("/en/who-we-are/people/antonio-vitorino/"))
        assert not page.xpath("//ul[@class='roles']")
        [past] = page.xpath("//main//h2/following-sibling::ul[1]/li")
        assert "Director General" in past.text_content()
        assert "2018" in past.text_content() and "2023" in past.text_content()

    def test_structure_links_holders_to_their_pages(self, client, demo_organisation):
        """The structure page links today's Director General to her page."""
        page = tree(client.get("/en/who-we-are/structure/"))
        assert PAGES["en"] in page.xpath("//a[@class='holder']/@href")


def test_biography_falls_back_with_its_language(client):
    """A biography written only in French is shown on the Spanish page, marked as
    French."""
    make_person("Test Person", "test-person", biography_fr="<p>Biographie.</p>")
    page = tree(client.get("/es/quienes-somos/personas/test-person/"))
    [biography] = page.xpath("//div[@class='biography']")
    assert biography.get("lang") == "fr"
    assert biography.text_content() == "Biographie."


def test_unknown_person_is_not_found(client):
    """An unknown slug answers 404."""
    assert client.get("/en/who-we-are/people/nobody/").status_code == 404


def test_person_page_queries_do_not_grow_with_appointments(client):
    """The page runs the same number of queries with 1 and 20 appointments."""
    counts = []
    for size in (1, 20):
        person = Person.objects.create(name=f"P{size}", slug=f"p{size}", gender="f")
        for number in range(size):
            position = Position.objects.create(title=f"Post {number}")
            Appointment.objects.create(
                person=person,
                position=position,
                start=datetime.date(2000 + number, 1, 1),
                end=datetime.date(2000 + number, 12, 31),
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/en/who-we-are/people/p{size}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    ("lang", "job_title"),
    [("en", "Chief of Staff"), ("fr", "Cheffe de cabinet"), ("es", "Jefe de Gabinete")],
)
def test_json_ld_job_title_keeps_to_the_pages_language(client, lang, job_title):
    """A feminine title entered only in French does not show on the English and
    Spanish pages, in the text or in the JSON-LD jobTitle."""
    person = Person.objects.create(name="Ana Example", slug="ana", gender="f")
    position = Position.objects.create(
        title_en="Chief of Staff",
        title_fr="Chef de cabinet",
        title_es="Jefe de Gabinete",
        title_feminine_fr="Cheffe de cabinet",
    )
    Appointment.objects.create(person=person, position=position)
    url = {
        "en": "/en/who-we-are/people/ana/",
        "fr": "/fr/qui-sommes-nous/personnes/ana/",
    }
    url["es"] = "/es/quienes-somos/personas/ana/"
    page = tree(client.get(url[lang]))
    [script] = page.xpath("//script[@type='application/ld+json']/text()")
    assert json.loads(script)["jobTitle"] == job_title
    assert page.xpath("string(//ul[@class='roles']/li)").strip() == job_title


@pytest.mark.parametrize(
    "make",
    [
        lambda: Person.objects.create(name="Someone", slug="someone"),
        lambda: Office.objects.create(kind="country", name="Office", slug="office"),
    ],
    ids=["person", "office"],
)
def test_people_and_offices_record_their_last_change(make):
    """`updated_at` is set on creation and moves forward on each save (sitemaps use
    it as lastmod)."""
    item = make()
    first = item.updated_at
    assert first is not None
    item.save()
    item.refresh_from_db()
    assert item.updated_at > first
