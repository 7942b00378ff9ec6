"""The command's parts on their own: CSV cells and columns, plain progress, the sink, exit codes."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from mambu_async import _json
from mambu_async.entities import MambuLoan
from mambu_async.errors import (
    MambuBadRequestError,
    MambuConnectionError,
    MambuNotFoundError,
    MambuServerError,
    MambuTimeoutError,
)
from mambu_async.export.exit_codes import CliError, ExitCode, classify, one_line
from mambu_async.export.formats import CsvFormat, JsonlFormat, cell, csv_columns
from mambu_async.export.progress import PlainProgress, make_progress
from mambu_async.export.query import exportable_names, resolve_entity
from mambu_async.export.run import _resume_command
from mambu_async.export.shape import ExportShape
from mambu_async.export.sink import Checkpoint, ExportSink, checkpoint_path, load_resume


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1234.50"), "1234.50"),
        (Decimal("1E+3"), "1000"),
        (Decimal("0.000000000000000000123"), "0.000000000000000000123"),
        (True, "true"),
        (None, ""),
        (7, "7"),
        ([1, {"a": Decimal("0.10")}], '[1,{"a":0.10}]'),
    ],
)
def test_cells_are_exact(value: object, text: str) -> None:
    assert cell(value) == text


def test_csv_columns_flatten_value_objects_and_keep_lists_whole() -> None:
    columns, _ = csv_columns(MambuLoan)
    assert columns[-2:] == ["customFieldSets", "unknownFields"]
    assert "balances.principalBalance" in columns and "balances" not in columns
    assert "disbursementDetails.firstRepaymentDate" in columns
    assert "guarantors" in columns and not any(c.startswith("guarantors.") for c in columns)
    assert len(columns) == len(set(columns))


def test_csv_row_places_values_and_keeps_the_rest() -> None:
    fmt = CsvFormat(MambuLoan)
    record = {
        "id": "L1",
        "loanAmount": Decimal("1000.10"),
        "balances": {"principalBalance": Decimal("99.999"), "newBalance": 1},
        "guarantors": [{"amount": Decimal("5.5")}],
        "brandNewField": "x",
        "_Loan_Extras": {"purpose": "HOME, car\nand more"},
    }
    header = next(csv.reader(io.StringIO(fmt.header().decode())))
    row = next(csv.DictReader(io.StringIO((fmt.header() + fmt.encode(record)).decode(), newline="")))
    assert header == fmt.columns
    assert row["loanAmount"] == "1000.10" and row["balances.principalBalance"] == "99.999"
    assert _json.loads(row["guarantors"]) == [{"amount": Decimal("5.5")}]
    assert _json.loads(row["customFieldSets"]) == {"_Loan_Extras": {"purpose": "HOME, car\nand more"}}
    assert _json.loads(row["unknownFields"]) == {"balances.newBalance": 1, "brandNewField": "x"}


def test_jsonl_keeps_decimals_as_numbers() -> None:
    assert JsonlFormat().encode({"a": Decimal("0.10")}) == b'{"a":0.10}\n'


def test_plain_progress_lines_with_rate_and_eta() -> None:
    now = [0.0]
    stream = io.StringIO()
    progress = PlainProgress(stream, "loans", interval=1.0, clock=lambda: now[0])
    progress.start(1000, completed=100)
    now[0] = 0.5
    progress.advance(50)
    assert stream.getvalue() == ""  # not yet an interval
    now[0] = 2.0
    progress.advance(150)
    assert stream.getvalue() == "loans: 300 / 1,000 (30%), 100/s, ETA 0:07\n"
    progress.stop(False)
    assert stream.getvalue().splitlines()[-1].endswith("- stopped in 0:02")


def test_progress_without_a_total() -> None:
    stream = io.StringIO()
    progress = PlainProgress(stream, "clients", clock=lambda: 1.0)
    progress.start(None)
    progress.advance(3)
    assert progress.line() == "clients: 3, 3,000,000,000/s"


def test_rich_bar_only_on_a_terminal() -> None:
    assert isinstance(make_progress(io.StringIO(), "x"), PlainProgress)
    assert not isinstance(make_progress(io.StringIO(), "x", rich=True), PlainProgress)


def test_sink_writes_whole_batches_and_checkpoints_each(tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    cursors = iter(f"c{i}" for i in range(100))
    shape = ExportShape("loans", "FULL", "jsonl")
    sink = ExportSink(out, JsonlFormat(), cursor=lambda: next(cursors), shape=shape, batch_records=2)
    sink.add({"id": 1})
    assert not out.exists()  # nothing before the first batch
    sink.add({"id": 2})
    saved = Checkpoint.parse(checkpoint_path(out).read_text(), "x")
    assert saved == Checkpoint("c0", out.stat().st_size, 2, shape)
    sink.add({"id": 3})
    assert load_resume(sink.abort() or "", None) == Checkpoint("c1", shape=shape)  # the token names all
    assert out.read_bytes() == b'{"id":1}\n{"id":2}\n{"id":3}\n'
    assert Checkpoint.parse(checkpoint_path(out).read_text(), "x").records == 3


def test_sink_finish_removes_the_checkpoint(tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    sink = ExportSink(out, JsonlFormat(), cursor=lambda: "c", batch_records=1)
    sink.add({"id": 1})
    assert checkpoint_path(out).exists()
    sink.finish()
    assert not checkpoint_path(out).exists() and out.read_bytes() == b'{"id":1}\n'


def test_resume_without_a_checkpoint_drops_a_torn_last_line(tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    out.write_bytes(b'{"id":1}\n{"id":2}\n{"id":')
    sink = ExportSink(out, JsonlFormat(), cursor=lambda: "c", resume=Checkpoint("tok"))
    sink.add({"id": 3})
    sink.finish()
    assert out.read_bytes() == b'{"id":1}\n{"id":2}\n{"id":3}\n'


def test_load_resume_accepts_a_token_or_a_checkpoint_file(tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    side = checkpoint_path(out)
    saved = Checkpoint("tok", 10, 2, ExportShape("loans", "BASIC", "csv", ("accountState=ACTIVE",)))
    side.write_bytes(saved.dump())
    assert load_resume(str(side), out) == saved
    assert load_resume("tok", out) == saved  # matches the side file
    assert load_resume(saved.token(), out) == saved
    assert load_resume("other", out) == Checkpoint("other")
    with pytest.raises(CliError) as bad:
        load_resume(str(tmp_path / "nope.cursor"), out)
    assert bad.value.code == ExitCode.BAD_CURSOR
    (tmp_path / "junk.cursor").write_text("{")
    with pytest.raises(CliError):
        load_resume(str(tmp_path / "junk.cursor"), out)


def test_resume_command_replaces_an_earlier_cursor() -> None:
    argv = ["export", "loans", "--out", "my loans.jsonl", "--resume", "old", "--resume=older"]
    assert _resume_command(argv, "new") == "mambu-async export loans --out 'my loans.jsonl' --resume new"


@pytest.mark.parametrize(
    ("exc", "code"),
    [
        (MambuConnectionError("down"), ExitCode.UNREACHABLE),
        (MambuTimeoutError("slow"), ExitCode.UNREACHABLE),
        (MambuNotFoundError("gone", status_code=404), ExitCode.NOT_FOUND),
        (MambuBadRequestError("no", status_code=400), ExitCode.REJECTED),
        (MambuServerError("boom", status_code=502), ExitCode.SERVER),
        (OSError(28, "No space left on device"), ExitCode.OUTPUT),
        (RuntimeError("bug"), ExitCode.UNEXPECTED),
    ],
)
def test_exit_code_classes(exc: BaseException, code: ExitCode) -> None:
    assert classify(exc) == code
    assert "\n" not in one_line(exc)


def test_entity_names_and_aliases() -> None:
    assert {"loans", "clients", "deposits", "loanproducts"} <= set(exportable_names())
    assert resolve_entity("loan", export=True)[0] == "loans"
    assert resolve_entity("MambuClient", export=True)[0] == "clients"
    assert resolve_entity("LoanProducts", export=True)[0] == "loanproducts"


def test_progress_bar_counts_with_thousands_separators() -> None:
    stream = io.StringIO()
    progress = make_progress(stream, "loans", rich=True)
    progress.start(12_000, completed=1_500)
    progress.advance(500)
    progress.stop(False)
    assert "2,000/12,000" in stream.getvalue()
