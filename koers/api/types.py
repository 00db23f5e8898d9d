"""Field types the API shares: strict ISO dates, bounded ids, the Idempotency-Key header."""

import datetime as dt
import re
from typing import Annotated

from ninja import Header, Path
from pydantic import BeforeValidator, Field, WithJsonSchema

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

LOCAL_TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"
_LOCAL_TIME = re.compile(LOCAL_TIME_PATTERN)


def _local_time_only(value):
    """Dutch local time as UU:MM or UU:MM:SS: no zone (an appointment is at 9:30 in the town
    hall, whatever the clocks do), no fractions, no other spellings."""
    if isinstance(value, dt.time) and value.tzinfo is None:
        return value
    if isinstance(value, str) and _LOCAL_TIME.fullmatch(value):
        return value
    raise ValueError("Geef een tijd als UU:MM (Nederlandse tijd, zonder tijdzone).")


# The document says exactly what is accepted: a pattern, not `format: time` (which allows a zone).
LocalTime = Annotated[
    dt.time,
    BeforeValidator(_local_time_only),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": LOCAL_TIME_PATTERN,
            "description": "Nederlandse tijd als UU:MM of UU:MM:SS, zonder tijdzone.",
            "examples": ["09:30"],
        }
    ),
]
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
