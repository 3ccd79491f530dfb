"""In a real browser, the Content-Security-Policy blocks nothing the site needs:
the public pages and the admin's release form (rich-text editor, language tabs,
photo picker) run without a single violation, and the second factor's setup page
shows its QR code."""

import pytest

from tests.factories import make_release

from .editor_fixtures import editor_fixture, release_fixture  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def violations(page):
    """Collects the browser's reports of blocked content on `page`."""
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return found


def test_the_admin_release_form_runs_under_the_policy(editor, release):
    found = violations(editor)
    editor.goto(f"/admin/newsroom/pressrelease/{release.pk}/change/")
    editable = editor.locator(".ProseMirror[contenteditable=true]").first
    editable.wait_for()
    editor.goto("/admin/newsroom/photo/add/")
    editor.wait_for_load_state("networkidle")
    assert found == []


def test_public_pages_run_under_the_policy(page):
    release = make_release("under-policy")
    found = violations(page)
    for url in ("/en/", release.get_absolute_url(), "/fr/recherche/?q=policy"):
        response = page.goto(url)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    assert found == []


def test_the_second_factor_setup_shows_its_qr_code(editor, settings):
    settings.NEWSROOM_STAFF_2FA = True
    found = violations(editor)
    editor.goto("/admin/")
    editor.wait_for_url("**/admin/two-factor/setup/**")
    qr = editor.locator("img[src^='data:image/svg+xml']")
    assert qr.evaluate("image => image.complete && image.naturalWidth > 0")
    assert found == []
