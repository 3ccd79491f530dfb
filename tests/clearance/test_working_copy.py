"""What else waits in a live release's working copy: its relations (topics,
people) edited in the admin, and the translations of a PO file imported; the
public page changes when a publisher publishes the changes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import formats, timezone, translation

from newsroom.clearance import revisions
from newsroom.clearance.models import Action, AuditEntry
from newsroom.models import PressRelease, Topic
from newsroom.translations.exporting import export_catalogue
from organisation.models import Person
from tests.factories import form_data, make_release, parse

from .conftest import admin_url
from .test_roles import step, translate_in_form

pytestmark = pytest.mark.django_db


WAITING = "//td[@class='field-publication']/span[@class='nr-changes-waiting']"


def public_page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def import_french(client, po, name):
    """Upload the French PO file `po` as `name` in the admin, with "mark ready"."""
    upload = SimpleUploadedFile(name, str(po).encode())
    return client.post(
        "/admin/translations/import/",
        {"language": "fr", "file": upload, "mark_ready": "on"},
    )


def test_relations_of_a_live_release_wait_for_publication(client, people):
    """A writer adds a topic and a person quoted to a live release: the public
    page keeps the old ones, the form and the preview show the new ones; once
    the publisher publishes the changes, the public page has them."""
    old_topic = Topic.objects.create(name_en="Health", slug_en="health")
    new_topic = Topic.objects.create(name_en="Climate action", slug_en="climate")
    person = Person.objects.create(name="Ana Quoted", slug="ana-quoted")
    release = make_release("live", topics=[old_topic])
    client.force_login(people["writer"])
    change = admin_url(PressRelease, "change", release.pk)
    data = form_data(client.get(change))
    data.update(topics=[str(new_topic.pk)], people_quoted=[str(person.pk)])
    assert client.post(change, data).status_code == 302

    assert list(release.topics.all()) == [old_topic]
    assert not release.people_quoted.exists()
    page = public_page(client, "/en/press-releases/live-en/")
    assert "Health" in page and "Climate action" not in page
    preview = public_page(client, f"/en/preview/press-release/{release.pk}/")
    assert "Climate action" in preview and "Health" not in preview
    form = parse(client.get(change))
    assert form.xpath("//select[@name='topics']/option[@selected]/@value") == [
        str(new_topic.pk)
    ]
    assert parse(client.get(admin_url(PressRelease))).xpath(WAITING)

    client.force_login(people["publisher"])
    step(client, release, "publish_changes")
    assert list(release.topics.all()) == [new_topic]
    assert list(release.people_quoted.all()) == [person]
    page = public_page(client, "/en/press-releases/live-en/")
    assert "Climate action" in page and "Health" not in page


def test_an_edit_of_the_working_copy_keeps_its_relations(client, people):
    """A second edit that leaves the topics alone keeps the working copy's."""
    new_topic = Topic.objects.create(name_en="Climate action", slug_en="climate")
    release = make_release("live")
    client.force_login(people["writer"])
    change = admin_url(PressRelease, "change", release.pk)
    data = form_data(client.get(change))
    data.update(topics=[str(new_topic.pk)])
    client.post(change, data)
    # Saved again: the public page keeps its topics all the same.
    client.post(change, form_data(client.get(change)))
    assert not release.topics.exists()
    data = form_data(client.get(change))
    data.update(lead_en="A second edit.")
    client.post(change, data)
    client.force_login(people["publisher"])
    step(client, release, "publish_changes")
    assert list(release.topics.all()) == [new_topic]
    assert release.lead_en == "A second edit."


def test_a_po_import_into_a_live_release_waits_for_publication(client, people):
    """A translator imports a French PO file for a live release: the French page
    stays as it was, the admin shows changes waiting and the audit trail has
    the import; the publisher publishes the changes and the page has them."""
    release = make_release("live", versions={"fr": "ready"})
    po = export_catalogue("fr", [PressRelease.objects.filter(pk=release.pk)])
    for entry in po:
        entry.msgstr = entry.msgstr or f"FR {entry.msgid}"
    po.find(
        f"newsroom.pressrelease:{release.pk}:lead", by="msgctxt"
    ).msgstr = "Un chapeau traduit à nouveau"
    client.force_login(people["translator"])
    assert import_french(client, po, "live-fr.po").status_code == 302

    page = public_page(client, "/fr/communiques-de-presse/live-fr/")
    assert "live lead fr" in page and "traduit à nouveau" not in page
    release.refresh_from_db()
    assert release.lead_fr == "live lead fr"
    client.force_login(people["publisher"])
    assert parse(client.get(admin_url(PressRelease))).xpath(WAITING)
    entry = AuditEntry.objects.get(action=Action.PO_IMPORT, object_id="")
    assert entry.actor == people["translator"]
    assert entry.details["file"] == "live-fr.po"
    assert (entry.details["items"], entry.details["fields"]) == (1, 1)

    step(client, release, "publish_changes")
    assert release.lead_fr == "Un chapeau traduit à nouveau"
    page = public_page(client, "/fr/communiques-de-presse/live-fr/")
    assert "Un chapeau traduit à nouveau" in page
    # A later export reads what was published.
    again = export_catalogue("fr", [PressRelease.objects.filter(pk=release.pk)])
    lead = again.find(f"newsroom.pressrelease:{release.pk}:lead", by="msgctxt")
    assert lead.msgstr == "Un chapeau traduit à nouveau"


def test_the_list_marks_ready_the_version_the_working_copy_has(client, people):
    """A translator's French text of a live release waits in its working copy:
    the list's "Mark the French version ready" marks that text ready there, the
    public page keeps no French until the publisher publishes the changes."""
    release = make_release("live")
    client.force_login(people["translator"])
    translate_in_form(client, release, "Le titre", "le-titre", "draft")

    response = client.post(
        admin_url(PressRelease),
        {"action": "mark_ready_fr", "_selected_action": [release.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "1 French version marked ready." in page
    assert "it waits, with its text, for a publisher" in page
    release.refresh_from_db()
    assert release.translation_state("fr") == "missing"
    assert release.title_fr in (None, "")

    client.force_login(people["publisher"])
    step(client, release, "publish_changes")
    release.refresh_from_db()
    assert release.translation_state("fr") == "ready"
    assert release.title_fr == "Le titre"


def test_the_changes_waiting_are_dated_in_the_staff_language(client, people):
    """The form of a live release with changes waiting says when they were saved
    as the admin writes a time in French ("1er décembre 2026 05:35"), not as
    "2026-12-01 05:35"."""
    release = make_release("live")
    client.force_login(people["translator"])
    change = admin_url(PressRelease, "change", release.pk)
    data = form_data(client.get(change))
    data.update(title_fr="Le titre", slug_fr="le-titre")
    assert client.post(change, data).status_code == 302
    copy = revisions.pending_copy(release)
    with translation.override("fr"):
        when = formats.date_format(
            timezone.localtime(copy.created_at), "DATETIME_FORMAT"
        )
    page = parse(client.get(change, headers={"accept-language": "fr"}))
    (banner,) = page.xpath("//p[@class='nr-working-copy']")
    assert f"par translator le {when}." in banner.text_content()
