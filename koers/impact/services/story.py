"""The story: episodes (with their actors and quotes, in order) and the evaluation points."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.audit.models import AccessAction
from koers.impact import defaults
from koers.impact.access import timeline_for
from koers.impact.models import (
    ActorRole,
    Episode,
    EpisodeActor,
    EpisodeQuote,
    EvaluationPoint,
    PointKind,
)
from koers.impact.services.checks import (
    clean_text,
)


@transaction.atomic
def episode_save(
    *,
    actor: User,
    youth_id: int,
    channel: str,
    title: str,
    narrative: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    actors: list[tuple[str, str]] | tuple = (),
    quotes: list[tuple[str, str]] | tuple = (),
    episode_id: int | None = None,
) -> Episode:
    """Add an episode (at the end) or change one; its actors and quotes are replaced as given."""
    timeline = timeline_for(actor, youth_id, action=AccessAction.CHANGE, channel=channel, for_update=True)
    errors: dict[str, list[str]] = {}
    try:
        title = clean_text("title", title, max_length=100, required=True)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        narrative = clean_text("narrative", narrative, max_length=4000)
    except ValidationError as error:
        errors.update(error.message_dict)
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = [_("Het einde ligt voor het begin.")]
    for role, _did in [*actors, *quotes]:
        if role not in ActorRole.values:
            errors["actors"] = [_("Kies een rol uit de lijst.")]
    if errors:
        raise ValidationError(errors)
    if episode_id is None:
        episode = Episode(timeline=timeline, position=timeline.episodes.count())
    else:
        episode = timeline.episodes.filter(pk=episode_id).first()
        if episode is None:
            raise ValidationError(_("Deze episode bestaat niet (meer)."))
    episode.title, episode.narrative, episode.starts_on, episode.ends_on = title, narrative, starts_on, ends_on
    episode.save()
    episode.actors.all().delete()
    episode.quotes.all().delete()
    EpisodeActor.objects.bulk_create(
        EpisodeActor(episode=episode, role=role, did=did.strip()[:500]) for role, did in actors if role
    )
    EpisodeQuote.objects.bulk_create(
        EpisodeQuote(episode=episode, role=role, text=text.strip()[:1000]) for role, text in quotes if text.strip()
    )
    return episode


@transaction.atomic
def episode_delete(*, actor: User, youth_id: int, channel: str, episode_id: int) -> None:
    timeline = timeline_for(actor, youth_id, action=AccessAction.CHANGE, channel=channel, for_update=True)
    timeline.episodes.filter(pk=episode_id).delete()


@transaction.atomic
def episode_move(*, actor: User, youth_id: int, channel: str, episode_id: int, direction: str) -> Episode:
    """Swap the episode with its neighbour above ("up") or below ("down"). Under the timeline's
    lock the positions are also renumbered 0..n-1, so gaps and doubles left by deletes and adds go."""
    timeline = timeline_for(actor, youth_id, action=AccessAction.CHANGE, channel=channel, for_update=True)
    if direction not in ("up", "down"):
        raise ValidationError(_("Kies omhoog of omlaag."))
    episodes = list(timeline.episodes.all())
    index = next((n for n, episode in enumerate(episodes) if episode.pk == episode_id), None)
    if index is None:
        raise ValidationError(_("Deze episode bestaat niet (meer)."))
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(episodes):
        raise ValidationError(
            _("Deze episode staat al bovenaan.") if direction == "up" else _("Deze episode staat al onderaan.")
        )
    episodes[index], episodes[other] = episodes[other], episodes[index]
    changed = []
    for position, episode in enumerate(episodes):
        if episode.position != position:
            episode.position = position
            changed.append(episode)
    Episode.objects.bulk_update(changed, ["position"])
    return episodes[other]


def _point_checks(kind: str, theme: str, text: str, youth_view: str) -> None:
    errors: dict[str, list[str]] = {}
    if kind not in PointKind.values:
        errors["kind"] = [_("Kies meerwaarde of aandachtspunt.")]
    elif theme not in dict(defaults.THEMES[kind]):
        errors["theme"] = [_("Kies een thema uit de lijst.")]
    for name, value in (("text", text), ("youth_view", youth_view)):
        try:
            clean_text(name, value, max_length=1000, required=name == "text")
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def point_add(
    *, actor: User, youth_id: int, channel: str, kind: str, theme: str, text: str, youth_view: str = ""
) -> EvaluationPoint:
    timeline = timeline_for(actor, youth_id, action=AccessAction.CHANGE, channel=channel, for_update=True)
    _point_checks(kind, theme, text, youth_view)
    return EvaluationPoint.objects.create(
        timeline=timeline, kind=kind, theme=theme, text=text.strip(), youth_view=youth_view.strip()
    )


@transaction.atomic
def point_update(
    *, actor: User, youth_id: int, channel: str, point_id: int, theme: str, text: str, youth_view: str = ""
) -> EvaluationPoint:
    """Change a point's theme and both voices; its kind (added value or attention) stays."""
    timeline = timeline_for(actor, youth_id, action=AccessAction.CHANGE, channel=channel, for_update=True)
    point = timeline.points.filter(pk=point_id).first()
    if point is None:
        raise ValidationError(_("Dit punt bestaat niet (meer)."))
    _point_checks(point.kind, theme, text, youth_view)
    point.theme, point.text, point.youth_view = theme, text.strip(), youth_view.strip()
    point.save(update_fields=["theme", "text", "youth_view"])
    return point


@transaction.atomic
def point_delete(*, actor: User, youth_id: int, channel: str, point_id: int) -> None:
    timeline = timeline_for(actor, youth_id, action=AccessAction.CHANGE, channel=channel, for_update=True)
    deleted, _by_model = timeline.points.filter(pk=point_id).delete()
    if not deleted:
        raise ValidationError(_("Dit punt bestaat niet (meer)."))
