"""Database backup requests on the wire, and the download streamed from the connection in bounded chunks."""

from __future__ import annotations

import asyncio
import os
import tracemalloc
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import respx
from wire_helpers import PASSWORD, TENANT, USERNAME, body_of, rest_error

from mambu_async import MambuBadRequestError, MambuConnectionError, MambuConnectorREST

ZIP_HEADERS = {
    "Content-Type": "application/zip",
    "Content-Disposition": 'attachment; filename="acme-MANUAL-DATABASE-BACKUP.zip"',
    "Last-Modified": "2024-01-15T09:00:00+01:00",
}


class PieceStream(httpx.AsyncByteStream):
    """A response body made piece by piece as it is read: counts what it made, may fail midway."""

    def __init__(self, pieces: int, piece_size: int, *, fail_after: int | None = None) -> None:
        self.pieces = pieces
        self.piece_size = piece_size
        self.fail_after = fail_after
        self.made = 0
        self.closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for index in range(self.pieces):
            if self.fail_after is not None and index == self.fail_after:
                raise httpx.ReadError("connection reset by peer")
            self.made += 1
            yield bytes([index % 256]) * self.piece_size

    async def aclose(self) -> None:
        self.closed = True


async def test_trigger_posts_the_callback_with_an_idempotency_key(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.post("/database/backup").respond(202, json={"state": "QUEUED"})
    url = "https://example.com/backup-ready?tenant=acme"
    assert await conn.mambu_trigger_database_backup(url) == {"state": "QUEUED"}
    request = route.calls.last.request
    assert request.headers["Accept"] == "application/vnd.mambu.v2+json"
    assert request.headers["Content-Type"] == "application/json"
    assert uuid.UUID(request.headers["Idempotency-Key"]).version == 4
    assert body_of(request) == {"callback": url}
    assert request.url.query == b""


async def test_trigger_without_callback_sends_no_body(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.post("/database/backup").respond(202, json={"state": "QUEUED"})
    await conn.mambu_trigger_database_backup()
    request = route.calls.last.request
    assert request.content == b"" and "Content-Type" not in request.headers


async def test_download_asks_for_the_zip_and_reads_it_in_chunks_as_it_arrives(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    body = PieceStream(pieces=64, piece_size=50_000)
    route = mock.get("/database/backup/LATEST").mock(
        return_value=httpx.Response(200, headers=ZIP_HEADERS, stream=body)
    )
    sizes: list[int] = []
    async with conn.mambu_open_database_backup(chunk_size=32_768) as backup:
        assert backup.file_name == "acme-MANUAL-DATABASE-BACKUP.zip"
        assert backup.last_modified == "2024-01-15T09:00:00+01:00"
        async for chunk in backup.chunks:
            if not sizes:
                made_at_first_chunk = body.made
            sizes.append(len(chunk))
    assert route.calls.last.request.headers["Accept"] == "application/vnd.mambu.v2+zip"
    assert made_at_first_chunk <= 2  # the body was not read ahead of the consumer
    assert sum(sizes) == 64 * 50_000 and max(sizes) <= 32_768
    assert body.closed


async def test_download_to_a_file_holds_no_more_than_a_chunk_in_memory(
    mock: respx.MockRouter, conn: MambuConnectorREST, tmp_path: Path
) -> None:
    size = 24 * 1024 * 1024
    mock.get("/database/backup/LATEST").mock(
        return_value=httpx.Response(200, headers=ZIP_HEADERS, stream=PieceStream(384, 65_536))
    )
    tracemalloc.start()
    try:
        result = await conn.mambu_download_database_backup(tmp_path / "backup.zip", chunk_size=65_536)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result["size"] == size == (tmp_path / "backup.zip").stat().st_size
    assert peak < size // 4


async def test_a_connection_lost_midway_raises_and_leaves_no_partial_archive(
    mock: respx.MockRouter, conn: MambuConnectorREST, tmp_path: Path
) -> None:
    body = PieceStream(pieces=10, piece_size=1000, fail_after=4)
    mock.get("/database/backup/LATEST").mock(
        return_value=httpx.Response(200, headers=ZIP_HEADERS, stream=body)
    )
    with pytest.raises(MambuConnectionError, match="ReadError"):
        await conn.mambu_download_database_backup(tmp_path / "backup.zip")
    assert os.listdir(tmp_path) == []
    assert body.closed


async def test_mambus_refusal_is_the_error_tree_and_opening_is_retried(
    mock: respx.MockRouter, conn: MambuConnectorREST, tmp_path: Path
) -> None:
    route = mock.get("/database/backup/LATEST")
    route.side_effect = [
        httpx.Response(503, json=rest_error(6, "INTERNAL_ERROR")),
        httpx.Response(400, json=rest_error(4, "DATABASE_BACKUP_NOT_FOUND", "No current backup")),
    ]
    with pytest.raises(MambuBadRequestError) as caught:
        await conn.mambu_download_database_backup(tmp_path / "backup.zip")
    assert caught.value.errors[0].reason == "DATABASE_BACKUP_NOT_FOUND"
    assert route.call_count == 2
    assert os.listdir(tmp_path) == []


async def test_an_open_download_keeps_its_slot_of_the_concurrency_limit(mock: respx.MockRouter) -> None:
    mock.get("/database/backup/LATEST").mock(
        return_value=httpx.Response(200, headers=ZIP_HEADERS, stream=PieceStream(3, 10))
    )
    branch = mock.get("/branches/BR1").respond(200, json={"id": "BR1"})
    async with MambuConnectorREST(TENANT, username=USERNAME, password=PASSWORD, max_concurrency=1) as one:
        async with one.mambu_open_database_backup() as backup:
            waiting = asyncio.create_task(one.mambu_get("BR1", "branches"))
            for _ in range(5):
                await asyncio.sleep(0)
            assert not waiting.done() and branch.call_count == 0
            assert len(b"".join([chunk async for chunk in backup.chunks])) == 30
        assert await waiting == {"id": "BR1"}
        async with one.mambu_open_database_backup():
            pass  # closed unread: the slot is free again
        assert await one.mambu_get("BR1", "branches") == {"id": "BR1"}
