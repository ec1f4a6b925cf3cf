"""What every resource face shares: the runner that sends, and the path it stands on."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Generic, TypeVar

R = TypeVar("R")


class Resource(Generic[R]):
    """A place in the API tree, bound to a runner. Strictly private."""

    __slots__ = ("_path", "_runner")

    def __init__(self, runner: R, path: Mapping[str, str]) -> None:
        self._runner = runner
        self._path = path

    def __repr__(self) -> str:
        where = ", ".join(f"{name}={value!r}" for name, value in self._path.items())
        return f"{type(self).__name__}({where})"


class Context(Resource[R]):
    """A single resource: its SID is one of the path values. Strictly private."""

    __slots__ = ()
    _sid_key = "Sid"

    @property
    def sid(self) -> str:
        """The resource's SID."""
        return self._path[self._sid_key]
