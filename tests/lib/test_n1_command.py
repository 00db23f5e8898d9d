"""`koers n1`: effect sizes for one series, as JSON or a Dutch table; bad input stops it cleanly.

Expected numbers are SingleCaseES's published example output (pkgdown site built from
jepusto/SingleCaseES@8de5a3aa, reference/*.html); see tests/lib/test_single_case.py.
No database: the command is a calculator.
"""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from koers.method.management.commands.n1 import Command

A = "20,20,26,25,22,23"
B = "28,25,24,27,30,30,29"


def printed(value):
    return pytest.approx(value, rel=1e-6, abs=1e-9)


def run_json(*args):
    out = io.StringIO()
    call_command("n1", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_json_gives_every_statistic_of_the_documentation_example():
    report = run_json("--a", A, "--b", B, "--goal", "30")
    assert set(report) == {"nap", "tau", "tau_u", "pnd", "smd", "lrr", "pogo", "warnings"}
    # reference/NAP.html, Tau.html, Tau_U.html, PND.html, SMD.html, calc_ES.html (LRRi), PoGO.html
    assert report["nap"] == {
        "estimate": printed(0.9166667),
        "se": printed(0.06900656),
        "ci_lower": printed(0.5973406),
        "ci_upper": printed(0.9860176),
    }
    assert report["tau"]["estimate"] == printed(0.8333333)
    assert report["tau"]["ci_lower"] == printed(0.1946812)
    assert report["tau_u"] == {"estimate": printed(0.7380952)}
    assert report["pnd"] == {"estimate": printed(0.7142857)}
    assert report["smd"]["estimate"] == printed(1.649932)
    assert report["smd"]["ci_upper"] == printed(2.892732)
    assert report["lrr"] == {
        "estimate": printed(0.1953962),
        "se": printed(0.05557723),
        "ci_lower": printed(0.08646679),
        "ci_upper": printed(0.30432554),
    }
    assert report["pogo"] == {"estimate": printed(66.88312), "se": printed(20.74513)}
    assert report["warnings"] == []


def test_pogo_only_with_a_goal():
    assert "pogo" not in run_json("--a", A, "--b", B)


def test_a_decrease_flips_the_non_overlap_and_reports_lrrd():
    report = run_json("--a", A, "--b", B, "--improvement", "decrease")
    # articles/Using-SingleCaseES.html: NAP 0.08333333 for a decrease; reference/LRR.html: LRRd 0.1953962
    assert report["nap"]["estimate"] == printed(0.08333333)
    assert report["smd"]["estimate"] == printed(-1.649932)
    assert report["lrr"]["estimate"] == printed(0.1953962)


def test_a_statistic_that_cannot_be_computed_is_null_with_the_reason():
    report = run_json("--a", "5", "--b", "1,2,3")
    assert report["smd"] is None and report["lrr"] is None
    assert report["nap"]["se"] is None and report["nap"]["ci_lower"] is not None
    warnings = " ".join(report["warnings"])
    assert "Fase A heeft 1 meting" in warnings
    assert "SMD is niet te berekenen" in warnings and "LRRi is niet te berekenen" in warnings


def test_a_constant_baseline_leaves_only_smd_out():
    report = run_json("--a", "4,4,4", "--b", "6,7,8")
    assert report["smd"] is None
    assert report["lrr"] is not None
    assert any("alle metingen in fase A zijn gelijk" in warning for warning in report["warnings"])


def test_the_table_is_dutch():
    out = io.StringIO()
    call_command("n1", "--a", A, "--b", B, stdout=out)
    table = out.getvalue()
    assert "hoger is beter" in table
    assert "0,917" in table and "0,597 tot 0,986" in table  # NAP with its interval, decimal comma
    assert "LRRi" in table and "Tau-U" in table


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--a", "1,x,3", "--b", "4,5"], "meting 2 ('x') is geen getal"),
        (["--a", "", "--b", "4,5"], "Fase A heeft geen metingen"),
        (["--a", "1,,3", "--b", "4,5"], "meting 2 is leeg"),
        (["--a", "1,2", "--b", "nan"], "Fase B: meting 1 ('nan') is geen getal"),
        (["--a", "1,2", "--b", "3,4", "--goal", "veel"], "--goal ('veel') is geen getal"),
    ],
)
def test_bad_input_is_refused_with_a_message(args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("n1", *args, stdout=io.StringIO())


def test_bad_input_on_the_command_line_exits_non_zero_without_a_traceback(capsys):
    with pytest.raises(SystemExit) as stopped:
        Command().run_from_argv(["koers", "n1", "--a", "1,x", "--b", "2,3"])
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert "geen getal" in err
    assert "Traceback" not in err
