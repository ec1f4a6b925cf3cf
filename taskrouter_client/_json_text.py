"""Response fields that hold JSON text, and the ``parsed_*`` properties that decode them."""

from __future__ import annotations

from typing import Any, overload

from ._models import Model, _json_object


class JSONText:
    """A model property decoding the JSON-object text of the field ``name``. Strictly private.

    As ``Task.parsed_attributes`` does: each read decodes anew and returns a new dict (``{}``
    when the field is None); text that is not a JSON object raises InvalidResponseError,
    naming the model and its SID, never the content.
    """

    def __init__(self, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, model: None, owner: type) -> JSONText: ...
    @overload
    def __get__(self, model: Model, owner: type) -> dict[str, Any]: ...
    def __get__(self, model: Model | None, owner: type) -> JSONText | dict[str, Any]:
        if model is None:
            return self
        return _json_object(model, self._name, getattr(model, self._name))
