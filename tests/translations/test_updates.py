"""When the original changes after a translation: only the blocks that changed
come fuzzy in the next export, each with the source it was translated from as
`#| msgid`, and the version is ready again once they are translated."""

from io import StringIO

import polib
import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from lxml import html as lxml_html
from translate.storage import factory

from newsroom.core.publication import VersionState
from newsroom.core.typography import typeset
from newsroom.models import Topic
from tests.factories import make_release

from .conftest import publish_changes, reload

pytestmark = pytest.mark.django_db

QUOTE = "Mobility is part of the answer."


def import_file(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_translations", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def translate(path, lang="fr"):
    """Fill every entry, as a translator would, and remove the fuzzy marks."""
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = f"[{lang}] {entry.msgid}"
        entry.flags = []
    po.save(str(path))


@pytest.fixture
def translated(release, export):
    """The release translated into French by an import, and ready."""
    path = export("--language", "fr")
    translate(path)
    import_file(path, "--mark-ready")
    publish_changes(release)
    assert release.translation_state("fr") == VersionState.READY
    return release


def change_quote(release, text="Mobility is part of every answer."):
    release.body_en = release.body_en.replace(QUOTE, text)
    release.save()
    reload(release)


def test_one_changed_paragraph_is_the_one_fuzzy_entry(translated, export):
    """One paragraph of the body changed: the outdated export has exactly one
    fuzzy entry, with the old source as previous msgid and the old translation;
    the other entries keep their translation."""
    change_quote(translated)
    assert translated.translation_state("fr") == VersionState.OUTDATED

    out = StringIO()
    path = export("--language", "fr", "--only-outdated", stdout=out)
    assert "8 entries written" in out.getvalue()
    assert "1 of them fuzzy" in out.getvalue()
    po = polib.pofile(str(path))
    fuzzy = [entry for entry in po if entry.fuzzy]
    assert [entry.msgid for entry in fuzzy] == ["Mobility is part of every answer."]
    (entry,) = fuzzy
    assert entry.previous_msgid == QUOTE
    assert entry.msgstr == f"[fr] {QUOTE}"
    assert f'#| msgid "{QUOTE}"' in path.read_text()
    others = [entry for entry in po if not entry.fuzzy]
    assert len(others) == 7
    assert all(entry.msgstr == f"[fr] {entry.msgid}" for entry in others)


def test_translate_toolkit_reads_the_previous_source(translated, export):
    """translate-toolkit, which Pootle and Weblate build on, reads the file and
    the previous source of the changed entry."""
    change_quote(translated)
    path = export("--language", "fr", "--only-outdated")
    store = factory.getobject(str(path))
    units = [unit for unit in store.units if not unit.isheader()]
    (changed,) = [unit for unit in units if unit.isfuzzy()]
    assert changed.prev_source == QUOTE
    assert changed.source == "Mobility is part of every answer."
    assert len(units) == 8


def test_translating_the_changed_block_makes_the_version_ready(translated, export):
    """Importing the changed block's new translation with --mark-ready makes the
    version ready, the other blocks as they were."""
    change_quote(translated)
    before = translated.body_fr
    path = export("--language", "fr", "--only-outdated")
    po = polib.pofile(str(path))
    (entry,) = [entry for entry in po if entry.fuzzy]
    entry.msgstr = "La mobilité fait partie de toute réponse."
    entry.flags.remove("fuzzy")
    po.save(str(path))

    out, err = import_file(path, "--mark-ready")

    reload(translated)
    assert translated.translation_state("fr") == VersionState.READY, err
    assert "La mobilité fait partie de toute réponse." in translated.body_fr
    assert before.replace(f"[fr] {QUOTE}", "") == translated.body_fr.replace(
        "La mobilité fait partie de toute réponse.", ""
    )
    assert "0 marked ready, 1 ready once the changes are published, 0 not" in out
    # Ready again: the next export has nothing fuzzy.
    path = export("--language", "fr")
    assert not [entry for entry in polib.pofile(str(path)) if entry.fuzzy]


def test_an_inserted_paragraph_comes_empty_the_others_translated(translated, export):
    """A paragraph added to the body is an empty entry; the blocks after it keep
    their translation."""
    translated.body_en = translated.body_en.replace(
        "<ul>", "<p>A new paragraph.</p><ul>"
    )
    translated.save()
    po = polib.pofile(str(export("--language", "fr", "--only-outdated")))
    body = [entry for entry in po if ":body:" in entry.msgctxt]
    assert [entry.msgid for entry in body][2] == "A new paragraph."
    assert [entry.msgstr[:5] for entry in body] == ["[fr] "] * 2 + [""] + ["[fr] "] * 3
    assert body[5].msgstr == f"[fr] {QUOTE}"
    assert not [entry for entry in po if entry.fuzzy]


def test_the_dashboard_counts_the_blocks_each_outdated_version_lacks(
    client, translated
):
    """The translations dashboard lists the outdated version with the number of
    its blocks to translate again: the changed paragraph and the new one."""
    change_quote(translated)
    translated.body_en = translated.body_en.replace("<ul>", "<p>New.</p><ul>")
    translated.save()
    client.force_login(User.objects.create_superuser("e", "e@example.org", "pw"))
    document = lxml_html.fromstring(client.get("/admin/translations/").content)
    (row,) = document.xpath('//*[@id="outdated-fr"]/tbody/tr')
    assert translated.title_en in row.text_content()
    assert row.xpath("td/@data-lacking") == ["2"]
    assert not document.xpath('//*[@id="outdated-es"]')


def test_a_version_marked_ready_in_the_admin_is_recorded_too(release, export):
    """A translation typed by an editor and saved ready is compared the same
    way: a changed title is the one fuzzy entry."""
    release.title_fr = "Le Directeur régional à Bakou"
    release.lead_fr = "Un appel."
    release.body_fr = release.body_en
    release.dateline_city_fr = "Bakou"
    release.version_state_fr = VersionState.READY
    release.save()
    release.title_en = "The Regional Director speaks in Baku"
    release.save()

    po = polib.pofile(str(export("--language", "fr", "--only-outdated")))
    (entry,) = [entry for entry in po if entry.fuzzy]
    assert entry.msgctxt.endswith(":title")
    assert entry.previous_msgid == "Regional Director speaks at the Baku summit"
    assert entry.msgstr == "Le Directeur régional à Bakou"


def test_content_without_states_is_outdated_where_its_source_changed(db, export):
    """A topic translated by an import whose English name changes comes in the
    outdated export, fuzzy with its previous name."""
    topic = Topic.objects.create(name_en="Climate action", slug_en="climate")
    path = export("--language", "fr", "--model", "newsroom.topic")
    translate(path)
    import_file(path)
    topic.refresh_from_db()
    topic.name_en = "Climate and environment"
    topic.save()
    po = polib.pofile(str(export("--language", "fr", "--only-outdated")))
    (entry,) = list(po)
    assert entry.fuzzy
    assert entry.previous_msgid == "Climate action"
    assert entry.msgstr == "[fr] Climate action"


def test_french_punctuation_is_set_on_import(release, export):
    """Imported French gets the public site's no-break spaces, in plain fields
    and in rich-text blocks alike."""
    path = export("--language", "fr")
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = "Réunion : est-ce demain ?"
    po.save(str(path))
    import_file(path)
    reload(release)
    assert release.title_fr == "Réunion\u00a0: est-ce demain\u202f?"
    # The sanitiser writes the no-break space as an entity.
    assert "<p>Réunion&nbsp;: est-ce demain\u202f?</p>" in release.body_fr


@pytest.mark.parametrize("spaces", ["typed", "set"])
def test_an_untouched_export_imports_as_unchanged(export, spaces):
    """French typed with plain spaces before its colon and question mark (the
    public site sets them when it renders), or with the no-break spaces an import
    sets, comes back from its own export unchanged: nothing is changed and the
    version stays ready."""
    title, body = (
        "Réunion : est-ce demain ?",
        "<p>Réunion : demain ?</p><p>« Oui ! »</p>",
    )
    if spaces == "set":
        title, body = typeset(title, "fr"), typeset(body, "fr")
    release = make_release(
        "typed",
        versions={"fr": VersionState.READY},
        body_en="<p>Meeting: tomorrow?</p><p>“Yes!”</p>",
        title_fr=title,
        body_fr=body,
    )
    stored = (release.title_fr, release.body_fr)
    out, _err = import_file(
        export("--language", "fr", "--model", "newsroom.pressrelease")
    )
    assert "Changed" not in out
    assert "0 refused, 0 empty or fuzzy, 4 unchanged" in out
    reload(release)
    assert (release.title_fr, release.body_fr) == stored
    assert release.translation_state("fr") == VersionState.READY
