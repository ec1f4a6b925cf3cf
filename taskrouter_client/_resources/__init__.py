"""Typed faces over the table of operations, one module per resource, sync and async twins."""
