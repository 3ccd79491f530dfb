"""The admin on a phone (360 × 740 CSS pixels), in English, French and Spanish,
where an approver clears an urgent release and a press officer on mission fixes a
live release or withdraws it: the clearance steps, the discard link and a
revision's restore are targets for a thumb, and the audit trail reads by item."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from newsroom.clearance import audit
from newsroom.clearance.models import Action
from newsroom.core.publication import PublicationState
from organisation.models import Person
from tests.factories import make_releases

from .editor_fixtures import editor_fixture, release_fixture  # noqa: F401
from .test_admin_layout import LANGUAGES, SCROLL_WIDTH, baku_release, demo, in_language  # noqa: F401

PHONE = {"width": 360, "height": 740}
PHONES = (PHONE, {"width": 390, "height": 844})
# Apple's and WCAG 2.2's comfortable target (2.5.5): about 44 CSS pixels.
THUMB = 44
# WCAG 2.2's least target (2.5.8): a checkbox's box, which 44 pixels would
# make a button.
FINGERTIP = 24

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The targets of `selector` that a thumb would miss: lower or narrower than
# THUMB, broken over two lines (two boxes), or overlapping another of them.
# Those not shown (another language's fields) are not targets.
SMALL_TARGETS = """([selector, thumb]) => {
    const targets = [...document.querySelectorAll(selector)]
        .filter(target => target.getClientRects().length);
    const found = targets.length ? [] : ["no target to check"];
    const boxes = targets.map(target => target.getBoundingClientRect());
    targets.forEach((target, i) => {
        const label = target.getAttribute("aria-label") || target.title
            || target.innerText || target.value
            || target.name || "";
        const name = `"${label.trim().split("\\n")[0]}"`;
        if (boxes[i].height < thumb)
            found.push(`${name} ${Math.round(boxes[i].height)} px high`);
        if (boxes[i].width < thumb)
            found.push(`${name} ${Math.round(boxes[i].width)} px wide`);
        if (target.getClientRects().length > 1)
            found.push(`${name} broken over lines`);
        boxes.slice(i + 1).forEach((other, j) => {
            if (boxes[i].right > other.left && boxes[i].left < other.right
                && boxes[i].bottom > other.top && boxes[i].top < other.bottom)
                found.push(`${name} covers "${targets[i + 1 + j].textContent.trim()}"`);
        });
    });
    return found;
}"""


def test_the_clearance_steps_take_a_thumb_on_a_phone(editor, release):
    """On a phone the buttons of the Clearance box ("Publish the changes",
    "Withdraw"), the "Discard the changes" link of a working copy, each
    "Restore this revision" and the Yes and No of a confirmation are at least
    44 pixels high, one box each: the steps were 19 pixels high, 12 apart
    (Django's `form .button` shrinks a button in a form), the discard link
    broke over two lines, and "Yes, go ahead" stood 4 pixels from "No, take me
    back", both 29 pixels high."""
    page = editor
    change = reverse("admin:newsroom_pressrelease_change", args=[release.pk])
    history = reverse("admin:newsroom_pressrelease_history", args=[release.pk])
    discard = reverse("admin:newsroom_pressrelease_discard", args=[release.pk])
    page.set_viewport_size(PHONE)
    page.goto(change)
    # A typo fixed in the lead of the live release: its working copy.
    page.fill("#id_lead_en", "The Regional Director spoke at the summit in Baku.")
    page.click("input[name=_continue]")
    expect(page.locator(".nr-working-copy")).to_be_visible()
    small = []
    for lang in LANGUAGES:
        in_language(page, lang)
        for path, selector in [
            (change, "#clearance button, .nr-discard"),
            (history, ".nr-revision button"),
            (discard, ".submit-row input, .submit-row a"),
        ]:
            page.goto(path)
            small += [
                f"{lang} {path}: {target}"
                for target in page.evaluate(SMALL_TARGETS, [selector, THUMB])
            ]
    assert not small, "\n".join(small)
    release.refresh_from_db()
    assert release.state == PublicationState.PUBLISHED


# The width of the audit trail's object column, in pixels (its narrowest cell).
OBJECT_COLUMN = """() => Math.min(...[
    ...document.querySelectorAll("#result_list td.field-object_repr")
].map(cell => cell.getBoundingClientRect().width))"""


def test_the_audit_trail_names_its_items_on_a_phone(editor, release):
    """On a phone the audit trail's list scrolls within its box, and its last
    column, the item's name, reads as a phrase: the object type beside it ("Salle
    de presse | communiqué de presse") stayed on one line and left the name 63
    pixels, a word a line."""
    user = get_user_model().objects.get(username="editor")
    for action in (Action.PUBLISH, Action.WITHDRAW):
        audit.record(user, action, obj=release)
    page = editor
    page.set_viewport_size(PHONE)
    page.goto(reverse("admin:index"))
    narrow = []
    for lang in LANGUAGES:
        in_language(page, lang)
        page.goto(reverse("admin:clearance_auditentry_changelist"))
        if (width := page.evaluate(OBJECT_COLUMN)) < 160:
            narrow.append(f"{lang}: {width:.0f} px")
        assert page.evaluate(SCROLL_WIDTH) <= 0
    assert not narrow, "\n".join(narrow)


def test_the_publish_time_pickers_take_a_thumb_on_a_phone(editor, release):
    """On a phone the publish time's "Today", calendar, "Now" and clock links are
    at least 44 pixels high, side by side (they were 15 pixels high), and the
    calendar and the clock open in view and set the time."""
    page = editor
    change = reverse("admin:newsroom_pressrelease_change", args=[release.pk])
    page.set_viewport_size(PHONE)
    page.goto(reverse("admin:index"))
    small = []
    for lang in LANGUAGES:
        in_language(page, lang)
        page.goto(change)
        small += [
            f"{lang}: {target}"
            for target in page.evaluate(
                SMALL_TARGETS, [".field-publish_at .datetimeshortcuts a", THUMB]
            )
        ]
    assert not small, "\n".join(small)
    in_language(page, "en")
    page.goto(change)
    page.click("#calendarlink0")
    calendar = page.locator("#calendarbox0")
    expect(calendar).to_be_in_viewport(ratio=1)
    calendar.get_by_role("link", name="28", exact=True).click()
    page.click("#clocklink0")
    expect(page.locator("#clockbox0")).to_be_in_viewport(ratio=1)
    page.locator("#clockbox0").get_by_role("link", name="6 a.m.").click()
    assert page.input_value("#id_publish_at_0").endswith("28")
    assert page.input_value("#id_publish_at_1") == "06:00:00"


def small_targets_on_phones(page, path, selector, least=THUMB):
    """The targets of `selector` on `path` smaller than `least` (a thumb), in
    each language, at each of PHONES: each page loaded once, its window
    resized."""
    small = []
    page.goto(path)
    for lang in LANGUAGES:
        in_language(page, lang)
        page.set_viewport_size(PHONE)
        page.goto(path)
        for size in PHONES:
            page.set_viewport_size(size)
            small += [
                f"{size['width']} {lang}: {target}"
                for target in page.evaluate(SMALL_TARGETS, [selector, least])
            ]
            if (overflow := page.evaluate(SCROLL_WIDTH)) > 0:
                small.append(f"{size['width']} {lang}: the page {overflow} px too wide")
    return small


def test_the_header_links_take_a_thumb_on_a_phone(editor):
    """On a phone "View site", "Change password", "Log out", the theme's toggle
    and the language menu in the admin's header are each at least 44 pixels high
    and wide, apart, and the header still fits the screen: they were 14 to 17
    pixels high (the toggle 24 pixels square)."""
    page = editor
    selector = "#user-tools a, #logout-form button, .theme-toggle, #nr-admin-language"
    small = small_targets_on_phones(page, reverse("admin:index"), selector)
    assert not small, "\n".join(small)


# The toolbars wider than their editor, and the buttons standing outside them.
OVERFLOWING_TOOLBARS = """() => [...document.querySelectorAll(".prose-menubar")]
    .filter(bar => bar.getBoundingClientRect().width)
    .flatMap(bar => {
        const box = bar.getBoundingClientRect();
        const out = [...bar.querySelectorAll(".prose-menubar__button")].filter(
            button => button.getBoundingClientRect().right > box.right + 1);
        return bar.scrollWidth > bar.clientWidth + 1 || out.length
            ? [`toolbar ${bar.scrollWidth - bar.clientWidth} px too wide,`
               + ` ${out.length} buttons outside`] : [];
    })"""


def test_the_rich_text_toolbar_takes_a_thumb_on_a_phone(editor, release):
    """On a phone each button of the body's toolbar (the heading menu, lists,
    quote, bold, italic, link, table, undo, redo) is at least 44 pixels square,
    apart, and the toolbar wraps within the editor's width: they were 30 to 32
    pixels wide and 28 high. So are the heading menu's choices (32 high)."""
    page = editor
    change = reverse("admin:newsroom_pressrelease_change", args=[release.pk])
    selector = (
        ".field-body_en .prose-menubar__selected,"
        " .field-body_en .prose-menubar__group > .prose-menubar__button:not(.hidden)"
    )
    small = small_targets_on_phones(page, change, selector)
    for size in PHONES:
        page.set_viewport_size(size)
        bars = page.evaluate(OVERFLOWING_TOOLBARS)
        small += [f"{size['width']}: {bar}" for bar in bars]
        page.click(".field-body_en .prose-menubar__selected")
        options = ".field-body_en .prose-menubar__option"
        expect(page.locator(options).first).to_be_visible()
        small += [
            f"{size['width']} heading menu: {target}"
            for target in page.evaluate(SMALL_TARGETS, [options, THUMB])
        ]
        page.keyboard.press("Escape")
    assert not small, "\n".join(small)


def test_the_list_actions_take_a_thumb_on_a_phone(editor, release):
    """On a phone the release list's action menu and its Go button are at least
    44 pixels high and wide, apart: they were 24 pixels high."""
    page = editor
    changelist = reverse("admin:newsroom_pressrelease_changelist")
    selector = "#changelist .actions select, #changelist .actions button"
    small = small_targets_on_phones(page, changelist, selector)
    assert not small, "\n".join(small)


def test_a_form_s_language_switch_and_save_buttons_take_a_thumb_on_a_phone(
    editor, release
):
    """On a phone the language switch of a release's form (English, French,
    Spanish) and its Save, Save and add another, Save and continue editing and
    Delete are at least 44 pixels high, apart: the switch's buttons were 26
    pixels high, the save buttons 35."""
    page = editor
    change = reverse("admin:newsroom_pressrelease_change", args=[release.pk])
    selector = (
        ".nr-language-switch button,"
        " .submit-row input:not([type=hidden]), .submit-row a"
    )
    small = small_targets_on_phones(page, change, selector)
    assert not small, "\n".join(small)


def test_the_list_s_search_filters_and_pages_take_a_thumb_on_a_phone(editor, release):
    """On a phone the release list's search box, its Search button and "Show
    all", the date links above the list, each filter's heading and choices
    (and "Show counts"), and the page numbers are at least 44 pixels high and
    wide, apart: they were 14 to 33 pixels high."""
    make_releases(25)
    page = editor
    changelist = reverse("admin:newsroom_pressrelease_changelist")
    small = small_targets_on_phones(
        page,
        changelist,
        ".toplinks a, #changelist-filter summary, #changelist-filter li a,"
        " #changelist-filter-extra-actions a, .paginator a",
    )
    small += small_targets_on_phones(
        page,
        f"{changelist}?q=Regional",
        "#searchbar, #changelist-search input[type=submit], #changelist-search a",
    )
    assert not small, "\n".join(small)


def test_the_translation_dashboard_fits_a_phone(editor, release):
    """On a phone the translation dashboard's tables of versions scroll within
    their box rather than widening the page, and each count, a link to the list
    of those versions, is at least 44 pixels square: the French and Spanish
    tables widened the page by 94 pixels at 360, and the counts were 9 pixels
    wide and 16 high."""
    page = editor
    small = small_targets_on_phones(
        page, reverse("translations:dashboard"), "#content-main .module td a"
    )
    assert not small, "\n".join(small)


def test_the_object_tools_take_a_thumb_on_a_phone(editor, release):
    """On a phone the buttons above a list or a form (Add press release,
    History, the translation dashboard's Export, Import and Translation memory)
    are at least 44 pixels high, apart: they were 26."""
    page = editor
    small = []
    for path in (
        reverse("admin:newsroom_pressrelease_changelist"),
        reverse("admin:newsroom_pressrelease_change", args=[release.pk]),
        reverse("translations:dashboard"),
    ):
        small += small_targets_on_phones(page, path, ".object-tools a")
    assert not small, "\n".join(small)


def test_the_distribution_page_takes_a_thumb_on_a_phone(editor, release):
    """On a phone the distribution page of a live release, its previews (HTML,
    plain text) and its buttons (Send me a test, Send now) are at least 44
    pixels high and wide, apart: the previews were 15 pixels high, the tests
    19 and the send button 34."""
    page = editor
    distribution = reverse(
        "admin:distribution_item", kwargs={"kind": "release", "pk": release.pk}
    )
    small = small_targets_on_phones(
        page, distribution, ".nr-distribution li a, .nr-distribution button"
    )
    assert not small, "\n".join(small)


def test_the_home_page_links_take_a_thumb_on_a_phone(editor, release):
    """On a phone the admin's home page, each section's name, each model's name
    and its Add and Change links are at least 44 pixels high and wide, apart:
    they were 14 to 16 pixels high, 37 apart."""
    page = editor
    small = small_targets_on_phones(
        page, reverse("admin:index"), ".dashboard #content-main .module a"
    )
    assert not small, "\n".join(small)


def test_the_breadcrumbs_take_a_thumb_on_a_phone(editor, release):
    """On a phone each link of the breadcrumbs (Home, the section, the list, the
    item on its history page) is at least 44 pixels high and wide, apart: they
    were 16 pixels high."""
    page = editor
    small = small_targets_on_phones(
        page,
        reverse("admin:newsroom_pressrelease_history", args=[release.pk]),
        ".breadcrumbs a",
    )
    assert not small, "\n".join(small)


def test_a_release_form_s_links_take_a_thumb_on_a_phone(editor, release):
    """On a phone the links of a release's form are at least 44 pixels high and
    wide, apart: the link down to its clearance steps (16 pixels high), each
    language's preview (15), the distribution page's (15), the icons that add or
    change an office, a topic or a person (24 square) and each inline's "Add
    another" (30 to 32)."""
    page = editor
    small = small_targets_on_phones(
        page,
        reverse("admin:newsroom_pressrelease_change", args=[release.pk]),
        ".nr-to-clearance a, .field-links a, .field-distribution a,"
        " a.related-widget-wrapper-link[href]:not(.empty-form a),"
        " .inline-group .add-row a",
    )
    assert not small, "\n".join(small)


def test_the_list_rows_and_column_names_take_a_thumb_on_a_phone(editor, release):
    """On a phone the link of each row to its item and each column's name (a
    link that sorts by it) in the release list and the audit trail are at least
    44 pixels high and wide, apart: the audit trail's rows were 16 pixels high,
    the column names 29 to 33."""
    user = get_user_model().objects.get(username="editor")
    audit.record(user, Action.PUBLISH, obj=release)
    page = editor
    small = []
    for path in (
        reverse("admin:newsroom_pressrelease_changelist"),
        reverse("admin:clearance_auditentry_changelist"),
    ):
        small += small_targets_on_phones(
            page, path, "#result_list tbody th a, #result_list thead th .text a"
        )
    assert not small, "\n".join(small)


def test_the_translation_pages_take_a_thumb_on_a_phone(editor):
    """On a phone the file choosers and the buttons of the translation pages
    (import a PO file, export one, the memory's TMX) are at least 44 pixels
    high and wide, apart: a file chooser was 25 pixels high."""
    page = editor
    small = []
    for name in ("import", "export", "memory"):
        small += small_targets_on_phones(
            page,
            reverse(f"translations:{name}"),
            "#content-main input[type=file], #content-main input[type=submit]",
        )
    assert not small, "\n".join(small)


def test_a_release_form_s_fields_take_a_thumb_on_a_phone(editor, release):
    """On a phone the text fields, menus and autocompletes of a release's form
    (its title, slug, dateline, original language, publish time, office,
    topics) are at least 44 pixels high, apart: they were 36."""
    page = editor
    small = small_targets_on_phones(
        page,
        reverse("admin:newsroom_pressrelease_change", args=[release.pk]),
        "fieldset.aligned input:is([type=text], [type=email], [type=url]),"
        " fieldset.aligned select:not(.select2-hidden-accessible),"
        " fieldset.aligned .select2-selection",
    )
    assert not small, "\n".join(small)


def test_the_list_s_language_badges_take_a_thumb_on_a_phone(editor, release):
    """On a phone each language badge of the release list (EN, FR, ES: a link
    to the form in that language) is at least 44 pixels high and wide, apart:
    they were 25 to 28 pixels wide and 16 high."""
    page = editor
    small = small_targets_on_phones(
        page,
        reverse("admin:newsroom_pressrelease_changelist"),
        "#result_list td.field-languages a",
    )
    assert not small, "\n".join(small)


@pytest.mark.usefixtures("demo")
def test_every_checkbox_takes_a_fingertip_on_a_phone(editor):
    """On a phone each checkbox is at least 24 pixels square, the least WCAG 2.2
    asks of a target (2.5.8): a list's ("select all" and each row's), a form's
    (the boilerplate's), an inline's ("Delete", an appointment's "ended") and
    the PO import's (preview only, mark the versions ready). They were 13."""
    page = editor
    person = Person.objects.filter(appointments__isnull=False).first()
    small = []
    for path in (
        reverse("admin:newsroom_pressrelease_changelist"),
        reverse("admin:newsroom_pressrelease_change", args=[baku_release().pk]),
        reverse("admin:organisation_person_change", args=[person.pk]),
        reverse("translations:import"),
    ):
        small += small_targets_on_phones(
            page, path, "#content input[type=checkbox]", least=FINGERTIP
        )
    assert not small, "\n".join(small)


def test_the_sort_arrows_take_a_thumb_on_a_phone(editor, release):
    """On a phone the arrows of a list sorted by two columns (reverse the order,
    stop sorting by it) are at least 44 pixels square, shown, and apart from the
    column's name: they were 14 pixels square, and "stop sorting" showed only
    under a mouse pointer, which a touch screen has not."""
    page = editor
    # Sorted by the publish time (the fourth column), then the state (the
    # second). (The title, each release's in its own language, has no order.)
    changelist = reverse("admin:newsroom_pressrelease_changelist") + "?o=4.2"
    small = small_targets_on_phones(
        page, changelist, "#result_list thead th.sorted :is(.sortoptions a, .text a)"
    )
    assert not small, "\n".join(small)
    for arrow in page.locator("#result_list thead .sortoptions a").all():
        expect(arrow).to_be_visible()
    page.locator("#result_list thead a.sortremove").first.click()
    expect(page.locator("#result_list thead th.sorted")).to_have_count(1)


# The tables of the translation dashboard that hide part of their columns.
HIDDEN_IN_BOX = """() => [...document.querySelectorAll("#content-main .module")]
    .filter(box => box.scrollWidth > box.clientWidth + 1)
    .map(box => `${box.id} ${box.scrollWidth - box.clientWidth} px hidden`)"""


def test_the_translation_dashboard_shows_every_column_on_a_phone(editor, release):
    """On a phone the translation dashboard's tables show all their columns,
    the last one ("À actualiser", "Desactualizada") included: in capitals the
    column names hid it, 68 pixels in French and 78 in Spanish, behind a
    swipe."""
    page = editor
    page.goto(reverse("admin:index"))
    hidden = []
    for lang in LANGUAGES:
        in_language(page, lang)
        page.set_viewport_size(PHONE)
        page.goto(reverse("translations:dashboard"))
        for size in PHONES:
            page.set_viewport_size(size)
            hidden += [
                f"{size['width']} {lang}: {box}" for box in page.evaluate(HIDDEN_IN_BOX)
            ]
    assert not hidden, "\n".join(hidden)
