"""French typography at render time: no-break spaces where French sets them, never
inside markup, entities, URLs, addresses or code; other languages untouched."""

import pytest

from newsroom.core.typography import NBSP, NNBSP, number, typeset

FRENCH = [
    ("Pourquoi ?", f"Pourquoi{NNBSP}?"),
    ("Pourquoi?", f"Pourquoi{NNBSP}?"),
    ("Vraiment ?!", f"Vraiment{NNBSP}?!"),
    ("Attention ; danger !", f"Attention{NNBSP}; danger{NNBSP}!"),
    ("Contact : presse", f"Contact{NBSP}: presse"),
    ("Contact: presse", f"Contact{NBSP}: presse"),
    ("« Bonjour »", f"«{NNBSP}Bonjour{NNBSP}»"),
    ("«Bonjour»", f"«{NNBSP}Bonjour{NNBSP}»"),
    ("«Paix» ?", f"«{NNBSP}Paix{NNBSP}»{NNBSP}?"),
    # What must stay as it is.
    ("à 10:30", "à 10:30"),
    ("https://example.org/?page=2&a=b!", "https://example.org/?page=2&a=b!"),
    ("Écrire à presse@example.org !", f"Écrire à presse@example.org{NNBSP}!"),
    ("Tom &amp; Jerry", "Tom &amp; Jerry"),
    ("Tom&nbsp;: Jerry", "Tom&nbsp;: Jerry"),
    ('<a href="/fr/?q=oui" title="Quoi ?">Quoi?</a>', None),
    ("<code>a ? b : c</code> et ?", f"<code>a ? b : c</code> et{NNBSP}?"),
    ("<style>a:hover{color:red}</style>", "<style>a:hover{color:red}</style>"),
]


@pytest.mark.parametrize(("text", "expected"), FRENCH)
def test_french_spaces(text, expected):
    """Each sign gets the space French sets before or inside it, nowhere else."""
    if expected is None:
        expected = f'<a href="/fr/?q=oui" title="Quoi ?">Quoi{NNBSP}?</a>'
    assert typeset(text, "fr") == expected


@pytest.mark.parametrize(("text", "expected"), FRENCH)
def test_typesetting_twice_changes_nothing(text, expected):
    """A text already typeset (a PO file imported twice) stays as it is."""
    once = typeset(text, "fr")
    assert typeset(once, "fr") == once


@pytest.mark.parametrize("lang", ["en", "es", "", None])
def test_other_languages_are_left_alone(lang):
    """English and Spanish put no space before these signs."""
    text = "Why? Because: « this »!"
    assert typeset(text, lang) == text


def test_regional_french_and_empty_values():
    """fr-CA follows French rules; empty values come back as they are."""
    assert typeset("Oui!", "fr-ca") == f"Oui{NNBSP}!"
    assert typeset("", "fr") == ""
    assert typeset(None, "fr") is None


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "1,234,567"), ("fr", f"1{NNBSP}234{NNBSP}567"), ("es", "1.234.567")],
)
def test_numbers_are_grouped_per_locale(lang, expected):
    """Thousands are grouped as each language writes them: a narrow no-break space
    in French."""
    assert number(1234567, lang) == expected
