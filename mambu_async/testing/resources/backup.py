"""Database backups in the fake: ``POST /database/backup``, ``GET /database/backup/{databaseBackupVersion}``.

Sources: seed 001 (S1:L6602-6892: the trigger takes an optional ``{"callback": url}`` and answers
``202 {"state": "QUEUED"}``; the download takes ``databaseBackupVersion`` = ``LATEST`` and answers the zip
with ``Content-Disposition: attachment; filename="{static_backup_file_name}.zip"``, ``Last-Modified``
"start date from last completed backup process" and ``Content-Length``; 400 on a validation error), seed
002 (v1 "Database Backups": the callback may come as a query parameter too; "while a backup is in
progress, Mambu will not allow starting another one"; the download of a tenant without a completed
backup answers 400 "No current backup"; the callback payload ``{"tenantId", "result": "COMPLETE",
"domain", "fileName"}``; file names like ``demo-MANUAL-DATABASE-BACKUP``), and the RestError reasons
``DATABASE_BACKUP_IN_PROGRESS`` / ``DATABASE_BACKUP_NOT_FOUND`` of the OpenAPI files.

[INFERRED] How long a backup takes is :attr:`DatabaseBackups.duration` on the fake's clock (zero by
default: a triggered backup is ready at once; set it and ``fake.clock.advance(...)`` to see one in
progress). The archive is a snapshot of the tenant when triggered: a zip with one JSON file per
collection (Mambu's is a database dump; its contents are not documented). ``Last-Modified`` carries
Mambu's date-time text (the seed types it ``date-time``). Refusals are 400 with the reasons above;
``LATEST`` is the most recent *completed* backup. Callbacks cannot be called from an in-memory tenant:
:meth:`DatabaseBackups.notices` lists the notices Mambu would have sent.
"""

from __future__ import annotations

import datetime as dt
import io
import weakref
import zipfile
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mambu_async import _json
from mambu_async.testing import query
from mambu_async.testing.apierror import bad_request
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response
from mambu_async.testing.schema import parse_datetime
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

__all__ = ["DatabaseBackups", "database_backups", "install"]

BACKUPS = "databasebackups"
"""Store collection of backups (newest last)."""
TENANT_ID = "fake"
"""[INFERRED] The tenant id the fake names its backups and callback notices after."""
DOMAIN = "fake.mambu.com"
"""[INFERRED] The tenant domain of callback notices."""

_DURATIONS: weakref.WeakKeyDictionary[FakeMambu, dt.timedelta] = weakref.WeakKeyDictionary()


class DatabaseBackups:
    """The database backups of one fake tenant (``database_backups(fake)``)."""

    def __init__(self, fake: FakeMambu) -> None:
        self.fake = fake

    @property
    def duration(self) -> dt.timedelta:
        """How long a triggered backup stays in progress on the fake's clock (zero by default)."""
        return _DURATIONS.get(self.fake, dt.timedelta(0))

    @duration.setter
    def duration(self, value: dt.timedelta) -> None:
        if not isinstance(value, dt.timedelta) or value < dt.timedelta(0):
            raise ValueError("duration must be a non-negative timedelta")
        _DURATIONS[self.fake] = value

    def _ready_at(self, record: Record) -> dt.datetime:
        ready = parse_datetime(record["readyDate"])
        assert ready is not None  # written by trigger()
        return ready

    def in_progress(self) -> Record | None:
        """The backup still being made, if any."""
        now = self.fake.clock.now()
        running = [r for r in self.fake.store[BACKUPS].values() if self._ready_at(r) > now]
        return running[-1] if running else None

    def latest(self) -> Record | None:
        """The most recent completed backup (``archive`` holds its bytes), if any."""
        now = self.fake.clock.now()
        done = [r for r in self.fake.store[BACKUPS].values() if self._ready_at(r) <= now]
        return done[-1] if done else None

    def trigger(self, callback: str | None = None, *, archive: bytes | None = None) -> Record:
        """Start a backup as ``POST /database/backup`` does (400 ``DATABASE_BACKUP_IN_PROGRESS`` while one
        runs); ``archive`` replaces the snapshot (a test's large or exact content)."""
        if self.in_progress() is not None:
            raise bad_request("DATABASE_BACKUP_IN_PROGRESS", "A database backup is already in progress")
        started = self.fake.clock.now()
        record: Record = {
            "encodedKey": self.fake.new_key(),
            "state": "QUEUED",
            "startDate": started.isoformat(timespec="seconds"),
            "readyDate": (started + self.duration).isoformat(timespec="seconds"),
            "fileName": f"{TENANT_ID}-MANUAL-DATABASE-BACKUP",
            "archive": self._snapshot() if archive is None else bytes(archive),
        }
        if callback is not None:
            record["callback"] = callback
        self.fake.store[BACKUPS].put(record)
        return record

    def notices(self) -> list[dict[str, Any]]:
        """``{"url", "payload"}`` of every callback Mambu would have called for a completed backup."""
        now = self.fake.clock.now()
        return [
            {
                "url": r["callback"],
                "payload": {
                    "tenantId": TENANT_ID,
                    "result": "COMPLETE",
                    "domain": DOMAIN,
                    "fileName": r["fileName"],
                },
            }
            for r in self.fake.store[BACKUPS].values()
            if r.get("callback") and self._ready_at(r) <= now
        ]

    def _snapshot(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for kind in sorted(self.fake.store.kinds()):
                if kind == BACKUPS:
                    continue
                archive.writestr(f"{kind}.json", _json.dumps(self.fake.store[kind].values()))
        return buffer.getvalue()


def database_backups(fake: FakeMambu) -> DatabaseBackups:
    """The database backups of ``fake`` (set ``.duration``, read ``.latest()`` and ``.notices()``)."""
    return DatabaseBackups(fake)


def _callback(request: FakeRequest) -> str | None:
    from_query = request.param("callback")
    body = request.json_object() if request.body and request.body.strip() else {}
    unknown = sorted(set(body) - {"callback"})
    if unknown:
        raise bad_request("INVALID_PARAMETERS", f"Unknown backup request properties: {', '.join(unknown)}")
    callback = body.get("callback", from_query)
    if callback is None:
        return None
    parts = urlsplit(callback) if isinstance(callback, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise bad_request("INVALID_PARAMETERS", "callback must be a valid http(s) URL")
    return str(callback)


def _trigger(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, {"callback"})
    database_backups(fake).trigger(_callback(request))
    return json_response(202, {"state": "QUEUED"})


def _download(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, set())
    version = request.path_params["databaseBackupVersion"]
    if version != "LATEST":
        raise bad_request("INVALID_PARAMETERS", f"databaseBackupVersion must be LATEST, got {version!r}")
    latest = database_backups(fake).latest()
    if latest is None:
        raise bad_request("DATABASE_BACKUP_NOT_FOUND", "No current backup")
    archive: bytes = latest["archive"]
    headers = {
        "content-type": "application/zip",
        "content-disposition": f'attachment; filename="{latest["fileName"]}.zip"',
        "last-modified": latest["startDate"],
        "content-length": str(len(archive)),
    }
    return FakeResponse(200, headers, archive)


def install(fake: FakeMambu) -> None:
    """Register the database backup routes."""
    fake.router.add("POST", "/database/backup", _trigger)
    fake.router.add("GET", "/database/backup/{databaseBackupVersion}", _download)
