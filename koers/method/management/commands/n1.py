"""`koers n1 --a 1,2,3 --b 4,5,6 [--improvement increase|decrease] [--goal G] [--json]`.

Single-case (N=1) effect sizes of a baseline (A) and an intervention (B) series, computed by
`koers.lib.single_case` as the R package SingleCaseES computes them. A statistic that cannot be
computed is left out (null in JSON) with the reason in the warnings; input that is not a list of
numbers stops the command with a message and exit code 1.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from koers.lib import single_case as sc

_INTERVAL_KEYS = ("estimate", "se", "ci_lower", "ci_upper")


class Command(BaseCommand):
    help = (
        "Bereken effectmaten voor één jongere (N=1): de metingen van fase A (basislijn) tegen die van fase B "
        "(interventie). NAP, Tau, Tau-U, PND, SMD, LRR en met een doel ook PoGO, zoals SingleCaseES (R)."
    )
    requires_system_checks: list[str] = []  # a calculator: no database, no settings to check

    def add_arguments(self, parser):
        parser.add_argument("--a", required=True, help="Metingen in fase A, met komma's ertussen, bijvoorbeeld 3,4,2.5")
        parser.add_argument("--b", required=True, help="Metingen in fase B, met komma's ertussen, bijvoorbeeld 6,7,5")
        parser.add_argument(
            "--improvement",
            choices=["increase", "decrease"],
            default="increase",
            help="Wat is beter: increase (hoger is beter, standaard) of decrease (lager is beter).",
        )
        parser.add_argument("--goal", help="Het doelniveau; dan berekent Koers ook PoGO (percentage van het doel).")
        parser.add_argument("--json", action="store_true", dest="as_json", help="Geef JSON in plaats van een tabel.")

    def handle(self, *args, a, b, improvement, goal, as_json, **options):
        series_a, series_b = _parse_series(a, "A"), _parse_series(b, "B")
        goal_value = None if goal is None else _parse_goal(goal)
        report = effect_sizes(series_a, series_b, improvement, goal_value)
        if as_json:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(_table(report, len(series_a), len(series_b), improvement, goal_value))


def _parse_series(text: str, phase: str) -> list[float]:
    if not text.strip():
        raise CommandError(f"Fase {phase} heeft geen metingen. Geef ze met komma's ertussen, bijvoorbeeld --a 3,4,2.")
    values = []
    for position, item in enumerate(text.split(","), start=1):
        item = item.strip()
        if not item:
            raise CommandError(f"Fase {phase}: meting {position} is leeg. Haal de dubbele komma weg.")
        values.append(_number(item, f"Fase {phase}: meting {position}"))
    return values


def _parse_goal(text: str) -> float:
    return _number(text.strip(), "--goal")


def _number(item: str, where: str) -> float:
    try:
        value = float(item)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise CommandError(f"{where} ('{item}') is geen getal. Gebruik een punt voor decimalen, bijvoorbeeld 2.5.")
    return value


def effect_sizes(a: list[float], b: list[float], improvement: str, goal: float | None) -> dict[str, Any]:
    """Every statistic as a dict (or None with a warning), plus "warnings"."""
    warnings = [
        f"Fase {phase} heeft {len(series)} meting(en); SingleCaseES raadt er minstens "
        f"{sc.MIN_POINTS_PER_PHASE} per fase aan."
        for phase, series in (("A", a), ("B", b))
        if len(series) < sc.MIN_POINTS_PER_PHASE
    ]
    calculations: dict[str, tuple[str, Callable[[], Any], tuple[str, ...]]] = {
        "nap": ("NAP", lambda: sc.nap(a, b, improvement), _INTERVAL_KEYS),
        "tau": ("Tau", lambda: sc.tau(a, b, improvement), _INTERVAL_KEYS),
        "tau_u": ("Tau-U", lambda: sc.tau_u(a, b, improvement), ("estimate",)),
        "pnd": ("PND", lambda: sc.pnd(a, b, improvement), ("estimate",)),
        "smd": ("SMD", lambda: sc.smd(a, b, improvement), _INTERVAL_KEYS),
        "lrr": (_lrr_name(improvement), lambda: sc.lrr(a, b, improvement), _INTERVAL_KEYS),
    }
    if goal is not None:
        calculations["pogo"] = ("PoGO", lambda: sc.pogo(a, b, goal, improvement), ("estimate", "se"))
    report: dict[str, Any] = {}
    for key, (label, calculate, fields) in calculations.items():
        try:
            result = calculate()
        except sc.SingleCaseError as problem:
            report[key] = None
            warnings.append(f"{label} is niet te berekenen: {_dutch(problem)}")
            continue
        report[key] = {field: getattr(result, field) for field in fields}
        if "se" in fields and result.se is None:
            has_interval = getattr(result, "ci_lower", None) is not None
            missing = "geen standaardfout" if has_interval else "geen standaardfout en interval"
            warnings.append(f"{label}: {missing}, want een fase heeft maar één meting.")
    nap = report.get("nap")
    if nap is not None and nap["estimate"] in (0.0, 1.0):
        warnings.append(
            "NAP en Tau: de fasen overlappen helemaal niet. Het interval is dan één punt, zoals SingleCaseES het "
            "geeft; dat is geen zekerheid."
        )
    report["warnings"] = warnings
    return report


def _lrr_name(improvement: str) -> str:
    return "LRRd" if improvement == "decrease" else "LRRi"


def _dutch(problem: sc.SingleCaseError) -> str:
    if isinstance(problem, sc.TooFewPoints):
        return f"fase {problem.phase} heeft {problem.count} meting(en), nodig zijn er minstens {problem.minimum}."
    if isinstance(problem, sc.ConstantBaseline):
        return "alle metingen in fase A zijn gelijk (standaarddeviatie 0)."
    if isinstance(problem, sc.NegativeValue):
        return f"fase {problem.phase} heeft een negatieve waarde; deze maat vraagt waarden van 0 of meer."
    if isinstance(problem, sc.GoalAtBaseline):
        return "het doel is gelijk aan het gemiddelde van fase A. Kies een ander doel."
    return str(problem)


_ROWS = (
    ("nap", "NAP"),
    ("tau", "Tau"),
    ("tau_u", "Tau-U"),
    ("pnd", "PND"),
    ("smd", "SMD (Hedges' g)"),
    ("lrr", "LRR"),
    ("pogo", "PoGO"),
)


def _table(report: dict[str, Any], count_a: int, count_b: int, improvement: str, goal: float | None) -> str:
    better = "lager" if improvement == "decrease" else "hoger"
    lines = [
        f"Effectmaten N=1 - fase A: {count_a} metingen, fase B: {count_b} metingen; {better} is beter.",
        "",
        f"{'Maat':<20}{'Schatting':>10}{'SE':>9}   95%-interval",
    ]
    for key, label in _ROWS:
        if key not in report:
            continue
        if key == "lrr":
            label = _lrr_name(improvement)
        elif key == "pogo":
            label = f"PoGO (doel {goal:g})".replace(".", ",")
        values = report[key]
        if values is None:
            lines.append(f"{label:<20}niet te berekenen (zie Let op)")
            continue
        interval = (
            f"{_decimal(values['ci_lower'])} tot {_decimal(values['ci_upper'])}"
            if values.get("ci_lower") is not None
            else "-"
        )
        se = _decimal(values["se"]) if values.get("se") is not None else "-"
        lines.append(f"{label:<20}{_decimal(values['estimate']):>10}{se:>9}   {interval}")
    if report["warnings"]:
        lines += ["", "Let op:", *(f"- {warning}" for warning in report["warnings"])]
    lines += ["", "Berekend zoals het R-pakket SingleCaseES (standaardinstellingen); PND en Tau-U zonder SE."]
    return "\n".join(lines)


def _decimal(value: float) -> str:
    """Three decimals the Dutch way, with a decimal comma."""
    return f"{value:.3f}".replace(".", ",")
