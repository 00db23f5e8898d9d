"""Dutch name order: surname first, tussenvoegsel after, case and accents ignored."""

import pytest

from koers.lib.names import sort_name, split_surname


@pytest.mark.parametrize(
    ("last_name", "expected"),
    [
        ("van Dijk", ("Dijk", "van")),
        ("van der Veen", ("Veen", "van der")),
        ("De Boer", ("Boer", "De")),
        ("in 't Veld", ("Veld", "in 't")),
        ("Bakker", ("Bakker", "")),
        ("van", ("van", "")),  # a surname that is only such a word stays itself
        ("El Amrani", ("Amrani", "El")),
    ],
)
def test_split_surname(last_name, expected):
    assert split_surname(last_name) == expected


def test_a_list_sorts_like_a_dutch_phone_book():
    people = [
        ("Anna", "Zwart"),
        ("Jan", "van Dijk"),
        ("Piet", "Bakker"),
        ("Eva", "de Boer"),
        ("Sanne", "van der Veen"),
        ("Emre", "Çelik"),
        ("Tim", "Dijkstra"),
        ("Bram", "Dijk"),
    ]
    ordered = [last for _first, last in sorted(people, key=lambda p: sort_name(*p))]
    assert ordered == ["Bakker", "de Boer", "Çelik", "Dijk", "van Dijk", "Dijkstra", "van der Veen", "Zwart"]
