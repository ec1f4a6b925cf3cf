"""pytest fixtures for code that uses taskrouter-client (loaded automatically by pytest).

- ``taskrouter_fake``: a fresh :class:`FakeTaskRouter` for the test.
- ``taskrouter_cassette``: replays the cassette named by the test's
  ``@pytest.mark.taskrouter_cassette("path.json")`` marker (relative to the test file),
  strictly; yields the respx router.
- ``taskrouter_instant_retries``: retries without sleeping during the test; yields the
  waits skipped.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from . import FakeTaskRouter, instant_retries, replay_cassette

if TYPE_CHECKING:
    import respx


def pytest_configure(config: pytest.Config) -> None:
    """Declare the ``taskrouter_cassette`` marker."""
    config.addinivalue_line(
        "markers", "taskrouter_cassette(path): the cassette the taskrouter_cassette fixture replays"
    )


@pytest.fixture
def taskrouter_fake() -> FakeTaskRouter:
    """A fresh in-memory TaskRouter emulator."""
    return FakeTaskRouter()


@pytest.fixture
def taskrouter_cassette(request: pytest.FixtureRequest) -> Iterator[respx.MockRouter]:
    """Replay the cassette named by the ``taskrouter_cassette`` marker, strictly."""
    marker = request.node.get_closest_marker("taskrouter_cassette")
    if marker is None or not marker.args:
        pytest.fail('taskrouter_cassette needs @pytest.mark.taskrouter_cassette("file.json")')
    path = Path(request.path).parent / str(marker.args[0])
    with replay_cassette(path, **marker.kwargs) as router:
        yield router


@pytest.fixture
def taskrouter_instant_retries() -> Iterator[list[float]]:
    """Retry without sleeping during the test; the list holds the waits skipped."""
    with instant_retries() as waits:
        yield waits
