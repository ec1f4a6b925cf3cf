"""Type-checked only: the webhooks and tokens API as users write it (see api.py)."""

from __future__ import annotations

import json

from typing_extensions import assert_type

from taskrouter_client.tokens import worker_token
from taskrouter_client.webhooks import (
    AssignmentCallback,
    EventCallback,
    EventType,
    Instruction,
    accept,
    call,
    conference,
    validate_request,
)

FORM = {"TaskSid": "WT..."}

callback = AssignmentCallback.from_form(FORM)
assert_type(callback, AssignmentCallback)
assert_type(callback.task_age, int)
assert_type(EventCallback.from_form(FORM).event_type, EventType)
assert_type(EventCallback.from_form(FORM).task_age, "int | None")

answer = call(from_="+15550001111", url="https://example.com/agent.xml", accept=True)
assert_type(answer, Instruction)
json.dumps(accept())
conference(status_callback_event=["ringing", "answered"], beep="onEnter")
conference(status_callback_event=["hung-up"])  # type: ignore[list-item]
conference(status_callback_method="PUT")  # type: ignore[arg-type]
call("+15550001111", "https://example.com/agent.xml")  # type: ignore[call-arg]

assert_type(validate_request("token", "POST", "https://x", {"A": "b"}, b""), bool)
assert_type(worker_token("AC...", "SK...", "secret", "WS...", "WK...", ttl=60), str)
worker_token("AC...", "SK...", "secret", "WS...", "WK...", 60)  # type: ignore[call-arg]
worker_token("AC...", "SK...", "secret", "WS...", "WK...", role="supervisor")
worker_token("AC...", "SK...", "secret", "WS...", "WK...", role="admin")  # type: ignore[arg-type]
