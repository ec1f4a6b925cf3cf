"""The public surface: what `taskrouter_client` exports, loaded lazily, and what importing costs."""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import json
import logging
import subprocess
import sys
import typing
from enum import Enum
from pathlib import Path

import httpx
import pytest

import taskrouter_client
from taskrouter_client import OpenStrEnum
from taskrouter_client._spec import overlay
from tests.conftest import ACCOUNT_SID, AUTH_TOKEN, WS, WT, task_body

PACKAGE = "taskrouter_client"
INIT = Path(taskrouter_client.__file__)


def typing_imports() -> dict[str, tuple[str, ...]]:
    """The names `__init__.py` imports under `if TYPE_CHECKING:`, by module."""
    tree = ast.parse(INIT.read_text())
    (block,) = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    ]
    return {
        "." * node.level + (node.module or ""): tuple(alias.name for alias in node.names)
        for node in block.body
        if isinstance(node, ast.ImportFrom)
    }


def test_all_the_lazy_table_and_the_typing_imports_agree():
    """__all__ is sorted and names exactly what __getattr__ loads and type checkers see."""
    table = taskrouter_client._EXPORTS
    assert typing_imports() == table
    assert taskrouter_client.__all__ == sorted(name for names in table.values() for name in names)


@pytest.mark.parametrize("name", taskrouter_client.__all__)
def test_each_public_name_is_the_object_its_module_defines(name):
    """`taskrouter_client.X` is the very object its private module defines."""
    module = importlib.import_module(taskrouter_client._MODULE_OF[name], "taskrouter_client")
    value = getattr(taskrouter_client, name)
    assert value is getattr(module, name)
    if typing.get_origin(value) is not typing.Literal:
        assert value.__module__ == module.__name__
    assert name in dir(taskrouter_client)


@pytest.mark.parametrize(
    "name",
    [name for name in taskrouter_client.__all__ if name[0].isupper() and "Literal" not in name],
)
def test_annotations_of_each_public_class_resolve_at_run_time(name):
    """Parsers and parameter tables read annotations at run time (typing.get_type_hints):
    a name an annotation uses must not be imported under TYPE_CHECKING only."""
    value = getattr(taskrouter_client, name)
    typing.get_type_hints(value, include_extras=True)


def test_a_star_import_in_a_fresh_interpreter_gives_exactly_all():
    """`from taskrouter_client import *` binds every name of __all__, each one of ours.

    Run in a new interpreter, so nothing this test session imported earlier can stand in
    for a name the package fails to provide (lazily or not).
    """
    script = (
        "import json, typing\n"
        "before = set(globals())\n"
        "from taskrouter_client import *\n"
        "def home(value):  # the Literal aliases are typing's objects\n"
        "    literal = typing.get_origin(value) is typing.Literal\n"
        "    return PACKAGE if literal else getattr(value, '__module__', '')\n"
        "bound = {n: home(globals()[n]) for n in set(globals()) - before - {'home'}}\n"
        "bound.pop('before', None)\n"
        "print(json.dumps(bound))\n"
    ).replace("PACKAGE", repr(PACKAGE))
    result = subprocess.run(  # noqa: S603  # our own interpreter and script
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    bound = json.loads(result.stdout)
    assert sorted(bound) == taskrouter_client.__all__
    foreign = {name: module for name, module in bound.items() if not module.startswith(PACKAGE)}
    assert foreign == {}


def test_an_unknown_name_is_an_attribute_error():
    """A misspelt name fails as a module attribute does, naming it."""
    with pytest.raises(AttributeError, match="has no attribute 'Clinet'"):
        _ = taskrouter_client.Clinet  # type: ignore[attr-defined]
    with pytest.raises(ImportError, match="Clinet"):
        exec("from taskrouter_client import Clinet", {})  # noqa: S102


def open_enums() -> list[type[OpenStrEnum]]:
    values = (getattr(taskrouter_client, name) for name in taskrouter_client.__all__)
    return [
        value
        for value in values
        if isinstance(value, type) and issubclass(value, OpenStrEnum) and value is not OpenStrEnum
    ]


@pytest.mark.parametrize("enum", open_enums(), ids=lambda enum: enum.__name__)
def test_each_enum_exports_a_literal_alias_of_its_values(enum: type[Enum]):
    """Every exported enum has `<Name>Literal` exported, listing exactly its values."""
    alias = getattr(taskrouter_client, f"{enum.__name__}Literal")
    assert typing.get_origin(alias) is typing.Literal
    assert typing.get_args(alias) == tuple(member.value for member in enum)


def test_version_is_the_installed_metadata_and_the_release_the_docs_name():
    """__version__ is what the build wrote into the distribution's metadata, and the release
    that the docs' ``versionadded`` notes of new names announce."""
    assert taskrouter_client.__version__ == importlib.metadata.version("taskrouter-client")
    assert taskrouter_client.__version__ == overlay.NEW


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


STAGES = """
import json, sys
HEAVY = ("httpx", "cattrs", "dateutil", "asyncio", "aiohttp")
loaded = {}
def stage(name):
    loaded[name] = sorted(m for m in HEAVY if m in sys.modules)
import taskrouter_client
stage("import taskrouter_client")
from taskrouter_client import AsyncClient, Client, Task, TaskStatus, NotFoundError
stage("from taskrouter_client import the clients, models and errors")
client = Client(account_sid="AC" + "0" * 32, auth_token="x")
stage("Client(...)")
Task.from_dict(json.loads(sys.argv[1]))
stage("first Task parsed")
print(json.dumps(loaded))
"""


def test_importing_the_package_leaves_heavy_dependencies_unloaded():
    """httpx, cattrs, python-dateutil, asyncio and aiohttp load when a client needs them.

    Run in a fresh interpreter: this test process has imported them all already.
    """
    run = subprocess.run(  # noqa: S603  # this interpreter, our own script
        [sys.executable, "-c", STAGES, json.dumps(task_body())],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(run.stdout) == {
        "import taskrouter_client": [],
        "from taskrouter_client import the clients, models and errors": [],
        "Client(...)": ["httpx"],
        "first Task parsed": ["httpx"],  # Task's fields need no cattrs hook
    }


BRANCHES = """
import json, sys
from taskrouter_client import Client
client = Client(account_sid="AC" + "0" * 32, auth_token="x")
def branches():
    prefix = "taskrouter_client._resources."
    return sorted(name.removeprefix(prefix) for name in sys.modules if name.startswith(prefix))
ws = client.workspaces("WS" + "0" * 32)
loaded = {"a Workspace": branches()}
ws.tasks("WT" + "0" * 32)
loaded["a Task"] = branches()
ws.workers
loaded["the Workers"] = branches()
print(json.dumps(loaded))
"""


def test_a_workspace_loads_the_branches_it_walks_only():
    """Reaching a Task imports the Tasks branch (and the Reservations below it), not the
    Workers, Workflows, TaskQueues... a branch loads when it is first reached."""
    run = subprocess.run(  # noqa: S603  # this interpreter, our own script
        [sys.executable, "-c", BRANCHES], capture_output=True, text=True, check=True
    )
    assert json.loads(run.stdout) == {
        "a Workspace": ["base", "workspaces"],
        "a Task": ["base", "reservations", "tasks", "workspaces"],
        "the Workers": ["base", "reservations", "tasks", "workers", "workspaces"],
    }


def test_the_types_and_resources_modules_export_what_they_list():
    """taskrouter_client.types (every keyword TypedDict) and .resources (every resource
    class) export exactly their sorted __all__, each name one of ours."""
    import taskrouter_client.resources  # noqa: PLC0415  # loads the whole tree
    import taskrouter_client.types  # noqa: PLC0415

    for module in (taskrouter_client.types, taskrouter_client.resources):
        assert module.__all__ == sorted(module.__all__)
        for name in module.__all__:
            assert getattr(module, name).__module__.startswith(PACKAGE), name
    assert "CreateWorkerParams" in taskrouter_client.types.__all__
    assert "AsyncWorkerChannelList" in taskrouter_client.resources.__all__


def test_first_use_of_the_tree_from_many_threads_at_once():
    """50 threads reach ``client.workspaces`` for the first time together, in fresh
    interpreters switching threads as often as they can: none sees the tree's module half
    imported (it used to be read from sys.modules while another thread ran it)."""
    script = (
        "import collections, sys, threading\n"
        "sys.setswitchinterval(1e-6)\n"
        "import taskrouter_client as tr\n"
        f"client = tr.Client(account_sid={ACCOUNT_SID!r}, auth_token={AUTH_TOKEN!r})\n"
        "barrier, errors = threading.Barrier(50), collections.Counter()\n"
        "def walk():\n"
        "    barrier.wait()\n"
        "    try:\n"
        f"        client.workspaces({WS!r}).tasks({WT!r}).reservations\n"
        "    except BaseException as error:\n"
        "        errors[type(error).__name__] += 1\n"
        "threads = [threading.Thread(target=walk) for _ in range(50)]\n"
        "for thread in threads: thread.start()\n"
        "for thread in threads: thread.join()\n"
        "print(dict(errors))\n"
    )
    for _ in range(6):
        result = subprocess.run(  # noqa: S603  # our own interpreter and script
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        )
        assert result.stdout.strip() == "{}", result.stdout
