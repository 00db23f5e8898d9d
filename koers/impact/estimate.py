"""The arithmetic of the impact estimate, on plain values (no database): costs made, costs
possibly saved over a horizon, per payer, and the flags for inconsistent input.

An item per year counts amount × months / 12, per month amount × months, once once. Sums are
exact (fractions of a cent are carried, not dropped); a total is shown in cents, and when that
needed rounding a flag says so (e.g. €1,400 a year over 13 months is €1,516.666...)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Item:
    name: str
    unit: str  # "once" | "month" | "year"
    low: Decimal
    high: Decimal
    payer: str
    source: str = ""
    source_url: str = ""
    source_year: int | None = None
    condition: str = ""
    scenario: str = ""


@dataclass(frozen=True)
class CostsInput:
    mode: str  # "total" | "rate" | "itemised"
    total: Decimal | None = None
    rate: Decimal | None = None
    months: int | None = None
    lines: tuple[tuple[str, Decimal], ...] = ()


@dataclass(frozen=True)
class Flag:
    code: str
    subject: str  # what it is about: an item's name, "kosten", ...
    detail: str = ""


@dataclass(frozen=True)
class ItemEstimate:
    item: Item
    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class PayerTotal:
    payer: str
    low: Decimal
    high: Decimal


@dataclass
class Estimate:
    horizon_months: int
    costs_made: Decimal | None
    costs_months: int | None
    items: list[ItemEstimate] = field(default_factory=list)
    low: Decimal = Decimal("0.00")
    high: Decimal = Decimal("0.00")
    by_payer: list[PayerTotal] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


def _exact(amount: Decimal) -> Fraction:
    return Fraction(amount)


def over_horizon(amount: Decimal, unit: str, months: int) -> Fraction:
    """What one amount comes to over `months` months, exactly."""
    if unit == "year":
        return _exact(amount) * months / 12
    if unit == "month":
        return _exact(amount) * months
    return _exact(amount)


def cents(value: Fraction) -> tuple[Decimal, bool]:
    """(the value in cents, whether that was a rounding)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    shown = exact.quantize(CENT, rounding=ROUND_HALF_UP)
    return shown, Fraction(shown) != value


def costs_made(costs: CostsInput) -> tuple[Decimal | None, list[Flag]]:
    flags: list[Flag] = []
    lines_total = sum((_exact(amount) for _label, amount in costs.lines), Fraction(0))
    for label, amount in costs.lines:
        if amount < 0:
            flags.append(Flag("negative", label))
    if costs.mode == "rate":
        if costs.rate is None or not costs.months:
            flags.append(Flag("incomplete", "kosten", "rate"))
            return None, flags
        if costs.rate < 0:
            flags.append(Flag("negative", "kosten"))
        value = _exact(costs.rate) * costs.months
    elif costs.mode == "itemised":
        if not costs.lines:
            flags.append(Flag("incomplete", "kosten", "lines"))
            return None, flags
        value = lines_total
    else:
        if costs.total is None:
            flags.append(Flag("incomplete", "kosten", "total"))
            return None, flags
        if costs.total < 0:
            flags.append(Flag("negative", "kosten"))
        value = _exact(costs.total)
        # A breakdown beside a total must add up to it.
        if costs.lines and lines_total != value:
            flags.append(Flag("breakdown_mismatch", "kosten", f"{cents(lines_total)[0]} ≠ {cents(value)[0]}"))
    shown, rounded = cents(value)
    if rounded:
        flags.append(Flag("rounded", "kosten"))
    return shown, flags


def item_flags(item: Item) -> list[Flag]:
    flags = []
    if item.low < 0 or item.high < 0:
        flags.append(Flag("negative", item.name))
    if item.high < item.low:
        flags.append(Flag("high_below_low", item.name, f"{item.low} > {item.high}"))
    if not item.source.strip():
        flags.append(Flag("no_source", item.name))
    return flags


def estimate(items: list[Item], *, horizon_months: int, costs: CostsInput) -> Estimate:
    """The whole estimate. Totals and payer totals are summed exactly, then shown in cents."""
    made, flags = costs_made(costs)
    result = Estimate(horizon_months=horizon_months, costs_made=made, costs_months=costs.months, flags=flags)
    if horizon_months < 1:
        result.flags.append(Flag("horizon", "periode"))
        horizon_months = max(horizon_months, 0)
    low_sum, high_sum = Fraction(0), Fraction(0)
    payers: dict[str, list[Fraction]] = {}
    for item in items:
        result.flags += item_flags(item)
        low = over_horizon(item.low, item.unit, horizon_months)
        high = over_horizon(item.high, item.unit, horizon_months)
        low_shown, low_rounded = cents(low)
        high_shown, high_rounded = cents(high)
        if low_rounded or high_rounded:
            result.flags.append(Flag("rounded", item.name))
        result.items.append(ItemEstimate(item=item, low=low_shown, high=high_shown))
        low_sum += low
        high_sum += high
        sums = payers.setdefault(item.payer, [Fraction(0), Fraction(0)])
        sums[0] += low
        sums[1] += high
    result.low, _ = cents(low_sum)
    result.high, _ = cents(high_sum)
    result.by_payer = [
        PayerTotal(payer=payer, low=cents(low)[0], high=cents(high)[0]) for payer, (low, high) in sorted(payers.items())
    ]
    return result
