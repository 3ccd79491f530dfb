"""End-to-end in Chromium: a Spanish journalist searches without accents, narrows
to press releases, pages through them with the filter kept, and opens one."""

import pytest

from tests.factories import make_event, make_release


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_journalist_searches_filters_and_pages(page):
    """The search box finds accented words; the type tab and the pages keep the
    query and the filter; a hit leads to its release."""
    for number in range(12):
        make_release(
            f"votacion{number}",
            original="es",
            body_es="<p>La votación en Ginebra.</p>",
        )
    make_event("asamblea", original="es", description_es="<p>Votación abierta.</p>")
    page.goto("/es/buscar/")
    page.get_by_label("Buscar en los comunicados de prensa").fill("VOTACION")
    page.locator("main").get_by_role("button", name="Buscar").click()
    page.wait_for_url("**/es/buscar/?q=VOTACION*")
    assert page.locator("#search-release").inner_text() == "Comunicados de prensa (12)"
    assert page.locator("#search-event").inner_text() == "Eventos (1)"
    assert page.locator(".search-hit mark").first.inner_text().lower() == "votación"

    page.locator("nav.search-types").get_by_role("link", name="Comunicados").click()
    assert page.locator(".search-hit").count() == 10
    page.get_by_role("link", name="Siguiente").click()
    page.wait_for_url("**page=2*")
    assert "type=release" in page.url and "q=VOTACION" in page.url
    assert page.locator(".search-hit").count() == 2

    page.locator(".search-hit h2 a").first.click()
    page.wait_for_url("**/es/comunicados-de-prensa/votacion*/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("votacion")
