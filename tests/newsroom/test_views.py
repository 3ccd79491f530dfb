"""The public pages of the newsroom: what a visitor reads on a release, an event,
the lists, the media contacts, the search, in each language."""

import datetime
import io
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import Event, Photo
from organisation.models import Appointment, OrganisationProfile, Person, Position
from tests.factories import (
    ago,
    ahead,
    make_contact,
    make_event,
    make_office,
    make_region,
    make_release,
    make_topic,
    parse,
    shared_rows,
    text_of,
)

pytestmark = pytest.mark.django_db

READY = VersionState.READY
LANGS = ["en", "fr", "es"]
UTC = datetime.UTC


def url(name, lang, **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def baku_release(**fields):
    """The seed's release, reduced: written in French, translated and ready."""
    return make_release(
        "baku",
        original="fr",
        versions={"en": READY, "es": READY},
        publish_at=datetime.datetime(2019, 10, 25, 12, 0, tzinfo=UTC),
        dateline_city_fr="Bakou",
        dateline_city_es="Bakú",
        dateline_city_en="Baku",
        **fields,
    )


class TestReleaseDetail:
    @pytest.mark.parametrize(
        "lang, dateline",
        [
            ("en", "Baku – 25 October 2019"),
            ("fr", "Bakou – 25 octobre 2019"),
            ("es", "Bakú – 25 de octubre de 2019"),
        ],
    )
    def test_dateline_per_language(self, client, lang, dateline):
        """The dateline gives the city and the date as each language writes it."""
        baku_release()
        tree = parse(
            client.get(url("newsroom:release-detail", lang, slug=f"baku-{lang}"))
        )
        assert " ".join(text_of(tree, "//p[@class='dateline']").split()) == dateline

    @pytest.mark.parametrize("lang", LANGS)
    def test_slug_of_another_language_redirects_to_canonical(self, client, lang):
        """A slug in any language leads, permanently, to the canonical URL of the
        version the visitor reads."""
        release = baku_release()
        response = client.get(
            url(
                "newsroom:release-detail",
                lang,
                slug="baku-fr" if lang != "fr" else "baku-en",
            )
        )
        assert response.status_code == 301
        with translation.override(lang):
            assert response["Location"] == release.get_absolute_url()
        assert response["Location"].endswith(f"/baku-{lang}/")

    def test_missing_version_redirects_to_the_original_slug(self, client):
        """Where the visitor's version is missing, the canonical URL uses the
        original's slug under the visitor's language prefix."""
        make_release("lonely", original="fr")
        response = client.get(url("newsroom:release-detail", "es", slug="whatever"))
        assert response.status_code == 404
        response = client.get("/es/comunicados-de-prensa/lonely-fr/")
        assert response.status_code == 200

    def test_fallback_notice_and_lang(self, client):
        """A visitor whose language is not ready reads the original, marked up with
        its language, under a notice in their own language."""
        make_release("only", original="fr", versions={"es": VersionState.DRAFT})
        tree = parse(client.get("/es/comunicados-de-prensa/only-fr/"))
        article = tree.xpath("//article")[0]
        assert article.get("lang") == "fr"
        notice = article.xpath(".//p[contains(@class, 'notice')]")[0]
        assert notice.get("lang") == "es"
        assert "no está disponible en su idioma" in notice.text_content()
        assert "only title fr" in text_of(tree, "//h1")
        french = parse(client.get("/fr/communiques-de-presse/only-fr/"))
        assert not french.xpath("//article//p[contains(@class, 'notice')]")

    def test_language_switcher_marks_existing_versions(self, client):
        """The switcher links the release in every language and marks the ones
        where only the original is shown."""
        make_release("switch", original="en", versions={"fr": READY})
        tree = parse(client.get("/en/press-releases/switch-en/"))
        links = {
            a.get("hreflang"): a
            for a in tree.xpath("//nav[@class='language-switcher']//a")
        }
        assert links["fr"].get("href") == "/fr/communiques-de-presse/switch-fr/"
        assert links["es"].get("href") == "/es/comunicados-de-prensa/switch-en/"
        assert not links["fr"].xpath(".//small")
        assert links["es"].xpath(".//small")

    def test_current_language_shown_in_fallback_is_marked(self, client):
        """On a page shown in the original because the visitor's version is not
        ready, the switcher marks the current language too."""
        make_release("switch", original="en", versions={"fr": READY})
        tree = parse(client.get("/es/comunicados-de-prensa/switch-en/"))
        current = tree.xpath("//nav[@class='language-switcher']//*[@aria-current]")[0]
        assert current.get("lang") == "es"
        assert "(se muestra el original)" in current.text_content()
        english = parse(client.get("/en/press-releases/switch-en/"))
        assert not english.xpath(
            "//nav[@class='language-switcher']//*[@aria-current]//small"
        )

    def test_contact_block_lists_public_contacts_in_order(self, client):
        """ "For more information, please contact" lists the public contacts in the
        editor's order; internal contacts never appear."""
        office = make_office("vienna")
        second = make_contact("zoe", office=office)
        first = make_contact("yann", office=office)
        internal = make_contact("xavier", office=office, is_public=False)
        make_release("contacts", contacts=[first, internal, second])
        tree = parse(client.get("/en/press-releases/contacts-en/"))
        block = tree.xpath("//section[@class='media-contacts']")[0]
        assert "For more information, please contact" in text_of(block, "./h2")
        names = [node.text for node in block.xpath(".//li/strong")]
        assert names == ["Yann", "Zoe"]
        assert "xavier" not in tree.text_content().lower()
        phone = block.xpath(".//a[starts-with(@href, 'tel:')]")[0]
        assert phone.get("href").replace("-", "") == "tel:+41227179110"

    def test_topics_and_countries_link_to_filtered_lists(self, client):
        """Topics and countries link back to the list filtered on them, which shows
        the release."""
        make_release("tagged", topics=[make_topic("health")], countries=["AZ"])
        tree = parse(client.get("/en/press-releases/tagged-en/"))
        links = tree.xpath("//section[@class='release-tags']//a/@href")
        assert links == [
            "/en/press-releases/?topic=health-en",
            "/en/press-releases/?country=AZ",
        ]
        for link in links:
            assert "tagged title en" in client.get(link).content.decode()

    def test_correction_keeps_the_original_date(self, client):
        """A correction shows its note and date; the dateline keeps the original
        publication date."""
        baku_release(
            correction_note_en="The number of heads of state was corrected.",
            corrected_at=datetime.datetime(2019, 10, 28, 9, 0, tzinfo=UTC),
        )
        tree = parse(client.get("/en/press-releases/baku-en/"))
        correction = text_of(tree, "//aside[contains(@class, 'correction')]")
        assert "The number of heads of state was corrected." in correction
        assert "Corrected on 28 October 2019." in correction
        assert "25 October 2019" in text_of(tree, "//p[@class='dateline']")

    def test_original_correction_note_shows_on_translations(self, client):
        """A correction note written only in the original language shows on every
        translation, marked with its language; a translated note replaces it."""
        release = baku_release(correction_note_fr="Le nombre a été corrigé.")
        tree = parse(client.get("/es/comunicados-de-prensa/baku-es/"))
        note = tree.xpath("//aside[contains(@class, 'correction')]/p")[0]
        assert (note.text_content(), note.get("lang")) == (
            "Le nombre a été corrigé.",
            "fr",
        )
        release.correction_note_en = "The number was corrected."
        release.save()
        tree = parse(client.get("/en/press-releases/baku-en/"))
        note = tree.xpath("//aside[contains(@class, 'correction')]/p")[0]
        assert (note.text_content(), note.get("lang")) == (
            "The number was corrected.",
            "en",
        )

    def test_new_correction_note_outdates_translations(self):
        """A correction note added in the original language makes the ready
        translations outdated."""
        release = baku_release()
        release.correction_note_fr = "Le nombre a été corrigé."
        release.save()
        assert release.translation_state("en") == VersionState.OUTDATED
        assert release.translation_state("es") == VersionState.OUTDATED

    def test_people_quoted_with_their_title_at_the_time(self, client):
        """People quoted are named, linking to their page, with the position they
        held on the release's date, in its grammatical gender."""
        person = Person.objects.create(name="Ana Example", slug="ana", gender="f")
        position = Position.objects.create(
            title_en="Director General", title_feminine_fr="Directrice générale"
        )
        Appointment.objects.create(
            person=person,
            position=position,
            start=datetime.date(2018, 10, 1),
            end=datetime.date(2023, 9, 30),
        )
        baku_release().people_quoted.set([person])
        tree = parse(client.get("/fr/communiques-de-presse/baku-fr/"))
        [item] = tree.xpath("//section[@class='people-quoted']//li")
        assert " ".join(item.text_content().split()) == (
            "Ana Example, Directrice générale"
        )
        assert item.xpath("a/@href") == ["/fr/qui-sommes-nous/personnes/ana/"]

    def test_related_event_only_when_live(self, client):
        """The related event is linked when it is live, and left out otherwise."""
        event = make_event("summit")
        make_release("linked", related_event=event)
        tree = parse(client.get("/en/press-releases/linked-en/"))
        assert tree.xpath("//section[@class='related-event']//a/@href") == [
            "/en/events/summit-en/"
        ]
        Event.objects.filter(pk=event.pk).update(state=PublicationState.DRAFT)
        tree = parse(client.get("/en/press-releases/linked-en/"))
        assert not tree.xpath("//section[@class='related-event']")

    def test_main_photo_in_the_visitors_language(self, client):
        """The photo slot shows the main photo with its size and the alt text of
        the visitor's language."""
        buffer = io.BytesIO()
        Image.new("RGB", (40, 30), "navy").save(buffer, "PNG")
        photo = Photo.objects.create(
            image=SimpleUploadedFile("slot.png", buffer.getvalue()),
            alt_text_en="A blue square",
            alt_text_fr="Un carré bleu",
        )
        baku_release(main_photo=photo)
        for lang, alt in [("en", "A blue square"), ("fr", "Un carré bleu")]:
            tree = parse(
                client.get(url("newsroom:release-detail", lang, slug=f"baku-{lang}"))
            )
            image = tree.xpath("//article//img")[0]
            assert image.get("alt") == alt
            assert image.get("width") and image.get("height")


def twelve_releases():
    """Twelve releases over two years, two offices in two regions, two countries
    and a topic on half of them."""
    europe, asia = make_region("europe"), make_region("asia")
    vienna = make_office("vienna", region=europe, country="AT")
    baku = make_office("baku", region=asia, country="AZ")
    health = make_topic("health")
    made = {}
    for index in range(12):
        year = 2019 + index % 2
        made[index] = make_release(
            f"r{index:02d}",
            publish_at=datetime.datetime(year, 3, 1 + index, tzinfo=UTC),
            issuing_office=vienna if index % 3 else baku,
            countries=["AZ"] if index % 4 == 0 else ["AT"],
            topics=[health] if index < 6 else [],
        )
    return made


@pytest.fixture(scope="class")
def releases(django_db_setup, django_db_blocker):
    """The twelve releases, built once for a class."""
    with shared_rows(django_db_blocker, twelve_releases) as made:
        yield made


class TestReleaseList:
    """The releases, built once for the class."""

    def titles(self, response):
        return [
            h3.text_content().strip()
            for h3 in parse(response).xpath(
                "//li[contains(@class, 'release-card')]//h3"
            )
        ]

    def test_newest_first_and_paginated(self, client, releases):
        """Releases come newest first, ten to a page."""
        first = self.titles(client.get("/en/press-releases/"))
        second = self.titles(client.get("/en/press-releases/?page=2"))
        assert len(first) == 10 and len(second) == 2
        assert first[0] == "r11 title en" and second[-1] == "r00 title en"

    @pytest.mark.parametrize(
        "query, expected",
        [
            ("year=2020", {1, 3, 5, 7, 9, 11}),
            ("region=asia", {0, 3, 6, 9}),
            ("country=AZ", {0, 4, 8}),
            ("country=az", {0, 4, 8}),
            ("office=vienna", {1, 2, 4, 5, 7, 8, 10, 11}),
            ("topic=health-fr", {0, 1, 2, 3, 4, 5}),
            ("topic=health-en&year=2019&office=vienna", {2, 4}),
            ("region=europe&country=AZ&year=2019", {4, 8}),
        ],
    )
    def test_filters_combine(self, client, releases, query, expected):
        """Filters by year, region, country, office and topic (slug in any
        language) combine."""
        titles = self.titles(client.get(f"/en/press-releases/?{query}"))
        assert sorted(titles) == sorted(f"r{index:02d} title en" for index in expected)

    def test_filters_survive_pagination(self, client, releases):
        """The next page link keeps the filters."""
        for index in range(12, 24):
            make_release(
                f"r{index}", publish_at=datetime.datetime(2020, 5, index, tzinfo=UTC)
            )
        tree = parse(client.get("/en/press-releases/?year=2020"))
        next_link = tree.xpath("//a[@rel='next']/@href")[0]
        assert "year=2020" in next_link and "page=2" in next_link
        titles = self.titles(client.get(f"/en/press-releases/{next_link}"))
        assert titles == [
            f"{name} title en"
            for name in ("r13", "r12", "r11", "r09", "r07", "r05", "r03", "r01")
        ]

    @pytest.mark.parametrize(
        "query, status",
        [
            ("year=abc", 400),
            ("year=99999999999999999999", 400),
            ("year=1", 400),
            ("year=1850", 400),
            ("year=9999", 400),
            ("country=ZZ", 400),
            ("country=%C2%B2", 400),
            ("country=%C2%B9", 400),
            ("country=%E2%91%A0", 400),
            ("country=%D9%A3", 400),
            ("country=250", 200),
            ("region=%3Cscript%3E", 400),
            ("topic=a%00b", 400),
            ("page=999999", 404),
            ("page=abc", 404),
            ("page=-1", 404),
            ("topic=no-such-topic", 200),
            ("office=nowhere&year=1950", 200),
            ("unknown=1", 200),
        ],
    )
    def test_bad_filters_never_fail(self, client, releases, query, status):
        """A bad filter value is a 400, a page out of range a 404, a value naming
        nothing an empty list: never a server error."""
        response = client.get(f"/en/press-releases/?{query}")
        assert response.status_code == status
        if query.startswith(("topic=no", "office=")):
            assert not self.titles(response)
            assert "No press release matches these filters." in (
                response.content.decode()
            )


class TestEvents:
    @pytest.mark.parametrize(
        ("path", "expected"),
        [
            ("/en/events/talk-en/", "1 May 2031, 10:00 – 12:00 (Baku)"),
            ("/fr/evenements/talk-fr/", "1er mai 2031, 10:00 – 12:00 (Bakou)"),
        ],
    )
    def test_detail_in_the_events_time_zone(self, client, path, expected):
        """The date and time read in the event's own time zone, named by its city
        in the visitor's language."""
        baku = zoneinfo.ZoneInfo("Asia/Baku")
        make_event(
            "talk",
            start=datetime.datetime(2031, 5, 1, 10, 0, tzinfo=baku),
            versions={"fr": VersionState.READY},
        )
        tree = parse(client.get(path))
        when = " ".join(text_of(tree, "//dl/dd[1]").split())
        assert when.startswith(expected)

    @pytest.mark.parametrize(
        "status, lang, text",
        [
            ("cancelled", "en", "This event has been cancelled."),
            ("cancelled", "fr", "Cet événement a été annulé."),
            ("postponed", "en", "This event has been postponed."),
        ],
    )
    def test_status_is_shown(self, client, status, lang, text):
        """A cancelled or postponed event says so."""
        make_event("changed", status=status)
        tree = parse(client.get(url("newsroom:event-detail", lang, slug="changed-en")))
        assert text_of(tree, "//p[contains(@class, 'event-status')]") == text

    @pytest.mark.parametrize(
        "status, lang, text",
        [
            (
                "rescheduled",
                "en",
                "This event has been rescheduled. It was due to start on "
                "2 April 2031, 09:30.",
            ),
            (
                "postponed",
                "en",
                "This event has been postponed. It was due to start on "
                "2 April 2031, 09:30.",
            ),
            (
                "postponed",
                "fr",
                "Cet événement a été reporté. Il devait commencer le "
                "2 avril 2031, 09:30.",
            ),
        ],
    )
    def test_moved_event_shows_its_previous_start(self, client, status, lang, text):
        """A rescheduled or postponed event gives the start it had before, in its
        time zone (issue 20, trip 4)."""
        baku = zoneinfo.ZoneInfo("Asia/Baku")
        make_event(
            "moved",
            status=status,
            previous_start=datetime.datetime(2031, 4, 2, 9, 30, tzinfo=baku),
        )
        tree = parse(client.get(url("newsroom:event-detail", lang, slug="moved-en")))
        assert text_of(tree, "//p[contains(@class, 'event-status')]") == text


def test_contacts_grouped_by_office(client):
    """The directory groups public contacts by office; internal ones never
    appear."""
    geneva, vienna = make_office("geneva", order=1), make_office("vienna", order=2)
    make_contact("anna", office=vienna)
    make_contact("bert", office=geneva)
    make_contact("carl", office=geneva)
    make_contact("dora", office=geneva, is_public=False)
    tree = parse(client.get("/fr/contacts-medias/"))
    groups = [
        (
            text_of(section, "./h2").strip(),
            [name.text for name in section.xpath(".//li/strong")],
        )
        for section in tree.xpath("//main//section")
    ]
    assert groups == [
        ("geneva office", ["Bert", "Carl"]),
        ("vienna office", ["Anna"]),
    ]


def test_home_shows_intro_latest_releases_and_upcoming_events(client):
    """The home page gives the organisation's intro, the latest releases and the
    upcoming events."""
    OrganisationProfile.objects.create(
        name_en="Example Organization", acronym_en="EO", mission_en="<p>We help.</p>"
    )
    make_release("fresh")
    make_event("soon")
    make_event("over", start=ago(days=30))
    make_release("later", publish_at=ahead(days=3))
    html = client.get("/en/").content.decode()
    for expected in ("We help.", "fresh title en", "soon title en"):
        assert expected in html
    assert "over title en" not in html and "later title en" not in html


@pytest.mark.parametrize("address", ["/en/", "/en/press-releases/"])
def test_only_the_first_image_of_a_list_loads_at_once(client, address):
    """The first card's image loads at once (it is in view); the others wait
    until they are scrolled to."""
    for name in ("first", "second", "third"):
        buffer = io.BytesIO()
        Image.new("RGB", (40, 30), "navy").save(buffer, "PNG")
        photo = Photo.objects.create(
            image=SimpleUploadedFile(f"{name}.png", buffer.getvalue()),
            alt_text_en=f"The {name} photo",
        )
        make_release(name, main_photo=photo)
    images = parse(client.get(address)).xpath("//main//img")
    assert [image.get("loading") for image in images] == [None, "lazy", "lazy"]


@pytest.mark.parametrize(
    "address", ["/en/press-releases/nothing/", "/fr/evenements/rien/", "/es/nada/"]
)
def test_unknown_items_are_not_found(client, address):
    """An unknown slug answers 404 with the site's own page, which asks not to be
    indexed and offers no canonical or alternate address."""
    response = client.get(address)
    assert response.status_code == 404
    tree = parse(response)
    assert tree.xpath("//main//h1")
    assert tree.xpath("//head/meta[@name='robots']/@content") == ["noindex"]
    assert not tree.xpath("//head/link[@rel='canonical' or @hreflang]")


def test_a_withdrawn_release_is_gone_and_not_indexed(client):
    """A withdrawn release answers 410 with a page that asks not to be indexed."""
    make_release("pulled", state=PublicationState.WITHDRAWN)
    response = client.get("/en/press-releases/pulled-en/")
    assert response.status_code == 410
    tree = parse(response)
    assert tree.xpath("//head/meta[@name='robots']/@content") == ["noindex"]
    assert not tree.xpath("//head/link[@rel='canonical' or @hreflang]")
