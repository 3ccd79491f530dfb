"""The admin an editor uses every day, to a screen reader, in English, French and
Spanish: every control has a name (a date and a time typed apart, the cells of
a table of forms, a list's editable column, the rich-text editor, the
autocomplete boxes), every link
says where it leads, no header cell is empty; a name cut short by its column
can be read whole. axe-core and Chromium's accessibility tree check it."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from playwright.sync_api import expect

from newsroom.models import (
    Event,
    MediaContact,
    Page,
    Photo,
    PressRelease,
    ReleaseContact,
)
from organisation.models import Person
from tests.factories import make_contact, make_release

from .editor_fixtures import editor_fixture  # noqa: F401
from .test_admin_layout import LANGUAGES, LAPTOP, baku_release, in_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The rules about names that axe-core found broken in the admin.
NAME_RULES = [
    "label",
    "select-name",
    "label-title-only",
    "empty-table-header",
    "aria-input-field-name",
    "link-name",
]
# The whole page: the boxes the autocomplete widgets (select2) draw are named
# by their fields (admin-site.js).
OURS = {"include": [["html"]]}


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def admin(editor):
    """The editor's page on a laptop, axe-core loaded into each document."""
    editor.context.add_init_script(script=Axe().axe_script)
    editor.set_viewport_size(LAPTOP)
    editor.goto(reverse("admin:index"))
    return editor


def violations(page, rules=None, context=OURS):
    """What axe-core finds in `context` of the page: against `rules`, or all
    of WCAG 2.2 A and AA and its best practices."""
    options = {"runOnly": rules} if rules else {"resultTypes": ["violations"]}
    results = page.evaluate(
        "([context, options]) => axe.run(context, options)", [context, options]
    )
    return [
        f"{page.url} [{rule['id']}] {node['html'][:100]}"
        for rule in results["violations"]
        for node in rule["nodes"]
    ]


# True once every rich-text editor of the page has replaced its text area and
# taken its name ("prose-editor:ready" comes after the load, in a module).
EDITORS_NAMED = """() => [
  ...document.querySelectorAll(
    "textarea[data-django-prose-editor-configurable],"
    + "textarea[data-django-prose-editor-default]"
  ),
].every((textarea) =>
  textarea.closest(".prose-editor")?.querySelector(".ProseMirror[aria-label]")
)"""


def daily_pages():
    """The lists, forms and tools an editor opens every day."""
    release = baku_release()
    paths = [reverse("admin:index")]
    for name, obj in (
        ("newsroom_pressrelease", release),
        ("newsroom_event", Event.objects.first()),
        ("newsroom_page", Page.objects.first()),
        ("organisation_person", Person.objects.filter(appointments__isnull=False)[0]),
        ("newsroom_photo", Photo.objects.first()),
        ("newsroom_mediacontact", MediaContact.objects.first()),
    ):
        paths += [
            reverse(f"admin:{name}_changelist"),
            reverse(f"admin:{name}_add"),
            reverse(f"admin:{name}_change", args=[obj.pk]),
        ]
    return [
        *paths,
        reverse("admin:newsroom_pressrelease_history", args=[release.pk]),
        reverse("admin:clearance_auditentry_changelist"),
        reverse("translations:dashboard"),
        reverse("translations:import"),
        reverse("translations:export"),
    ]


def test_the_daily_pages_pass_axe_in_every_language(admin, demo):
    """On the dashboard, the lists and forms of releases, events, pages, people,
    photos and media contacts, the history, the audit trail and the translation
    pages, axe-core finds nothing in what we draw, in any language: it found
    controls without a name (the split dates and times, the inlines' cells, the
    contacts' order, the rich-text editors: 11 on a release's form), links
    without one (the photos' thumbnails), empty header cells, and links told
    from their text by colour only (a release's preview links, the
    breadcrumbs)."""
    page = admin
    found = []
    for lang in LANGUAGES:
        in_language(page, lang)
        for path in daily_pages():
            page.goto(path)
            page.wait_for_function(EDITORS_NAMED)
            found += violations(page)
    assert not found, "\n".join(found)


def test_the_breadcrumbs_links_are_underlined(admin):
    """The breadcrumbs' links are underlined, on a laptop and on a phone: in
    Django's sheet only their colour told them from the item's name after them
    (axe-core: link-in-text-block, once the name is longer than the links)."""
    page = admin
    release = make_release(
        "crumbs",
        title_en="Regional Director speaks at the summit on migration and climate",
    )
    page.goto(reverse("admin:newsroom_pressrelease_change", args=[release.pk]))
    links = page.locator("div.breadcrumbs a")
    expect(links).to_have_count(3)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        assert not violations(page, ["link-in-text-block"], ".breadcrumbs")
        for link in links.all():
            expect(link).to_have_css("text-decoration-line", "underline")


def field_label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def test_a_date_and_a_time_are_named_by_their_field(admin, demo):
    """Each input of a date and time is named by its field and what it takes,
    "Publish at — date", in the admin's language; the calendar and the clock
    beside them still fill them in."""
    page = admin
    release, event = baku_release(), Event.objects.first()
    forms = [
        (PressRelease, release, ["publish_at", "expires_at"]),
        (Event, event, ["start", "end", "previous_start"]),
    ]
    for lang in LANGUAGES:
        in_language(page, lang)
        for model, obj, names in forms:
            page.goto(
                reverse(
                    f"admin:newsroom_{model._meta.model_name}_change", args=[obj.pk]
                )
            )
            for name in names:
                with translation.override(lang):
                    label = field_label(model, name)
                    date = translation.gettext("{field} — date").format(field=label)
                    time = translation.gettext("{field} — time").format(field=label)
                expect(page.locator(f"#id_{name}_0")).to_have_accessible_name(date)
                expect(page.locator(f"#id_{name}_1")).to_have_accessible_name(time)
    # "Today" and "Now" beside the inputs fill them.
    date, time = (
        page.locator("#id_previous_start_0"),
        page.locator("#id_previous_start_1"),
    )
    page.locator("#id_previous_start_0 ~ .datetimeshortcuts a").first.click()
    page.locator("#id_previous_start_1 ~ .datetimeshortcuts a").first.click()
    expect(date).not_to_have_value("")
    expect(time).not_to_have_value("")


def test_the_cells_of_a_table_of_forms_are_named_by_column_and_row(admin):
    """In a contact's phone numbers each control is named by its column and row,
    "Number, row 2", a row added in the page too, and renumbered when a row added
    before it is removed; the first column's header has a name."""
    page = admin
    contact = make_contact(phones=2)
    page.goto(reverse("admin:newsroom_mediacontact_change", args=[contact.pk]))
    phones = page.locator("#phones-group")
    for role, name in (
        ("combobox", "Kind, row 1"),
        ("textbox", "Number, row 2"),
        ("spinbutton", "Order, row 2"),
        ("checkbox", "Delete, row 1"),
        # The empty row under the saved ones.
        ("textbox", "Number, row 3"),
    ):
        expect(phones.get_by_role(role, name=name, exact=True)).to_have_count(1)
    expect(phones.get_by_role("columnheader", name="Saved item")).to_have_count(1)
    add = phones.get_by_role("button", name="Add another Phone number")
    add.click()
    add.click()
    expect(
        phones.get_by_role("textbox", name="Number, row 5", exact=True)
    ).to_have_count(1)
    phones.locator("#phones-3").get_by_role("button", name="Remove").click()
    expect(
        phones.get_by_role("textbox", name="Number, row 4", exact=True)
    ).to_have_count(1)
    expect(
        phones.get_by_role("textbox", name="Number, row 5", exact=True)
    ).to_have_count(0)
    assert not violations(page, NAME_RULES, "#phones-group")


def test_the_contacts_order_is_named_in_the_list(admin):
    """The order of each media contact, editable in their list, is named by its
    column and row."""
    page = admin
    make_contact("Ana")
    make_contact("Bea")
    page.goto(reverse("admin:newsroom_mediacontact_changelist"))
    for row in (1, 2):
        expect(page.get_by_role("spinbutton", name=f"Order, row {row}")).to_have_count(
            1
        )


def test_each_rich_text_editor_is_named_by_its_field(admin, demo):
    """The editable area of each rich-text editor is named by its field's label,
    language said in words, and is in that language: the Baku release's French
    body and notes, an event's description, a person's biography."""
    page = admin
    release = baku_release()
    page.goto(reverse("admin:newsroom_pressrelease_change", args=[release.pk]))
    for field in ("Body (French)", "Notes to editors (French)"):
        editor = page.get_by_role("textbox", name=field)
        expect(editor).to_have_count(1)
        expect(editor).to_have_attribute("lang", "fr")
        expect(editor).to_have_attribute("contenteditable", "true")
    for path in (
        reverse("admin:newsroom_event_change", args=[Event.objects.first().pk]),
        reverse("admin:organisation_person_add"),
    ):
        page.goto(path)
        page.locator(".tiptap").filter(visible=True).first.wait_for()
        assert not violations(page, ["aria-input-field-name"], ".prose-editor")


def test_a_photo_thumbnail_is_a_link_named_by_its_alt_text(admin, demo):
    """In the photo library, each thumbnail leads to the photo's form and is
    named by its alt text, in the admin's language."""
    page = admin
    photo = Photo.objects.first()
    page.goto(reverse("admin:newsroom_photo_changelist"))
    row = page.locator("#result_list tbody tr").filter(
        has=page.locator(f"a[href$='/{photo.pk}/change/']")
    )
    thumbnail = row.locator("th.field-thumbnail a")
    expect(thumbnail).to_have_accessible_name(photo.alt_in("en")[0])


def test_the_issuing_office_cut_short_can_be_read_whole(admin, demo):
    """The release list cuts a long issuing office at its column's width: its
    title says it whole, and the row a keyboard is in shows it whole."""
    page = admin
    release = baku_release()
    page.goto(reverse("admin:newsroom_pressrelease_changelist"))
    row = page.locator("#result_list tbody tr").filter(
        has=page.locator(f"a[href$='/{release.pk}/change/']")
    )
    cell = row.locator("td.field-office")
    name = str(release.issuing_office)
    expect(cell.locator("span")).to_have_attribute("title", name)
    is_cut = "cell => cell.scrollWidth > cell.clientWidth"
    assert cell.evaluate(is_cut)
    row.locator("th a").focus()
    assert not cell.evaluate(is_cut)
    assert cell.inner_text() == name


LONG_TITLE = (
    "The Director General and the Regional Director for the Middle East and "
    "North Africa open the summit on migration, climate and the 2030 Agenda in "
    "Baku, with ministers from forty member states and their partners"
)


@pytest.mark.parametrize("width", [360, 1280])
def test_a_title_cut_short_in_the_list_can_be_read_whole(admin, width):
    """The release list cuts a long title at two lines: the row a keyboard is
    in shows it whole, and so does the title under the pointer, on a phone and
    on a laptop."""
    page = admin
    release = make_release("long", title_en=LONG_TITLE)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(reverse("admin:newsroom_pressrelease_changelist"))
    link = page.locator(f"#result_list th a[href$='/{release.pk}/change/']")
    is_cut = "link => link.scrollHeight > link.clientHeight"
    assert link.evaluate(is_cut)
    link.focus()
    assert not link.evaluate(is_cut)
    page.locator("#searchbar").focus()
    assert link.evaluate(is_cut)
    link.hover()
    assert not link.evaluate(is_cut)


def test_the_autocomplete_boxes_are_named_by_their_field(admin, demo):
    """The boxes select2 draws for a release's autocomplete and searchable
    fields, single and multiple, in the form and in its tables of forms, and
    their search fields, open or inline, are named by their field (then their
    choice), in every language: only their choice named them, and their search
    fields nothing."""
    page = admin
    release = baku_release()
    url = reverse("admin:newsroom_pressrelease_change", args=[release.pk])
    for lang in LANGUAGES:
        in_language(page, lang)
        page.goto(url)
        with translation.override(lang):
            office = str(field_label(PressRelease, "issuing_office"))
            countries = str(field_label(PressRelease, "countries"))
            contact = str(field_label(ReleaseContact, "contact"))
            chosen = release.issuing_office.name
        issuing = page.locator(".field-issuing_office .select2-selection")
        expect(issuing).to_have_accessible_name(
            re.compile(rf"^{re.escape(office)}\s*:\s*{re.escape(chosen)}$")
        )
        expect(
            page.locator(".field-countries .select2-search__field")
        ).to_have_accessible_name(countries)
        issuing.click()
        expect(
            page.locator(".select2-container--open .select2-search__field")
        ).to_have_accessible_name(office)
        page.keyboard.press("Escape")
        # A contact's cell in the table of forms, by its column and row.
        expect(
            page.locator("td.field-contact .select2-selection").first
        ).to_have_accessible_name(re.compile(rf"^{re.escape(contact)}\b.*1"))
        assert not violations(page, context=".select2-container"), lang
        page.goto(reverse("admin:newsroom_pressrelease_add"))
        assert not violations(page, context=".select2-container"), lang
