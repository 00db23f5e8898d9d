"""The matching rule of vacancies and a youth's wishes (koers.lib.vacancy_match), without Django."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from koers.lib.vacancy_match import VacancyFacts, Wishes, hours_in_words, match, matches, rotate

TODAY = dt.date(2026, 5, 1)
SECTORS = {"Q": "Zorg en welzijn", "F": "Bouw"}


def vacancy(**changes) -> VacancyFacts:
    values = {"id": 1, "sector": "Q", "hours": 16, "place": "Leeuwarden", "kind": "paid", "closes_on": None}
    return VacancyFacts(**{**values, **changes})


def reasons(wishes: Wishes, facts: VacancyFacts) -> tuple[str, ...] | None:
    found = match(wishes, facts, TODAY, sector_name=SECTORS.get, kind_name={"paid": "betaald werk"}.get)
    return None if found is None else found.reasons


def test_each_wish_that_holds_gives_its_reason_in_plain_words():
    wishes = Wishes(
        sectors=frozenset({"Q"}),
        hours_min=12,
        hours_max=20,
        places=frozenset({"leeuwarden "}),
        kinds=frozenset({"paid"}),
    )
    assert reasons(wishes, vacancy()) == (
        "past bij je interesse: Zorg en welzijn",
        "16 uur, jij wilt 12–20 uur",
        "in Leeuwarden, waar jij wilt werken",
        "betaald werk, dat zoek jij",
    )


def test_one_wish_that_does_not_hold_means_no_match():
    assert reasons(Wishes(sectors=frozenset({"F"})), vacancy()) is None
    assert reasons(Wishes(hours_max=12), vacancy()) is None
    assert reasons(Wishes(hours_min=20), vacancy()) is None
    assert reasons(Wishes(places=frozenset({"Sneek"})), vacancy()) is None
    assert reasons(Wishes(kinds=frozenset({"volunteering"})), vacancy()) is None


def test_a_closed_vacancy_never_matches_but_one_closing_today_does():
    wishes = Wishes(sectors=frozenset({"Q"}))
    assert reasons(wishes, vacancy(closes_on=TODAY - dt.timedelta(days=1))) is None
    assert reasons(wishes, vacancy(closes_on=TODAY)) == ("past bij je interesse: Zorg en welzijn",)


def test_without_any_wish_nothing_is_said_to_match():
    assert reasons(Wishes(), vacancy()) is None


def test_hours_in_words_for_one_side_only():
    assert hours_in_words(12, None) == "minstens 12 uur"
    assert hours_in_words(None, 20) == "hoogstens 20 uur"
    assert hours_in_words(16, 16) == "16 uur"


facts = st.builds(
    VacancyFacts,
    id=st.integers(1, 10_000),
    sector=st.sampled_from("ABFGQ"),
    hours=st.integers(1, 60),
    place=st.sampled_from(["Leeuwarden", "Sneek", "Drachten"]),
    kind=st.sampled_from(["paid", "work_placement", "trial_placement", "volunteering"]),
    closes_on=st.one_of(st.none(), st.dates(dt.date(2026, 1, 1), dt.date(2027, 1, 1))),
)
wishes_strategy = st.builds(
    Wishes,
    sectors=st.frozensets(st.sampled_from("ABFGQ"), max_size=3),
    hours_min=st.one_of(st.none(), st.integers(1, 30)),
    hours_max=st.one_of(st.none(), st.integers(20, 60)),
    places=st.frozensets(st.sampled_from(["Leeuwarden", "Sneek"]), max_size=2),
    kinds=st.frozensets(st.sampled_from(["paid", "volunteering"]), max_size=2),
)


@given(wishes_strategy, st.lists(facts, max_size=20, unique_by=lambda v: v.id))
def test_every_match_is_open_fits_every_wish_and_has_a_reason_per_wish(wishes, vacancies):
    for found in matches(wishes, vacancies, TODAY):
        v = next(v for v in vacancies if v.id == found.vacancy_id)
        assert v.closes_on is None or v.closes_on >= TODAY
        assert not wishes.sectors or v.sector in wishes.sectors
        assert wishes.hours_min is None or v.hours >= wishes.hours_min
        assert wishes.hours_max is None or v.hours <= wishes.hours_max
        assert not wishes.places or v.place in wishes.places
        assert not wishes.kinds or v.kind in wishes.kinds
        wished = sum(
            [
                bool(wishes.sectors),
                wishes.hours_min is not None or wishes.hours_max is not None,
                bool(wishes.places),
                bool(wishes.kinds),
            ]
        )
        assert len(found.reasons) == wished >= 1


@given(st.lists(st.integers(), max_size=30), st.dates(), st.integers(0, 5))
def test_rotate_gives_at_most_the_limit_from_the_items(items, day, limit):
    chosen = rotate(items, day, limit)
    assert len(chosen) == min(limit, len(items))
    assert all(item in items for item in chosen)
