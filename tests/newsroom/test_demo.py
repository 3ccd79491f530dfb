"""The newsroom's demo content: the seed's press release and event, its media
contact, the navigation pages, and releases in every publication state — loaded
twice without duplicates."""

import datetime
from pathlib import Path

import pytest
from django.apps import apps

from newsroom.core.publication import PublicationState, VersionState
from newsroom.demo import content as demo
from newsroom.demo import organisation as organisation_demo
from newsroom.models import ContactPhone, Event, MediaContact, Page, PressRelease
from tests.factories import parse, shared_rows, text_of

pytestmark = pytest.mark.django_db

SEED_TITLE = (
    "La Directrice régionale au Sommet de Bakou : l’OIM partage la vision du "
    "Mouvement des pays non alignés pour la paix et le développement"
)


def load():
    organisation_demo.load()
    demo.load()


@pytest.fixture(scope="class")
def loaded_rows(django_db_setup, django_db_blocker):
    """The demo organisation and content, loaded once for a class of tests."""
    with shared_rows(django_db_blocker, load):
        yield


@pytest.fixture
def loaded(db, loaded_rows):
    """The loaded demo's rows."""


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_app_config("newsroom").get_models()
    }


class TestTheLoadedDemo:
    """The demo organisation and content, loaded once for the class."""

    def test_loading_twice_changes_nothing(self, loaded):
        """A second load updates the same rows: no duplicate, the same tokens."""
        before = row_counts()
        tokens = set(PressRelease.objects.values_list("embargo_token", flat=True))
        demo.load()
        assert row_counts() == before
        assert (
            set(PressRelease.objects.values_list("embargo_token", flat=True)) == tokens
        )

    def test_seed_release(self, loaded):
        """The seed's release: French original, three ready versions, 25 October 2019,
        the regional office, the people and the contact of the seed."""
        release = PressRelease.objects.get(title_fr=SEED_TITLE)
        assert release.original_language == "fr"
        assert release.public_languages() == ["en", "fr", "es"]
        assert release.is_live
        assert release.publish_at.date() == datetime.date(2019, 10, 25)
        assert [
            release.field_in("dateline_city", lang) for lang in ("en", "fr", "es")
        ] == [
            "Baku",
            "Bakou",
            "Bakú",
        ]
        assert release.issuing_office.slug == "regional-office-vienna"
        assert [person.name for person in release.people_quoted.all()] == [
            "Argentina Szabados"
        ]
        assert [person.name for person in release.people_mentioned.all()] == [
            "António Vitorino"
        ]
        assert release.countries == ["AZ"]
        assert release.topics.count() >= 1
        assert release.related_event.title_en.startswith("18th Summit")

    def test_seed_event_and_contact(self, loaded):
        """The Baku summit is an all-day event in Asia/Baku on 25 October 2019; Joe
        Lowry is the regional office's public contact, with the seed's phone and
        email."""
        event = Event.objects.get(slug_en="xviiith-summit-non-aligned-movement-baku")
        assert event.all_day and event.time_zone == "Asia/Baku"
        assert event.local_start.date() == datetime.date(2019, 10, 25)
        assert event.country == "AZ"
        contact = MediaContact.objects.get(slug="joe-lowry")
        assert contact.email == "jlowry@iom.int" and contact.is_public
        assert contact.office.slug == "regional-office-vienna"
        phones = ContactPhone.objects.filter(contact=contact)
        assert [phone.number.as_e164 for phone in phones] == ["+436603776404"]

    def test_every_rule_is_visible(self, loaded):
        """Besides the live ones there is a scheduled, a draft, a withdrawn release,
        and one without a Spanish version."""
        releases = PressRelease.objects.all()
        assert any(release.is_scheduled for release in releases)
        assert releases.filter(state=PublicationState.DRAFT).exists()
        assert releases.filter(state=PublicationState.WITHDRAWN).exists()
        assert releases.live().in_version_state("es", "missing").exists()

    def test_navigation_pages(self, loaded):
        """The seed's menu is live pages in the navigation, in each language."""
        pages = Page.objects.live().filter(nav_order__isnull=False)
        assert [page.title_en for page in pages] == [
            "Our work",
            "Partnerships",
            "Take action",
            "Work with us",
            "Get involved",
        ]
        assert all(page.public_languages() == ["en", "fr", "es"] for page in pages)

    @pytest.mark.parametrize(
        "address, status",
        [
            ("/fr/communiques-de-presse/", 200),
            (
                "/en/press-releases/regional-director-baku-summit-iom-non-aligned-movement/",
                200,
            ),
            (
                "/fr/communiques-de-presse/"
                "directrice-regionale-sommet-bakou-oim-mouvement-pays-non-alignes/",
                200,
            ),
            (
                "/es/comunicados-de-prensa/"
                "directora-regional-cumbre-baku-oim-movimiento-paises-no-alineados/",
                200,
            ),
            ("/en/press-releases/antonio-vitorino-takes-office-director-general/", 410),
            ("/en/press-releases/director-general-team-deputies-chief-of-staff/", 404),
            ("/en/press-releases/iom-operations-divisions/", 404),
            (
                "/es/comunicados-de-prensa/amy-e-pope-takes-office-director-general/",
                200,
            ),
            ("/en/events/past/", 200),
            ("/en/media-contacts/", 200),
            ("/fr/notre-travail/", 200),
        ],
    )
    def test_demo_site_answers(self, client, loaded, address, status):
        """The demo shows each rule on the running site."""
        assert client.get(address).status_code == status

    def test_seed_release_page_in_french(self, client, loaded):
        """The seed's release reads as the seed does, with its contact block."""
        tree = parse(
            client.get(
                "/fr/communiques-de-presse/"
                "directrice-regionale-sommet-bakou-oim-mouvement-pays-non-alignes/"
            )
        )
        # French typography: a no-break space before the colon.
        assert text_of(tree, "//h1") == SEED_TITLE.replace(" :", "\u00a0:")
        assert " ".join(text_of(tree, "//p[@class='dateline']").split()) == (
            "Bakou – 25 octobre 2019"
        )
        contacts = text_of(tree, "//section[@class='media-contacts']")
        assert "Joe Lowry" in contacts and "jlowry@iom.int" in contacts
        assert "+43 660 3776404" in contacts
        spanish_missing = (
            PressRelease.objects.live().in_version_state("es", "missing").first()
        )
        assert spanish_missing.translation_state("es") == VersionState.MISSING


@pytest.mark.parametrize(
    "wrong",
    ["Nations Unies", "Etats", "XVIIIe "],
)
def test_the_demo_texts_follow_french_typography(wrong):
    """The demo's French texts are set as French sets them: "Nations unies",
    "États" with its accent, "XVIIIᵉ" with a superior letter."""
    folder = Path(demo.__file__).parent
    for path in sorted(folder.glob("*.py")):
        assert wrong not in path.read_text(encoding="utf-8"), path.name
