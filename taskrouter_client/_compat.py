"""The typing names newer than Python 3.10, from typing where it has them (3.11+)."""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    from typing import Required, Self, Unpack
else:
    from typing_extensions import Required, Self, Unpack

__all__ = ["Required", "Self", "Unpack"]
