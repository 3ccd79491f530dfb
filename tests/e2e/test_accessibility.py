"""Accessibility and reflow, proven in Chromium over every public page type in
English, French and Spanish: axe-core (WCAG 2.2 A and AA and its best practices,
heading order included) finds no violation; no page scrolls sideways on a 320 or
390 pixel wide screen (WCAG 1.4.10); the focus ring keeps 3:1 against the
background it is drawn on (WCAG 1.4.11); every filter shows its chosen option
whole on a laptop and a tablet ("Toutes les régions" was cut off); a release's
lead cut short in the list can be read whole."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from newsroom.models import Quote, Video
from tests.e2e.public_pages import public_pages
from tests.factories import make_contact, make_release

LANGUAGES = ["en", "fr", "es"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def with_axe(page):
    """The page, with axe-core loaded into each document it opens, before the
    document's own scripts (sent to the browser once, not with every check)."""
    page.context.add_init_script(script=Axe().axe_script)
    return page


def violations(page):
    results = page.evaluate("axe.run({resultTypes: ['violations']})")
    return [
        f"{page.url} [{rule['id']}] {rule['help']}: "
        + "; ".join(" ".join(node["target"]) for node in rule["nodes"][:3])
        for rule in results["violations"]
    ]


SCROLL_WIDTH = "document.documentElement.scrollWidth - window.innerWidth"

LAPTOP = {"width": 1366, "height": 900}
TABLET = {"width": 1024, "height": 900}
PHONE = {"width": 390, "height": 844}
PHONE_WIDTHS = (320, 390)


CONTRAST = """element => {
    const rgb = value => value.match(/[\\d.]+/g).slice(0, 4).map(Number);
    const luminance = ([r, g, b]) => {
        const channel = c => {
            c /= 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    let node = element.parentElement, background = [255, 255, 255];
    while (node) {
        const color = rgb(getComputedStyle(node).backgroundColor);
        if (color.length < 4 || color[3] > 0) { background = color; break; }
        node = node.parentElement;
    }
    const style = getComputedStyle(element);
    if (style.outlineStyle === "none" || parseFloat(style.outlineWidth) < 2) return 0;
    const [a, b] = [luminance(rgb(style.outlineColor)), luminance(background)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


# The filters whose chosen option does not show whole: its text, measured in the
# select's font, wider than the select's content box less Chromium's arrow (20 px).
CUT_OFF_SELECTS = """() => [...document.querySelectorAll("select")].filter(select => {
    const style = getComputedStyle(select);
    const context = document.createElement("canvas").getContext("2d");
    context.font = style.font;
    const text = select.options[select.selectedIndex].text;
    const room = select.clientWidth - parseFloat(style.paddingLeft)
        - parseFloat(style.paddingRight) - 20;
    return context.measureText(text).width > room;
}).map(select => `${select.name}: ${select.options[select.selectedIndex].text}`)"""


def weak_focus_rings(page):
    """Tab through the page from its start: (how many elements took the focus,
    [(element, ratio)] of those whose outline is under 2 px or under 3:1 against
    the background behind it)."""
    weak, seen = [], 0
    for seen in range(1, 100):  # noqa: B007
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        if page.evaluate("e => e === document.body", focused):
            break  # past the last link
        ratio = page.evaluate(CONTRAST, focused)
        if ratio < 3:
            weak.append(
                (page.evaluate("e => e.outerHTML.slice(0, 80)", focused), ratio)
            )
    return seen, weak


def test_every_page_passes_axe_and_fits_a_phone_in_every_language(page, demo):
    """axe-core reports nothing on any page type in every language on a laptop,
    and in English on a phone (where the menu and the filters fold); at 320 and
    390 CSS pixels every page fits its width, menu open or not. Tabbing through
    the English release page on a laptop (header, body, contact box, footer), each
    focused element has an outline of 2 px or more at 3:1 or more against the
    background behind it. At 1366 and 1024 pixels, every select shows its chosen
    option whole. Each page is loaded once: the window is resized around
    it (the layout follows the width, as on a phone turned or a window dragged; no
    script of the site reads it)."""
    page = with_axe(page)
    found, overflowing, cut_off, tabbed, weak = [], [], [], 0, []

    def check_fits(where):
        for width in PHONE_WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            if page.evaluate(SCROLL_WIDTH) > 0:
                overflowing.append(f"{width} {where}")

    for lang in LANGUAGES:
        for name, path in public_pages(lang).items():
            page.set_viewport_size(LAPTOP)
            page.goto(path)
            found += violations(page)
            for size in (LAPTOP, TABLET):
                page.set_viewport_size(size)
                cut_off += [
                    f"{size['width']} {lang} {name} {select}"
                    for select in page.evaluate(CUT_OFF_SELECTS)
                ]
            if (lang, name) == ("en", "release"):
                tabbed, weak = weak_focus_rings(page)
            if lang == "en":
                page.set_viewport_size(PHONE)
                found += violations(page)
            check_fits(f"{lang} {name} {path}")
            page.locator(".menu > summary").click()
            check_fits(f"{lang} {name} {path} (menu open)")
    assert not found, "\n".join(found)
    assert not overflowing, "\n".join(overflowing)
    assert not cut_off, "\n".join(cut_off)
    assert tabbed > 20 and weak == []


WIDE_TABLE = (
    "<table><caption>Offices in the region</caption><tbody><tr>"
    + "".join(
        f"<th scope='col'>{name}</th>"
        for name in (
            "Region",
            "Country offices",
            "Staff",
            "Displaced persons assisted",
            "Returns supported",
            "Budget (USD)",
        )
    )
    + "</tr><tr>"
    + "".join(
        f"<td>{value}</td>"
        for value in (
            "Sub-Saharan Africa",
            "48",
            "3,215",
            "1,204,530",
            "86,377",
            "412,600,000",
        )
    )
    + "</tr></tbody></table>"
)


# Whether the table cell holding exactly this text shows it on one line.
ONE_LINE = """text => {
    const cell = [...document.querySelectorAll("td")].find(
        td => td.textContent === text);
    const range = document.createRange();
    range.selectNodeContents(cell);
    return range.getClientRects().length === 1;
}"""


def test_a_wide_table_a_quote_and_a_played_video_fit_a_phone(page):
    """A release body with a six-column table, a quote and a video whose player
    has been started: at 320 and 390 CSS pixels the page does not scroll
    sideways (the table scrolls within the column, a table still, its figures
    whole), and the quote and the player use the column's width; a link at the
    top leads to the media contacts, below the text on a phone."""
    release = make_release(
        "figures", body_en=f"<p>Figures.</p>{WIDE_TABLE}", contacts=[make_contact()]
    )
    Quote.objects.create(release=release, text_en="Every figure is a person.")
    Video.objects.create(release=release, url="https://vimeo.com/76979871")
    page.goto(release.get_absolute_url())
    page.locator("button[data-embed-src]").click()
    assert page.locator(".player iframe").count() == 1
    for width in PHONE_WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate(SCROLL_WIDTH) <= 0, width
        # The table scrolls by itself, still a table, its figures whole.
        table = page.locator(".release .body table")
        assert table.evaluate("t => t.scrollWidth > t.clientWidth")
        assert page.get_by_role("table").get_by_role("columnheader").count() == 6
        assert page.evaluate(ONE_LINE, "412,600,000")
        column = page.locator(".release .body").bounding_box()["width"]
        for part in ("figure.quote blockquote", ".player iframe"):
            assert page.locator(part).bounding_box()["width"] > 0.85 * column, part
    # Below the text on a phone, the media contacts are a tap away from its top.
    page.set_viewport_size({"width": 390, "height": 500})
    page.evaluate("window.scrollTo(0, 0)")
    heading = page.locator("#media-contacts-heading")
    expect(heading).not_to_be_in_viewport()
    jump = page.get_by_role("link", name="Media contacts for this release")
    jump.click()
    expect(heading).to_be_in_viewport()
    page.set_viewport_size(LAPTOP)
    assert not jump.is_visible()  # the box is beside the text


LONG_LEAD = (
    "The Regional Director spoke at the summit in Baku on the links between "
    "migration, climate change and the 2030 Agenda, before ministers, mayors and "
    "partners from forty member states, and called for regular pathways for "
    "people displaced by disasters, for data shared between countries, and for "
    "the voices of migrants and of the communities that receive them."
)


@pytest.mark.parametrize("width", [360, 1280])
def test_a_lead_cut_short_in_the_list_can_be_read_whole(page, width):
    """The release list cuts a long lead at four lines: the card a keyboard is
    in shows it whole, and so does the lead under the pointer, on a phone and on
    a laptop."""
    make_release("long", lead_en=LONG_LEAD)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(reverse("newsroom:release-list"))
    card = page.locator(".release-card")
    lead = card.locator(".summary")
    is_cut = "lead => lead.scrollHeight > lead.clientHeight"
    assert lead.evaluate(is_cut)
    card.get_by_role("link").first.focus()
    assert not lead.evaluate(is_cut)
    page.locator("#header-q").focus()
    assert lead.evaluate(is_cut)
    lead.hover()
    assert not lead.evaluate(is_cut)
