"""The public organisation pages: who we are, structure, offices and an office, in
English, French and Spanish."""

import datetime

import lxml.html
import pytest
from django.urls import reverse
from django.utils import translation

from organisation.models import Appointment, Office, Person, Position, Unit

LANGUAGES = ["en", "fr", "es"]
OFFICE = "regional-office-vienna"
# The demo offices' slugs in each language.
OFFICE_SLUGS = {
    "en": OFFICE,
    "fr": "bureau-regional-vienne",
    "es": "oficina-regional-viena",
}
HEADQUARTERS_SLUGS = {"en": "headquarters", "fr": "siege", "es": "sede"}

URLS = {
    "who-we-are": {
        "en": "/en/who-we-are/",
        "fr": "/fr/qui-sommes-nous/",
        "es": "/es/quienes-somos/",
    },
    "structure": {
        "en": "/en/who-we-are/structure/",
        "fr": "/fr/qui-sommes-nous/structure/",
        "es": "/es/quienes-somos/estructura/",
    },
    "offices": {
        "en": "/en/offices/",
        "fr": "/fr/bureaux/",
        "es": "/es/oficinas/",
    },
    "office": {
        "en": f"/en/offices/{OFFICE}/",
        "fr": "/fr/bureaux/bureau-regional-vienne/",
        "es": "/es/oficinas/oficina-regional-viena/",
    },
}

HEADINGS = {
    "who-we-are": {"en": "Who we are", "fr": "Qui sommes-nous", "es": "Quiénes somos"},
    "structure": {
        "en": "Organisational structure",
        "fr": "Structure organisationnelle",
        "es": "Estructura organizativa",
    },
    "offices": {"en": "Offices", "fr": "Bureaux", "es": "Oficinas"},
    "office": {
        "en": "Regional Office for South-Eastern Europe, Eastern Europe and Central "
        "Asia",
        "fr": "Bureau régional pour l’Europe du Sud-Est, l’Europe de l’Est et l’Asie "
        "centrale",
        "es": "Oficina Regional para Europa Sudoriental, Europa Oriental y Asia "
        "Central",
    },
}


def parse(response):
    return lxml.html.fromstring(response.content.decode())


def text(element):
    return " ".join(element.text_content().split())


def position_titles(document):
    """Each listed position as {holder name: title shown}."""
    titles = {}
    for item in document.cssselect("li.position"):
        holder = item.cssselect("a.holder")
        if holder:
            titles[text(holder[0])] = text(item.cssselect(".position-title")[0])
    return titles


@pytest.mark.parametrize("page", URLS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_urls_have_translated_words(page, lang):
    """Each page's URL is spelled in the language of its prefix."""
    kwargs = {"slug": OFFICE_SLUGS[lang]} if page == "office" else {}
    name = {
        "who-we-are": "organisation:who-we-are",
        "structure": "organisation:structure",
        "offices": "organisation:office-list",
        "office": "organisation:office-detail",
    }[page]
    with translation.override(lang):
        assert reverse(name, kwargs=kwargs) == URLS[page][lang]


class TestOnTheDemoOrganisation:
    """Pages and rows of the demo organisation, loaded once for the class."""

    @pytest.mark.parametrize("page", URLS)
    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_page_answers_in_each_language(self, client, demo_organisation, page, lang):
        """Each page answers 200 with `<html lang>` and its heading in the language."""
        response = client.get(URLS[page][lang])
        assert response.status_code == 200
        document = parse(response)
        assert document.get("lang") == lang
        assert text(document.cssselect("h1")[0]) == HEADINGS[page][lang]

    @pytest.mark.parametrize(
        ("lang", "name", "figures", "mission"),
        [
            (
                "en",
                "International Organization for Migration",
                "175 member states",
                "part of the United Nations system",
            ),
            (
                "fr",
                "Organisation internationale pour les migrations",
                "175 États membres",
                "fait partie du système des Nations unies",
            ),
            (
                "es",
                "Organización Internacional para las Migraciones",
                "175 Estados miembros",
                "forma parte del sistema de las Naciones Unidas",
            ),
        ],
    )
    def test_who_we_are_shows_the_profile(
        self, client, demo_organisation, lang, name, figures, mission
    ):
        """Who we are: the organisation's name, acronym, figures and mission."""
        document = parse(client.get(URLS["who-we-are"][lang]))
        page = text(document.cssselect("main")[0])
        assert f"{name} ({'IOM' if lang == 'en' else 'OIM'})" in page
        assert figures in page
        assert "1951" in page
        assert "171" in page
        assert mission in page

    @pytest.mark.parametrize(
        ("lang", "director_general", "deputy_operations"),
        [
            ("en", "Director General", "Deputy Director General for Operations"),
            (
                "fr",
                "Directrice générale",
                "Directrice générale adjointe chargée des opérations",
            ),
            ("es", "Directora General", "Directora General Adjunta de Operaciones"),
        ],
    )
    def test_structure_shows_todays_holders_in_their_gender(
        self, client, demo_organisation, lang, director_general, deputy_operations
    ):
        """The org chart names today's holders, titled in their grammatical gender."""
        document = parse(client.get(URLS["structure"][lang]))
        titles = position_titles(document)
        assert titles["Amy E. Pope"] == director_general
        assert titles["Ugochi Florence Daniels"] == deputy_operations
        # Former Directors General are not today's holders.
        assert "António Vitorino" not in titles
        assert "William Lacy Swing" not in titles

    @pytest.mark.parametrize(
        ("lang", "vacant", "office", "director"),
        [
            (
                "en",
                "Vacant post",
                "Regional Office for South-Eastern Europe",
                "Regional Director",
            ),
            (
                "fr",
                "Poste vacant",
                "Bureau régional pour l’Europe du Sud-Est",
                "Directrice régionale",
            ),
            (
                "es",
                "Puesto vacante",
                "Oficina Regional para Europa Sudoriental",
                "Directora Regional",
            ),
        ],
    )
    def test_structure_labels_vacant_posts_and_heads_each_office(
        self, client, demo_organisation, lang, vacant, office, director
    ):
        """A post nobody holds today says so in the visitor's language; an office's
        own posts stand under the office's heading, with their holders."""
        document = parse(client.get(URLS["structure"][lang]))
        labels = [
            text(label) for label in document.cssselect("li.vacant .vacant-label")
        ]
        assert labels and set(labels) == {vacant}
        [section] = document.cssselect("section.org-offices")
        heading = text(section.cssselect("h3")[0])
        assert heading.startswith(office)
        assert position_titles(section)["Argentina Szabados"] == director

    def test_structure_nests_units_under_their_parent(self, client, demo_organisation):
        """A division is listed inside the unit it belongs to, in the chart's order."""
        document = parse(client.get(URLS["structure"]["en"]))
        [operations] = [
            unit
            for unit in document.cssselect("li.unit")
            if text(unit.cssselect(".unit-name")[0])
            == "Office of the Deputy Director General for Operations"
        ]
        divisions = [
            text(name) for name in operations.cssselect("ul li.unit > .unit-name")
        ]
        assert divisions[:2] == ["Humanitarian Response and Recovery", "Protection"]
        assert "Climate Action" in divisions
        assert "Legal Affairs" not in divisions

    @pytest.mark.parametrize(
        ("lang", "region", "country", "city"),
        [
            (
                "en",
                "South-Eastern Europe, Eastern Europe and Central Asia",
                "Austria",
                "Vienna",
            ),
            (
                "fr",
                "Europe du Sud-Est, Europe de l’Est et Asie centrale",
                "Autriche",
                "Vienne",
            ),
            (
                "es",
                "Europa Sudoriental, Europa Oriental y Asia Central",
                "Austria",
                "Viena",
            ),
        ],
    )
    def test_offices_are_grouped_by_region_and_country(
        self, client, demo_organisation, lang, region, country, city
    ):
        """The office list groups offices under their region, then their country."""
        document = parse(client.get(URLS["offices"][lang]))
        sections = {
            text(section.cssselect("h2")[0]): section
            for section in document.cssselect("main section")
        }
        section = sections[region]
        assert [text(h3) for h3 in section.cssselect("h3")] == [country]
        [link] = section.cssselect("li a")
        assert link.get("href") == URLS["office"][lang]
        assert city in text(section)

    @pytest.mark.parametrize(
        ("lang", "title", "headquarters"),
        [
            ("en", "Regional Director", "Headquarters"),
            ("fr", "Directrice régionale", "Siège"),
            ("es", "Directora Regional", "Sede"),
        ],
    )
    def test_office_detail_names_its_management(
        self, client, demo_organisation, lang, title, headquarters
    ):
        """An office page lists its positions' holders and the office it reports to."""
        document = parse(client.get(URLS["office"][lang]))
        assert position_titles(document) == {"Argentina Szabados": title}
        parent_url = URLS["office"][lang].replace(
            OFFICE_SLUGS[lang], HEADQUARTERS_SLUGS[lang]
        )
        [parent_link] = document.cssselect(f"main a[href='{parent_url}']")
        assert text(parent_link) == headquarters

    @pytest.mark.parametrize("page", URLS)
    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_language_switcher_links_to_the_same_page(
        self, client, demo_organisation, page, lang
    ):
        """The switcher links each other language's version of the same page."""
        document = parse(client.get(URLS[page][lang]))
        [switcher] = document.cssselect("nav.language-switcher")
        links = {
            link.get("hreflang"): link.get("href") for link in switcher.cssselect("a")
        }
        assert links == {
            other: URLS[page][other] for other in LANGUAGES if other != lang
        }
        [current] = switcher.cssselect("[aria-current]")
        assert current.get("lang") == lang

    @pytest.mark.parametrize(
        "url",
        [
            "/en/offices/no-such-office/",
            "/fr/bureaux/no-such-office/",
            "/en/offices/%C3%A9t%C3%A9/",
            "/en/offices/a/b/",
            "/de/who-we-are/",
            "/de/qui-sommes-nous/structure/",
            "/xx/offices/",
            "/fr/who-we-are/structure/",
            "/en/quienes-somos/estructura/",
            "/es/oficinas/headquarters/nope/",
        ],
    )
    def test_bad_urls_answer_404(self, client, demo_organisation, url):
        """Unknown offices, unknown language prefixes and mixed-language words: 404."""
        response = client.get(url, follow=True)
        assert response.status_code == 404

    @pytest.mark.parametrize("page", URLS)
    @pytest.mark.parametrize(
        "query",
        [
            "?on=not-a-date",
            "?page=-1&region=999999999999999999999",
            "?q=%00",
            "?%ff=%fe%fd",
            "?language=de&lang[]=x",
        ],
    )
    def test_bad_query_strings_are_ignored(
        self, client, demo_organisation, page, query
    ):
        """Query strings the pages do not use never break them."""
        response = client.get(URLS[page]["fr"] + query)
        assert response.status_code == 200

    @pytest.mark.parametrize(
        ("lang", "entry"),
        [
            ("en", "Director General: Amy E. Pope"),
            ("fr", "Directrice générale\u00a0: Amy E. Pope"),
            ("es", "Directora General: Amy E. Pope"),
        ],
    )
    def test_title_and_holder_are_separated_by_the_languages_colon(
        self, client, demo_organisation, lang, entry
    ):
        """French puts a no-break space before the colon between title and holder."""
        document = parse(client.get(URLS["structure"][lang]))
        entries = [
            item.text_content().strip() for item in document.cssselect("li.position")
        ]
        assert entry in entries

    @pytest.mark.parametrize(
        ("lang", "countries"),
        [
            ("en", ["Austria", "Egypt", "Germany", "Hungary", "Spain"]),
            ("fr", ["Allemagne", "Autriche", "Égypte", "Espagne", "Hongrie"]),
            ("es", ["Alemania", "Austria", "Egipto", "España", "Hungría"]),
        ],
    )
    def test_offices_list_headquarters_first_and_countries_by_name(
        self, client, demo_organisation, lang, countries
    ):
        """Offices without a region (headquarters) come first on every database, and a
        region's countries follow their names' order in the page's language."""
        region = Office.objects.get(slug_en=OFFICE).region
        for code in ("DE", "ES", "HU", "EG"):
            Office.objects.create(
                kind=Office.Kind.COUNTRY,
                name=f"Office {code}",
                slug=code.lower(),
                country=code,
                region=region,
            )
        document = parse(client.get(URLS["offices"][lang]))
        sections = document.cssselect("main section")
        assert [item.get("href") for item in sections[0].cssselect("li a")] == [
            f"{URLS['offices'][lang]}{HEADQUARTERS_SLUGS[lang]}/"
        ]
        assert [text(h3) for h3 in sections[1].cssselect("h3")] == countries


@pytest.mark.django_db
def test_structure_names_the_dated_holder_over_an_undated_one(client):
    """When an undated and a dated appointment overlap, the dated one is today's."""
    unit = Unit.objects.create(name="Office of the Director General", slug="dg")
    position = Position.objects.create(title="Director General", unit=unit)
    for slug, start in (("undated", None), ("dated", datetime.date(2020, 1, 1))):
        person = Person.objects.create(name=slug.title(), slug=slug)
        Appointment.objects.create(person=person, position=position, start=start)
    titles = position_titles(parse(client.get(URLS["structure"]["en"])))
    assert titles == {"Dated": "Director General"}


@pytest.mark.django_db
def test_pages_answer_without_any_content(client):
    """Before anything is entered, every page still answers, saying so."""
    for lang in LANGUAGES:
        for page in ("who-we-are", "structure", "offices"):
            response = client.get(URLS[page][lang])
            assert response.status_code == 200, URLS[page][lang]
