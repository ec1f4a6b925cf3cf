"""The installed distribution's version."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def package_version() -> str:
    """The version of the installed ``taskrouter-client`` (``0+unknown`` if not installed)."""
    try:
        return version("taskrouter-client")
    except PackageNotFoundError:
        return "0+unknown"
