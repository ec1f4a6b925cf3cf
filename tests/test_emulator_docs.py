"""The emulator's examples in README.md and docs/testing.md run as written, against it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent.parent


def python_blocks(path: Path, section: str) -> list[str]:
    """The Python blocks of the section of ``path`` headed ``section``."""
    text = path.read_text()
    start = text.index(section)
    end = text.find("\n## ", start + len(section))
    return re.findall(r"```python\n(.*?)```", text[start : end if end > 0 else None], re.DOTALL)


def run_blocks(blocks: list[str], name: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    for number, code in enumerate(blocks):
        exec(compile(code, f"{name}, block {number + 1}", "exec"), namespace)  # noqa: S102
    return namespace


def test_the_readme_example_routes_a_task():
    """README.md's emulator example: a Task offered to the one available Worker, accepted."""
    (block,) = python_blocks(ROOT / "README.md", "## Testing your code")
    namespace = run_blocks([block], "README.md")
    with namespace["fake"].client() as client:  # the example's own client is closed by now
        task = client.workspaces(namespace["fake"].workspace_sid).tasks(namespace["task"].sid)
        assert task.fetch().assignment_status == "assigned"


def test_the_testing_pages_emulator_examples_run():
    """docs/testing.md: the client, the routed setup and the app answering callbacks."""
    blocks = python_blocks(ROOT / "docs" / "testing.md", "## The emulator")
    chosen = [blocks[0], blocks[1], next(b for b in blocks if "fake.mount(" in b)]
    namespace = run_blocks(chosen, "docs/testing.md")
    fake = namespace["fake"]
    assert [d.outcome for d in fake.deliveries] == ["accepted"]
