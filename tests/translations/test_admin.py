"""Translations in the admin: the dashboard, the export form and action, and the
upload form with its preview, through real HTTP requests."""

import datetime

import polib
import pytest
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import Event, Photo, PressRelease
from newsroom.translations.exporting import export_catalogue
from newsroom.translations.models import PendingUpload
from tests.factories import make_office, make_release
from tests.photos import image_files

from .conftest import reload

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/translations/"
IMPORT = "/admin/translations/import/"
EXPORT = "/admin/translations/export/"
FORM_LANGUAGES = "//*[@id='content-main']//select[@name='language']/option"
MEMORY = "/admin/translations/memory/"
MEMORY_TMX = "/admin/translations/memory/tmx/"
PAGES = [DASHBOARD, IMPORT, EXPORT, MEMORY, MEMORY_TMX]


@pytest.fixture
def editor(client):
    user = User.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return user


def staff_with(client, *codenames):
    user = User.objects.create_user("staff", "staff@example.org", "pw", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    return user


def dashboard_cell(document, lang, label, state):
    (cell,) = document.xpath(
        f'//*[@id="language-{lang}"]//tr[@data-model="{label}"]'
        f'/td[@data-state="{state}"]'
    )
    return cell


def translated_po(release, lang="fr", title="Titre traduit", everything=False):
    po = export_catalogue(lang, [PressRelease.objects.filter(pk=release.pk)])
    if everything:
        for entry in po:
            entry.msgstr = f"[{lang}] {entry.msgid}"
    po.find(f"newsroom.pressrelease:{release.pk}:title", by="msgctxt").msgstr = title
    return str(po).encode()


def confirm(client, preview):
    """Post the preview's form, as the editor's "Import" button does."""
    (form,) = lxml_html.fromstring(preview.content).xpath('//*[@id="preview"]//form')
    data = {
        field.get("name"): field.get("value") or ""
        for field in form.xpath(".//input[@type='hidden']")
    }
    return client.post(IMPORT, data)


def upload(client, content, **fields):
    data = {"language": "fr", "dry_run": "on", **fields}
    data["file"] = _named_file(content)
    return client.post(IMPORT, data)


def _named_file(content):
    return SimpleUploadedFile(
        "release-fr.po", content, content_type="text/x-gettext-translation"
    )


# Dashboard


def test_dashboard_counts_match_the_content(client, editor):
    """Per language and content type: ready, draft, missing, outdated."""
    states_fr = ["ready", "ready", "draft", "outdated", "missing", "missing", None]
    for number, state in enumerate(states_fr):
        make_release(
            version_state_fr=state,
            version_state_es="ready" if number == 0 else "missing",
        )
    Event.objects.create(
        title_en="Summit",
        start="2024-11-12T09:00:00Z",
        end="2024-11-12T17:00:00Z",
        version_state_en=VersionState.READY,
        version_state_fr=VersionState.DRAFT,
    )
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    document = lxml_html.fromstring(response.content)
    expected = {
        ("fr", "newsroom.pressrelease"): {
            "ready": 2,
            "draft": 1,
            "missing": 3,
            "outdated": 1,
        },
        ("es", "newsroom.pressrelease"): {
            "ready": 1,
            "draft": 0,
            "missing": 6,
            "outdated": 0,
        },
        ("en", "newsroom.pressrelease"): {
            "ready": 7,
            "draft": 0,
            "missing": 0,
            "outdated": 0,
        },
        ("fr", "newsroom.event"): {"ready": 0, "draft": 1, "missing": 0, "outdated": 0},
        ("fr", "newsroom.page"): {"ready": 0, "draft": 0, "missing": 0, "outdated": 0},
    }
    for (lang, label), counts in expected.items():
        for state, count in counts.items():
            cell = dashboard_cell(document, lang, label, state)
            assert cell.text_content().strip() == str(count), (lang, label, state)


def test_dashboard_links_to_the_filtered_lists(client, editor):
    """Each count links to the admin list filtered on that language and state,
    and that list shows the counted items."""
    make_release(version_state_fr=VersionState.DRAFT)
    make_release(version_state_fr=VersionState.READY)
    make_release(version_state_fr=VersionState.MISSING)
    make_release(version_state_fr=None)
    document = lxml_html.fromstring(client.get(DASHBOARD).content)
    for state, count in (("draft", 1), ("ready", 1), ("missing", 2), ("outdated", 0)):
        cell = dashboard_cell(document, "fr", "newsroom.pressrelease", state)
        (link,) = cell.xpath(".//a/@href")
        listing = client.get(link)
        assert listing.status_code == 200, link
        assert listing.context["cl"].result_count == count, link


def test_dashboard_query_count_is_constant(client, editor):
    """The dashboard runs as many queries for 30 items of each kind as for 3."""

    def queries_with(size):
        for number in range(PressRelease.objects.count(), size):
            make_release(version_state_fr=["ready", "draft", "outdated"][number % 3])
            Event.objects.create(
                title_en=f"Event {number}",
                start="2024-11-12T09:00:00Z",
                end="2024-11-12T17:00:00Z",
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(DASHBOARD).status_code == 200
        return len(queries)

    assert queries_with(3) == queries_with(30)


def test_dashboard_shows_catalogue_completeness(client, editor, settings, tmp_path):
    """The interface catalogue's figures: translated, untranslated, fuzzy,
    obsolete; a language without a catalogue says so."""
    po = polib.POFile()
    po.metadata = {"Language": "fr", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="Home", msgstr="Accueil"))
    po.append(polib.POEntry(msgid="Search", msgstr="Recherche"))
    po.append(polib.POEntry(msgid="Offices", msgstr=""))
    po.append(polib.POEntry(msgid="Staff", msgstr="Personnel", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Old", msgstr="Vieux", obsolete=True))
    (tmp_path / "locale/fr/LC_MESSAGES").mkdir(parents=True)
    po.save(str(tmp_path / "locale/fr/LC_MESSAGES/django.po"))
    settings.BASE_DIR = tmp_path

    document = lxml_html.fromstring(client.get(DASHBOARD).content)

    (section,) = document.xpath('//*[@id="language-fr"]')
    figures = {
        row.get("data-count"): row.xpath("./td")[0].text_content().strip()
        for row in section.xpath('.//table[@class="catalogue"]//tr')
    }
    assert figures == {
        "translated": "2 / 4",
        "untranslated": "1",
        "fuzzy": "1",
        "obsolete": "1",
    }
    assert "50%" in section.xpath('.//table[@class="catalogue"]/caption')[0].text
    (spanish,) = document.xpath('//*[@id="language-es"]')
    assert spanish.xpath('.//*[@class="errornote"]')


def test_admin_index_links_to_the_dashboard(client, editor):
    """The admin home page links to the translation pages."""
    response = client.get(reverse("admin:index"))
    assert DASHBOARD.encode() in response.content
    assert IMPORT.encode() in response.content


SIDEBAR_TRANSLATIONS = "//nav[@id='nav-sidebar']//*[@id='translations-module']"


@pytest.mark.parametrize(
    "url", [DASHBOARD, IMPORT, MEMORY, "/admin/newsroom/pressrelease/"]
)
def test_sidebar_lists_the_translation_pages(client, editor, url):
    """The admin's sidebar, on every page that has one, offers the translation
    pages beside the apps, and marks the page the editor is on."""
    document = lxml_html.fromstring(client.get(url).content)
    (module,) = document.xpath(SIDEBAR_TRANSLATIONS)
    links = module.xpath(".//th[@scope='row']/a/@href")
    assert links == [DASHBOARD, EXPORT, IMPORT, MEMORY]
    current = module.xpath(".//a[@aria-current='page']/@href")
    assert current == ([url] if url.startswith(DASHBOARD) else [])


def test_sidebar_offers_no_translation_pages_to_staff_who_cannot_use_them(client):
    staff_with(client, "view_pressrelease")
    response = client.get("/admin/newsroom/pressrelease/")
    assert response.status_code == 200
    document = lxml_html.fromstring(response.content)
    assert document.xpath("//nav[@id='nav-sidebar']//caption")
    assert document.xpath(SIDEBAR_TRANSLATIONS) == []


@pytest.mark.parametrize("url", PAGES)
def test_pages_need_a_login(client, url):
    """Anonymous visitors are sent to the admin login."""
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("url", PAGES)
def test_pages_need_a_change_permission(client, url):
    """Staff without the change permission of any content get 403."""
    staff_with(client, "view_pressrelease")
    assert client.get(url).status_code == 403


# Export


def test_export_form_downloads_a_po_file(client, editor, content):
    """The export form answers a PO file of the chosen content and language."""
    response = client.get(EXPORT, {"language": "es", "models": "newsroom.topic"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/x-gettext-translation")
    assert "attachment" in response["Content-Disposition"]
    po = polib.pofile(response.content.decode())
    assert po.metadata["Language"] == "es"
    assert [entry.msgctxt for entry in po] == [
        f"newsroom.topic:{content['topic'].pk}:name"
    ]


def test_export_header_names_the_language_in_the_editors_language(
    client, editor, content
):
    """In a French admin, the file's header says "espagnol", not "Spanish"."""
    response = client.get(EXPORT, {"language": "es"}, headers={"accept-language": "fr"})
    header = polib.pofile(response.content.decode()).header
    assert "espagnol" in header
    assert "Spanish" not in header


@pytest.mark.parametrize(
    "query",
    [{"language": "xx"}, {"language": "fr", "models": "auth.user"}, {"only": "x"}],
)
def test_export_form_bad_parameters_are_400(client, editor, query):
    """An unknown language, model or filter is a 400, not a 500."""
    assert client.get(EXPORT, query).status_code == 400


def test_export_action_on_the_release_list(client, editor, content):
    """The release list's action asks for the language, then downloads the PO
    file of the selected releases."""
    release = content["release"]
    changelist = reverse("admin:newsroom_pressrelease_changelist")
    selection = {"action": "export_for_translation", "_selected_action": [release.pk]}
    page = client.post(changelist, {**selection, "index": "0"})
    assert page.status_code == 200
    assert b'name="translation-language"' in page.content

    response = client.post(changelist, {**selection, "translation-language": "fr"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    contexts = {entry.msgctxt for entry in polib.pofile(response.content.decode())}
    assert f"newsroom.pressrelease:{release.pk}:title" in contexts
    assert not any(ctxt.startswith("newsroom.topic") for ctxt in contexts)


@pytest.mark.parametrize(
    ("model", "obj"), [("event", "event"), ("page", "page")], ids=["event", "page"]
)
def test_export_action_on_events_and_pages(client, editor, content, model, obj):
    """Events and pages have the action too."""
    changelist = reverse(f"admin:newsroom_{model}_changelist")
    response = client.post(
        changelist,
        {
            "action": "export_for_translation",
            "_selected_action": [content[obj].pk],
            "translation-language": "es",
        },
    )
    assert "attachment" in response["Content-Disposition"]
    (entry, *_rest) = polib.pofile(response.content.decode())
    assert entry.msgctxt.startswith(f"newsroom.{model}:{content[obj].pk}:")


# Import


def test_upload_previews_then_imports(client, editor, release):
    """A dry run shows the changes and saves nothing; posting the preview's form
    applies them and the version becomes draft."""
    response = upload(client, translated_po(release))
    assert response.status_code == 200
    document = lxml_html.fromstring(response.content)
    changes = [row.text_content() for row in document.xpath('//tr[@class="change"]')]
    assert any(":title" in row and "Titre traduit" in row for row in changes)
    assert any(":slug" in row and "titre-traduit" in row for row in changes)
    reload(release)
    assert release.title_fr in ("", None)

    response = confirm(client, response)
    assert response.status_code == 302
    assert response["Location"] == DASHBOARD
    reload(release)
    assert release.title_fr == "Titre traduit"
    assert release.translation_state("fr") == VersionState.DRAFT


def test_upload_without_dry_run_marks_ready(client, editor, release):
    """Unticking the preview imports at once; "mark ready" makes a fully
    translated version ready."""
    response = client.post(
        IMPORT,
        {
            "language": "fr",
            "mark_ready": "on",
            "file": _named_file(translated_po(release, everything=True)),
        },
    )
    assert response.status_code == 302
    reload(release)
    assert release.title_fr == "Titre traduit"
    assert release.translation_state("fr") == VersionState.READY


def test_mark_ready_preview_names_the_versions_left_draft(client, editor, release):
    """The preview says which versions "mark ready" would leave draft, and why;
    the import then keeps them draft and says so."""
    preview = upload(client, translated_po(release), mark_ready="on")
    (item,) = lxml_html.fromstring(preview.content).xpath('//li[@class="not-ready"]')
    assert f"newsroom.pressrelease:{release.pk}" in item.text_content()
    assert "empty, fuzzy or refused" in item.text_content()

    response = confirm(client, preview)
    assert response.status_code == 302
    reload(release)
    assert release.title_fr == "Titre traduit"
    assert release.translation_state("fr") == VersionState.DRAFT


def test_preview_lists_read_in_french(client, editor, release):
    """In French, the preview's refusals and versions left draft name the item
    and put a no-break space before their colon."""
    content = translated_po(release, everything=True)
    release.lead_en = "A lead rewritten since the export."
    release.save()
    client.cookies["django_language"] = "fr"
    response = upload(client, content, mark_ready="on")
    preview = lxml_html.fromstring(response.content.decode())
    (refused,) = preview.xpath('//li[@class="refused"]')
    assert "\u00a0: Le texte source a changé" in refused.text_content()
    (item,) = preview.xpath('//li[@class="not-ready"]')
    assert item.text_content().startswith(str(release))
    assert "(Brouillon)\u00a0: " in item.text_content()


def test_import_message_counts_in_good_english(client, editor, release):
    """One field of one item: the confirmation is in the singular."""
    response = client.post(
        IMPORT,
        {"language": "fr", "file": _named_file(translated_po(release))},
        follow=True,
    )
    texts = [str(message) for message in response.context["messages"]]
    assert "1 item updated: 2 fields imported." in texts


def test_a_file_larger_than_the_form_limit_imports_after_its_preview(
    client, editor, release, settings
):
    """The preview keeps the file on the server: confirming a file larger than
    DATA_UPLOAD_MAX_MEMORY_SIZE posts back a key, not the file, and imports it."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 4096
    content = translated_po(release, title="Un titre traduit")
    content += b"\n# A translator's note. " * 300
    assert len(content) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    preview = upload(client, content)
    assert preview.status_code == 200
    response = confirm(client, preview)

    assert response.status_code == 302
    reload(release)
    assert release.title_fr == "Un titre traduit"


def test_the_kept_file_survives_another_worker(client, editor, release):
    """The confirmation works when it reaches a worker that did not see the
    preview: the local cache cleared in between, the file is still kept (in the
    database), and it is removed once imported."""
    preview = upload(client, translated_po(release, title="Vu par un autre"))
    cache.clear()
    assert PendingUpload.objects.filter(user=editor).count() == 1
    response = confirm(client, preview)
    assert response.status_code == 302
    reload(release)
    assert release.title_fr == "Vu par un autre"
    assert not PendingUpload.objects.exists()


def test_kept_files_expire_after_an_hour(client, editor, release):
    """A preview older than an hour cannot be confirmed, and the next upload
    removes the old files."""
    preview = upload(client, translated_po(release))
    PendingUpload.objects.update(
        created_at=timezone.now() - datetime.timedelta(hours=1, minutes=1)
    )
    response = confirm(client, preview)
    assert response.status_code == 200
    assert "upload the file again" in response.content.decode()
    upload(client, translated_po(release, title="Encore"))
    assert PendingUpload.objects.count() == 1
    assert PendingUpload.objects.get().created_at > timezone.now() - (
        datetime.timedelta(minutes=1)
    )


def test_the_kept_file_belongs_to_its_uploader(client, editor, release):
    """Another editor posting the same key imports nothing."""
    preview = upload(client, translated_po(release))
    other = User.objects.create_superuser("other", "other@example.org", "pw")
    client.force_login(other)
    response = confirm(client, preview)
    assert response.status_code == 200
    assert "upload the file again" in response.content.decode()
    reload(release)
    assert release.title_fr in ("", None)


@pytest.mark.parametrize(
    ("content", "language", "message"),
    [
        (b'msgid "broken', "fr", "not a valid PO file"),
        (None, "es", "translation into fr, not es"),
    ],
    ids=["malformed", "wrong-language"],
)
def test_upload_errors_are_shown_and_change_nothing(
    client, editor, release, content, language, message
):
    """A bad file is refused with its reason on the form; nothing changes."""
    content = content or translated_po(release)
    response = client.post(IMPORT, {"language": language, "file": _named_file(content)})
    assert response.status_code == 200
    assert message in response.content.decode()
    reload(release)
    assert release.title_fr in ("", None)


def test_a_null_character_is_refused_at_the_preview(client, editor, release):
    """A translation with a null character, which PostgreSQL cannot store: the
    preview names its entry and offers no import, and an import without a
    preview changes nothing either."""
    content = translated_po(release, title="Titre\x00traduit", everything=True)
    direct = {"language": "fr", "file": _named_file(content)}
    for response in (upload(client, content), client.post(IMPORT, direct)):
        assert response.status_code == 200
        page = response.content.decode()
        assert "Null characters" in page
        assert f"newsroom.pressrelease:{release.pk}:title" in page
        assert not lxml_html.fromstring(page).xpath('//*[@id="preview"]')
    reload(release)
    assert (release.title_fr, release.lead_fr) in (("", ""), (None, None))


def test_upload_needs_the_permission_of_every_model_it_changes(client, release):
    """Staff who may change topics only cannot import release translations."""
    staff_with(client, "change_topic", "translate_fr")
    response = client.post(
        IMPORT, {"language": "fr", "file": _named_file(translated_po(release))}
    )
    assert response.status_code == 200
    assert "You may not change press releases" in response.content.decode()
    reload(release)
    assert release.title_fr in ("", None)


def test_a_translator_imports_only_their_language(client, release):
    """A translator into Spanish who uploads a French file is refused with the
    reason, and nothing changes; their Spanish file is imported."""
    staff_with(client, "change_pressrelease", "translate_es")
    response = client.post(IMPORT, {"file": _named_file(translated_po(release))})
    assert response.status_code == 200
    assert "You may not translate into French" in response.content.decode()
    reload(release)
    assert release.title_fr in ("", None)

    spanish = translated_po(release, lang="es", title="Título traducido")
    response = client.post(IMPORT, {"file": _named_file(spanish)})
    assert response.status_code == 302
    reload(release)
    assert release.title_es == "Título traducido"


def test_a_translator_is_offered_their_languages(client, release):
    """A translator into French imports French files only: the import form
    offers no other language; the export form, and the list's export, start
    on French."""
    staff_with(client, "change_pressrelease", "translate_fr")
    document = lxml_html.fromstring(client.get(IMPORT).content)
    offered = document.xpath(FORM_LANGUAGES + "/@value")
    assert offered == ["", "fr"]
    document = lxml_html.fromstring(client.get(EXPORT).content)
    chosen = document.xpath(FORM_LANGUAGES + "[@selected]/@value")
    assert chosen == ["fr"]
    response = client.post(
        "/admin/newsroom/pressrelease/",
        {"action": "export_for_translation", "_selected_action": [release.pk]},
    )
    document = lxml_html.fromstring(response.content)
    select = "//select[@name='translation-language']/option[@selected]/@value"
    assert document.xpath(select) == ["fr"]


# The preview


def preview_rows(response):
    document = lxml_html.fromstring(response.content)
    return {
        row.xpath("th/code")[0].text: (
            row.xpath('td[@class="old"]')[0],
            row.xpath('td[@class="new"]')[0],
        )
        for row in document.xpath('//tr[@class="change"]')
    }


def test_the_preview_shows_a_changed_block_in_full_with_its_word_diff(
    client, editor, release
):
    """A change in the last block of a long body is shown whole, old and new,
    with the words removed and added marked; the unchanged blocks are not
    listed."""
    po = export_catalogue("fr", [PressRelease.objects.filter(pk=release.pk)])
    for entry in po:
        entry.msgstr = f"[fr] {entry.msgid}" + " long" * 30
    client.post(
        IMPORT, {"language": "fr", "file": _named_file(str(po).encode())}
    )  # imported at once: no preview
    last = po.find(f"newsroom.pressrelease:{release.pk}:body:4", by="msgctxt")
    last.msgstr = last.msgstr.replace("answer.", "question.")
    response = upload(client, str(po).encode())

    rows = preview_rows(response)
    assert list(rows) == [f"newsroom.pressrelease:{release.pk}:body:4"]
    old, new = rows[f"newsroom.pressrelease:{release.pk}:body:4"]
    assert old.text_content() == last.msgstr.replace("question.", "answer.")
    assert new.text_content() == last.msgstr
    assert [d.text for d in old.xpath("del")] == ["answer."]
    assert [i.text for i in new.xpath("ins")] == ["question."]


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_preview_marks_up_the_text_in_its_language(client, editor, release, lang):
    """The current and the imported text of a preview are in the file's
    language, and say so (lang) for a screen reader to read them in it; the
    field's context, in no language, does not."""
    po = translated_po(release, lang=lang, everything=True)
    response = upload(client, po, language="")
    rows = preview_rows(response)
    assert rows
    for old, new in rows.values():
        assert (old.get("lang"), new.get("lang")) == (lang, lang)
    document = lxml_html.fromstring(response.content)
    assert not document.xpath('//tr[@class="change"]/th[@lang]')


def test_the_preview_of_a_first_translation_shows_each_block(client, editor, release):
    """A body translated for the first time is previewed block by block, as the
    file has it, not as the HTML of the whole body."""
    po = export_catalogue("fr", [PressRelease.objects.filter(pk=release.pk)])
    for entry in po:
        entry.msgstr = f"[fr] {entry.msgid}"
    rows = preview_rows(upload(client, str(po).encode()))
    body = f"newsroom.pressrelease:{release.pk}:body"
    assert [context for context in rows if context.startswith(body)] == [
        f"{body}:{index}" for index in range(5)
    ]
    old, new = rows[f"{body}:0"]
    assert (old.text_content(), new.text_content()) == (
        "",
        "[fr] Migration and climate",
    )


def test_a_block_added_to_the_source_is_previewed_alone(client, editor, release):
    """The English body gained a paragraph at its top after the French was
    imported: the file has one block more than the French body, and the preview
    shows that block as new, not the whole body as one changed text. (A draft:
    a live release's changes wait in its working copy.)"""
    release.state = PublicationState.DRAFT
    release.save()
    po = export_catalogue("fr", [PressRelease.objects.filter(pk=release.pk)])
    for entry in po:
        entry.msgstr = f"[fr] {entry.msgid}"
    client.post(IMPORT, {"language": "fr", "file": _named_file(str(po).encode())})
    release.refresh_from_db()
    release.body_en = "<p>A new first paragraph.</p>" + release.body_en
    release.save()

    po = export_catalogue("fr", [PressRelease.objects.filter(pk=release.pk)])
    for entry in po:
        entry.msgstr = f"[fr] {entry.msgid}"
    rows = preview_rows(upload(client, str(po).encode()))

    body = f"newsroom.pressrelease:{release.pk}:body"
    assert [context for context in rows if context.startswith(body)] == [f"{body}:0"]
    old, new = rows[f"{body}:0"]
    assert (old.text_content(), new.text_content()) == (
        "",
        "[fr] A new first paragraph.",
    )


def test_the_preview_is_paginated_and_its_pages_confirm_the_whole_file(client, editor):
    """Thirty changed titles make two pages; the second page is a link to the
    file kept on the server, and its form imports every change."""
    for number in range(30):
        make_release(f"r{number}", title_en=f"Release {number}")
    po = export_catalogue("fr", [PressRelease.objects.all()])
    for entry in po:
        if entry.msgctxt.endswith(":title"):
            entry.msgstr = f"Communiqué {entry.msgid.split()[-1]}"
    first = upload(client, str(po).encode())
    # Thirty titles and thirty slugs.
    assert len(preview_rows(first)) == 25
    (next_link,) = lxml_html.fromstring(first.content).xpath('//a[@rel="next"]')
    second = client.get(IMPORT + next_link.get("href"))
    assert second.status_code == 200
    assert len(preview_rows(second)) == 25
    assert "Page 2 of 3 (60 changed segments)" in " ".join(
        second.content.decode().split()
    )
    assert PressRelease.objects.filter(title_fr__startswith="Communiqué").count() == 0

    response = confirm(client, second)
    assert response.status_code == 302
    titles = [reload(release).title_fr for release in PressRelease.objects.all()]
    assert sum(title.startswith("Communiqué") for title in titles) == 30


def test_a_releases_export_carries_its_photo_and_the_import_translates_it(
    client, editor, release
):
    """The selection's file has the alt text and caption of the release's photo
    (and its issuing office's name); imported, they are the photo's French."""
    photo = Photo.objects.create(
        image=SimpleUploadedFile("harbour.png", image_files.png_from_editor((40, 30))),
        alt_text_en="A harbour at dawn",
        caption_en="Boats leave the harbour of Baku.",
    )
    release.main_photo = photo
    release.issuing_office = make_office("geneva")
    release.save()
    response = client.post(
        reverse("admin:newsroom_pressrelease_changelist"),
        {
            "action": "export_for_translation",
            "_selected_action": [release.pk],
            "translation-language": "fr",
        },
    )
    po = polib.pofile(response.content.decode())
    entries = {entry.msgctxt: entry for entry in po}
    alt = entries[f"newsroom.photo:{photo.pk}:alt_text"]
    caption = entries[f"newsroom.photo:{photo.pk}:caption"]
    assert alt.msgid == "A harbour at dawn"
    assert caption.msgid == "Boats leave the harbour of Baku."
    assert f"organisation.office:{release.issuing_office_id}:name" in entries
    alt.msgstr = "Un port à l’aube"
    caption.msgstr = "Des bateaux quittent le port de Bakou."

    response = client.post(IMPORT, {"file": _named_file(str(po).encode())})
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.alt_text_fr == "Un port à l’aube"
    assert photo.caption_fr == "Des bateaux quittent le port de Bakou."
