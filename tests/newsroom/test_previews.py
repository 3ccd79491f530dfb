"""Staff previews and the secret embargo link: who may see an item before it is
public, under which banner, and that nothing caches or indexes it."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils import translation

from newsroom.core.publication import PublicationState, VersionState
from newsroom.distribution.models import EmbargoLink
from newsroom.models import PressRelease
from tests.factories import (
    ago,
    ahead,
    make_event,
    make_journalist,
    make_page,
    make_release,
    parse,
    text_of,
)

pytestmark = pytest.mark.django_db

DRAFT = PublicationState.DRAFT


VIEW_PERMISSIONS = ("view_pressrelease", "view_event", "view_page")


@pytest.fixture
def staff(client):
    """A staff member who may view releases, events and pages in the admin."""
    user = User.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="newsroom", codename__in=VIEW_PERMISSIONS
        )
    )
    client.force_login(user)
    return user


def preview_url(name, item, lang):
    with translation.override(lang):
        return reverse(name, kwargs={"pk": item.pk})


def embargo_url(release, lang="en"):
    with translation.override(lang):
        return reverse(
            "newsroom:release-embargo", kwargs={"token": release.embargo_token}
        )


def assert_private(response):
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert response["X-Robots-Tag"] == "noindex"
    robots = parse(response).xpath("//meta[@name='robots']/@content")
    assert robots == ["noindex"]


PREVIEWS = [
    ("newsroom:release-preview", make_release),
    ("newsroom:event-preview", make_event),
    ("newsroom:page-preview", make_page),
]


class TestStaffPreview:
    @pytest.mark.parametrize("name, factory", PREVIEWS)
    def test_staff_without_the_view_permission_are_refused(self, client, name, factory):
        """A staff member without the model's view permission gets 403 on any
        preview, in any language, and never the item's text."""
        user = User.objects.create_user("nobody", password="x", is_staff=True)
        client.force_login(user)
        item = factory("secretdraft", state=DRAFT, versions={"fr": VersionState.DRAFT})
        for lang in ("en", "fr", "es"):
            response = client.get(preview_url(name, item, lang))
            assert response.status_code == 403
            assert b"secretdraft" not in response.content

    def test_the_permission_of_one_model_opens_only_its_previews(self, client):
        """The view permission of releases opens release previews, not events'."""
        user = User.objects.create_user("writer", password="x", is_staff=True)
        user.user_permissions.add(
            Permission.objects.get(codename="change_pressrelease")
        )
        client.force_login(user)
        release = make_release("sketch", state=DRAFT)
        event = make_event("sketchy", state=DRAFT)
        assert client.get(preview_url(PREVIEWS[0][0], release, "en")).status_code == 200
        assert client.get(preview_url(PREVIEWS[1][0], event, "en")).status_code == 403

    @pytest.mark.parametrize("name, factory", PREVIEWS)
    @pytest.mark.parametrize("lang", ["en", "fr", "es"])
    def test_staff_see_any_draft_in_any_language(
        self, client, staff, name, factory, lang
    ):
        """Staff preview a draft in each language: the version written so far,
        under a banner, private and not indexed."""
        item = factory("sketch", state=DRAFT, versions={"fr": VersionState.DRAFT})
        response = client.get(preview_url(name, item, lang))
        assert response.status_code == 200
        assert_private(response)
        tree = parse(response)
        banner = text_of(tree, "//div[@role='status']")
        assert "Preview" in banner or "Aperçu" in banner or "Vista previa" in banner
        shown = "en" if lang == "es" else lang
        assert tree.xpath("//article/@lang") == [shown]
        assert f"sketch title {shown}" in text_of(tree, "//h1")

    @pytest.mark.parametrize("name, factory", PREVIEWS)
    def test_visitors_are_sent_to_the_login(self, client, name, factory):
        """Anonymous visitors and signed-in non-staff users never see a preview."""
        item = factory("secret", state=DRAFT)
        address = preview_url(name, item, "en")
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
        client.force_login(User.objects.create_user("reader", password="x"))
        response = client.get(address)
        assert response.status_code == 302
        assert "secret title" not in response.content.decode()

    def test_preview_links_follow_the_language(self, client, staff):
        """The language switcher of a preview leads to the preview in the other
        languages."""
        release = make_release("sketch", state=DRAFT)
        tree = parse(client.get(preview_url("newsroom:release-preview", release, "en")))
        links = tree.xpath("//nav[@class='language-switcher']//a/@href")
        assert sorted(links) == [
            f"/es/preview/press-release/{release.pk}/",
            f"/fr/preview/press-release/{release.pk}/",
        ]


class TestEmbargoLink:
    @pytest.fixture
    def scheduled(self):
        return make_release("secret", publish_at=ahead(days=2))

    @pytest.mark.parametrize(
        "lang, banner",
        [
            ("en", "EMBARGOED UNTIL"),
            ("fr", "SOUS EMBARGO JUSQU’AU"),
            ("es", "BAJO EMBARGO HASTA EL"),
        ],
    )
    def test_token_holder_reads_before_time(self, client, scheduled, lang, banner):
        """Whoever holds the link reads the release before its time, under an
        embargo banner naming the time and its zone; nothing caches or indexes it."""
        response = client.get(embargo_url(scheduled, lang))
        assert response.status_code == 200
        assert_private(response)
        tree = parse(response)
        notice = text_of(tree, "//p[contains(@class, 'embargo')]")
        assert notice.startswith(banner)
        assert "(Europe/Zurich)" in notice
        assert "secret title en" in text_of(tree, "//h1")

    def test_not_exposed_anywhere_else(self, client, scheduled):
        """Before its time, the release is nowhere public: no detail, list, home or
        search."""
        assert client.get("/en/press-releases/secret-en/").status_code == 404
        for address in ("/en/press-releases/", "/en/", "/en/search/?q=secret"):
            assert "secret title" not in client.get(address).content.decode()

    @pytest.mark.parametrize("token", ["wrong", "x" * 32])
    def test_wrong_token_is_not_found(self, client, scheduled, token):
        """Another token finds nothing."""
        response = client.get(
            reverse("newsroom:release-embargo", kwargs={"token": token})
        )
        assert response.status_code == 404

    @pytest.mark.parametrize(
        "state",
        [PublicationState.DRAFT, PublicationState.REVIEW, PublicationState.WITHDRAWN],
    )
    def test_only_scheduled_releases_open(self, client, scheduled, state):
        """A draft, a release in review or a withdrawn one stays closed, even with
        its token."""
        PressRelease.objects.filter(pk=scheduled.pk).update(state=state)
        assert client.get(embargo_url(scheduled)).status_code == 404

    def test_once_live_the_link_leads_to_the_public_page(self, client, scheduled):
        """After its time, the link redirects to the public release."""
        PressRelease.objects.filter(pk=scheduled.pk).update(
            publish_at=scheduled.created_at
        )
        response = client.get(embargo_url(scheduled))
        assert response.status_code == 302
        assert response["Location"] == "/en/press-releases/secret-en/"

    @pytest.mark.parametrize("personal", [False, True])
    def test_once_expired_the_link_is_gone(self, client, scheduled, personal):
        """A release whose time came and whose expiry passed answers 410 Gone
        by its link, the release's own or a journalist's, as by its public
        address; its text is nowhere on the answer."""
        PressRelease.objects.filter(pk=scheduled.pk).update(
            publish_at=ago(days=2), expires_at=ago(hours=1)
        )
        token = scheduled.embargo_token
        if personal:
            journalist = make_journalist("ana", accredited=True)
            token = EmbargoLink.objects.create(
                release=scheduled, journalist=journalist
            ).token
        response = client.get(
            reverse("newsroom:release-embargo", kwargs={"token": token})
        )
        assert response.status_code == 410
        assert "secret" not in response.content.decode()
        assert client.get("/en/press-releases/secret-en/").status_code == 410

    def test_each_release_has_its_own_token(self, scheduled):
        """Tokens are long, random and distinct."""
        other = make_release("other", publish_at=ahead(days=2))
        assert scheduled.embargo_token != other.embargo_token
        assert len(scheduled.embargo_token) >= 32
