"""When to send a request again, and how long to wait first (pure, but for the waiting).

The rules, by what the request may have done:

- **429** (Twilio never processed it) and **failures to connect** (it never left): retried
  for every operation.
- **408, 500, 502, 503, 504, read timeouts and broken connections** (it may have been
  processed): retried only for operations safe to repeat (:class:`Safety` READ, SET and
  DELETE). A create is not: Twilio has no idempotency key, so a retry could create a second
  resource (``retry_creates=True`` opts in, for callers who prefer a rare duplicate to a
  rare loss). Nor is a state transition: the runner reads the resource back instead.
- **Any other status**, 412 and every other 4xx among them: never retried.

Waits grow exponentially with full jitter (a random time from ``min_wait`` up to 0.5 s, 1 s,
2 s ... capped at 8 s). A ``Retry-After`` up to ``max_retry_after`` is waited out exactly; a
longer one is not waited for at all: the RateLimitError (with ``retry_after``) goes to the
caller. Every wait lasts at least ``min_wait`` (0.1 s), ``Retry-After: 0`` included, so a
server that asks for no pause still gets one and the deadline still comes. No retry starts if
its wait would end past ``deadline`` seconds after the first attempt.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar

import attrs

from ._errors import APIConnectionError, may_have_been_carried_out
from ._operation import Request, Safety
from ._responses import Response

RETRY_ON_ANY = frozenset({429})
RETRY_IF_REPEATABLE = frozenset({408, 500, 502, 503, 504})

_REPEATABLE = frozenset({Safety.READ, Safety.SET, Safety.DELETE})
_MAX_DOUBLINGS = 64
"""The backoff stops doubling here: long past any cap, and short of a float overflow."""


@attrs.frozen
class RetryPolicy:
    """How a client retries. Strictly private; clients take ``max_retries``, ``retry_creates``.

    Attributes:
        max_retries: Retries after the first attempt (0 disables retrying).
        retry_creates: Retry creates even when the request may have reached Twilio.
        initial_backoff: The cap of the first jittered wait, in seconds.
        max_backoff: The largest cap of any jittered wait, in seconds.
        deadline: No retry may start later than this many seconds after the first attempt.
        max_retry_after: The longest ``Retry-After`` the SDK waits out, in seconds.
        min_wait: The shortest wait before any retry, in seconds.
    """

    max_retries: int = 2
    retry_creates: bool = False
    initial_backoff: float = 0.5
    max_backoff: float = 8.0
    deadline: float = 60.0
    max_retry_after: float = 10.0
    min_wait: float = 0.1


def retry_delay(
    policy: RetryPolicy,
    request: Request,
    outcome: Response | APIConnectionError,
    *,
    retries: int,
    elapsed: float,
    random: Callable[[], float],
) -> float | None:
    """Seconds to wait before sending ``request`` again, or None to stop here.

    Args:
        policy: The client's retry policy.
        request: The request just sent.
        outcome: What came back: a response, or the network failure.
        retries: Retries already made for this request.
        elapsed: Seconds since the first attempt started.
        random: A source of floats in [0, 1), for the jitter.
    """
    if retries >= policy.max_retries:
        return None
    repeatable = request.safety in _REPEATABLE or (
        request.safety is Safety.CREATE and policy.retry_creates
    )
    cap = min(policy.max_backoff, policy.initial_backoff * 2.0 ** min(retries, _MAX_DOUBLINGS))
    backoff = policy.min_wait + random() * max(cap - policy.min_wait, 0.0)
    if isinstance(outcome, APIConnectionError):
        delay = backoff if repeatable or not outcome.may_have_been_sent else None
    elif outcome.info.status in RETRY_ON_ANY:
        retry_after = outcome.info.retry_after
        if retry_after is not None and retry_after > policy.max_retry_after:
            return None
        delay = backoff if retry_after is None else max(retry_after, policy.min_wait)
    elif outcome.info.status in RETRY_IF_REPEATABLE and repeatable:
        delay = backoff
    else:
        delay = None
    if delay is None or elapsed + delay > policy.deadline:
        return None
    return delay


def may_have_landed(outcome: Response | APIConnectionError) -> bool:
    """Whether Twilio may have carried out a request that got ``outcome`` (not a success)."""
    if isinstance(outcome, APIConnectionError):
        return outcome.may_have_been_sent
    return may_have_been_carried_out(outcome.info.status)


# -- waiting -------------------------------------------------------------------------------

_recorded_waits: ContextVar[list[float] | None] = ContextVar("recorded_waits", default=None)


def recorder() -> list[float] | None:
    """Where waits go instead of sleeping, when a test asked for that (else None)."""
    return _recorded_waits.get()


@contextlib.contextmanager
def recording_waits() -> Iterator[list[float]]:
    """Record retry waits instead of sleeping them, in this context (and tasks it starts)."""
    waits: list[float] = []
    token = _recorded_waits.set(waits)
    try:
        yield waits
    finally:
        _recorded_waits.reset(token)
