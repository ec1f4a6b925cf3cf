"""Type-checked only: the emulator's callback API as tests write it (see api.py)."""

from __future__ import annotations

from typing_extensions import assert_type

from taskrouter_client.testing import Attempt, CallbackRequest, Delivery, FakeTaskRouter
from taskrouter_client.webhooks import AssignmentCallback, Instruction, accept, reject


def assignment(request: CallbackRequest) -> Instruction:
    callback = AssignmentCallback.from_form(request.form)
    return reject() if callback.task_age > 60 else accept()


async def async_assignment(request: CallbackRequest) -> Instruction | None:
    return None if request.headers.get("X-Twilio-Signature") is None else accept()


async def run() -> None:
    fake = FakeTaskRouter(callback_timeout=1.0)
    assert_type(fake.mount("https://app.example.com/a", assignment), str)
    fake.mount("https://app.example.com/b", async_assignment)
    made = fake.deliver()
    assert_type(made, list[Delivery])
    assert_type(await fake.adeliver(), list[Delivery])
    assert_type(made[0].attempts[0], Attempt)
    assert_type(made[0].outcome, "str | None")
    with fake.delivering():
        assert_type(fake.deliveries, list[Delivery])
