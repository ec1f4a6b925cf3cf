"""``python -m taskrouter_client.testing serve``: the emulator as a program."""

from __future__ import annotations

import argparse
import errno
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from .._errors import InvalidArgumentError
from .._params import check_sid, not_shown
from ._fake import FakeTaskRouter
from ._server import LOOPBACK

DESCRIPTION = """\
Serve the TaskRouter emulator over HTTP until Ctrl-C or SIGTERM. It prints its base URL and
the environment variables to export, then nothing more. It routes Tasks as TaskRouter does
and calls your app's assignment and event callback URLs (signed with the auth token) as
things happen. State lives in memory: it is gone when the emulator stops.
"""

EPILOG = """\
example:
  python -m taskrouter_client.testing serve --port 8089 \\
      --account-sid AC00000000000000000000000000000000 --auth-token test-token

  # taskrouter-client (Client() reads the printed TWILIO_* variables, not the URL: pass
  # base_url=os.environ["TASKROUTER_BASE_URL"], or it would call Twilio itself)
  from taskrouter_client import Client
  client = Client(account_sid="AC00000000000000000000000000000000",
                  auth_token="test-token", base_url="http://127.0.0.1:8089")

  # Twilio's helper library
  from twilio.rest import Client as TwilioClient
  twilio = TwilioClient("AC00000000000000000000000000000000", "test-token")
  twilio.taskrouter.base_url = "http://127.0.0.1:8089"
  twilio.taskrouter.v1.workspaces(WORKSPACE_SID).tasks.list()

The workspace, workflow and worker SIDs to use are printed at start. From another process,
POST /_emulator/Clock, /_emulator/Faults and .../Reserve drive it (see docs/testing.md).
"""


def main(argv: list[str] | None = None, stop: threading.Event | None = None) -> int:
    """Run the command line until Ctrl-C or SIGTERM (or ``stop`` is set); return the status."""
    arguments = _parser().parse_args(argv)
    fake = FakeTaskRouter(account_sid=arguments.account_sid, auth_token=arguments.auth_token)
    stop = stop or threading.Event()
    with ExitStack() as serving:
        try:
            base_url = serving.enter_context(
                fake.serve(
                    arguments.port, host=arguments.host, max_concurrency=arguments.max_concurrency
                )
            )
        except OSError as error:
            print(
                f"error: cannot listen on {_address(arguments)}: {_reason(error)}", file=sys.stderr
            )
            return 2
        serving.enter_context(fake.delivering())
        serving.enter_context(_stopped_by_signals(stop))
        print(f"TaskRouter emulator listening on {base_url} (Ctrl-C to stop). Use:")
        for name, value in [
            ("TWILIO_ACCOUNT_SID", fake.account_sid),
            ("TWILIO_AUTH_TOKEN", fake.auth_token),
            ("TASKROUTER_BASE_URL", base_url),
            ("TASKROUTER_WORKSPACE_SID", fake.workspace_sid),
            ("TASKROUTER_WORKFLOW_SID", fake.workflow_sid),
            ("TASKROUTER_WORKER_SID", fake.worker_sid),
        ]:
            print(f"export {name}={value}")
        sys.stdout.flush()
        stop.wait()
    print("stopped")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m taskrouter_client.testing")
    commands = parser.add_subparsers(dest="command", required=True, metavar="serve")
    serve = commands.add_parser(
        "serve",
        help="serve the TaskRouter emulator over HTTP",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve.add_argument(
        "--host",
        default=LOOPBACK,
        help=f"address to listen on (default: {LOOPBACK}; 0.0.0.0 to be reached from "
        "outside, as from a container)",
    )
    serve.add_argument(
        "--port",
        type=int,
        default=0,
        help="port to listen on (default: 0, any free port: the printed URL says which)",
    )
    serve.add_argument(
        "--account-sid",
        type=_account_sid,
        metavar="SID",
        help="account SID to accept (default: a new random one, printed at start)",
    )
    serve.add_argument(
        "--auth-token",
        type=_auth_token,
        metavar="TOKEN",
        help="auth token to accept (default: a new random one, printed at start)",
    )
    serve.add_argument(
        "--max-concurrency",
        type=_positive,
        metavar="N",
        help="answer requests beyond N in progress at once with 429 and Twilio error 20429, "
        "as Twilio does (default: no limit)",
    )
    return parser


def _account_sid(text: str) -> str:
    """The check the clients make (a value refused is not shown: it may be the token)."""
    try:
        return check_sid("account_sid", text, "AC", shown=not_shown())
    except InvalidArgumentError as refused:
        raise argparse.ArgumentTypeError(str(refused).removeprefix("account_sid: ")) from None


def _auth_token(text: str) -> str:
    if not text:
        msg = "expected a token (leave the option out for a random one)"
        raise argparse.ArgumentTypeError(msg)
    return text


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        msg = f"expected a positive number of requests, got {value}"
        raise argparse.ArgumentTypeError(msg)
    return value


@contextmanager
def _stopped_by_signals(stop: threading.Event) -> Iterator[None]:
    """Ctrl-C (SIGINT) and SIGTERM set ``stop``: the way terminals, containers and CI stop it.

    Signal handlers belong to the main thread; elsewhere (a test) only ``stop`` stops it.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signals = (signal.SIGINT, signal.SIGTERM)
    previous = {signum: signal.signal(signum, lambda *_: stop.set()) for signum in signals}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _address(arguments: argparse.Namespace) -> str:
    return f"{arguments.host}:{arguments.port}"


def _reason(error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return "the port is already in use (choose another with --port; 0 picks a free one)"
    return error.strerror or str(error)


if __name__ == "__main__":
    sys.exit(main())
