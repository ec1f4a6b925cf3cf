"""What goes back on the wire: responses, Twilio's error bodies, injected faults."""

from __future__ import annotations

import json
import uuid

import attrs

from ._records import EmulatorError


@attrs.frozen
class WireResponse:
    """What the emulator answers; ``drop`` closes the connection without an answer."""

    status: int
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    drop: bool = False


@attrs.frozen
class Fault:
    """An injected failure for one coming request: a status, or a dropped connection.

    ``applied``: the request is carried out first and only its answer is lost.
    """

    status: int | None
    retry_after: float | None = None
    applied: bool = False


def error_response(error: EmulatorError) -> WireResponse:
    body = {
        "code": error.code,
        "message": error.message,
        "more_info": f"https://www.twilio.com/docs/errors/{error.code}",
        "status": error.status,
    }
    headers = [("Content-Type", "application/json"), ("Twilio-Request-Id", "RQ" + uuid.uuid4().hex)]
    if error.status == 401:
        headers.append(("WWW-Authenticate", 'Basic realm="Twilio API"'))
    return WireResponse(error.status, tuple(headers), json.dumps(body).encode())


def overloaded() -> WireResponse:
    """Twilio's answer to a request beyond the concurrency limit: 429, error 20429."""
    return error_response(EmulatorError(429, 20429, "Too Many Requests"))


def fault_response(fault: Fault) -> WireResponse:
    if fault.status is None:
        return WireResponse(0, drop=True)
    phrases = {429: "Too Many Requests"}
    response = error_response(
        EmulatorError(
            fault.status, 20000 + fault.status, phrases.get(fault.status, "Injected failure")
        )
    )
    if fault.retry_after is not None:
        return attrs.evolve(
            response, headers=(*response.headers, ("Retry-After", f"{fault.retry_after:g}"))
        )
    return response
