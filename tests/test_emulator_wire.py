"""The emulator at the HTTP level: what it refuses (the SDK would never send most of it),
its paging, its control endpoints and dropped connections."""

from __future__ import annotations

import httpx
import pytest

from taskrouter_client.testing import FakeTaskRouter


@pytest.fixture
def fake() -> FakeTaskRouter:
    return FakeTaskRouter()


@pytest.fixture
def http(fake: FakeTaskRouter) -> httpx.Client:
    return httpx.Client(
        transport=fake,
        base_url=f"https://taskrouter.twilio.com/v1/Workspaces/{fake.workspace_sid}",
        auth=(fake.account_sid, fake.auth_token),
    )


def error(response: httpx.Response) -> tuple[int, int]:
    body = response.json()
    assert body["more_info"] == f"https://www.twilio.com/docs/errors/{body['code']}"
    assert body["status"] == response.status_code
    return response.status_code, body["code"]


@pytest.mark.parametrize(
    "auth",
    [None, ("ACnobody", "x"), "wrong-password", httpx.BasicAuth("", "")],
    ids=["none", "unknown-account", "wrong-token", "empty"],
)
def test_requests_without_the_right_credentials_get_401(fake, auth):
    """Only the account SID with its token (or the API key with its secret) may call."""
    if auth == "wrong-password":
        auth = (fake.account_sid, "not-the-token")
    with httpx.Client(transport=fake) as client:
        response = client.get(
            f"https://taskrouter.twilio.com/v1/Workspaces/{fake.workspace_sid}/Tasks", auth=auth
        )
    assert error(response) == (401, 20003)
    assert response.headers["WWW-Authenticate"].startswith("Basic")


def test_api_key_credentials_are_accepted(fake):
    """The emulator also accepts its API key and secret."""
    with httpx.Client(transport=fake, auth=(fake.api_key, fake.api_secret)) as client:
        url = f"https://taskrouter.twilio.com/v1/Workspaces/{fake.workspace_sid}/Tasks"
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/Nope", 404, 20404),
        ("PUT", "/Tasks", 405, 20004),
        ("GET", "/Tasks/WT" + "0" * 32, 404, 20404),
        ("GET", "/Tasks?Page=2", 400, 40153),
        ("GET", "/Tasks?PageToken=garbage", 400, 21481),
        ("GET", "/Tasks?PageSize=0", 400, 20001),
        ("GET", "/Tasks?PageSize=1001", 400, 20001),
        ("GET", "/Tasks?AssignmentStatus=lost", 400, 20001),
        ("GET", "/Tasks?Priority=high", 400, 20001),
    ],
)
def test_requests_twilio_refuses_are_refused_alike(http, method, path, status, code):
    """Unknown paths, methods and SIDs, absolute paging, bad tokens and filters."""
    assert error(http.request(method, path)) == (status, code)


def test_an_unknown_workspace_is_404(fake):
    """Another Workspace's SID is not found."""
    with httpx.Client(transport=fake, auth=(fake.account_sid, fake.auth_token)) as client:
        response = client.get(f"https://taskrouter.twilio.com/v1/Workspaces/WS{'1' * 32}/Tasks")
    assert error(response) == (404, 20404)


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ({"Priority": "high"}, 20001),
        ({"Priority": "-1"}, 20001),
        ({"Timeout": "0"}, 20001),
        ({"Timeout": "1209601"}, 20001),
        ({"Attributes": "[1]"}, 20001),
        ({"Attributes": "{nope"}, 20001),
        ({"VirtualStartTime": "2999-01-01T00:00:00Z"}, 20001),
        ({"VirtualStartTime": "yesterday"}, 20001),
        ({"TaskChannel": "fax"}, 20404),
        ({"WorkflowSid": "WW" + "9" * 32}, 20404),
        ({"TaskQueueSid": "WQ" + "9" * 32}, 20404),
    ],
)
def test_create_checks_its_parameters_too(http, form, code):
    """Bad values the SDK would not send are refused by the emulator as by Twilio."""
    assert error(http.post("/Tasks", data=form)) == (400, code)


def test_an_update_refused_on_its_last_parameter_changes_nothing(http):
    """Priority is checked after the status move the same request asks for: the 400 still
    leaves the status, the version and date_updated alone."""
    before = http.post("/Tasks", data={"Attributes": "{}"})
    sid = before.json()["sid"]
    refused = http.post(
        f"/Tasks/{sid}",
        data={
            "AssignmentStatus": "canceled",
            "Reason": "dup",
            "Attributes": '{"a": 1}',
            "Priority": "-1",
        },
    )
    assert error(refused) == (400, 20001)
    after = http.get(f"/Tasks/{sid}")
    assert after.headers["ETag"] == before.headers["ETag"]
    assert after.json() | {"age": 0} == before.json() | {"age": 0}


@pytest.mark.parametrize(
    "token",
    [
        "PA",
        "PAWT" + "0" * 32,
        "PAWT" + "0" * 32 + ".!!",
        "PAWT" + "0" * 32 + ".abcd",  # not JSON once decoded
        "PAWT" + "0" * 32 + ".e30",  # {} rather than a position
        "PAWT" + "0" * 32 + ".W10",  # []
        "PXWT" + "0" * 32 + ".WzFd",
    ],
)
def test_a_page_token_the_emulator_did_not_issue_is_refused(http, token):
    """Twilio's 21481 Invalid PageToken, for anything but a cursor."""
    assert error(http.get("/Tasks", params={"PageToken": token})) == (400, 21481)


def test_page_urls_walk_forward_and_back(http):
    """next_page_url and previous_page_url are cursors over the same order."""
    sids = [http.post("/Tasks", data={"Attributes": "{}"}).json()["sid"] for _ in range(5)]
    first = http.get("/Tasks", params={"PageSize": 2}).json()
    assert first["meta"]["previous_page_url"] is None
    second = http.get(first["meta"]["next_page_url"]).json()
    third = http.get(second["meta"]["next_page_url"]).json()
    assert [t["sid"] for t in third["tasks"]] == sids[4:]
    assert third["meta"]["next_page_url"] is None
    assert (third["meta"]["page"], third["meta"]["url"]) == (2, second["meta"]["next_page_url"])
    back = http.get(third["meta"]["previous_page_url"]).json()
    assert [t["sid"] for t in back["tasks"]] == sids[2:4]
    assert back["meta"]["page"] == 1
    assert [t["sid"] for t in http.get(back["meta"]["previous_page_url"]).json()["tasks"]] == (
        sids[:2]
    )


def test_assignment_status_may_be_comma_separated(http, fake):
    """Both forms the spec shows for several statuses work."""
    http.post("/Tasks", data={"Attributes": "{}"})
    reserved = http.post("/Tasks", data={"Attributes": "{}"}).json()["sid"]
    fake.reserve(reserved)
    joined = http.get("/Tasks", params={"AssignmentStatus": "pending,reserved"}).json()
    repeated = http.get("/Tasks", params=[("AssignmentStatus", "reserved")]).json()
    assert len(joined["tasks"]) == 2
    assert [t["sid"] for t in repeated["tasks"]] == [reserved]


def test_reservation_updates_the_emulator_refuses(http, fake):
    """Status and instruction together, unknown instructions, missing instruction
    parameters, and Supervisor on the worker path are all 400s."""
    task = http.post("/Tasks", data={"Attributes": "{}"}).json()["sid"]
    reservation = fake.reserve(task)
    by_task = f"/Tasks/{task}/Reservations/{reservation}"
    by_worker = f"/Workers/{fake.worker_sid}/Reservations/{reservation}"
    for path, form, code in [
        (by_task, {"ReservationStatus": "accepted", "Instruction": "dequeue"}, 20001),
        (by_task, {"Instruction": "teleport"}, 20001),
        (by_task, {"Instruction": "dequeue"}, 40132),
        (by_task, {"Instruction": "call", "CallFrom": "+1"}, 40112),
        (by_task, {"ReservationStatus": "timeout"}, 20001),
        (by_worker, {"Instruction": "supervise", "Supervisor": fake.worker_sid}, 20001),
    ]:
        assert error(http.post(path, data=form)) == (400, code), form
    assert http.get(by_task).json()["reservation_status"] == "pending"


def test_a_reservation_is_reached_only_through_its_own_task_or_worker(http, fake):
    """Another Task's or Worker's path does not find it."""
    task = http.post("/Tasks", data={"Attributes": "{}"}).json()["sid"]
    reservation = fake.reserve(task)
    other_worker = fake.add_worker("Bob")
    assert error(http.get(f"/Workers/{other_worker}/Reservations/{reservation}")) == (404, 20404)
    other_task = http.post("/Tasks", data={"Attributes": "{}"}).json()["sid"]
    assert error(http.get(f"/Tasks/{other_task}/Reservations/{reservation}")) == (404, 20404)


def test_the_served_emulator_has_control_endpoints(fake):
    """Another process can reserve, move the clock and inject faults over HTTP."""
    with (
        fake.serve() as base_url,
        httpx.Client(base_url=base_url, auth=(fake.account_sid, fake.auth_token)) as client,
    ):
        task = client.post(
            f"/v1/Workspaces/{fake.workspace_sid}/Tasks", data={"Attributes": "{}", "Timeout": "60"}
        ).json()
        reserved = client.post(
            f"/_emulator/Workspaces/{fake.workspace_sid}/Tasks/{task['sid']}/Reserve"
        )
        assert reserved.status_code == 201
        assert reserved.json()["reservation_status"] == "pending"
        assert reserved.json()["url"].startswith(base_url)
        assert client.post("/_emulator/Clock", data={"AdvanceSeconds": "61"}).status_code == 200
        expired = client.get(f"/v1/Workspaces/{fake.workspace_sid}/Tasks/{task['sid']}").json()
        assert expired["assignment_status"] == "canceled"
        client.post("/_emulator/Faults", data={"Status": "429", "RetryAfter": "3", "Count": "1"})
        limited = client.get(f"/v1/Workspaces/{fake.workspace_sid}/Tasks")
        assert (limited.status_code, limited.headers["Retry-After"]) == (429, "3")
        assert limited.json()["code"] == 20429
        client.post("/_emulator/Faults", data={"Drop": "true"})
        with pytest.raises(httpx.RemoteProtocolError):
            client.get(f"/v1/Workspaces/{fake.workspace_sid}/Tasks")
        assert client.get(f"/v1/Workspaces/{fake.workspace_sid}/Tasks").status_code == 200
        client.post("/_emulator/Faults", data={"Status": "502", "Applied": "true"})
        lost = client.post(f"/v1/Workspaces/{fake.workspace_sid}/Tasks", data={"Priority": "7"})
        assert lost.status_code == 502
        listed = client.get(f"/v1/Workspaces/{fake.workspace_sid}/Tasks?Priority=7").json()
        assert len(listed["tasks"]) == 1
