"""The inline rows of a live release (quotes, documents, videos, media contacts)
wait in its working copy like its text: the public page, the API and the feeds
keep the old rows until a publisher publishes the changes."""

import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat

from newsroom.clearance.inlines import INLINES
from newsroom.clearance.models import Action, AuditEntry
from newsroom.clearance.revisions import revisions_of
from newsroom.models import Document, PressRelease, Quote, ReleaseContact, Video
from newsroom.translations.exporting import export_catalogue
from tests.factories import form_data, make_contact, make_release, parse, text_of
from tests.presskit.pdf_files import plain_pdf

from .conftest import admin_url
from .test_roles import messages_of, step
from .test_working_copy import WAITING, import_french, public_page

pytestmark = pytest.mark.django_db

PAGE = "/en/press-releases/rows-en/"
API = "/api/v1/releases/rows-en"
FEED = "/en/press-releases/feed/rss/"


@pytest.fixture
def release():
    """A live release with a quote, a video and a media contact."""
    release = make_release("rows", versions={"fr": "ready"})
    Quote.objects.create(release=release, text_en="Old words", text_fr="Vieux mots")
    Video.objects.create(
        release=release, url="https://youtu.be/dQw4w9WgXcQ", title_en="Old footage"
    )
    ReleaseContact.objects.create(release=release, contact=make_contact("first press"))
    return release


def public_surfaces(client, page=PAGE, api=API):
    """The public page and the API's document (its version included), then the
    ETag and Last-Modified of both."""
    headers = []
    for url in (page, api):
        response = client.get(url)
        headers += [response.get("ETag"), response.get("Last-Modified")]
    return public_page(client, page), json.dumps(client.get(api).json()), headers


def edit_rows(client, release, second):
    """Through the change form: edit the quote, add a document, delete the video,
    change the media contact."""
    change = admin_url(PressRelease, "change", release.pk)
    data = form_data(client.get(change))
    data.update(
        {
            "quotes-0-text_en": "New words",
            "videos-0-DELETE": "on",
            "releasecontact_set-0-contact": str(second.pk),
            "documents-TOTAL_FORMS": "1",
            "documents-0-title_en": "The statement",
            "documents-0-language": "en",
            "documents-0-order": "0",
            "documents-0-file": SimpleUploadedFile(
                "statement.pdf", plain_pdf(), content_type="application/pdf"
            ),
        }
    )
    response = client.post(change, data)
    assert response.status_code == 302, response.content.decode()[-3000:]


def test_inline_rows_of_a_live_release_wait_for_publication(client, people, release):
    """A writer edits the rows of a live release: the tables, the public page,
    the API and the feed keep the old rows; the form, the list and the preview
    show the working copy's; only a publisher publishes them, and then the
    public page has them."""
    second = make_contact("second press")
    before, feed = public_surfaces(client), client.get(FEED).content
    client.force_login(people["writer"])
    edit_rows(client, release, second)

    assert Quote.objects.get().text_en == "Old words"
    assert Video.objects.filter(release=release).exists()
    assert not Document.objects.exists()
    assert ReleaseContact.objects.get().contact.name == "First Press"
    assert public_surfaces(client) == before
    assert client.get(FEED).content == feed
    page, api, _headers = before
    assert "Old words" in page and "Old footage" in page and "First Press" in page
    assert "Old words" in api

    preview = public_page(client, f"/en/preview/press-release/{release.pk}/")
    assert "New words" in preview and "The statement" in preview
    assert "Second Press" in preview
    assert "Old words" not in preview and "Old footage" not in preview
    assert "First Press" not in preview
    # The upload is stored under a random name that no public page names.
    (stored,) = revisions_of(release).get(pending=True).data[INLINES]["documents"]
    assert default_storage.exists(stored["file"])
    assert stored["file"].rsplit("/", 1)[-1] not in page + api
    # The preview gives the new document's real size, as publication will.
    size = default_storage.size(stored["file"])
    assert stored["size"] == size > 0
    printed = f"(PDF, {filesizeformat(size)}, in English)"
    assert printed in preview

    form = parse(client.get(admin_url(PressRelease, "change", release.pk)))
    assert form.xpath("string(//textarea[@name='quotes-0-text_en'])").strip() == (
        "New words"
    )
    assert form.xpath("//input[@name='documents-0-title_en']/@value") == [
        "The statement"
    ]
    assert not form.xpath("//input[@name='videos-0-url']")
    assert parse(client.get(admin_url(PressRelease))).xpath(WAITING)

    response = step(client, release, "publish_changes")
    assert "Your role does not allow this step." in messages_of(response)
    assert Quote.objects.get().text_en == "Old words"

    client.force_login(people["publisher"])
    step(client, release, "publish_changes")
    assert Quote.objects.get().text_en == "New words"
    assert not Video.objects.filter(release=release).exists()
    assert Document.objects.get().file.name == stored["file"]
    assert ReleaseContact.objects.get().contact == second
    page, api, _headers = public_surfaces(client)
    assert "New words" in page and "The statement" in page and "Second Press" in page
    assert printed in page
    assert "Old words" not in page and "Old footage" not in page
    assert "New words" in api
    assert AuditEntry.objects.filter(action=Action.PUBLISH_CHANGES).exists()
    assert not parse(client.get(admin_url(PressRelease))).xpath(WAITING)


def test_a_change_of_rows_alone_is_waiting(client, people, release):
    """Only a quote changed: the list shows changes waiting, the history the
    quote's words that changed."""
    client.force_login(people["writer"])
    change = admin_url(PressRelease, "change", release.pk)
    data = form_data(client.get(change))
    data["quotes-0-text_en"] = "Old and new words"
    assert client.post(change, data).status_code == 302
    assert parse(client.get(admin_url(PressRelease))).xpath(WAITING)
    # Saved again unchanged: the working copy keeps its rows.
    client.post(change, form_data(client.get(change)))
    assert "Old and new words" in public_page(
        client, f"/en/preview/press-release/{release.pk}/"
    )

    client.force_login(people["publisher"])
    step(client, release, "publish_changes")
    history = parse(client.get(admin_url(PressRelease, "history", release.pk)))
    text = text_of(history, "//table")
    assert "Quote 1: quote" in text
    assert history.xpath("//ins[normalize-space()='and new']")


def test_two_media_contacts_swapped_in_a_working_copy_are_published(
    client, people, release
):
    """The working copy swaps the contacts of two rows: publishing writes them
    without meeting the rule that a contact is named once per release."""
    second = make_contact("second press")
    ReleaseContact.objects.create(release=release, contact=second, order=1)
    first = ReleaseContact.objects.get(order=0).contact
    client.force_login(people["writer"])
    change = admin_url(PressRelease, "change", release.pk)
    data = form_data(client.get(change))
    data["releasecontact_set-0-contact"] = str(second.pk)
    data["releasecontact_set-1-contact"] = str(first.pk)
    assert client.post(change, data).status_code == 302

    client.force_login(people["publisher"])
    step(client, release, "publish_changes")
    assert [row.contact for row in ReleaseContact.objects.order_by("order")] == [
        second,
        first,
    ]
    page = public_page(client, PAGE)
    assert page.index("Second Press") < page.index("First Press")


def test_a_draft_saves_its_rows_at_once(client, people):
    """A draft has no public page to protect: its rows are saved directly, and
    its revision records them."""
    draft = make_release("draftrows", state="draft")
    Quote.objects.create(release=draft, text_en="Draft words")
    client.force_login(people["writer"])
    change = admin_url(PressRelease, "change", draft.pk)
    data = form_data(client.get(change))
    data["quotes-0-text_en"] = "Edited draft words"
    assert client.post(change, data).status_code == 302
    assert Quote.objects.get().text_en == "Edited draft words"
    assert not revisions_of(draft).filter(pending=True).exists()
    latest = revisions_of(draft).first().data[INLINES]["quotes"]
    assert [row["text_en"] for row in latest] == ["Edited draft words"]


def test_restore_brings_back_the_rows_into_the_working_copy(client, people, release):
    """Restoring a revision of a live release brings back its quotes in the
    working copy; the public page keeps the current ones until published."""
    client.force_login(people["publisher"])
    for words in ("Second words", "Third words"):
        change = admin_url(PressRelease, "change", release.pk)
        data = form_data(client.get(change))
        data["quotes-0-text_en"] = words
        client.post(change, data)
        step(client, release, "publish_changes")
    second = next(
        revision
        for revision in revisions_of(release)
        if [row["text_en"] for row in revision.data.get(INLINES, {}).get("quotes", [])]
        == ["Second words"]
        and not revision.pending
    )
    client.post(admin_url(PressRelease, "restore", release.pk, second.pk))
    assert "Third words" in public_page(client, PAGE)
    preview = public_page(client, f"/en/preview/press-release/{release.pk}/")
    assert "Second words" in preview and "Third words" not in preview
    step(client, release, "publish_changes")
    assert Quote.objects.get().text_en == "Second words"


def test_a_quote_translation_imported_into_a_live_release_waits(
    client, people, release
):
    """A French PO file translating a quote of a live release: the French page
    keeps the old translation until the changes are published."""
    quote = Quote.objects.get()
    po = export_catalogue(
        "fr",
        [PressRelease.objects.filter(pk=release.pk), Quote.objects.filter(pk=quote.pk)],
    )
    for entry in po:
        entry.msgstr = entry.msgstr or f"FR {entry.msgid}"
    po.find(f"newsroom.quote:{quote.pk}:text", by="msgctxt").msgstr = "Mots neufs"
    client.force_login(people["translator"])
    assert import_french(client, po, "quote-fr.po").status_code == 302
    french = "/fr/communiques-de-presse/rows-fr/"
    assert "Vieux mots" in public_page(client, french)
    assert Quote.objects.get().text_fr == "Vieux mots"
    # A second export reads the working copy's translation.
    again = export_catalogue("fr", [Quote.objects.filter(pk=quote.pk)])
    assert again.find(f"newsroom.quote:{quote.pk}:text", by="msgctxt").msgstr == (
        "Mots neufs"
    )

    client.force_login(people["publisher"])
    step(client, release, "publish_changes")
    assert Quote.objects.get().text_fr == "Mots neufs"
    assert "Mots neufs" in public_page(client, french)


@pytest.mark.parametrize("state", ["published", "draft"])
def test_a_new_source_text_of_a_quote_outdates_the_translations(
    client, people, release, state
):
    """A quote's words changed in the original language make the ready French
    version outdated, as a change of the release's own text does: once
    published for a live release, at once for a draft; a change of its French
    words alone does not."""
    PressRelease.objects.filter(pk=release.pk).update(state=state)
    client.force_login(people["publisher"])
    change = admin_url(PressRelease, "change", release.pk)
    data = form_data(client.get(change))
    data["quotes-0-text_fr"] = "Mots revus"
    client.post(change, data)
    if state == "published":
        step(client, release, "publish_changes")
    release.refresh_from_db()
    assert release.translation_state("fr") == "ready"

    data = form_data(client.get(change))
    data["quotes-0-text_en"] = "Words said again"
    client.post(change, data)
    release.refresh_from_db()
    assert release.translation_state("fr") == (
        "ready" if state == "published" else "outdated"
    )
    if state == "published":
        step(client, release, "publish_changes")
        assert release.translation_state("fr") == "outdated"
