"""Database backups on both connectors: trigger (202 QUEUED), one at a time, the LATEST download streamed
into files and file objects, Mambu's refusals, and the callback notice."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest

from mambu_async import MambuBadRequestError, MambuValidationError, _json
from mambu_async.testing import FakeMambu
from mambu_async.testing.resources.backup import database_backups


def _reason(caught: pytest.ExceptionInfo[Any]) -> str:
    return str(caught.value.errors[0].reason)


async def test_trigger_answers_queued_and_download_is_the_tenant_snapshot(
    mambu_connector: Any, mambu_fake: FakeMambu, tmp_path: Path
) -> None:
    mambu_fake.create("branches", {"id": "BR1", "name": "Main branch"})
    assert await mambu_connector.mambu_trigger_database_backup() == {"state": "QUEUED"}
    mambu_fake.create("branches", {"id": "BR2", "name": "Made after the backup"})

    result = await mambu_connector.mambu_download_database_backup(tmp_path / "backup.zip", chunk_size=64)

    assert result["fileName"] == "fake-MANUAL-DATABASE-BACKUP.zip"
    assert result["contentType"] == "application/zip"
    assert result["lastModified"] == mambu_fake.clock.iso()
    assert result["path"] == str(tmp_path / "backup.zip")
    data = (tmp_path / "backup.zip").read_bytes()
    assert result["size"] == len(data)
    branches = _json.loads(zipfile.ZipFile(io.BytesIO(data)).read("branches.json"))
    assert [b["id"] for b in branches] == ["BR1"]
    assert os.listdir(tmp_path) == ["backup.zip"]


async def test_download_into_a_directory_keeps_mambus_file_name(
    mambu_connector: Any, mambu_fake: FakeMambu, tmp_path: Path
) -> None:
    database_backups(mambu_fake).trigger(archive=b"PK\x05\x06" + b"\x00" * 18)
    result = await mambu_connector.mambu_download_database_backup(tmp_path)
    target = tmp_path / "fake-MANUAL-DATABASE-BACKUP.zip"
    assert result["path"] == str(target)
    assert target.read_bytes() == b"PK\x05\x06" + b"\x00" * 18


async def test_open_hands_out_the_archive_in_bounded_chunks(
    mambu_connector: Any, mambu_fake: FakeMambu
) -> None:
    archive = bytes(range(256)) * 40 + b"tail"
    database_backups(mambu_fake).trigger(archive=archive)
    async with mambu_connector.mambu_open_database_backup("LATEST", 1000) as backup:
        assert backup.content_length == len(archive)
        assert backup.file_name == "fake-MANUAL-DATABASE-BACKUP.zip"
        chunks = [chunk async for chunk in backup.chunks]
    assert b"".join(chunks) == archive
    assert max(len(chunk) for chunk in chunks) <= 1000


async def test_a_backup_in_progress_refuses_another_and_is_not_downloadable(
    mambu_connector: Any, mambu_fake: FakeMambu
) -> None:
    backups = database_backups(mambu_fake)
    backups.duration = dt.timedelta(minutes=20)
    await mambu_connector.mambu_trigger_database_backup("https://example.com/backup-ready")
    with pytest.raises(MambuBadRequestError) as busy:
        await mambu_connector.mambu_trigger_database_backup()
    assert _reason(busy) == "DATABASE_BACKUP_IN_PROGRESS"
    with pytest.raises(MambuBadRequestError) as missing:
        await mambu_connector.mambu_download_database_backup(io.BytesIO())
    assert _reason(missing) == "DATABASE_BACKUP_NOT_FOUND"
    assert backups.notices() == []

    mambu_fake.clock.advance(dt.timedelta(minutes=20))
    out = io.BytesIO()
    result = await mambu_connector.mambu_download_database_backup(out)
    assert result["size"] == len(out.getvalue()) > 0 and result["path"] is None
    assert backups.notices() == [
        {
            "url": "https://example.com/backup-ready",
            "payload": {
                "tenantId": "fake",
                "result": "COMPLETE",
                "domain": "fake.mambu.com",
                "fileName": "fake-MANUAL-DATABASE-BACKUP",
            },
        }
    ]


async def test_latest_is_the_newest_completed_backup(mambu_connector: Any, mambu_fake: FakeMambu) -> None:
    backups = database_backups(mambu_fake)
    backups.trigger(archive=b"first")
    mambu_fake.clock.advance(dt.timedelta(hours=1))
    backups.duration = dt.timedelta(minutes=5)
    second_started = mambu_fake.clock.iso()
    backups.trigger(archive=b"second")
    out = io.BytesIO()
    await mambu_connector.mambu_download_database_backup(out)
    assert out.getvalue() == b"first"
    mambu_fake.clock.advance(dt.timedelta(minutes=5))
    out = io.BytesIO()
    result = await mambu_connector.mambu_download_database_backup(out)
    assert out.getvalue() == b"second" and result["lastModified"] == second_started


async def test_no_backup_yet_answers_mambus_error_and_leaves_no_file(
    mambu_connector: Any, tmp_path: Path
) -> None:
    with pytest.raises(MambuBadRequestError) as caught:
        await mambu_connector.mambu_download_database_backup(tmp_path / "b.zip")
    assert _reason(caught) == "DATABASE_BACKUP_NOT_FOUND"
    assert caught.value.status_code == 400
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.mambu_trigger_database_backup("not a url"), "callback"),
        (lambda c: c.mambu_trigger_database_backup("ftp://example.com/x"), "callback"),
        (lambda c: c.mambu_download_database_backup(io.BytesIO(), "2024-01-01"), "databaseBackupVersion"),
        (lambda c: c.mambu_download_database_backup(io.BytesIO(), "LATEST", 0), "chunk_size"),
        (lambda c: c.mambu_download_database_backup(42), "destination"),
    ],
)
async def test_bad_arguments_fail_before_any_request(
    mambu_connector: Any, mambu_fake: FakeMambu, call: Any, message: str
) -> None:
    with pytest.raises(MambuValidationError, match=message):
        await call(mambu_connector)
    assert len(mambu_fake.store["databasebackups"]) == 0


async def test_the_fake_itself_refuses_an_unknown_version_and_a_bad_callback(raw: Any) -> None:
    status, _, body = await raw("GET", "/database/backup/20240101")
    assert status == 400 and body["errors"][0]["errorReason"] == "INVALID_PARAMETERS"
    status, _, body = await raw("POST", "/database/backup", json={"callback": "nowhere"})
    assert status == 400 and body["errors"][0]["errorReason"] == "INVALID_PARAMETERS"
    status, _, body = await raw("POST", "/database/backup", json={"callbak": "https://example.com"})
    assert status == 400 and body["errors"][0]["errorReason"] == "INVALID_PARAMETERS"


async def test_the_callback_may_come_as_a_query_parameter(raw: Any, mambu_fake: FakeMambu) -> None:
    url = "https://my-callback-service.com/source=mambu"
    status, _, body = await raw("POST", "/database/backup", params=[("callback", url)])
    assert (status, body) == (202, {"state": "QUEUED"})
    assert [n["url"] for n in database_backups(mambu_fake).notices()] == [url]
