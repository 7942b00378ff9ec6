"""Running and type-checking code written for a reader: whole scripts, or fragments with top-level
``await`` (as typed in ``python -m asyncio``) that use a ``connector`` to the demo tenant."""

from __future__ import annotations

import ast
import asyncio
import inspect
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from mambu_async import MambuConnectorREST
from mambu_async.cli import EMULATOR_DEMO_LOANS
from mambu_async.export.tenant import build_demo
from mambu_async.testing import FakeMambu, emulator_app

EMULATOR_URL = "http://127.0.0.1:8889"
"""Where ``mambu-async emulator --demo`` listens by default (served here in-process, no socket)."""


async def no_sleep(seconds: float) -> None:
    return None


def demo_tenant() -> FakeMambu:
    """The tenant ``mambu-async emulator --demo`` serves."""
    return build_demo(EMULATOR_DEMO_LOANS)


@contextmanager
def emulator_env(fake: FakeMambu, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``MAMBU_*`` as the emulator prints them; ``from_env()`` connectors reach ``fake`` in-process."""
    for name in list(os.environ):
        if name.startswith("MAMBU_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("MAMBU_BASE_URL", EMULATOR_URL)
    monkeypatch.setenv("MAMBU_API_KEY", str(fake.api_key))
    original: Callable[..., MambuConnectorREST] = MambuConnectorREST.from_env.__func__  # type: ignore[attr-defined]
    app = emulator_app(fake)

    def from_env(cls: type[MambuConnectorREST], environ: Any = None, **options: Any) -> MambuConnectorREST:
        options = {"transport": httpx.ASGITransport(app=app), "sleep": no_sleep, **options}
        return original(cls, environ, **options)

    monkeypatch.setattr(MambuConnectorREST, "from_env", classmethod(from_env))
    yield


def compiled(code: str, name: str) -> Any:
    return compile(code, name, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)


def is_fragment(code: str, name: str) -> bool:
    """Whether ``code`` awaits at top level (it then runs with a ``connector`` given to it)."""
    return bool(compiled(code, name).co_flags & inspect.CO_COROUTINE)


def run_code(code: str, name: str) -> dict[str, Any]:
    """Run a script as ``__main__``, or a fragment inside a loop with ``connector`` from the environment."""
    namespace: dict[str, Any] = {"__name__": "__main__"}
    program = compiled(code, name)
    if not is_fragment(code, name):
        exec(program, namespace)
        return namespace

    async def run() -> None:
        async with MambuConnectorREST.from_env() as connector:
            namespace["connector"] = connector
            await eval(program, namespace)

    asyncio.run(run())
    return namespace


def as_module(code: str, name: str) -> str:
    """A script as is; a fragment as the body of ``async def`` taking the ``connector`` (for mypy)."""
    if not is_fragment(code, name):
        return code
    body = textwrap.indent(code, "    ")
    return (
        "from mambu_async import MambuConnectorREST\n\n\n"
        f"async def fragment(connector: MambuConnectorREST) -> None:\n{body}"
    )


def mypy_strict(files: list[Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``mypy --strict`` on ``files`` from ``cwd`` (outside the repository: the installed package)."""
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cwd / ".mypy_cache"),
         "--no-error-summary", *map(str, files)],
        cwd=cwd, capture_output=True, text=True, timeout=300, check=False,
    )
