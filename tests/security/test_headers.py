"""The security headers: a Content-Security-Policy on every public page that no
inline script could pass (and no page needs one), a compatible policy for the
admin, Permissions-Policy and Referrer-Policy everywhere."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from lxml import html

from tests.factories import parse

from . import surfaces

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# A script element of one of these types is data, never run (CSP leaves it alone).
DATA_SCRIPTS = {"application/ld+json", "application/json"}


def policy(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    return {
        name: sources
        for name, *sources in (part.split() for part in header.split(";") if part)
    }


def inline_code(document):
    """What of the page a policy without 'unsafe-inline' would block: inline
    scripts, event-handler attributes, javascript: links, inline styles."""
    found = [
        "<script>" + (script.text or "")[:60]
        for script in document.iter("script")
        if not script.get("src") and script.get("type", "") not in DATA_SCRIPTS
    ]
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        found += [
            f"{element.tag} {name}="
            for name, value in element.attrib.items()
            if name.startswith("on")
            or name == "style"
            or value.strip().lower().startswith("javascript:")
        ]
        if element.tag == "style":
            found.append("<style>")
    return found


class TestPublicPages:
    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_every_public_page_has_a_strict_policy_and_no_inline_code(
        self, world, lang
    ):
        """Every URL of the leak matrix's registry, in `lang`: the policy allows
        scripts and styles from the site only (no 'unsafe-inline'), and an HTML
        page has no inline script, handler or style that it would block."""
        client = Client()
        with translation.override(lang):
            urls = [url for s in surfaces.SURFACES.values() for url in s.urls(world)]
        problems, pages = [], 0
        for url in urls:
            response = client.get(url)
            directives = policy(response)
            for directive in ("script-src", "style-src"):
                if directives[directive] != ["'self'"]:
                    problems.append(f"{url}: {directive} {directives[directive]}")
            assert directives["object-src"] == ["'none'"]
            assert directives["frame-ancestors"] == ["'none'"]
            assert "camera=()" in response["Permissions-Policy"]
            assert response["Referrer-Policy"] == "same-origin"
            if response.status_code == 200 and "html" in response["Content-Type"]:
                pages += 1
                problems += [
                    f"{url}: {found}" for found in inline_code(parse(response))
                ]
        assert not problems, "\n".join(problems)
        assert pages >= 20

    def test_the_inline_check_finds_inline_code(self):
        """The check itself, on a page with each kind of inline code."""
        document = html.fromstring(
            '<html><body><script>alert(1)</script><a href="javascript:x()">a</a>'
            '<p style="color:red" onclick="x()">p</p><style>p{}</style>'
            '<script type="application/ld+json">{}</script>'
            '<script src="/static/a.js"></script></body></html>'
        )
        assert len(inline_code(document)) == 5

    def test_error_pages_have_the_policy(self, client):
        response = client.get("/en/no-such-page/")
        assert response.status_code == 404
        assert policy(response)["script-src"] == ["'self'"]


def test_the_admin_allows_inline_styles_and_the_editors_import_map_only(
    admin_client,
):
    """The admin's policy adds inline styles, blob: images and the hash of the
    rich-text editor's import map, never 'unsafe-inline' scripts."""
    response = admin_client.get("/admin/newsroom/pressrelease/add/")
    assert response.status_code == 200
    directives = policy(response)
    assert "'unsafe-inline'" in directives["style-src"]
    assert "'unsafe-inline'" not in directives["script-src"]
    import_maps = parse(response).xpath('//script[@type="importmap"]')
    assert import_maps
    hashes = [source for source in directives["script-src"] if "sha256-" in source]
    assert len(hashes) == len(import_maps)
    assert "blob:" in directives["img-src"]
