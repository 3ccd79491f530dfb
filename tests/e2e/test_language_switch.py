"""End to end in Chromium: the form's language switch speaks the admin's language,
and says so to a screen reader."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .editor_fixtures import editor_fixture, release_fixture  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each button's label and the language it is marked up in: that of the nearest
# element with a lang attribute, itself included.
BUTTONS = """() => [...document.querySelectorAll(".nr-language-switch button")]
    .map(button => [button.firstChild.textContent.trim(),
                    button.closest("[lang]").lang])"""


def test_the_switch_labels_are_in_the_admin_s_language(editor, release, live_server):
    """In the French admin the buttons read "anglais", "français", "espagnol":
    French words, marked up as French, so a screen reader does not read them
    with an English or a Spanish voice."""
    page = editor
    page.context.add_cookies(
        [{"name": "django_language", "value": "fr", "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/admin/newsroom/pressrelease/{release.pk}/change/")
    assert page.evaluate(BUTTONS) == [
        ["anglais", "fr"],
        ["français", "fr"],
        ["espagnol", "fr"],
    ]


def test_the_chosen_language_reads_against_its_background(editor, release):
    """axe-core finds no contrast failure in the switch, on a laptop and on a
    phone: the chosen language's white name on the admin's light blue read at
    2.4:1, under WCAG's 4.5:1."""
    page = editor
    page.context.add_init_script(script=Axe().axe_script)
    page.goto(f"/admin/newsroom/pressrelease/{release.pk}/change/")
    failures = []
    for size in ({"width": 1366, "height": 900}, {"width": 360, "height": 740}):
        page.set_viewport_size(size)
        results = page.evaluate(
            """() => axe.run(".nr-language-switch", {
                runOnly: ["color-contrast"], resultTypes: ["violations"]})"""
        )
        failures += [
            f"{size['width']}: {' '.join(node['target'])} {node['any'][0]['message']}"
            for rule in results["violations"]
            for node in rule["nodes"]
        ]
    assert not failures, "\n".join(failures)
