"""The admin's rich-text editor: it offers what the one allow-list keeps, in every
language tab, from our own static files. What each path stores is in
tests/newsroom/test_sanitiser.py."""

import json
from urllib.parse import urlsplit

import lxml.html
import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions
from django_prose_editor.widgets import AdminProseEditorWidget

from newsroom.core.richtext import (
    ALLOWED_TAGS,
    EDITOR_EXTENSIONS,
    RichTextField,
    is_translated_original,
)

LANGS = ["en", "fr", "es"]
# Every translated rich-text field of every model, e.g. (PressRelease, "body").
RICH_FIELDS = [
    (model, field.name)
    for model in apps.get_models()
    for field in model._meta.concrete_fields
    if isinstance(field, RichTextField) and is_translated_original(model(), field)
]


@pytest.fixture
def admin_request(rf, django_user_model):
    request = rf.get("/admin/")
    request.user = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", None
    )
    return request


def admin_form(model, request):
    return admin.site._registry[model].get_form(request)


def test_the_editor_offers_exactly_the_allowed_tags():
    """What the editor can write is what the allow-list keeps (plus <b> and <i>,
    kept for imported HTML, and a table's <caption>, kept for pasted ones)."""
    editor_tags = allowlist_from_extensions(EDITOR_EXTENSIONS)["tags"]

    assert editor_tags == ALLOWED_TAGS - {"b", "i", "caption"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "field"), RICH_FIELDS, ids=lambda value: getattr(value, "__name__", value)
)
def test_every_language_tab_has_the_editor(admin_request, model, field):
    """The body fields of every language use the rich-text editor in the admin."""
    form = admin_form(model, admin_request)

    for lang in LANGS:
        widget = form.base_fields[f"{field}_{lang}"].widget
        assert isinstance(widget, AdminProseEditorWidget), lang


@pytest.mark.django_db
def test_the_editor_is_served_from_our_static_files(admin_client):
    """The release form loads the editor and the tabs from our site, no CDN, and
    configures one editor per language with the allowed extensions only."""
    response = admin_client.get(reverse("admin:newsroom_pressrelease_add"))
    html = lxml.html.fromstring(response.content)

    assets = [
        *html.xpath("//script/@src"),
        *html.xpath("//link[@rel='stylesheet']/@href"),
        *[
            value
            for script in html.xpath("//script[@type='importmap']/text()")
            for value in script.split('"')
            if value.endswith(".js")
        ],
    ]
    assert any("django_prose_editor/editor" in asset for asset in assets)
    # Every script and style sheet comes from this site: no scheme, no host.
    assert all(asset.startswith("/") and not urlsplit(asset).netloc for asset in assets)
    editors = html.xpath("//textarea[@data-django-prose-editor-configurable]")
    assert sorted(editor.get("name") for editor in editors) == sorted(
        f"{field}_{lang}" for field in ("body", "notes_to_editors") for lang in LANGS
    )
    for editor in editors:
        config = editor.get("data-django-prose-editor-configurable")
        assert '"Heading":{"levels":[2,3]}' in config
        assert '"Link":{"enableTarget":false}' in config
        assert '"Table":true' in config and "Image" not in config


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("en", {"Edit Link": "Edit Link", "editor-button\x04bold": "bold"}),
        ("fr", {"Edit Link": "Modifier le lien", "editor-button\x04bold": "Gras"}),
        ("es", {"Edit Link": "Editar el enlace", "editor-button\x04bold": "Negrita"}),
    ],
)
def test_the_form_loads_the_editor_s_texts_in_the_admin_s_language(
    admin_client, settings, lang, texts
):
    """The release form loads the catalogue of the editor's texts, which adds them
    to the admin's JavaScript catalogue in the admin's language, English as the
    library writes it (tests/e2e/test_editor_language.py shows them in Chromium)."""
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    form = lxml.html.fromstring(
        admin_client.get(reverse("admin:newsroom_pressrelease_add")).content
    )
    assert reverse("editor-texts") in form.xpath("//script/@src")

    script = admin_client.get(reverse("editor-texts")).content.decode()
    added = script.split("const newcatalog = ", 1)[1].split(";\n", 1)[0]
    catalogue = json.loads(added)
    assert texts.items() <= catalogue.items()
    assert catalogue["editor-button\x04heading2"].endswith(" 2")
