"""The admin on a laptop and a tablet (1366, 1280 and 1024 CSS pixels wide), in
English, French and Spanish, with the demo's long titles: no list widens the whole
page."""

from urllib.parse import urljoin

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from .editor_fixtures import editor_fixture  # noqa: F401

LANGUAGES = ["en", "fr", "es"]
LAPTOP = {"width": 1366, "height": 900}
TABLET = {"width": 1024, "height": 768}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCROLL_WIDTH = "document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def in_language(page, lang):
    """The admin in `lang` from the next page on, as its language menu sets it."""
    page.context.add_cookies(
        [
            {
                "name": settings.LANGUAGE_COOKIE_NAME,
                "value": lang,
                "url": urljoin(page.url, "/"),
            }
        ]
    )


def test_no_admin_list_scrolls_the_page_sideways_on_a_tablet(editor, demo):
    """At 1024 pixels a list wider than its column scrolls within it: the hidden
    state names of the language badges ("EN · Ready"), drawn out of the flow,
    stay in the list rather than widening the page (the pages' list did by 50
    to 214 pixels)."""
    page = editor
    page.goto(reverse("admin:index"))
    wide = []
    for lang in LANGUAGES:
        in_language(page, lang)
        for name in ("page", "pressrelease", "event"):
            page.set_viewport_size(LAPTOP)
            page.goto(reverse(f"admin:newsroom_{name}_changelist"))
            page.set_viewport_size(TABLET)
            if (overflow := page.evaluate(SCROLL_WIDTH)) > 0:
                wide.append(f"{lang} {name}: {overflow} px")
    assert not wide, "\n".join(wide)
