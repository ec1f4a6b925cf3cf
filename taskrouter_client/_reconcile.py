"""After the last attempt: the result, or reading a write back (pure; the runners do the I/O).

A write whose answer was lost may still have taken effect. Sending it again is safe only for
some operations (see :class:`Safety`); for the others, and for a SET retry that Twilio
refused with 412, the resource is read back: if it shows what the write asked for, that
is the result (its ``http.reconciled`` is True); if not, the original error is raised
with ``may_have_been_sent=True``. A DELETE retry answered 404 after an attempt that may
have landed is taken as the first attempt's success.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import NoReturn, TypeVar

import attrs

from ._errors import APIConnectionError, APIError
from ._operation import Operation, ReadBack, Request, Safety
from ._responses import Response, read_result, response_error
from ._retry import may_have_landed

M = TypeVar("M")


@attrs.define
class Exchange:
    """What sending one request came to, retries included. Strictly private.

    Not frozen, though nothing changes it (see ``Request``).

    Attributes:
        outcome: The last attempt's response, or its network failure.
        retries: How many times the request was sent again.
        landed_earlier: Whether an attempt before the last may have been carried out.
    """

    outcome: Response | APIConnectionError
    retries: int
    landed_earlier: bool

    def response(self) -> Response:
        """The last response; raise the network failure if there was none."""
        if isinstance(self.outcome, Response):
            return self.outcome
        raise self.error()

    def error(self) -> APIConnectionError:
        """The last attempt's network failure, with the retries made.

        It may have been sent if any attempt may have been: a lost answer, then a failure to
        connect, still leaves the write possibly carried out.
        """
        assert isinstance(self.outcome, APIConnectionError)  # noqa: S101  # callers check
        self.outcome.retries = self.retries
        self.outcome.may_have_been_sent = self.outcome.may_have_been_sent or self.landed_earlier
        return self.outcome


class Verdict(enum.Enum):
    """What to make of an exchange. Strictly private."""

    RESULT = "result"
    """Read the response (or raise its error) as it is."""
    READ_BACK = "read back"
    """Fetch the resource and see whether the write landed."""
    DELETED = "deleted"
    """A retried delete found the resource gone: the first attempt deleted it."""


def settle(
    op: Operation[M], request: Request, arguments: Mapping[str, object], exchange: Exchange
) -> Verdict:
    """Decide what the last attempt of ``request`` means for the caller."""
    outcome = exchange.outcome
    status = outcome.info.status if isinstance(outcome, Response) else None
    if status is not None and 200 <= status <= 299:
        return Verdict.RESULT
    if request.safety is Safety.DELETE and status == 404 and exchange.landed_earlier:
        return Verdict.DELETED
    read_back = op.read_back
    if read_back is None or not read_back.observable(arguments):
        return Verdict.RESULT
    if request.safety is Safety.TRANSITION and (
        may_have_landed(outcome) or exchange.landed_earlier
    ):
        return Verdict.READ_BACK
    if request.safety is Safety.SET and status == 412 and exchange.landed_earlier:
        return Verdict.READ_BACK
    return Verdict.RESULT


def finish(op: Operation[M], exchange: Exchange, verdict: Verdict) -> M:
    """The operation's result for a RESULT or DELETED verdict, or the error to raise."""
    if verdict is Verdict.DELETED:
        return None  # type: ignore[return-value]  # deletes return None
    if not isinstance(exchange.outcome, Response):
        raise exchange.error()
    try:
        return read_result(op, exchange.outcome)
    except APIError as error:
        error.may_have_been_sent = error.may_have_been_sent or exchange.landed_earlier
        raise


def reconciled(
    read_back: ReadBack, current: M, arguments: Mapping[str, object], exchange: Exchange
) -> M:
    """``current`` (read back) as the write's result if it shows the write; else raise."""
    if not read_back.shows(current, arguments):
        raise_original(exchange)
    http = current.http  # type: ignore[attr-defined]  # a model read carries its HTTP metadata
    return attrs.evolve(  # type: ignore[misc]  # every model is an attrs class
        current, http=attrs.evolve(http, reconciled=True, retries=exchange.retries)
    )


def raise_original(exchange: Exchange) -> NoReturn:
    """Raise the last attempt's error, saying the write may have been carried out."""
    outcome = exchange.outcome
    if isinstance(outcome, APIConnectionError):
        outcome.may_have_been_sent = True
        raise exchange.error()
    error = response_error(outcome)
    assert error is not None  # noqa: S101  # callers read back only after a failure
    error.may_have_been_sent = True
    raise error
