"""The public note on withdrawal in each language: written with the Withdraw
step, changed afterwards by a publisher (and recorded), shown on the 410 page
in the page's language where written in it, else in the original's."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from newsroom.clearance import revisions
from newsroom.clearance.models import Action, AuditEntry
from newsroom.models import PressRelease
from newsroom.translations.exporting import export_catalogue
from tests.factories import EVERY_LANGUAGE, make_event, make_release, parse

from .conftest import admin_url
from .test_roles import WITHDRAWN, messages_of, save, step

pytestmark = pytest.mark.django_db


def note_on_410(client, slug, lang, view="newsroom:release-detail"):
    """(text, lang attribute) of the note on the 410 page at `slug` in `lang`."""
    with translation.override(lang):
        page = client.get(reverse(view, args=[slug]))
    assert page.status_code == 410
    notes = parse(page).xpath("//p[@class='withdrawal-note']")
    return [(note.text, note.get("lang")) for note in notes]


def test_the_withdraw_step_takes_the_note_in_each_language(client, people):
    """The form asks for the note in the original language and, optionally, in
    the others; the French page of the withdrawn English release shows the
    French note marked French, the Spanish page the English one marked English."""
    release = make_release("pulled", versions=EVERY_LANGUAGE)
    client.force_login(people["publisher"])
    form = parse(client.get(admin_url(PressRelease, "change", release.pk)))
    inputs = form.xpath("//fieldset[@id='clearance']//input/@name")
    assert inputs == [
        "clearance_public_note",
        "clearance_public_note_fr",
        "clearance_public_note_es",
    ]
    assert form.xpath("//input[@name='clearance_public_note_fr']/@lang") == ["fr"]
    step(
        client,
        release,
        "withdraw",
        clearance_comment="Wrong figures",
        clearance_public_note="See the corrected release.",
        clearance_public_note_fr="Voir le communiqué corrigé.",
    )
    assert release.state == WITHDRAWN
    client.logout()
    assert note_on_410(client, "pulled-fr", "fr") == [
        ("Voir le communiqué corrigé.", "fr")
    ]
    assert note_on_410(client, "pulled-es", "es") == [
        ("See the corrected release.", "en")
    ]
    assert note_on_410(client, "pulled-en", "en") == [
        ("See the corrected release.", "en")
    ]
    entry = AuditEntry.objects.get(action=Action.WITHDRAW)
    assert entry.details == {
        "reason": "Wrong figures",
        "note": "See the corrected release.",
        "translations": {"fr": "Voir le communiqué corrigé."},
    }


def test_a_translated_note_needs_the_originals(client, people):
    """A note in another language without the original's is refused, and the
    item stays as it was."""
    release = make_release("kept", versions=EVERY_LANGUAGE)
    client.force_login(people["publisher"])
    response = step(
        client,
        release,
        "withdraw",
        clearance_comment="Wrong figures",
        clearance_public_note_fr="Voir le communiqué corrigé.",
    )
    assert release.state == "published"
    assert any("original language first" in m for m in messages_of(response))


def test_an_event_page_shows_the_note_in_its_language(client):
    """A withdrawn event's page, and its calendar file, in French read the French
    note."""
    event = make_event(
        "fete",
        versions=EVERY_LANGUAGE,
        state=WITHDRAWN,
        withdrawal_note_en="Postponed.",
        withdrawal_note_fr="Reporté.",
    )
    assert note_on_410(client, "fete-fr", "fr", "newsroom:event-detail") == [
        ("Reporté.", "fr")
    ]
    with translation.override("fr"):
        ics = client.get(reverse("syndication:event-ics", args=[event.slug_fr]))
    assert ics.status_code == 410 and "Reporté." in ics.content.decode()


def test_an_expired_item_shows_no_note_left_from_a_withdrawal(client):
    """A note stays with a release published again after its withdrawal; once
    it expires, its 410 page does not show that old note."""
    make_release(
        "again",
        expires_at=make_release("x").publish_at,
        withdrawal_note_en="An old note.",
    )
    assert note_on_410(client, "again-en", "en") == []


def test_a_publisher_changes_the_notes_afterwards(client, people):
    """Once the item is withdrawn, a publisher adds the Spanish note in the
    change form: the Spanish page shows it, the audit trail and the history
    keep the change. Writers and translators only read the notes."""
    release = make_release("later", versions=EVERY_LANGUAGE)
    client.force_login(people["publisher"])
    step(
        client,
        release,
        "withdraw",
        clearance_comment="Wrong figures",
        clearance_public_note="See the corrected release.",
    )
    for role in ("writer", "translator"):
        client.force_login(people[role])
        form = parse(client.get(admin_url(PressRelease, "change", release.pk)))
        assert not form.xpath("//*[starts-with(@name, 'withdrawal_note')]"), role
    client.force_login(people["publisher"])
    save(client, release, withdrawal_note_es="Vea el comunicado corregido.")
    assert release.withdrawal_note_es == "Vea el comunicado corregido."
    assert note_on_410(client, "later-es", "es") == [
        ("Vea el comunicado corregido.", "es")
    ]
    entry = AuditEntry.objects.get(action=Action.WITHDRAWAL_NOTE)
    assert entry.details == {
        "before": {"en": "See the corrected release."},
        "after": {
            "en": "See the corrected release.",
            "es": "Vea el comunicado corregido.",
        },
    }
    (latest, *_earlier) = revisions.history(release)
    changed = [(str(row["field"]), row["language"]) for row in latest["changes"]]
    assert ("public note on withdrawal (Spanish)", "es") in changed


def test_a_live_items_note_is_not_a_field_of_its_form(client, people):
    """Before the withdrawal, even a publisher writes the note only with the
    Withdraw step."""
    release = make_release("live")
    client.force_login(people["publisher"])
    form = parse(client.get(admin_url(PressRelease, "change", release.pk)))
    assert not form.xpath("//input[starts-with(@name, 'withdrawal_note')]")
    assert not form.xpath("//textarea[starts-with(@name, 'withdrawal_note')]")


def test_the_note_is_not_exported_for_translators():
    """The PO export of a withdrawn release carries its text, not its note (a
    publisher's, public at once)."""
    release = make_release(
        "po", state=WITHDRAWN, withdrawal_note_en="A public note to translate."
    )
    catalogue = export_catalogue("fr", [PressRelease.objects.filter(pk=release.pk)])
    assert "po title en" in [entry.msgid for entry in catalogue]
    assert all(":withdrawal_note" not in entry.msgctxt for entry in catalogue)


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_each_note_in_its_original_language():
    """Upgrading, a note written so far (one text, in the item's original
    language) becomes that language's note, and no other's; going back, the
    original's note is the one text again."""
    release = make_release(
        "noted",
        original="fr",
        state=WITHDRAWN,
        withdrawal_note_fr="Retiré par erreur.",
    )
    executor = MigrationExecutor(connection)
    before = [("newsroom", "0019_country_statistics")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model(
        "newsroom", "PressRelease"
    )
    assert old.objects.get(pk=release.pk).withdrawal_note == "Retiré par erreur."
    old.objects.filter(pk=release.pk).update(withdrawal_note="Note d’origine.")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    release = PressRelease.objects.get(pk=release.pk)
    notes = [release.field_in("withdrawal_note", lang) for lang in ("en", "fr", "es")]
    assert notes == ["", "Note d’origine.", ""]
