"""A journalist prints a release: one column, no navigation, the page's address."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.public_pages import public_pages


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_release_prints_in_one_column_with_its_address(page, live_server):
    """In print, the header, menu and footer are gone, the contact box stands
    below the text rather than beside it, and the page's URL is written out."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    path = public_pages("en")["release"]
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(path)
    box = page.locator(".contact-box")
    article = page.locator("article.release")
    assert box.bounding_box()["x"] > article.bounding_box()["x"] + 300

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.locator(".share")).to_be_hidden()
    expect(page.locator(".print-url")).to_have_text(live_server.url + path)
    expect(page.locator(".print-url")).to_be_visible()
    assert box.bounding_box()["x"] == article.bounding_box()["x"]
    assert box.bounding_box()["y"] > article.bounding_box()["y"]
