"""The interface catalogues: complete for every language but English, and in step
with the code. The check itself is proven on temporary copies of the project."""

import fcntl
import json
import re
import shutil
import subprocess
import sys
import warnings
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import TranslatorCommentWarning
from django.utils.translation.template import templatize

from newsroom.translations import catalogues
from newsroom.translations.catalogues import (
    NOT_COPIED,
    catalogue_path,
    catalogue_problems,
)

TRANSLATED_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


def test_catalogues_are_complete(same_code):
    """No untranslated, fuzzy or obsolete entry, and no string of the code missing
    from a catalogue (makemessages would add nothing). The code's strings are
    those makemessages extracted from the copy of this project the other tests
    break (its code unchanged): one run of makemessages fewer."""
    problems = catalogue_problems()
    assert problems == [], "\n".join(problems)


def test_translator_comments_reach_the_catalogue():
    """A `{# Translators: #}` comment that is not the last item on its line is
    dropped from the catalogue, and makemessages only warns: here it fails."""
    templates = sorted(Path(settings.BASE_DIR, "templates").rglob("*.*"))
    assert templates
    for path in templates:
        with warnings.catch_warnings():
            warnings.simplefilter("error", TranslatorCommentWarning)
            templatize(path.read_text(), origin=str(path))


def french_entries_where(pattern):
    """The msgids of the French catalogue whose translation matches `pattern`."""
    po = polib.pofile(str(catalogue_path("fr")))
    return [
        entry.msgid
        for entry in po
        if not entry.obsolete
        and any(
            re.search(pattern, text)
            for text in [entry.msgstr, *entry.msgstr_plural.values()]
        )
    ]


def test_french_sets_its_high_punctuation_apart_with_no_break_spaces():
    """French writes a no-break space before : ; ? ! and inside « »: with an
    ordinary one the sign can start a line of its own, and the messages then
    mix two typographies ("1 élément mis à jour : 3 champs importés")."""
    ordinary = french_entries_where(r" [:;?!»]|« ")
    assert ordinary == [], "\n".join(ordinary)


def test_french_spaces_are_narrow_before_semicolons_marks_and_guillemets():
    """The no-break space before a French ; ! ? and inside « » is the narrow one
    (U+202F), before a colon the full one (U+00A0), as the press office writes:
    a full space there makes "Publier ces éléments ?" gape, and the catalogue
    mixed both."""
    mixed = french_entries_where("\u00a0[;!?»]|«\u00a0|\u202f:")
    assert mixed == [], "\n".join(mixed)


def fill(path):
    """Translate every entry of a catalogue with a placeholder."""
    po = polib.pofile(str(path))
    plurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"])[1])
    for entry in po:
        if entry.msgid_plural:
            entry.msgstr_plural = {n: f"«{entry.msgid_plural}»" for n in range(plurals)}
        elif not entry.msgstr:
            entry.msgstr = f"«{entry.msgid}»"
        if entry.fuzzy:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgctxt = None
    po.save()


@pytest.fixture(scope="module")
def complete_project(tmp_path_factory, worker_id):
    """(A copy of the project whose catalogues are complete, what makemessages
    extracted from its code on the way: the template catalogue, then taken
    out of the copy). Made once for the run: the first test worker to need it
    makes it, under a lock, in the folder the workers share; the others read it."""
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent
    root, extracted = shared / "complete" / "project", shared / "extracted.json"
    with open(shared / "complete.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not extracted.exists():
            # What a worker that failed half-way left.
            shutil.rmtree(root, ignore_errors=True)
            messages = make_complete_project(root)
            extracted.write_text(json.dumps(sorted(messages)))
    return root, {tuple(key) for key in json.loads(extracted.read_text())}


def make_complete_project(root):
    """Copy the project to `root`, complete its catalogues; what makemessages
    extracted."""
    shutil.copytree(settings.BASE_DIR, root, ignore=NOT_COPIED)
    languages = [arg for code in TRANSLATED_LANGUAGES for arg in ("-l", code)]
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            *languages,
            "--no-obsolete",
            "--keep-pot",
        ],
        cwd=root,
        check=True,
        capture_output=True,
    )
    messages = catalogues.pot_messages(root)
    (root / "locale" / f"{catalogues.DOMAIN}.pot").unlink()
    for code in TRANSLATED_LANGUAGES:
        fill(catalogue_path(code, root))
    return messages


@pytest.fixture
def project(complete_project, tmp_path):
    """A fresh copy of the complete project, to break."""
    root = tmp_path / "project"
    shutil.copytree(complete_project[0], root)
    return root


@pytest.fixture(scope="module")
def code_messages(complete_project):
    """What makemessages extracted from the copy's code (as the check's own
    extraction does), once."""
    return complete_project[1]


@pytest.fixture
def same_code(monkeypatch, code_messages):
    """For a test that changes no code (the real project's check, or a copy whose
    catalogues only are broken): the check reuses the extraction of the
    unchanged code instead of running makemessages again (the test that changes
    the code runs it)."""
    monkeypatch.setattr(
        catalogues, "extracted_messages", lambda root=None: set(code_messages)
    )


def edit_catalogue(root, change, lang="fr"):
    path = catalogue_path(lang, root)
    po = polib.pofile(str(path))
    change(po)
    po.save()


def untranslate(root):
    edit_catalogue(root, lambda po: setattr(po[0], "msgstr", ""))


def make_fuzzy(root):
    edit_catalogue(root, lambda po: po[0].flags.append("fuzzy"))


def leave_obsolete(root):
    entry = polib.POEntry(msgid="A string removed long ago", msgstr="x", obsolete=True)
    edit_catalogue(root, lambda po: po.append(entry))


def leave_stale(root):
    entry = polib.POEntry(msgid="A string the code no longer has", msgstr="x")
    edit_catalogue(root, lambda po: po.append(entry))


def drop_a_plural_form(root):
    """Spanish has three plural forms: fill only the first two of one entry."""

    def change(po):
        entry = next(entry for entry in po if entry.msgid_plural)
        del entry.msgstr_plural[2]

    edit_catalogue(root, change, lang="es")


def add_string_to_code(root):
    (root / "templates" / "zz_new_string.html").write_text(
        '{% load i18n %}{% translate "A string nobody translated" %}\n'
    )


def test_check_passes_on_a_complete_catalogue(project, same_code):
    """The reference copy is complete: the check has nothing to say."""
    assert catalogue_problems(project) == []


@pytest.mark.parametrize(
    ("breakage", "problem"),
    [
        (untranslate, "fr: untranslated"),
        (make_fuzzy, "fr: fuzzy"),
        (leave_obsolete, 'fr: obsolete entry "A string removed long ago"'),
        (leave_stale, 'fr: no longer in the code "A string the code no longer has"'),
        (drop_a_plural_form, "es: untranslated plural form 3 of"),
        (add_string_to_code, 'missing from the catalogue "A string nobody translated"'),
    ],
    ids=["untranslated", "fuzzy", "obsolete", "stale", "plural", "missing"],
)
def test_check_fails_on_an_incomplete_catalogue(request, project, breakage, problem):
    """Each kind of gap in a catalogue is reported."""
    if breakage is not add_string_to_code:
        request.getfixturevalue("same_code")
    breakage(project)
    problems = catalogue_problems(project)
    assert problems, "the check should fail"
    assert any(problem in line for line in problems), problems
    if breakage is not add_string_to_code:
        assert len(problems) == 1, problems
    else:
        assert {line.split(":")[0] for line in problems} == set(TRANSLATED_LANGUAGES)


def test_check_catalogues_command(project, settings, same_code):
    """`manage.py check_catalogues` succeeds on complete catalogues and fails on
    an incomplete one."""
    settings.BASE_DIR = project
    out = StringIO()
    call_command("check_catalogues", stdout=out)
    assert "complete" in out.getvalue()
    untranslate(project)
    err = StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("check_catalogues", stderr=err)
    assert "fr: untranslated" in err.getvalue()
