"""Discarding the changes of a live item: its working copy is dropped after a
confirmation, by a publisher or by whoever saved every edit of it; the public
row, its inline rows and its pages never change, and the audit trail says who
discarded what."""

import pytest
from django.test import Client

from newsroom.caching.generation import bump_generation
from newsroom.clearance.models import Action, AuditEntry, Revision
from newsroom.clearance.revisions import revisions_of
from newsroom.models import Event, Page, PressRelease, Quote
from newsroom.translations.exporting import export_catalogue
from tests.factories import (
    form_data,
    make_event,
    make_page,
    make_release,
    parse,
    text_of,
)

from .conftest import admin_url
from .test_inline_rows import public_surfaces
from .test_roles import messages_of, step
from .test_working_copy import WAITING, import_french, public_page

pytestmark = pytest.mark.django_db

PAGE = "/en/press-releases/gone-en/"
API = "/api/v1/releases/gone-en"
DISCARD_LINK = "//a[contains(@class, 'nr-discard')]/@href"


@pytest.fixture
def release():
    release = make_release("gone", versions={"fr": "ready"})
    Quote.objects.create(release=release, text_en="Old words", text_fr="Vieux mots")
    return release


def edit(client, release, **fields):
    change = admin_url(PressRelease, "change", release.pk)
    data = form_data(client.get(change))
    data.update(fields)
    response = client.post(change, data)
    assert response.status_code == 302, response.content.decode()[-3000:]


def discard(client, release, reason=""):
    url = admin_url(PressRelease, "discard", release.pk)
    response = client.post(url, {"reason": reason}, follow=True)
    assert response.status_code == 200
    return response


def form_lead(client, release, lang="en"):
    change = admin_url(PressRelease, "change", release.pk)
    (lead,) = form_data(client.get(change))[f"lead_{lang}"]
    return lead.strip()


def test_a_publisher_discards_a_writers_changes(client, people, release):
    """A writer edits a live release; the publisher opens the confirmation page
    (which lists what would be lost), then confirms: the form, the preview, the
    list, the page and the API are as before the edit, the audit trail has the
    discard, and the history's newest revision is the public text."""
    before = public_surfaces(client, PAGE, API)
    client.force_login(people["writer"])
    edit(client, release, lead_en="A lead nobody wanted", **{"quotes-0-text_en": "X"})
    assert form_lead(client, release) == "A lead nobody wanted"

    client.force_login(people["publisher"])
    form = parse(client.get(admin_url(PressRelease, "change", release.pk)))
    (link,) = form.xpath(DISCARD_LINK)
    confirm = client.get(link)
    assert confirm.status_code == 200
    page = parse(confirm)
    assert page.xpath("//ins[normalize-space()='nobody wanted']")
    assert "Quote 1: quote" in text_of(page, "//table[@id='discarded-changes']")
    # Asking is not discarding.
    assert revisions_of(release).filter(pending=True).exists()

    response = discard(client, release, reason="Not approved by legal")
    assert "Discard the changes: done." in messages_of(response)
    assert form_lead(client, release) == "gone lead en"
    form = parse(client.get(admin_url(PressRelease, "change", release.pk)))
    assert form.xpath("string(//textarea[@name='quotes-0-text_en'])").strip() == (
        "Old words"
    )
    assert not form.xpath(DISCARD_LINK)
    assert not parse(client.get(admin_url(PressRelease))).xpath(WAITING)
    preview = public_page(client, f"/en/preview/press-release/{release.pk}/")
    assert "gone lead en" in preview and "Old words" in preview
    assert "nobody wanted" not in preview
    assert public_surfaces(client, PAGE, API) == before
    assert Quote.objects.get().text_en == "Old words"

    entry = AuditEntry.objects.get(action=Action.DISCARD_CHANGES)
    assert entry.actor == people["publisher"]
    assert entry.details == {"reason": "Not approved by legal"}
    history = parse(client.get(admin_url(PressRelease, "history", release.pk)))
    assert "Changes discarded" in text_of(history, "//table[@id='audit-entries']")
    headings = [
        " ".join(h.split())
        for h in history.xpath("//section[contains(@class, 'nr-revision')]/h3/text()")
    ]
    assert headings[0].endswith("publisher · Saved")
    assert headings[1].endswith("writer · Discarded working copy")
    newest = revisions_of(release).first()
    assert newest.kind == Revision.Kind.SAVED
    assert newest.data["lead_en"] == "gone lead en"
    assert [row["text_en"] for row in newest.data["_inlines"]["quotes"]] == [
        "Old words"
    ]


def test_the_discarded_copy_can_be_restored(client, people, release):
    """A discard by mistake is undone from the history: the discarded copy comes
    back as the working copy."""
    client.force_login(people["writer"])
    edit(client, release, lead_en="Worth keeping after all")
    client.force_login(people["publisher"])
    discard(client, release)
    discarded = revisions_of(release).get(kind=Revision.Kind.DISCARDED)
    client.post(admin_url(PressRelease, "restore", release.pk, discarded.pk))
    assert form_lead(client, release) == "Worth keeping after all"
    assert "Worth keeping" not in public_page(client, PAGE)


def test_the_author_discards_their_own_changes(client, people, release):
    """The writer who saved the working copy may discard it (twice saved, still
    theirs); the link is on their form."""
    client.force_login(people["writer"])
    edit(client, release, lead_en="First try")
    edit(client, release, lead_en="Second try")
    form = parse(client.get(admin_url(PressRelease, "change", release.pk)))
    assert form.xpath(DISCARD_LINK)
    response = discard(client, release)
    assert "Discard the changes: done." in messages_of(response)
    assert form_lead(client, release) == "gone lead en"
    assert (
        AuditEntry.objects.get(action=Action.DISCARD_CHANGES).actor
        == (people["writer"])
    )
    assert revisions_of(release).filter(kind=Revision.Kind.DISCARDED).count() == 2


def test_another_writer_may_not_discard(client, people, release):
    """A second writer sees no link, and neither the confirmation page nor a
    POST discards anything: a message says why, never an error page; nor may
    the first writer once someone else has edited the copy too."""
    client.force_login(people["writer"])
    edit(client, release, lead_en="The writer's lead")
    other = type(people["writer"]).objects.create_user("other", is_staff=True)
    other.groups.set(people["writer"].groups.all())
    client.force_login(other)
    form = parse(client.get(admin_url(PressRelease, "change", release.pk)))
    assert not form.xpath(DISCARD_LINK)
    url = admin_url(PressRelease, "discard", release.pk)
    refused = "Your role does not allow this step."
    assert refused in messages_of(client.get(url, follow=True))
    assert refused in messages_of(discard(client, release))
    assert form_lead(client, release) == "The writer's lead"
    assert not AuditEntry.objects.filter(action=Action.DISCARD_CHANGES).exists()

    edit(client, release, lead_en="Both writers' lead")
    client.force_login(people["writer"])
    assert refused in messages_of(discard(client, release))
    assert form_lead(client, release) == "Both writers' lead"

    client.force_login(people["nobody"])
    assert client.post(url).status_code == 403


def test_nothing_to_discard(client, people, release):
    """With no changes waiting, the page and the POST say so."""
    client.force_login(people["publisher"])
    url = admin_url(PressRelease, "discard", release.pk)
    assert "There are no changes waiting." in messages_of(client.get(url, follow=True))
    assert "There are no changes waiting." in messages_of(discard(client, release))
    assert not AuditEntry.objects.filter(action=Action.DISCARD_CHANGES).exists()


def test_a_discard_keeps_a_form_open_on_the_copy_from_saving_it_back(
    client, people, release
):
    """A form loaded before the discard is refused by the optimistic lock."""
    client.force_login(people["writer"])
    edit(client, release, lead_en="Discarded lead")
    change = admin_url(PressRelease, "change", release.pk)
    stale = form_data(client.get(change))
    client.force_login(people["publisher"])
    discard(client, release)
    client.force_login(people["writer"])
    stale["lead_en"] = "Discarded lead, edited"
    response = client.post(change, stale)
    assert response.status_code == 200
    assert "Someone else saved this item" in response.content.decode()
    assert form_lead(client, release) == "gone lead en"


def test_a_po_import_into_the_working_copy_is_discarded(client, people, release):
    """A translator's French import (the release's lead and its quote) waiting
    in the working copy is discarded with it: the French page, the form and a
    new export have the old translation."""
    quote = Quote.objects.get()
    po = export_catalogue(
        "fr",
        [PressRelease.objects.filter(pk=release.pk), Quote.objects.filter(pk=quote.pk)],
    )
    for entry in po:
        entry.msgstr = entry.msgstr or f"FR {entry.msgid}"
    po.find(
        f"newsroom.pressrelease:{release.pk}:lead", by="msgctxt"
    ).msgstr = "Un chapeau importé"
    po.find(f"newsroom.quote:{quote.pk}:text", by="msgctxt").msgstr = "Mots neufs"
    client.force_login(people["translator"])
    assert import_french(client, po, "gone-fr.po").status_code == 302

    client.force_login(people["publisher"])
    assert parse(client.get(admin_url(PressRelease))).xpath(WAITING)
    discard(client, release)
    assert not parse(client.get(admin_url(PressRelease))).xpath(WAITING)
    french = public_page(client, "/fr/communiques-de-presse/gone-fr/")
    assert "gone lead fr" in french and "Vieux mots" in french
    assert form_lead(client, release, "fr") == "gone lead fr"
    again = export_catalogue(
        "fr",
        [PressRelease.objects.filter(pk=release.pk), Quote.objects.filter(pk=quote.pk)],
    )
    assert again.find(f"newsroom.quote:{quote.pk}:text", by="msgctxt").msgstr == (
        "Vieux mots"
    )
    lead = again.find(f"newsroom.pressrelease:{release.pk}:lead", by="msgctxt")
    assert lead.msgstr == "gone lead fr"
    release.refresh_from_db()
    assert release.lead_fr == "gone lead fr"


@pytest.mark.parametrize(("model", "make"), [(Event, make_event), (Page, make_page)])
def test_events_and_pages_discard_too(client, people, model, make):
    """Live events and pages have working copies, and the same step."""
    item = make("other")
    change = admin_url(model, "change", item.pk)
    client.force_login(people["writer"])
    data = form_data(client.get(change))
    data["title_en"] = "A title nobody wanted"
    assert client.post(change, data).status_code == 302
    assert form_data(client.get(change))["title_en"] == ["A title nobody wanted"]

    client.force_login(people["publisher"])
    (link,) = parse(client.get(change)).xpath(DISCARD_LINK)
    response = client.post(link, follow=True)
    assert "Discard the changes: done." in messages_of(response)
    assert form_data(client.get(change))["title_en"] == ["other title en"]
    item.refresh_from_db()
    assert item.title_en == "other title en"
    assert AuditEntry.objects.get(action=Action.DISCARD_CHANGES).object_id == str(
        item.pk
    )


def test_a_discard_leaves_the_page_cache_alone(
    client, people, release, django_capture_on_commit_callbacks
):
    """Nothing public is written: unlike publishing the changes, a discard
    does not invalidate the cached pages."""
    client.force_login(people["publisher"])
    edit(client, release, lead_en="Another lead")
    with django_capture_on_commit_callbacks() as callbacks:
        discard(client, release)
    assert bump_generation not in callbacks
    # The control: what does write the public row invalidates them.
    edit(client, release, lead_en="Another lead")
    with django_capture_on_commit_callbacks() as callbacks:
        step(client, release, "publish_changes")
    assert bump_generation in callbacks


def test_the_api_version_moves_with_the_public_document_only(client, people, release):
    """The API's version stays while a working copy is saved and discarded (a
    reader would learn that an edit waits), and rises when the document
    changes: the changes published, a publisher's new publish time, the first
    revision restored and published (never back to its number)."""
    reader = Client()

    def document():
        return reader.get(API).json()

    first = int(document()["version"])
    first_revision = revisions_of(release).last()
    client.force_login(people["writer"])
    edit(client, release, lead_en="A lead that waits")
    assert int(document()["version"]) == first
    client.force_login(people["publisher"])
    discard(client, release)
    assert int(document()["version"]) == first

    edit(client, release, lead_en="A lead for everyone")
    assert int(document()["version"]) == first
    step(client, release, "publish_changes")
    published = document()
    assert published["descriptions"][0]["value"] == "A lead for everyone"
    assert int(published["version"]) == first + 1

    edit(client, release, publish_at_0="2020-01-02", publish_at_1="10:00")
    moved = document()
    assert moved["firstcreated"].startswith("2020-01-02")
    assert int(moved["version"]) == first + 2

    client.post(admin_url(PressRelease, "restore", release.pk, first_revision.pk))
    assert int(document()["version"]) == first + 2
    step(client, release, "publish_changes")
    restored = document()
    assert restored["descriptions"][0]["value"] == "gone lead en"
    assert int(restored["version"]) == first + 3
