"""Single-case effect sizes against SingleCaseES's published numbers and the papers' worked examples.

Sources (every expected number below comes from one of these, none from running koers.lib):

- [site] SingleCaseES's pkgdown site, built from jepusto/SingleCaseES@8de5a3aa (version 0.7.4,
  the commit whose R code koers.lib.single_case follows): branch gh-pages, files
  reference/<Function>.html (the Examples output) and articles/Using-SingleCaseES.html.
  Published at jepusto.github.io/SingleCaseES. R prints 7 significant digits, hence `printed`.
- [PVD] SingleCaseES tests/testthat/test-parker-vannest-davis-2011.R: the worked examples of
  Parker, Vannest & Davis (2011), "Effect size in single-case research: a review of nine
  nonoverlap techniques", as exact fractions.
- [Tarlow] SingleCaseES tests/testthat/test-tarlow-2017.R (Tarlow 2017's example series).
- [Patrona] SingleCaseES tests/testthat/test-POGO_data.R: PoGO and its SE as printed in the
  article (Patrona et al. 2022) for the Kelley (2015) data, data(Kelley2015) in the package.

The series yA/yB are the example of Parker & Vannest (2009), "An improved effect size for
single-case research: Nonoverlap of all pairs", as SingleCaseES's documentation gives it.
"""

import math

import pytest

from koers.lib.single_case import (
    ConstantBaseline,
    GoalAtBaseline,
    NegativeValue,
    NotANumber,
    SingleCaseError,
    TooFewPoints,
    ZeroMean,
    lrr,
    lrr_d,
    lrr_i,
    nap,
    pnd,
    pogo,
    smd,
    tau,
    tau_u,
    warnings_for,
)

# The example series of SingleCaseES's documentation (and of Parker, Vannest & Davis 2011).
A = [20, 20, 26, 25, 22, 23]
B = [28, 25, 24, 27, 30, 30, 29]
# Parker & Vannest (2009).
YA = [4, 3, 4, 3, 4, 7, 5, 2, 3, 2]
YB = [5, 9, 7, 9, 7, 5, 9, 11, 11, 10, 9]


def printed(value):
    """A number R printed with 7 significant digits."""
    return pytest.approx(value, rel=1e-6, abs=1e-9)


def as_tuple(result):
    return (result.estimate, result.se, result.ci_lower, result.ci_upper)


# --- NAP -----------------------------------------------------------------------------------------


def test_nap_of_the_documentation_example():
    # [site] reference/NAP.html: NAP 0.9166667 0.06900656 0.5973406 0.9860176
    assert as_tuple(nap(A, B)) == (printed(0.9166667), printed(0.06900656), printed(0.5973406), printed(0.9860176))


def test_nap_counts_a_tie_as_one_half():
    # [PVD] NAP = 38.5 / 42: one tie (25 against 25) among the 42 pairs.
    assert nap(A, B).estimate == pytest.approx(38.5 / 42)


def test_nap_of_the_parker_vannest_2009_example():
    # [site] reference/NAP.html, "Example from Parker & Vannest (2009)":
    # NAP 0.9636364 0.03192622 0.7499741 0.9950729
    assert as_tuple(nap(YA, YB)) == (printed(0.9636364), printed(0.03192622), printed(0.7499741), printed(0.9950729))


def test_nap_for_a_decrease_mirrors_the_interval():
    # [site] articles/Using-SingleCaseES.html, improvement = "decrease":
    # NAP 0.08333333 0.06900656 0.01398242 0.4026594
    result = nap(A, B, improvement="decrease")
    assert as_tuple(result) == (printed(0.08333333), printed(0.06900656), printed(0.01398242), printed(0.4026594))


def test_nap_with_ties_across_the_phases():
    # [site] articles/Using-SingleCaseES.html, phases A (20 20 26 25 22) and B (23 28 25 24 27):
    # NAP 0.78 0.155 0.4115567 0.9423658
    result = nap([20, 20, 26, 25, 22], [23, 28, 25, 24, 27])
    assert as_tuple(result) == (printed(0.78), printed(0.155), printed(0.4115567), printed(0.9423658))


@pytest.mark.parametrize(
    ("confidence", "lower", "upper"),
    [(0.99, 0.4875014, 0.9907377), (0.90, 0.6591091, 0.9822249)],  # [site] articles/Using-SingleCaseES.html
)
def test_nap_interval_at_another_confidence(confidence, lower, upper):
    result = nap(A, B, confidence=confidence)
    assert (result.ci_lower, result.ci_upper) == (printed(lower), printed(upper))


def test_nap_of_one_has_the_packages_degenerate_interval():
    # [site] articles/Using-SingleCaseES.html, intervention phase C (30 30 29):
    # NAP 1 0.06346478 1 1 — SingleCaseES reports the interval [1, 1] at complete non-overlap.
    assert as_tuple(nap([20, 20, 26, 25, 22], [30, 30, 29])) == (1.0, printed(0.06346478), 1.0, 1.0)


def test_nap_with_a_phase_of_one_point_has_no_standard_error():
    # SingleCaseES test-short-phase-behavior.R: the SE of NAP and Tau is not finite with one point.
    result = nap([3], [5, 6, 7])
    assert result.estimate == 1.0
    assert result.se is None
    assert tau([3], [5, 6, 7]).se is None


def test_nap_needs_a_point_in_each_phase():
    with pytest.raises(TooFewPoints) as refused:
        nap([], [1, 2, 3])
    assert (refused.value.phase, refused.value.count) == ("A", 0)
    assert "phase A" in str(refused.value)


# --- Tau, Tau-U, PND -----------------------------------------------------------------------------


def test_tau_of_the_documentation_example():
    # [site] reference/Tau.html: Tau 0.8333333 0.1380131 0.1946812 0.9720352; [PVD] (38 - 3) / 42
    result = tau(A, B)
    assert as_tuple(result) == (printed(0.8333333), printed(0.1380131), printed(0.1946812), printed(0.9720352))
    assert result.estimate == pytest.approx(35 / 42)


def test_tau_of_the_parker_vannest_2009_example():
    # [site] reference/calc_ES.html, calc_ES(yA, yB): Tau 0.9272727 0.06385245 0.4999482 0.9901458
    assert as_tuple(tau(YA, YB)) == (printed(0.9272727), printed(0.06385245), printed(0.4999482), printed(0.9901458))


def test_tau_u_of_the_documentation_example():
    # [site] reference/Tau_U.html: Tau-U 0.7380952
    assert tau_u(A, B).estimate == printed(0.7380952)


@pytest.mark.parametrize(
    ("a", "b", "tau_expected", "tau_u_expected"),
    [
        ([3, 3, 4, 5], [4, 5, 6, 7, 7], 16 / 20, 11 / 20),  # [PVD] example 2
        ([1, 2, 3, 4, 5], [6, 7, 8, 9, 10], 1.0, 0.6),  # [Tarlow]: the baseline trend takes 0.4 off
    ],
)
def test_tau_u_subtracts_the_baseline_trend(a, b, tau_expected, tau_u_expected):
    assert tau(a, b).estimate == pytest.approx(tau_expected)
    assert tau_u(a, b).estimate == pytest.approx(tau_u_expected)


def test_tau_u_for_a_decrease_changes_sign():
    # [site] articles/Using-SingleCaseES.html, calc_ES(A, B, ES = "NOM", improvement = "decrease"): Tau-U -0.73809524
    assert tau_u(A, B, improvement="decrease").estimate == printed(-0.73809524)


def test_pnd_is_a_proportion():
    # [site] reference/PND.html: PND 0.7142857; [PVD] 5 / 7
    assert pnd(A, B).estimate == pytest.approx(5 / 7)


def test_pnd_for_a_decrease_looks_below_the_lowest_baseline_point():
    # [site] articles/Using-SingleCaseES.html, calc_ES(A, B, ES = "NOM", improvement = "decrease"): PND 0
    assert pnd(A, B, improvement="decrease").estimate == 0.0


# --- SMD ------------------------------------------------------------------------------------------


def test_smd_with_the_baseline_sd_and_hedges_correction():
    # [site] reference/SMD.html, SMD(A, B): 1.649932 0.6340935 0.4071314 2.892732, baseline_SD 2.503331
    result = smd(A, B)
    assert as_tuple(result) == (printed(1.649932), printed(0.6340935), printed(0.4071314), printed(2.892732))
    assert result.baseline_sd == printed(2.503331)


def test_smd_for_a_decrease():
    # [site] articles/Using-SingleCaseES.html: SMD -1.649932 0.6340935 -2.892732 -0.4071314
    result = smd(A, B, improvement="decrease")
    assert as_tuple(result) == (printed(-1.649932), printed(0.6340935), printed(-2.892732), printed(-0.4071314))


def test_smd_of_the_parker_vannest_2009_example():
    # [site] reference/calc_ES.html, calc_ES(yA, yB): SMD 2.8531844 0.78308117 1.3183735 4.3879953, SD 1.494434
    result = smd(YA, YB)
    assert as_tuple(result) == (printed(2.8531844), printed(0.78308117), printed(1.3183735), printed(4.3879953))
    assert result.baseline_sd == printed(1.494434)


def test_smd_refuses_a_constant_baseline():
    # SingleCaseES warns "There is no variation in the outcome!" (test-trunc-constant.R) and divides by 0.
    with pytest.raises(ConstantBaseline):
        smd([10, 10, 10, 10], [2, 2, 3])


@pytest.mark.parametrize("baseline", [[4], [4, 6]])
def test_smd_refuses_fewer_than_three_baseline_points(baseline):
    # One point: no SD (NA in SingleCaseES). Two: Hedges' J = 1 - 3 / (4 * 1 - 1) = 0.
    with pytest.raises(TooFewPoints) as refused:
        smd(baseline, [7, 8, 9])
    assert (refused.value.statistic, refused.value.phase, refused.value.minimum) == ("SMD", "A", 3)


def test_smd_with_one_intervention_point_has_no_standard_error():
    # SingleCaseES gives the estimate but SE NA: the phase B variance is undefined. The estimate is
    # the vignette's d_A = (1 - 3 / (4m - 5)) (mean B - mean A) / s_A (Effect-size-definitions.Rmd):
    # m = 3, means 2 and 5, s_A = 1.
    result = smd([1, 2, 3], [5])
    assert result.estimate == pytest.approx((1 - 3 / 7) * 3)
    assert (result.se, result.ci_lower, result.ci_upper) == (None, None, None)


# --- LRR ------------------------------------------------------------------------------------------


def test_lrr_is_lrri_for_an_increase():
    # [site] reference/calc_ES.html: LRRi 0.1953962 0.05557723 0.08646679 0.30432554
    result = lrr(A, B)
    assert result.version == "LRRi"
    assert as_tuple(result) == (printed(0.1953962), printed(0.05557723), printed(0.08646679), printed(0.30432554))


def test_lrr_is_lrrd_for_a_decrease():
    # [site] reference/LRR.html, LRRd(A, B) with its default improvement "decrease":
    # LRRd 0.1953962 0.05557723 0.08646679 0.3043255 (for counts: the same log ratio)
    result = lrr(A, B, improvement="decrease")
    assert result.version == "LRRd"
    assert as_tuple(result) == (printed(0.1953962), printed(0.05557723), printed(0.08646679), printed(0.3043255))


def test_lrrd_for_an_increase_and_lrri_for_a_decrease_change_sign():
    # [site] reference/calc_ES.html: LRRd -0.1953962 0.05557723 -0.30432554 -0.08646679;
    # articles/Using-SingleCaseES.html, LRRi(..., improvement = "decrease"): -0.1953962 ... -0.3043255 -0.08646679
    expected = (printed(-0.1953962), printed(0.05557723), printed(-0.30432554), printed(-0.08646679))
    assert as_tuple(lrr_d(A, B, improvement="increase")) == expected
    assert as_tuple(lrr_i(A, B, improvement="decrease")) == expected


def test_lrr_of_the_parker_vannest_2009_example():
    # [site] reference/calc_ES.html, calc_ES(yA, yB): LRRi 0.8102983 0.14867023 0.5189100 1.1016866
    assert as_tuple(lrr(YA, YB)) == (printed(0.8102983), printed(0.14867023), printed(0.5189100), printed(1.1016866))


def test_lrr_truncates_a_zero_baseline_mean():
    # [site] articles/Using-SingleCaseES.html: A = 0 0 0 0, LRRd(scale = "rate", observation_length = 30),
    # that is D_const = 30: LRRd 8.672947 0.5010548 7.690897 9.654996
    result = lrr_d([0, 0, 0, 0], B, d_const=30)
    assert as_tuple(result) == (printed(8.672947), printed(0.5010548), printed(7.690897), printed(9.654996))


def test_lrr_with_zeros_and_the_count_default_gives_an_estimate():
    # SingleCaseES test-trunc-constant.R: with count data and a phase of zeros the LRRs and their
    # SEs are finite and positive, and the two directions differ only in sign.
    increase, decrease = lrr([3, 2, 4, 1], [0, 0, 0, 0, 0]), lrr([3, 2, 4, 1], [0, 0, 0, 0, 0], "decrease")
    assert math.isfinite(increase.estimate) and increase.se is not None and increase.se > 0
    assert decrease.estimate == pytest.approx(increase.estimate)  # LRRd for a decrease = LRRi for an increase
    assert lrr_d([3, 2, 4, 1], [0, 0, 0, 0, 0], improvement="increase").estimate == pytest.approx(-increase.estimate)


def test_lrr_without_truncation_refuses_a_zero_mean():
    # [site] articles/Using-SingleCaseES.html: LRRd(scale = "rate") without a session length gives NaN.
    with pytest.raises(ZeroMean):
        lrr_d([0, 0, 0, 0], B, d_const=math.inf)


def test_lrr_refuses_negative_values():
    with pytest.raises(NegativeValue) as refused:
        lrr([3, -1, 2], [4, 5, 6])
    assert refused.value.phase == "A"


def test_lrr_refuses_a_phase_of_one_point():
    # SingleCaseES test-short-phase-behavior.R: LRRd and LRRi are NA with one observation per phase.
    with pytest.raises(TooFewPoints):
        lrr([3], [4, 5, 6])


# --- PoGO -----------------------------------------------------------------------------------------


def test_pogo_of_the_documentation_example():
    # [site] reference/PoGO.html, PoGO(A, B, goal = 30): 66.88312 20.74513 26.22341 107.5428
    result = pogo(A, B, goal=30)
    assert as_tuple(result) == (printed(66.88312), printed(20.74513), printed(26.22341), printed(107.5428))


def test_pogo_and_its_standard_error_as_published():
    # [Patrona] Kelley (2015) case 240408: pre 0 0 0, post 4 2 6, goal 12: 33.33333333, SE 100 * 0.096225045
    result = pogo([0, 0, 0], [4, 2, 6], goal=12)
    assert (result.estimate, result.se) == (pytest.approx(33.33333333), pytest.approx(9.6225045))
    # Case 240412: pre 3 0 2, post 5 4 6: 32.25850156, SE 100 * 0.105658281; the article's own
    # rounding makes the package test compare to one decimal, as here.
    result = pogo([3, 0, 2], [5, 4, 6], goal=12)
    assert (result.estimate, result.se) == (pytest.approx(32.25850156, abs=0.05), pytest.approx(10.5658281, abs=0.05))


def test_pogo_does_not_depend_on_the_improvement_argument():
    # SingleCaseES test-PoGO.R: PoGO(..., "increase") equals PoGO(..., "decrease").
    assert pogo(A, B, goal=25, improvement="decrease") == pogo(A, B, goal=25)


def test_pogo_refuses_a_goal_at_the_baseline_mean():
    with pytest.raises(GoalAtBaseline):
        pogo([2, 4], [5, 6], goal=3)


# --- input and warnings ----------------------------------------------------------------------------


@pytest.mark.parametrize("statistic", [nap, tau, tau_u, pnd, smd, lrr])
def test_a_missing_value_is_refused_not_dropped(statistic):
    with pytest.raises(NotANumber) as refused:
        statistic([1, 2, 3], [4, float("nan"), 6])
    assert (refused.value.phase, refused.value.position) == ("B", 2)
    assert isinstance(refused.value, ValueError)


def test_every_refusal_is_a_value_error():
    for error in (TooFewPoints, NotANumber, ConstantBaseline, NegativeValue, ZeroMean, GoalAtBaseline):
        assert issubclass(error, SingleCaseError) and issubclass(error, ValueError)


def test_warnings_name_each_phase_below_three_points():
    # SingleCaseES's calculator asks for "at least three data points in each phase" (mappings.R).
    assert warnings_for([1, 2, 3], [4, 5, 6]) == []
    notes = warnings_for([1], [4, 5])
    assert len(notes) == 2
    assert "Phase A has 1" in notes[0] and "Phase B has 2" in notes[1]
