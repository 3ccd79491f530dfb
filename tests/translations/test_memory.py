"""The translation memory: a text already translated elsewhere (the same after
normalising whitespace) comes pre-filled and fuzzy in the export, naming where
it came from; the memory goes out and comes back as TMX 1.4b."""

from io import StringIO

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation
from lxml import etree
from translate.storage import tmx

from newsroom.models import PressRelease
from newsroom.translations.exporting import export_catalogue
from newsroom.translations.importing import import_catalogue
from newsroom.translations.models import MemoryEntry, TranslatedSource
from tests.factories import make_release

from .conftest import publish_changes, reload

pytestmark = pytest.mark.django_db

MEMORY = "/admin/translations/memory/"
TMX = "/admin/translations/memory/tmx/"
BOILERPLATE = "IOM is the leading intergovernmental organization in migration."
TRADUCTION = "L’OIM est la principale organisation intergouvernementale."


@pytest.fixture
def editor(client):
    user = User.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return user


@pytest.fixture
def first(db):
    """A release whose boilerplate paragraph was translated into French by an
    import."""
    release = make_release(
        "first",
        title_en="First release",
        body_en=f"<p>News of the day.</p><p>{BOILERPLATE}</p>",
    )
    po = export_catalogue("fr", [PressRelease.objects.filter(pk=release.pk)])
    for entry in po:
        entry.msgstr = TRADUCTION if entry.msgid == BOILERPLATE else f"FR {entry.msgid}"
    import_catalogue(str(po), mark_ready=True)
    return release


def suggested(lang="fr"):
    """{msgctxt: entry} of the fuzzy suggestions of a full export."""
    return {
        entry.msgctxt: entry
        for entry in export_catalogue(lang)
        if entry.fuzzy and "translation memory" in entry.comment
    }


def test_an_identical_block_comes_pre_filled_and_fuzzy(first):
    """A new release with the same boilerplate (other spacing) gets its
    translation as a fuzzy suggestion naming the release it came from."""
    second = make_release(
        "second",
        title_en="Second release",
        body_en=f"<p>Other news.</p><p>{BOILERPLATE.replace(' ', '  ', 2)}</p>",
    )
    entries = suggested()
    entry = entries[f"newsroom.pressrelease:{second.pk}:body:1"]
    assert entry.msgstr == TRADUCTION
    assert f"newsroom.pressrelease:{first.pk}:body:1" in entry.comment
    assert "First release" in entry.comment
    # The blocks never translated elsewhere have no suggestion.
    for name in ("title", "body:0"):
        assert f"newsroom.pressrelease:{second.pk}:{name}" not in entries


def test_a_suggestion_is_not_imported_as_it_is(first, tmp_path):
    """A suggestion left fuzzy is not applied: the translator must accept it."""
    second = make_release("second", title_en="Second", body_en=f"<p>{BOILERPLATE}</p>")
    path = tmp_path / "second.po"
    call_command(
        "export_translations", "--language", "fr", "--model", "newsroom.pressrelease",
        "-o", str(path), stdout=StringIO(),
    )  # fmt: skip
    call_command("import_translations", str(path), stdout=StringIO())
    reload(second)
    assert not second.body_fr


def test_the_memory_round_trips_through_tmx(client, editor, first):
    """The TMX download, imported into an emptied memory, gives the same
    suggestions; translate-toolkit reads the file."""
    make_release("second", title_en="Second", body_en=f"<p>{BOILERPLATE}</p>")
    before = {ctxt: (e.msgstr, e.comment) for ctxt, e in suggested().items()}
    assert before
    response = client.get(TMX)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-tmx+xml")
    content = response.content

    document = etree.fromstring(content)
    assert document.get("version") == "1.4"
    store = tmx.tmxfile.parsestring(content)
    pairs = {(unit.source, unit.target) for unit in store.units}
    assert (BOILERPLATE, TRADUCTION) in pairs
    assert len(store.units) == MemoryEntry.objects.count()

    MemoryEntry.objects.all().delete()
    assert not suggested()
    response = client.post(
        MEMORY, {"file": SimpleUploadedFile("memory.tmx", content)}, follow=True
    )
    assert response.status_code == 200
    count = len(store.units)
    assert f"{count} translations added to the memory." in response.content.decode()
    after = {ctxt: (e.msgstr, e.comment) for ctxt, e in suggested().items()}
    assert after == before


def test_a_cat_tools_tmx_with_inline_codes_is_read(client, editor, db):
    """A TMX written by a CAT tool (regional language codes, the source language
    in the header, inline tags as codes) fills the memory."""
    strong = '<bpt i="1">&lt;strong&gt;</bpt>{}<ept i="1">&lt;/strong&gt;</ept>'
    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en-GB" segtype="sentence" o-tmf="x"
 adminlang="en" datatype="plaintext" creationtool="x" creationtoolversion="1"/>
<body><tu>
<tuv xml:lang="en-GB"><seg>The {strong.format("Director")}</seg></tuv>
<tuv xml:lang="fr-FR"><seg>La {strong.format("Directrice")}</seg></tuv>
</tu></body></tmx>"""
    response = client.post(
        MEMORY, {"file": SimpleUploadedFile("cat.tmx", content.encode())}
    )
    assert response.status_code == 302
    entry = MemoryEntry.objects.get()
    assert (entry.source_language, entry.target_language) == ("en", "fr")
    assert entry.source == "The <strong>Director</strong>"
    assert entry.target == "La <strong>Directrice</strong>"
    assert entry.origin == "TMX file cat.tmx"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<tmx><body><tu>", "not a valid TMX file"),
        (b"<html><body/></html>", "not a TMX file"),
        (
            b'<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b"<tmx><body/></tmx>",
            "not a valid TMX file",
        ),
    ],
    ids=["truncated", "not-tmx", "entities"],
)
def test_a_bad_tmx_file_is_refused_with_its_reason(client, editor, content, message):
    """A broken file, another XML document or one defining entities changes
    nothing and says why."""
    response = client.post(MEMORY, {"file": SimpleUploadedFile("bad.tmx", content)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MemoryEntry.objects.exists()


def test_a_translator_adds_only_their_languages(client, first):
    """A translator into Spanish importing a TMX with French gets the Spanish
    only, and is told what was left out."""
    user = User.objects.create_user("t", "t@example.org", "pw", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["change_pressrelease", "translate_es"])
    )
    client.force_login(user)
    content = b"""<tmx version="1.4"><header srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="fr"><seg>Bonjour</seg>
</tuv><tuv xml:lang="es"><seg>Hola</seg></tuv></tu></body></tmx>"""
    MemoryEntry.objects.all().delete()
    response = client.post(
        MEMORY, {"file": SimpleUploadedFile("m.tmx", content)}, follow=True
    )
    text = response.content.decode()
    assert "1 translation added to the memory." in text
    assert "1 translation into a language you do not translate was left out." in text
    assert list(MemoryEntry.objects.values_list("target_language", "target")) == [
        ("es", "Hola")
    ]


def test_the_memory_page_counts_per_language_pair(client, editor, first):
    """The page lists the memory's size per pair of languages."""
    response = client.get(MEMORY)
    assert response.status_code == 200
    rows = etree.HTML(response.content).xpath('//*[@id="memory-sizes"]//tbody/tr')
    cells = [[td.text for td in row.xpath("td")] for row in rows]
    assert cells == [["English", "French", str(MemoryEntry.objects.count())]]


def test_build_translation_memory_reads_the_ready_versions(db):
    """Content translated before the memory existed (rows written behind the
    hook's back) is put into it by the command, ready versions only."""
    ready = make_release("ready", title_en="Ready one", body_en="<p>Same.</p>")
    draft = make_release("draft", title_en="Draft one")
    PressRelease.objects.filter(pk=ready.pk).update(
        title_fr="Prête", body_fr="<p>Pareil.</p>", version_state_fr="ready"
    )
    PressRelease.objects.filter(pk=draft.pk).update(
        title_fr="Brouillon", version_state_fr="draft"
    )
    MemoryEntry.objects.all().delete()
    out = StringIO()
    call_command("build_translation_memory", stdout=out)
    pairs = set(
        MemoryEntry.objects.filter(target_language="fr").values_list("source", "target")
    )
    assert {("Ready one", "Prête"), ("Same.", "Pareil.")} <= pairs
    assert ("Draft one", "Brouillon") not in pairs
    assert "the memory holds" in out.getvalue()


def test_a_block_changed_into_a_known_text_gets_the_memorys_translation(first):
    """A release's paragraph rewritten as the boilerplate translated elsewhere
    comes fuzzy with the memory's translation, its previous source kept."""
    release = make_release("other", title_en="Other", body_en="<p>Old words.</p>")
    po = export_catalogue("fr", [PressRelease.objects.filter(pk=release.pk)])
    for entry in po:
        entry.msgstr = f"FR {entry.msgid}"
    import_catalogue(str(po), mark_ready=True)
    publish_changes(release)
    release.body_en = f"<p>{BOILERPLATE}</p>"
    release.save()

    entry = suggested()[f"newsroom.pressrelease:{release.pk}:body:0"]
    assert entry.msgstr == TRADUCTION
    assert entry.previous_msgid == "Old words."


def test_the_memory_and_the_recorded_sources_name_their_languages():
    """An entry of the memory and a recorded source name their languages in
    words, in the language active, as the admin does: not "[en→fr]"."""
    entry = MemoryEntry(source="Climate action", source_language="en")
    entry.target_language = "fr"
    source = TranslatedSource(context="newsroom.topic:1:name", language="es")
    assert str(entry) == "Climate action (English → French)"
    assert str(source) == "newsroom.topic:1:name (Spanish)"
    with translation.override("fr"):
        assert str(entry) == "Climate action (anglais → français)"
        assert str(source) == "newsroom.topic:1:name (espagnol)"
