"""How many requests a pull sends, on both connectors (the fake and the emulator over HTTP)."""

from __future__ import annotations

from typing import Any

import pytest

from mambu_async.testing.factories import build_demo_tenant


@pytest.mark.parametrize("clients", [250, 2500])
async def test_a_pull_over_still_data_sends_one_request_more_than_its_pages(
    mambu_connector: Any, mambu_fake: Any, monkeypatch: pytest.MonkeyPatch, clients: int
) -> None:
    build_demo_tenant(mambu_fake, clients=clients, loans=0, deposits=0, groups=0)
    calls: list[dict[str, Any]] = []
    fetch_page = mambu_connector.fetch_page

    async def counted(prefix: str, **kwargs: Any) -> Any:
        calls.append(kwargs)
        return await fetch_page(prefix, **kwargs)

    monkeypatch.setattr(mambu_connector, "fetch_page", counted)
    stream = mambu_connector.mambu_iterate("clients", page_size=100, concurrency=8)
    got = [record["encodedKey"] async for record in stream]
    assert sorted(got) == got and len(set(got)) == clients == len(mambu_fake.store["clients"])
    assert len(calls) <= -(-clients // 100) + 1
    assert [c.get("with_total", False) for c in calls].count(True) == 1


async def test_auto_concurrency_pulls_everything(mambu_fake: Any) -> None:
    from mambu_async.testing import FakeConnector

    build_demo_tenant(mambu_fake, clients=1200, loans=0, deposits=0, groups=0)
    connector = FakeConnector(mambu_fake, max_concurrency="auto")
    got = [r["encodedKey"] async for r in connector.mambu_iterate("clients", page_size=100)]
    assert len(got) == len(set(got)) == 1200
    assert 1 <= connector.concurrency_limit <= connector.max_concurrency
