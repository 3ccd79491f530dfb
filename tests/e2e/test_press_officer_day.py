"""End to end in Chromium at a laptop's 1366 × 900: a press officer's working day in
the admin, as a staff member of the Editors group (not a superuser), without one
manual workaround: write a release, add a photo, preview, publish, correct,
schedule, translate through a PO export and import, add an event in its own time
zone, update the organisation chart.

Each step is a function of `day` (the page, what the steps made, a screenshot
helper), so that more steps (submitting for review, approving) slot in between.
The screenshots go to test-results/press-officer-day/ (not committed)."""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import polib
import pytest
from django.contrib.auth.models import User
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from newsroom.core.publication import PublicationState, VersionState
from newsroom.management.commands.load_demo import load_editors_group
from newsroom.models import Event, Photo, PressRelease
from organisation.models import Appointment, Person, Position, Unit
from tests.e2e.editor_fixtures import choose_camera_photo

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "press-officer-day"
PASSWORD = "a-long-test-password"
TITLE = "IOM opens a regional office for the Caribbean in Bridgetown"
TITLE_FR = "L’OIM ouvre un bureau régional pour les Caraïbes à Bridgetown"
LEAD = "The office will coordinate the response to displacement in the region."
ALT = "Staff unveil the plaque of the new office"


@dataclass
class Day:
    page: Page
    made: dict = field(default_factory=dict)
    shots: list = field(default_factory=list)

    def shot(self, name, top=True):
        """A screenshot of what the press officer sees now (from the top of the
        page unless `top` is false)."""
        if top:
            self.page.evaluate("window.scrollTo(0, 0)")
        path = SCREENSHOTS / f"{len(self.shots) + 1:02d}-{name}.png"
        self.page.screenshot(path=path)
        self.shots.append(path)

    def run_action(self, label, *titles):
        """Select the rows of `titles` in the list and run the action `label`."""
        for title in titles:
            self.page.locator("#result_list tr", has_text=title).locator(
                "input[name=_selected_action]"
            ).check()
        self.page.select_option("select[name=action]", label=label)
        self.page.get_by_role("button", name="Go").click()
        self.page.wait_for_load_state()

    def save(self, url_pattern):
        self.page.click("input[name=_save]")
        self.page.wait_for_url(url_pattern)


# The steps of the day


def log_in(day):
    """A press officer of the Editors group signs in."""
    user = User.objects.create_user("officer", "officer@example.org", PASSWORD)
    user.is_staff = True
    user.save()
    user.groups.add(load_editors_group())
    page = day.page
    page.goto("/admin/login/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    day.shot("admin-home")


def write_release(day):
    """A new release in English: one language switch, a wide title box, countries
    typed; saved as a draft."""
    page = day.page
    page.goto("/admin/newsroom/pressrelease/add/")
    expect(page.locator(".nr-language-switch [aria-pressed=true]")).to_have_attribute(
        "data-lang", "en"
    )
    page.fill("#id_title_en", TITLE)
    page.fill("#id_dateline_city_en", "Bridgetown")
    page.fill("#id_lead_en", LEAD)
    body = page.locator(".field-body_en .ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.type("The Director General opened the office on Monday.")
    page.locator(".field-countries .select2-selection").click()
    page.keyboard.type("Barbad")
    page.keyboard.press("Enter")
    assert page.locator("#id_title_en").bounding_box()["width"] >= 600
    day.shot("write-release")
    day.save("**/admin/newsroom/pressrelease/")
    release = PressRelease.objects.get()
    assert release.state == PublicationState.DRAFT
    assert [country.code for country in release.countries] == ["BB"]
    day.made["release"] = release


def add_photo(day):
    """Upload a photo with its alt text, then attach it to the release."""
    page = day.page
    page.goto("/admin/newsroom/photo/add/")
    choose_camera_photo(page, "plaque.jpg")
    page.fill("#id_alt_text_en", ALT)
    page.fill("#id_credit", "IOM/Jane Doe")
    day.shot("add-photo")
    day.save("**/admin/newsroom/photo/")
    release = day.made["release"]
    page.goto(f"/admin/newsroom/pressrelease/{release.pk}/change/")
    page.click(".field-main_photo .select2-selection")
    page.fill(".select2-dropdown .select2-search__field", "plaque")
    page.locator(".select2-results__option", has_text=ALT).click()
    day.save("**/admin/newsroom/pressrelease/")
    release.refresh_from_db()
    assert release.main_photo == Photo.objects.get()


def preview(day):
    """The staff preview of the draft, from the links of its form."""
    page = day.page
    release = day.made["release"]
    page.goto(f"/admin/newsroom/pressrelease/{release.pk}/change/")
    page.locator(".field-links a", has_text="Preview").first.click()
    page.wait_for_url(re.compile(r"/en/preview/press-release/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("article picture img")).to_have_attribute("alt", ALT)
    day.shot("preview")


def publish(day):
    """Clear the release from its form: the officer holds every role but may not
    approve what they submitted, so they publish with a reason (an override);
    its original is ready by itself; visitors find it."""
    page = day.page
    release = day.made["release"]
    page.goto(f"/admin/newsroom/pressrelease/{release.pk}/change/")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Submit for review: done.")).to_be_visible()
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(
        page.get_by_text("You submitted this item: another approver must approve it.")
    ).to_be_visible()
    page.fill("#id_clearance_comment", "The approver is on mission this week.")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("Publish: done.")).to_be_visible()
    day.shot("published")
    release.refresh_from_db()
    assert release.is_live and release.translation_state("en") == VersionState.READY
    page.goto("/en/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()


def correct(day):
    """Correct the live release with a note; the page shows the correction."""
    page = day.page
    release = day.made["release"]
    page.goto(f"/admin/newsroom/pressrelease/{release.pk}/change/")
    page.fill("#id_lead_en", LEAD.replace("region", "Caribbean"))
    page.fill("#id_correction_note_en", "An earlier version named the wrong region.")
    day.shot("correct")
    # The release is live: the correction is published with the changes.
    page.get_by_role("button", name="Publish the changes").click()
    expect(page.get_by_text("Publish the changes: done.")).to_be_visible()
    release.refresh_from_db()
    assert release.corrected_at is not None
    with translation.override("en"):
        page.goto(release.get_absolute_url())
    expect(page.locator("article")).to_contain_text(
        "An earlier version named the wrong region."
    )


def schedule(day):
    """A second release, scheduled for tomorrow 09:00: embargoed, with its link."""
    page = day.page
    page.goto("/admin/newsroom/pressrelease/add/")
    page.fill("#id_title_en", "Migration data report to be launched tomorrow")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page.fill("#id_publish_at_0", tomorrow.isoformat())
    page.fill("#id_publish_at_1", "09:00")
    day.save("**/admin/newsroom/pressrelease/")
    # Not approved: publishing it from the list asks for a confirmation and a
    # reason.
    day.run_action("Publish the selected items", "Migration data report")
    expect(page.locator("#confirm-items")).to_contain_text("Migration data report")
    page.fill("#id_reason", "Agreed with the Director at this morning's meeting.")
    page.get_by_role("button", name="Yes, go ahead").click()
    expect(page.locator("#result_list")).to_contain_text("Embargoed until")
    day.shot("scheduled")
    scheduled = PressRelease.objects.get(title_en__startswith="Migration data")
    assert scheduled.is_scheduled
    page.goto(f"/admin/newsroom/pressrelease/{scheduled.pk}/change/")
    link = page.locator(".field-embargo_link a")
    expect(link).to_have_attribute(
        "href", re.compile(r"^http://localhost:\d+/en/press-releases/embargo/")
    )


def translate_through_po(day):
    """Export the release for French, translate the PO file, import it marked
    ready: French visitors read it in French."""
    page = day.page
    release = day.made["release"]
    page.goto("/admin/newsroom/pressrelease/")
    day.run_action("Export for translation", TITLE)
    page.select_option("select[name=translation-language]", "fr")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the PO file").click()
    catalogue = polib.pofile(download.value.path().read_text(encoding="utf-8"))
    french = {
        TITLE: TITLE_FR,
        "Bridgetown": "Bridgetown",
        LEAD.replace("region", "Caribbean"): "Le bureau coordonnera la réponse "
        "aux déplacements dans les Caraïbes.",
        "The Director General opened the office on Monday.": "Le Directeur "
        "général a inauguré le bureau lundi.",
        "An earlier version named the wrong region.": "Une version précédente "
        "nommait la mauvaise région.",
    }
    for entry in catalogue:
        if entry.msgctxt.startswith(f"newsroom.pressrelease:{release.pk}:"):
            entry.msgstr = french[entry.msgid]
            entry.flags = []
    page.goto("/admin/translations/import/")
    page.set_input_files(
        "input[name=file]",
        files=[
            {
                "name": "content-fr.po",
                "mimeType": "text/x-gettext-translation",
                "buffer": str(catalogue).encode(),
            }
        ],
    )
    page.check("input[name=mark_ready]")
    page.get_by_role("button", name="Upload").click()
    page.wait_for_load_state()
    day.shot("po-import-preview")
    page.get_by_role("button", name="Import these translations").click()
    page.wait_for_load_state()
    # The release is live: the import waits in its working copy until published.
    page.goto(f"/admin/newsroom/pressrelease/{release.pk}/change/")
    page.get_by_role("button", name="Publish the changes").click()
    expect(page.get_by_text("Publish the changes: done.")).to_be_visible()
    release.refresh_from_db()
    assert release.translation_state("fr") == VersionState.READY
    page.goto("/fr/")
    expect(page.get_by_role("link", name=TITLE_FR)).to_be_visible()


def add_event(day):
    """An event in Bridgetown, its zone typed, its times on its own clock."""
    page = day.page
    page.goto("/admin/newsroom/event/add/")
    expect(page.locator("#id_time_zone")).to_have_value("Europe/Zurich")
    page.fill("#id_title_en", "Opening of the Bridgetown office")
    page.locator(".field-time_zone .select2-selection").click()
    page.keyboard.type("Barbados")
    page.keyboard.press("Enter")
    page.fill("#id_start_0", "2031-03-02")
    page.fill("#id_start_1", "10:00")
    page.fill("#id_end_0", "2031-03-02")
    page.fill("#id_end_1", "12:00")
    day.shot("add-event")
    day.save("**/admin/newsroom/event/")
    expect(page.locator("td.field-local_start")).to_have_text(
        "2 March 2031, 10:00 (America/Barbados)"
    )
    day.shot("event-list")
    event = Event.objects.get()
    assert event.start == datetime.datetime(2031, 3, 2, 14, 0, tzinfo=datetime.UTC)


def change_the_organisation(day):
    """A new Deputy Director General takes office today: the structure page
    names her."""
    page = day.page
    page.goto("/admin/organisation/person/add/")
    page.fill("#id_name", "Ugochi Daniels")
    page.fill("#id_sort_name", "Daniels, Ugochi")
    page.select_option("#id_gender", "f")
    page.locator("#appointments-group .add-row a").click()
    row = page.locator("tr.dynamic-appointments").first
    row.locator(".select2-selection").click()
    page.keyboard.type("Deputy")
    page.locator(".select2-results__option", has_text="Deputy Director General").click()
    row.locator("input[name$=start]").fill(timezone.localdate().isoformat())
    day.shot("organisation-change")
    day.save("**/admin/organisation/person/")
    assert Appointment.objects.get().person == Person.objects.get()
    page.goto("/en/who-we-are/structure/")
    expect(page.locator("main")).to_contain_text("Ugochi Daniels")
    day.shot("structure")


DAY = [
    log_in,
    write_release,
    add_photo,
    preview,
    publish,
    correct,
    schedule,
    translate_through_po,
    add_event,
    change_the_organisation,
]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_press_officers_day(page, settings):
    """Every step of the day, in order, through the admin a non-superuser sees."""
    settings.ROOT_URLCONF = "tests.e2e.media_urls"
    settings.NEWSROOM_SITE_URL = ""
    unit = Unit.objects.create(name_en="Office of the Director General", slug="odg")
    Position.objects.create(title_en="Deputy Director General", unit=unit, rank=2)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    day = Day(page)
    for step in DAY:
        step(day)
    assert len(day.shots) >= 10
