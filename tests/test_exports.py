"""The public surface: what `taskrouter_client` exports, and nothing it forgets to."""

from __future__ import annotations

import importlib.metadata
import logging
import subprocess
import sys
import types

import taskrouter_client
import taskrouter_client.resources
import taskrouter_client.types
from taskrouter_client import _log


def test_all_is_sorted_and_complete():
    """__all__ is sorted and names exactly the public objects the package defines."""
    public = {
        name
        for name, value in vars(taskrouter_client).items()
        if not name.startswith("_")
        and getattr(value, "__module__", "").startswith("taskrouter_client")
        and not isinstance(value, types.ModuleType)
    }
    assert taskrouter_client.__all__ == sorted(taskrouter_client.__all__)
    assert set(taskrouter_client.__all__) == public | set(taskrouter_client._LAZY)


def test_lazy_names_load_on_first_use():
    """A name whose module is not imported yet loads on access; a typo is an AttributeError."""
    code = (
        "import sys, taskrouter_client as tr\n"
        "assert 'taskrouter_client._generated.workers' not in sys.modules\n"
        "assert tr.Worker.__name__ == 'Worker'\n"
        "assert 'taskrouter_client._generated.workers' in sys.modules\n"
        "try:\n    tr.Wroker\nexcept AttributeError as e:\n    print(e)\n"
    )
    done = subprocess.run(  # noqa: S603  # this interpreter, our own code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "has no attribute 'Wroker'" in done.stdout


def test_submodules_hold_the_parameter_types_and_resource_classes():
    """taskrouter_client.types and .resources export what their __all__ lists, sorted."""
    for module in (taskrouter_client.types, taskrouter_client.resources):
        assert module.__all__ == sorted(module.__all__)
        assert all(
            getattr(module, name).__module__.startswith("taskrouter_client")
            for name in module.__all__
        )


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
