"""The starting set every organisation gets: options and information pages in B1 Dutch
(koers/portal/data/), which the organisation then edits in the admin."""

import json
from importlib import resources

from koers.portal.text import text_of


def _load(name: str) -> list[dict]:
    return json.loads(resources.files("koers.portal").joinpath(f"data/{name}").read_text(encoding="utf-8"))


def install_portal_defaults(organisation, *, models=None) -> None:
    """Add the starting options and pages the organisation does not have yet (by key and slug)."""
    if models is None:
        from koers.portal.models import InformationLink, InformationPage, Option
    else:
        # Historical models in a migration; before migration 0005 a page kept its links as JSON.
        Option, InformationPage, InformationLink = (*models, None)[:3]  # noqa: N806
    have = set(Option.objects.filter(organisation=organisation).values_list("key", flat=True))
    Option.objects.bulk_create(
        Option(
            organisation=organisation,
            position=position,
            **{k: item.get(k, "") for k in ("key", "kind", "title", "summary", "for_whom", "what_you_do", "how_long")},
        )
        for position, item in enumerate(_load("options.json"))
        if item["key"] not in have
    )
    have = set(InformationPage.objects.filter(organisation=organisation).values_list("slug", flat=True))
    new = [item for item in _load("information.json") if item["slug"] not in have]
    pages = InformationPage.objects.bulk_create(
        InformationPage(
            organisation=organisation,
            position=position,
            slug=item["slug"],
            title=item["title"],
            summary=item["summary"],
            body=text_of(item["blocks"]),
            **({"links": item.get("links", [])} if InformationLink is None else {}),
        )
        for position, item in enumerate(new)
    )
    if InformationLink is not None:
        InformationLink.objects.bulk_create(
            InformationLink(page=page, label=link["label"], url=link["url"], position=position)
            for page, item in zip(pages, new, strict=True)
            for position, link in enumerate(item.get("links", []))
        )
