"""``python -m taskrouter_client.testing serve [--port N]``: the emulator on loopback."""

from __future__ import annotations

import argparse
import contextlib
import sys
import threading

from ._fake import FakeTaskRouter


def main(argv: list[str] | None = None, stop: threading.Event | None = None) -> int:
    """Run the command line until Ctrl-C (or until ``stop`` is set); return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m taskrouter_client.testing")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the TaskRouter emulator on 127.0.0.1")
    serve.add_argument(
        "--port", type=int, default=0, help="port to listen on (default: any free one)"
    )
    serve.add_argument("--account-sid", help="account SID to accept (default: a new one)")
    serve.add_argument("--auth-token", help="auth token to accept (default: a new one)")
    arguments = parser.parse_args(argv)

    fake = FakeTaskRouter(account_sid=arguments.account_sid, auth_token=arguments.auth_token)
    with fake.serve(arguments.port) as base_url:
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
        with contextlib.suppress(KeyboardInterrupt):
            (stop or threading.Event()).wait()
        print("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
