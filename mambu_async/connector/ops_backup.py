"""Mambu's database backup (``/database/backup``): trigger one, then download it streamed.

Seed 001 (S1:L6602-6892): ``POST /database/backup`` with an optional ``{"callback": url}`` answers
``202 {"state": "QUEUED"}``; ``GET /database/backup/{databaseBackupVersion}`` (only ``LATEST``) with
``Accept: application/vnd.mambu.v2+zip`` answers the zip archive with ``Content-Disposition`` (its file
name), ``Last-Modified`` (when the last completed backup started) and ``Content-Length``. Seed 002 adds
that Mambu refuses a second backup while one is in progress and calls the callback URL with
``{"tenantId", "result": "COMPLETE", "domain", "fileName"}`` when the archive is ready.

The archive is never held in memory: :meth:`BackupOperations.mambu_open_database_backup` hands out the
body in chunks of at most ``chunk_size`` bytes as they arrive, and
:meth:`BackupOperations.mambu_download_database_backup` writes them to a file (a ``.part`` sibling renamed
into place once complete, so a failed download never leaves a truncated archive under the final name).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from email.message import Message
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from mambu_async.connector import validation as v
from mambu_async.connector.base import JSON
from mambu_async.connector.ops_core import OperationsCore, esc, header
from mambu_async.connector.streamed import DatabaseBackupBody, StreamedResponse, chunks_of
from mambu_async.connector.wire import ApiRequest, ApiResponse

__all__ = [
    "BACKUP_ACCEPT",
    "BACKUP_VERSIONS",
    "DEFAULT_BACKUP_CHUNK_SIZE",
    "BackupOperations",
]

BACKUP_ACCEPT = "application/vnd.mambu.v2+zip"
"""The ``Accept`` header of the download (S1:L6759)."""
BACKUP_VERSIONS = ("LATEST",)
"""Values of ``databaseBackupVersion`` (S1:L6870-6873)."""
DEFAULT_BACKUP_CHUNK_SIZE = 1 << 16
"""Bytes read from the connection at a time while downloading a backup (64 KiB)."""


def _check_callback(callback: Any) -> str | None:
    """``callback`` must be an absolute http(s) URL ("A valid URL", S2 Database Backups)."""
    if callback is None:
        return None
    if not isinstance(callback, str) or not callback.strip():
        raise v.fail("callback must be a URL string such as 'https://example.com/backup-ready'")
    parts = urlsplit(callback)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise v.fail("callback must be an absolute http(s) URL")
    return callback


def _check_chunk_size(chunk_size: Any) -> int:
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise v.fail(f"chunk_size must be a positive number of bytes, got {chunk_size!r}")
    return chunk_size


def _file_name(disposition: str | None) -> str | None:
    """The ``filename`` of a ``Content-Disposition`` header (RFC 6266 forms), without any directory."""
    if not disposition:
        return None
    message = Message()
    message["content-disposition"] = disposition
    name = message.get_filename()
    return os.path.basename(name) if name else None


def _content_length(text: str | None) -> int | None:
    return int(text) if text is not None and text.strip().isdigit() else None


class BackupOperations(OperationsCore):
    """``POST /database/backup`` and the streamed ``GET /database/backup/{databaseBackupVersion}``."""

    async def mambu_trigger_database_backup(
        self, callback: str | None = None, *, idempotency_key: str | None = None
    ) -> JSON:
        """``POST /database/backup`` (body ``{"callback": url}`` when given): Mambu's
        ``{"state": "QUEUED"}``. ``callback`` receives Mambu's notice once the archive is ready."""
        url = _check_callback(callback)
        body = None if url is None else {"callback": url}
        return await self._post("/database/backup", body, idempotency_key)

    async def _send_streamed(self, request: ApiRequest, chunk_size: int) -> ApiResponse:
        """One attempt whose 2xx body is left to read in chunks. This default reads the whole answer
        with :meth:`_send` (right for an in-process fake, whose body is in memory already); a transport
        that can stream overrides it."""
        response = await self._send(request)
        if not 200 <= response.status_code < 300:
            return response
        return StreamedResponse(
            response.status_code,
            response.headers,
            b"",
            chunks=chunks_of(response.content, chunk_size),
            close=_nothing_to_close,
        )

    @asynccontextmanager
    async def mambu_open_database_backup(
        self,
        databaseBackupVersion: str = "LATEST",
        chunk_size: int = DEFAULT_BACKUP_CHUNK_SIZE,
    ) -> AsyncIterator[DatabaseBackupBody]:
        """``GET /database/backup/{databaseBackupVersion}`` opened for streaming::

            async with mambu.mambu_open_database_backup() as backup:
                async for chunk in backup.chunks:   # at most chunk_size bytes each
                    ...

        Opening is retried like any GET; a failure while reading raises
        :class:`~mambu_async.errors.MambuConnectionError` (start the download again).
        """
        version = v.check_choice(databaseBackupVersion, "databaseBackupVersion", BACKUP_VERSIONS)
        size = _check_chunk_size(chunk_size)
        request = ApiRequest(
            "GET", f"/database/backup/{esc(version, 'databaseBackupVersion')}", accept=BACKUP_ACCEPT
        )
        response, _ = await self._execute(request, send=partial(self._send_streamed, chunk_size=size))
        if isinstance(response, StreamedResponse):
            chunks, close = response.chunks, response.close
        else:  # a 2xx without a body to stream (never seen from Mambu): hand out what came
            chunks, close = chunks_of(response.content, size), _nothing_to_close
        try:
            yield DatabaseBackupBody(
                file_name=_file_name(header(response, "content-disposition")),
                last_modified=header(response, "last-modified"),
                content_type=header(response, "content-type"),
                content_length=_content_length(header(response, "content-length")),
                chunks=chunks,
            )
        finally:
            stop = getattr(chunks, "aclose", None)  # an async generator left half-read
            try:
                if stop is not None:
                    await stop()
            finally:
                await close()

    async def mambu_download_database_backup(
        self,
        destination: str | os.PathLike[str] | BinaryIO,
        databaseBackupVersion: str = "LATEST",
        chunk_size: int = DEFAULT_BACKUP_CHUNK_SIZE,
    ) -> JSON:
        """Download the backup into ``destination`` without holding it in memory.

        ``destination``: a file path, a directory (the archive keeps Mambu's file name; a path written
        with a trailing separator, such as ``"backups/"``, is a directory, created when missing), or a binary
        file object (written to, not closed). Returns ``{"fileName", "lastModified", "contentType",
        "size", "path"}`` (``path`` is ``None`` for a file object).
        """
        if not isinstance(destination, str | os.PathLike) and not hasattr(destination, "write"):
            raise v.fail("destination must be a path or a binary file object opened for writing")
        async with self.mambu_open_database_backup(databaseBackupVersion, chunk_size) as backup:
            if isinstance(destination, str | os.PathLike):
                target = Path(destination)
                if await asyncio.to_thread(_is_directory, destination):
                    target = target / (backup.file_name or "database-backup.zip")
                size = await _write_file(target, backup.chunks)
                where: str | None = str(target)
            else:
                size = await _write_stream(destination, backup.chunks)
                where = None
        return {
            "fileName": backup.file_name,
            "lastModified": backup.last_modified,
            "contentType": backup.content_type,
            "size": size,
            "path": where,
        }


def _is_directory(destination: str | os.PathLike[str]) -> bool:
    """Whether ``destination`` names a directory: an existing one, or a new one written ``name/``."""
    spelled = os.fspath(destination)
    if spelled.endswith(("/", os.sep)):
        try:
            os.makedirs(spelled, exist_ok=True)
        except OSError as exc:
            raise v.fail(f"cannot create the directory {spelled} for the backup: {exc.strerror}") from exc
        return True
    return os.path.isdir(spelled)


async def _nothing_to_close() -> None:
    return None


async def _write_stream(out: BinaryIO, chunks: AsyncIterator[bytes]) -> int:
    size = 0
    async for chunk in chunks:
        await asyncio.to_thread(out.write, chunk)
        size += len(chunk)
    return size


async def _write_file(target: Path, chunks: AsyncIterator[bytes]) -> int:
    """Write ``chunks`` to ``target`` through a ``.part`` sibling renamed into place when complete."""
    partial_path = target.with_name(target.name + ".part")
    try:
        out = await asyncio.to_thread(partial_path.open, "wb")
    except OSError as exc:
        raise v.fail(f"cannot write the backup to {target}: {exc.strerror}") from exc
    try:
        try:
            size = await _write_stream(out, chunks)
        finally:
            await asyncio.to_thread(out.close)
        await asyncio.to_thread(os.replace, partial_path, target)
    except BaseException:
        await asyncio.to_thread(partial_path.unlink, missing_ok=True)
        raise
    return size
