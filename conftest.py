"""Every Python block of README.md and docs/*.md runs in the test suite, against the emulator.

sybil (https://sybil.readthedocs.io) finds the blocks; each page runs top to bottom in one
namespace of its own, as a reader would type it. What a page can count on:

- ``client`` (a ``Client()``), ``ws`` (``client.workspaces("WS...")``) and ``fake`` (the
  page's own ``FakeTaskRouter``) are defined. The environment holds the emulator's
  credentials (``TWILIO_ACCOUNT_SID``, ``TWILIO_AUTH_TOKEN``, ``TWILIO_API_KEY``,
  ``TWILIO_API_SECRET``), and every request to a TaskRouter host is answered in process by
  the emulator (respx), so ``Client()`` and ``AsyncClient()`` work as written.
- A SID written as a placeholder, ``"WS..."`` (or ``"WS…"``: the SID's prefix and an
  ellipsis, in quotes), is replaced by the emulator's before the block runs: its Workspace,
  Workflow (``WW``), TaskQueue (``WQ``), Worker (``WK``), account (``AC``), API key (``SK``)
  and Offline Activity (``WA``); ``"WT..."`` is a Task the page starts with, reserved for
  ``"WK..."`` as ``"WR..."``; ``"CA..."`` is a call SID. Readers see the placeholders.
- A block with ``await`` at the top level runs as the body of a coroutine, as
  ``python -m asyncio`` runs what is typed into it.
- ``<!-- compile-only: why -->`` before a block (one needing a web server, say) has it
  compiled, not run; ``<!-- invisible-code-block: python ... -->`` runs code a reader does
  not see (state a section starts from).
"""

from __future__ import annotations

import ast
import asyncio
import copy
import doctest
import os
import re
import types
from collections.abc import Callable, Iterator
from typing import Any

from sybil import Document, Example, Region, Sybil
from sybil.evaluators.doctest import DocTestEvaluator, OutputChecker
from sybil.evaluators.python import pad
from sybil.parsers.abstract.doctest import DocTestStringParser
from sybil.parsers.markdown import CodeBlockParser, PythonCodeBlockParser
from sybil.parsers.markdown.lexers import DirectiveInHTMLCommentLexer

CLEARED = ("TWILIO_REGION", "TWILIO_EDGE")
"""Settings of the reader's environment that would send the pages' requests elsewhere."""
TASKROUTER_HOSTS = r"^taskrouter(\.[a-z0-9-]+)*\.twilio\.com$"
PLACEHOLDER = re.compile(r"""(["'])([A-Z]{2})(?:\.\.\.|…)\1""")
PLACEHOLDERS = "_placeholders"
"""Where a page's namespace keeps what each placeholder stands for."""


def start(namespace: dict[str, Any]) -> None:
    """Give a page its emulator, environment, client and placeholders."""
    import respx  # noqa: PLC0415  # test dependencies load when a page runs, not at collection

    from taskrouter_client import Client  # noqa: PLC0415
    from taskrouter_client.testing import FakeTaskRouter  # noqa: PLC0415

    fake = FakeTaskRouter()
    environment = {
        "TWILIO_ACCOUNT_SID": fake.account_sid,
        "TWILIO_AUTH_TOKEN": fake.auth_token,
        "TWILIO_API_KEY": fake.api_key,
        "TWILIO_API_SECRET": fake.api_secret,
    }
    saved = {name: os.environ.pop(name, None) for name in [*environment, *CLEARED]}
    os.environ.update(environment)
    router = respx.mock(assert_all_called=False)
    router.route(host__regex=TASKROUTER_HOSTS).mock(side_effect=fake.handle_request)
    router.start()
    with fake.client() as setup:
        ws = setup.workspaces(fake.workspace_sid)
        task = ws.tasks.create(attributes={"type": "support"}, workflow_sid=fake.workflow_sid)
        offline = ws.activities.list(friendly_name="Offline").first()
    client = Client()
    namespace.update(
        fake=fake,
        client=client,
        ws=client.workspaces(fake.workspace_sid),
        _client=client,
        _saved_environment=saved,
        _router=router,
    )
    namespace[PLACEHOLDERS] = {
        "AC": fake.account_sid,
        "SK": fake.api_key,
        "WS": fake.workspace_sid,
        "WW": fake.workflow_sid,
        "WQ": fake.task_queue_sid,
        "WK": fake.worker_sid,
        "WT": task.sid,
        "WR": fake.reserve(task.sid),
        "WA": offline.sid,
        "CA": "CA" + "0" * 32,
    }


def stop(namespace: dict[str, Any]) -> None:
    """Stop answering for the page, and give the environment back."""
    namespace["_client"].close()
    namespace["_router"].stop()
    for name, value in namespace["_saved_environment"].items():
        os.environ.pop(name, None)
        if value is not None:
            os.environ[name] = value


def _substituted(text: str, namespace: dict[str, Any]) -> str:
    """``text`` with each placeholder SID replaced by what it stands for on this page."""
    sids = namespace[PLACEHOLDERS]

    def sid(match: re.Match[str]) -> str:
        quote, prefix = match.groups()
        return quote + sids[prefix] + quote if prefix in sids else match.group(0)

    return PLACEHOLDER.sub(sid, text)


def _source(example: Example) -> str:
    """The block's code, placeholders replaced, padded to its line in the page."""
    text = _substituted(example.parsed, example.namespace)
    return pad(text, example.line + example.parsed.line_offset)


def _run(example: Example) -> None:
    """Run a block in its page's namespace (top-level ``await`` as a coroutine's body)."""
    code = compile(_source(example), example.path, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    result = eval(code, example.namespace)  # noqa: S307  # the block is the test
    if asyncio.iscoroutine(result):
        asyncio.run(result)
    example.namespace.pop("__builtins__", None)


class _Checker(OutputChecker):
    """Compares an exception by the name a reader imports it by (``InvalidArgumentError``)."""

    def check_output(self, want: str, got: str, optionflags: int) -> bool:
        return super().check_output(want, _MODULE_OF_ERROR.sub("", got), optionflags)


_MODULE_OF_ERROR = re.compile(r"^taskrouter_client(?:\.\w+)*\.(?=\w+Error\b)", re.MULTILINE)


class _DocTests(DocTestEvaluator):
    """Runs a ``>>>`` example with its placeholders replaced, ``...`` matching anything."""

    def __init__(self) -> None:
        super().__init__(doctest.ELLIPSIS)
        self.runner._checker = _Checker()  # doctest takes no checker of ours

    def __call__(self, sybil_example: Example) -> str:
        parsed = copy.copy(sybil_example.parsed)
        parsed.source = _substituted(parsed.source, sybil_example.namespace)
        example = types.SimpleNamespace(
            parsed=parsed, namespace=sybil_example.namespace, path=sybil_example.path
        )
        return super().__call__(example)  # type: ignore[arg-type]


class _Blocks(PythonCodeBlockParser):
    """Python blocks (and ``invisible-code-block`` comments), run by :func:`_run`.

    A block that starts with ``>>>`` is a doctest, run by :class:`_DocTests`.
    """

    def __init__(self) -> None:
        super().__init__()
        self.codeblock_parser = CodeBlockParser("python", _run)
        self.doctest_parser = DocTestStringParser(_DocTests())


class _CompileOnly:
    """``<!-- compile-only: why -->``: the next Python block is compiled, not run."""

    def __init__(self) -> None:
        self.lexer = DirectiveInHTMLCommentLexer("compile-only", arguments=".+?")

    def __call__(self, document: Document) -> Iterator[Region]:
        for lexed in self.lexer(document):
            yield Region(lexed.start, lexed.end, lexed.lexemes["arguments"], self._arm)

    def _arm(self, example: Example) -> None:
        example.document.push_evaluator(self._compile)

    def _compile(self, example: Example) -> None:
        example.document.pop_evaluator(self._compile)
        compile(_source(example), example.path, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)


def parsers() -> list[Any]:
    """What sybil looks for in a page: compile-only markers, Python blocks and doctests."""
    return [_CompileOnly(), _Blocks()]


pytest_collect_file: Callable[..., Any] = Sybil(
    parsers=parsers(), patterns=["README.md", "docs/*.md"], setup=start, teardown=stop
).pytest()
