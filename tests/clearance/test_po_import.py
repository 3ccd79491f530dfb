"""What a PO import tells the translator and leaves in the history of each item
it changes: a live item's translations wait for a publisher to publish the
changes, a draft's version is ready for when the draft is published."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import PressRelease, Quote
from newsroom.translations.exporting import export_catalogue
from tests.factories import make_release, parse, text_of
from tests.translations.test_admin import confirm, translated_po, upload

from .conftest import admin_url
from .test_roles import step

pytestmark = pytest.mark.django_db

MESSAGES = "//ul[@class='messagelist']/li"


def import_in_admin(client, content, language="en"):
    """Upload `content` as release-fr.po with "mark ready" and confirm its
    preview, in the staff member's language; the page shown next."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = confirm(client, upload(client, content, mark_ready="on"))
    assert response.status_code == 302
    return parse(client.get(response["Location"]))


def messages_on(page):
    return [message.text_content() for message in page.xpath(MESSAGES)]


def in_french(*releases):
    """The French PO file of `releases`, every entry translated."""
    pks = [release.pk for release in releases]
    po = export_catalogue("fr", [PressRelease.objects.filter(pk__in=pks)])
    for entry in po:
        # A memory's suggestion (another release's city) comes fuzzy.
        entry.msgstr, entry.fuzzy = f"[fr] {entry.msgid}", False
    return po


def test_an_import_into_a_live_release_says_it_waits_for_a_publisher(client, people):
    """The French of a live release, imported in full with "mark ready": the
    message names the release (a link to it) as waiting for a publisher and
    marks no version ready; the public page keeps its French, and the list's
    "changes waiting" filter finds the release, until a publisher publishes."""
    release = make_release("live", versions={"fr": VersionState.READY})
    content = translated_po(release, title="Titre importé", everything=True)
    client.force_login(people["translator"])
    page = import_in_admin(client, content)

    shown = messages_on(page)
    assert (
        "The imported text of 1 live item waits for a publisher to publish the "
        "changes; until then its public page shows the earlier text: "
        "live title en." in shown
    ), shown
    assert not [text for text in shown if "marked ready" in text], shown
    change = admin_url(PressRelease, "change", release.pk)
    assert page.xpath(f"{MESSAGES}/a/@href") == [change]
    public = client.get("/fr/communiques-de-presse/live-fr/").content.decode()
    assert "live title fr" in public and "Titre importé" not in public

    client.force_login(people["publisher"])
    listing = parse(client.get(admin_url(PressRelease) + "?changes_waiting=yes"))
    rows = listing.xpath(
        f"//table[@id='result_list']//a[starts-with(@href, '{change}')]"
    )
    assert len(rows) == 1
    step(client, release, "publish_changes")
    public = client.get("/fr/communiques-de-presse/live-fr/").content.decode()
    assert "Titre importé" in public


def test_the_message_reads_in_the_staff_members_language(client, people):
    """A translator whose admin is in French reads that the import waits for a
    publisher in French."""
    release = make_release("enattente", versions={"fr": VersionState.DRAFT})
    client.force_login(people["translator"])
    page = import_in_admin(client, translated_po(release, everything=True), "fr")
    shown = messages_on(page)
    assert (
        "Le texte importé de 1 élément en ligne attend qu’un responsable de la "
        "publication publie les modifications\u202f; d’ici là, sa page publique "
        "montre le texte précédent\u00a0: enattente title en." in shown
    ), shown


def test_an_import_into_a_draft_marks_its_version_ready(client, people):
    """The French of a draft, imported in full with "mark ready", is ready at
    once, and the message says it goes public when the draft is published;
    nothing waits for a publisher."""
    release = make_release("draft", state=PublicationState.DRAFT)
    client.force_login(people["translator"])
    page = import_in_admin(client, translated_po(release, everything=True))

    shown = messages_on(page)
    assert (
        "1 version marked ready: it will be public when its item is published." in shown
    ), shown
    assert not [text for text in shown if "waits for a publisher" in text], shown
    release.refresh_from_db()
    assert release.title_fr == "Titre traduit"
    assert release.translation_state("fr") == VersionState.READY


@pytest.mark.parametrize(
    ("language", "details"),
    [
        ("en", "Language: French; PO file: release-fr.po; Fields: title"),
        (
            "fr",
            "Langue\u00a0: français\u202f; Fichier PO\u00a0: release-fr.po\u202f; "
            "Champs\u00a0: titre",
        ),
    ],
)
def test_the_history_of_an_imported_release_names_the_file_and_the_translator(
    client, people, language, details
):
    """A publisher opening the history of a release whose French was imported
    sees the import among its entries: who, the file, the language and the
    fields, in their own language."""
    release = make_release("traced", versions={"fr": VersionState.READY})
    client.force_login(people["translator"])
    import_in_admin(client, translated_po(release, title="Titre importé"))

    client.force_login(people["publisher"])
    history = admin_url(PressRelease, "history", release.pk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    tree = parse(client.get(history))
    rows = [
        [text_of(row, f"./td[{column}]") for column in (2, 4)]
        for row in tree.xpath("//table[@id='audit-entries']/tbody/tr")
    ]
    assert ["translator", details] in rows, rows


def test_a_quote_imported_into_a_live_release_is_the_releases(client, people):
    """A file translating only a quote of a live release: the message names the
    release as waiting, and the release's history has the import, the quotes as
    its field."""
    release = make_release("quoted", versions={"fr": VersionState.READY})
    quote = Quote.objects.create(release=release, text_en="Words", text_fr="Mots")
    po = export_catalogue("fr", [Quote.objects.filter(pk=quote.pk)])
    po.find(f"newsroom.quote:{quote.pk}:text", by="msgctxt").msgstr = "Mots neufs"
    client.force_login(people["translator"])
    page = import_in_admin(client, str(po).encode())

    change = admin_url(PressRelease, "change", release.pk)
    assert page.xpath(f"{MESSAGES}/a/@href") == [change]
    client.force_login(people["publisher"])
    tree = parse(client.get(admin_url(PressRelease, "history", release.pk)))
    assert "Fields: quotes" in text_of(tree, "//table[@id='audit-entries']")


def test_many_live_items_are_counted_after_the_first_named(client, people, monkeypatch):
    """Past the items named, the message counts the others."""
    monkeypatch.setattr("newsroom.translations.views.NAMED_ITEMS", 1)
    first, second = make_release("first"), make_release("second")
    po = in_french(first, second)
    client.force_login(people["translator"])
    page = import_in_admin(client, str(po).encode())

    shown = messages_on(page)
    assert (
        "The imported text of 2 live items waits for a publisher to publish the "
        "changes; until then their public pages show the earlier text: "
        "first title en and 1 more." in shown
    ), shown


def test_the_preview_says_which_items_will_wait_for_a_publisher(client, people):
    """Before the import, the preview lists the live release among the items
    that will wait for a publisher, and the draft among those marked ready."""
    live = make_release("prevlive", versions={"fr": VersionState.READY})
    draft = make_release("prevdraft", state=PublicationState.DRAFT)
    po = in_french(live, draft)
    client.force_login(people["translator"])
    preview = parse(upload(client, str(po).encode(), mark_ready="on"))
    listed = {
        kind: [item.text_content() for item in preview.xpath(f"//li[@class='{kind}']")]
        for kind in ("ready", "waiting")
    }
    assert listed == {"ready": ["prevdraft title en"], "waiting": ["prevlive title en"]}


def test_the_command_says_which_items_wait_for_a_publisher(tmp_path):
    """One file for a live release and a draft: the command says that the live
    one waits for a publisher and that the draft's version is marked ready."""
    live = make_release("cmdlive", versions={"fr": VersionState.DRAFT})
    draft = make_release("cmddraft", state=PublicationState.DRAFT)
    po = in_french(live, draft)
    path = tmp_path / "both-fr.po"
    po.save(str(path))
    out = io.StringIO()
    call_command("import_translations", str(path), "--mark-ready", stdout=out)
    out = out.getvalue()
    waiting = [line for line in out.splitlines() if line.startswith("Waits")]
    assert waiting == [
        "Waits for a publisher to publish the changes: "
        f"newsroom.pressrelease:{live.pk} (French) (ready once published) "
        "cmdlive title en"
    ], out
    assert (
        "1 marked ready, 1 ready once the changes are published, 0 not; "
        "1 live object(s) wait for a publisher to publish the changes;"
    ) in out, out
