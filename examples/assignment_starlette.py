"""An assignment callback endpoint as an ASGI app (Starlette; FastAPI routes read the same).

    python examples/assignment_starlette.py          # demonstrate it through Starlette's TestClient
    python examples/assignment_starlette.py serve    # serve it on http://127.0.0.1:8000/assignment

Needs ``pip install "taskrouter-client[examples]"``. Serving reads TWILIO_AUTH_TOKEN, and
ASSIGNMENT_CALLBACK_URL: the public URL set as the Workflow's AssignmentCallbackUrl, which
is what Twilio signs (behind a proxy or tunnel the app sees another URL).
"""

from __future__ import annotations

import os
import sys
from urllib.parse import parse_qsl

from _assignment import DEMO_AUTH_TOKEN, PATH, choose_instruction, demonstrate
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from taskrouter_client.webhooks import AssignmentCallback, InvalidCallbackError, validate_request


def create_app(auth_token: str, public_url: str | None = None) -> Starlette:
    """The app; ``public_url`` is the URL Twilio calls (default: the URL the app sees)."""

    async def assignment(request: Request) -> Response:
        body = await request.body()  # the raw form: no python-multipart needed
        url = public_url or str(request.url)
        if not validate_request(auth_token, "POST", url, request.headers, body):
            return PlainTextResponse("invalid signature", status_code=403)
        try:
            form = dict(parse_qsl(body.decode(), keep_blank_values=True))
            callback = AssignmentCallback.from_form(form)
        except InvalidCallbackError as error:  # a ValueError naming the form field
            return PlainTextResponse(str(error), status_code=400)
        return JSONResponse(choose_instruction(callback))  # 200, application/json

    return Starlette(routes=[Route(PATH, assignment, methods=["POST"])])


def main(argv: list[str]) -> None:
    if argv[1:] == ["serve"]:
        import uvicorn  # noqa: PLC0415  # only serving needs it

        app = create_app(os.environ["TWILIO_AUTH_TOKEN"], os.environ.get("ASSIGNMENT_CALLBACK_URL"))
        uvicorn.run(app, host="127.0.0.1", port=8000)
        return
    with TestClient(create_app(DEMO_AUTH_TOKEN)) as client:

        def post(path: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
            response = client.post(path, content=body, headers=headers)
            return response.status_code, response.text

        demonstrate(post, "http://testserver")


if __name__ == "__main__":
    main(sys.argv)
