"""Project tasks. `nox` alone runs lint, typecheck and tests on the current Python.

nox                  lint + typecheck + tests (what CI and the README run)
nox -s compat        the tests on every Python the classifiers name (those installed)
nox -s mindeps       the tests with the oldest runtime dependencies pyproject.toml admits
nox -s bench         the benchmarks, printing ratios against their baselines
nox -s docs          the documentation site, built with mkdocs --strict into site/
"""

from __future__ import annotations

import nox

nox.needs_version = ">=2024.3.2"
nox.options.sessions = ["lint", "typecheck", "tests"]
nox.options.reuse_existing_virtualenvs = True

PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHONS = nox.project.python_versions(PYPROJECT)
LINTED = [
    "taskrouter_client",
    "tests",
    "examples",
    "benchmarks",
    "scripts",
    "noxfile.py",
    "conftest.py",
]


CORE_COVERAGE = 99
"""The SDK core (everything but the emulator in testing/) stays at what it reaches."""


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite with branch coverage, on the Python running nox."""
    session.install("-e", ".[test]")
    session.run("coverage", "run", "-m", "pytest", *session.posargs)
    session.run("coverage", "report", "--fail-under=95")
    session.run(
        "coverage",
        "report",
        "--include=taskrouter_client/*",
        "--omit=taskrouter_client/testing/*",
        f"--fail-under={CORE_COVERAGE}",
    )


@nox.session(python=PYTHONS)
def compat(session: nox.Session) -> None:
    """The test suite on each supported Python.

    Coverage is gated in ``tests`` only: code that runs on some Pythons alone (the one-timer
    deadlines need 3.11) is not reached everywhere, and is not meant to be.
    """
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session
def mindeps(session: nox.Session) -> None:
    """The test suite with each runtime dependency pinned to its lower bound.

    The bounds in pyproject.toml are promises; this is the run that keeps them.
    """
    dependencies = PYPROJECT["project"]["dependencies"]
    unbounded = [dep for dep in dependencies if ">=" not in dep]
    if unbounded:
        session.error(f"no lower bound (>=) to test for: {', '.join(unbounded)}")
    lowest = [dep.replace(">=", "==", 1) for dep in dependencies]
    session.install("-e", ".[test]", *lowest)
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check, ruff format --check, and the generated modules current with the spec."""
    session.install(".[lint]")
    session.run("ruff", "check", *LINTED)
    session.run("ruff", "format", "--check", *LINTED)
    session.run("python", "scripts/generate.py", "--check")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on the package, and on the typing examples of the public API."""
    session.install("-e", ".[typecheck]")
    session.run("mypy", "--strict", "taskrouter_client")
    session.run("mypy", "--strict", "tests/typing")


@nox.session
def bench(session: nox.Session) -> None:
    """The benchmarks (figures are ratios against a baseline measured in the same run).

    Twilio's helper library, the loopback server (uvicorn, httptools), the httpx-aiohttp
    transport and matplotlib are installed here only. The test extra is not: its web
    frameworks bring click, and httpx imports its command line (click) whenever click is
    installed, which start-up figures would then count. ``nox -s bench -- --quick`` is short;
    ``-- --json bench.json --chart docs/images/network-latency.png`` keeps the figures.
    """
    session.install(
        "-e", ".[aiohttp]", "twilio", "uvicorn", "httptools", "httpx-aiohttp", "matplotlib"
    )
    session.run("python", "benchmarks/run.py", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """The documentation site: mkdocs-material and mkdocstrings, --strict, into site/.

    A broken link, a page left out of the navigation or a reference that cannot be resolved
    fails the build. The docs tools are installed here only (the ``docs`` extra).
    """
    session.install("-e", ".[docs]")
    session.run("mkdocs", "build", "--strict", *session.posargs, env={"NO_MKDOCS_2_WARNING": "1"})
