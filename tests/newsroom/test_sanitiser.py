"""Rich text is sanitised on every path that stores it: one table of payloads
(what the allow-list keeps, what it strips, what attackers send) run through each
real path — a model save, a POST of the admin's change form, and the import of a
translator's PO file. Every rich-text field of every model is sanitised on save,
so a new field cannot be forgotten."""

import re
from types import SimpleNamespace

import polib
import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from newsroom.clearance import revisions
from newsroom.core.publication import PublicationState
from newsroom.core.richtext import RichTextField, is_translated_original
from newsroom.models import Event, Page, PressRelease
from organisation.models import OrganisationProfile, Person
from tests.factories import (
    form_data,
    make_event,
    make_page,
    make_release,
    parse,
    shared_rows,
)

pytestmark = pytest.mark.django_db

LANGS = ["en", "fr", "es"]
REL = 'rel="noopener noreferrer"'

# (what was submitted, what is stored); None: stored as submitted.
ALLOWED = {
    "paragraph": ("<p>Text</p>", None),
    "heading 2": ("<h2>Title</h2>", None),
    "heading 3": ("<h3>Subtitle</h3>", None),
    "strong and em": ("<p><strong>bold</strong> <em>italic</em></p>", None),
    "b and i": ("<p><b>bold</b> <i>italic</i></p>", None),
    "line break": ("<p>line<br>break</p>", None),
    "bulleted list": ("<ul><li>one</li><li>two</li></ul>", None),
    "numbered list from 3": ('<ol start="3"><li>three</li></ol>', None),
    "block quote": ("<blockquote><p>Quoted</p></blockquote>", None),
    "link with title and hreflang": (
        '<p><a href="https://www.iom.int/" title="IOM" hreflang="en">IOM</a></p>',
        '<p><a href="https://www.iom.int/" title="IOM" hreflang="en" '
        f"{REL}>IOM</a></p>",
    ),
    "mailto link": (
        '<p><a href="mailto:press@example.org">Press</a></p>',
        f'<p><a href="mailto:press@example.org" {REL}>Press</a></p>',
    ),
    "tel link": (
        '<p><a href="tel:+43158122">Call</a></p>',
        f'<p><a href="tel:+43158122" {REL}>Call</a></p>',
    ),
}
FORBIDDEN = {
    "script": (
        '<p>Before</p><script>alert("script")</script><p>After</p>',
        "<p>Before</p><p>After</p>",
    ),
    "style element": ("<style>p { color: red }</style><p>Text</p>", "<p>Text</p>"),
    "event handler": ('<p onclick="steal()">Text</p>', "<p>Text</p>"),
    "handler on a link": (
        '<p><a href="https://example.org" onmouseover="x()">link</a></p>',
        f'<p><a href="https://example.org" {REL}>link</a></p>',
    ),
    "style, class and id": (
        '<p style="position:fixed" class="big" id="x">Text</p>',
        "<p>Text</p>",
    ),
    "javascript link": (
        "<p><a href=\"javascript:alert('link')\">Link</a></p>",
        f"<p><a {REL}>Link</a></p>",
    ),
    "javascript link, obfuscated": (
        '<p><a href="  JaVaScRiPt:alert(1)">Click</a>'
        '<a href="jav&#x09;ascript:alert(1)">Again</a></p>',
        f"<p><a {REL}>Click</a><a {REL}>Again</a></p>",
    ),
    "data url": (
        '<p><a href="data:text/html;base64,PHNjcmlwdD4=">Link</a></p>',
        f"<p><a {REL}>Link</a></p>",
    ),
    "target and opener": (
        '<p><a href="https://example.org/" target="_blank" rel="opener">Out</a></p>',
        f'<p><a href="https://example.org/" {REL}>Out</a></p>',
    ),
    "image with a handler": (
        '<p><img src="x" onerror="alert(1)">Text</p>',
        "<p>Text</p>",
    ),
    "iframe": (
        '<iframe src="https://example.org/"></iframe><p>Text</p>',
        "<p>Text</p>",
    ),
    "script in svg": ("<svg><script>alert(1)</script></svg><p>Text</p>", "<p>Text</p>"),
    "form": ('<form action="/x"><input name="q"></form><p>Text</p>', "<p>Text</p>"),
    "heading 1": ("<h1>Title</h1>", "Title"),
    "heading 4": ("<h4>Title</h4>", "Title"),
    "underline, strike, code": (
        "<p><u>under</u> <s>struck</s> <code>code</code></p>",
        "<p>under struck code</p>",
    ),
    "span with style": ('<p><span style="color:red">red</span></p>', "<p>red</p>"),
    "table": (
        "<table><tr><td>cell</td></tr></table>",
        "<table><tbody><tr><td>cell</td></tr></tbody></table>",
    ),
    "table header scope": (
        '<table><thead><tr><th scope="col" style="width:9pt">A</th>'
        '<th scope="x" colspan="2">B</th></tr></thead></table>',
        '<table><thead><tr><th scope="col">A</th><th>B</th></tr></thead></table>',
    ),
    "div": ("<div><p>Text</p></div>", "<p>Text</p>"),
    "comment": ("<p>Text</p><!-- a comment -->", "<p>Text</p>"),
    "empty paragraph": ("<p></p>", ""),
}
PAYLOADS = [
    pytest.param(given, given if kept is None else kept, id=name)
    for name, (given, kept) in {**ALLOWED, **FORBIDDEN}.items()
]


# The paths: each stores `given` as a release's body and returns what it stored
# in each language it wrote.


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker, tmp_path_factory):
    """Releases the paths write to, built once for the module (each test's
    writes roll back at its end): "posted", with its change form as the admin
    renders it, "drafted", a draft with its change form too, and "source", of two
    English paragraphs, with the French catalogue `export_translations` writes of
    it."""

    def build():
        client = Client()
        client.force_login(User.objects.create_superuser("editor", "e@example.org"))
        posted = make_release("posted")
        url = reverse("admin:newsroom_pressrelease_change", args=[posted.pk])
        drafted = make_release("drafted", state=PublicationState.DRAFT)
        draft_url = reverse("admin:newsroom_pressrelease_change", args=[drafted.pk])
        source = make_release(
            "source", body_en="<p>The source paragraph.</p><p>A second one.</p>"
        )
        path = tmp_path_factory.mktemp("export") / "content-fr.po"
        call_command("export_translations", "--language", "fr", "-o", str(path))
        return SimpleNamespace(
            posted=posted.pk,
            url=url,
            form=form_data(client.get(url)),
            drafted=drafted.pk,
            draft_url=draft_url,
            draft_form=form_data(client.get(draft_url)),
            source=source.pk,
            catalogue=path.read_text(),
        )

    with shared_rows(django_db_blocker, build) as built:
        yield built


def stored_by_save(request, given):
    """A model save (scripts, the demo loader, any code), in every language."""
    release = make_release(**{f"body_{lang}": given for lang in LANGS})
    release.refresh_from_db()
    return [release.field_in("body", lang) for lang in LANGS]


def stored_by_admin(request, given):
    """A POST of the admin's change form of a draft, with every language's body
    (a draft is saved as posted; a live release's edit takes the working copy's
    way, below)."""
    shared = request.getfixturevalue("shared")
    client = request.getfixturevalue("admin_client")
    data = {**shared.draft_form, **{f"body_{lang}": given for lang in LANGS}}
    response = client.post(shared.draft_url, data)
    assert response.status_code == 302, parse(response).xpath(
        "//ul[@class='errorlist']"
    )
    release = PressRelease.objects.get(pk=shared.drafted)
    return [release.field_in("body", lang) for lang in LANGS]


def stored_by_import(request, given):
    """A translator's PO file through `import_translations`: the payload is the
    French text of the first of two paragraphs."""
    shared = request.getfixturevalue("shared")
    path = request.getfixturevalue("tmp_path") / "content-fr.po"
    po = polib.pofile(shared.catalogue)
    body = f"newsroom.pressrelease:{shared.source}:body"
    po.find(f"{body}:0", by="msgctxt").msgstr = given
    po.find(f"{body}:1", by="msgctxt").msgstr = "Un autre."
    po.save(str(path))

    call_command("import_translations", str(path))

    # The live release's import waits in its working copy: stored once published.
    release = PressRelease.objects.get(pk=shared.source)
    revisions.publish_changes(release)
    release.refresh_from_db()
    return [release.field_in("body", "fr")]


BLOCK_TAG = re.compile(
    r"</?(?:p|h2|h3|ul|ol|li|blockquote|table|caption|thead|tbody|tr|th|td)\b[^>]*>"
)


def as_imported(kept):
    """What an import stores: a segment is inline text, so the paragraph is
    rebuilt around what the allow-list keeps of it, block tags dropped; a segment
    left with no text leaves no empty paragraph."""
    inline = BLOCK_TAG.sub("", kept).strip()
    first = f"<p>{inline}</p>" if re.sub(r"<[^>]*>", "", inline).strip() else ""
    return [first + "<p>Un autre.</p>"]


PATHS = {
    "model save": (stored_by_save, lambda kept: [kept] * len(LANGS)),
    "admin form": (stored_by_admin, lambda kept: [kept] * len(LANGS)),
    "PO import": (stored_by_import, as_imported),
}


# The module's releases are built before the test's own transaction starts.
@pytest.mark.usefixtures("shared")
@pytest.mark.parametrize(("given", "kept"), PAYLOADS)
@pytest.mark.parametrize("path", PATHS)
def test_every_path_stores_what_the_allow_list_keeps(request, path, given, kept):
    """Each payload is stored exactly as the allow-list leaves it, whichever path
    it comes by."""
    store, expected = PATHS[path]

    assert store(request, given) == expected(kept)


HOSTILE = '<p onclick="steal()">Text<script>alert(1)</script></p>'
# Builders of a row of each model that has rich text.
BUILDERS = {
    PressRelease: make_release,
    Event: make_event,
    Page: make_page,
    Person: lambda: Person.objects.create(name="Ana Example", slug="ana-example"),
    OrganisationProfile: lambda: OrganisationProfile.objects.create(
        name="Organisation", acronym="ORG"
    ),
}
RICH_TEXT_MODELS = [
    model
    for model in apps.get_models()
    if any(isinstance(field, RichTextField) for field in model._meta.concrete_fields)
]


def test_every_model_with_rich_text_has_a_builder_here():
    """The check below covers each model that has a rich-text field: a new one
    needs a builder in BUILDERS."""
    assert set(RICH_TEXT_MODELS) <= set(BUILDERS), set(RICH_TEXT_MODELS) - set(BUILDERS)


@pytest.mark.parametrize("model", RICH_TEXT_MODELS, ids=lambda model: model.__name__)
def test_every_rich_text_field_is_sanitised_on_save(model):
    """Every rich-text field of the model, in every language, loses a handler and
    a script when the row is saved."""
    item = BUILDERS[model]()
    fields = [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, RichTextField) and not is_translated_original(item, field)
    ]
    assert fields
    for name in fields:
        setattr(item, name, HOSTILE)
    item.save()
    item.refresh_from_db()
    assert {name: getattr(item, name) for name in fields} == dict.fromkeys(
        fields, "<p>Text</p>"
    )


def test_the_public_page_shows_none_of_a_hostile_post(admin_client, shared):
    """Hostile body and lead posted through the admin form reach no public page."""
    hostile = "".join(given for given, _kept in FORBIDDEN.values())
    data = {
        **shared.form,
        "body_en": hostile,
        "lead_en": '<script>alert("lead")</script>A plain lead',
        "_clearance": "publish_changes",
    }
    assert admin_client.post(shared.url, data).status_code == 302
    page = admin_client.get("/en/press-releases/posted-en/").content.decode()
    assert "<script>alert" not in page and "onerror" not in page
    assert "javascript:" not in page.lower() and "onclick" not in page


@pytest.mark.parametrize("active", ["fr", "es"])
def test_saving_never_copies_a_text_into_another_language(active):
    """Sanitising on save leaves the languages without a text empty, whatever the
    active language: an English-only body saved while French is active stays
    English-only."""
    with translation.override(active):
        release = PressRelease.objects.create(
            original_language="en",
            title_en="Title",
            body_en="<p>English body</p>",
            lead_en="Lead",
        )
        release.save()
    release.refresh_from_db()
    assert release.body_en == "<p>English body</p>"
    assert not release.body_fr
    assert not release.body_es
