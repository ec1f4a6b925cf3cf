"""The installed distribution's version."""

from __future__ import annotations


def package_version() -> str:
    """The version of the installed ``taskrouter-client`` (``0+unknown`` if not installed)."""
    # importlib.metadata costs more to import than the whole package: only when asked.
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version("taskrouter-client")
    except PackageNotFoundError:
        return "0+unknown"
