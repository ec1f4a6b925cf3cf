"""The pages of docs/ about the resource families run as written: each Python block, in
order, in one namespace per page, against canned answers built from the spec's examples
(examples/_canned.py), with the environment the pages read."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

DOCS = Path(__file__).parent.parent / "docs"
EXAMPLES = Path(__file__).parent.parent / "examples"
PAGES = ["workers-and-activities.md", "queues-and-workflows.md", "statistics.md", "events.md"]

ENVIRONMENT = {
    "TWILIO_ACCOUNT_SID": "AC" + "a" * 32,
    "TWILIO_AUTH_TOKEN": "docs-token",
    "TASKROUTER_WORKSPACE_SID": "WS" + "a" * 32,
    "TASKROUTER_WORKER_SID": "WK" + "a" * 32,
    "TASKROUTER_TASK_QUEUE_SID": "WQ" + "a" * 32,
}


def blocks(page: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", (DOCS / page).read_text(), re.DOTALL)


@pytest.fixture
def canned(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Every request answered by the canned stand-in; the requests kept."""
    monkeypatch.syspath_prepend(str(EXAMPLES))
    monkeypatch.delitem(sys.modules, "_canned", raising=False)
    import _canned  # noqa: PLC0415  # examples/ is on sys.path only from here

    stand_in = _canned.transport()
    for name, value in ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    with respx.mock(assert_all_called=False) as router:
        router.route().mock(side_effect=stand_in.handle_request)
        yield router


@pytest.mark.parametrize("page", PAGES)
def test_every_python_block_of_the_page_runs(page, canned, capsys):
    """Each block runs after the ones before it, and the page talks to TaskRouter."""
    found = blocks(page)
    assert len(found) >= 3
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    for number, code in enumerate(found):
        exec(compile(code, f"{page}, block {number + 1}", "exec"), namespace)  # noqa: S102
    assert canned.calls.call_count >= len(found) - 1
    assert all(call.request.url.host == "taskrouter.twilio.com" for call in canned.calls), (
        "only TaskRouter was called"
    )
    assert capsys.readouterr().out


def test_the_pages_are_linked_from_the_index_and_the_readme():
    """docs/index.md and README.md link every page about a resource family."""
    index = (DOCS / "index.md").read_text()
    readme = (DOCS.parent / "README.md").read_text()
    for page in PAGES:
        assert f"({page})" in index
        assert f"(docs/{page})" in readme


def test_the_stand_in_answers_what_it_does_not_know_with_404():
    """A path the spec does not have is a 404, as Twilio answers it."""
    sys.path.insert(0, str(EXAMPLES))
    try:
        import _canned  # noqa: PLC0415

        with httpx.Client(transport=_canned.transport()) as http:
            assert http.get("https://taskrouter.twilio.com/v1/Nothing").status_code == 404
    finally:
        sys.path.remove(str(EXAMPLES))
