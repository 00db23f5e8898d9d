"""The weighted caseload: what a youth in each phase of a running trajectory roughly asks of a
consultant. One definition for the team page (koers.insights) and the intake queue's suggestion
(koers.intake)."""

from koers.trajectories.models import Phase

# Follow-up counts in full (the plan, its evaluations, a substantive contact every 30 days);
# before the plan a youth needs a few conversations and searches on their own, in aftercare a
# check-in a month suffices. Two weights, and the small phases under one of them, on purpose: see
# koers.insights.selectors.team (`weighted_shown`).
PHASE_WEIGHTS = {
    Phase.REGISTRATION: 0.5,
    Phase.INVITED: 0.5,
    Phase.SEARCH_PERIOD: 0.5,
    Phase.FOLLOW_UP: 1.0,
    Phase.AFTERCARE: 0.5,
}
