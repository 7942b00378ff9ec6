"""A scripted page source for the pull engine's unit tests: an in-memory sorted table that can be
changed between (or during) page reads, with gates to control completion order and scripted faults."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

import attrs


@attrs.frozen
class ScriptedPage:
    records: list[dict[str, Any]]
    total: int | None = None
    retries: int = 0
    latency: float = 0.0


def make_records(n: int, *, start: int = 0, day: dt.datetime | None = None) -> list[dict[str, Any]]:
    """``n`` records keyed ``k00000..``; creationDate one minute apart from ``day``."""
    base = day or dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    return [
        {
            "encodedKey": f"k{i:06d}",
            "id": str(i),
            "creationDate": (base + dt.timedelta(minutes=i)).isoformat(timespec="seconds"),
        }
        for i in range(start, start + n)
    ]


class ScriptedSource:
    """Pages over ``self.rows`` sorted on the requested unique key, like Mambu would."""

    max_concurrency = 8
    page_size = 1000

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = {r["encodedKey"]: r for r in rows}
        self.calls: list[dict[str, Any]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.cancelled = 0
        self.completed = 0
        self.before: Callable[[dict[str, Any]], Awaitable[None] | None] | None = None
        self.gates: dict[int, asyncio.Event] = {}
        self.faults: dict[int, BaseException] = {}
        self.ignore_offset = False
        self.counts = True  # answer ``with_total`` with the match count, as Mambu's items-total does

    def _sorted(self, call: dict[str, Any]) -> list[dict[str, Any]]:
        rows = list(self.rows.values())
        for c in call.get("filterCriteria") or []:
            if c["operator"] == "BETWEEN":
                lo = dt.datetime.fromisoformat(c["value"])
                hi = dt.datetime.fromisoformat(c["secondValue"])
                rows = [r for r in rows if lo <= dt.datetime.fromisoformat(r[c["field"]]) <= hi]
        sorting = call.get("sortingCriteria")
        if sorting:
            field, desc = sorting["field"], sorting.get("order", "DESC") == "DESC"
        elif call.get("sortBy"):
            field, _, order = call["sortBy"].partition(":")
            desc = order == "DESC"
        else:
            field, desc = "encodedKey", False
        if field == "id":
            return sorted(rows, key=lambda r: int(r["id"]), reverse=desc)
        return sorted(rows, key=lambda r: r[field], reverse=desc)

    async def fetch_page(
        self, prefix: str, *, offset: int, limit: int, search: bool, **kw: Any
    ) -> ScriptedPage:
        call = {"prefix": prefix, "offset": offset, "limit": limit, "search": search, **kw}
        self.calls.append(call)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(0)
            if self.before is not None:
                result = self.before(call)
                if result is not None:
                    await result
            gate = self.gates.get(offset)
            if gate is not None:
                await gate.wait()
            if offset in self.faults:
                raise self.faults[offset]
            rows = self._sorted(call)
            start = 0 if self.ignore_offset else offset
            page = [dict(r) for r in rows[start : start + limit]]
            self.completed += 1
            total = len(rows) if kw.get("with_total") and self.counts else None
            return ScriptedPage(page, total=total, retries=1 if offset == 0 else 0, latency=0.01)
        except asyncio.CancelledError:
            self.cancelled += 1
            raise
        finally:
            self.in_flight -= 1
