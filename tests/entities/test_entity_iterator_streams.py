"""EntityIterator builds one entity per record over any EntityStream; over the pull engine's stream
the stream builds them itself, and the cursor still follows the records handed out."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from mambu_async.connector.paging import iterate_entities
from mambu_async.entities import MambuLoan, strict
from mambu_async.entities.base import EntityIterator
from mambu_async.errors import MambuResponseError
from tests.paging.scripted import ScriptedSource, make_records

NOBODY: Any = object()  # a stand-in connector: nothing is sent


class PlainStream:
    """An EntityStream with nothing but the protocol."""

    def __init__(self, rows: list[Any]) -> None:
        self._rows = iter(rows)
        self.closed = False

    def __aiter__(self) -> PlainStream:
        return self

    async def __anext__(self) -> Any:
        try:
            return next(self._rows)
        except StopIteration:
            raise StopAsyncIteration from None

    async def aclose(self) -> None:
        self.closed = True

    @property
    def cursor(self) -> str | None:
        return "plain"


def _loans(n: int) -> list[dict[str, Any]]:
    return [{**r, "loanAmount": Decimal(f"{r['id']}.50")} for r in make_records(n)]


async def test_any_stream_yields_entities_with_connector_and_level() -> None:
    stream = PlainStream([*_loans(3), "not an object"])
    loans = EntityIterator(stream, MambuLoan, connector=NOBODY, details_level="FULL")
    got = [await loans.__anext__() for _ in range(3)]
    assert [loan.loan_amount for loan in got] == [Decimal("0.50"), Decimal("1.50"), Decimal("2.50")]
    assert all(loan.details_level == "FULL" and loan.connector is NOBODY for loan in got)
    with pytest.raises(MambuResponseError, match="expected a MambuLoan object"):
        await loans.__anext__()
    assert loans.cursor == "plain"
    await loans.aclose()
    assert stream.closed


async def test_engine_stream_builds_entities_and_the_cursor_follows_them() -> None:
    src = ScriptedSource(_loans(25))
    loans = EntityIterator(iterate_entities(src, "loans", page_size=10), MambuLoan, NOBODY, "FULL")
    first = []
    async for loan in loans:  # the stream's own iterator: one step per record
        first.append(loan)
        if len(first) == 13:
            break
    assert all(isinstance(loan, MambuLoan) for loan in first)
    token = loans.cursor
    await loans.aclose()
    rest = [r["id"] async for r in iterate_entities(src, "loans", page_size=10, cursor=token)]
    assert [loan.id for loan in first] + rest == [str(i) for i in range(25)]


async def test_strict_mode_still_checks_every_streamed_entity() -> None:
    src = ScriptedSource([{**r, "notAField": 1} for r in _loans(3)])
    loans = EntityIterator(iterate_entities(src, "loans", page_size=10), MambuLoan, NOBODY, "FULL")
    with strict(), pytest.raises(MambuResponseError, match="notAField"):
        await loans.__anext__()
