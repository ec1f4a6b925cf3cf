"""Read-only JSON containers, so that frozen models are immutable all the way down and hashable.

Inside a model, a JSON object is a :class:`FrozenDict` (a ``dict`` that refuses changes, equal
to a plain dict with the same items) and a JSON array is a ``tuple``, at every depth. Models
annotate such fields as ``Mapping[...]`` / ``Sequence[...]`` (or :data:`JSONObject`), so type
checkers see them read-only too. ``Model.to_dict()`` gives the plain JSON back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn

__all__ = ["EMPTY", "FrozenDict", "JSONObject", "freeze"]

JSONObject = Mapping[str, Any]
"""How a model annotates a free-form JSON object field (held as a :class:`FrozenDict`)."""


class FrozenDict(dict[str, Any]):
    """A dict that cannot be changed, hashable when its values are. Strictly private.

    A subclass of ``dict`` so that ``json.dumps``, ``dict(...)``, ``{**...}`` and comparisons
    with plain dicts behave as users expect; every mutating method raises ``TypeError``.
    """

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]  # dict sets __hash__ = None
        return hash(frozenset(self.items()))

    def __repr__(self) -> str:
        return f"FrozenDict({dict.__repr__(self)})"

    def __reduce__(self) -> tuple[type[FrozenDict], tuple[dict[str, Any]]]:
        # Pickle and copy would otherwise refill the new object through __setitem__.
        return (type(self), (dict(self),))

    def __copy__(self) -> FrozenDict:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FrozenDict:
        return self


def _read_only(self: FrozenDict, *_args: object, **_kwargs: object) -> NoReturn:
    msg = f"{type(self).__name__} is read-only (models are frozen); copy it with dict(...)"
    raise TypeError(msg)


for _name in (
    "__setitem__",
    "__delitem__",
    "__ior__",
    "clear",
    "pop",
    "popitem",
    "setdefault",
    "update",
):
    setattr(FrozenDict, _name, _read_only)
del _name

EMPTY = FrozenDict()
"""The empty JSON object (shared: nothing can change it)."""


def freeze(value: Any) -> Any:
    """``value`` with every mapping in it made a FrozenDict and every list or tuple a tuple."""
    if isinstance(value, FrozenDict):
        return value  # built frozen all the way down
    if isinstance(value, Mapping):
        return FrozenDict({key: freeze(item) for key, item in value.items()}) if value else EMPTY
    if isinstance(value, list | tuple):
        return tuple(freeze(item) for item in value)
    return value
