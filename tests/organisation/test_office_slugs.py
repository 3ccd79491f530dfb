"""Offices have a slug per language: the office page answers at the slug of its
URL's language, any other-language or former slug answers 301 there, and every
machine-readable surface (sitemap, API, JSON-LD, release filters) uses it."""

import json

import lxml.html
import pytest
from django.urls import reverse
from django.utils import translation
from lxml import etree

from organisation.models import Office
from tests.factories import EVERY_LANGUAGE, make_release

from .test_pages import HEADQUARTERS_SLUGS, OFFICE_SLUGS

PREFIXES = {"en": "/en/offices/", "fr": "/fr/bureaux/", "es": "/es/oficinas/"}


def office_url(lang, slug):
    return f"{PREFIXES[lang]}{slug}/"


def vienna():
    return Office.objects.get(slug_en=OFFICE_SLUGS["en"])


class TestOnTheDemoOrganisation:
    @pytest.mark.parametrize("lang", PREFIXES)
    def test_office_answers_at_its_slug_in_each_language(
        self, client, demo_organisation, lang
    ):
        """The demo's regional office has its own slug in each language."""
        response = client.get(office_url(lang, OFFICE_SLUGS[lang]))
        assert response.status_code == 200
        assert lxml.html.fromstring(response.content).get("lang") == lang

    @pytest.mark.parametrize(
        ("lang", "other"),
        [(lang, other) for lang in PREFIXES for other in PREFIXES if other != lang],
    )
    def test_another_languages_slug_redirects_permanently(
        self, client, demo_organisation, lang, other
    ):
        """The slug of another language answers 301 to the slug of the URL's."""
        response = client.get(office_url(lang, OFFICE_SLUGS[other]))
        assert response.status_code == 301
        assert response["Location"] == office_url(lang, OFFICE_SLUGS[lang])

    def test_a_former_slug_redirects_to_the_new_one(self, client, demo_organisation):
        """A slug the office once had keeps leading to it; a slug no office ever
        had is a 404."""
        office = vienna()
        office.slug_fr = "bureau-de-vienne"
        office.save()
        response = client.get(office_url("fr", OFFICE_SLUGS["fr"]))
        assert response.status_code == 301
        assert response["Location"] == office_url("fr", "bureau-de-vienne")
        assert client.get(office_url("fr", "bureau-de-nulle-part")).status_code == 404

    def test_a_former_slug_of_another_language_redirects_too(
        self, client, demo_organisation
    ):
        """A slug the office once had in English, asked for under the Spanish
        prefix, answers 301 to its current Spanish address."""
        office = vienna()
        office.slug_en = "vienna-office"
        office.save()
        response = client.get(office_url("es", OFFICE_SLUGS["en"]))
        assert response.status_code == 301
        assert response["Location"] == office_url("es", OFFICE_SLUGS["es"])

    def test_a_language_without_a_slug_uses_the_english_one(
        self, client, demo_organisation
    ):
        """An office whose Spanish slug is empty is at its English slug in Spanish."""
        office = vienna()
        office.slug_es = None
        office.save()
        with translation.override("es"):
            assert office.get_absolute_url() == office_url("es", OFFICE_SLUGS["en"])
        assert client.get(office_url("es", OFFICE_SLUGS["en"])).status_code == 200

    def test_the_office_list_links_each_languages_slug(self, client, demo_organisation):
        """The office list links every office at the slug of the page's language."""
        for lang, prefix in PREFIXES.items():
            document = lxml.html.fromstring(client.get(prefix).content)
            hrefs = {link.get("href") for link in document.cssselect("main li a")}
            assert office_url(lang, OFFICE_SLUGS[lang]) in hrefs
            assert office_url(lang, HEADQUARTERS_SLUGS[lang]) in hrefs

    def test_sitemap_lists_each_languages_slug_with_alternates(
        self, client, demo_organisation
    ):
        """The offices' sitemap gives each language's URL and the others as
        hreflang alternates, all at their own slugs."""
        url = reverse("sitemap-section", kwargs={"section": "offices"})
        root = etree.fromstring(client.get(url).content)
        ns = {
            "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
            "xhtml": "http://www.w3.org/1999/xhtml",
        }
        expected = {
            f"http://testserver{office_url(lang, slug)}"
            for lang, slug in OFFICE_SLUGS.items()
        }
        locations = set(root.xpath("//sm:url/sm:loc/text()", namespaces=ns))
        assert expected <= locations
        for entry in root.xpath("//sm:url", namespaces=ns):
            if entry.findtext("sm:loc", namespaces=ns) in expected:
                alternates = entry.xpath("xhtml:link/@href", namespaces=ns)
                assert expected <= set(alternates)

    @pytest.mark.parametrize("lang", PREFIXES)
    def test_api_gives_the_languages_slug_and_url(
        self, client, demo_organisation, lang
    ):
        """The organisation document names each office by its slug in the
        requested language, with the URL at that slug."""
        data = client.get("/api/v1/organisation", {"language": lang}).json()
        [office] = [o for o in data["offices"] if o["slug"] == OFFICE_SLUGS[lang]]
        assert office["url"] == f"http://testserver{office_url(lang, office['slug'])}"

    def test_json_ld_gives_the_languages_url(self, client, demo_organisation):
        """The French who-we-are page's Organization lists offices at their French
        URLs."""
        document = lxml.html.fromstring(client.get("/fr/qui-sommes-nous/").content)
        urls = set()
        for script in document.xpath("//script[@type='application/ld+json']"):
            data = json.loads(script.text)
            urls |= {sub.get("url") for sub in data.get("subOrganization", [])}
        assert f"http://testserver{office_url('fr', OFFICE_SLUGS['fr'])}" in urls

    @pytest.mark.parametrize("lang", PREFIXES)
    def test_release_filter_takes_the_office_in_any_language(
        self, client, demo_organisation, lang
    ):
        """The release list's office filter and its chip work with the slug of any
        language (the query string survives a language switch)."""
        release = make_release(
            "vienna-release", versions=EVERY_LANGUAGE, issuing_office=vienna()
        )
        other = make_release("other-release", versions=EVERY_LANGUAGE)
        response = client.get("/en/press-releases/", {"office": OFFICE_SLUGS[lang]})
        assert response.status_code == 200
        document = lxml.html.fromstring(response.content)
        links = {link.get("href") for link in document.cssselect("main a")}
        with translation.override("en"):
            assert release.get_absolute_url() in links
            assert other.get_absolute_url() not in links
        [option] = document.cssselect("#filter-office option[selected]")
        assert option.get("value") == OFFICE_SLUGS["en"]
