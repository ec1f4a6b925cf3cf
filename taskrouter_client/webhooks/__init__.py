"""The calls TaskRouter makes to your application: signed webhooks, typed callbacks, answers.

- :func:`validate_request` / :func:`validate_signature`: is this request from Twilio?
- :class:`AssignmentCallback` / :class:`EventCallback`: the POSTed form, typed.
- :func:`accept`, :func:`reject`, :func:`dequeue`, :func:`call`, :func:`redirect`,
  :func:`conference`: the JSON to answer an assignment callback with.

Importing this module is cheap: it needs only the standard library and attrs (no HTTP
client), so a web app can use it without loading the REST client. See docs/webhooks.md.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from ._callbacks import AssignmentCallback, EventCallback, EventType, EventTypeLiteral
from ._fields import InvalidCallbackError
from ._instructions import Instruction, accept, call, conference, dequeue, redirect, reject
from ._signature import (
    SIGNATURE_HEADER,
    Params,
    compute_signature,
    validate_request,
    validate_signature,
)

__all__ = [
    "SIGNATURE_HEADER",
    "AssignmentCallback",
    "EventCallback",
    "EventType",
    "EventTypeLiteral",
    "Instruction",
    "InvalidCallbackError",
    "Params",
    "accept",
    "call",
    "compute_signature",
    "conference",
    "dequeue",
    "redirect",
    "reject",
    "validate_request",
    "validate_signature",
]
