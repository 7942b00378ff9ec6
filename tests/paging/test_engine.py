"""Unit tests of the streaming pull engine against a scripted page source."""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import itertools
from typing import Any

import pytest

from mambu_async.connector.paging import MambuPaginationError, PageEvent, iterate_entities
from mambu_async.errors import MambuServerError, MambuValidationError
from tests.paging.scripted import ScriptedSource, make_records

DESC_KEY = {"field": "encodedKey", "order": "DESC"}
ASC_DATE = {"field": "creationDate", "order": "ASC"}


async def keys_of(stream: Any) -> list[str]:
    return [r["encodedKey"] async for r in stream]


@pytest.mark.parametrize("n", [0, 1, 9, 10, 19, 91, 250])
async def test_every_record_once_in_key_order(n: int) -> None:
    src = ScriptedSource(make_records(n))
    got = await keys_of(iterate_entities(src, "loans", page_size=10, concurrency=3))
    assert got == sorted(src.rows)


async def test_search_sorted_on_encoded_key_with_filters_on_every_page() -> None:
    src = ScriptedSource(make_records(55))
    criteria = [{"field": "accountState", "operator": "EQUALS", "value": "ACTIVE"}]
    await keys_of(iterate_entities(src, "loans", filterCriteria=criteria, page_size=10, detailsLevel="FULL"))
    assert len(src.calls) > 5
    for call in src.calls:
        assert call["search"] is True
        assert call["sortingCriteria"] == {"field": "encodedKey", "order": "ASC"}
        assert call["filterCriteria"] == criteria
        assert call["detailsLevel"] == "FULL"
        assert call["limit"] == 10


async def test_entities_without_search_use_get_sorted_by_id() -> None:
    src = ScriptedSource(make_records(35))
    got = await keys_of(iterate_entities(src, "branches", filters={"branchId": "B1"}, page_size=10))
    assert got == sorted(src.rows)
    assert {(c["search"], c["sortBy"], str(c["filters"])) for c in src.calls} == {
        (False, "id:ASC", "{'branchId': 'B1'}")
    }


async def test_lazy_fan_out_small_result_costs_one_request() -> None:
    src = ScriptedSource(make_records(7))
    assert len(await keys_of(iterate_entities(src, "clients", page_size=10))) == 7
    assert [c["offset"] for c in src.calls] == [0]


async def test_concurrency_bounded_by_connector_limit() -> None:
    src = ScriptedSource(make_records(500))
    src.max_concurrency = 4
    await keys_of(iterate_entities(src, "loans", page_size=10, concurrency=50))
    assert src.max_in_flight == 4


async def test_memory_bounded_by_pages_in_flight_when_consumer_is_slow() -> None:
    src = ScriptedSource(make_records(10_000))
    stream = iterate_entities(src, "loans", page_size=10, concurrency=3)
    await stream.__anext__()
    for _ in range(50):
        await asyncio.sleep(0)
    assert len(src.calls) == 1 + 3  # the first page, then at most `concurrency` ahead, never more
    await stream.aclose()


async def test_pages_completing_out_of_order_are_delivered_in_order() -> None:
    src = ScriptedSource(make_records(45))
    src.gates = {o: asyncio.Event() for o in (9, 18, 27, 36)}
    stream = iterate_entities(src, "loans", page_size=10, concurrency=4)

    async def release() -> None:
        for o in (36, 27, 18, 9):
            await asyncio.sleep(0)
            src.gates[o].set()

    releaser = asyncio.ensure_future(release())
    assert await keys_of(stream) == sorted(src.rows)
    await releaser


async def test_inserts_before_the_offset_are_not_duplicates() -> None:
    src = ScriptedSource(make_records(300, start=1000))
    original = sorted(src.rows)
    counter = iter(range(1000))

    def insert(call: dict[str, Any]) -> None:
        for _ in range(3):
            r = make_records(1, start=next(counter))[0]
            src.rows[r["encodedKey"]] = r

    src.before = insert
    got = await keys_of(iterate_entities(src, "loans", page_size=20, concurrency=4))
    assert len(got) == len(set(got))
    assert set(original) <= set(got)
    assert got == sorted(got)


async def test_deletes_shift_offsets_and_drift_is_reread() -> None:
    src = ScriptedSource(make_records(400))
    original = sorted(src.rows)
    deleted: set[str] = set()
    events: list[PageEvent] = []

    def delete(call: dict[str, Any]) -> None:
        if call["offset"] > 0:  # delete the lowest keys: every later page shifts left
            for key in sorted(src.rows)[:4]:
                deleted.add(key)
                del src.rows[key]

    src.before = delete
    stream = iterate_entities(src, "loans", page_size=20, concurrency=4, on_page=events.append)
    got = await keys_of(stream)
    assert len(got) == len(set(got))
    assert set(original) - deleted <= set(got)
    assert got == sorted(got)
    assert stream.rereads > 0
    assert any(e.reread for e in events)


async def test_endless_drift_raises_after_max_rereads() -> None:
    src = ScriptedSource(make_records(400))

    def delete(call: dict[str, Any]) -> None:
        if call["offset"] > 0:
            for key in sorted(src.rows)[:30]:
                del src.rows[key]
            for r in make_records(30, start=10_000 + len(src.calls) * 30):
                src.rows[r["encodedKey"]] = r

    src.before = delete
    with pytest.raises(MambuPaginationError, match="shifting"):
        await keys_of(iterate_entities(src, "loans", page_size=20, max_rereads=3))


async def test_cursor_resumes_after_the_last_record_handed_out() -> None:
    src = ScriptedSource(make_records(230))
    stream = iterate_entities(src, "loans", page_size=20, concurrency=3)
    first = [(await stream.__anext__())["encodedKey"] for _ in range(77)]
    token = stream.cursor
    await stream.aclose()
    for key in sorted(src.rows)[:10]:  # the tenant changes between the two runs
        del src.rows[key]
    src.calls.clear()
    rest = await keys_of(iterate_entities(src, "loans", page_size=20, concurrency=3, cursor=token))
    assert first + rest == sorted(first + [k for k in src.rows if k > first[-1]])
    assert rest[0] > first[-1]
    assert src.calls[0]["offset"] > 0  # resumed near the position, not from the start


async def test_cursor_of_a_finished_pull_yields_nothing_and_is_bound_to_its_query() -> None:
    src = ScriptedSource(make_records(30))
    stream = iterate_entities(src, "loans", page_size=10)
    await keys_of(stream)
    done = stream.cursor
    assert await keys_of(iterate_entities(src, "loans", page_size=10, cursor=done)) == []
    with pytest.raises(MambuValidationError, match="different query"):
        iterate_entities(src, "clients", cursor=done)
    with pytest.raises(MambuValidationError):
        iterate_entities(src, "loans", cursor="not a cursor")


async def test_aclose_cancels_every_request_in_flight() -> None:
    src = ScriptedSource(make_records(1000))
    src.gates = {o: asyncio.Event() for o in range(9, 1000, 9)}
    stream = iterate_entities(src, "loans", page_size=10, concurrency=4)
    for _ in range(10):  # page 0; pages 1-4 are now blocked in flight
        await stream.__anext__()
    for _ in range(5):
        await asyncio.sleep(0)
    assert src.in_flight == 4
    await stream.aclose()
    assert src.in_flight == 0
    assert src.cancelled == 4
    assert asyncio.all_tasks() == {asyncio.current_task()}
    with pytest.raises(StopAsyncIteration):
        await stream.__anext__()


async def test_break_and_drop_cancels_in_flight_requests() -> None:
    src = ScriptedSource(make_records(1000))
    src.gates = {o: asyncio.Event() for o in range(9, 1000, 9)}
    async for _ in iterate_entities(src, "loans", page_size=10, concurrency=4):
        break
    await asyncio.sleep(0)
    gc.collect()
    for _ in range(5):
        await asyncio.sleep(0)
    assert src.in_flight == 0
    assert asyncio.all_tasks() == {asyncio.current_task()}


async def test_cancelling_the_consumer_cancels_in_flight_requests() -> None:
    src = ScriptedSource(make_records(1000))
    src.gates = {o: asyncio.Event() for o in range(9, 1000, 9)}
    stream = iterate_entities(src, "loans", page_size=10, concurrency=4)
    consumer = asyncio.ensure_future(keys_of(stream))
    for _ in range(20):
        await asyncio.sleep(0)
    assert src.in_flight == 4
    consumer.cancel()
    with pytest.raises(asyncio.CancelledError):
        await consumer
    assert src.in_flight == 0
    assert asyncio.all_tasks() == {asyncio.current_task()}


async def test_first_error_is_raised_at_once_with_its_cause() -> None:
    src = ScriptedSource(make_records(1000))
    src.gates = {9: asyncio.Event()}  # page 1 never completes
    cause = ConnectionResetError("reset by peer")
    failure = MambuServerError("server error", status_code=500)
    failure.__cause__ = cause
    src.faults = {27: failure}
    stream = iterate_entities(src, "loans", page_size=10, concurrency=4)
    with pytest.raises(MambuServerError) as info:
        await keys_of(stream)
    assert info.value is failure
    assert info.value.__cause__ is cause
    assert src.in_flight == 0
    assert asyncio.all_tasks() == {asyncio.current_task()}


async def test_hook_reports_every_page_in_order() -> None:
    src = ScriptedSource(make_records(25))
    events: list[PageEvent] = []
    await keys_of(iterate_entities(src, "loans", page_size=10, concurrency=2, on_page=events.append))
    assert [(e.entity, e.offset, e.count, e.delivered) for e in events] == [
        ("loans", 0, 10, 10),
        ("loans", 9, 10, 9),
        ("loans", 18, 7, 6),
    ]
    assert events[0].retries == 1 and events[0].latency == pytest.approx(0.01)


async def test_creation_date_windows_deliver_each_record_once_at_the_edges() -> None:
    day = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    rows = make_records(3 * 24 * 60 + 1, day=day)  # one a minute, boundaries fall exactly on records
    src = ScriptedSource([*rows[::7], rows[-1]])
    stream = iterate_entities(src, "loans", page_size=50, window=dt.timedelta(hours=12))
    got = await keys_of(stream)
    assert sorted(got) == sorted(src.rows)
    assert len(got) == len(set(got))
    windows = {str(c["filterCriteria"]) for c in src.calls if c["limit"] == 50}
    assert len(windows) == 7
    assert all(c["filterCriteria"][-1]["operator"] == "BETWEEN" for c in src.calls if c["limit"] == 50)


async def test_windows_resume_from_the_cursor_window() -> None:
    src = ScriptedSource(make_records(600))
    stream = iterate_entities(src, "loans", page_size=30, window=dt.timedelta(hours=2))
    first = [(await stream.__anext__())["encodedKey"] for _ in range(250)]
    token = stream.cursor
    await stream.aclose()
    resumed = iterate_entities(src, "loans", page_size=30, window=dt.timedelta(hours=2), cursor=token)
    rest = await keys_of(resumed)
    assert sorted(first + rest) == sorted(src.rows)
    assert len(set(first + rest)) == 600


async def test_descending_unique_sort_keeps_exactly_once() -> None:
    src = ScriptedSource(make_records(95))
    stream = iterate_entities(src, "loans", sortingCriteria=DESC_KEY, page_size=10)
    assert await keys_of(stream) == sorted(src.rows, reverse=True)


async def test_sort_on_a_non_unique_field_is_deduplicated_by_encoded_key() -> None:
    src = ScriptedSource(make_records(95))
    stream = iterate_entities(src, "loans", sortingCriteria=ASC_DATE, page_size=10)
    got = await keys_of(stream)
    assert got == sorted(src.rows)


async def test_server_ignoring_the_sort_is_an_error_not_silent_loss() -> None:
    src = ScriptedSource(make_records(30))
    stream = iterate_entities(src, "loans", sortingCriteria=DESC_KEY, page_size=10)
    src._sorted = lambda call: sorted(src.rows.values(), key=lambda r: r["encodedKey"])  # type: ignore
    with pytest.raises(MambuPaginationError, match="not sorted"):
        await keys_of(stream)


async def test_server_ignoring_the_offset_is_an_error_not_an_endless_loop() -> None:
    src = ScriptedSource(make_records(300))
    src.ignore_offset = True
    with pytest.raises(MambuPaginationError, match="same page"):
        await keys_of(iterate_entities(src, "loans", page_size=10))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"page_size": 1},
        {"page_size": 1001},
        {"concurrency": 0},
        {"detailsLevel": "ALL"},
        {"filters": {"branchId": "B"}, "filterCriteria": [{"field": "id", "operator": "EMPTY"}]},
        {"filterCriteria": [{"field": "id", "operator": "NEAR", "value": "1"}]},
        {"sortBy": "id"},
        {"window": dt.timedelta(days=1), "filters": {"branchId": "B"}},
        {"overlap": 10, "page_size": 10},
    ],
)
async def test_bad_arguments_fail_before_any_request(kwargs: dict[str, Any]) -> None:
    src = ScriptedSource(make_records(3))
    with pytest.raises(MambuValidationError):
        iterate_entities(src, "loans", **kwargs)
    assert src.calls == []


@pytest.mark.parametrize("n", [0, 1, 99, 100, 101, 1000, 2500, 9900])
async def test_requests_at_most_one_more_than_the_pages_when_nothing_changes(n: int) -> None:
    # One record of overlap per page adds a page per page_size pages: none below page_size pages.
    src = ScriptedSource(make_records(n))
    got = await keys_of(iterate_entities(src, "loans", page_size=100, concurrency=8))
    assert got == sorted(src.rows)
    assert len(src.calls) <= -(-n // 100) + 1
    assert src.calls[0]["with_total"] is True  # the first page alone asks for the count
    assert not any(c.get("with_total") for c in src.calls[1:])


async def test_without_a_count_pages_are_read_ahead_up_to_the_end() -> None:
    src = ScriptedSource(make_records(250))
    src.counts = False  # a server that ignores paginationDetails: stop on the first short page
    got = await keys_of(iterate_entities(src, "loans", page_size=10, concurrency=4))
    assert got == sorted(src.rows)
    assert src.cancelled + len(src.calls) - src.completed <= 4


async def test_pages_share_one_record_until_drift_then_the_default_overlap() -> None:
    src = ScriptedSource(make_records(8000))
    deleted = False

    def delete_once(call: dict[str, Any]) -> None:
        nonlocal deleted
        if call["offset"] >= 999 * 5 and not deleted:
            deleted = True
            del src.rows[sorted(src.rows)[0]]

    src.before = delete_once
    got = await keys_of(iterate_entities(src, "loans", page_size=1000, concurrency=1))
    offsets = [c["offset"] for c in src.calls]
    assert offsets[:6] == [0, 999, 1998, 2997, 3996, 4995]  # one shared record while nothing moves
    assert offsets[6] < offsets[5]  # the deletion shifted the page: re-read further back
    steps = {b - a for a, b in itertools.pairwise(offsets[6:])}
    assert steps == {1000 - 20}  # from then on the default overlap absorbs small shifts
    assert len(got) == len(set(got)) and set(sorted(src.rows)) <= set(got)


async def test_the_data_growing_past_the_count_is_read_on() -> None:
    src = ScriptedSource(make_records(95))
    grown = False

    def grow(call: dict[str, Any]) -> None:
        nonlocal grown
        if call["offset"] > 0 and not grown:
            grown = True
            for r in make_records(50, start=1000):  # keys after every existing one
                src.rows[r["encodedKey"]] = r

    src.before = grow
    got = await keys_of(iterate_entities(src, "loans", page_size=10, concurrency=4))
    assert len(got) == 145 == len(set(got))


async def test_read_ahead_follows_the_connectors_current_limit() -> None:
    src = ScriptedSource(make_records(500))
    src.concurrency_limit = 2  # type: ignore[attr-defined]  # an adaptive connector's limit right now
    got = await keys_of(iterate_entities(src, "loans", page_size=10, concurrency=8))
    assert got == sorted(src.rows)
    assert src.max_in_flight == 2
