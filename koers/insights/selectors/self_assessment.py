"""Reads of the verbetertool: the questions and tips, a consultant's fillings-in, and each answer
beside what they logged ("u schat in: vaak; vastgelegd: in 12 % van uw gesprekken"), and who may
see a colleague's."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db.models import Q

from koers.accounts.models import User
from koers.insights.models import Frequency, InsightSharing, SelfAssessment, SelfAssessmentAnswer
from koers.insights.selectors.practice import Practice
from koers.method.selectors import element_groups, working_elements

QUESTIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "verbetertool.json"
# What each answer roughly means as a share of the conversations: the lower bound of each band.
# Logged practice falls in the band of the highest bound it reaches.
FREQUENCY_FROM_SHARE = (
    (Frequency.ALWAYS, 0.8),
    (Frequency.OFTEN, 0.5),
    (Frequency.SOMETIMES, 0.2),
    (Frequency.RARELY, 0.0001),
    (Frequency.NEVER, 0.0),
)
# An estimate this many answers away from the logged band stands out.
DIFFERENCE_SHOWN = 2
HISTORY_SHOWN = 5


@cache
def _texts() -> dict[str, dict[str, str]]:
    return {item["code"]: item for item in json.loads(QUESTIONS_FILE.read_text(encoding="utf-8"))}


def logged_frequency(share: float) -> Frequency:
    return next(frequency for frequency, lower in FREQUENCY_FROM_SHARE if share >= lower)


@dataclass(frozen=True)
class Question:
    code: str
    name: str
    question: str
    tip: str


@dataclass(frozen=True)
class QuestionGroup:
    theme: str
    questions: tuple[Question, ...]


def questions() -> list[QuestionGroup]:
    """The active working elements per theme, each with its question and tip (one query)."""
    texts = _texts()
    groups = []
    for group in element_groups(working_elements()):
        items = []
        for code, name in group.elements:
            text = texts.get(code, {})
            items.append(Question(code, name, text.get("question", name), text.get("tip", "")))
        groups.append(QuestionGroup(group.theme, tuple(items)))
    return groups


@dataclass(frozen=True)
class Filled:
    pk: int
    created_at: object
    answers: dict[str, int]  # element code → Frequency


def fillings_of(consultant: User, *, limit: int = HISTORY_SHOWN) -> list[Filled]:
    """The consultant's latest fillings-in, newest first, with their answers (two queries)."""
    assessments = list(
        SelfAssessment.objects.filter(consultant=consultant)
        .order_by("-created_at", "-pk")
        .values("pk", "created_at")[:limit]
    )
    answers: dict[int, dict[str, int]] = {row["pk"]: {} for row in assessments}
    for assessment_id, code, frequency in SelfAssessmentAnswer.objects.filter(
        assessment_id__in=list(answers)
    ).values_list("assessment_id", "element__code", "frequency"):
        answers[assessment_id][code] = frequency
    return [Filled(row["pk"], row["created_at"], answers[row["pk"]]) for row in assessments]


@dataclass(frozen=True)
class Comparison:
    question: Question
    estimate: Frequency | None
    earlier: Frequency | None  # the filling-in before the latest
    logged: Frequency
    share: float
    count: int

    @property
    def stands_out(self) -> bool:
        return self.estimate is not None and abs(self.estimate - self.logged) >= DIFFERENCE_SHOWN

    @property
    def estimate_label(self) -> str:
        return str(Frequency(self.estimate).label).lower() if self.estimate is not None else ""

    @property
    def logged_label(self) -> str:
        return str(self.logged.label).lower()


def comparison(groups: list[QuestionGroup], fillings: list[Filled], practice: Practice) -> list[tuple[str, list]]:
    """Per theme, each element's latest estimate beside the share of contacts it was logged in."""
    latest = fillings[0].answers if fillings else {}
    earlier = fillings[1].answers if len(fillings) > 1 else {}
    rows = {row.code: row for theme in practice.themes for row in theme.rows}
    result = []
    for group in groups:
        items = []
        for question in group.questions:
            row = rows.get(question.code)
            share, count = (row.share, row.total) if row else (0.0, 0)
            estimate = latest.get(question.code)
            before = earlier.get(question.code)
            items.append(
                Comparison(
                    question=question,
                    estimate=Frequency(estimate) if estimate is not None else None,
                    earlier=Frequency(before) if before is not None else None,
                    logged=logged_frequency(share),
                    share=share,
                    count=count,
                )
            )
        result.append((group.theme, items))
    return result


def sharing_of(consultant: User) -> InsightSharing:
    return InsightSharing.objects.filter(consultant=consultant).first() or InsightSharing(consultant=consultant)


def may_see_self_assessment(viewer: User, consultant: User) -> bool:
    """Only the consultant, and whom they chose: their team lead (a team lead of the organisation)
    or their team (the fellow consultants they discuss their work with in intervision; a team lead
    of the team sees it only when it is shared with the team lead)."""
    if not viewer.works_with_youths or viewer.organisation_id != consultant.organisation_id:
        return False
    if viewer.pk == consultant.pk:
        return True
    sharing = sharing_of(consultant)
    if viewer.is_team_lead:
        return sharing.self_assessment_with_team_lead
    return bool(sharing.self_assessment_with_team and consultant.team_id and viewer.team_id == consultant.team_id)


def shared_with(viewer: User) -> list[User]:
    """The colleagues whose verbetertool the viewer may see (besides their own), by name."""
    if not viewer.works_with_youths:
        return []
    if viewer.is_team_lead:
        shared = Q(insight_sharing__self_assessment_with_team_lead=True)
    elif viewer.team_id:
        shared = Q(insight_sharing__self_assessment_with_team=True, team_id=viewer.team_id)
    else:
        return []
    return list(
        User.objects.filter(shared, organisation_id=viewer.organisation_id, is_active=True)
        .exclude(pk=viewer.pk)
        .order_by("first_name", "last_name")
    )
