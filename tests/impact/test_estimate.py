"""The arithmetic of the impact estimate: units over a horizon, low-high ranges carried to the
totals and per payer, exact sums shown in cents, and inconsistent input flagged, not hidden."""

from decimal import Decimal as D

import pytest

from koers.impact.estimate import CostsInput, Item, costs_made, estimate, over_horizon

SOURCE = "Maatschappelijke prijslijst 2019"


def _item(name="x", unit="year", low="1000", high="2000", payer="municipality", source=SOURCE):
    return Item(name=name, unit=unit, low=D(low), high=D(high), payer=payer, source=source)


def _codes(result):
    return {(flag.code, flag.subject) for flag in result.flags}


@pytest.mark.parametrize(
    "unit, months, expected",
    [("year", 12, "1200"), ("year", 6, "600"), ("year", 24, "2400"), ("month", 12, "14400"), ("once", 36, "1200")],
)
def test_each_unit_counts_over_the_horizon(unit, months, expected):
    assert over_horizon(D("1200"), unit, months) == D(expected)


def test_case_1_at_twelve_months():
    items = [
        _item("Behandeling verslaving", "year", "1400", "13000"),
        _item("Maatschappelijke opvang", "once", "12000", "12000"),
        _item("Bijstandsuitkering", "year", "8750", "16000"),
        _item("Uitvoering bijstand", "year", "2900", "2900"),
    ]
    result = estimate(items, horizon_months=12, costs=CostsInput(mode="total", total=D("14000"), months=13))
    assert (result.costs_made, result.low, result.high) == (D("14000.00"), D("25050.00"), D("43900.00"))
    assert result.flags == []
    longer = estimate(items, horizon_months=24, costs=CostsInput(mode="total", total=D("14000"), months=13))
    # Per year twice, the stay in shelter once: 2×(1,400+8,750+2,900)+12,000 and 2×(13,000+16,000+2,900)+12,000.
    assert (longer.low, longer.high) == (D("38100.00"), D("75800.00"))


def test_totals_are_kept_per_payer():
    items = [_item("a", payer="municipality"), _item("b", payer="health_insurer", low="500", high="700")]
    result = estimate(items, horizon_months=12, costs=CostsInput(mode="total", total=D("1")))
    assert {(p.payer, p.low, p.high) for p in result.by_payer} == {
        ("municipality", D("1000.00"), D("2000.00")),
        ("health_insurer", D("500.00"), D("700.00")),
    }


def test_fractions_of_a_cent_are_summed_exactly_and_the_rounding_is_flagged():
    # 1,400 a year over 13 months is 1,516.666...; three such items are exactly 4,550.00.
    items = [_item(f"item {n}", "year", "1400", "1400") for n in range(3)]
    result = estimate(items, horizon_months=13, costs=CostsInput(mode="total", total=D("1")))
    assert result.items[0].low == D("1516.67")
    assert result.low == D("4550.00")  # not 3 × 1,516.67 = 4,550.01
    assert ("rounded", "item 0") in _codes(result)


def test_inconsistent_input_is_flagged_and_still_counted():
    items = [_item("omgekeerd", low="900", high="100"), _item("zonder bron", source=" "), _item("min", low="-5")]
    result = estimate(items, horizon_months=12, costs=CostsInput(mode="total", total=D("1")))
    assert {("high_below_low", "omgekeerd"), ("no_source", "zonder bron"), ("negative", "min")} <= _codes(result)
    assert result.low == D("1895.00")  # 900 + 1,000 - 5: kept as entered, not corrected


def test_costs_made_three_ways_and_a_breakdown_that_does_not_add_up():
    assert costs_made(CostsInput(mode="rate", rate=D("1076.92"), months=13))[0] == D("13999.96")
    lines = (("Begeleiding", D("6298")), ("Overhead", D("1777")), ("Materieel", D("2074")), ("Overig", D("3113")))
    assert costs_made(CostsInput(mode="itemised", lines=lines))[0] == D("13262.00")
    total, flags = costs_made(CostsInput(mode="total", total=D("13261"), lines=lines))
    assert total == D("13261.00") and [flag.code for flag in flags] == ["breakdown_mismatch"]
    missing, flags = costs_made(CostsInput(mode="rate", rate=None, months=None))
    assert missing is None and flags[0].code == "incomplete"
