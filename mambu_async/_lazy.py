"""Lazy package exports (PEP 562): a name is imported from its module on first access, then cached.

Keeps ``import mambu_async`` cheap (no httpx, no entity classes) while ``from mambu_async import
MambuLoan``, ``mambu_async.MambuLoan`` and ``from mambu_async import *`` keep working. Packages import
the same names under ``if TYPE_CHECKING:`` so type checkers see them exactly.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    package: str, exports: Mapping[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: ``exports`` maps a name to its module."""

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value  # later look-ups are plain attribute reads
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *exports})

    return __getattr__, __dir__
