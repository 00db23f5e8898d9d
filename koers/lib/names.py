"""Dutch name order: "van Dijk" sorts under D, the tussenvoegsel after the surname (as in a phone book)."""

import unicodedata

# Words that precede a surname without being part of its sort order (Dutch, and those of
# neighbouring languages that occur in Dutch registers). Lower case; "'t" and "d'" as written.
TUSSENVOEGSELS = frozenset(
    "van de der den het 't te ter ten op in uit aan bij onder over voor vd v/d d' l' la le les du des "
    "von vom zu zum zur dos das do di del della da el al".split()
)


def split_surname(last_name: str) -> tuple[str, str]:
    """'van der Veen' -> ('Veen', 'van der'); a name of only such words is its own surname."""
    words = last_name.split()
    start = 0
    while start < len(words) - 1 and words[start].casefold() in TUSSENVOEGSELS:
        start += 1
    return " ".join(words[start:]), " ".join(words[:start])


def _plain(text: str) -> str:
    """Case and accents do not change the order: 'Çelik' sorts as 'celik'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def sort_name(first_name: str, last_name: str) -> str:
    """The key a list of people is sorted on: surname, tussenvoegsel, first name."""
    surname, tussenvoegsel = split_surname(last_name)
    return _plain(f"{surname}\t{tussenvoegsel}\t{first_name}")[:300]
