"""Misuse, told plainly: a secret in the wrong argument is never echoed, and a flow method
refuses another flow's keywords instead of sending a mix of two instructions."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

import taskrouter_client as tr
from tests.conftest import ACCOUNT_SID, API_KEY, API_SECRET, AUTH_TOKEN, WK, WR, WS, WT, run

pytestmark = pytest.mark.anyio

CLIENTS = pytest.mark.parametrize("client_class", [tr.Client, tr.AsyncClient])

# Secrets shaped to pass the first checks a SID gets (prefix, length) where they can.
LOOKS_LIKE_A_SID = "AC" + "z" * 32
SECRETS = [AUTH_TOKEN, API_SECRET, LOOKS_LIKE_A_SID]

MISPLACED = [
    pytest.param({"account_sid": "{secret}", "auth_token": AUTH_TOKEN}, {}, "account_sid", id="as"),
    pytest.param(
        {"auth_token": AUTH_TOKEN}, {"TWILIO_ACCOUNT_SID": "{secret}"}, "account_sid", id="env-as"
    ),
    pytest.param({"api_key": "{secret}", "api_secret": API_SECRET}, {}, "api_key", id="key"),
    pytest.param(
        {"api_secret": API_SECRET}, {"TWILIO_API_KEY": "{secret}"}, "api_key", id="env-key"
    ),
    pytest.param(
        {}, {"TWILIO_API_KEY": "{secret}", "TWILIO_API_SECRET": "s"}, "api_key", id="env-both"
    ),
    pytest.param(
        {"api_key": API_KEY, "api_secret": API_SECRET, "account_sid": "{secret}"},
        {},
        "account_sid",
        id="key-and-as",
    ),
]


def filled(mapping: dict[str, str], secret: str) -> dict[str, str]:
    return {name: secret if value == "{secret}" else value for name, value in mapping.items()}


@CLIENTS
@pytest.mark.parametrize("secret", SECRETS)
@pytest.mark.parametrize(("arguments", "environment", "argument"), MISPLACED)
def test_a_secret_given_as_a_sid_is_never_echoed(
    client_class, monkeypatch, secret, arguments, environment, argument
):
    """The error names the argument (and the variable it came from), never the value."""
    for name, value in filled(environment, secret).items():
        monkeypatch.setenv(name, value)
    with pytest.raises(tr.InvalidArgumentError) as caught:
        client_class(**filled(arguments, secret))
    error = caught.value
    assert error.argument == argument
    assert "not shown" in str(error)
    if environment:
        assert "from TWILIO_" in str(error)
    pickled = pickle.dumps(error)
    for text in (str(error), repr(error), repr(vars(error)), repr(error.args)):
        assert secret not in text
    assert secret.encode() not in pickled


@CLIENTS
@pytest.mark.parametrize(
    "arguments",
    [
        {"account_sid": ACCOUNT_SID, "auth_token": ""},
        {"api_key": API_KEY, "api_secret": ""},
        {"account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN, "base_url": f"{AUTH_TOKEN}\n"},
    ],
)
def test_no_other_credential_error_echoes_a_value(client_class, arguments):
    """Secrets and base URLs (which may hold a token) are described, never repeated."""
    with pytest.raises(tr.InvalidArgumentError) as caught:
        client_class(**arguments)
    assert AUTH_TOKEN not in str(caught.value)


# -- flows take only their own keywords ------------------------------------------------


def by_task(client: Any) -> Any:
    return client.workspaces(WS).tasks(WT).reservations(WR)


def by_worker(client: Any) -> Any:
    return client.workspaces(WS).workers(WK).reservations(WR)


CA = "CA" + "1" * 32

FOREIGN = [
    pytest.param("accept", {}, {"reservation_status": "rejected"}, id="accept-status"),
    pytest.param("accept", {}, {"instruction": "dequeue"}, id="accept-instruction"),
    pytest.param("reject", {}, {"instruction": "dequeue"}, id="reject-instruction"),
    pytest.param("reject", {}, {"dequeue_from": "+1555"}, id="reject-dequeue-keyword"),
    pytest.param("dequeue", {"dequeue_from": "+1"}, {"reservation_status": "rejected"}, id="dq"),
    pytest.param("dequeue", {"dequeue_from": "+1"}, {"instruction": "call"}, id="dq-call"),
    pytest.param("call", {"call_from": "+1", "call_url": "https://e.com"}, {"to": "x"}, id="call"),
    pytest.param("redirect", {"redirect_call_sid": CA}, {"call_accept": True}, id="redirect"),
    pytest.param("conference", {}, {"instruction": "supervise"}, id="conference"),
]


@pytest.mark.parametrize("reach", [by_task, by_worker], ids=["task-path", "worker-path"])
@pytest.mark.parametrize(("flow", "own", "foreign"), FOREIGN)
async def test_a_flow_refuses_keywords_of_other_flows(client, mock, reach, flow, own, foreign):
    """TypeError naming the keyword, as Python would for any function; nothing is sent."""
    (keyword,) = foreign
    expected = f"^{flow}\\(\\) got an unexpected keyword argument '{keyword}'$"
    with pytest.raises(TypeError, match=expected):
        await run(getattr(reach(client), flow)(**own, **foreign))
    assert len(mock.calls) == 0


async def test_supervise_refuses_keywords_of_other_flows(client, mock):
    """The task path's supervise() is held to its own keywords too."""
    expected = "^supervise\\(\\) got an unexpected keyword argument 'instruction'$"
    with pytest.raises(TypeError, match=expected):
        await run(by_task(client).supervise(supervisor=WK, instruction="dequeue"))
    assert len(mock.calls) == 0
