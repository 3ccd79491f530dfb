"""The audit trail: one append-only log that any subject adds to with `record`,
with staff logins, PO imports and bulk actions in it, visible per object and in
a global log filterable by person, date, kind and object."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import translation

from newsroom.clearance.audit import entries_for, record, shown_details
from newsroom.clearance.models import Action, AuditEntry
from newsroom.models import Event, PressRelease
from newsroom.translations.exporting import export_catalogue
from tests.factories import ahead, make_release, parse, text_of
from tests.translations.test_admin import confirm, translated_po, upload

from .conftest import admin_url

pytestmark = pytest.mark.django_db


def test_record_keeps_who_what_and_details():
    """`record` names the actor, the action, the object and its details."""
    release = make_release("noted")
    user = User.objects.create_user("ana", is_staff=True)
    entry = record(user, Action.EXPIRY, release, expires_at="2030-01-01")
    assert (entry.actor_name, entry.object_repr) == ("ana", "noted title en")
    assert entry.obj == release
    assert entry.details == {"expires_at": "2030-01-01"}


def test_entries_cannot_be_changed_or_deleted():
    entry = record(None, Action.LOGIN)
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


def test_the_admin_log_is_read_only_and_filterable(admin_client, people):
    """Even a superuser can neither add, change nor delete an entry; the log
    filters by person, kind and object."""
    release = make_release("logged")
    first = record(people["writer"], Action.SUBMIT, release)
    record(people["approver"], Action.APPROVE, release)
    record(people["approver"], Action.LOGIN)
    assert admin_client.get(admin_url(AuditEntry, "add")).status_code == 403
    page = admin_client.get(admin_url(AuditEntry, "change", first.pk))
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert (
        admin_client.post(admin_url(AuditEntry, "delete", first.pk)).status_code == 403
    )
    listing = admin_client.post(
        admin_url(AuditEntry),
        {"action": "delete_selected", "_selected_action": [first.pk]},
    )
    assert AuditEntry.objects.filter(pk=first.pk).exists(), listing.status_code

    def rows(query):
        tree = parse(admin_client.get(admin_url(AuditEntry) + query))
        cells = "//table[@id='result_list']//td[@class='field-actor_name']"
        return [text_of(cell, ".") for cell in tree.xpath(cells)]

    approver = people["approver"].pk
    assert rows(f"?actor__id__exact={approver}") == ["approver", "approver"]
    assert rows("?action__exact=submit") == ["writer"]
    assert rows(f"?object_id={release.pk}&action__exact=approve") == ["approver"]


def test_the_history_of_an_item_shows_its_entries(client, people):
    release = make_release("traced")
    record(people["publisher"], Action.WITHDRAW, release, reason="Outdated")
    client.force_login(people["publisher"])
    tree = parse(client.get(admin_url(PressRelease, "history", release.pk)))
    rows = tree.xpath("//table[@id='audit-entries']/tbody/tr")
    assert [text_of(row, "./td[2]") for row in rows] == ["publisher"]
    assert "Reason: Outdated" in text_of(rows[0], "./td[4]")


def test_the_details_of_an_entry_read_in_the_staff_language(client, people):
    """The history says what each detail is in the admin's language (French
    here), a language by its name and a time in the site's zone, not as kept
    (keys in English, a language code, a time in UTC), with the language's
    punctuation between them."""
    release = make_release("explained")
    record(
        people["publisher"],
        Action.WITHDRAW,
        release,
        reason="Chiffres faux",
        note="Retiré.",
    )
    record(people["publisher"], Action.VERSION_READY, release, language="es")
    when = datetime.datetime(2026, 7, 1, 7, 30, tzinfo=datetime.UTC)
    record(people["publisher"], Action.SCHEDULE, release, publish_at=when)
    client.force_login(people["publisher"])
    with translation.override("fr"):
        url = admin_url(PressRelease, "history", release.pk)
    tree = parse(client.get(url, headers={"accept-language": "fr"}))
    details = [
        text_of(row, "./td[4]")
        for row in tree.xpath("//table[@id='audit-entries']/tbody/tr")
    ]
    assert details == [
        "Date de publication\u00a0: 1er juillet 2026 09:30",
        "Langue\u00a0: espagnol",
        "Motif\u00a0: Chiffres faux\u202f; Note publique de retrait\u00a0: Retiré.",
    ]


def test_every_detail_the_site_records_reads_as_words(people):
    """The keys the site records besides the common ones (a step taken from the
    list, an embargo link's renewal, an import's counts, a failed login's
    address) read as words in the staff member's language, a flag as "yes",
    not as kept."""
    release = make_release("labelled")
    publisher = people["publisher"]
    details = [
        {"language": "fr", "bulk": True},
        {"renewed": True},
        {"created": 2},
        {"revoked": "Ana Journalist"},
        {"file": "a-fr.po", "items": 2, "fields": 5, "ready": 1, "refused": 0},
        {"username": "mallory", "address": "192.0.2.1"},
    ]
    entries = [record(publisher, Action.LOGIN, release, **kept) for kept in details]
    with translation.override("fr"):
        shown = [
            [(str(label), str(value)) for label, value in shown_details(entry)]
            for entry in entries
        ]
    keys = {key for kept in details for key in kept}
    assert not keys & {label for lines in shown for label, _value in lines}
    assert shown[0] == [("langue", "français"), ("depuis la liste", "oui")]
    assert shown[4][1:] == [
        ("champs", "5"),
        ("éléments", "2"),
        ("versions marquées comme prêtes", "1"),
        ("champs refusés", "0"),
    ]


def test_staff_logins_are_recorded(client):
    """A staff login is an entry; a visitor's account is not."""
    User.objects.create_user("staffer", password="pw", is_staff=True)
    User.objects.create_user("reader", password="pw")
    for name in ("staffer", "reader"):
        client.post("/admin/login/", {"username": name, "password": "pw"})
        client.logout()
    assert [(e.actor_name, e.action) for e in AuditEntry.objects.all()] == [
        ("staffer", Action.LOGIN)
    ]


def test_po_imports_are_recorded(client, tmp_path, admin_user):
    """An import, from the admin or the command, records the file and counts,
    and on each item changed the file and the fields; a dry run records
    nothing. The admin's import, confirmed after its preview, names the file
    uploaded (not the key it was kept under meanwhile)."""
    release = make_release("imported")
    client.force_login(admin_user)
    preview = upload(client, translated_po(release))
    assert not AuditEntry.objects.filter(action=Action.PO_IMPORT).exists()
    assert confirm(client, preview).status_code == 302
    path = tmp_path / "content-fr.po"
    po = export_catalogue("fr", [PressRelease.objects.filter(pk=release.pk)])
    po.find(f"newsroom.pressrelease:{release.pk}:lead", by="msgctxt").msgstr = "Chapeau"
    po.save(str(path))
    call_command("import_translations", str(path))
    admin_entry, command_entry = AuditEntry.objects.filter(
        action=Action.PO_IMPORT, object_id=""
    ).order_by("pk")
    assert admin_entry.actor_name == "admin"
    assert admin_entry.details["fields"] >= 1
    assert admin_entry.details["language"] == "fr"
    assert admin_entry.details["file"] == "release-fr.po"
    assert command_entry.details["file"] == str(path)
    assert command_entry.actor is None
    on_release = entries_for(release).filter(action=Action.PO_IMPORT).order_by("pk")
    assert [
        (entry.actor_name, entry.details["file"], entry.details["fields"])
        for entry in on_release
    ] == [("admin", "release-fr.po", ["title", "slug"]), ("", str(path), ["lead"])]


def test_bulk_actions_record_each_object(admin_client):
    """A bulk withdrawal and a bulk "mark ready" leave an entry per object."""
    first, second = make_release("one"), make_release("two", versions={"es": "draft"})
    admin_client.post(
        admin_url(PressRelease),
        {
            "action": "withdraw",
            "_selected_action": [first.pk, second.pk],
            "confirm": "yes",
            "reason": "Merged",
        },
    )
    admin_client.post(
        admin_url(PressRelease),
        {"action": "mark_ready_es", "_selected_action": [second.pk]},
    )
    assert sorted(
        (e.object_repr, e.action) for e in AuditEntry.objects.exclude(action="login")
    ) == [
        ("one title en", Action.WITHDRAW),
        ("two title en", Action.VERSION_READY),
        ("two title en", Action.WITHDRAW),
    ]


def test_embargo_links_renewed_are_recorded(admin_client):
    """Renewing a release's embargo link is an entry of its audit trail."""
    release = make_release("secret", publish_at=ahead(days=1))
    admin_client.post(
        admin_url(PressRelease),
        {"action": "renew_embargo_link", "_selected_action": [release.pk]},
    )
    (entry,) = AuditEntry.objects.filter(action=Action.EMBARGO_LINK)
    assert (entry.object_id, entry.details) == (str(release.pk), {"renewed": True})


def test_a_scheduled_publication_is_not_named_as_an_event_status(client, people):
    """In French a publication put on a schedule is « Programmé »: the event
    status Scheduled (taking place as planned) is « Prévu », a different word
    for the same English one."""
    release = make_release("planned")
    record(people["publisher"], Action.SCHEDULE, release)
    client.force_login(people["publisher"])
    with translation.override("fr"):
        url = admin_url(PressRelease, "history", release.pk)
        assert Event.Status.SCHEDULED.label == "Prévu"
    tree = parse(client.get(url, headers={"accept-language": "fr"}))
    [what] = tree.xpath("//table[@id='audit-entries']/tbody/tr/td[3]")
    assert text_of(what, ".") == "Programmé"
