"""The example assignment-callback apps, driven through each framework's own test client."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from types import ModuleType
from urllib.parse import urlencode

import pytest
from starlette.testclient import TestClient

from taskrouter_client.webhooks import compute_signature

EXAMPLES = Path(__file__).parent.parent / "examples"
TOKEN = "auth-token-for-the-app-tests"


def example(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(EXAMPLES))
    return importlib.import_module(name)


class App:
    """One example app behind its framework's test client."""

    def __init__(self, framework: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.shared = example("_assignment", monkeypatch)
        self.module = example(f"assignment_{framework}", monkeypatch)
        self.framework = framework
        self.seen_url = ("http://localhost" if framework == "flask" else "http://testserver") + (
            "/assignment"
        )

    def post(
        self,
        form: dict[str, str],
        *,
        sign_with: str = TOKEN,
        signed_url: str | None = None,
        signed_form: dict[str, str] | None = None,
        public_url: str | None = None,
    ) -> tuple[int, str, str]:
        """POST ``form`` as Twilio would (the signature may be for another URL or form).

        Returns the status, the content type and the body.
        """
        signature = compute_signature(
            sign_with, signed_url or self.seen_url, form if signed_form is None else signed_form
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": signature,
        }
        body = urlencode(form).encode()
        app = self.module.create_app(TOKEN, public_url)
        if self.framework == "flask":
            response = app.test_client().post("/assignment", data=body, headers=headers)
            return response.status_code, response.content_type, response.get_data(as_text=True)
        with TestClient(app) as client:
            reply = client.post("/assignment", content=body, headers=headers)
        return reply.status_code, reply.headers["content-type"], reply.text


@pytest.fixture(params=["flask", "starlette"])
def app(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> App:
    return App(request.param, monkeypatch)


def test_a_signed_chat_callback_is_accepted_as_json(app):
    """200, application/json, the accept instruction."""
    status, content_type, body = app.post(app.shared.sample_form())
    assert status == 200
    assert content_type.startswith("application/json")
    assert json.loads(body) == {"instruction": "accept"}


def test_a_voice_task_is_dequeued_to_the_worker(app):
    """The voice call is bridged to the Worker's contact_uri."""
    form = app.shared.sample_form(TaskAttributes=json.dumps({"type": "voice"}))
    status, _, body = app.post(form)
    assert (status, json.loads(body)) == (200, {"instruction": "dequeue", "to": "client:alice"})


def test_a_task_in_another_language_is_rejected(app):
    """The Worker does not speak it: reject, the Task goes back to its queue."""
    form = app.shared.sample_form(TaskAttributes=json.dumps({"language": "fr"}))
    status, _, body = app.post(form)
    assert (status, json.loads(body)) == (200, {"instruction": "reject"})


def test_a_forged_or_altered_callback_is_refused(app):
    """Signed with another token, for another URL, or over other values: 403."""
    form = app.shared.sample_form()
    assert app.post(form, sign_with="another-token")[0] == 403
    assert app.post(form, signed_url=app.seen_url + "?x=1")[0] == 403
    assert app.post(form, signed_form={**form, "TaskPriority": "100"})[0] == 403


def test_a_callback_missing_a_field_is_a_400_naming_it(app):
    """Signed but malformed: 400 with the field's name."""
    form = app.shared.sample_form()
    del form["TaskSid"]
    status, _, body = app.post(form)
    assert (status, body) == (400, "TaskSid: missing: Twilio always sends this field")


def test_behind_a_proxy_the_public_url_is_what_is_checked(app):
    """Twilio signs the URL it called, not the one the app sees behind a proxy."""
    public = "https://hooks.example.com/taskrouter/assignment"
    form = app.shared.sample_form()
    assert app.post(form, signed_url=public, public_url=public)[0] == 200
    assert app.post(form, signed_url=public)[0] == 403
