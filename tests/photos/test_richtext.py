"""Rich text: the admin's editor offers what the one allow-list keeps; the admin
form and every save keep each allowed construct and strip each forbidden one."""

from urllib.parse import urlsplit

import lxml.html
import pytest
from django.contrib import admin
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions
from django_prose_editor.widgets import AdminProseEditorWidget

from newsroom.core.richtext import ALLOWED_TAGS, EDITOR_EXTENSIONS
from newsroom.models import Event, Page, PressRelease
from organisation.models import Person

LANGS = ["en", "fr", "es"]
REL = 'rel="noopener noreferrer"'

# (what was submitted, what is stored)
ALLOWED = [
    ("<p>Text</p>", "<p>Text</p>"),
    ("<h2>Title</h2>", "<h2>Title</h2>"),
    ("<h3>Subtitle</h3>", "<h3>Subtitle</h3>"),
    ("<p><strong>bold</strong> <em>italic</em></p>", None),
    ("<p><b>bold</b> <i>italic</i></p>", None),
    ("<p>line<br>break</p>", None),
    ("<ul><li>one</li><li>two</li></ul>", None),
    ('<ol start="3"><li>three</li></ol>', None),
    ("<blockquote><p>Quoted</p></blockquote>", None),
    (
        '<p><a href="https://www.iom.int/" title="IOM" hreflang="en">IOM</a></p>',
        '<p><a href="https://www.iom.int/" title="IOM" hreflang="en" '
        f"{REL}>IOM</a></p>",
    ),
    (
        '<p><a href="mailto:press@example.org">Press</a></p>',
        f'<p><a href="mailto:press@example.org" {REL}>Press</a></p>',
    ),
    (
        '<p><a href="tel:+43158122">Call</a></p>',
        f'<p><a href="tel:+43158122" {REL}>Call</a></p>',
    ),
]
FORBIDDEN = [
    ("<script>alert(1)</script><p>Text</p>", "<p>Text</p>"),
    ("<style>p { color: red }</style><p>Text</p>", "<p>Text</p>"),
    ('<p onclick="steal()">Text</p>', "<p>Text</p>"),
    ('<p style="color: red" class="big" id="x">Text</p>', "<p>Text</p>"),
    ('<p><a href="javascript:alert(1)">Link</a></p>', f"<p><a {REL}>Link</a></p>"),
    (
        '<p><a href="data:text/html;base64,PHNjcmlwdD4=">Link</a></p>',
        f"<p><a {REL}>Link</a></p>",
    ),
    (
        '<p><a href="https://example.org/" target="_blank" rel="opener">Out</a></p>',
        f'<p><a href="https://example.org/" {REL}>Out</a></p>',
    ),
    ('<p><img src="x" onerror="alert(1)">Text</p>', "<p>Text</p>"),
    ('<iframe src="https://example.org/"></iframe><p>Text</p>', "<p>Text</p>"),
    ("<svg><script>alert(1)</script></svg><p>Text</p>", "<p>Text</p>"),
    ('<form action="/x"><input name="q"></form><p>Text</p>', "<p>Text</p>"),
    ("<h1>Title</h1>", "Title"),
    ("<h4>Title</h4>", "Title"),
    ("<p><u>under</u> <s>struck</s> <code>code</code></p>", "<p>under struck code</p>"),
    ('<p><span style="color:red">red</span></p>', "<p>red</p>"),
    ("<table><tr><td>cell</td></tr></table>", "cell"),
    ("<div><p>Text</p></div>", "<p>Text</p>"),
    ("<p>Text</p><!-- a comment -->", "<p>Text</p>"),
    ("<p></p>", ""),
]
TABLE = [
    pytest.param(given, given if kept is None else kept, id=f"allowed-{index}")
    for index, (given, kept) in enumerate(ALLOWED)
] + [
    pytest.param(given, kept, id=f"forbidden-{index}")
    for index, (given, kept) in enumerate(FORBIDDEN)
]
RICH_FIELDS = [
    (PressRelease, "body"),
    (Event, "description"),
    (Page, "body"),
    (Person, "biography"),
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
    kept for imported HTML)."""
    editor_tags = allowlist_from_extensions(EDITOR_EXTENSIONS)["tags"]

    assert editor_tags == ALLOWED_TAGS - {"b", "i"}


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "field"), RICH_FIELDS)
def test_every_language_tab_has_the_editor(admin_request, model, field):
    """The body fields of every language use the rich-text editor in the admin."""
    form = admin_form(model, admin_request)

    for lang in LANGS:
        widget = form.base_fields[f"{field}_{lang}"].widget
        assert isinstance(widget, AdminProseEditorWidget), lang


@pytest.mark.django_db
@pytest.mark.parametrize(("given", "kept"), TABLE)
def test_the_admin_form_applies_the_allow_list(admin_request, given, kept):
    """The release admin form cleans every language's body with the allow-list."""
    form = admin_form(PressRelease, admin_request)

    for lang in LANGS:
        assert form.base_fields[f"body_{lang}"].clean(given) == kept, lang


@pytest.mark.django_db
@pytest.mark.parametrize(("given", "kept"), TABLE)
@pytest.mark.parametrize("lang", LANGS)
def test_saving_applies_the_allow_list(given, kept, lang):
    """Every save path (imports, scripts, admin) stores sanitised HTML."""
    page = Page.objects.create(
        title_en="Who we are", original_language="en", **{f"body_{lang}": given}
    )

    page.refresh_from_db()
    assert page.field_in("body", lang) == kept


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
        f"body_{lang}" for lang in LANGS
    )
    for editor in editors:
        config = editor.get("data-django-prose-editor-configurable")
        assert '"Heading":{"levels":[2,3]}' in config
        assert '"Link":{"enableTarget":false}' in config
        assert "Table" not in config and "Image" not in config
