"""An assignment callback endpoint as a WSGI app (Flask).

    python examples/assignment_flask.py          # demonstrate it through Flask's test client
    python examples/assignment_flask.py serve    # serve it on http://127.0.0.1:8000/assignment

Needs ``pip install "taskrouter-client[examples]"``. Serving reads TWILIO_AUTH_TOKEN, and
ASSIGNMENT_CALLBACK_URL: the public URL set as the Workflow's AssignmentCallbackUrl, which
is what Twilio signs (behind a proxy or tunnel the app sees another URL).
"""

from __future__ import annotations

import os
import sys

from _assignment import DEMO_AUTH_TOKEN, PATH, choose_instruction, demonstrate
from flask import Flask, Response, jsonify, request

from taskrouter_client.webhooks import AssignmentCallback, InvalidCallbackError, validate_request


def create_app(auth_token: str, public_url: str | None = None) -> Flask:
    """The app; ``public_url`` is the URL Twilio calls (default: the URL the app sees)."""
    app = Flask(__name__)

    @app.post(PATH)
    def assignment() -> Response:
        url = public_url or request.url
        if not validate_request(auth_token, "POST", url, request.headers, request.get_data()):
            return Response("invalid signature", status=403)
        try:
            callback = AssignmentCallback.from_form(request.form)
        except InvalidCallbackError as error:  # a ValueError naming the form field
            return Response(str(error), status=400)
        return jsonify(choose_instruction(callback))  # 200, Content-Type: application/json

    return app


def main(argv: list[str]) -> None:
    if argv[1:] == ["serve"]:
        app = create_app(os.environ["TWILIO_AUTH_TOKEN"], os.environ.get("ASSIGNMENT_CALLBACK_URL"))
        app.run(host="127.0.0.1", port=8000)
        return
    client = create_app(DEMO_AUTH_TOKEN).test_client()

    def post(path: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
        response = client.post(path, data=body, headers=headers)
        return response.status_code, response.get_data(as_text=True).strip()

    demonstrate(post, "http://localhost")


if __name__ == "__main__":
    main(sys.argv)
