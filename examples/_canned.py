"""Canned answers, for the examples whose resources the emulator does not serve yet.

The built-in emulator serves Tasks and Reservations; Workers' Activities, channels and the
statistics are to come. Until then, without TWILIO_ACCOUNT_SID these examples run against
this stand-in: it answers each request with the example body Twilio's OpenAPI description
gives for the operation (``tests/data/spec``). A list filtered by ``FriendlyName`` keeps
the items of that name; a create or an update answers with the resource (as its fetch
example shows it, for an update) changed by the fields sent.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx

SPEC = Path(__file__).resolve().parent.parent / "tests" / "data" / "spec"
WORKSPACE_SID = "WS" + "a" * 32
WORKFLOW_SID = "WW" + "a" * 32
WORKER_SID = "WK" + "a" * 32

Route = tuple[str, re.Pattern[str], int, Any]


def _routes() -> list[Route]:
    spec = json.loads((SPEC / "twilio_taskrouter_v1.json").read_text(encoding="utf-8"))
    routes = []
    for path, item in spec["paths"].items():
        pattern = re.compile("^" + re.sub(r"\{\w+\}", "[^/]+", path) + "$")
        for method, op in item.items():
            if not isinstance(op, dict) or "operationId" not in op:
                continue
            status, response = next(
                (code, r) for code, r in op["responses"].items() if code.startswith("2")
            )
            examples = response.get("content", {}).get("application/json", {}).get("examples")
            body = next(iter(examples.values()))["value"] if examples else None
            routes.append((method.upper(), pattern, int(status), body))
    # A literal segment wins over a SID: /TaskQueues/Statistics is not a TaskQueue.
    return sorted(routes, key=lambda route: route[1].pattern.count("[^/]+"))


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _updated(body: Any, form: bytes) -> Any:
    body = copy.deepcopy(body)
    for name, value in parse_qsl(form.decode(), keep_blank_values=True):
        key = _snake(name)
        if isinstance(body, dict) and key in body:
            current = body[key]
            if isinstance(current, bool):
                body[key] = value == "true"
            elif isinstance(current, int) and value.isdigit():
                body[key] = int(value)
            else:
                body[key] = value
    return body


def _named(body: Any, name: str) -> Any:
    body = copy.deepcopy(body)
    key = next(key for key in body if key != "meta")
    body[key] = [item for item in body[key] if item.get("friendly_name") == name]
    return body


def transport() -> httpx.MockTransport:
    """A transport answering every TaskRouter operation with Twilio's example body."""
    routes = _routes()
    fetched = {pattern.pattern: body for method, pattern, _, body in routes if method == "GET"}

    def answer(request: httpx.Request) -> httpx.Response:
        for method, pattern, status, example in routes:
            if method != request.method or not pattern.match(request.url.path):
                continue
            body = example
            name = request.url.params.get("FriendlyName")
            if method == "GET" and name is not None and "meta" in body:
                body = _named(body, name)
            one = fetched.get(pattern.pattern)
            if method == "POST" and isinstance(one, dict) and "meta" not in one:
                body = one
            if request.headers.get("Content-Type", "").startswith("application/x-www"):
                body = _updated(body, request.content)
            return httpx.Response(status, json=body)
        return httpx.Response(404, json={"code": 20404, "message": "no such resource"})

    return httpx.MockTransport(answer)
