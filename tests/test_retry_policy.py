"""The retry decision as a pure function: what is retried, how long to wait, when to stop."""

from __future__ import annotations

import httpx
import pytest

from taskrouter_client import APIConnectionError, APITimeoutError
from taskrouter_client._http_info import HTTPInfo
from taskrouter_client._operation import Request, Safety
from taskrouter_client._responses import Response
from taskrouter_client._retry import RetryPolicy, retry_delay


def request(safety: Safety) -> Request:
    method = "GET" if safety is Safety.READ else "POST"
    return Request(method, "https://h/v1/x", "/v1/x", (), b"", safety)


CREATE = request(Safety.CREATE)
FETCH = request(Safety.READ)
REPEATABLE = (Safety.READ, Safety.SET, Safety.DELETE)
NOT_REPEATABLE = (Safety.CREATE, Safety.TRANSITION)


def answer(status: int, **headers: str) -> Response:
    info = HTTPInfo(
        status=status, method="GET", path="/v1/x", headers=httpx.Headers(headers), elapsed=0.1
    )
    return Response(info, b"")


def refused() -> APIConnectionError:
    return APIConnectionError("refused", method="GET", path="/", may_have_been_sent=False)


def read_timeout() -> APITimeoutError:
    return APITimeoutError("slow", method="GET", path="/", may_have_been_sent=True)


def delay(request, outcome, *, policy=None, retries=0, elapsed=0.0, random=lambda: 1.0):
    return retry_delay(
        policy or RetryPolicy(), request, outcome, retries=retries, elapsed=elapsed, random=random
    )


@pytest.mark.parametrize(
    ("outcome", "not_repeatable", "repeatable"),
    [
        (answer(429), True, True),
        (refused(), True, True),
        (read_timeout(), False, True),
        (answer(408), False, True),
        (answer(500), False, True),
        (answer(502), False, True),
        (answer(503), False, True),
        (answer(504), False, True),
        (answer(200), False, False),
        (answer(400), False, False),
        (answer(401), False, False),
        (answer(404), False, False),
        (answer(412), False, False),
        (answer(501), False, False),
        (answer(520), False, False),
    ],
    ids=lambda v: getattr(getattr(v, "info", None), "status", type(v).__name__),
)
def test_what_is_retried_depends_on_the_request_being_safe_to_repeat(
    outcome, not_repeatable, repeatable
):
    """The table of the retry docs, for each safety class."""
    for safety in NOT_REPEATABLE:
        assert (delay(request(safety), outcome) is not None) is not_repeatable, safety
    for safety in REPEATABLE:
        assert (delay(request(safety), outcome) is not None) is repeatable, safety


def test_retry_creates_makes_a_create_as_retryable_as_a_fetch():
    """The opt-in turns a create's 503 or read timeout into a retry."""
    policy = RetryPolicy(retry_creates=True)
    assert delay(CREATE, answer(503), policy=policy) is not None
    assert delay(CREATE, read_timeout(), policy=policy) is not None
    assert delay(CREATE, answer(412), policy=policy) is None


def test_retry_creates_does_not_make_a_transition_retryable():
    """A state transition is never resent once it may have landed, whatever the opt-in."""
    policy = RetryPolicy(retry_creates=True)
    assert delay(request(Safety.TRANSITION), answer(503), policy=policy) is None
    assert delay(request(Safety.TRANSITION), read_timeout(), policy=policy) is None
    assert delay(request(Safety.TRANSITION), refused(), policy=policy) is not None


@pytest.mark.parametrize(
    ("retries", "cap"), [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (9, 8.0)]
)
def test_backoff_is_exponential_with_full_jitter_above_a_floor_and_a_cap(retries, cap):
    """The wait is 0.1 s plus random() times the rest of min(8, 0.5 * 2**retries)."""
    policy = RetryPolicy(max_retries=20)
    wait = {
        share: delay(FETCH, answer(503), policy=policy, retries=retries, random=lambda s=share: s)
        for share in (1.0, 0.25, 0.0)
    }
    assert wait[1.0] == pytest.approx(cap)
    assert wait[0.25] == pytest.approx(0.1 + (cap - 0.1) / 4)
    assert wait[0.0] == 0.1


@pytest.mark.parametrize("retries", [1_023, 1_024, 1_025, 10**6, 10**30])
def test_the_backoff_of_a_very_late_retry_is_the_cap_not_an_overflow(retries):
    """2.0 ** retries overflows a float past 1,023: the doubling stops long before that."""
    policy = RetryPolicy(max_retries=10**31)
    assert delay(FETCH, answer(503), policy=policy, retries=retries) == 8.0
    assert delay(FETCH, answer(429), policy=policy, retries=retries, random=lambda: 0.0) == 0.1


def test_no_retry_after_max_retries():
    """The retry count caps the attempts."""
    assert delay(FETCH, answer(503), retries=1) is not None
    assert delay(FETCH, answer(503), retries=2) is None
    assert delay(FETCH, answer(429), policy=RetryPolicy(max_retries=0)) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0", 0.1), ("0.05", 0.1), ("2.5", 2.5), ("10", 10.0), ("10.5", None), ("3600", None)],
)
def test_retry_after_is_honoured_from_the_floor_up_to_its_bound(value, expected):
    """A Retry-After of at most 10 s is the wait, but never less than 0.1 s; longer stops."""
    assert delay(FETCH, answer(429, **{"Retry-After": value})) == expected


def test_a_server_asking_for_no_wait_still_meets_the_deadline():
    """Retry-After: 0 for ever, max_retries huge: the 0.1 s floor makes the deadline stop it."""
    policy = RetryPolicy(max_retries=100_000)
    elapsed, retries = 0.0, 0
    while (
        wait := delay(
            FETCH,
            answer(429, **{"Retry-After": "0"}),
            policy=policy,
            retries=retries,
            elapsed=elapsed,
        )
    ) is not None:
        elapsed += wait
        retries += 1
    assert 599 <= retries <= 600  # 60 s / 0.1 s, give or take a float's rounding


def test_no_retry_starts_past_the_deadline():
    """A retry whose wait would end after the deadline is not made."""
    policy = RetryPolicy(deadline=60.0)
    assert delay(FETCH, answer(503), policy=policy, elapsed=59.6, random=lambda: 1.0) is None
    assert delay(
        FETCH, answer(503), policy=policy, elapsed=59.6, random=lambda: 0.5
    ) == pytest.approx(0.3)
    assert delay(FETCH, answer(429, **{"Retry-After": "5"}), policy=policy, elapsed=56.0) is None
