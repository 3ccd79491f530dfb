"""The admin on a laptop and a tablet (1366, 1280 and 1024 CSS pixels wide), in
English, French and Spanish, with the demo's long titles: no list widens the whole
page, every text field of a form shows its right edge, and the buttons above a
list or a form (Add, History) never cover the page's title or the item's name."""

from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from newsroom.models import Event, PressRelease

from .editor_fixtures import editor_fixture  # noqa: F401

LANGUAGES = ["en", "fr", "es"]
LAPTOP = {"width": 1366, "height": 900}
SMALL_LAPTOP = {"width": 1280, "height": 800}
TABLET = {"width": 1024, "height": 768}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCROLL_WIDTH = "document.documentElement.scrollWidth - window.innerWidth"

# The form rows whose content is wider than the row (Django's admin clips it):
# the field's name and how many pixels are hidden.
CLIPPED_ROWS = """() => [...document.querySelectorAll(".form-row")]
    .filter(row => row.getBoundingClientRect().width > 0
        && row.scrollWidth > row.clientWidth + 1)
    .map(row => `${row.className}: ${row.scrollWidth - row.clientWidth} px`)"""

# The lines of the page's title (h1) and of the item's name (h2 under it) that a
# button of the object tools covers (a page without the buttons proves nothing).
COVERED_TITLES = """() => {
    const buttons = [...document.querySelectorAll(".object-tools a")]
        .map(a => a.getBoundingClientRect());
    if (!buttons.length) return ["no button to check"];
    const covered = [];
    for (const heading of document.querySelectorAll("#content > h1, #content > h2")) {
        const range = document.createRange();
        range.selectNodeContents(heading);
        for (const line of range.getClientRects())
            for (const button of buttons)
                if (line.right > button.left && line.left < button.right
                    && line.bottom > button.top && line.top < button.bottom)
                    covered.push(heading.textContent.trim().slice(0, 50));
    }
    return covered;
}"""


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


def found_in_each_language(page, paths, sizes, script):
    """What `script` finds on each of `paths`, in each language, at each of
    `sizes`: each page loaded on a laptop, then its window resized."""
    found = []
    for lang in LANGUAGES:
        in_language(page, lang)
        for path in paths:
            page.set_viewport_size(LAPTOP)
            page.goto(path)
            for size in sizes:
                page.set_viewport_size(size)
                found += [
                    f"{size['width']} {lang} {path}: {thing}"
                    for thing in page.evaluate(script)
                ]
    return found


def baku_release():
    return PressRelease.objects.get(
        slug_en="regional-director-baku-summit-iom-non-aligned-movement"
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


def test_every_text_field_of_a_form_shows_whole_on_a_tablet(editor, demo):
    """At 1024 pixels the text fields sized for their longest value (a title, a
    slug, an email address) are as wide as the row leaves them beside their
    label: no row hides a field's end, which ran 86 to 160 pixels past it."""
    page = editor
    page.goto(reverse("admin:index"))
    forms = [
        reverse("admin:newsroom_pressrelease_change", args=[baku_release().pk]),
        reverse("admin:newsroom_event_change", args=[Event.objects.first().pk]),
        reverse("admin:newsroom_page_add"),
        reverse("admin:newsroom_mediacontact_add"),
        reverse("admin:organisation_office_add"),
        reverse("admin:organisation_person_add"),
    ]
    clipped = found_in_each_language(page, forms, (SMALL_LAPTOP, TABLET), CLIPPED_ROWS)
    assert not clipped, "\n".join(clipped)


def test_the_object_tools_never_cover_a_title(editor, demo):
    """The History button sat on the last words of the Baku release's name at
    every width, and of an event's or a photo's on a tablet (a photo's in French
    and Spanish on a laptop too); at 1024 pixels "Add press release" sat on
    "Sélectionnez l'objet communiqué de presse à changer", and the translation
    dashboard's three buttons on its title. The buttons now stand below an item's
    name, beside the page's title on a laptop, on a row of their own on a
    tablet."""
    page = editor
    page.goto(reverse("admin:index"))
    release = baku_release()
    paths = [
        reverse("admin:newsroom_pressrelease_changelist"),
        reverse("admin:newsroom_pressrelease_change", args=[release.pk]),
        reverse("admin:newsroom_event_change", args=[Event.objects.first().pk]),
        reverse("admin:newsroom_photo_change", args=[release.main_photo_id]),
        reverse("admin:distribution_journalist_changelist"),
        reverse("translations:dashboard"),
    ]
    covered = found_in_each_language(
        page, paths, (LAPTOP, SMALL_LAPTOP, TABLET), COVERED_TITLES
    )
    assert not covered, "\n".join(covered)


# How many pixels of each list's table its box hides (it scrolls within it).
HIDDEN_COLUMNS = """() => [...document.querySelectorAll("#changelist .results")]
    .filter(box => box.scrollWidth > box.clientWidth + 1)
    .map(box => `${box.scrollWidth - box.clientWidth} px hidden`)"""


def test_every_column_of_the_lists_shows_on_a_laptop(editor, demo):
    """At 1366 and 1280 pixels the release, event and page lists show every
    column whole: the release list hid its last one, "Changes waiting", by 136
    pixels in English and 294 in French."""
    page = editor
    page.goto(reverse("admin:index"))
    lists = [
        reverse(f"admin:newsroom_{name}_changelist")
        for name in ("pressrelease", "event", "page")
    ]
    hidden = found_in_each_language(page, lists, (LAPTOP, SMALL_LAPTOP), HIDDEN_COLUMNS)
    assert not hidden, "\n".join(hidden)


# The chosen values of the autocomplete fields that end hidden in their box.
CUT_CHOICES = """() => [...document.querySelectorAll(
        ".select2-selection__rendered, .select2-selection__choice")]
    .filter(choice => choice.textContent.trim()
        && choice.scrollWidth > choice.clientWidth + 1)
    .map(choice => `"${choice.textContent.trim().slice(0, 40)}…" cut by `
        + `${choice.scrollWidth - choice.clientWidth} px`)"""


def test_a_chosen_office_shows_its_whole_name(editor, demo):
    """An autocomplete field shows the whole of a long choice: the Baku
    release's issuing office ended at "Bureau régional pour l'Europe du
    Sud-Es…" (207 pixels hidden in French at every width)."""
    page = editor
    page.goto(reverse("admin:index"))
    form = reverse("admin:newsroom_pressrelease_change", args=[baku_release().pk])
    cut = found_in_each_language(page, [form], (LAPTOP, TABLET), CUT_CHOICES)
    assert not cut, "\n".join(cut)


def test_the_language_badges_of_the_lists_keep_their_contrast(editor, demo):
    """axe-core finds no text under 4.5:1 in the release and event lists, in
    every language: the language badges, links, took Django's link blue, 4.2:1
    on the green of a ready version."""
    page = editor
    page.context.add_init_script(script=Axe().axe_script)
    page.goto(reverse("admin:index"))
    found = []
    for lang in LANGUAGES:
        in_language(page, lang)
        for name in ("pressrelease", "event"):
            page.goto(reverse(f"admin:newsroom_{name}_changelist"))
            assert page.locator("a.nr-badge").count() >= 3
            results = page.evaluate("axe.run({runOnly: ['color-contrast']})")
            found += [
                f"{lang} {name}: {node['html'][:80]}"
                for rule in results["violations"]
                for node in rule["nodes"]
            ]
    assert not found, "\n".join(found)
