"""A translator translates a release's quotes, documents and videos in its change
form: the words of their languages only, in the rows there are; a live release's
wait in its working copy, and an approved release stays approved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from newsroom.clearance.inlines import INLINES, current_rows
from newsroom.clearance.models import Action, AuditEntry
from newsroom.clearance.revisions import pending_copy
from newsroom.models import Document, PressRelease, Quote, ReleaseContact, Video
from tests.factories import make_contact, make_person, make_release, parse
from tests.presskit.pdf_files import plain_pdf

from .conftest import admin_url
from .test_discard import edit
from .test_roles import step

pytestmark = pytest.mark.django_db

DRAFT, APPROVED = "draft", "approved"
# The fields a French translator edits, and some they only read.
FRENCH = {
    "quotes-0-text_fr",
    "quotes-0-attribution_fr",
    "documents-0-title_fr",
    "videos-0-title_fr",
    "videos-0-transcript_fr",
}
READ_ONLY = {
    "quotes-0-text_en",
    "quotes-0-text_es",
    "quotes-0-person",
    "quotes-0-order",
    "documents-0-file",
    "documents-0-title_en",
    "documents-0-language",
    "videos-0-url",
    "videos-0-title_en",
    "videos-0-poster",
}


def with_rows(release):
    """`release` with a quote of a person, a document, a video and a contact."""
    person = make_person("Ana Quoted", "ana-quoted")
    Quote.objects.create(
        release=release, person=person, text_en="Old words", attribution_en="A guest"
    )
    Document.objects.create(
        release=release,
        file=SimpleUploadedFile("report.pdf", plain_pdf()),
        title_en="Annual report",
    )
    Video.objects.create(
        release=release,
        url="https://youtu.be/dQw4w9WgXcQ",
        title_en="The summit",
        transcript_en="Words said at the summit.",
    )
    ReleaseContact.objects.create(release=release, contact=make_contact("press"))
    return release


def filled(rows):
    """`rows` ({relation: [snapshot]}) without their empty values (a textarea
    posted empty saves "" where there was None)."""
    return {
        name: [{k: v for k, v in row.items() if v not in ("", None)} for row in values]
        for name, values in rows.items()
    }


def test_a_translator_sees_the_rows_and_edits_their_languages_words(client, people):
    """The French translator's form has the quote, document and video rows with
    their French words to edit, the rest shown but not editable, no row to add
    or delete, and no media contacts (nothing to translate there)."""
    release = with_rows(make_release("shown", state=DRAFT))
    client.force_login(people["translator"])
    response = client.get(admin_url(PressRelease, "change", release.pk))
    tree = parse(response)
    fields = set(tree.xpath("//input/@name | //textarea/@name | //select/@name"))
    assert FRENCH <= fields
    assert not READ_ONLY & fields
    assert not [name for name in fields if name.endswith("-DELETE")]
    assert not [name for name in fields if name.startswith("releasecontact_set")]
    for prefix in ("quotes", "documents", "videos"):
        assert tree.xpath(f"//*[@id='{prefix}-group']")
        assert not tree.xpath(f"//*[@id='{prefix}-empty']")
    page = response.content.decode()
    assert "Old words" in page and "Ana Quoted" in page and "Annual report" in page


def test_a_translator_translates_the_rows_of_a_draft(client, people):
    """The French words posted are saved to the rows at once."""
    release = with_rows(make_release("draft", state=DRAFT))
    client.force_login(people["translator"])
    edit(
        client,
        release,
        **{
            "quotes-0-text_fr": "Vieux mots",
            "quotes-0-attribution_fr": "Une invitée",
            "documents-0-title_fr": "Rapport annuel",
            "videos-0-transcript_fr": "Mots dits au sommet.",
        },
    )
    quote = Quote.objects.get()
    assert (quote.text_fr, quote.attribution_fr) == ("Vieux mots", "Une invitée")
    assert quote.text_en == "Old words" and quote.person.name == "Ana Quoted"
    assert Document.objects.get().title_fr == "Rapport annuel"
    assert Video.objects.get().transcript_fr == "Mots dits au sommet."


def test_a_translation_of_an_approved_releases_rows_keeps_it_approved(client, people):
    """A quote's French words are no change to the approved text."""
    release = with_rows(make_release("approved", state=APPROVED, publish_at=None))
    client.force_login(people["translator"])
    edit(client, release, **{"quotes-0-text_fr": "Vieux mots"})
    release.refresh_from_db()
    assert Quote.objects.get().text_fr == "Vieux mots"
    assert release.state == APPROVED
    assert not AuditEntry.objects.filter(action=Action.REOPEN).exists()


def test_a_translation_of_a_live_releases_rows_waits_for_publication(client, people):
    """On a live release, the French words wait in the working copy: the rows
    keep theirs until a publisher publishes the changes."""
    release = with_rows(make_release("live", versions={"fr": "ready"}))
    client.force_login(people["translator"])
    edit(
        client,
        release,
        **{"quotes-0-text_fr": "Vieux mots", "videos-0-title_fr": "Le sommet"},
    )
    assert not Quote.objects.get().text_fr
    assert not Video.objects.get().title_fr
    release.refresh_from_db()
    rows = pending_copy(release).data[INLINES]
    assert [row["text_fr"] for row in rows["quotes"]] == ["Vieux mots"]
    assert [row["title_fr"] for row in rows["videos"]] == ["Le sommet"]
    assert release.translation_state("fr") == "ready"

    client.force_login(people["publisher"])
    step(client, release, "publish_changes")
    assert Quote.objects.get().text_fr == "Vieux mots"
    assert Video.objects.get().title_fr == "Le sommet"
    assert release.translation_state("fr") == "ready"


@pytest.mark.parametrize("state", ["draft", "live"])
def test_a_translator_cannot_post_other_changes_to_the_rows(client, people, state):
    """Posted anyway, another language's words, the person, the order, the
    file's language, a deleted row or a new one change nothing: only the French
    words are taken (at once, or into a live release's working copy)."""
    fields = {"state": DRAFT} if state == "draft" else {}
    release = with_rows(make_release(state, **fields))
    other = make_person("Someone Else", "someone-else")
    before = current_rows(release)
    client.force_login(people["translator"])
    edit(
        client,
        release,
        **{
            "quotes-0-text_fr": "Vieux mots",
            "quotes-0-text_en": "Hijacked",
            "quotes-0-person": str(other.pk),
            "quotes-0-order": "5",
            "documents-0-language": "es",
            "videos-0-DELETE": "on",
            "videos-0-url": "https://example.org/elsewhere",
            "quotes-TOTAL_FORMS": "2",
            "quotes-1-text_en": "Smuggled words",
            "quotes-1-text_fr": "Mots passés en fraude",
            "quotes-1-order": "1",
            "releasecontact_set-TOTAL_FORMS": "1",
            "releasecontact_set-INITIAL_FORMS": "1",
            "releasecontact_set-0-id": str(ReleaseContact.objects.get().pk),
            "releasecontact_set-0-DELETE": "on",
        },
    )
    expected = {**before, "quotes": [{**before["quotes"][0], "text_fr": "Vieux mots"}]}
    if state == "live":
        assert current_rows(release) == before
        copy = pending_copy(release).data[INLINES]
        # The contacts, not in the translator's form, are not in the copy:
        # their rows stay as they are.
        assert filled({**before, **copy}) == filled(expected)
    else:
        assert filled(current_rows(release)) == filled(expected)


def test_a_translator_translates_a_row_new_in_the_working_copy(client, people):
    """A quote a writer added to a live release waits in its working copy: the
    translator translates it there, and the writer's words and person stay."""
    release = make_release("fresh", versions={"fr": "ready"})
    person = make_person("Ana Quoted", "ana-quoted")
    client.force_login(people["writer"])
    edit(
        client,
        release,
        **{
            "quotes-TOTAL_FORMS": "1",
            "quotes-0-text_en": "Fresh words",
            "quotes-0-person": str(person.pk),
            "quotes-0-order": "0",
        },
    )
    (written,) = pending_copy(release).data[INLINES]["quotes"]

    client.force_login(people["translator"])
    edit(client, release, **{"quotes-0-text_fr": "Mots frais"})
    (translated,) = pending_copy(release).data[INLINES]["quotes"]
    assert translated == {**written, "text_fr": "Mots frais"}
    assert not Quote.objects.exists()
