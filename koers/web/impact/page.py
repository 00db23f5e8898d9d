"""The impact timeline of one youth (effectenlijn): one page with what Koers already knows, the
episodes, the evaluation, the reference scenarios with their priced items, the costs made and the
estimate over a chosen horizon, with every flag of inconsistent input shown.

Needs the youth's consent for this purpose (koers.impact.access); without it the page explains
that, and links to the consent form on the youth file. Queries: the youth (with its access-log
entry), the consent, the timeline, what Koers knows (5), the timeline's parts (7), the price list:
the same for a timeline of any size."""

import itertools

from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.audit.models import AccessAction, AccessChannel
from koers.impact.access import ConsentMissing, impact_youth_for
from koers.impact.flags import flag_messages
from koers.impact.models import ActorRole, Payer, PointKind, Unit
from koers.impact.selectors import known_events, price_list, timeline_of, timeline_view
from koers.impact.services import timeline_start
from koers.impact.themes import theme_label
from koers.web.impact.forms import (
    POINT_KINDS,
    CostLineForm,
    CostsForm,
    EpisodeForm,
    HorizonForm,
    PointForm,
    ScenarioForm,
    ScenarioItemForm,
    TimelineForm,
)
from koers.web.once import submit_once


def consent_url(youth_id: int) -> str:
    """The consent form on the youth file, opened."""
    return reverse("youth_file", args=[youth_id]) + "?open=research_consent#research_consent-heading"


def page_url(youth_id: int, section: str = "") -> str:
    url = reverse("impact_page", args=[youth_id])
    return f"{url}#{section}-heading" if section else url


def _horizon(request, timeline) -> tuple[HorizonForm, int]:
    form = HorizonForm(request.GET if "horizon" in request.GET else None, initial={"horizon": timeline.horizon_months})
    if form.is_bound and form.is_valid() and form.cleaned_data["horizon"]:
        return form, form.cleaned_data["horizon"]
    return form, timeline.horizon_months


def _forms(timeline, view, prices, bound: dict) -> dict:
    """Every form of the page, empty, or the one that was sent with its errors (`bound`)."""
    forms = {
        "timeline_form": TimelineForm(
            prefix="timeline",
            initial={
                "title": timeline.title,
                "starts_on": timeline.starts_on,
                "ends_on": timeline.ends_on,
                "horizon_months": timeline.horizon_months,
                "name_in_report": timeline.name_in_report,
            },
        ),
        "costs_form": CostsForm(
            prefix="costs",
            initial={
                "costs_mode": timeline.costs_mode,
                "costs_total": _plain(timeline.costs_total),
                "costs_rate": _plain(timeline.costs_rate),
                "costs_months": timeline.costs_months,
                "costs_source": timeline.costs_source,
            },
        ),
        "cost_line_form": CostLineForm(prefix="line"),
        "episode_form": EpisodeForm(prefix="episode"),
        "scenario_form": ScenarioForm(prefix="scenario"),
    }
    forms["point_forms"] = {kind: PointForm(kind=kind) for kind in POINT_KINDS}
    forms["item_forms"] = {s.pk: ScenarioItemForm(prices=prices, scenario_id=s.pk) for s in view.scenarios}
    # To correct what was written: each episode and point in its own form, filled in.
    forms["episode_forms"] = {
        e.pk: EpisodeForm(prefix=f"episode-{e.pk}", initial=_episode_initial(e)) for e in view.episodes
    }
    forms["point_edit_forms"] = {
        p.pk: PointForm(
            kind=p.kind,
            prefix=f"point-{p.pk}",
            initial={"theme": p.theme, "text": p.text, "youth_view": p.youth_view},
        )
        for p in view.points
    }
    for key, form in bound.items():
        if key in POINT_KINDS:
            forms["point_forms"][key] = form
        elif isinstance(form, ScenarioItemForm):
            forms["item_forms"][form.scenario_id] = form
        elif key.startswith("episode-"):
            forms["episode_forms"][int(key.removeprefix("episode-"))] = form
        elif key.startswith("point-"):
            forms["point_edit_forms"][int(key.removeprefix("point-"))] = form
        else:
            forms[key] = form
    return forms


def _episode_initial(episode) -> dict:
    """The episode as its form shows it to change (actors and quotes were read with it)."""
    initial = {
        "title": episode.title,
        "narrative": episode.narrative,
        "starts_on": episode.starts_on,
        "ends_on": episode.ends_on,
    }
    for n, actor in enumerate(episode.actors.all(), start=1):
        initial[f"actor_role_{n}"], initial[f"actor_did_{n}"] = actor.role, actor.did
    for n, quote in enumerate(episode.quotes.all(), start=1):
        initial[f"quote_role_{n}"], initial[f"quote_text_{n}"] = quote.role, quote.text
    return initial


def _plain(amount) -> str:
    """An amount as the form shows it to change: 14000,00."""
    return "" if amount is None else f"{amount:.2f}".replace(".", ",")


def _months_with_events(youth) -> list[tuple]:
    return [
        (month, [event.text for event in events])
        for month, events in itertools.groupby(known_events(youth), key=lambda event: event.month)
    ]


def render_page(request, youth, timeline=None, *, bound: dict | None = None):
    """The page; `bound` holds a form that was refused, to show it again with its errors."""
    context = {"youth": youth, "timeline": timeline, "consent_url": consent_url(youth.pk)}
    if timeline is not None:
        prefetch_related_objects([timeline], "cost_lines")  # read once, by the estimate and the list
        horizon_form, horizon = _horizon(request, timeline)
        view = timeline_view(timeline, horizon_months=horizon)
        prices = price_list(timeline.organisation_id)
        context.update(
            view=view,
            horizon=horizon,
            horizon_form=horizon_form,
            known=_months_with_events(youth),
            cost_lines=list(timeline.cost_lines.all()),
            points={
                kind: [(point, theme_label(kind, point.theme)) for point in view.points if point.kind == kind]
                for kind in POINT_KINDS
            },
            point_headings={PointKind.ADDED_VALUE: _("Meerwaarde"), PointKind.ATTENTION: _("Aandachtspunten")},
            flags=flag_messages(view.estimate.flags),
            unit_labels=dict(Unit.choices),
            payer_labels=dict(Payer.choices),
            role_labels=dict(ActorRole.choices),
            prices=prices,
            **_forms(timeline, view, prices, bound or {}),
        )
    return render(request, "web/impact/page.html", context)


def _consent_missing(request, youth_id: int):
    context = {"youth_id": youth_id, "consent_url": consent_url(youth_id)}
    return render(request, "web/impact/no_consent.html", context, status=403)


@login_required
@require_GET
def impact_page_view(request, youth_id: int):
    try:
        youth = impact_youth_for(request.user, youth_id, action=AccessAction.VIEW, channel=AccessChannel.WEB)
    except ConsentMissing:
        return _consent_missing(request, youth_id)
    return render_page(request, youth, timeline_of(youth))


@login_required
@require_POST
def impact_start_view(request, youth_id: int):
    def write() -> str:
        timeline_start(actor=request.user, youth_id=youth_id, channel=AccessChannel.WEB)
        return page_url(youth_id)

    try:
        return submit_once(request, write=write, success=_("De effectenlijn is begonnen."))
    except ConsentMissing:
        return _consent_missing(request, youth_id)
