"""The package's version, written here only: pyproject.toml reads it for the build."""

__version__ = "0.2.0"
