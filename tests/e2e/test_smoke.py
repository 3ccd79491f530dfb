"""End-to-end smoke test in Chromium: a French visitor finds the structure page and
switches to Spanish."""

import pytest
from playwright.sync_api import expect

from newsroom.demo import organisation as demo


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_french_visitor_reaches_the_structure_and_switches_to_spanish(page):
    """From /fr/, the navigation leads to the structure; the switcher to Spanish."""
    demo.load()
    page.goto("/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    page.locator("header nav.main-nav").get_by_role(
        "link", name="Qui sommes-nous"
    ).click()
    page.wait_for_url("**/fr/qui-sommes-nous/")
    page.get_by_role("link", name="Voir la structure organisationnelle").click()
    page.wait_for_url("**/fr/qui-sommes-nous/structure/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Structure organisationnelle"
    )
    expect(page.get_by_text("Directrice générale", exact=True)).to_be_visible()

    page.locator("nav.language-switcher").get_by_role("link", name="español").click()
    page.wait_for_url("**/es/quienes-somos/estructura/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Estructura organizativa")
    expect(page.get_by_text("Directora General", exact=True)).to_be_visible()
