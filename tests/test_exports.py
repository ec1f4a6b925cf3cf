"""The public surface: what `taskrouter_client` exports, and nothing it forgets to."""

from __future__ import annotations

import importlib.metadata
import json
import logging
import subprocess
import sys
import types

import httpx

import taskrouter_client
import taskrouter_client.resources
import taskrouter_client.types
from tests.conftest import ACCOUNT_SID, AUTH_TOKEN, WS, WT, task_body

PACKAGE = "taskrouter_client"


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


def test_a_star_import_in_a_fresh_interpreter_gives_exactly_all():
    """`from taskrouter_client import *` binds every name of __all__, each one of ours.

    Run in a new interpreter, so nothing this test session imported earlier can stand in
    for a name the package fails to provide (lazily or not).
    """
    script = (
        "import json\n"
        "before = set(globals())\n"
        "from taskrouter_client import *\n"
        "bound = {n: getattr(globals()[n], '__module__', '') for n in set(globals()) - before}\n"
        "bound.pop('before', None)\n"
        "print(json.dumps(bound))\n"
    )
    result = subprocess.run(  # noqa: S603  # our own interpreter and script
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    bound = json.loads(result.stdout)
    assert sorted(bound) == taskrouter_client.__all__
    foreign = {name: module for name, module in bound.items() if not module.startswith(PACKAGE)}
    assert foreign == {}


def test_version_comes_from_the_installed_metadata():
    """__version__ is the installed distribution's version."""
    assert taskrouter_client.__version__ == importlib.metadata.version("taskrouter-client")


def test_the_package_logs_on_its_own_logger_and_configures_no_logging(caplog):
    """A retried call logs on `taskrouter_client` (the name the docs tell users to set) and
    leaves handlers and levels to the application."""
    root_handlers = list(logging.getLogger().handlers)
    responses = [httpx.Response(503), httpx.Response(200, json=task_body())]
    http = httpx.Client(transport=httpx.MockTransport(lambda _: responses.pop(0)))
    client = taskrouter_client.Client(
        account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, http_client=http
    )
    with caplog.at_level(logging.DEBUG):
        client.workspaces(WS).tasks(WT).fetch()
    ours = [record for record in caplog.records if record.name.startswith(PACKAGE)]
    assert {(record.name, record.levelname) for record in ours} == {
        (PACKAGE, "DEBUG"),
        (PACKAGE, "INFO"),
    }
    assert logging.getLogger().handlers == root_handlers
    package_logger = logging.getLogger(PACKAGE)
    assert (package_logger.handlers, package_logger.level) == ([], logging.NOTSET)
