"""The stream hands out whole pages one record at a time: the cursor still names the last record
handed out, at every position (inside a page, on its edges, across creationDate windows)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from mambu_async.connector.paging import iterate_entities
from tests.paging.scripted import ScriptedSource, make_records

N = 57


async def _take(stream: Any, count: int) -> list[str]:
    return [(await stream.__anext__())["encodedKey"] for _ in range(count)]


@pytest.mark.parametrize("window", [None, dt.timedelta(minutes=17)], ids=["one-window", "windows"])
async def test_cursor_at_every_position_resumes_right_after_the_last_record(
    window: dt.timedelta | None,
) -> None:
    src = ScriptedSource(make_records(N))
    everything = sorted(src.rows)
    for taken in range(N + 1):
        stream = iterate_entities(src, "loans", page_size=10, concurrency=3, window=window)
        first = await _take(stream, taken)
        token = stream.cursor
        await stream.aclose()
        assert stream.cursor == token, "closing must not move the cursor"
        resumed = iterate_entities(src, "loans", page_size=10, concurrency=3, window=window, cursor=token)
        rest = [r["encodedKey"] async for r in resumed]
        assert sorted(first + rest) == everything, f"after {taken}"
        assert len(first + rest) == N, f"after {taken}"


async def test_cursor_moves_with_each_record_inside_a_page() -> None:
    src = ScriptedSource(make_records(30))
    stream = iterate_entities(src, "loans", page_size=10)
    tokens = []
    for _ in range(5):
        await stream.__anext__()
        tokens.append(stream.cursor)
    await stream.aclose()
    assert len(set(tokens)) == 5


async def test_mapped_records_keep_order_and_the_cursor_follows_the_records() -> None:
    src = ScriptedSource(make_records(25))
    stream = iterate_entities(src, "loans", page_size=10).map_records(lambda r: ("loan", r["id"]))
    stream.map_records(lambda pair: pair[1])  # conversions compose, the first one first
    got = [await stream.__anext__() for _ in range(12)]
    token = stream.cursor
    await stream.aclose()
    assert got == [str(i) for i in range(12)]
    rest = [r["id"] async for r in iterate_entities(src, "loans", page_size=10, cursor=token)]
    assert rest == [str(i) for i in range(12, 25)]


async def test_a_record_that_fails_to_convert_is_raised_in_its_turn() -> None:
    src = ScriptedSource(make_records(25))

    def convert(record: dict[str, Any]) -> str:
        if record["id"] == "13":
            raise ValueError("bad record 13")
        return str(record["id"])

    stream = iterate_entities(src, "loans", page_size=10).map_records(convert)
    got = [await stream.__anext__() for _ in range(13)]
    with pytest.raises(ValueError, match="13"):
        await stream.__anext__()
    assert got == [str(i) for i in range(13)]
    assert await stream.__anext__() == "14"  # the stream goes on after the caller's error
    await stream.aclose()
