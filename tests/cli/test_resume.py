"""Exports that fail half-way leave a valid partial file and a cursor; resuming appends without duplicates."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import httpx
import pytest

from mambu_async.export.exit_codes import ExitCode
from mambu_async.export.sink import checkpoint_path
from mambu_async.testing import FakeMambu, emulator_app
from mambu_async.testing.faults import connection_reset, server_error
from tests.cli.conftest import Cli, ids_in_store, read_jsonl, sequence_of


def _resume_token(stderr: str) -> str:
    line = next(x for x in stderr.splitlines() if "resume with:" in x)
    return line.rsplit("--resume ", 1)[1].strip()


def _fail_searches_after(fake: FakeMambu, prefix: str, ok: int) -> None:
    """Every ``POST /{prefix}:search`` after the first ``ok`` answers 500 (retries included)."""
    fake.faults.add(server_error(500), method="POST", path=f"/{prefix}:search", times=None, after=ok)


def test_interrupted_export_leaves_whole_records_and_resumes_exactly(fresh_cli: Cli) -> None:
    clean = fresh_cli.run("export", "loans")
    assert clean.code == 0
    expected = sequence_of(clean.lines())

    out = fresh_cli.tmp / "loans.jsonl"
    _fail_searches_after(fresh_cli.fake, "loans", ok=3)  # the total, then two pages
    broken = fresh_cli.run("export", "loans", "--out", str(out), "--concurrency", "1")
    assert broken.code == 15, broken.stderr
    assert "[500]" in broken.stderr and "export stopped after" in broken.stderr
    partial = read_jsonl(out)  # every line is a whole JSON document
    assert 0 < len(partial) < len(expected)
    assert sequence_of(partial) == expected[: len(partial)]
    assert checkpoint_path(out).exists()

    token = _resume_token(broken.stderr)
    assert f"mambu-async export loans --out {out} --concurrency 1 --resume {token}" in broken.stderr
    fresh_cli.fake.faults.clear()
    resumed = fresh_cli.run("export", "loans", "--out", str(out), "--concurrency", "1", "--resume", token)
    assert resumed.code == 0, resumed.stderr
    assert sequence_of(read_jsonl(out)) == expected
    assert not checkpoint_path(out).exists()


def test_resume_twice_with_the_checkpoint_file(fresh_cli: Cli) -> None:
    expected = sequence_of(fresh_cli.run("export", "loans").lines())
    out = fresh_cli.tmp / "loans.jsonl"
    _fail_searches_after(fresh_cli.fake, "loans", ok=2)
    first = fresh_cli.run("export", "loans", "--out", str(out), "--concurrency", "1")
    assert first.code == 15
    after_first = len(read_jsonl(out))
    fresh_cli.fake.faults.clear()
    _fail_searches_after(fresh_cli.fake, "loans", ok=4)  # the total, the page resumed in, two more
    side = str(checkpoint_path(out))
    second = fresh_cli.run("export", "loans", "--out", str(out), "--concurrency", "1", "--resume", side)
    assert second.code == 15
    assert sequence_of(read_jsonl(out)) == expected[: len(read_jsonl(out))]
    assert len(read_jsonl(out)) > after_first
    fresh_cli.fake.faults.clear()
    third = fresh_cli.run("export", "loans", "--out", str(out), "--concurrency", "1", "--resume", side)
    assert third.code == 0, third.stderr
    assert sequence_of(read_jsonl(out)) == expected


def test_resume_cuts_a_batch_torn_by_a_hard_kill(fresh_cli: Cli) -> None:
    expected = sequence_of(fresh_cli.run("export", "loans").lines())
    out = fresh_cli.tmp / "loans.jsonl"
    _fail_searches_after(fresh_cli.fake, "loans", ok=3)
    assert fresh_cli.run("export", "loans", "--out", str(out)).code == 15
    saved = json.loads(checkpoint_path(out).read_text())
    assert saved["bytes"] == out.stat().st_size and saved["records"] == len(read_jsonl(out))
    with open(out, "ab") as handle:  # a kill -9 in the middle of the next batch
        handle.write(b'{"encodedKey":"zzz","id":"TORN"}\n{"encodedKey":"zz')
    fresh_cli.fake.faults.clear()
    resumed = fresh_cli.run("export", "loans", "--out", str(out), "--resume", saved["cursor"])
    assert resumed.code == 0, resumed.stderr
    assert sequence_of(read_jsonl(out)) == expected


def test_csv_resume_appends_rows_without_a_second_header(fresh_cli: Cli) -> None:
    out = fresh_cli.tmp / "clients.csv"
    expected = ids_in_store(fresh_cli.fake, "clients")
    _fail_searches_after(fresh_cli.fake, "clients", ok=2)
    broken = fresh_cli.run("export", "clients", "--out", str(out), "--concurrency", "1")
    assert broken.code == 15
    fresh_cli.fake.faults.clear()
    resumed = fresh_cli.run(
        "export", "clients", "--out", str(out), "--concurrency", "1", "--resume", _resume_token(broken.stderr)
    )
    assert resumed.code == 0, resumed.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    ids = [row["id"] for row in rows]
    assert sorted(ids) == sorted(expected) and len(ids) == len(set(ids))


def test_resume_to_stdout_prints_only_the_rest(fresh_cli: Cli) -> None:
    expected = sequence_of(fresh_cli.run("export", "deposits").lines())
    _fail_searches_after(fresh_cli.fake, "deposits", ok=2)
    broken = fresh_cli.run("export", "deposits", "--concurrency", "1")
    assert broken.code == 15
    first = sequence_of(broken.lines())
    fresh_cli.fake.faults.clear()
    rest = fresh_cli.run("export", "deposits", "--concurrency", "1", "--resume", _resume_token(broken.stderr))
    assert rest.code == 0
    assert first + sequence_of(rest.lines()) == expected


def test_unsorted_pull_resume_skips_records_already_in_the_file(fresh_cli: Cli) -> None:
    """``GET /clients`` cannot sort on a unique key: the file itself tells what was written."""
    out = fresh_cli.tmp / "clients.jsonl"
    expected = ids_in_store(fresh_cli.fake, "clients", lambda r: r.get("state") == "ACTIVE")
    fresh_cli.fake.faults.add(server_error(503), method="GET", path="/clients", times=None, after=2)
    broken = fresh_cli.run(
        "export", "clients", "--filter", "state=ACTIVE", "--out", str(out), "--concurrency", "1"
    )
    assert broken.code == 15, broken.stderr
    fresh_cli.fake.faults.clear()
    token = _resume_token(broken.stderr)
    resumed = fresh_cli.run(
        "export",
        "clients",
        "--filter",
        "state=ACTIVE",
        "--out",
        str(out),
        "--concurrency",
        "1",
        "--resume",
        token,
    )
    assert resumed.code == 0, resumed.stderr
    ids = sequence_of(read_jsonl(out))
    assert sorted(ids) == sorted(expected) and len(ids) == len(set(ids))


def test_connection_lost_mid_export_is_unreachable_with_a_cursor(fresh_cli: Cli) -> None:
    out = fresh_cli.tmp / "loans.jsonl"
    fresh_cli.fake.faults.add(connection_reset(), method="POST", path="/loans:search", times=None, after=3)
    result = fresh_cli.run("export", "loans", "--out", str(out), "--concurrency", "1")
    assert result.code == 12, result.stderr
    assert "tenant unreachable" in result.stderr and "resume with:" in result.stderr
    assert read_jsonl(out)


class _InterruptAfter(httpx.AsyncBaseTransport):
    """Forwards ``ok`` requests, then behaves like Ctrl-C."""

    def __init__(self, inner: httpx.AsyncBaseTransport, ok: int) -> None:
        self.inner = inner
        self.ok = ok

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.ok == 0:
            raise KeyboardInterrupt
        self.ok -= 1
        return await self.inner.handle_async_request(request)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_ctrl_c_saves_what_was_received_and_exits_130(fresh_cli: Cli) -> None:
    fake = fresh_cli.fake
    out = fresh_cli.tmp / "loans.jsonl"
    env = {"MAMBU_BASE_URL": "http://localhost", "MAMBU_API_KEY": str(fake.api_key)}
    transport = _InterruptAfter(httpx.ASGITransport(app=emulator_app(fake)), ok=3)
    result = fresh_cli.run(
        "export", "loans", "--out", str(out), "--concurrency", "1", env=env, options={"transport": transport}
    )
    assert result.code == 130
    assert "interrupted" in result.stderr and "resume with:" in result.stderr
    partial = read_jsonl(out)
    assert partial
    resumed = fresh_cli.run(
        "export",
        "loans",
        "--out",
        str(out),
        "--resume",
        _resume_token(result.stderr),
        env=env,
        options={"transport": httpx.ASGITransport(app=emulator_app(fake))},
    )
    assert resumed.code == 0, resumed.stderr
    assert sorted(sequence_of(read_jsonl(out))) == sorted(ids_in_store(fake, "loans"))
    assert len(read_jsonl(out)) == len(ids_in_store(fake, "loans"))


def _interrupted(fresh_cli: Cli, out: Path, *options: str) -> str:
    """An export of loans with ``options`` stopped by a 500 after two pages; its resume token."""
    _fail_searches_after(fresh_cli.fake, "loans", ok=3)
    broken = fresh_cli.run("export", "loans", "--out", str(out), "--concurrency", "1", *options)
    assert broken.code == 15, broken.stderr
    fresh_cli.fake.faults.clear()
    return _resume_token(broken.stderr)


_SHAPED = ("--details", "BASIC", "--format", "csv", "--search",
           '[{"field": "accountState", "operator": "IN", "values": ["ACTIVE", "CLOSED"]}]',
           "--sort", "encodedKey:ASC")


@pytest.mark.parametrize(
    ("changed", "option"),
    [
        (("--details", "FULL"), "--details"),
        (("--format", "jsonl"), "--format"),
        (("--search", '[{"field": "accountState", "operator": "EQUALS", "value": "ACTIVE"}]'), "--search"),
        (("--sort", "encodedKey:DESC"), "--sort"),
        (("--filter", "accountState=ACTIVE"), "--filter"),
    ],
    ids=["details", "format", "search", "sort", "filter"],
)
def test_resume_with_another_value_of_an_option_is_refused(
    fresh_cli: Cli, changed: tuple[str, str], option: str
) -> None:
    out = fresh_cli.tmp / "loans.out"
    token = _interrupted(fresh_cli, out, *_SHAPED)
    before = out.read_bytes()
    kept = [word for i, word in enumerate(_SHAPED) if word != option and (i == 0 or _SHAPED[i - 1] != option)]
    result = fresh_cli.run("export", "loans", "--out", str(out), *kept, *changed, "--resume", token)
    assert result.code == ExitCode.BAD_CURSOR, result.stderr
    assert "--resume: the interrupted export used" in result.stderr and f"not {option} " in result.stderr
    assert f"omit {option}" in result.stderr
    assert out.read_bytes() == before


def test_resume_of_another_entity_is_refused(fresh_cli: Cli) -> None:
    out = fresh_cli.tmp / "loans.jsonl"
    token = _interrupted(fresh_cli, out)
    result = fresh_cli.run("export", "deposits", "--out", str(out), "--resume", token)
    assert result.code == ExitCode.BAD_CURSOR
    assert "used ENTITY loans, not ENTITY deposits" in result.stderr


def test_resume_with_options_left_out_takes_the_checkpoints(fresh_cli: Cli) -> None:
    whole = fresh_cli.tmp / "whole.out"
    assert fresh_cli.run("export", "loans", "--out", str(whole), *_SHAPED).code == 0
    out = fresh_cli.tmp / "loans.out"
    token = _interrupted(fresh_cli, out, *_SHAPED)
    resumed = fresh_cli.run("export", "loans", "--out", str(out), "--resume", token)
    assert resumed.code == 0, resumed.stderr
    assert "loans (BASIC details)" in resumed.stderr
    assert out.read_bytes() == whole.read_bytes()  # same format, details, rows and order


def test_resume_with_the_checkpoint_file_and_the_same_options_written_differently(fresh_cli: Cli) -> None:
    search = '[{"field": "accountState", "operator": "DIFFERENT_THAN", "value": "CLOSED"}]'
    options = ("--details", "BASIC", "--search", search, "--sort", "encodedKey")
    whole = fresh_cli.tmp / "whole.jsonl"
    assert fresh_cli.run("export", "loans", "--out", str(whole), *options).code == 0
    out = fresh_cli.tmp / "loans.jsonl"
    _interrupted(fresh_cli, out, *options)
    side = str(checkpoint_path(out))
    same = ("--details", "basic", "--search", search.replace(" ", ""), "--sort", "encodedKey:asc")
    resumed = fresh_cli.run("export", "loan", "--out", str(out), *same, "--resume", side)
    assert resumed.code == 0, resumed.stderr
    assert out.read_bytes() == whole.read_bytes()
