"""The publication rules, as a table: publication state × publish time × the state
of the visitor's language version -> what the public site shows, on the list, the
detail, the home page and a filtered list."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import PressRelease
from tests.factories import (
    ago,
    ahead,
    make_event,
    make_page,
    make_release,
    make_releases,
    make_topic,
    parse,
)

pytestmark = pytest.mark.django_db

PUBLISHED = PublicationState.PUBLISHED
MISSING, DRAFT, READY, OUTDATED = (
    VersionState.MISSING,
    VersionState.DRAFT,
    VersionState.READY,
    VersionState.OUTDATED,
)

# state, publish time, French version -> listed, detail status, language shown on /fr/
RULES = {
    "live, French ready": (PUBLISHED, "past", READY, True, 200, "fr"),
    "live, French outdated": (PUBLISHED, "past", OUTDATED, True, 200, "fr"),
    "live, French draft": (PUBLISHED, "past", DRAFT, True, 200, "en"),
    "live, French missing": (PUBLISHED, "past", MISSING, True, 200, "en"),
    "scheduled": (PUBLISHED, "future", READY, False, 404, None),
    "published, no time": (PUBLISHED, None, READY, False, 404, None),
    "draft": (PublicationState.DRAFT, "past", READY, False, 404, None),
    "in review": (PublicationState.REVIEW, "past", READY, False, 404, None),
    "withdrawn": (PublicationState.WITHDRAWN, "past", READY, False, 410, None),
    "withdrawn before its time": (
        PublicationState.WITHDRAWN,
        "future",
        READY,
        False,
        404,
        None,
    ),
}


def when(publish_at):
    return {"past": ago(days=2), "future": ahead(days=2), None: None}[publish_at]


def url(name, lang, **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize(
    "state, publish_at, french, listed, status, shown", RULES.values(), ids=RULES
)
def test_release_visibility(client, state, publish_at, french, listed, status, shown):
    """A release is public exactly when published and its time has passed; the
    visitor reads their language's version when it is ready or outdated, else the
    original."""
    moment = when(publish_at)
    topic = make_topic("climate")
    make_release(
        "subject",
        versions={"fr": french},
        state=state,
        publish_at=moment,
        topics=[topic],
    )
    year = timezone.localtime(moment or timezone.now()).year
    pages = {
        "list": url("newsroom:release-list", "fr"),
        "home": url("home", "fr"),
        "filtered list": url("newsroom:release-list", "fr")
        + f"?topic=climate-es&year={year}",
    }
    for page, address in pages.items():
        html = client.get(address).content.decode()
        assert ("subject title" in html) is listed, page

    detail = url("newsroom:release-detail", "fr", slug="subject-en")
    response = client.get(detail, follow=True)
    assert response.status_code == status
    if shown:
        article = parse(response).xpath("//article")[0]
        assert article.get("lang") == shown
        assert f"subject title {shown}" in article.text_content()


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_fallback_is_listed_in_its_original_language(client, lang):
    """In every language, a live release whose version there is not ready is still
    listed, in its original language, marked as such."""
    make_release("origin", original="fr", versions={"en": DRAFT})
    tree = parse(client.get(url("newsroom:release-list", lang)))
    title = tree.xpath("//li[contains(@class, 'release-card')]//h3")[0]
    assert title.get("lang") == "fr"
    assert title.text_content().strip() == "origin title fr"
    marks = tree.xpath("//p[contains(@class, 'original-language')]")
    assert bool(marks) is (lang != "fr")


@pytest.mark.parametrize(
    "factory, name",
    [(make_event, "newsroom:event-detail"), (make_page, "newsroom:page-detail")],
)
@pytest.mark.parametrize(
    "state, publish_at, status",
    [
        (PUBLISHED, "past", 200),
        (PUBLISHED, "future", 404),
        (PublicationState.DRAFT, "past", 404),
        (PublicationState.REVIEW, "past", 404),
        (PublicationState.WITHDRAWN, "past", 410),
    ],
)
def test_event_and_page_visibility(client, factory, name, state, publish_at, status):
    """Events and pages follow the same rule as releases."""
    factory("item", state=state, publish_at=when(publish_at))
    for lang in ("en", "fr", "es"):
        response = client.get(url(name, lang, slug="item-en"), follow=True)
        assert response.status_code == status, lang


def test_event_lists_only_show_live_events(client):
    """Upcoming and past lists show live events only, each in its own list."""
    make_event("upcoming")
    make_event("finished", start=ago(days=10))
    make_event("unpublished", state=PublicationState.DRAFT)
    make_event("scheduled", publish_at=ahead(days=1))
    upcoming = client.get(url("newsroom:event-list", "en")).content.decode()
    past = client.get(url("newsroom:event-past", "en")).content.decode()
    assert "upcoming title" in upcoming and "upcoming title" not in past
    assert "finished title" in past and "finished title" not in upcoming
    for hidden in ("unpublished title", "scheduled title"):
        assert hidden not in upcoming and hidden not in past


def test_navigation_lists_only_live_pages(client):
    """The main navigation links live pages that have a place in it."""
    make_page("about", nav_order=1)
    make_page("hidden", nav_order=2, state=PublicationState.DRAFT)
    make_page("footnote")
    nav = parse(client.get(url("home", "en"))).xpath("//nav[@class='main-nav wrap']")
    links = [a.text_content() for a in nav[0].xpath(".//a")]
    assert "about title en" in links
    assert "hidden title en" not in links and "footnote title en" not in links


def test_scheduled_release_goes_live_on_its_own(client):
    """No job runs: at its publish time, a scheduled release simply is public."""
    release = make_release("timed", publish_at=ahead(hours=1))
    detail = url("newsroom:release-detail", "en", slug="timed-en")
    assert client.get(detail).status_code == 404
    later = release.publish_at + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert client.get(detail).status_code == 200


def test_withdrawn_release_is_gone(client):
    """A withdrawn release answers 410 Gone, in every language, under any slug."""
    make_release("pulled", versions={"fr": READY}, state=PublicationState.WITHDRAWN)
    for lang in ("en", "fr", "es"):
        for slug in ("pulled-en", "pulled-fr"):
            response = client.get(url("newsroom:release-detail", lang, slug=slug))
            assert response.status_code == 410


class TestOutdatedVersions:
    """A ready translation becomes outdated when the original's source text
    changes, and stays public."""

    def make(self):
        return make_release("source", versions={"fr": READY, "es": DRAFT})

    @pytest.mark.parametrize("field", ["title_en", "lead_en", "body_en"])
    def test_source_change_outdates_ready_versions(self, field):
        """Changing the original's title, lead or body outdates ready versions;
        draft ones and the original stay as they were."""
        release = self.make()
        setattr(release, field, "<p>A new text</p>")
        release.save()
        release.refresh_from_db()
        assert release.translation_state("fr") == OUTDATED
        assert release.translation_state("es") == DRAFT
        assert release.translation_state("en") == READY

    def test_other_changes_keep_versions_ready(self):
        """Changing a translation outdates nothing (every translated text of the
        original is source text: tests/admin/test_source_fields.py)."""
        release = self.make()
        release.title_fr = "Changed"
        release.save()
        release.refresh_from_db()
        assert release.translation_state("fr") == READY

    def test_outdated_version_stays_public(self, client):
        """The outdated French version is still the one French visitors read."""
        release = self.make()
        release.title_en = "Retitled"
        release.save()
        assert PressRelease.objects.ready_in("fr").filter(pk=release.pk).exists()
        response = client.get(
            url("newsroom:release-detail", "fr", slug="source-fr"), follow=True
        )
        assert parse(response).xpath("//article/@lang") == ["fr"]

    def test_marking_ready_again_after_the_change(self):
        """Once the translator marks it ready again, it stays ready until the next
        change of the source."""
        release = self.make()
        release.lead_en = "New lead"
        release.save()
        release.set_translation_state("fr", READY)
        release.save()
        release.refresh_from_db()
        assert release.translation_state("fr") == READY


def test_releases_written_in_bulk_are_the_rows_a_save_writes():
    """`make_releases`, for tests that read many releases, writes the row that
    `make_release` saves: the text sanitised, the original's version ready, the
    source digest, the revision, the next reference number, the country rows."""
    fields = {
        "original": "fr",
        "versions": {"en": READY, "es": DRAFT},
        "state": PUBLISHED,
        "publish_at": datetime.datetime(2024, 6, 2, tzinfo=datetime.UTC),
        "countries": ["AZ", "AT"],
        "body_fr": '<p onclick="x()">Texte</p><script>x()</script>',
        "version_state_fr": DRAFT,
    }
    ignored = {"id", "created_at", "updated_at", "embargo_token"}

    def row(release):
        stored = PressRelease.objects.get(pk=release.pk)
        countries = release.country_rows.order_by("country")
        return (
            {
                field.attname: getattr(stored, field.attname)
                for field in PressRelease._meta.concrete_fields
                if field.attname not in ignored
            },
            list(countries.values_list("country", flat=True)),
        )

    make_release(publish_at=datetime.datetime(2024, 6, 1, tzinfo=datetime.UTC))
    saved = make_release("twin", **fields)
    expected = row(saved)
    saved.delete()
    [written] = make_releases(1, name="twin", **fields)
    assert row(written) == expected
    assert expected[0]["reference_serial"] > 1 and expected[1] == ["AT", "AZ"]
    assert "onclick" not in expected[0]["body_fr"]
    assert expected[0]["version_state_fr"] == READY
