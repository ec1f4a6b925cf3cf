"""Error answers become our typed errors, on both clients, whatever the body looks like."""

from __future__ import annotations

import json

import httpx
import pytest

import taskrouter_client as tr
from tests.conftest import AUTH_TOKEN, TASK_PATH, TASKS_PATH, WS, WT, collect, run, task_body

pytestmark = pytest.mark.anyio


def twilio_error(status: int, code: int, message: str) -> dict[str, object]:
    return {
        "code": code,
        "message": message,
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }


@pytest.mark.parametrize(
    ("status", "code", "error_class"),
    [
        (400, 20001, tr.BadRequestError),
        (401, 20003, tr.AuthenticationError),
        (403, 20403, tr.PermissionDeniedError),
        (404, 20404, tr.NotFoundError),
        (412, 20412, tr.PreconditionFailedError),
        (429, 20429, tr.RateLimitError),
        (500, 20500, tr.ServerError),
        (502, 20502, tr.ServerError),
        (503, 20503, tr.ServerError),
        (409, 20409, tr.APIError),
        (520, 20520, tr.ServerError),
    ],
)
async def test_status_maps_to_error_class_with_twilio_fields(
    client, mock, status, code, error_class
):
    """Each status gives its class, carrying Twilio's code, message, link and the request."""
    body = twilio_error(status, code, f"Problem {code}") | {"details": {"field": "Priority"}}
    mock.get(TASK_PATH).respond(status, json=body, headers={"Twilio-Request-Id": "RQ123"})
    with pytest.raises(error_class) as caught:
        await run(client.workspaces(WS).tasks(WT).fetch())
    error = caught.value
    assert type(error) is error_class
    assert isinstance(error, tr.APIError)
    assert isinstance(error, tr.TaskRouterError)
    assert error.status == status
    assert error.code == code
    assert error.message == f"Problem {code}"
    assert error.more_info == f"https://www.twilio.com/docs/errors/{code}"
    assert error.details == {"field": "Priority"}
    assert error.method == "GET"
    assert error.path == TASK_PATH
    assert error.request_id == "RQ123"
    assert error.http is not None
    assert error.http.status == status
    text = str(error)
    assert f"HTTP {status}" in text
    assert f"Twilio error {code}" in text
    assert f"Problem {code}" in text
    assert TASK_PATH in text
    assert "RQ123" in text


async def test_412_on_an_if_match_update_is_precondition_failed(client, mock):
    """A stale ETag on update raises PreconditionFailedError (Twilio error 20412)."""
    route = mock.post(TASK_PATH).respond(
        412, json=twilio_error(412, 20412, "Precondition Failed: ETag mismatch")
    )
    with pytest.raises(tr.PreconditionFailedError) as caught:
        await run(client.workspaces(WS).tasks(WT).update(priority=3, if_match='"stale"'))
    assert caught.value.code == 20412
    assert route.calls.last.request.headers["If-Match"] == '"stale"'


async def test_412_on_an_if_match_delete_is_precondition_failed(client, mock):
    """A stale ETag on delete raises PreconditionFailedError too."""
    mock.delete(TASK_PATH).respond(412, json=twilio_error(412, 20412, "Precondition Failed"))
    with pytest.raises(tr.PreconditionFailedError):
        await run(client.workspaces(WS).tasks(WT).delete(if_match='"stale"'))


async def test_rate_limit_error_carries_retry_after(client, mock):
    """A 429's Retry-After is available as seconds on the error."""
    mock.get(TASK_PATH).respond(
        429, json=twilio_error(429, 20429, "Too Many Requests"), headers={"Retry-After": "7"}
    )
    with pytest.raises(tr.RateLimitError) as caught:
        await run(client.workspaces(WS).tasks(WT).fetch())
    assert caught.value.retry_after == 7.0


@pytest.mark.parametrize(
    ("content", "content_type", "expected_message"),
    [
        (b"", None, "Service Unavailable (empty body)"),
        (
            b"<html><body><h1>502 Bad Gateway</h1></body></html>",
            "text/html; charset=utf-8",
            "Service Unavailable (unreadable body of type text/html)",
        ),
        (b"upstream connect error", "text/plain", "unreadable body of type text/plain"),
        (b'{"code": 20', "application/json", "unreadable body of type application/json"),
        (b'["not", "an", "object"]', "application/json", "unreadable body"),
        (b"\xff\xfe\x00garbage", "application/octet-stream", "unreadable body"),
    ],
)
async def test_error_bodies_that_are_not_twilio_json_still_give_a_clear_error(
    client, mock, content, content_type, expected_message
):
    """Empty, HTML, truncated or binary error bodies fall back to the HTTP status."""
    headers = {"Content-Type": content_type} if content_type else {}
    mock.get(TASK_PATH).respond(503, content=content, headers=headers)
    with pytest.raises(tr.ServerError) as caught:
        await run(client.workspaces(WS).tasks(WT).fetch())
    error = caught.value
    assert error.status == 503
    assert error.code is None
    assert expected_message in error.message
    assert error.body == (content.decode("utf-8", errors="replace") or None)


@pytest.mark.parametrize(("code", "expected"), [("20001", 20001), (True, None), ([1], None)])
async def test_error_json_with_odd_field_types_is_read_leniently(client, mock, code, expected):
    """A code given as a string is understood; one of the wrong type is dropped."""
    mock.get(TASK_PATH).respond(400, json={"code": code, "message": "", "more_info": 5})
    with pytest.raises(tr.BadRequestError) as caught:
        await run(client.workspaces(WS).tasks(WT).fetch())
    assert caught.value.code == expected
    assert caught.value.message == "Bad Request"
    assert caught.value.more_info is None


async def test_an_unknown_status_without_a_body_still_reads_well(client, mock):
    """A status the standard library has no phrase for (Cloudflare's 520) is described."""
    mock.get(TASK_PATH).respond(520, content=b"")
    with pytest.raises(tr.ServerError) as caught:
        await run(client.workspaces(WS).tasks(WT).fetch())
    assert caught.value.message == "Unexpected status (empty body)"


async def test_an_unexpected_success_body_is_invalid_response(client, mock):
    """A 200 whose body is not JSON is an InvalidResponseError, not a JSONDecodeError."""
    mock.get(TASK_PATH).respond(200, content=b"<html>maintenance</html>")
    with pytest.raises(tr.InvalidResponseError) as caught:
        await run(client.workspaces(WS).tasks(WT).fetch())
    assert caught.value.status == 200
    assert "not JSON" in caught.value.message


@pytest.mark.parametrize("encoding", ["utf-16", "latin-1"])
async def test_a_body_not_in_utf8_is_invalid_response(client, mock, encoding):
    """JSON travels as UTF-8: a body in another encoding is an InvalidResponseError."""
    text = json.dumps(task_body() | {"reason": "café"}, ensure_ascii=False)
    mock.get(TASK_PATH).respond(200, content=text.encode(encoding))
    with pytest.raises(tr.InvalidResponseError) as caught:
        await run(client.workspaces(WS).tasks(WT).fetch())
    assert "not JSON" in caught.value.message


async def test_a_task_missing_a_required_field_is_invalid_response(client, mock):
    """A 200 Task without assignment_status names the field, no cattrs error escapes."""
    body = task_body()
    del body["assignment_status"]
    mock.get(TASK_PATH).respond(200, json=body)
    with pytest.raises(tr.InvalidResponseError) as caught:
        await run(client.workspaces(WS).tasks(WT).fetch())
    assert "assignment_status" in caught.value.message


async def test_a_list_without_its_envelope_is_invalid_response(client, mock):
    """A list answer lacking 'tasks' or 'meta' is an InvalidResponseError."""
    mock.get(TASKS_PATH).respond(200, json={"items": []})
    with pytest.raises(tr.InvalidResponseError) as caught:
        await collect(client.workspaces(WS).tasks.list())
    assert "'tasks'" in caught.value.message


async def test_connection_failure_is_api_connection_error(client, mock):
    """A refused connection surfaces as APIConnectionError that says it was not sent."""
    mock.get(TASK_PATH).mock(side_effect=httpx.ConnectError("connection refused"))
    with pytest.raises(tr.APIConnectionError) as caught:
        await run(client.workspaces(WS).tasks(WT).fetch())
    assert not isinstance(caught.value, tr.APITimeoutError)
    assert caught.value.may_have_been_sent is False
    assert TASK_PATH in str(caught.value)


async def test_read_timeout_is_api_timeout_error(client, mock):
    """A read timeout surfaces as APITimeoutError that may have reached Twilio."""
    mock.get(TASK_PATH).mock(side_effect=httpx.ReadTimeout("read timed out"))
    with pytest.raises(tr.APITimeoutError) as caught:
        await run(client.workspaces(WS).tasks(WT).fetch())
    assert caught.value.may_have_been_sent is True


async def test_no_error_text_holds_the_auth_token(client, mock):
    """Neither str() nor repr() of an error shows the credentials."""
    mock.get(TASK_PATH).respond(401, json=twilio_error(401, 20003, "Authenticate"))
    with pytest.raises(tr.AuthenticationError) as caught:
        await run(client.workspaces(WS).tasks(WT).fetch())
    assert AUTH_TOKEN not in str(caught.value)
    assert AUTH_TOKEN not in repr(caught.value)
    assert "Authorization" not in repr(vars(caught.value))


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"date_created": 1400000000}, "date_created"),
        ({"date_created": "yesterday"}, "date_created"),
        ({"priority": True}, "priority"),
        ({"priority": "1"}, "priority"),
        ({"sid": None}, "sid"),
        ({"links": "not-an-object"}, "links"),
        ({"ignore_capacity": "true"}, "ignore_capacity"),
        ({"assignment_status": 5}, "assignment_status"),
    ],
)
async def test_fields_of_the_wrong_type_are_invalid_response(client, mock, changes, problem):
    """A field whose type the spec contradicts is named in an InvalidResponseError."""
    mock.get(TASK_PATH).respond(200, json=task_body(**changes))
    with pytest.raises(tr.InvalidResponseError) as caught:
        await run(client.workspaces(WS).tasks(WT).fetch())
    assert problem in caught.value.message


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (["a", "list"], "expected a list envelope with 'tasks' and 'meta'"),
        ({"tasks": ["not-a-task"], "meta": {}}, "expected a JSON object, got string"),
        ({"tasks": [], "meta": {"next_page_url": 5}}, "next_page_url is not a string"),
        ({"tasks": {}, "meta": {}}, "expected a list envelope"),
    ],
)
async def test_malformed_list_bodies_are_invalid_response(client, mock, body, problem):
    """A list body of the wrong shape is an InvalidResponseError that says what was wrong."""
    mock.get(TASKS_PATH).respond(200, json=body)
    with pytest.raises(tr.InvalidResponseError) as caught:
        await collect(client.workspaces(WS).tasks.list())
    assert problem in caught.value.message


async def test_a_single_resource_that_is_not_an_object_is_invalid_response(client, mock):
    """A fetch answered with a JSON array says so."""
    mock.get(TASK_PATH).respond(200, json=[task_body()])
    with pytest.raises(tr.InvalidResponseError) as caught:
        await run(client.workspaces(WS).tasks(WT).fetch())
    assert "expected a JSON object, got array" in caught.value.message


@pytest.mark.parametrize(
    ("status", "carried_out"),
    [
        (400, False),
        (404, False),
        (408, True),
        (412, False),
        (429, False),
        (500, True),
        (501, False),
        (502, True),
        (503, True),
        (504, True),
        (505, False),
        (520, True),
    ],
)
def test_may_have_been_sent_says_whether_the_server_may_have_acted(status, carried_out):
    """A 5xx may follow the work being done, except 501/505, which say it could not start."""
    error = tr.APIError(status=status, message="m", method="POST", path="/v1/x")
    assert error.may_have_been_sent is carried_out
