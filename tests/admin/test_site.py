"""Every admin page: a favicon of our own, and a language menu (issue 20, trip 12)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from newsroom.core.publication import VersionState
from tests.factories import make_release, parse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/admin/", "/admin/login/"])
def test_admin_names_its_favicon(client, django_user_model, path):
    """The admin names an icon that exists, so the browser does not ask for
    /favicon.ico (a 404)."""
    if path == "/admin/":
        client.force_login(django_user_model.objects.create_superuser("e", "", "x"))
    tree = parse(client.get(path))
    (href,) = tree.xpath("//head/link[@rel='icon']/@href")
    assert href == static("newsroom/favicon.png")
    assert finders.find("newsroom/favicon.png")


def test_admin_language_menu_switches_the_admin_language(editor):
    """The menu posts to Django's set_language; the admin then speaks French,
    whatever the browser asks for."""
    tree = parse(editor.get("/admin/", HTTP_ACCEPT_LANGUAGE="en"))
    (form,) = tree.xpath("//form[@class='nr-admin-language']")
    assert form.get("action") == "/i18n/setlang/"
    options = form.xpath(".//select[@name='language']/option/@value")
    assert options == ["en", "fr", "es"]

    response = editor.post(
        "/i18n/setlang/", {"language": "fr", "next": "/admin/"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/admin/"
    tree = parse(editor.get("/admin/", HTTP_ACCEPT_LANGUAGE="en"))
    assert tree.xpath("/html/@lang") == ["fr"]
    assert tree.xpath("//form[@class='nr-admin-language']//option[@selected]/@value")
    assert "Administration" in tree.xpath("//div[@id='site-name']/a/text()")[0]


def test_change_form_carries_the_stored_version_states(editor):
    """The language switch reads the stored state of each version even where the
    form has no field for it."""
    release = make_release("st", original="es", versions={"en": VersionState.OUTDATED})
    tree = parse(
        editor.get(reverse("admin:newsroom_pressrelease_change", args=[release.pk]))
    )
    (labels,) = tree.xpath("//template[@id='nr-language-switch-labels']")
    states = {span.get("data-state"): span.text for span in labels.iter("span")}
    assert {lang: states.get(lang) for lang in ("en", "fr", "es")} == {
        "en": "outdated",
        "fr": "missing",
        "es": "ready",
    }


# Names that are the same word in English and in the language.
SAME_WORD = {
    "fr": {"Organisation", "Pages", "Photos", "Webhooks"},
    "es": {"Webhooks"},
}


def index_names(client, language):
    client.post("/i18n/setlang/", {"language": language, "next": "/admin/"})
    tree = parse(client.get("/admin/"))
    assert tree.xpath("/html/@lang") == [language]
    return set(
        tree.xpath("//div[@id='content-main']//caption//a/text()")
        + tree.xpath("//div[@id='content-main']//th[@scope='row']//a/text()")
    )


@pytest.mark.parametrize("language", ["fr", "es"])
def test_admin_index_names_every_app_and_model_in_the_language(client, language):
    """The apps of other projects too (two factors, sign-in throttling, the task
    queue's results) are named in the superuser's language, not in the words or
    the labels their packages ship."""
    client.force_login(get_user_model().objects.create_superuser("root", "", "x"))
    english = index_names(client, "en")
    assert {"Authenticator apps", "Recovery codes", "Sign-in protection"} <= english
    assert len(english) > 30
    untranslated = (english & index_names(client, language)) - SAME_WORD[language]
    assert untranslated == set()
