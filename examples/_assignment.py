"""What the two assignment-callback apps share: the routing decision, and a demonstration.

The apps (assignment_flask.py, assignment_starlette.py) differ only in their framework.
Each checks the X-Twilio-Signature, reads the callback and answers with
``choose_instruction``; run without arguments, each shows itself answering a few signed
callbacks (and refusing a forged one) through its framework's test client.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from taskrouter_client.webhooks import (
    SIGNATURE_HEADER,
    AssignmentCallback,
    Instruction,
    accept,
    compute_signature,
    dequeue,
    reject,
)

DEMO_AUTH_TOKEN = "demo-auth-token"  # the demonstration signs with this; serve with yours
PATH = "/assignment"

Post = Callable[[str, bytes, dict[str, str]], tuple[int, str]]
"""Send a POST (path, body, headers) through a test client; return (status, body text)."""


def choose_instruction(callback: AssignmentCallback) -> Instruction:
    """The routing policy: language check, then voice calls are bridged, the rest accepted."""
    task, worker = callback.task_attributes, callback.worker_attributes
    language = task.get("language")
    if language is not None and language not in worker.get("languages", []):
        return reject()
    if task.get("type") == "voice":
        # Bridge the caller waiting in <Enqueue> to the Worker (their contact_uri by default).
        return dequeue(to=worker.get("contact_uri"))
    return accept()


def sample_form(**changes: str) -> dict[str, str]:
    """An assignment callback as TaskRouter posts it, with ``changes`` applied."""
    form = {
        "Timestamp": str(int(time.time())),
        "AccountSid": "AC" + "0" * 32,
        "WorkspaceSid": "WS" + "1" * 32,
        "WorkflowSid": "WW" + "2" * 32,
        "TaskQueueSid": "WQ" + "3" * 32,
        "WorkerSid": "WK" + "4" * 32,
        "WorkerAttributes": json.dumps({"languages": ["en", "es"], "contact_uri": "client:alice"}),
        "TaskSid": "WT" + "5" * 32,
        "TaskAttributes": json.dumps({"type": "chat", "language": "en"}),
        "TaskAge": "12",
        "TaskPriority": "5",
        "ReservationSid": "WR" + "6" * 32,
    }
    form.update(changes)
    return form


def signed_post(
    post: Post, base_url: str, form: dict[str, str], auth_token: str = DEMO_AUTH_TOKEN
) -> tuple[int, str]:
    """POST ``form`` to the app as TaskRouter does: form-encoded and signed."""
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        SIGNATURE_HEADER: compute_signature(auth_token, base_url + PATH, form),
    }
    return post(PATH, urlencode(form).encode(), headers)


def demonstrate(post: Post, base_url: str) -> None:
    """Answer a chat, a voice and a Spanish-only task, then refuse a forged callback."""
    cases: list[tuple[str, dict[str, Any]]] = [
        ("chat task", {}),
        ("voice task", {"TaskAttributes": json.dumps({"type": "voice"})}),
        ("French task", {"TaskAttributes": json.dumps({"type": "chat", "language": "fr"})}),
    ]
    for label, changes in cases:
        status, body = signed_post(post, base_url, sample_form(**changes))
        print(f"signed callback, {label:<12} -> {status} {body}")
    status, _ = signed_post(post, base_url, sample_form(), auth_token="not-the-auth-token")
    print(f"forged callback{'':<15} -> {status}")
