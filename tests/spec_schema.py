"""Validate emulator responses against the spec's response schemas, strictly.

OpenAPI 3.0 schemas become JSON Schemas: ``nullable`` adds ``null``, ``$ref`` is inlined,
and every object must hold exactly its declared properties (all present, none extra), so a
body that passes has the spec's shape to the field.
"""

from __future__ import annotations

import re
from typing import Any

import jsonschema

from tests.conftest import load_spec

SPEC = load_spec()
SCHEMAS = SPEC["components"]["schemas"]


def strict(schema: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema for an OpenAPI schema, with every property required."""
    if "$ref" in schema:
        return strict(SCHEMAS[schema["$ref"].rsplit("/", 1)[1]])
    converted: dict[str, Any] = {
        k: v
        for k, v in schema.items()
        if k not in {"nullable", "description", "x-twilio", "title", "default"}
    }
    if "properties" in schema:
        converted["properties"] = {name: strict(sub) for name, sub in schema["properties"].items()}
        converted["required"] = sorted(schema["properties"])
        if schema.get("format") != "uri-map":
            converted["additionalProperties"] = False
    if "items" in schema:
        converted["items"] = strict(schema["items"])
    if schema.get("nullable") and "type" in schema:  # no type: any value, null included
        converted["type"] = [schema["type"], "null"]
        if "enum" in converted:
            converted["enum"] = [*converted["enum"], None]
    return converted


def _operations() -> list[tuple[str, re.Pattern[str], str, dict[str, Any]]]:
    found = []
    for path, item in SPEC["paths"].items():
        pattern = re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$")
        for method, op in item.items():
            if isinstance(op, dict) and "operationId" in op:
                found.append((method.upper(), pattern, op["operationId"], op))
    # Longer (more specific) paths first, so /Tasks/{Sid} never takes /Tasks/{Sid}/Reservations.
    return sorted(found, key=lambda entry: -len(entry[1].pattern))


OPERATIONS = _operations()

ERROR = {
    "type": "object",
    "properties": {
        "code": {"type": "integer"},
        "message": {"type": "string"},
        "more_info": {"type": "string"},
        "status": {"type": "integer"},
    },
    "required": ["code", "message", "more_info", "status"],
    "additionalProperties": False,
}


def validate(method: str, path: str, status: int, body: Any) -> str:
    """Check one response body; return the operation it answered (or 'error')."""
    if status >= 400:
        jsonschema.validate(body, ERROR)
        return "error"
    for op_method, pattern, operation_id, op in OPERATIONS:
        if op_method == method and pattern.match(path):
            content = op["responses"][str(status)].get("content")
            if content is None:
                assert body is None, f"{operation_id} answers {status} without a body"
            else:
                jsonschema.validate(body, strict(content["application/json"]["schema"]))
            return str(operation_id)
    msg = f"no spec operation for {method} {path}"
    raise AssertionError(msg)
