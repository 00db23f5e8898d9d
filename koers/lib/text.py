"""Text as Koers stores it: one normal form, no invisible tricks.

Every service passes free text through these functions before it is stored, so pages, the API and
commands accept exactly the same input:

- NFC normal form, so "é" typed two ways is the same letter (and the same duplicate check);
- no control characters (a line break and a tab survive in multi-line text only);
- no bidirectional overrides, embeddings or isolates: a right-to-left override can make a note
  read differently from what was stored ("Trojan Source");
- no zero-width characters that make two names look alike or a name look filled in.

A name must also contain at least one letter.
"""

import unicodedata

# Bidirectional formatting characters (embeddings, overrides, isolates) and the marks.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Zero-width and invisible characters. U+200D (zero-width joiner) stays in multi-line text:
# emoji sequences in a note need it.
_INVISIBLE = frozenset("\u200b\u200c\u2060\u2061\u2062\u2063\u2064\ufeff\u180e\u00ad")
_ZERO_WIDTH_JOINER = "\u200d"


class TextError(ValueError):
    """The text cannot be stored: `code` says why (for a message in the caller's language)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _keep(char: str, *, multiline: bool) -> bool:
    if char in _BIDI_CONTROLS or char in _INVISIBLE:
        return False
    if char == _ZERO_WIDTH_JOINER:
        return multiline
    if char in "\n\t":
        return multiline
    # Cc: control characters; Cs: lone surrogates (cannot be stored as UTF-8); Co: private use is
    # kept (some fonts use it), Cn: unassigned is kept (newer Unicode than this Python knows).
    return unicodedata.category(char) not in {"Cc", "Cs"}


def clean_text(value: str, *, multiline: bool = False) -> str:
    """The normal form of free text; surrounding white space removed.

    Single-line text gets its white space runs (also line breaks and tabs) collapsed to one space.
    """
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    if not multiline:
        text = " ".join(text.replace("\n", " ").replace("\t", " ").split())
    kept = "".join(char for char in text if _keep(char, multiline=multiline))
    if not multiline:
        kept = " ".join(kept.split())
    return kept.strip()


def has_letter(value: str) -> bool:
    return any(unicodedata.category(char).startswith("L") for char in value)


def clean_name(value: str) -> str:
    """A person's name: single-line clean text with at least one letter.

    Raises TextError("no_letter") for a name without any letter (empty, digits only, invisible
    characters only).
    """
    name = clean_text(value)
    if not has_letter(name):
        raise TextError("no_letter")
    return name
