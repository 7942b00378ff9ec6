"""The ``export`` and ``get`` commands.

``export`` checks everything it can offline (entity, query, cursor), then asks the tenant for the total
with a one-record page (``paginationDetails=ON``: this also proves the credentials before ``--out`` is
touched), then streams ``Entity.iterate`` into the sink, reporting progress per batch written. When it
fails half-way it writes out what it had received, keeps the checkpoint and prints the cursor to resume
from (see :mod:`mambu_async.export.sink`).
"""

from __future__ import annotations

import asyncio
import csv
import shlex
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import attrs
import msgspec

from mambu_async import _json
from mambu_async.connector.paging import FetchedPage, iterate_entities
from mambu_async.connector.paging_strategy import PullPlan
from mambu_async.connector.validation import check_details_level
from mambu_async.entities.base import MambuEntity
from mambu_async.errors import MambuValidationError
from mambu_async.export.exit_codes import CliError, ExitCode, classify, one_line
from mambu_async.export.formats import make_format
from mambu_async.export.progress import make_progress
from mambu_async.export.query import ExportQuery, parse_query, resolve_entity
from mambu_async.export.shape import DEFAULT_DETAILS, ExportShape
from mambu_async.export.sink import Checkpoint, ExportSink, check_writable, load_resume
from mambu_async.export.tenant import TenantOptions, open_tenant

__all__ = ["ExportRequest", "get_entity", "run_export"]

PROG = "mambu-async"


@attrs.frozen
class ExportRequest:
    """The arguments of one ``export``."""

    entity: str
    filters: Sequence[str] = ()
    search: str | None = None
    sort: str | None = None
    details: str | None = None
    """``BASIC`` or ``FULL``; ``None``: the checkpoint's when resuming, else FULL."""
    format: str | None = None
    """``jsonl`` or ``csv``; ``None``: the checkpoint's when resuming, else from ``out``'s suffix."""
    out: Path | None = None
    concurrency: int | None = None
    resume: str | None = None
    argv: Sequence[str] = ()
    """The command line as typed (to print the resume command)."""


class _Offline:
    """A page source that is never asked: lets the engine check a cursor before any connection."""

    async def fetch_page(
        self,
        prefix: str,
        *,
        offset: int,
        limit: int,
        search: bool,
        filters: dict[str, Any] | None = None,
        sortBy: str | None = None,
        filterCriteria: list[dict[str, Any]] | None = None,
        sortingCriteria: dict[str, Any] | None = None,
        detailsLevel: str = "BASIC",
        with_total: bool = False,
        decode_later: bool = False,
    ) -> FetchedPage:  # pragma: no cover - never called
        raise AssertionError("an offline cursor check sends no request")


def _check_cursor(prefix: str, query: ExportQuery, token: str) -> None:
    try:
        iterate_entities(
            _Offline(),
            prefix,
            filters=query.filters,
            filterCriteria=query.filter_criteria,
            sortingCriteria=query.sorting_criteria,
            sortBy=query.sort_by,
            cursor=token,
        )
    except MambuValidationError as exc:
        raise CliError(ExitCode.BAD_CURSOR, f"bad --resume cursor: {exc}") from None


async def _total(connector: Any, prefix: str, query: ExportQuery, plan: PullPlan) -> int | None:
    """How many records match: one record with ``paginationDetails=ON`` (``None`` if not told)."""
    page = await connector.fetch_page(
        prefix,
        offset=0,
        limit=1,
        search=plan.search,
        filters=query.filters,
        sortBy=plan.sortBy,
        filterCriteria=query.filter_criteria,
        sortingCriteria=plan.sortingCriteria,
        with_total=True,
    )
    total = page.total
    return total if isinstance(total, int) else None


def _written_keys(out: Path, fmt: str) -> set[str]:
    """Keys already in ``out`` (for pulls that cannot resume exactly: sorted on a non-unique key)."""
    keys: set[str] = set()
    if not out.is_file():
        return keys
    with open(out, "rb") as handle:
        if fmt == "csv":
            text = (line.decode("utf-8", "replace") for line in handle)
            for row in csv.DictReader(text):
                key = row.get("encodedKey") or row.get("id")
                if key:
                    keys.add(key)
            return keys
        for line in handle:
            try:
                doc = _json.loads(line)
            except msgspec.DecodeError:
                continue  # a line torn by a hard kill: cut off when the file is reopened
            if isinstance(doc, dict):
                key = doc.get("encodedKey") or doc.get("id")
                if key:
                    keys.add(str(key))
    return keys


def _resume_command(argv: Sequence[str], cursor: str) -> str:
    words: list[str] = []
    skip = False
    for word in argv:
        if skip:
            skip = False
            continue
        if word == "--resume":
            skip = True
            continue
        if word.startswith("--resume="):
            continue
        words.append(word)
    return shlex.join([PROG, *words, "--resume", cursor])


async def run_export(
    request: ExportRequest,
    options: TenantOptions,
    *,
    stdout: BinaryIO,
    stderr: TextIO,
    tty: bool | None = None,
) -> int:
    """Run ``export``; returns the exit status (foreseen failures raise :class:`CliError`)."""
    name, cls = resolve_entity(request.entity, export=True)
    shape = ExportShape(
        name, request.details, request.format, tuple(request.filters), request.search, request.sort
    )
    checkpoint: Checkpoint | None = None
    if request.resume is not None:
        checkpoint = load_resume(request.resume, request.out)
        if checkpoint.shape is not None:
            shape = checkpoint.shape.resumed_with(shape)
    details = check_details_level((shape.details or DEFAULT_DETAILS).upper(), "--details")
    format_name = shape.format or _format_for(request.out)
    shape = attrs.evolve(shape, details=details, format=format_name)
    query = parse_query(name, cls, filters=shape.filters, search=shape.search, sort=shape.sort)
    plan = query.plan(cls._prefix)
    fmt = make_format(format_name, cls)
    if checkpoint is not None:
        _check_cursor(cls._prefix, query, checkpoint.cursor)
    if request.out is not None:
        check_writable(request.out)
    announce = (
        f"{PROG}: MAMBU_BASE_URL is not set: exporting {name} from the embedded emulator's demo tenant "
        "(set MAMBU_BASE_URL and MAMBU_API_KEY, or MAMBU_USERNAME and MAMBU_PASSWORD, for your tenant)"
    )
    concurrency = request.concurrency
    async with open_tenant(options, stderr=stderr, concurrency=concurrency, announce=announce) as conn:
        streamed = getattr(cls, "_streamed", False)
        total = None if streamed else await _total(conn, cls._prefix, query, plan)
        seen: set[str] | None = None
        if checkpoint is not None and plan.key_field is None and request.out is not None:
            seen = _written_keys(request.out, format_name)
        stream = cls.iterate(
            connector=conn,
            filters=query.filters,
            filter_criteria=query.filter_criteria,
            sorting_criteria=query.sorting_criteria,
            sort_by=query.sort_by,
            details_level=details,
            concurrency=request.concurrency,
            cursor=checkpoint.cursor if checkpoint else None,
        )
        sink = ExportSink(
            request.out,
            fmt,
            cursor=lambda: stream.cursor,
            shape=shape,
            resume=checkpoint,
            stdout=stdout,
        )
        progress = make_progress(stderr, f"{name} ({details} details)", rich=tty)
        already = checkpoint.records if checkpoint is not None and checkpoint.records else 0
        progress.start(total, completed=already)
        sink.on_flush = progress.advance
        try:
            await _pump(stream, sink, seen)
        except BaseException as exc:
            _stopped(exc, request, sink, progress.stop, stderr)
            if isinstance(exc, KeyboardInterrupt | asyncio.CancelledError):
                raise
            raise CliError(classify(exc), one_line(exc), reported=True) from exc
        finally:
            await stream.aclose()
        progress.stop(True)
    where = f" to {request.out}" if request.out is not None else ""
    print(f"{PROG}: exported {sink.written:,} {name}{where}", file=stderr, flush=True)
    return ExitCode.OK


def _format_for(out: Path | None) -> str:
    """The format an export writes when ``--format`` is not given: CSV for ``*.csv``, else JSON Lines."""
    return "csv" if out is not None and out.suffix.lower() == ".csv" else "jsonl"


async def _pump(stream: Any, sink: ExportSink, seen: set[str] | None) -> None:
    async for entity in stream:
        record = entity.to_wire() if isinstance(entity, MambuEntity) else entity
        if seen is not None:
            key = record.get("encodedKey") or record.get("id")
            if key is not None and str(key) in seen:
                continue
        sink.add(record)
    sink.finish()


def _stopped(
    exc: BaseException, request: ExportRequest, sink: ExportSink, stop: Callable[[bool], None], stderr: TextIO
) -> None:
    """Save what was received and say how to resume."""
    cursor: str | None = None
    try:
        cursor = sink.abort()
    finally:
        stop(False)
    interrupted = isinstance(exc, KeyboardInterrupt | asyncio.CancelledError)
    reason = "interrupted" if interrupted else one_line(exc)
    where = f" in {request.out}" if request.out is not None else ""
    print(f"{PROG}: {reason} (export stopped after {sink.written:,} records{where})", file=stderr)
    if cursor is not None:
        print(f"{PROG}: resume with: {_resume_command(request.argv, cursor)}", file=stderr, flush=True)


async def get_entity(
    entity: str, entid: str, details: str, options: TenantOptions, *, stdout: BinaryIO, stderr: TextIO
) -> int:
    """Run ``get``: one entity as indented JSON on stdout."""
    _, cls = resolve_entity(entity, export=False)
    announce = f"{PROG}: MAMBU_BASE_URL is not set: reading from the embedded emulator's demo tenant"
    async with open_tenant(options, stderr=stderr, announce=announce) as conn:
        found = await cls.get(entid, connector=conn, details_level=check_details_level(details, "--details"))
    stdout.write(msgspec.json.format(_json.dumps(found.to_wire()), indent=2) + b"\n")
    stdout.flush()
    return ExitCode.OK
