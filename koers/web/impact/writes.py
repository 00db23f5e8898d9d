"""The writes of the impact timeline page: each form posts here, the service decides (access,
consent, the rules) and a refused form comes back on the page with the service's Dutch message at
its field. Every form saves once (koers.web.once)."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.audit.models import AccessAction, AccessChannel
from koers.impact import services
from koers.impact.access import timeline_for
from koers.impact.selectors import price_list
from koers.web.forms import attach_service_errors
from koers.web.impact.forms import (
    POINT_KINDS,
    CostLineForm,
    CostsForm,
    EpisodeForm,
    PointForm,
    ScenarioForm,
    ScenarioItemForm,
    TimelineForm,
)
from koers.web.impact.page import page_url, render_page
from koers.web.once import submit_once

WEB = AccessChannel.WEB


def _submit(
    request,
    youth_id: int,
    *,
    key: str,
    form: forms.Form,
    write: Callable[[dict], object],
    success: str,
    section: str,
    aliases: dict | None = None,
):
    """Save through `write` once and go back to the page's section; else show the form again."""
    if form.is_valid():

        def saved() -> str:
            write(form.cleaned_data)
            return page_url(youth_id, section)

        try:
            return submit_once(request, write=saved, success=success)
        except ValidationError as error:
            attach_service_errors(form, error, aliases)
    timeline = timeline_for(request.user, youth_id, action=AccessAction.VIEW, channel=WEB)
    return render_page(request, timeline.youth, timeline, bound={key: form})


@login_required
@require_POST
def timeline_save_view(request, youth_id: int):
    def write(data):
        services.timeline_update(actor=request.user, youth_id=youth_id, channel=WEB, data=data)

    return _submit(
        request,
        youth_id,
        key="timeline_form",
        form=TimelineForm(request.POST, prefix="timeline"),
        write=write,
        success=_("De gegevens van de effectenlijn zijn opgeslagen."),
        section="timeline",
    )


@login_required
@require_POST
def costs_save_view(request, youth_id: int):
    def write(data):
        services.timeline_update(actor=request.user, youth_id=youth_id, channel=WEB, data=data)

    return _submit(
        request,
        youth_id,
        key="costs_form",
        form=CostsForm(request.POST, prefix="costs"),
        write=write,
        success=_("De gemaakte kosten zijn opgeslagen."),
        section="costs",
    )


@login_required
@require_POST
def cost_line_add_view(request, youth_id: int):
    def write(data):
        services.cost_line_add(
            actor=request.user, youth_id=youth_id, channel=WEB, label=data["label"], value=data["amount"]
        )

    return _submit(
        request,
        youth_id,
        key="cost_line_form",
        form=CostLineForm(request.POST, prefix="line"),
        write=write,
        success=_("De kostenpost is toegevoegd."),
        section="costs",
    )


def _button(request, youth_id: int, *, write: Callable[[], object], success: str, section: str):
    """A one-button write (delete, move) that saves once; a refusal of the service comes back as
    an error message on the page (the thing was gone already, the episode was at the top)."""

    def saved() -> str:
        write()
        return page_url(youth_id, section)

    try:
        return submit_once(request, write=saved, success=success)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(page_url(youth_id, section))


def _episode_write(request, youth_id: int, form: EpisodeForm, episode_id: int | None = None):
    def write(data):
        services.episode_save(
            actor=request.user,
            youth_id=youth_id,
            channel=WEB,
            title=data["title"],
            narrative=data["narrative"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            actors=form.actors(),
            quotes=form.quotes(),
            episode_id=episode_id,
        )

    return write


@login_required
@require_POST
def episode_add_view(request, youth_id: int):
    form = EpisodeForm(request.POST, prefix="episode")
    return _submit(
        request,
        youth_id,
        key="episode_form",
        form=form,
        write=_episode_write(request, youth_id, form),
        success=_("De episode is toegevoegd."),
        section="episodes",
        aliases={"actors": "actor_role_1"},
    )


@login_required
@require_POST
def episode_change_view(request, youth_id: int, episode_id: int):
    form = EpisodeForm(request.POST, prefix=f"episode-{episode_id}")
    return _submit(
        request,
        youth_id,
        key=f"episode-{episode_id}",
        form=form,
        write=_episode_write(request, youth_id, form, episode_id),
        success=_("De episode is gewijzigd."),
        section="episodes",
        aliases={"actors": "actor_role_1"},
    )


@login_required
@require_POST
def episode_move_view(request, youth_id: int, episode_id: int, direction: str):
    def write():
        services.episode_move(
            actor=request.user, youth_id=youth_id, channel=WEB, episode_id=episode_id, direction=direction
        )

    return _button(request, youth_id, write=write, success=_("De episode is verplaatst."), section="episodes")


@login_required
@require_POST
def episode_delete_view(request, youth_id: int, episode_id: int):
    def write() -> str:
        services.episode_delete(actor=request.user, youth_id=youth_id, channel=WEB, episode_id=episode_id)
        return page_url(youth_id, "episodes")

    return submit_once(request, write=write, success=_("De episode is verwijderd."))


@login_required
@require_POST
def point_add_view(request, youth_id: int, kind: str):
    if kind not in POINT_KINDS:
        kind = POINT_KINDS[0]

    def write(data):
        services.point_add(
            actor=request.user,
            youth_id=youth_id,
            channel=WEB,
            kind=kind,
            theme=data["theme"],
            text=data["text"],
            youth_view=data["youth_view"],
        )

    return _submit(
        request,
        youth_id,
        key=kind,
        form=PointForm(request.POST, kind=kind),
        write=write,
        success=_("Het punt is toegevoegd."),
        section="evaluation",
    )


@login_required
@require_POST
def point_change_view(request, youth_id: int, point_id: int):
    kind = request.POST.get("kind", "")
    if kind not in POINT_KINDS:
        kind = POINT_KINDS[0]  # only the themes offered differ; the service keeps the point's own kind

    def write(data):
        services.point_update(
            actor=request.user,
            youth_id=youth_id,
            channel=WEB,
            point_id=point_id,
            theme=data["theme"],
            text=data["text"],
            youth_view=data["youth_view"],
        )

    return _submit(
        request,
        youth_id,
        key=f"point-{point_id}",
        form=PointForm(request.POST, kind=kind, prefix=f"point-{point_id}"),
        write=write,
        success=_("Het punt is gewijzigd."),
        section="evaluation",
    )


@login_required
@require_POST
def point_delete_view(request, youth_id: int, point_id: int):
    def write():
        services.point_delete(actor=request.user, youth_id=youth_id, channel=WEB, point_id=point_id)

    return _button(request, youth_id, write=write, success=_("Het punt is verwijderd."), section="evaluation")


@login_required
@require_POST
def cost_line_delete_view(request, youth_id: int, line_id: int):
    def write():
        services.cost_line_delete(actor=request.user, youth_id=youth_id, channel=WEB, line_id=line_id)

    return _button(request, youth_id, write=write, success=_("De kostenpost is verwijderd."), section="costs")


@login_required
@require_POST
def scenario_delete_view(request, youth_id: int, scenario_id: int):
    def write():
        services.scenario_delete(actor=request.user, youth_id=youth_id, channel=WEB, scenario_id=scenario_id)

    return _button(
        request, youth_id, write=write, success=_("Het scenario en zijn kosten zijn verwijderd."), section="scenarios"
    )


@login_required
@require_POST
def scenario_add_view(request, youth_id: int):
    def write(data):
        services.scenario_save(
            actor=request.user,
            youth_id=youth_id,
            channel=WEB,
            title=data["title"],
            narrative=data["narrative"],
            youth_view=data["youth_view"],
        )

    return _submit(
        request,
        youth_id,
        key="scenario_form",
        form=ScenarioForm(request.POST, prefix="scenario"),
        write=write,
        success=_("Het scenario is toegevoegd."),
        section="scenarios",
    )


@login_required
@require_POST
def scenario_item_add_view(request, youth_id: int, scenario_id: int):
    timeline = timeline_for(request.user, youth_id, action=AccessAction.VIEW, channel=WEB)
    form = ScenarioItemForm(request.POST, prices=price_list(timeline.organisation_id), scenario_id=scenario_id)

    def write(data):
        services.scenario_item_add(
            actor=request.user,
            youth_id=youth_id,
            channel=WEB,
            scenario_id=scenario_id,
            price_item_id=data["price_item"],
            condition=data["condition"],
            data=None if data["price_item"] else form.typed(),
        )

    return _submit(
        request,
        youth_id,
        key=f"item-{scenario_id}",
        form=form,
        write=write,
        success=_("De kostenpost is aan het scenario toegevoegd."),
        section="scenarios",
    )


@login_required
@require_POST
def scenario_item_delete_view(request, youth_id: int, item_id: int):
    def write() -> str:
        services.scenario_item_delete(actor=request.user, youth_id=youth_id, channel=WEB, item_id=item_id)
        return page_url(youth_id, "scenarios")

    return submit_once(request, write=write, success=_("De kostenpost is verwijderd."))
