"""The index follows every change through the paths editors use, in the same
transaction: saves, the publication actions, a PO import, people and their
appointments."""

import datetime
from io import StringIO

import polib
import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsroom.clearance import revisions
from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import PressRelease
from newsroom.search.models import Entry
from organisation.models import Appointment, Person, Position
from tests.factories import make_event, make_release

from .conftest import postgresql_only, search, titles

pytestmark = pytest.mark.django_db

DRAFT = VersionState.DRAFT


@pytest.fixture
def editor(client):
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "x"))


def run_action(client, action, items, **extra):
    return client.post(
        reverse("admin:newsroom_pressrelease_changelist"),
        {"action": action, "_selected_action": [item.pk for item in items], **extra},
    )


def test_edited_text_is_found_and_the_old_is_not(client):
    """A saved change of the text is what the search finds next."""
    release = make_release("edited", body_en="<p>Drought</p>")
    release.body_en = "<p>Harvest</p>"
    release.save()
    assert titles(search(client, "harvest")) == ["edited title en"]
    assert titles(search(client, "drought")) == []


def test_index_written_in_the_saving_transaction(client):
    """A save rolled back leaves the index as it was."""
    release = make_release("stable", body_en="<p>Kept</p>")
    with pytest.raises(RuntimeError), transaction.atomic():
        release.body_en = "<p>Discarded</p>"
        release.save()
        assert titles(search(client, "discarded")) == ["stable title en"]
        raise RuntimeError
    assert titles(search(client, "discarded")) == []
    assert titles(search(client, "kept")) == ["stable title en"]


def test_publish_and_withdraw_actions(client, editor):
    """The admin's actions publish and withdraw in the index at once."""
    release = make_release("acted", state=PublicationState.APPROVED, publish_at=None)
    assert titles(search(client, "acted")) == []
    run_action(client, "publish", [release], confirm="yes")
    assert titles(search(client, "acted")) == ["acted title en"]
    run_action(client, "withdraw", [release], confirm="yes", reason="Outdated")
    assert titles(search(client, "acted")) == []


def test_mark_ready_action(client, editor):
    """Marking the French version ready makes its words findable from /fr/."""
    release = make_release("prêt", versions={"fr": DRAFT}, body_fr="<p>Réfugiés</p>")
    assert titles(search(client, "réfugiés", "fr")) == []
    run_action(client, "mark_ready_fr", [release])
    assert titles(search(client, "réfugiés", "fr")) == ["prêt title fr"]


def test_po_import_marked_ready(client, tmp_path):
    """A PO import with --mark-ready puts the translation in the index."""
    release = make_release("imported", lead_en="Floods in the valley.")
    path = tmp_path / "es.po"
    call_command("export_translations", "--language", "es", "-o", str(path))
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = {
            "imported title en": "Inundaciones en el valle",
            "Floods in the valley.": "Las inundaciones del valle.",
        }.get(entry.msgid, f"{entry.msgid} (es)")
    po.save(str(path))
    call_command("import_translations", str(path), "--mark-ready", stdout=StringIO())
    # The live release's import waits in its working copy until published.
    revisions.publish_changes(release)
    release.refresh_from_db()
    assert release.translation_state("es") == VersionState.READY
    assert titles(search(client, "inundaciones valle", "es")) == [
        "Inundaciones en el valle"
    ]


def test_people_quoted_and_renamed(client):
    """A release is found by the names of the people it quotes, under their new
    name once renamed; the person, public while quoted in a live release, is
    found too."""
    person = Person.objects.create(name="Amina Quoted", slug="amina")
    release = make_release("quoting")
    release.people_quoted.add(person)

    def found(word):
        return titles(search(client, word))

    assert found("amina") == ["quoting title en", "Amina Quoted"]
    person.name = "Amina Renamed"
    person.save()
    assert found("renamed") == ["quoting title en", "Amina Renamed"]
    release.people_quoted.remove(person)
    assert found("renamed") == []
    person.press_releases.add(release)
    assert found("renamed") == ["quoting title en", "Amina Renamed"]
    person.press_releases.clear()
    assert found("renamed") == []


def test_appointments_make_people_public(client):
    """A person is found once appointed; their position's title is searchable,
    and deleting the person removes their rows."""
    person = Person.objects.create(name="Léon Appointed", slug="leon")
    assert titles(search(client, "leon")) == []
    position = Position.objects.create(title_en="Regional Director")
    Appointment.objects.create(
        person=person, position=position, start=datetime.date(2021, 3, 1)
    )
    assert titles(search(client, "leon")) == ["Léon Appointed"]
    position.title_en = "Chief Economist"
    position.save()
    assert titles(search(client, "economist")) == ["Léon Appointed"]
    person.delete()
    assert not Entry.objects.filter(kind="person").exists()


def test_officials_of_events(client):
    """An event is found by the names of the officials attending."""
    event = make_event("meeting")
    event.officials.add(Person.objects.create(name="Sofía Official", slug="sofia"))
    assert titles(search(client, "sofia official", type="event")) == [
        "meeting title en"
    ]


def test_rebuild_command(client):
    """rebuild_search_index writes again what changed behind Django's back."""
    release = make_release("behind", body_en="<p>Old</p>")
    PressRelease.objects.filter(pk=release.pk).update(body_en="<p>Renewed</p>")
    assert titles(search(client, "renewed")) == []
    call_command("rebuild_search_index", stdout=StringIO())
    assert titles(search(client, "renewed")) == ["behind title en"]


def test_deleting_an_item_deletes_its_rows():
    """An item deleted takes its rows with it."""
    release = make_release("gone", versions={"fr": VersionState.READY})
    assert Entry.objects.filter(release=release).count() == 2
    release.delete()
    assert not Entry.objects.exists()


def test_migrate_builds_an_index_missing_from_existing_content(client):
    """A database whose content predates the index gets it at `migrate`."""
    make_release("older", body_en="<p>Archive</p>")
    Entry.objects.all().delete()
    call_command("migrate", verbosity=0)
    assert titles(search(client, "archive")) == ["older title en"]


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_upgrade_writes_the_documents_of_compatibility_characters_again(client):
    """A row written before the trigger read the text in compatibility form is
    written again by the migration that makes it so: "2e" finds "2ᵉ"."""
    make_release("ordinal", original="fr", body_fr="<p>La 2ᵉ conférence.</p>")
    # Going back writes the document again as 0005's trigger read the text
    # (searched in SQL: the rows of 0005 had columns since changed).
    call_command("migrate", "search", "0005", verbosity=0)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM search_entry WHERE document @@ "
                "websearch_to_tsquery('newsroom_french', '2e')"
            )
            assert cursor.fetchone() == (0,)
    finally:
        call_command("migrate", "search", verbosity=0)
    assert titles(search(client, "2e", "fr")) == ["ordinal title fr"]


@pytest.mark.django_db(transaction=True)
def test_upgrade_folds_again_the_rows_unaccent_folds_otherwise(client):
    """A row written while SQLite kept the hooked letters that `unaccent` folds
    is written again by the migration that folds them, and no other row:
    "dahiru" finds "Ɗahiru". (On PostgreSQL, `unaccent` always folded them:
    the migration writes nothing.)"""
    # Written before going back: the rows of 0007 had columns since changed.
    hausa = make_release("hausa", body_en="<p>Aminu Ɗahiru spoke.</p>")
    make_release("french", original="fr", body_fr="<p>Une élection.</p>")
    call_command("migrate", "search", "0007", verbosity=0)
    try:
        # The stems as the earlier folding wrote them.
        Entry.objects.filter(release=hausa).exclude(stems_c="").update(
            stems_c=" aminu ɗahiru spoke "
        )
    finally:
        with CaptureQueriesContext(connection) as queries:
            call_command("migrate", "search", verbosity=0)
    restemmed = 'UPDATE "search_entry" SET "stems_'
    rewritten = [q for q in queries if q["sql"].startswith(restemmed)]
    assert len(rewritten) == (0 if connection.vendor == "postgresql" else 1)
    assert titles(search(client, "dahiru")) == ["hausa title en"]
    assert titles(search(client, "election", "fr")) == ["french title fr"]
