"""End to end in Chromium: an editor writes a release in French in the admin, marks
it ready and publishes it; a visitor finds it on /fr/ and, on /es/, reads it in
French under the notice that Spanish is not available."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from newsroom.models import PressRelease

TITLE = "L’OIM ouvre un nouveau bureau"
LEAD = "Le bureau accueillera l’équipe régionale."


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_publishes_a_french_release_that_visitors_find(page):
    """From the admin to the public site, in French, with the Spanish fallback."""
    User.objects.create_superuser("editor", "editor@example.org", "a-long-password")

    page.goto("/admin/login/?next=/admin/newsroom/pressrelease/add/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-password")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/newsroom/pressrelease/add/")

    # Written in French: the form's language switch follows the original.
    page.select_option("#id_original_language", "fr")
    expect(page.locator(".nr-language-switch [aria-pressed=true]")).to_have_text(
        re.compile("^French")
    )
    page.fill("#id_title_fr", TITLE)
    page.fill("#id_lead_fr", LEAD)
    page.fill("#id_dateline_city_fr", "Vienne")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/newsroom/pressrelease/")
    release = PressRelease.objects.get()
    assert release.state == "draft" and release.translation_state("fr") == "missing"

    def run_action(label):
        page.check("input[name=_selected_action]")
        page.select_option("select[name=action]", label=label)
        page.get_by_role("button", name="Go").click()
        page.wait_for_load_state()

    # The original is not marked ready by hand: it is once it goes on.
    run_action("Mark the French version ready")
    expect(
        page.get_by_text("1 item skipped: the original, ready once it is submitted")
    ).to_be_visible()
    # Nobody approved it: the editor publishes anyway, with the reason asked.
    run_action("Publish the selected items")
    page.fill("#id_reason", "No approver in the office today.")
    page.get_by_role("button", name="Yes, go ahead").click()
    expect(page.get_by_text("1 item published.")).to_be_visible()
    expect(page.locator("td.field-languages a")).to_have_text(
        ["EN · Missing", "FR · Ready", "ES · Missing"]
    )

    # A visitor, not signed in.
    page.context.clear_cookies()
    page.goto("/fr/")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(r"/fr/communiques-de-presse/[\w-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("article")).to_have_attribute("lang", "fr")
    expect(page.locator("article .notice")).to_have_count(0)

    page.goto("/es/")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(r"/es/comunicados-de-prensa/[\w-]+/$"))
    expect(page.locator("article")).to_have_attribute("lang", "fr")
    notice = page.locator("article .notice")
    expect(notice).to_have_attribute("lang", "es")
    expect(notice).to_contain_text("no está disponible en su idioma")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
