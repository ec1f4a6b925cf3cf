"""The ``api`` fixture: raw HTTP against a fresh emulator (in process), every answer checked
against the spec's schemas, with shorthands for setting up a Workspace.

Routing tests at the wire level use it; so do tests of what the SDK would refuse to send.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest

from taskrouter_client.testing import FakeTaskRouter
from tests import spec_schema

START = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


class Api:
    """An httpx client on the emulator's default Workspace, and the operations answered."""

    def __init__(self, fake: FakeTaskRouter, http: httpx.Client, answered: list[str]) -> None:
        self.fake = fake
        self.http = http
        self.answered = answered

    @property
    def workspace(self) -> str:
        """The URL of the Workspace itself (the base URL, without its trailing slash)."""
        return str(self.http.base_url).rstrip("/")

    # -- plain requests (a 2xx is expected) ---------------------------------------------

    def get(self, path: str, **params: Any) -> Any:
        return self._ok(self.http.get(path, params=params))

    def post(self, path: str, **form: Any) -> Any:
        return self._ok(self.http.post(path, data=_form(form)))

    def delete(self, path: str) -> None:
        self._ok(self.http.delete(path))

    def refused(self, method: str, path: str, **form: Any) -> tuple[int, int, str]:
        """A request expected to fail: (status, Twilio code, message)."""
        response = self.http.request(method, path, data=_form(form) if form else None)
        assert response.status_code >= 400, response.text
        body = response.json()
        return response.status_code, body["code"], body["message"]

    @staticmethod
    def _ok(response: httpx.Response) -> Any:
        assert response.status_code < 300, response.text
        return response.json() if response.content else None

    # -- shorthands ---------------------------------------------------------------------

    def activity(self, name: str) -> str:
        """The SID of the Activity named ``name``."""
        (found,) = self.get("/Activities", FriendlyName=name)["activities"]
        return str(found["sid"])

    def queue(self, name: str, target_workers: str = "1==1", **more: Any) -> str:
        return str(
            self.post("/TaskQueues", FriendlyName=name, TargetWorkers=target_workers, **more)["sid"]
        )

    def workflow(self, routing: dict[str, Any], **more: Any) -> str:
        configuration = {"task_routing": routing}
        return str(
            self.post("/Workflows", FriendlyName="Flow", Configuration=configuration, **more)["sid"]
        )

    def worker(self, name: str, activity: str = "Available", **attributes: Any) -> str:
        return str(
            self.post(
                "/Workers",
                FriendlyName=name,
                ActivitySid=self.activity(activity),
                Attributes=attributes,
            )["sid"]
        )

    def task(self, workflow: str, **attributes: Any) -> dict[str, Any]:
        self.fake.advance(1)  # one Task a second: creation order is also time order
        task: dict[str, Any] = self.post("/Tasks", WorkflowSid=workflow, Attributes=attributes)
        return task

    def status(self, task: str) -> str:
        return str(self.get(f"/Tasks/{task}")["assignment_status"])

    def reservations(self, task: str, status: str | None = None) -> list[dict[str, Any]]:
        params = {} if status is None else {"ReservationStatus": status}
        found: list[dict[str, Any]] = self.get(f"/Tasks/{task}/Reservations", **params)[
            "reservations"
        ]
        return found

    def offered_to(self, task: str) -> list[str]:
        """The names of the Workers the Task is offered to now (pending Reservations)."""
        return [r["worker_name"] for r in self.reservations(task, "pending")]

    def answer(self, task: str, status: str, **more: Any) -> dict[str, Any]:
        """Answer the Task's pending Reservation (the only one) with ``status``."""
        (reservation,) = self.reservations(task, "pending")
        answered: dict[str, Any] = self.post(
            f"/Tasks/{task}/Reservations/{reservation['sid']}", ReservationStatus=status, **more
        )
        return answered

    def set_activity(self, worker: str, activity: str, **more: Any) -> dict[str, Any]:
        found: dict[str, Any] = self.post(
            f"/Workers/{worker}", ActivitySid=self.activity(activity), **more
        )
        return found

    def events(self, **filters: Any) -> list[str]:
        return [e["event_type"] for e in self.get("/Events", **filters)["events"]]


def _form(form: dict[str, Any]) -> dict[str, Any]:
    return {
        name: json.dumps(value) if isinstance(value, dict | list) else value
        for name, value in form.items()
    }


@pytest.fixture
def api() -> Iterator[Api]:
    fake = FakeTaskRouter(clock=lambda: START)
    answered: list[str] = []

    def check(response: httpx.Response) -> None:
        response.read()
        body = json.loads(response.content) if response.content else None
        request = response.request
        answered.append(
            spec_schema.validate(request.method, request.url.path, response.status_code, body)
        )

    with httpx.Client(
        transport=fake,
        base_url=f"https://taskrouter.twilio.com/v1/Workspaces/{fake.workspace_sid}",
        auth=(fake.account_sid, fake.auth_token),
        event_hooks={"response": [check]},
    ) as http:
        yield Api(fake, http, answered)
