"""Cassettes: record once (here against the emulator, standing in for Twilio), replay with
respx strictly, and the pytest plugin's fixtures."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

import taskrouter_client as tr
from taskrouter_client.testing import (
    CassetteMismatchError,
    CassetteRecorder,
    FakeTaskRouter,
    replay_cassette,
)
from tests.conftest import collect, run

pytestmark = pytest.mark.anyio

SIP_SECRET = "sip-SECRET-77"  # fake; must not reach the cassette


def make_client(kind: str, transport: Any, fake: FakeTaskRouter) -> Any:
    credentials = {"account_sid": fake.account_sid, "auth_token": fake.auth_token}
    if kind == "sync":
        return tr.Client(**credentials, http_client=httpx.Client(transport=transport))
    return tr.AsyncClient(**credentials, http_client=httpx.AsyncClient(transport=transport))


async def scenario(
    client: Any, workspace_sid: str, reserve: Callable[[str], str] | None
) -> list[Any]:
    """Create, update with an ETag, list, reserve and conference: what the test replays."""
    ws = client.workspaces(workspace_sid)
    task = await run(ws.tasks.create(attributes={"type": "support"}, priority=2))
    task = await run(ws.tasks(task.sid).update(priority=7, if_match=task.etag))
    listed = await collect(ws.tasks.list(assignment_status=["pending"], page_size=1))
    reservation_sid = reserve(task.sid) if reserve else None
    if reservation_sid is None:  # replaying: the reservation SID comes from the recorded list
        reservation_sid = (await collect(ws.tasks(task.sid).reservations.list()))[0].sid
    else:
        await collect(ws.tasks(task.sid).reservations.list())
    reservation = await run(
        ws.tasks(task.sid)
        .reservations(reservation_sid)
        .conference(from_="+1555", sip_auth_password=SIP_SECRET)
    )
    return [task, listed, reservation]


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_record_then_replay_gives_the_same_results(kind, tmp_path):
    """What a test recorded, it gets back on replay, request for request."""
    fake = FakeTaskRouter()
    recorder = CassetteRecorder(transport=fake, async_transport=fake)
    recorded = await scenario(make_client(kind, recorder, fake), fake.workspace_sid, fake.reserve)
    cassette = tmp_path / "scenario.json"
    recorder.save(cassette)

    with replay_cassette(cassette) as router:
        replayed = await scenario(
            make_client(
                kind, httpx.HTTPTransport() if kind == "sync" else httpx.AsyncHTTPTransport(), fake
            ),
            fake.workspace_sid,
            None,
        )
        requests = len(router.calls)
    assert replayed == recorded
    assert [r.etag for r in replayed[::2]] == [r.etag for r in recorded[::2]]
    assert requests == len(recorder.interactions) == 5


async def test_a_cassette_holds_no_credentials_or_secrets(tmp_path):
    """No Authorization header, auth token or SipAuthPassword reaches the file."""
    fake = FakeTaskRouter()
    recorder = CassetteRecorder(transport=fake)
    await scenario(make_client("sync", recorder, fake), fake.workspace_sid, fake.reserve)
    cassette = tmp_path / "c.json"
    recorder.save(cassette)
    text = cassette.read_text()
    assert fake.auth_token not in text
    assert SIP_SECRET not in text
    assert "authorization" not in text.lower()
    forms = [dict(i["request"]["form"]) for i in json.loads(text)["interactions"]]
    assert {"SipAuthPassword": "[REDACTED]"}.items() <= forms[-1].items()
    headers = json.loads(text)["interactions"][0]["response"]["headers"]
    assert set(headers) <= {
        "content-type",
        "etag",
        "retry-after",
        "twilio-request-id",
        "x-rate-limit-config",
        "x-rate-limit-limit",
        "x-rate-limit-remaining",
    }


@pytest.fixture
def small_cassette(tmp_path: Path) -> tuple[Path, FakeTaskRouter]:
    """A cassette of one create with Priority=2."""
    fake = FakeTaskRouter()
    recorder = CassetteRecorder(transport=fake)
    with make_client("sync", recorder, fake) as client:
        client.workspaces(fake.workspace_sid).tasks.create(
            attributes={"type": "support"}, priority=2
        )
    path = tmp_path / "create.json"
    recorder.save(path)
    return path, fake


def replay_client(fake: FakeTaskRouter) -> tr.Client:
    return tr.Client(account_sid=fake.account_sid, auth_token=fake.auth_token, max_retries=0)


def test_replay_refuses_a_request_that_differs_in_its_form(small_cassette):
    """Priority=3 is not the recorded Priority=2: the test fails loudly, naming both."""
    path, fake = small_cassette
    with (
        replay_cassette(path, assert_all_used=False),
        pytest.raises(CassetteMismatchError) as caught,
    ):
        replay_client(fake).workspaces(fake.workspace_sid).tasks.create(
            attributes={"type": "support"}, priority=3
        )
    assert "Priority=3" in str(caught.value)
    assert "Priority=2" in str(caught.value)


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_replay_matches_if_match_which_decides_the_answer(kind, tmp_path):
    """A conditional update replays only with the If-Match recorded: another ETag (or none)
    would get a 412 from Twilio, not the recorded 200."""
    fake = FakeTaskRouter()
    recorder = CassetteRecorder(transport=fake, async_transport=fake)
    client = make_client(kind, recorder, fake)
    task = await run(client.workspaces(fake.workspace_sid).tasks.create(attributes={}))
    sid = task.sid
    await run(client.workspaces(fake.workspace_sid).tasks(sid).update(priority=1, if_match='"1"'))
    recorder.save(tmp_path / "update.json")
    recorded = json.loads((tmp_path / "update.json").read_text())["interactions"]
    assert [i["request"]["if_match"] for i in recorded] == [None, '"1"']

    transport = httpx.HTTPTransport() if kind == "sync" else httpx.AsyncHTTPTransport()
    for if_match in ('"2"', None):
        with replay_cassette(tmp_path / "update.json", assert_all_used=False):
            tasks = make_client(kind, transport, fake).workspaces(fake.workspace_sid).tasks
            await run(tasks.create(attributes={}))
            with pytest.raises(CassetteMismatchError) as caught:
                await run(tasks(sid).update(priority=1, if_match=if_match))
        assert "unused: ['POST" in str(caught.value)
        assert 'If-Match: "1"' in str(caught.value)
    with replay_cassette(tmp_path / "update.json"):
        tasks = make_client(kind, transport, fake).workspaces(fake.workspace_sid).tasks
        await run(tasks.create(attributes={}))
        updated = await run(tasks(sid).update(priority=1, if_match='"1"'))
    assert updated.etag == '"2"'


def test_a_cassette_recorded_without_if_match_replays_any(small_cassette):
    """Cassettes from before If-Match was kept have no "if_match": any value matches."""
    path, fake = small_cassette
    document = json.loads(path.read_text())
    del document["interactions"][0]["request"]["if_match"]
    path.write_text(json.dumps(document))
    with replay_cassette(path):
        replay_client(fake).workspaces(fake.workspace_sid).tasks.create(
            attributes={"type": "support"}, priority=2
        )


def test_replay_refuses_a_request_beyond_the_recording(small_cassette):
    """Each recorded exchange answers once."""
    path, fake = small_cassette
    with replay_cassette(path):
        tasks = replay_client(fake).workspaces(fake.workspace_sid).tasks
        tasks.create(attributes={"type": "support"}, priority=2)
        with pytest.raises(CassetteMismatchError):
            tasks.create(attributes={"type": "support"}, priority=2)


def test_replay_complains_about_exchanges_never_requested(small_cassette):
    """A test that stops sending what it recorded fails, unless it says that is fine."""
    path, _ = small_cassette
    with pytest.raises(CassetteMismatchError, match="never requested"), replay_cassette(path):
        pass
    with replay_cassette(path, assert_all_used=False):
        pass


def test_a_redacted_secret_matches_whatever_is_sent_on_replay(tmp_path):
    """The password is not stored, so replay cannot and does not insist on it."""
    fake = FakeTaskRouter()
    recorder = CassetteRecorder(transport=fake)
    with make_client("sync", recorder, fake) as client:
        task = client.workspaces(fake.workspace_sid).tasks.create(attributes={})
        sid = fake.reserve(task.sid)
        client.workspaces(fake.workspace_sid).tasks(task.sid).reservations(sid).conference(
            sip_auth_password="a"
        )
    recorder.save(tmp_path / "c.json")
    with replay_cassette(tmp_path / "c.json"):
        tasks = replay_client(fake).workspaces(fake.workspace_sid).tasks
        tasks.create(attributes={})
        tasks(task.sid).reservations(sid).conference(sip_auth_password="b")


PLUGIN_TEST = """
import pytest
import taskrouter_client as tr
from taskrouter_client.testing import FakeTaskRouter


def test_fake(taskrouter_fake):
    assert isinstance(taskrouter_fake, FakeTaskRouter)
    with taskrouter_fake.client() as client:
        task = client.workspaces(taskrouter_fake.workspace_sid).tasks.create(attributes={})
    assert task.assignment_status == "pending"


def test_instant_retries(taskrouter_fake, taskrouter_instant_retries):
    taskrouter_fake.fail_next(1, status=429, retry_after=5)
    with taskrouter_fake.client() as client:
        client.workspaces(taskrouter_fake.workspace_sid).tasks.create(attributes={})
    assert taskrouter_instant_retries == [5.0]


@pytest.mark.taskrouter_cassette("create.json")
def test_cassette(taskrouter_cassette):
    client = tr.Client(account_sid="{account}", auth_token="t")
    client.workspaces("{workspace}").tasks.create(attributes={{"type": "support"}}, priority=2)
    assert len(taskrouter_cassette.calls) == 1
"""


def test_the_pytest_plugin_offers_the_emulator_retries_and_cassettes(pytester, small_cassette):
    """The fixtures work in a project that only installed taskrouter-client."""
    path, fake = small_cassette
    (pytester.path / "create.json").write_text(path.read_text())
    pytester.makepyfile(
        test_plugin=PLUGIN_TEST.replace("{account}", fake.account_sid)
        .replace("{workspace}", fake.workspace_sid)
        .replace("{{", "{")
        .replace("}}", "}")
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)
