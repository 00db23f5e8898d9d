"""W3C Trace Context for the processing log (Logboek Dataverwerkingen 1.0).

Each request is a new trace with its own `trace_id` (the standard: a new trace per processing)
and a `span_id` for the request. An incoming `traceparent` header from a partner system is kept
as the `foreign_operation` of every log row the request writes, and the answer carries our own
`traceparent`, so a partner can find its call back in our log. Access-log rows of one request
each get their own span under the request's span (one row per data subject, as the standard
asks). Commands and the worker run outside a request: `trace_for_command` gives them a trace.
"""

import re
import secrets
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.utils import timezone

_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$")
_ZERO_TRACE, _ZERO_SPAN = "0" * 32, "0" * 16


@dataclass
class Trace:
    trace_id: str
    span_id: str
    started_at: object  # datetime
    foreign_trace_id: str = ""
    foreign_span_id: str = ""
    rows_written: int = field(default=0)

    @property
    def traceparent(self) -> str:
        return f"00-{self.trace_id}-{self.span_id}-01"


_current: ContextVar[Trace | None] = ContextVar("koers_trace", default=None)


def new_span_id() -> str:
    return secrets.token_hex(8)


def new_trace(*, traceparent: str = "") -> Trace:
    trace = Trace(trace_id=secrets.token_hex(16), span_id=new_span_id(), started_at=timezone.now())
    match = _TRACEPARENT.match((traceparent or "").strip().lower())
    if match and match.group(1) != _ZERO_TRACE and match.group(2) != _ZERO_SPAN:
        trace.foreign_trace_id, trace.foreign_span_id = match.group(1), match.group(2)
    return trace


def current_trace() -> Trace:
    """The request's trace; outside a request (a command, the worker, a test) one is started."""
    trace = _current.get()
    if trace is None:
        trace = new_trace()
        _current.set(trace)
    return trace


def end_trace() -> None:
    _current.set(None)


class TraceContextMiddleware:
    """Starts the request's trace and answers with its `traceparent`. A server error marks the
    request's log rows with the standard's status ERROR (koers.audit.services)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        trace = new_trace(traceparent=request.headers.get("traceparent", ""))
        token = _current.set(trace)
        try:
            response = self.get_response(request)
            if response.status_code >= 500 and trace.rows_written:
                from koers.audit.services import access_log_mark_failed

                access_log_mark_failed(trace)
            response["traceparent"] = trace.traceparent
            return response
        finally:
            _current.reset(token)
