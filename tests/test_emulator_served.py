"""The emulator served over HTTP: `python -m taskrouter_client.testing serve` as a program
(help, options, signals, a busy port), the crowd it holds, and its concurrency limit."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import resource
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

import taskrouter_client as tr
from taskrouter_client.testing import FakeTaskRouter
from taskrouter_client.testing.__main__ import main
from taskrouter_client.testing._server import _reachable
from taskrouter_client.webhooks import validate_request
from tests.conftest import run
from tests.test_emulator_callbacks import app_server

pytestmark = pytest.mark.anyio

ROOT = Path(__file__).parent.parent
SERVE = [sys.executable, "-m", "taskrouter_client.testing", "serve"]
VARIABLES = {
    "TWILIO_ACCOUNT_SID",
    "TWILIO_AUTH_TOKEN",
    "TASKROUTER_BASE_URL",
    "TASKROUTER_WORKSPACE_SID",
    "TASKROUTER_WORKFLOW_SID",
    "TASKROUTER_WORKER_SID",
}


@contextmanager
def served(*options: str) -> Iterator[tuple[subprocess.Popen[str], dict[str, str]]]:
    """The serve command in a child process, and the environment it printed."""
    server = subprocess.Popen(  # noqa: S603  # our own module, fixed arguments
        [*SERVE, *options], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        lines = [server.stdout.readline() for _ in range(7)]
        assert lines[0].startswith("TaskRouter emulator listening on http://"), lines
        yield server, dict(line.removeprefix("export ").strip().split("=", 1) for line in lines[1:])
    finally:
        if server.poll() is None:
            server.kill()
        server.communicate(timeout=10)


def test_the_serve_command_prints_what_to_use_and_serves_the_examples():
    """The quickstart, pointed at it with the printed environment, runs as against Twilio."""
    with served("--port", "0") as (_, environment):
        assert set(environment) == VARIABLES
        result = subprocess.run(  # noqa: S603
            [sys.executable, str(ROOT / "examples" / "quickstart.py")],
            env={**os.environ, **environment},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
    assert "emulator" not in result.stdout  # it ran as against Twilio, through the environment
    assert "deleted   WT" in result.stdout
    assert json.dumps(result.stderr) == '""'


def test_the_serve_command_calls_the_app_back():
    """Served by the command, the emulator posts signed assignment callbacks to a real app
    by itself, and carries out the app's answer."""
    with app_server({"instruction": "accept"}) as (app_url, received), served() as (_, env):
        base = f"{env['TASKROUTER_BASE_URL']}/v1/Workspaces/{env['TASKROUTER_WORKSPACE_SID']}"
        auth = (env["TWILIO_ACCOUNT_SID"], env["TWILIO_AUTH_TOKEN"])
        with httpx.Client(base_url=base, auth=auth) as http:
            url = f"{app_url}/assignment"
            workflow = f"/Workflows/{env['TASKROUTER_WORKFLOW_SID']}"
            http.post(workflow, data={"AssignmentCallbackUrl": url}).raise_for_status()
            available = http.get("/Activities", params={"FriendlyName": "Available"}).json()
            worker = f"/Workers/{env['TASKROUTER_WORKER_SID']}"
            activity = {"ActivitySid": available["activities"][0]["sid"]}
            http.post(worker, data=activity).raise_for_status()
            task = http.post("/Tasks", data={"Attributes": "{}"}).json()
            for _ in range(500):
                status = http.get(f"/Tasks/{task['sid']}").json()["assignment_status"]
                if status == "assigned":
                    break
                time.sleep(0.01)
    assert status == "assigned"
    ((path, headers, body),) = received
    assert path == "/assignment"
    assert validate_request(env["TWILIO_AUTH_TOKEN"], "POST", url, headers, body)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_a_signal_stops_it_cleanly(signum):
    """SIGTERM (containers, CI) and Ctrl-C stop it with status 0, 'stopped', and nothing on
    stderr: no traceback, no KeyboardInterrupt."""
    with served() as (server, environment):
        credentials = (environment["TWILIO_ACCOUNT_SID"], environment["TWILIO_AUTH_TOKEN"])
        tasks = f"{environment['TASKROUTER_BASE_URL']}/v1/Workspaces/"
        tasks += f"{environment['TASKROUTER_WORKSPACE_SID']}/Tasks"
        assert httpx.get(tasks, auth=credentials).status_code == 200
        server.send_signal(signum)
        out, err = server.communicate(timeout=10)
    assert (server.returncode, out, err) == (0, "stopped\n", "")


def test_a_busy_port_is_one_clear_line_and_status_2():
    """No traceback: one line naming the address and what to do, and exit status 2."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(  # noqa: S603
            [*SERVE, "--port", str(port)], capture_output=True, text=True, timeout=30, check=False
        )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: cannot listen on 127.0.0.1:{port}: the port is already in use "
        "(choose another with --port; 0 picks a free one)\n"
    )


def test_help_documents_each_option_its_default_and_both_clients(capsys):
    """--help names every option with its default, and shows how to point this SDK and
    Twilio's helper library at the emulator."""
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--help"])
    assert exited.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    options = text.split(" options: ", 1)[1]
    for option, default in [
        ("--host HOST", "(default: 127.0.0.1"),
        ("--port PORT", "(default: 0, any free port"),
        ("--account-sid SID", "(default: a new random one"),
        ("--auth-token TOKEN", "(default: a new random one"),
        ("--max-concurrency N", "(default: no limit)"),
    ]:
        assert default in options.split(option, 1)[1].split(" --", 1)[0], option
    assert 'Client(account_sid="AC' in text
    assert 'base_url="http://127.0.0.1:8089"' in text
    assert 'twilio.taskrouter.base_url = "http://127.0.0.1:8089"' in text
    assert "SIGTERM" in text


@pytest.mark.parametrize("bad", ["0", "-3", "many"])
def test_max_concurrency_must_be_a_positive_number(bad, capsys):
    """A limit of no requests at all is refused as a usage error (status 2)."""
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--max-concurrency", bad])
    assert exited.value.code == 2
    assert "--max-concurrency" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("option", "bad"),
    [
        ("--account-sid", "nope"),
        ("--account-sid", "AC" + "g" * 32),
        ("--account-sid", "a-secret-token-given-in-the-wrong-place"),
        ("--auth-token", ""),
    ],
)
def test_credentials_a_client_would_refuse_are_a_usage_error(option, bad, capsys):
    """An account SID no client accepts, or an empty token (which used to become a random
    one), is refused at once (status 2), without echoing the value."""
    with pytest.raises(SystemExit) as exited:
        main(["serve", option, bad])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert option in err
    assert bad not in err or bad == ""


def test_host_and_port_choose_where_it_listens(capsys):
    """--host and --port are where it listens, and the URL printed says so; served until
    stopped (main() in a thread: only `stop` stops it there)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.2", 0))
        port = probe.getsockname()[1]
    stop = threading.Event()
    codes: list[int] = []
    thread = threading.Thread(
        target=lambda: codes.append(
            main(["serve", "--host", "127.0.0.2", "--port", str(port)], stop)
        )
    )
    thread.start()
    printed = ""
    for _ in range(500):
        printed += capsys.readouterr().out
        if "TASKROUTER_WORKER_SID" in printed:
            break
        time.sleep(0.01)
    environment = dict(
        line.removeprefix("export ").split("=", 1)
        for line in printed.splitlines()
        if line.startswith("export ")
    )
    with tr.Client(
        account_sid=environment["TWILIO_ACCOUNT_SID"],
        auth_token=environment["TWILIO_AUTH_TOKEN"],
        base_url=environment["TASKROUTER_BASE_URL"],
    ) as client:
        task = client.workspaces(environment["TASKROUTER_WORKSPACE_SID"]).tasks.create()
    stop.set()
    thread.join(timeout=10)
    assert environment["TASKROUTER_BASE_URL"] == f"http://127.0.0.2:{port}"
    assert task.url is not None
    assert task.url.startswith(f"http://127.0.0.2:{port}/v1/")
    assert codes == [0]
    assert capsys.readouterr().out == "stopped\n"


CROWD = 1000


def raw_create(fake: FakeTaskRouter, base_url: str) -> tuple[bytes, bytes]:
    """A CreateTask request on its own connection, as bytes: the head, then the body."""
    credentials = base64.b64encode(f"{fake.account_sid}:{fake.auth_token}".encode()).decode()
    body = b"Attributes=%7B%7D"
    head = (
        f"POST /v1/Workspaces/{fake.workspace_sid}/Tasks HTTP/1.1\r\n"
        f"Host: {urlsplit(base_url).netloc}\r\nAuthorization: Basic {credentials}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode(), body


@pytest.fixture
def fake() -> FakeTaskRouter:
    return FakeTaskRouter()


def test_a_crowd_of_a_thousand_connections_is_held(fake):
    """1,000 connections opened at once, then a create on each: none is refused, reset or
    dropped, and every Task is made (the stdlib default backlog of 5 lost hundreds)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 4 * CROWD:  # both ends of each connection live in this process
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(4 * CROWD, hard), hard))
    with fake.serve() as base_url:
        answers = asyncio.run(_crowd(fake, base_url))
        with tr.Client(
            account_sid=fake.account_sid, auth_token=fake.auth_token, base_url=base_url
        ) as client:
            made = list(client.workspaces(fake.workspace_sid).tasks.list(page_size=1000))
    failures = [answer for answer in answers if answer != "201"]
    assert failures == []
    assert len(made) == CROWD


async def _crowd(fake: FakeTaskRouter, base_url: str) -> list[str]:
    """Open CROWD connections, then send a create on each, then read each answer's status
    (or the failure's name): what the server did with every one of them."""
    url = urlsplit(base_url)
    request = b"".join(raw_create(fake, base_url))
    opened = await asyncio.gather(
        *(asyncio.open_connection(url.hostname, url.port) for _ in range(CROWD)),
        return_exceptions=True,
    )

    async def exchange(connection: Any) -> str:
        if isinstance(connection, BaseException):
            return type(connection).__name__
        reader, writer = connection
        try:
            writer.write(request)
            await writer.drain()
            answer = await reader.read()
        except OSError as error:
            return type(error).__name__
        finally:
            writer.close()
        return answer.split(b" ", 2)[1].decode() if answer else "no answer"

    return await asyncio.gather(*(exchange(connection) for connection in opened))


async def test_a_burst_through_the_async_client_loses_nothing(fake):
    """200 creates at once through AsyncClient, retries off: no error to count."""
    with fake.serve() as base_url:
        http = httpx.AsyncClient(limits=httpx.Limits(max_connections=None))
        async with tr.AsyncClient(
            account_sid=fake.account_sid,
            auth_token=fake.auth_token,
            base_url=base_url,
            http_client=http,
            max_retries=0,
        ) as client:
            tasks = client.workspaces(fake.workspace_sid).tasks
            results = await asyncio.gather(
                *(tasks.create(attributes={"n": n}) for n in range(200)), return_exceptions=True
            )
        await http.aclose()
    assert [r for r in results if isinstance(r, BaseException)] == []
    assert len({task.sid for task in results if isinstance(task, tr.Task)}) == 200


def test_the_served_emulator_keeps_concurrent_writes_apart(fake):
    """Eight threads creating Tasks at once through one served emulator lose nothing."""
    created: list[str] = []
    with (
        fake.serve() as base_url,
        tr.Client(
            account_sid=fake.account_sid, auth_token=fake.auth_token, base_url=base_url
        ) as client,
    ):
        tasks = client.workspaces(fake.workspace_sid).tasks

        def create_some() -> None:
            created.extend(tasks.create(attributes={"n": n}).sid for n in range(25))

        threads = [threading.Thread(target=create_some) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        listed = [t.sid for t in tasks.list(page_size=1000)]
    assert len(set(created)) == len(created) == 200
    assert sorted(listed) == sorted(created)


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_requests_beyond_max_concurrency_get_twilios_429(kind, fake, waits):
    """With max_concurrency=1 and one request in progress (its body held back), the next
    gets 429 with Twilio's error 20429, which the SDK retries; once the slot is free, the
    held request and the next ones are answered."""
    with fake.serve(max_concurrency=1) as base_url:
        url = urlsplit(base_url)
        credentials = {"account_sid": fake.account_sid, "auth_token": fake.auth_token}
        make = tr.Client if kind == "sync" else tr.AsyncClient
        client: Any = make(**credentials, base_url=base_url, max_retries=0)
        tasks = client.workspaces(fake.workspace_sid).tasks
        with socket.create_connection((url.hostname, url.port)) as held:
            head, body = raw_create(fake, base_url)
            held.sendall(head)
            limited = await _first_refusal(tasks)
            assert (limited.status, limited.code) == (429, 20429)
            retrying = client.with_options(max_retries=2)
            with pytest.raises(tr.RateLimitError) as again:
                await run(retrying.workspaces(fake.workspace_sid).tasks.create())
            assert again.value.http is not None
            assert again.value.http.retries == 2
            assert len(waits) == 2
            held.sendall(body)
            answer = held.makefile("rb").read()
        assert answer.startswith(b"HTTP/1.1 201 ")
        assert (await run(tasks.create())).assignment_status == "pending"
        await run(client.close() if kind == "sync" else client.aclose())


async def _first_refusal(tasks: Any) -> tr.RateLimitError:
    """Create until refused: the held request takes its slot within moments of arriving."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            await run(tasks.create())
        except tr.RateLimitError as refused:
            return refused
        time.sleep(0.01)
    pytest.fail("no request was refused while another was in progress")


def test_a_port_that_cannot_be_had_is_one_line_in_process_too(capsys):
    """main() itself returns 2 with one line on stderr, for a busy port as for an address
    this machine does not have."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    busy = capsys.readouterr()
    assert (busy.out, busy.err.count("\n")) == ("", 1)
    assert "the port is already in use" in busy.err
    assert main(["serve", "--host", "192.0.2.1"]) == 2  # TEST-NET-1: not this machine's
    foreign = capsys.readouterr().err
    assert foreign.startswith("error: cannot listen on 192.0.2.1:0: ")
    assert foreign.count("\n") == 1


def test_sigterm_stops_main_in_the_main_thread(capsys):
    """In the main thread, main() turns SIGTERM into a clean stop, and puts the previous
    handler back afterwards."""
    before = signal.getsignal(signal.SIGTERM)

    def terminate_once_handled() -> None:
        for _ in range(1000):
            if signal.getsignal(signal.SIGTERM) is not before:
                os.kill(os.getpid(), signal.SIGTERM)
                return
            time.sleep(0.01)

    killer = threading.Thread(target=terminate_once_handled)
    killer.start()
    assert main(["serve", "--max-concurrency", "5"]) == 0
    killer.join()
    assert signal.getsignal(signal.SIGTERM) is before
    assert capsys.readouterr().out.endswith("stopped\n")


@pytest.mark.parametrize(
    ("host", "in_url"),
    [
        ("0.0.0.0", "127.0.0.1"),  # noqa: S104  # a name to print, not an address to bind
        ("", "127.0.0.1"),
        ("::", "[::1]"),
        ("::1", "[::1]"),
        ("localhost", "localhost"),
    ],
)
def test_the_url_printed_is_one_a_client_here_can_use(host, in_url):
    """A wildcard address is reached over loopback; an IPv6 address goes in brackets."""
    assert _reachable(host) == in_url


def test_a_client_hanging_up_mid_exchange_prints_nothing(fake, capfd):
    """Connections reset before their answer is written make no traceback on stderr."""
    with fake.serve() as base_url:
        url = urlsplit(base_url)
        head, body = raw_create(fake, base_url)
        for _ in range(20):
            with socket.create_connection((url.hostname, url.port)) as rude:
                rude.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                rude.sendall(head + body)
        with tr.Client(
            account_sid=fake.account_sid, auth_token=fake.auth_token, base_url=base_url
        ) as client:
            assert len(list(client.workspaces(fake.workspace_sid).tasks.list())) <= 20
    assert capfd.readouterr().err == ""


def test_an_http_1_0_request_without_host_gets_urls_on_the_address_it_reached(fake):
    """Bodies name URLs on the host requested; without a Host header, the address itself."""
    with fake.serve() as base_url:
        url = urlsplit(base_url)
        credentials = base64.b64encode(f"{fake.account_sid}:{fake.auth_token}".encode())
        with socket.create_connection((url.hostname, url.port)) as plain:
            plain.sendall(
                f"GET /v1/Workspaces/{fake.workspace_sid}/Tasks HTTP/1.0\r\n".encode()
                + b"Authorization: Basic "
                + credentials
                + b"\r\n\r\n"
            )
            answer = plain.makefile("rb").read()
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 ")
    assert json.loads(body)["meta"]["url"].startswith(f"{base_url}/v1/Workspaces/")
