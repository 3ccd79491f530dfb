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


def block_pairs(old_blocks, new_blocks):
    """(index, old, new) for each block that differs, the blocks lined up as
    SequenceMatcher finds them: a block added to the file (a first translation's
    every block) has the old text "", a block gone from it the new text "" and no
    index of its own."""
    matcher = SequenceMatcher(None, old_blocks, new_blocks, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == EQUAL:
            continue
        for offset in range(max(i2 - i1, j2 - j1)):
            old = old_blocks[i1 + offset] if i1 + offset < i2 else ""
            new = new_blocks[j1 + offset] if j1 + offset < j2 else ""
            yield (j1 + offset if new else None), old, new


def rows(changes):
    """The changed segments of an import's changes, each with its word diff: a
    rich-text field block by block, else whole."""
    found = []
    for change in changes:
        old, new = change.old or "", change.new or ""
        pairs = [(None, old, new)]
        if change.field != "slug" and is_rich_text(type(change.obj), change.field):
            pairs = block_pairs(segments(old), segments(new))
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
