"""What every write of the impact timeline checks the same way: amounts (the Dutch way of
writing them), choices, texts, months, a source's address and year. Dutch messages by field."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

MAX_AMOUNT = Decimal("9999999999.99")
MAX_HORIZON_MONTHS = 120
MIN_SOURCE_YEAR, MAX_SOURCE_YEAR = 1900, 2100


def amount(field: str, value, *, required: bool = True) -> Decimal | None:
    """A euro amount with at most two decimals ("1.400,50" and "1400.50" both read)."""
    text = str(value if value is not None else "").strip().replace("€", "").replace(" ", "")
    if not text:
        if required:
            raise ValidationError({field: [_("Vul een bedrag in.")]})
        return None
    # Dutch writing: "1.400,50" and "3.000" (thousands with dots); "1400.50" also reads.
    if "," in text or re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "").replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d{1,2})?", text):
        raise ValidationError({field: [_("Vul een bedrag in euro in, bijvoorbeeld 1400 of 1400,50.")]})
    number = Decimal(text)
    if abs(number) > MAX_AMOUNT:
        raise ValidationError({field: [_("Dit bedrag is te groot.")]})
    return number.quantize(Decimal("0.01"))


def clean_choice(field: str, value: str, choices) -> str:
    if value not in choices.values:
        raise ValidationError({field: [_("Kies uit de lijst.")]})
    return value


def clean_text(field: str, value: str, *, max_length: int, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: [_("Vul dit in.")]})
    if len(text) > max_length:
        raise ValidationError({field: [_("Maak dit korter: hoogstens %(n)s tekens.") % {"n": max_length}]})
    return text


def clean_months(field: str, value, *, required: bool = False) -> int | None:
    if value in (None, ""):
        if required:
            raise ValidationError({field: [_("Vul een aantal maanden in.")]})
        return None
    try:
        months = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: [_("Vul een heel aantal maanden in.")]}) from None
    if not 1 <= months <= MAX_HORIZON_MONTHS:
        raise ValidationError({field: [_("Kies 1 tot %(n)s maanden.") % {"n": MAX_HORIZON_MONTHS}]})
    return months


def clean_source_url(value) -> str:
    text = clean_text("source_url", value, max_length=500)
    if text:
        try:
            URLValidator(schemes=["http", "https"])(text)
        except ValidationError:
            raise ValidationError(
                {"source_url": [_("Vul een webadres in dat begint met https://, of laat het leeg.")]}
            ) from None
    return text


def clean_source_year(value) -> int | None:
    text = str(value if value is not None else "").strip()
    if not text:
        return None
    if not text.isdigit() or not MIN_SOURCE_YEAR <= int(text) <= MAX_SOURCE_YEAR:
        raise ValidationError(
            {
                "source_year": [
                    _("Vul een jaar in van %(low)s tot %(high)s, bijvoorbeeld 2024.")
                    % {"low": MIN_SOURCE_YEAR, "high": MAX_SOURCE_YEAR}
                ]
            }
        )
    return int(text)
