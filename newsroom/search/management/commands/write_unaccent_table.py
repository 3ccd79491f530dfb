"""`manage.py write_unaccent_table RULES --postgresql VERSION`: write
newsroom/search/unaccent.py, the table of PostgreSQL's `unaccent` rules that
folds words on the other databases, from a PostgreSQL's `unaccent.rules`
(`$(pg_config --sharedir)/tsearch_data/unaccent.rules`). Run it when
PostgreSQL is upgraded and tests/search/test_matching.py finds that its
`unaccent()` no longer agrees with the table."""

import unicodedata
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

import newsroom.search

TABLE = Path(newsroom.search.__file__).parent / "unaccent.py"
# ruff's (pyproject.toml): the comments naming the characters are cut to fit.
LINE_LENGTH = 88

HEADER = '''"""PostgreSQL's `unaccent` rules: {{character: what `unaccent()` writes for
it}}, read by `text.fold()` so that words are folded on every database as
PostgreSQL folds them.

Generated from PostgreSQL {version}'s unaccent.rules,
{path}, by
`manage.py write_unaccent_table --postgresql {version} <that file>`.
Do not edit: generate it again (tests/search/test_matching.py compares it with
PostgreSQL's `unaccent()`).
"""

RULES = {{
'''


def read_rules(text):
    """{source: target} of an unaccent.rules file, read as PostgreSQL's unaccent
    module reads it: a character, white space, then its replacement (quoted
    when it is a double quote, `""` in the quotes standing for one), or nothing
    for a character that is removed."""
    rules = {}
    for number, line in enumerate(text.splitlines(), 1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) > 2:
            raise CommandError(f"Line {number}: more than two fields: {line!r}")
        source, target = fields[0], fields[1] if len(fields) > 1 else ""
        if len(target) > 1 and target[0] == target[-1] == '"':
            target = target[1:-1].replace('""', '"')
        rules[source] = target
    return rules


def literal(text):
    """`text` as a Python string literal, every character outside printable
    ASCII escaped, so that combining marks and look-alikes read unambiguously."""
    parts = []
    for char in text:
        if char in '"\\':
            parts.append(f"\\{char}")
        elif " " <= char <= "~":
            parts.append(char)
        elif ord(char) <= 0xFFFF:
            parts.append(f"\\u{ord(char):04x}")
        else:
            parts.append(f"\\U{ord(char):08x}")
    text = "".join(parts)
    # A double quote alone is written as ruff writes it.
    return f"'{text[1:]}'" if text == '\\"' else f'"{text}"'


def table(rules, path, version):
    lines = [HEADER.format(path=path, version=version)]
    for source, target in rules.items():
        name = unicodedata.name(source, "")
        line = f"    {literal(source)}: {literal(target)},"
        if name:
            room = LINE_LENGTH - len(line) - len("  # ")
            line += f"  # {name if len(name) <= room else name[: room - 1] + '…'}"
        lines.append(f"{line}\n")
    lines.append("}\n")
    return "".join(lines)


class Command(BaseCommand):
    help = (
        "Write newsroom/search/unaccent.py from a PostgreSQL's unaccent.rules, so "
        "that the other databases fold words as its `unaccent` does."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "rules", help="The unaccent.rules file of the PostgreSQL in production."
        )
        parser.add_argument(
            "--postgresql",
            required=True,
            metavar="VERSION",
            help="The version of the PostgreSQL the file comes from, e.g. 15.20.",
        )

    def handle(self, *args, rules, postgresql, **options):
        path = Path(rules)
        rules = read_rules(path.read_text(encoding="utf-8"))
        TABLE.write_text(table(rules, path, postgresql), encoding="utf-8")
        self.stdout.write(f"{TABLE}: {len(rules)} rules")
