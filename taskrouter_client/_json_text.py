"""Response fields that hold JSON text, and the ``parsed_*`` properties that decode them."""

from __future__ import annotations

from typing import Any, overload

from ._models import _parse_json_object


class JSONText:
    """A model property decoding the JSON-object text of the field ``name``. Strictly private.

    Each read decodes anew and returns a new dict (None if the field is None); text that is
    not a JSON object raises ValueError.
    """

    def __init__(self, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, model: None, owner: type) -> JSONText: ...
    @overload
    def __get__(self, model: object, owner: type) -> dict[str, Any] | None: ...
    def __get__(self, model: object | None, owner: type) -> JSONText | dict[str, Any] | None:
        if model is None:
            return self
        return _parse_json_object(getattr(model, self._name), self._name)
