"""The PO exchange of content through `export_translations` and
`import_translations`: what translators receive, and what comes back."""

from html.parser import HTMLParser
from io import StringIO

import polib
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newsroom.core.publication import VersionState
from newsroom.core.richtext import sanitise
from newsroom.models import Event, Page, PressRelease, Topic
from organisation.models import Office
from tests.factories import make_release

from .conftest import publish_changes, reload

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "es"]


def entries_by_context(path):
    return {entry.msgctxt: entry for entry in polib.pofile(str(path))}


def import_file(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_translations", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot():
    """Every row of every translatable model, to prove nothing changed."""
    return [
        list(model.objects.order_by("pk").values())
        for model in (PressRelease, Event, Page, Topic, Office)
    ]


class BalancedTags(HTMLParser):
    """Fails on an end tag that does not close the innermost open element."""

    VOID = {"br"}

    def __init__(self):
        super().__init__()
        self.open = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"stray </{tag}>"
        self.open.pop()


def assert_valid_html(markup):
    checker = BalancedTags()
    checker.feed(markup)
    checker.close()
    assert checker.open == [], f"unclosed {checker.open}"


def block_tags(markup):
    class Blocks(HTMLParser):
        tags = []

        def handle_starttag(self, tag, attrs):
            if tag in {"p", "h2", "h3", "ul", "ol", "li", "blockquote"}:
                self.tags.append(tag)

    parser = Blocks()
    parser.tags = []
    parser.feed(markup)
    return parser.tags


def test_export_gives_each_field_in_the_original_language(release, export):
    """Each translatable field is an entry: msgid in English, empty msgstr, a
    stable msgctxt, and comments naming the model, the field and the admin page."""
    entries = entries_by_context(export("--language", "fr"))
    key = f"newsroom.pressrelease:{release.pk}"
    title = entries[f"{key}:title"]
    assert title.msgid == release.title_en
    assert title.msgstr == ""
    assert title.comment.startswith(f"Press release: {release.title_en}\n")
    assert "Field: title" in title.comment
    assert f"/admin/newsroom/pressrelease/{release.pk}/change/" in title.comment
    assert entries[f"{key}:lead"].msgid == release.lead_en
    assert entries[f"{key}:dateline_city"].msgid == "Baku"
    assert f"{key}:correction_note" not in entries, "empty sources are left out"
    assert f"{key}:slug" not in entries


def test_rich_text_is_segmented_by_block_without_block_markup(release, export):
    """A body becomes one entry per block; inline markup stays, blocks do not."""
    entries = entries_by_context(export("--language", "fr"))
    key = f"newsroom.pressrelease:{release.pk}:body"
    segments = [entries[f"{key}:{index}"].msgid for index in range(5)]
    assert f"{key}:5" not in entries
    assert segments[0] == "Migration and climate"
    assert segments[1].startswith("The <strong>Regional Director</strong> spoke in <a")
    assert segments[2:] == [
        "First point",
        "Second point, <em>stressed</em>",
        "Mobility is part of the answer.",
    ]
    for text in segments:
        for tag in ("<p", "<h2", "<li", "<ul", "<blockquote"):
            assert tag not in text


def test_export_covers_every_kind_of_content(content, export):
    """Releases, events, pages, topics and the organisation's offices are exported;
    an object written in the target language is not."""
    entries = entries_by_context(export("--language", "fr"))
    contexts = set(entries)
    for key in (
        f"newsroom.event:{content['event'].pk}:title",
        f"newsroom.event:{content['event'].pk}:description:0",
        f"newsroom.page:{content['page'].pk}:intro",
        f"newsroom.topic:{content['topic'].pk}:name",
        f"organisation.office:{content['office'].pk}:name",
    ):
        assert key in contexts
    french = f"newsroom.pressrelease:{content['french_release'].pk}"
    assert not any(ctxt.startswith(french) for ctxt in contexts)


def test_export_of_a_french_original_into_english(content, export):
    """The msgid is the text in the object's own original language."""
    entries = entries_by_context(export("--language", "en"))
    release = content["french_release"]
    entry = entries[f"newsroom.pressrelease:{release.pk}:title"]
    assert entry.msgid == "La Directrice régionale à Bakou"


def test_model_option_limits_the_export(content, export):
    """--model exports that model only; an unknown one is a clear error."""
    entries = entries_by_context(
        export("--language", "fr", "--model", "newsroom.topic")
    )
    assert set(entries) == {f"newsroom.topic:{content['topic'].pk}:name"}
    entries = entries_by_context(
        export("--language", "fr", "--model", "newsroom.topic", "organisation.office")
    )
    assert {ctxt.split(":")[0] for ctxt in entries} == {
        "newsroom.topic",
        "organisation.office",
    }
    with pytest.raises(CommandError, match="not a translatable model"):
        export("--language", "fr", "--model", "newsroom.nothing")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_round_trip(release, export, lang):
    """Export, translate with polib, import: the versions equal what was written,
    the body keeps its blocks and stays valid, sanitised HTML."""
    path = export("--language", lang)
    po = polib.pofile(str(path))
    written = {}
    for entry in po:
        entry.msgstr = f"[{lang}] {entry.msgid}"
        written[entry.msgctxt] = entry.msgstr
    body = f"newsroom.pressrelease:{release.pk}:body"
    # A translator's slip: a script and a block tag in a segment.
    po.find(
        f"{body}:4", by="msgctxt"
    ).msgstr += '<script>alert("x")</script></li><p onclick="x()">'
    po.save(str(path))

    out, err = import_file(path)

    reload(release)
    key = f"newsroom.pressrelease:{release.pk}"
    assert release.field_in("title", lang) == written[f"{key}:title"]
    assert release.field_in("lead", lang) == written[f"{key}:lead"]
    assert release.field_in("dateline_city", lang) == written[f"{key}:dateline_city"]
    translated_body = release.field_in("body", lang)
    assert_valid_html(translated_body)
    assert sanitise(translated_body) == translated_body
    assert "script" not in translated_body and "onclick" not in translated_body
    assert block_tags(translated_body) == block_tags(release.body_en)
    assert release.translation_state(lang) == VersionState.DRAFT
    assert err == ""
    assert "changed" in out
    # Exported again, each segment reads as the translator wrote it.
    again = entries_by_context(export("--language", lang))
    for index in range(5):
        assert again[f"{body}:{index}"].msgstr == written[f"{body}:{index}"]


def test_import_derives_a_slug_from_the_translated_title(release, export):
    """A version without a slug gets one from its translated title."""
    path = export("--language", "fr", "--model", "newsroom.pressrelease")
    po = polib.pofile(str(path))
    po.find(
        f"newsroom.pressrelease:{release.pk}:title", by="msgctxt"
    ).msgstr = "La Directrice régionale à Bakou"
    po.save(str(path))
    import_file(path)
    reload(release)
    assert release.slug_fr == "la-directrice-regionale-a-bakou"


def test_import_derives_an_office_slug_from_its_translated_name(content, export):
    """An office translated without a slug gets one from its translated name, as
    releases do from their title; the slug itself is not a translator's entry."""
    office = content["office"]
    path = export("--language", "fr", "--model", "organisation.office")
    po = polib.pofile(str(path))
    assert not [entry for entry in po if entry.msgctxt.endswith(":slug")]
    po.find(
        f"organisation.office:{office.pk}:name", by="msgctxt"
    ).msgstr = "Bureau régional pour l'Europe"
    po.save(str(path))
    import_file(path)
    office.refresh_from_db()
    assert office.slug_fr == "bureau-regional-pour-leurope"
    assert office.slug_en == "europe"


def translate_all(path, lang="fr"):
    """Fill every entry of an exported file, as a translator would."""
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = f"[{lang}] {entry.msgid}"
        if entry.fuzzy:
            entry.flags.remove("fuzzy")
    po.save(str(path))
    return po


def test_mark_ready(release, export):
    """--mark-ready makes a fully translated version ready instead of draft."""
    path = export("--language", "fr")
    translate_all(path)
    out, err = import_file(path, "--mark-ready")
    reload(release)
    assert release.translation_state("fr") == VersionState.READY
    assert release.translation_state("es") == VersionState.MISSING
    assert err == ""


def test_mark_ready_leaves_a_half_translated_version_draft(release, export):
    """With only the title translated, --mark-ready imports it but leaves the
    version draft, and says why: the page must not go public with no body."""
    path = export("--language", "es")
    po = polib.pofile(str(path))
    po.find(f"newsroom.pressrelease:{release.pk}:title", by="msgctxt").msgstr = "T"
    po.save(str(path))

    out, err = import_file(path, "--mark-ready")

    reload(release)
    assert release.title_es == "T"
    assert release.translation_state("es") == VersionState.DRAFT
    assert f"Not marked ready newsroom.pressrelease:{release.pk} (Spanish)" in err
    assert "empty, fuzzy or refused" in err
    assert "0 marked ready, 0 ready once the changes are published, 1 not" in out


def test_mark_ready_leaves_an_outdated_version_outdated(release, export):
    """An outdated version whose title only is re-translated (the changed block
    of its body still fuzzy) stays outdated, with its new title, and is
    reported."""
    path = export("--language", "fr")
    translate_all(path)
    import_file(path, "--mark-ready")
    publish_changes(release)
    assert release.translation_state("fr") == VersionState.READY
    old_body = release.body_fr
    release.title_en = "A new English title"
    release.body_en = release.body_en.replace("First point<", "First point, new<")
    release.save()
    assert release.translation_state("fr") == VersionState.OUTDATED

    path = export("--language", "fr")
    po = polib.pofile(str(path))
    title = po.find(f"newsroom.pressrelease:{release.pk}:title", by="msgctxt")
    title.msgstr = "Un nouveau titre"
    title.flags.remove("fuzzy")
    po.save(str(path))
    out, err = import_file(path, "--mark-ready")

    reload(release)
    assert release.title_fr == "Un nouveau titre"
    assert release.body_fr == old_body
    assert release.translation_state("fr") == VersionState.OUTDATED
    assert f"Not marked ready newsroom.pressrelease:{release.pk}" in err

    # Once every entry is reviewed, the version is ready again.
    path = export("--language", "fr")
    po = polib.pofile(str(path))
    for entry in po:
        if entry.fuzzy:
            entry.flags.remove("fuzzy")
    po.save(str(path))
    import_file(path, "--mark-ready")
    reload(release)
    assert release.translation_state("fr") == VersionState.READY


def test_mark_ready_needs_every_field_with_source_text(release, export):
    """A file that leaves out a field the original has (here the lead) is not
    enough to mark the version ready, even if every entry in it is translated."""
    path = export("--language", "fr")
    po = polib.pofile(str(path))
    lead = po.find(f"newsroom.pressrelease:{release.pk}:lead", by="msgctxt")
    po.remove(lead)
    po.save(str(path))
    translate_all(path)
    _out, err = import_file(path, "--mark-ready")
    reload(release)
    assert release.translation_state("fr") == VersionState.DRAFT
    assert "lead" in err


def test_empty_and_fuzzy_entries_are_not_applied(release, export):
    """Only non-empty, non-fuzzy entries are applied."""
    path = export("--language", "fr")
    po = polib.pofile(str(path))
    key = f"newsroom.pressrelease:{release.pk}"
    po.find(f"{key}:title", by="msgctxt").msgstr = "Titre à revoir"
    po.find(f"{key}:title", by="msgctxt").flags.append("fuzzy")
    po.find(f"{key}:lead", by="msgctxt").msgstr = "Chapeau"
    po.save(str(path))
    out, _err = import_file(path)
    reload(release)
    assert release.title_fr in ("", None)
    assert release.lead_fr == "Chapeau"
    assert "1 field(s) of 1 object(s) changed" in out


def test_outdated_version_is_exported_fuzzy(release, export):
    """A ready translation whose source then changed comes out fuzzy, with the
    current translation; --only-outdated gives those entries only."""
    make_release(title_fr="Autre", version_state_fr=VersionState.READY)
    release.title_fr = "Titre"
    release.set_translation_state("fr", VersionState.READY)
    release.save()
    release.title_en = "A new English title"
    release.save()
    assert release.translation_state("fr") == VersionState.OUTDATED

    entries = entries_by_context(export("--language", "fr"))
    title = entries[f"newsroom.pressrelease:{release.pk}:title"]
    assert title.fuzzy and title.msgstr == "Titre"
    assert title.msgid == "A new English title"

    outdated = entries_by_context(export("--language", "fr", "--only-outdated"))
    assert outdated and all(
        ctxt.startswith(f"newsroom.pressrelease:{release.pk}:") for ctxt in outdated
    )


def test_only_missing(release, export):
    """--only-missing leaves out fields already translated in a started version."""
    release.title_fr = "Titre"
    release.set_translation_state("fr", VersionState.DRAFT)
    release.save()
    entries = entries_by_context(export("--language", "fr", "--only-missing"))
    key = f"newsroom.pressrelease:{release.pk}"
    assert f"{key}:title" not in entries
    assert f"{key}:lead" in entries


def test_changed_source_is_refused_and_reported(release, export):
    """A field whose English text changed after export is refused and reported;
    the other fields are applied."""
    path = export("--language", "fr")
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = f"FR {entry.msgid}"
    po.save(str(path))
    release.title_en = "An edited title"
    release.body_en = release.body_en.replace("First point", "A new first point")
    release.save()

    out, err = import_file(path)

    reload(release)
    key = f"newsroom.pressrelease:{release.pk}"
    assert release.title_fr in ("", None)
    assert release.body_fr in ("", None)
    assert release.lead_fr == f"FR {release.lead_en}"
    assert f"Refused {key}:title: The source changed since export." in err
    assert f"Refused {key}:body: The source changed since export." in err
    assert "2 refused" in out


def test_a_file_in_the_new_original_language_is_refused_naming_it(release, export):
    """The release's original became French after the export: its French
    entries are refused, with the language named, not its code."""
    path = export("--language", "fr")
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = f"FR {entry.msgid}"
    po.save(str(path))
    PressRelease.objects.filter(pk=release.pk).update(original_language="fr")

    _out, err = import_file(path)

    key = f"newsroom.pressrelease:{release.pk}"
    assert f"Refused {key}:title: The original language is now French." in err


def test_dry_run_changes_nothing(release, export):
    """--dry-run prints what would change and changes nothing."""
    path = export("--language", "fr")
    po = polib.pofile(str(path))
    po.find(f"newsroom.pressrelease:{release.pk}:title", by="msgctxt").msgstr = "Titre"
    po.save(str(path))
    before = snapshot()
    out, _err = import_file(path, "--dry-run")
    assert snapshot() == before
    assert f"Would change newsroom.pressrelease:{release.pk}:title (French):" in out
    assert "+ {+Titre+}" in out


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda text: text + '\nmsgid "unterminated\n', "not a valid PO file"),
        (lambda text: "\x00\xff garbage", "not a valid PO file"),
        (
            lambda text: (
                text + '\nmsgctxt "newsroom.pressrelease:999999:title"\n'
                'msgid "Nothing"\nmsgstr "Rien"\n'
            ),
            "Unknown objects",
        ),
        (
            lambda text: (
                text
                + '\nmsgctxt "newsroom.nothing:1:title"\nmsgid "No"\nmsgstr "Non"\n'
            ),
            "Unknown context",
        ),
        (
            lambda text: (
                text + '\nmsgctxt "newsroom.pressrelease:1:embargo_token"\n'
                'msgid "x"\nmsgstr "y"\n'
            ),
            "Unknown context",
        ),
        (
            lambda text: text.replace('msgstr "FR ', 'msgstr "FR \x00', 1),
            "Null characters",
        ),
        (
            lambda text: text.replace('"Language: fr\\n"', '"Language: de\\n"'),
            "Language header",
        ),
        (
            lambda text: text.replace('"Language: fr\\n"\n', ""),
            "Language header",
        ),
    ],
    ids=[
        "syntax",
        "binary",
        "unknown-object",
        "unknown-model",
        "unknown-field",
        "null-character",
        "other-language",
        "no-language",
    ],
)
def test_bad_file_is_a_clear_error_and_changes_nothing(
    content, export, mangle, message
):
    """A malformed file, an unknown msgctxt or a wrong Language header: a clear
    error, and not even the good entries are applied."""
    path = export("--language", "fr")
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = f"FR {entry.msgid}"
    po.save(str(path))
    path.write_text(mangle(path.read_text()))
    before = snapshot()
    with pytest.raises(CommandError, match=message):
        import_file(path)
    assert snapshot() == before


def test_language_option_must_match_the_header(release, export):
    """With --language, a file in another language is refused whole."""
    path = export("--language", "es")
    po = polib.pofile(str(path))
    po.find(f"newsroom.pressrelease:{release.pk}:title", by="msgctxt").msgstr = "T"
    po.save(str(path))
    before = snapshot()
    with pytest.raises(CommandError, match="translation into es, not fr"):
        import_file(path, "--language", "fr")
    assert snapshot() == before


def test_untranslated_blocks_are_counted_in_good_english(release, export):
    """A body with one block left untranslated is refused, in the singular."""
    path = export("--language", "fr")
    translate_all(path)
    po = polib.pofile(str(path))
    po.find(f"newsroom.pressrelease:{release.pk}:body:2", by="msgctxt").msgstr = ""
    po.save(str(path))
    _out, err = import_file(path)
    key = f"newsroom.pressrelease:{release.pk}:body"
    assert f"Refused {key}: 1 of its 5 blocks is untranslated or fuzzy." in err


def test_a_block_missing_from_the_file_is_reported_as_such(release, export):
    """A body entry deleted from the file is refused as a missing block, not as a
    changed source."""
    path = export("--language", "fr")
    po = translate_all(path)
    po.remove(po.find(f"newsroom.pressrelease:{release.pk}:body:2", by="msgctxt"))
    po.save(str(path))
    _out, err = import_file(path)
    reload(release)
    assert release.body_fr in ("", None)
    key = f"newsroom.pressrelease:{release.pk}:body"
    assert f"Refused {key}: 1 of its 5 blocks is missing from the file." in err
    assert "source changed" not in err


def test_export_to_an_unwritable_path_is_a_command_error(release, tmp_path):
    """A path that cannot be written is a clear error, not a traceback."""
    with pytest.raises(CommandError, match="Cannot write"):
        call_command(
            "export_translations",
            "--language",
            "fr",
            "-o",
            str(tmp_path / "nonexistent" / "z.po"),
        )


def test_a_file_with_a_byte_order_mark_is_accepted(release, export):
    """Some editors save UTF-8 with a byte-order mark: the file imports."""
    path = export("--language", "fr")
    translate_all(path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    import_file(path)
    reload(release)
    assert release.title_fr == f"[fr] {release.title_en}"


def test_two_entries_for_one_field_are_an_error(release, export):
    """Two entries with the same msgctxt (different msgid) are refused whole,
    rather than the later one silently winning."""
    path = export("--language", "fr")
    translate_all(path)
    key = f"newsroom.pressrelease:{release.pk}:title"
    with path.open("a") as po:
        po.write(f'\nmsgctxt "{key}"\nmsgid "Another title"\nmsgstr "Autre titre"\n')
    before = snapshot()
    with pytest.raises(CommandError, match=f"several entries.*{key}"):
        import_file(path)
    assert snapshot() == before


def test_a_block_sanitised_to_nothing_is_dropped(release, export):
    """A segment that is only markup the allow-list removes leaves no empty
    block behind."""
    path = export("--language", "fr")
    po = translate_all(path)
    key = f"newsroom.pressrelease:{release.pk}:body"
    po.find(f"{key}:0", by="msgctxt").msgstr = "<script>alert(1)</script>"
    po.find(f"{key}:2", by="msgctxt").msgstr = "<img src=x>"
    po.save(str(path))
    import_file(path)
    reload(release)
    assert_valid_html(release.body_fr)
    assert block_tags(release.body_fr) == ["p", "ul", "li", "blockquote", "p"]
    assert "<h2" not in release.body_fr and "<li></li>" not in release.body_fr
