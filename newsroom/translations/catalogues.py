"""The interface catalogues (locale/<lang>/LC_MESSAGES/django.po): completeness
figures for the dashboard and the one check CI runs.

A catalogue other than the source language's is complete when every entry is
translated (with as many plural forms as its Plural-Forms header declares), none
is fuzzy, none is obsolete, and `makemessages` would neither add an
entry (a string of the code missing from it) nor drop one (an entry the code no
longer uses). The `makemessages` run happens in a temporary copy of the project, so
the real catalogues are never rewritten.
"""

import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings

from newsroom.core.languages import LANGUAGE_CODES

SOURCE_LANGUAGE = "en"
DOMAIN = "django"
# Left out of the copy: they hold no string of ours, or are big.
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv",
    "node_modules",
    "media",
    "staticfiles",
    "__pycache__",
    ".*_cache",
    "*.egg-info",
    "*.sqlite3",
    "*.mo",
)


@dataclass
class CatalogueStats:
    language: str
    total: int
    translated: int
    untranslated: int
    fuzzy: int
    obsolete: int

    @property
    def percent(self):
        return round(100 * self.translated / self.total) if self.total else 100


def catalogue_path(lang, root=None):
    root = Path(root or settings.BASE_DIR)
    return root / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def plural_count(po):
    """The number of plural forms the catalogue's Plural-Forms header declares
    (2 when it declares none, as gettext assumes)."""
    found = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(found[1]) if found else 2


def missing_plural_forms(entry, plurals):
    """The indexes of the plural forms of `entry` left empty (none for a
    singular entry)."""
    if not entry.msgid_plural:
        return []
    return [n for n in range(plurals) if not entry.msgstr_plural.get(n)]


def is_translated(entry, plurals):
    """Translated, not fuzzy, and with every plural form the language has:
    polib's own test passes an entry with fewer forms than the header says."""
    return entry.translated() and not missing_plural_forms(entry, plurals)


def catalogue_stats(lang, root=None):
    """Counts of a language's interface catalogue, or None if it has none."""
    path = catalogue_path(lang, root)
    if not path.exists():
        return None
    po = polib.pofile(str(path))
    plurals = plural_count(po)
    active = [entry for entry in po if not entry.obsolete]
    fuzzy = [entry for entry in active if entry.fuzzy]
    translated = [entry for entry in active if is_translated(entry, plurals)]
    return CatalogueStats(
        language=lang,
        total=len(active),
        translated=len(translated),
        untranslated=len(active) - len(translated) - len(fuzzy),
        fuzzy=len(fuzzy),
        obsolete=len(po) - len(active),
    )


def _key(entry):
    return (entry.msgctxt or "", entry.msgid)


def _describe(key):
    ctxt, msgid = key
    text = " ".join(msgid.split())
    return f'"{text[:70]}"' + (f" (context {ctxt!r})" if ctxt else "")


def extracted_messages(root=None):
    """The keys (msgctxt, msgid) that `makemessages` extracts from the code under
    `root`, run in a temporary copy of it."""
    root = Path(root or settings.BASE_DIR)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "project"
        shutil.copytree(root, copy, ignore=NOT_COPIED)
        # The copy's own settings (hence LOCALE_PATHS) are used: run from there.
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "--locale",
                SOURCE_LANGUAGE,
                "--keep-pot",
                "--verbosity",
                "0",
            ],
            cwd=copy,
            check=True,
            capture_output=True,
        )
        return pot_messages(copy)


def pot_messages(root):
    """The keys of the template catalogue that `makemessages --keep-pot` left
    under `root`."""
    pot = polib.pofile(str(Path(root) / "locale" / f"{DOMAIN}.pot"))
    return {_key(entry) for entry in pot if entry.msgid}


def catalogue_problems(root=None, languages=None):
    """What stops the catalogues under `root` from being complete, as sentences
    (an empty list when all is well). `languages` defaults to every configured
    language but the source one."""
    root = Path(root or settings.BASE_DIR)
    if languages is None:
        languages = [code for code in LANGUAGE_CODES if code != SOURCE_LANGUAGE]
    problems = []
    code_keys = extracted_messages(root)
    for lang in languages:
        path = catalogue_path(lang, root)
        if not path.exists():
            problems.append(f"{lang}: no catalogue at {path}")
            continue
        po = polib.pofile(str(path))
        plurals = plural_count(po)
        keys = set()
        for entry in po:
            if entry.obsolete:
                problems.append(f"{lang}: obsolete entry {_describe(_key(entry))}")
                continue
            keys.add(_key(entry))
            if entry.fuzzy:
                problems.append(f"{lang}: fuzzy {_describe(_key(entry))}")
            elif not entry.translated():
                problems.append(f"{lang}: untranslated {_describe(_key(entry))}")
            else:
                problems += [
                    f"{lang}: untranslated plural form {n + 1} of {plurals} "
                    f"{_describe(_key(entry))}"
                    for n in missing_plural_forms(entry, plurals)
                ]
        problems += [
            f"{lang}: missing from the catalogue {_describe(key)}"
            for key in sorted(code_keys - keys)
        ]
        problems += [
            f"{lang}: no longer in the code {_describe(key)}"
            for key in sorted(keys - code_keys)
        ]
    return problems
