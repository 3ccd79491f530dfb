"""What an import would change, segment by segment, with a word-level diff of
the old and the new text, for the admin's preview and the command's dry run."""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from .registry import context_for, is_rich_text
from .segments import segments

WORDS = re.compile(r"\s+|[^\s]+")
EQUAL, DELETE, INSERT = "equal", "delete", "insert"


def word_diff(old, new):
    """(old, new): each a list of (operation, text) pieces, words and spaces,
    where the old text's removed words are DELETE and the new text's added words
    are INSERT."""
    before, after = WORDS.findall(old), WORDS.findall(new)
    old_pieces, new_pieces = [], []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == EQUAL:
            old_pieces.append((EQUAL, "".join(before[i1:i2])))
            new_pieces.append((EQUAL, "".join(after[j1:j2])))
            continue
        _changed(old_pieces, DELETE, "".join(before[i1:i2]))
        _changed(new_pieces, INSERT, "".join(after[j1:j2]))
    return old_pieces, new_pieces


def _changed(pieces, operation, text):
    """A changed run of words, the spaces around it left unmarked."""
    core = text.strip()
    if not core:
        if text:
            pieces.append((EQUAL, text))
        return
    start = text.index(core)
    pieces += [
        (EQUAL, text[:start]),
        (operation, core),
        (EQUAL, text[start + len(core) :]),
    ]


def marked(pieces):
    """The pieces as text, changes marked as `git diff --word-diff` does."""
    marks = {EQUAL: "{}", DELETE: "[-{}-]", INSERT: "{{+{}+}}"}
    return "".join(marks[op].format(text) for op, text in pieces)


@dataclass
class Row:
    """One changed segment: a field, or one block of a rich-text field."""

    obj: object
    context: str
    old: list
    new: list


def rows(changes):
    """The changed segments of an import's changes, each with its word diff: a
    rich-text field block by block when its blocks line up, else whole."""
    found = []
    for change in changes:
        old, new = change.old or "", change.new or ""
        pairs = [(None, old, new)]
        if change.field != "slug" and is_rich_text(type(change.obj), change.field):
            old_units, new_units = segments(old), segments(new)
            # A first translation: each block is new, as in the file.
            old_units = old_units or [""] * len(new_units)
            if len(old_units) == len(new_units):
                pairs = [
                    (index, before, after)
                    for index, (before, after) in enumerate(
                        zip(old_units, new_units, strict=True)
                    )
                    if before != after
                ]
        for index, before, after in pairs:
            old_pieces, new_pieces = word_diff(before, after)
            found.append(
                Row(
                    change.obj,
                    context_for(change.obj, change.field, index),
                    old_pieces,
                    new_pieces,
                )
            )
    return found
