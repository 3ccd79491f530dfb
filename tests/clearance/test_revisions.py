"""Revisions: every save keeps one; the history shows word-level differences per
language and restores any revision as a draft; editing a live release works on a
working copy until a publisher publishes the changes."""

import datetime

import icalendar
import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from newsroom.clearance.models import Action, AuditEntry, Revision
from newsroom.models import Event, MediaContact, Page, PressRelease
from organisation.models import Person
from tests.factories import (
    ago,
    form_data,
    make_contact,
    make_event,
    make_page,
    make_release,
    parse,
    text_of,
)

from .conftest import admin_url
from .test_roles import buttons, step
from .test_working_copy import WAITING

pytestmark = pytest.mark.django_db


def revisions_of(obj):
    return Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )


@pytest.mark.parametrize(
    "build",
    [
        make_release,
        make_event,
        make_page,
        make_contact,
        lambda: Person.objects.create(name="Ana Example", slug="ana-example"),
    ],
    ids=["release", "event", "page", "contact", "person"],
)
def test_every_save_keeps_a_revision(build):
    """Releases, events, pages, media contacts and people keep a revision per
    save."""
    item = build()
    item.save()
    assert revisions_of(item).count() == 2
    assert type(item) in (PressRelease, Event, Page, MediaContact, Person)


def test_history_shows_word_differences_per_language_and_who(client, people):
    """The history view shows, per text field and language, the words removed
    and added, and who saved."""
    release = make_release("story", state="draft", lead_fr="Un chapeau ancien.")
    client.force_login(people["writer"])
    change = admin_url(PressRelease, "change", release.pk)
    data = form_data(client.get(change))
    data.update(lead_en="story lead in English", lead_fr="Un chapeau nouveau.")
    assert client.post(change, data).status_code == 302
    tree = parse(client.get(admin_url(PressRelease, "history", release.pk)))
    latest = tree.xpath("//section[contains(@class, 'nr-revision')]")[0]
    assert "writer" in text_of(latest, ".//h3")
    rows = {
        " ".join(row.xpath("./th")[0].text.split()): row
        for row in latest.xpath(".//tr")
    }
    assert text_of(rows["Lead (English)"], ".//del") == "en"
    assert text_of(rows["Lead (English)"], ".//ins") == "in English"
    assert text_of(rows["Lead (French)"], ".//del") == "ancien"
    assert text_of(rows["Lead (French)"], ".//ins") == "nouveau"


def test_history_marks_up_each_versions_words_in_its_language(client, people):
    """The words removed and added in a language's version carry its language
    (lang), for a screen reader to read French words as French; a change named
    without its words (the countries) carries none."""
    release = make_release("story", state="draft", lead_fr="Un chapeau ancien.")
    client.force_login(people["writer"])
    rows = save_in_form(
        client,
        release,
        lead_en="story lead in English",
        lead_fr="Un chapeau nouveau.",
        countries=["FR"],
    )
    assert rows["Lead (English)"].xpath("./td")[0].get("lang") == "en"
    assert rows["Lead (French)"].xpath("./td")[0].get("lang") == "fr"
    (date,) = [row for name, row in rows.items() if "(" not in name]
    assert date.xpath("./td")[0].get("lang") is None


def save_in_form(client, release, **fields):
    """Post the release's change form with `fields` changed; the rows of the
    latest revision in its history, by field name."""
    change = admin_url(PressRelease, "change", release.pk)
    data = form_data(client.get(change))
    data.update(fields)
    assert client.post(change, data).status_code == 302
    tree = parse(client.get(admin_url(PressRelease, "history", release.pk)))
    latest = tree.xpath("//section[contains(@class, 'nr-revision')]")[0]
    return {
        " ".join(row.xpath("./th")[0].text.split()): row
        for row in latest.xpath(".//tr")
    }


def test_history_shows_the_characters_of_rich_text_not_their_entities(client, people):
    """French rich text keeps its no-break spaces, and an ampersand is one: the
    history shows the characters, not the HTML entities the body stores."""
    release = make_release("story", state="draft", versions={"fr": "draft"})
    client.force_login(people["translator"])
    rows = save_in_form(client, release, body_fr="<p>La R&amp;D\u00a0: oui\u00a0!</p>")
    assert text_of(rows["Body (French)"], ".//ins") == "La R&D\u00a0: oui\u00a0!"


def test_history_names_no_time_that_did_not_change(client, people):
    """A publish time set in the site's time zone (as the form sets it) is the
    same time when read back in UTC: a translator's later edit changes only
    their words in the history, not the publication date."""
    when = timezone.localtime(ago(days=1))
    release = make_release("live", versions={"fr": "draft"}, publish_at=when)
    client.force_login(people["translator"])
    rows = save_in_form(client, release, title_fr="Un titre revu")
    assert "Title (French)" in rows
    assert "Publish at" not in rows


def test_a_live_release_changes_only_when_its_changes_are_published(client, people):
    """Edits of a live release wait in a working copy: the public page stays,
    the preview and the form show the copy, the list says "changes waiting";
    "publish the changes" makes them public."""
    release = make_release("live")
    client.force_login(people["writer"])
    change = admin_url(PressRelease, "change", release.pk)
    data = form_data(client.get(change))
    data.update(lead_en="A corrected lead.")
    assert client.post(change, data).status_code == 302

    public = client.get("/en/press-releases/live-en/").content.decode()
    assert "live lead en" in public and "A corrected lead." not in public
    preview = client.get(f"/en/preview/press-release/{release.pk}/").content.decode()
    assert "A corrected lead." in preview
    assert "A corrected lead." in client.get(change).content.decode()
    listing = parse(client.get(admin_url(PressRelease)))
    assert listing.xpath(WAITING)
    assert "publish_changes" not in buttons(client, release)

    client.force_login(people["publisher"])
    assert "publish_changes" in buttons(client, release)
    step(client, release, "publish_changes")
    public = client.get("/en/press-releases/live-en/").content.decode()
    assert "A corrected lead." in public
    assert AuditEntry.objects.filter(action=Action.PUBLISH_CHANGES).exists()
    listing = parse(client.get(admin_url(PressRelease)))
    assert not listing.xpath(WAITING)


def test_a_correction_note_dates_the_correction(client, people):
    """Publishing changes with a new correction note sets the correction date
    and records a correction."""
    release = make_release("fixed")
    client.force_login(people["publisher"])
    step(
        client,
        release,
        "publish_changes",
        correction_note_en="The figure was 12, not 21.",
    )
    assert release.corrected_at is not None
    entry = AuditEntry.objects.get(action=Action.CORRECTION)
    assert entry.details == {"note": "The figure was 12, not 21."}


def test_restore_brings_back_earlier_text_as_a_draft(client, people):
    """Restoring an earlier revision of a draft puts its text back, as a new
    revision, still unpublished."""
    release = make_release("restored", state="approved", lead_en="First words.")
    release.lead_en = "Second words."
    release.save()
    first = revisions_of(release).order_by("pk").first()
    client.force_login(people["writer"])
    url = admin_url(PressRelease, "restore", release.pk, first.pk)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 302
    release.refresh_from_db()
    assert release.lead_en == "First words." and release.state == "draft"
    assert revisions_of(release).count() == 3
    assert AuditEntry.objects.get(action=Action.RESTORE).details == {
        "revision": first.pk
    }


def test_restore_of_a_live_release_waits_for_publication(client, people):
    """Restoring a revision of a live release makes a working copy: the public
    page keeps its text until the changes are published."""
    release = make_release("kept", lead_en="Old words.")
    release.lead_en = "New words."
    release.save()
    first = revisions_of(release).order_by("pk").first()
    client.force_login(people["publisher"])
    client.post(admin_url(PressRelease, "restore", release.pk, first.pk))
    assert "New words." in client.get("/en/press-releases/kept-en/").content.decode()
    step(client, release, "publish_changes")
    assert "Old words." in client.get("/en/press-releases/kept-en/").content.decode()
    assert release.is_live


def test_restoring_an_events_earlier_time_moves_its_calendar_sequence_on(
    client, people
):
    """A calendar client takes an update only when its SEQUENCE is higher: an
    event moved, then restored to its first time, has a higher SEQUENCE each
    time, never the earlier revision's number again."""
    event = make_event("moved")
    client.force_login(people["publisher"])
    change = admin_url(Event, "change", event.pk)
    first = revisions_of(event).order_by("pk").first()
    data = form_data(client.get(change))
    data.update(start_1="11:00", end_1="13:00", _clearance="publish_changes")
    client.post(change, data)

    def sequence():
        ics = client.get("/en/events/moved-en/calendar.ics")
        [vevent] = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
        return vevent.decoded("SEQUENCE")

    moved = sequence()
    assert moved == 1
    client.post(admin_url(Event, "restore", event.pk, first.pk))
    data = form_data(client.get(change))
    client.post(change, {**data, "_clearance": "publish_changes"})
    event.refresh_from_db()
    assert event.start == datetime.datetime.fromisoformat(first.data["start"])
    assert sequence() > moved


def test_being_edited(client, people):
    """Opening a form another staff member opened minutes ago says who."""
    release = make_release("busy", state="draft")
    change = admin_url(PressRelease, "change", release.pk)
    client.force_login(people["writer"])
    first = parse(client.get(change))
    assert not first.xpath("//p[contains(@class, 'nr-being-edited')]")
    client.force_login(people["approver"])
    second = parse(client.get(change))
    (hint,) = second.xpath("//p[contains(@class, 'nr-being-edited')]")
    assert text_of(hint, ".").startswith("writer opened this item")


def test_a_media_contact_has_a_history_and_restore(client, people, admin_client):
    """Media contacts keep revisions too, shown and restored from their history."""
    contact = make_contact("ann", job_title_en="Press officer")
    contact.job_title_en = "Head of press"
    contact.save()
    first = revisions_of(contact).order_by("pk").first()
    history = admin_url(MediaContact, "history", contact.pk)
    tree = parse(admin_client.get(history))
    latest = tree.xpath("//section[contains(@class, 'nr-revision')]")[0]
    assert text_of(latest, ".//del") == "Press officer"
    assert text_of(latest, ".//ins") == "Head of press"
    admin_client.post(admin_url(MediaContact, "restore", contact.pk, first.pk))
    contact.refresh_from_db()
    assert contact.job_title_en == "Press officer"


def test_a_person_has_a_history_and_restore(admin_client, admin_user):
    """People keep revisions: their history shows the earlier biography per
    language; a person is not published, so a restore makes the earlier text
    current at once, as a new revision, and the audit trail says so."""
    person = Person.objects.create(
        name="Ana Example",
        slug="ana-example",
        biography_en="She led the regional office.",
        biography_fr="Elle a dirigé le bureau régional.",
    )
    first = revisions_of(person).get()
    person.biography_en = "She leads the agency."
    person.biography_fr = "Elle dirige l'agence."
    person.save()
    tree = parse(admin_client.get(admin_url(Person, "history", person.pk)))
    latest = tree.xpath("//section[contains(@class, 'nr-revision')]")[0]
    rows = {
        text_of(row, "th"): (text_of(row, ".//del"), text_of(row, ".//ins"))
        for row in latest.xpath(".//tr")
    }
    removed, added = rows["Biography (English)"]
    assert "regional office" in removed and "agency" in added
    removed, added = rows["Biography (French)"]
    assert "bureau régional" in removed and "agence" in added
    assert tree.xpath("//button[normalize-space()='Restore this revision']")

    response = admin_client.post(admin_url(Person, "restore", person.pk, first.pk))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.biography_en == "She led the regional office."
    assert person.biography_fr == "Elle a dirigé le bureau régional."
    assert revisions_of(person).count() == 3
    assert AuditEntry.objects.filter(
        action=Action.RESTORE, object_id=str(person.pk), actor=admin_user
    ).exists()


def test_a_person_is_restored_only_by_who_may_change_people(people, client):
    """The roles look people up; who may only view them sees their history
    without a restore button, and a restore they post is refused."""
    person = Person.objects.create(name="Bo Example", slug="bo-example")
    first = revisions_of(person).get()
    person.biography_en = "New words."
    person.save()
    client.force_login(people["publisher"])
    history = client.get(admin_url(Person, "history", person.pk))
    assert history.status_code == 200
    assert not parse(history).xpath("//section//form")
    response = client.post(admin_url(Person, "restore", person.pk, first.pk))
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.biography_en == "New words."
