"""Field types the API shares: strict ISO dates, bounded ids, the Idempotency-Key header."""

import datetime as dt
import re
from typing import Annotated

from ninja import Header, Path
from pydantic import BeforeValidator, Field

from koers.idempotency.services import KEY_PATTERN

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_ID = 2**63 - 1  # PostgreSQL bigint: a larger id would be an error in the database, not a 404


def _iso_date_only(value):
    """Only YYYY-MM-DD (or a date object): no Unix numbers, no date-times, no other spellings."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        return value
    raise ValueError("Geef een datum als JJJJ-MM-DD.")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_only)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
IdPath = Path[int, {"ge": 1, "le": MAX_ID}]
IdempotencyKeyHeader = Header[
    str | None,
    {
        "alias": "Idempotency-Key",
        "pattern": KEY_PATTERN,
        "description": (
            "Optioneel. Een eigen sleutel per verzoek (bijv. een UUID). Herhaalt u het verzoek met dezelfde "
            "sleutel, dan gebeurt het één keer en krijgt u hetzelfde antwoord. 24 uur geldig."
        ),
    },
]
