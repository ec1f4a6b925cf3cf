"""The documentation: its snippet harness (conftest.py) does what it says, every fenced block
is one the suite runs or knows it need not, and the API reference renders every public name
exactly once, from its public module."""

from __future__ import annotations

import importlib
import inspect
import os
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sybil import Document
from sybil.example import SybilFailure

from taskrouter_client import NotFoundError

ROOT = Path(__file__).parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$", re.MULTILINE)
LANGUAGES = {"python", "bash", "text", "mermaid"}
"""python blocks run (tests/../conftest.py); bash and text are shown; mermaid is drawn."""
PUBLIC_MODULES = [
    "taskrouter_client",
    "taskrouter_client.resources",
    "taskrouter_client.types",
    "taskrouter_client.testing",
    "taskrouter_client.webhooks",
    "taskrouter_client.tokens",
]


@pytest.fixture(scope="module")
def harness(pytestconfig: pytest.Config) -> Any:
    """The repository's root conftest.py, which runs the pages' blocks."""
    return next(
        plugin
        for plugin in pytestconfig.pluginmanager.get_plugins()
        if getattr(plugin, "__file__", None) == str(ROOT / "conftest.py")
    )


def run_page(harness: Any, path: Path) -> dict[str, Any]:
    """Run a page as the suite runs README.md and docs/*.md; return its namespace."""
    document = Document.parse(str(path), *harness.parsers())
    harness.start(document.namespace)
    try:
        for example in document.examples():
            example.evaluate()
    finally:
        harness.stop(document.namespace)
    return document.namespace


def page(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "page.md"
    path.write_text(text, encoding="utf-8")
    return path


# -- the harness ------------------------------------------------------------------------------


def test_a_page_talks_to_its_emulator_through_the_client_users_write(harness, tmp_path):
    text = """
```python
from taskrouter_client import Client

task = Client().workspaces("WS...").tasks.create(attributes={"type": "chat"})
```

```python
import asyncio
from taskrouter_client import AsyncClient

async with AsyncClient() as client:
    fetched = await client.workspaces("WS...").tasks(task.sid).fetch()
```
"""
    namespace = run_page(harness, page(tmp_path, text))
    fake = namespace["fake"]
    assert namespace["fetched"].sid == namespace["task"].sid
    assert namespace["task"].workspace_sid == fake.workspace_sid


def test_placeholders_stand_for_the_pages_emulator_sids(harness, tmp_path):
    text = """
```python
sids = ["WS...", 'WW…', "WQ...", "WK...", "WT...", "WR...", "AC...", "SK...", "WA..."]
untouched = "XY..."
```
"""
    namespace = run_page(harness, page(tmp_path, text))
    fake = namespace["fake"]
    workspace, workflow, queue, worker, task, reservation, account, key, activity = namespace[
        "sids"
    ]
    assert (workspace, workflow, queue, worker) == (
        fake.workspace_sid,
        fake.workflow_sid,
        fake.task_queue_sid,
        fake.worker_sid,
    )
    assert (account, key) == (fake.account_sid, fake.api_key)
    assert re.fullmatch("WR[0-9a-f]{32}", reservation)
    with fake.client() as client:
        fetched = client.workspaces(workspace).tasks(task).reservations(reservation).fetch()
        offline = client.workspaces(workspace).activities(activity).fetch()
    assert fetched.reservation_status == "pending"
    assert offline.friendly_name == "Offline"
    assert namespace["untouched"] == "XY..."


def test_the_environment_is_the_emulators_during_a_page_only(harness, tmp_path, monkeypatch):
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "mine")
    monkeypatch.setenv("TWILIO_REGION", "ie1")
    text = """
```python
import os

seen = (os.environ["TWILIO_AUTH_TOKEN"], os.environ.get("TWILIO_REGION"))
```
"""
    namespace = run_page(harness, page(tmp_path, text))
    assert namespace["seen"] == (namespace["fake"].auth_token, None)
    assert (os.environ["TWILIO_AUTH_TOKEN"], os.environ["TWILIO_REGION"]) == ("mine", "ie1")


def test_a_request_to_another_host_fails_the_page(harness, tmp_path):
    text = """
```python
import httpx

httpx.get("https://example.com/")
```
"""
    with pytest.raises(AssertionError, match=r"example\.com"):
        run_page(harness, page(tmp_path, text))


def test_a_compile_only_block_is_compiled_but_not_run(harness, tmp_path):
    runs = """
<!-- compile-only: it would stop the page -->
```python
raise SystemExit("not run")
```
"""
    run_page(harness, page(tmp_path, runs))
    broken = """
<!-- compile-only: it would stop the page -->
```python
def handler(request)
    return 403
```
"""
    with pytest.raises(SyntaxError):
        run_page(harness, page(tmp_path, broken))


def test_a_doctest_compares_the_error_by_its_public_name_and_message(harness, tmp_path):
    right = """
```python
>>> ws.tasks.create(priority=-1)
Traceback (most recent call last):
  ...
InvalidArgumentError: priority: expected an integer from 0 to 2,147,483,647, got -1
```
"""
    run_page(harness, page(tmp_path, right))
    with pytest.raises(SybilFailure, match="got -1"):
        run_page(harness, page(tmp_path, right.replace("got -1", "got 1")))


def test_a_block_that_fails_fails_the_page(harness, tmp_path):
    text = """
```python
ws.tasks("WT" + "0" * 32).fetch()
```
"""
    with pytest.raises(NotFoundError):
        run_page(harness, page(tmp_path, text))


# -- the pages --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_fenced_block_names_a_language_the_suite_knows(path):
    """A block tagged ``py`` or left untagged would be shown but never run: refused here."""
    text = path.read_text(encoding="utf-8")
    openings = []
    fence = None
    for match in FENCE.finditer(text):
        marker, info = match.group(1), match.group(2).strip()
        if fence is None:
            fence = marker
            openings.append(info.split()[0] if info else "")
        elif marker.startswith(fence) and not info:
            fence = None
    assert fence is None, "a fence is never closed"
    assert set(openings) <= LANGUAGES, sorted(set(openings) - LANGUAGES)


def test_the_readme_links_the_docs_and_says_how_to_build_them():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/index.md)" in readme
    assert "nox -s docs" in readme


# -- the API reference ------------------------------------------------------------------------


def rendered() -> dict[str, str]:
    """Every ``::: identifier`` of docs/reference/, by identifier, with its page."""
    found = {}
    for path in sorted((ROOT / "docs" / "reference").glob("*.md")):
        for identifier in re.findall(r"^::: (\S+)$", path.read_text(encoding="utf-8"), re.M):
            assert identifier not in found, f"{identifier} is rendered twice"
            found[identifier] = path.name
    return found


def resolve(identifier: str) -> Any:
    try:
        return importlib.import_module(identifier)
    except ModuleNotFoundError:
        module, _, name = identifier.rpartition(".")
        return getattr(importlib.import_module(module), name)


def test_the_reference_renders_names_from_public_modules_only():
    private = [name for name in rendered() if any(part.startswith("_") for part in name.split("."))]
    assert private == []


def key(name: str, obj: Any) -> tuple[str, object]:
    """How to tell a public object: a class or function by identity, anything else by name.

    (Equal ``Literal`` aliases and constants may be one object under two names.)
    """
    return (
        ("object", id(obj)) if isinstance(obj, type) or inspect.isfunction(obj) else ("name", name)
    )


def test_the_reference_renders_every_public_name_once():
    shown: dict[tuple[str, object], str] = {}
    for identifier in rendered():
        obj = resolve(identifier)
        if isinstance(obj, ModuleType):
            members = [(name, getattr(obj, name)) for name in getattr(obj, "__all__", ())]
        else:
            members = [(identifier.rpartition(".")[2], obj)]
        for name, member in members:
            seen = key(name, member)
            assert seen not in shown, f"{identifier} renders {name} again (also {shown[seen]})"
            shown[seen] = identifier
    missing = [
        f"{module}.{name}"
        for module in PUBLIC_MODULES
        for name in importlib.import_module(module).__all__
        if key(name, getattr(importlib.import_module(module), name)) not in shown
    ]
    assert missing == []
