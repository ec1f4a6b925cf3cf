"""Read-only JSON containers, so that frozen models are immutable all the way down and hashable.

And a way to fill a frozen attrs instance quickly (:func:`unfrozen`), for the classes the SDK
makes on every call.

Inside a model, a JSON object is a :class:`FrozenDict` (a ``dict`` that refuses changes, equal
to a plain dict with the same items) and a JSON array is a ``tuple``, at every depth. Models
annotate such fields as ``Mapping[...]`` / ``Sequence[...]`` (or :data:`JSONObject`), so type
checkers see them read-only too. ``Model.to_dict()`` gives the plain JSON back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn

__all__ = ["EMPTY", "FrozenDict", "JSONObject", "freeze", "unfrozen"]

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


def unfrozen(cls: type[Any]) -> type[Any]:
    """A subclass of frozen attrs class ``cls`` without its frozen ``__setattr__``.

    To fill an instance quickly: plain attribute stores (a few ns each on a slot) instead of
    attrs' ``__init__``, which sets each field through a call to ``object.__setattr__``. The
    caller makes an instance of this class, stores every field, then makes it an instance of
    ``cls`` (``instance.__class__ = cls``: same layout, as the subclass adds no slots) before
    anyone sees it. A Task's parse and each response's :class:`HTTPInfo` are made this way.
    """
    namespace = {
        "__slots__": (),
        "__setattr__": object.__setattr__,
        "__delattr__": object.__delattr__,  # with __setattr__: both must be object's for speed
        "__module__": cls.__module__,
        "__qualname__": f"{cls.__qualname__}.<being made>",
    }
    return type(cls.__name__, (cls,), namespace)
