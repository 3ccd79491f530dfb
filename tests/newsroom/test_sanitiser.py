"""Rich text is sanitised on every save: scripts, event handlers, `javascript:`
links and inline styles never reach the database, whether the text comes from code
or from the admin form."""

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from newsroom.core.richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from newsroom.models import PressRelease
from tests.factories import make_event, make_page, make_release, parse

pytestmark = pytest.mark.django_db

HOSTILE = {
    "script": '<p>Before</p><script>alert("script")</script><p>After</p>',
    "event handler": '<p>Photo <img src="x" onerror="alert(\'img\')"></p>',
    "handler on an allowed tag": (
        '<p onclick="alert(1)"><a href="https://example.org" onmouseover="x()">'
        "link</a></p>"
    ),
    "javascript link": "<p><a href=\"javascript:alert('link')\">Click</a></p>",
    "javascript link, obfuscated": (
        '<p><a href="  JaVaScRiPt:alert(1)">Click</a>'
        '<a href="jav&#x09;ascript:alert(1)">Again</a></p>'
    ),
    "data url": '<p><a href="data:text/html,<script>alert(1)</script>">Data</a></p>',
    "inline style": '<p style="position:fixed;top:0">Styled</p>',
    "style element": "<style>body { display: none }</style><p>Visible</p>",
    "iframe": '<iframe src="https://example.org"></iframe><p>Text</p>',
}
KEPT = (
    "<h2>Heading</h2><p><strong>Bold</strong> and <em>italic</em> and "
    '<a href="https://example.org/a?b=c">a link</a>.</p>'
    "<ul><li>One</li></ul><ol><li>Two</li></ol><blockquote><p>Quote</p></blockquote>"
)


def assert_clean(html):
    """Only allowed tags and attributes, no handler, no script text, no unsafe
    link — checked with a real HTML parser."""
    fragment = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
    for element in fragment.iterdescendants():
        assert element.tag in ALLOWED_TAGS, element.tag
        for name, value in element.attrib.items():
            assert name in ALLOWED_ATTRIBUTES.get(element.tag, {"rel"}) | {"rel"}
            if name == "href":
                assert value.split(":")[0].strip().lower() in {
                    "http",
                    "https",
                    "mailto",
                    "tel",
                }
    text = fragment.text_content()
    assert "alert" not in text and "display: none" not in text


FIELDS = [
    (make_release, "body"),
    (make_event, "description"),
    (make_page, "body"),
]


@pytest.mark.parametrize("factory, field", FIELDS, ids=lambda value: str(value))
@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@pytest.mark.parametrize("case", HOSTILE, ids=str)
def test_hostile_markup_is_removed_on_save(factory, field, lang, case):
    """Each hostile construct is stripped from every rich-text field, in every
    language."""
    item = factory()
    setattr(item, f"{field}_{lang}", HOSTILE[case])
    item.save()
    item.refresh_from_db()
    assert_clean(getattr(item, f"{field}_{lang}"))


def test_allowed_markup_is_kept():
    """Paragraphs, headings, emphasis, links, lists and block quotes survive."""
    release = make_release()
    release.body_en = KEPT
    release.save()
    release.refresh_from_db()
    tree = lxml.html.fragment_fromstring(release.body_en, create_parent="div")
    tags = [element.tag for element in tree.iterdescendants()]
    assert tags == ["h2", "p", "strong", "em", "a", "ul", "li", "ol", "li"] + [
        "blockquote",
        "p",
    ]
    assert tree.xpath("//a/@href") == ["https://example.org/a?b=c"]


def test_admin_form_saves_clean_text(client):
    """Text posted through the admin form is stored sanitised, and the public page
    carries none of it."""
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "x"))
    release = make_release("posted")
    change = reverse("admin:newsroom_pressrelease_change", args=[release.pk])
    form = parse(client.get(change)).xpath("//form[@id='pressrelease_form']")[0]
    data = {}
    for name, value in form.form_values():
        if "__prefix__" not in name:
            data.setdefault(name, []).append(value)
    data["body_en"] = ["".join(HOSTILE.values())]
    data["lead_en"] = ['<script>alert("lead")</script>A plain lead']
    response = client.post(change, data)
    assert response.status_code == 302
    release = PressRelease.objects.get(pk=release.pk)
    assert_clean(release.body_en)
    page = client.get("/en/press-releases/posted-en/").content.decode()
    assert "<script>alert" not in page and "onerror" not in page
    assert "javascript:" not in page.lower()


@pytest.mark.parametrize("active", ["fr", "es"])
def test_saving_never_copies_a_text_into_another_language(active):
    """Sanitising on save leaves the languages without a text empty, whatever the
    active language: an English-only body saved while French is active stays
    English-only."""
    from django.utils import translation

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
