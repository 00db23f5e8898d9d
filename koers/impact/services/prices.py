"""The price list (maatschappelijke prijslijst) per organisation: the shipped lines and their changes."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.accounts.models import Organisation, Role, User
from koers.impact import defaults
from koers.impact.models import (
    Payer,
    PriceItem,
    Unit,
)
from koers.impact.services.checks import amount, clean_choice, clean_text


def may_keep_price_list(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.organisation_id
        and (user.role in (Role.FUNCTIONAL_ADMIN,) or (user.works_with_youths and user.is_team_lead))
    )


def price_list_seed(organisation: Organisation) -> int:
    """The shipped price list for an organisation that has none yet; returns how many were made.
    Locks the organisation, so two first visits at once make one list."""
    with transaction.atomic():
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        if PriceItem.objects.filter(organisation=organisation).exists():
            return 0
        PriceItem.objects.bulk_create(
            PriceItem(
                organisation=organisation,
                name=name,
                unit=unit,
                low=low,
                high=high,
                payer=payer,
                source=source,
                source_year=year,
                note=note,
                shipped=True,
            )
            for name, unit, low, high, payer, source, year, note in defaults.PRICE_LIST
        )
        return len(defaults.PRICE_LIST)


@transaction.atomic
def price_item_save(*, actor: User, data: dict, item_id: int | None = None) -> PriceItem:
    if not may_keep_price_list(actor):
        raise PermissionDenied(_("Alleen teamleiders en functioneel beheerders houden de prijslijst bij."))
    if item_id is None:
        item = PriceItem(organisation_id=actor.organisation_id)
    else:
        item = PriceItem.objects.select_for_update().filter(pk=item_id, organisation_id=actor.organisation_id).first()
        if item is None:
            raise ValidationError(_("Deze prijs bestaat niet (meer)."))
    errors: dict[str, list[str]] = {}
    checks = {
        "name": lambda: clean_text("name", data.get("name", ""), max_length=150, required=True),
        "unit": lambda: clean_choice("unit", data.get("unit", ""), Unit),
        "low": lambda: amount("low", data.get("low")),
        "high": lambda: amount("high", data.get("high")),
        "payer": lambda: clean_choice("payer", data.get("payer", ""), Payer),
        "source": lambda: clean_text("source", data.get("source", ""), max_length=300),
        "source_url": lambda: clean_text("source_url", data.get("source_url", ""), max_length=500),
        "note": lambda: clean_text("note", data.get("note", ""), max_length=300),
    }
    for name, check in checks.items():
        try:
            setattr(item, name, check())
        except ValidationError as error:
            errors.update(error.message_dict)
    year = data.get("source_year")
    item.source_year = int(year) if year not in (None, "") and str(year).isdigit() else None
    if errors:
        raise ValidationError(errors)
    item.shipped = False
    item.save()
    return item
