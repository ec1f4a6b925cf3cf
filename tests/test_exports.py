"""The public surface: what `taskrouter_client` exports, and nothing it forgets to."""

from __future__ import annotations

import importlib.metadata
import logging

import taskrouter_client
from taskrouter_client import _log


def test_all_is_sorted_and_complete():
    """__all__ is sorted and names exactly the public objects the package defines."""
    public = {
        name
        for name, value in vars(taskrouter_client).items()
        if not name.startswith("_")
        and getattr(value, "__module__", "").startswith("taskrouter_client")
    }
    assert taskrouter_client.__all__ == sorted(taskrouter_client.__all__)
    assert set(taskrouter_client.__all__) == public


def test_every_exported_name_is_importable():
    """`from taskrouter_client import X` works for every X in __all__."""
    for name in taskrouter_client.__all__:
        assert getattr(taskrouter_client, name) is not None


def test_version_comes_from_the_installed_metadata():
    """__version__ is the installed distribution's version."""
    assert taskrouter_client.__version__ == importlib.metadata.version("taskrouter-client")


def test_the_package_logs_through_its_own_logger_only():
    """Every logger the package creates is taskrouter_client or below it."""
    assert _log.logger is logging.getLogger("taskrouter_client")
