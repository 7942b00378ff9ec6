"""The Audit Trail API (``GET /v1/events``) as tap-mambu reads it, on both fronts."""

from __future__ import annotations

import datetime as dt

from mambu_async.testing import FakeMambu

from .conftest import Raw


async def _tenant(raw: Raw, fake: FakeMambu) -> None:
    fake.clock.set(dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC))
    fake.create("branches", {"id": "BR1", "name": "Main"})
    fake.clock.advance(hours=1)
    fake.create("clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez"})
    fake.clock.advance(days=1)
    patch = [{"op": "REPLACE", "path": "/lastName", "value": "Diaz"}]
    status, _, _ = await raw("PATCH", "/clients/C1", json=patch)
    assert status == 204


async def test_events_as_the_tap_asks_for_them(raw: Raw, mambu_fake: FakeMambu) -> None:
    await _tenant(raw, mambu_fake)
    # tap-mambu's request: the audit API key, from/size paging and the occurred_at window, ascending.
    params = [
        ("from", "0"),
        ("size", "200"),
        ("sort_order", "asc"),
        ("occurred_at[gte]", "2024-03-01T00:00:00.000000Z"),
        ("occurred_at[lte]", "2024-03-03T00:00:00.000000Z"),
    ]
    status, _, body = await raw("GET", "/v1/events", params=params, headers={"apikey": mambu_fake.api_key})
    assert status == 200, body
    events = body["events"]
    assert [(e["request_method"], e["resource"]) for e in events] == [
        ("POST", "branches"),
        ("POST", "clients"),
        ("PATCH", "clients"),
    ]
    assert [e["occurred_at"] for e in events] == [
        "2024-03-01T09:00:00Z",
        "2024-03-01T10:00:00Z",
        "2024-03-02T10:00:00Z",
    ]
    client_key = mambu_fake.get("clients", "C1")["encodedKey"]
    assert events[2]["request_uri"] == f"/api/clients/{client_key}"
    assert events[2]["resource_fragment"] == client_key and events[2]["response_code"] == 200
    assert events[0]["username"] == mambu_fake.username


async def test_events_window_order_and_paging(raw: Raw, mambu_fake: FakeMambu) -> None:
    await _tenant(raw, mambu_fake)
    window = [("occurred_at[gte]", "2024-03-01T10:00:00Z"), ("occurred_at[lte]", "2024-03-01T23:59:59Z")]
    status, _, body = await raw("GET", "/v1/events", params=window)
    assert status == 200 and [e["occurred_at"] for e in body["events"]] == ["2024-03-01T10:00:00Z"]
    status, _, body = await raw("GET", "/v1/events", params=[("sort_order", "desc"), ("size", "2")])
    assert [e["request_method"] for e in body["events"]] == ["PATCH", "POST"]
    status, _, body = await raw("GET", "/v1/events", params=[("from", "2"), ("size", "2")])
    assert [e["request_method"] for e in body["events"]] == ["PATCH"]


async def test_events_refuse_bad_bounds(raw: Raw, mambu_fake: FakeMambu) -> None:
    for params in ([("occurred_at[gte]", "yesterday")], [("size", "-1")], [("sort_order", "up")]):
        status, _, body = await raw("GET", "/v1/events", params=params)
        assert status == 400 and body["returnStatus"] == "INVALID_PARAMETERS", params
