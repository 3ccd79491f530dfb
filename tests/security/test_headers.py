"""The security headers: a Content-Security-Policy on every public page that no
inline script could pass (and no page needs one), a compatible policy for the
admin, Permissions-Policy and Referrer-Policy everywhere."""

import pytest
from lxml import html

from tests.factories import parse

pytestmark = pytest.mark.django_db

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
    """The policy of every public page, with no inline code, is checked on the
    leak matrix's answers (test_leak_matrix.py), which fetch every URL of the
    registry in each language once."""

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
