"""Helpers for running ``mambu-async`` in-process against a small demo tenant (no sockets, no sleeping)."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest

from mambu_async import _json
from mambu_async.cli import Runtime, main
from mambu_async.testing import FakeMambu
from mambu_async.testing.clock import DEFAULT_NOW
from mambu_async.testing.factories import build_demo_tenant

SMALL_LOANS = 120
PAGE_SIZE = 25


async def no_sleep(seconds: float) -> None:
    return None


def small_tenant(loans: int = SMALL_LOANS) -> FakeMambu:
    fake = FakeMambu(now=DEFAULT_NOW)
    build_demo_tenant(fake, clients=40, loans=loans, deposits=30)
    return fake


@attrs.define
class Result:
    code: int
    stdout: bytes
    stderr: str

    def lines(self) -> list[Any]:
        return [_json.loads(line) for line in self.stdout.splitlines()]


@attrs.define
class Cli:
    """Runs the command on ``fake`` (embedded when ``env`` has no MAMBU_BASE_URL)."""

    fake: FakeMambu
    tmp: Path
    built: list[int] = attrs.field(factory=list)

    def run(
        self,
        *argv: str,
        env: Mapping[str, str] | None = None,
        options: dict[str, Any] | None = None,
        tty: bool = False,
        build: Callable[[int], FakeMambu] | None = None,
    ) -> Result:
        out, err = io.BytesIO(), io.StringIO()

        def build_demo(loans: int, **clock: Any) -> FakeMambu:
            self.built.append(loans)
            return self.fake

        runtime = Runtime(
            env=dict(env or {}),
            stdout=out,
            stderr=err,
            connector_options={"sleep": no_sleep, "page_size": PAGE_SIZE, **(options or {})},
            build_demo=build or build_demo,
            tty=tty,
        )
        code = main(list(argv), runtime=runtime)
        return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="module")
def shared_fake() -> FakeMambu:
    """One small demo tenant for tests that only read (built once per module)."""
    return small_tenant()


@pytest.fixture
def cli(shared_fake: FakeMambu, tmp_path: Path) -> Cli:
    shared_fake.faults.clear()
    return Cli(shared_fake, tmp_path)


@pytest.fixture
def fresh_cli(tmp_path: Path) -> Cli:
    """A tenant of its own (for tests that change data or script faults)."""
    return Cli(small_tenant(), tmp_path)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [_json.loads(line) for line in path.read_bytes().splitlines()]


def ids_in_store(
    fake: FakeMambu, kind: str, pred: Callable[[dict[str, Any]], bool] = lambda r: True
) -> set[str]:
    return {str(r["id"]) for r in fake.store[kind].values() if pred(r)}


def sequence_of(records: Sequence[dict[str, Any]]) -> list[str]:
    return [str(r["id"]) for r in records]
