"""Where exported records go: the ``--out`` file (or stdout) and its resume checkpoint.

Records are encoded one by one into complete lines and written in batches of whole records, each batch
with one ``write``; after every batch the checkpoint ``<out>.cursor`` is replaced atomically with the
pull's cursor *after the last record written* and the file's length at that moment. So:

* the file only ever holds whole records, and the cursor printed on failure names exactly them;
* ``--resume`` (with the token or the checkpoint file) cuts the file back to the checkpoint's length
  (dropping a batch torn by a hard kill), then appends: nothing is written twice;
* the file is created only when the first batch is written (or at the end of an empty export), so an
  export refused before its first record leaves ``--out`` untouched.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import attrs

from mambu_async.export.exit_codes import CliError, ExitCode
from mambu_async.export.formats import RecordFormat
from mambu_async.export.shape import ExportShape

__all__ = [
    "BATCH_BYTES",
    "BATCH_RECORDS",
    "Checkpoint",
    "ExportSink",
    "check_writable",
    "checkpoint_path",
    "load_resume",
]

_TOKEN_PREFIX = "x1."
"""Starts a resume token that carries the export's shape (a bare pull cursor is base64 of JSON)."""

BATCH_RECORDS = 500
BATCH_BYTES = 1 << 20


def checkpoint_path(out: Path) -> Path:
    """``loans.jsonl`` → ``loans.jsonl.cursor``."""
    return out.with_name(out.name + ".cursor")


@attrs.frozen
class Checkpoint:
    """A resumable position: the pull's cursor, the file length and record count it matches, and the
    shape of the export (entity, details, format, query) so that a resume cannot mix data."""

    cursor: str
    size: int | None = None
    records: int | None = None
    shape: ExportShape | None = None

    def dump(self) -> bytes:
        """The checkpoint file's content."""
        payload = {
            "cursor": self.cursor,
            "bytes": self.size,
            "records": self.records,
            "shape": self.shape.to_json() if self.shape is not None else None,
        }
        return json.dumps(payload, indent=1).encode() + b"\n"

    def token(self) -> str:
        """The resume token printed when an export stops: the cursor with the export's shape."""
        if self.shape is None:
            return self.cursor
        raw = json.dumps({"cursor": self.cursor, "shape": self.shape.to_json()}, separators=(",", ":"))
        return _TOKEN_PREFIX + base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def from_token(cls, token: str) -> Checkpoint:
        """The checkpoint a resume token stands for (a bare pull cursor has no shape)."""
        if not token.startswith(_TOKEN_PREFIX):
            return cls(token)
        body = token[len(_TOKEN_PREFIX) :]
        try:
            raw = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        except (binascii.Error, ValueError):
            raise CliError(ExitCode.BAD_CURSOR, "--resume is not a token printed by export") from None
        shape = ExportShape.from_json(raw.get("shape")) if isinstance(raw, dict) else None
        if shape is None or not isinstance(raw.get("cursor"), str):
            raise CliError(ExitCode.BAD_CURSOR, "--resume is not a token printed by export")
        return cls(raw["cursor"], shape=shape)

    @classmethod
    def parse(cls, text: str, where: str) -> Checkpoint:
        """A checkpoint read back from its file's ``text`` (``where`` names the file in errors)."""
        try:
            raw = json.loads(text)
        except ValueError:
            raise CliError(ExitCode.BAD_CURSOR, f"{where} is not a checkpoint written by export") from None
        if not isinstance(raw, dict) or not isinstance(raw.get("cursor"), str):
            raise CliError(ExitCode.BAD_CURSOR, f"{where} is not a checkpoint written by export")
        size, records = raw.get("bytes"), raw.get("records")
        return cls(
            raw["cursor"],
            size if isinstance(size, int) and size >= 0 else None,
            records if isinstance(records, int) and records >= 0 else None,
            ExportShape.from_json(raw.get("shape")),
        )


def check_writable(out: Path) -> None:
    """Refuse an ``--out`` that cannot be written, before the tenant is queried (nothing is created)."""
    if out.is_dir():
        raise CliError(ExitCode.OUTPUT, f"cannot write {out}: it is a directory")
    if out.exists():
        if not os.access(out, os.W_OK):
            raise CliError(ExitCode.OUTPUT, f"cannot write {out}: permission denied")
        return
    folder = out.parent
    if not folder.is_dir():
        raise CliError(ExitCode.OUTPUT, f"cannot write {out}: directory {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise CliError(ExitCode.OUTPUT, f"cannot write {out}: permission denied in {folder}")


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a token longer than a file name can be
        return False


def load_resume(value: str, out: Path | None) -> Checkpoint:
    """``--resume``: a cursor token, or the path of a checkpoint file.

    A bare token that matches ``<out>.cursor`` picks up that checkpoint's file length too.
    """
    value = value.strip()
    if not value:
        raise CliError(ExitCode.BAD_CURSOR, "--resume needs the cursor printed by an interrupted export")
    candidate = Path(value)
    if value.endswith(".cursor") or os.sep in value or _is_file(candidate):
        try:
            return Checkpoint.parse(candidate.read_text(encoding="utf-8"), str(candidate))
        except OSError as exc:
            raise CliError(ExitCode.BAD_CURSOR, f"cannot read checkpoint {value}: {exc.strerror}") from None
    if out is not None:
        side = checkpoint_path(out)
        if side.is_file():
            try:
                saved = Checkpoint.parse(side.read_text(encoding="utf-8"), str(side))
            except (CliError, OSError):
                saved = None
            if saved is not None and value in (saved.cursor, saved.token()):
                return saved
    return Checkpoint.from_token(value)


class ExportSink:
    """Batches encoded records into ``out`` (``None``: ``stdout``) and keeps its checkpoint current.

    ``cursor`` is read after each batch is written: it must then name the position right after the last
    record given to :meth:`add`.
    """

    def __init__(
        self,
        out: Path | None,
        fmt: RecordFormat,
        *,
        cursor: Callable[[], str | None],
        shape: ExportShape | None = None,
        resume: Checkpoint | None = None,
        stdout: BinaryIO | None = None,
        batch_records: int = BATCH_RECORDS,
        batch_bytes: int = BATCH_BYTES,
    ) -> None:
        self.out = out
        self.fmt = fmt
        self._cursor = cursor
        self.shape = shape
        self.resume = resume
        self._stdout = stdout
        self._batch_records = batch_records
        self._batch_bytes = batch_bytes
        self._buffer: list[bytes] = []
        self._buffered = 0
        self._file: BinaryIO | None = None
        self.size = 0
        self.written = 0
        """Records written by this run."""
        self.last_cursor: str | None = resume.cursor if resume else None
        self.on_flush: Callable[[int], None] | None = None

    # -- opening ----------------------------------------------------------------------------------

    def _open(self) -> BinaryIO:
        if self._file is not None:
            return self._file
        if self.out is None:
            self._file = self._stdout or sys.stdout.buffer
            if self.resume is None:
                self._file.write(self.fmt.header())
            return self._file
        try:
            if self.resume is not None and self.out.exists():
                handle: BinaryIO = open(self.out, "r+b")  # noqa: SIM115 - kept open for the export
                self.size = self._resume_point(handle, self.resume.size)
                handle.truncate(self.size)
                handle.seek(self.size)
            else:
                handle = open(self.out, "wb")  # noqa: SIM115 - kept open for the export
                self.size = 0
            if self.size == 0:
                header = self.fmt.header()
                handle.write(header)
                self.size = len(header)
        except OSError as exc:
            raise CliError(ExitCode.OUTPUT, f"cannot write {self.out}: {exc.strerror or exc}") from None
        self._file = handle
        return handle

    @staticmethod
    def _resume_point(handle: BinaryIO, size: int | None) -> int:
        """Where to append: the checkpoint's length, else after the last complete line."""
        end = handle.seek(0, os.SEEK_END)
        if size is not None and size <= end:
            return size
        if end == 0:
            return 0
        step = 1 << 16
        pos = end
        while pos > 0:
            start = max(0, pos - step)
            handle.seek(start)
            chunk = handle.read(pos - start)
            cut = chunk.rfind(b"\n")
            if cut >= 0:
                return start + cut + 1
            pos = start
        return 0

    # -- writing ----------------------------------------------------------------------------------

    def add(self, record: dict[str, Any]) -> None:
        """Queue one record; writes a batch when it is full."""
        data = self.fmt.encode(record)
        self._buffer.append(data)
        self._buffered += len(data)
        if len(self._buffer) >= self._batch_records or self._buffered >= self._batch_bytes:
            self.flush()

    def flush(self) -> None:
        """Write the queued records with one write, then move the checkpoint after them."""
        handle = self._open()
        count = len(self._buffer)
        if count:
            data = b"".join(self._buffer)
            try:
                handle.write(data)
                handle.flush()
            except OSError as exc:
                where = self.out or "stdout"
                raise CliError(ExitCode.OUTPUT, f"cannot write {where}: {exc.strerror or exc}") from None
            self._buffer.clear()
            self._buffered = 0
            self.size += len(data)
            self.written += count
        self.last_cursor = self._cursor()
        if self.out is not None and count:
            self._save_checkpoint()
        if count and self.on_flush is not None:
            self.on_flush(count)

    def _records_total(self) -> int | None:
        base = self.resume.records if self.resume is not None else 0
        return None if base is None else base + self.written

    def _save_checkpoint(self) -> None:
        assert self.out is not None
        if self.last_cursor is None:
            return
        side = checkpoint_path(self.out)
        tmp = side.with_name(side.name + ".tmp")
        point = Checkpoint(self.last_cursor, self.size, self._records_total(), self.shape)
        try:
            tmp.write_bytes(point.dump())
            os.replace(tmp, side)
        except OSError as exc:
            raise CliError(ExitCode.OUTPUT, f"cannot write {side}: {exc.strerror or exc}") from None

    def finish(self) -> None:
        """The export is complete: write the rest, close, drop the checkpoint."""
        self.flush()
        self.close()
        if self.out is not None:
            checkpoint_path(self.out).unlink(missing_ok=True)

    def abort(self) -> str | None:
        """The export failed: write what was received, keep the checkpoint; the token to resume from."""
        try:
            if self._buffer or self._file is not None:
                self.flush()
        finally:
            self.close()
        if self.last_cursor is None:
            return None
        return Checkpoint(self.last_cursor, shape=self.shape).token()

    def close(self) -> None:
        """Close the file (stdout is left open)."""
        if self._file is not None and self.out is not None:
            self._file.close()
        self._file = None
