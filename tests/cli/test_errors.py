"""Every bad input: one line naming the problem, its own exit code, nothing written to --out."""

from __future__ import annotations

import logging
import os

import httpx
import pytest

from mambu_async.export.exit_codes import ExitCode
from mambu_async.testing import emulator_app
from mambu_async.testing.faults import connect_error, server_error
from tests.cli.conftest import Cli

BAD_INPUT = [
    pytest.param(["export", "lonas"], ExitCode.UNKNOWN_ENTITY, ["'lonas'", "loans", "clients"], id="entity"),
    pytest.param(
        ["export", "loans", "--filter", "colour=red"],
        ExitCode.UNKNOWN_FILTER_FIELD,
        ["'colour'", "accountState"],
        id="filter-field",
    ),
    pytest.param(
        ["export", "loans", "--search", '[{"field": "colour", "operator": "EQUALS", "value": "x"}]'],
        ExitCode.UNKNOWN_FILTER_FIELD,
        ["'colour'", "loanAmount"],
        id="search-field",
    ),
    pytest.param(
        ["export", "loans", "--sort", "colour"],
        ExitCode.UNKNOWN_SORT_FIELD,
        ["'colour'", "id"],
        id="sort-field",
    ),
    pytest.param(
        ["export", "loans", "--search", '{"filterCriteria": [], "sortingCriteria": {"field": "colour"}}'],
        ExitCode.UNKNOWN_SORT_FIELD,
        ["'colour'", "encodedKey"],
        id="search-sort-field",
    ),
    pytest.param(
        ["export", "loans", "--search", '[{"field": "loanAmount", "operator": "BIGGER", "value": "1"}]'],
        ExitCode.UNKNOWN_OPERATOR,
        ["'BIGGER'", "MORE_THAN", "BETWEEN"],
        id="operator",
    ),
    pytest.param(
        ["export", "loans", "--search", '[{"field": "loanAmount",'],
        ExitCode.BAD_SEARCH,
        ["not valid JSON"],
        id="search-json",
    ),
    pytest.param(
        ["export", "loans", "--search", '"loanAmount > 5"'],
        ExitCode.BAD_SEARCH,
        ["JSON list"],
        id="search-shape",
    ),
    pytest.param(
        ["export", "loans", "--search", '[{"field": "loanAmount", "operator": "BETWEEN", "value": "1"}]'],
        ExitCode.BAD_SEARCH,
        ["secondValue"],
        id="search-arity",
    ),
    pytest.param(
        ["export", "loans", "--resume", "not-a-cursor"], ExitCode.BAD_CURSOR, ["cursor"], id="cursor"
    ),
    pytest.param(["export", "loans", "--details", "SOME"], ExitCode.USAGE, ["--details"], id="details"),
    pytest.param(
        ["export", "loans", "--concurrency", "0"], ExitCode.USAGE, ["--concurrency"], id="concurrency"
    ),
    pytest.param(
        ["export", "loans", "--filter", "accountState"], ExitCode.USAGE, ["KEY=VALUE"], id="filter-pair"
    ),
    pytest.param(
        ["export", "loanproducts", "--search", "[]"],
        ExitCode.USAGE,
        ["no search endpoint"],
        id="not-searchable",
    ),
    pytest.param(["frobnicate"], ExitCode.USAGE, ["invalid choice"], id="command"),
]


@pytest.mark.parametrize(("argv", "code", "words"), BAD_INPUT)
def test_bad_input_is_one_line_with_its_own_code(
    cli: Cli, argv: list[str], code: int, words: list[str]
) -> None:
    out = cli.tmp / "out.jsonl"
    result = cli.run(*argv, "--out", str(out)) if argv[0] == "export" else cli.run(*argv)
    assert result.code == code
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("mambu-async")
    for word in words:
        assert word in lines[0]
    assert not out.exists()
    assert cli.built == []  # refused before the tenant was even built


def test_every_failure_class_has_a_distinct_code() -> None:
    values = [code.value for code in ExitCode]
    assert len(values) == len(set(values))


def test_cursor_of_another_query_is_refused(cli: Cli) -> None:
    broken_out = cli.tmp / "a.jsonl"
    cli.fake.faults.add(server_error(500), method="POST", path="/loans:search", times=None, after=2)
    broken = cli.run("export", "loans", "--out", str(broken_out))
    cli.fake.faults.clear()
    token = next(x for x in broken.stderr.splitlines() if "resume with:" in x).rsplit(" ", 1)[1]
    out = cli.tmp / "b.jsonl"
    result = cli.run(
        "export", "loans", "--filter", "accountState=ACTIVE", "--out", str(out), "--resume", token
    )
    assert result.code == ExitCode.BAD_CURSOR
    assert "used no --filter, not --filter accountState=ACTIVE" in result.stderr
    assert not out.exists()


def _env(fake_key: str = "wrong-key") -> dict[str, str]:
    return {"MAMBU_BASE_URL": "http://localhost", "MAMBU_API_KEY": fake_key}


def test_bad_credentials(cli: Cli) -> None:
    out = cli.tmp / "loans.jsonl"
    out.write_text("kept\n")
    transport = httpx.ASGITransport(app=emulator_app(cli.fake))
    result = cli.run("export", "loans", "--out", str(out), env=_env(), options={"transport": transport})
    assert result.code == ExitCode.AUTHENTICATION
    assert result.stderr.count("\n") == 1 and "authentication failed" in result.stderr
    assert "wrong-key" not in result.stderr
    assert out.read_text() == "kept\n"


def test_unreachable_tenant(cli: Cli) -> None:
    out = cli.tmp / "loans.jsonl"
    cli.fake.faults.add(connect_error(), times=None)
    transport = httpx.ASGITransport(app=emulator_app(cli.fake))
    result = cli.run(
        "export",
        "loans",
        "--out",
        str(out),
        env=_env(str(cli.fake.api_key)),
        options={"transport": transport},
    )
    assert result.code == ExitCode.UNREACHABLE
    assert result.stderr.count("\n") == 1 and "tenant unreachable" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"MAMBU_BASE_URL": "https://acme.mambu.com"}, ["MAMBU_API_KEY", "MAMBU_USERNAME"]),
        ({"MAMBU_BASE_URL": "http://acme.mambu.com", "MAMBU_API_KEY": "k"}, ["https"]),
        ({"MAMBU_BASE_URL": "https://acme.mambu.com", "MAMBU_USERNAME": "u"}, ["MAMBU_PASSWORD"]),
    ],
)
def test_incomplete_configuration(cli: Cli, env: dict[str, str], words: list[str]) -> None:
    out = cli.tmp / "loans.jsonl"
    result = cli.run("export", "loans", "--out", str(out), env=env)
    assert result.code == ExitCode.CONFIG
    assert result.stderr.count("\n") == 1
    for word in words:
        assert word in result.stderr
    assert not out.exists()


def test_output_that_cannot_be_written(cli: Cli) -> None:
    out = cli.tmp / "missing-dir" / "loans.jsonl"
    result = cli.run("export", "loans", "--out", str(out))
    assert result.code == ExitCode.OUTPUT
    assert "cannot write" in result.stderr


def test_tenant_refusing_a_filter_value(cli: Cli) -> None:
    result = cli.run("export", "loans", "--filter", "accountState=SLEEPING")
    assert result.code == ExitCode.REJECTED, result.stderr
    assert "[400]" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("MAMBU_PAGE_SIZE", "5000", "MAMBU_PAGE_SIZE must be a whole number from 1 to 1,000"),
        ("MAMBU_PAGE_SIZE", "0", "MAMBU_PAGE_SIZE must be a whole number from 1 to 1,000"),
        ("MAMBU_TIMEOUT", "soon", "MAMBU_TIMEOUT must be a positive number of seconds, got 'soon'"),
        ("MAMBU_TIMEOUT", "-1", "MAMBU_TIMEOUT must be a positive number of seconds"),
        ("MAMBU_TIMEOUT", "nan", "MAMBU_TIMEOUT must be a positive number of seconds"),
        ("MAMBU_MAX_RETRIES", "-2", "MAMBU_MAX_RETRIES must be a whole number from 0 to 100"),
        ("MAMBU_MAX_CONCURRENCY", "1.5", "MAMBU_MAX_CONCURRENCY must be a whole number from 1 to 1,000"),
        ("MAMBU_BASE_URL", "ftp://acme.mambu.com", "MAMBU_BASE_URL: base_url scheme must be https"),
    ],
)
def test_bad_mambu_variable_is_named_without_unrelated_hints(
    cli: Cli, variable: str, value: str, expected: str
) -> None:
    env = {"MAMBU_BASE_URL": "https://acme.mambu.com", "MAMBU_API_KEY": "k", variable: value}
    result = cli.run("export", "loans", env=env)
    assert result.code == ExitCode.CONFIG
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("mambu-async: ")
    assert expected in result.stderr
    assert "MAMBU_USERNAME" not in result.stderr  # no hint about credentials that are fine


class _Counting(httpx.AsyncBaseTransport):
    """Counts the requests that reach the tenant."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.sent = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.sent += 1
        return await self.inner.handle_async_request(request)


@pytest.mark.parametrize("where", ["missing-dir/loans.jsonl", "a-directory", "read-only/loans.jsonl"])
def test_out_is_checked_for_writing_before_the_tenant_is_queried(cli: Cli, where: str) -> None:
    if where.startswith("read-only") and os.geteuid() == 0:
        pytest.skip("root may write into a read-only directory")
    (cli.tmp / "a-directory").mkdir()
    (cli.tmp / "read-only").mkdir()
    (cli.tmp / "read-only").chmod(0o500)
    counting = _Counting(httpx.ASGITransport(app=emulator_app(cli.fake)))
    env = {"MAMBU_BASE_URL": "http://localhost", "MAMBU_API_KEY": str(cli.fake.api_key)}
    try:
        result = cli.run("export", "loans", "--out", str(cli.tmp / where), env=env,
                         options={"transport": counting})
    finally:
        (cli.tmp / "read-only").chmod(0o700)
    assert result.code == ExitCode.OUTPUT, result.stderr
    assert f"cannot write {cli.tmp / where}" in result.stderr
    assert counting.sent == 0


def test_retries_are_printed_only_with_verbose(cli: Cli) -> None:
    cli.fake.faults.add(server_error(503), method="POST", path="/loans:search", times=1)
    quiet = cli.run("export", "loans")
    assert quiet.code == 0 and "retrying" not in quiet.stderr
    cli.fake.faults.add(server_error(503), method="POST", path="/loans:search", times=1)
    verbose = cli.run("export", "loans", "--verbose")
    assert verbose.code == 0
    retries = [line for line in verbose.stderr.splitlines() if "retrying" in line]
    assert len(retries) == 1 and retries[0].startswith("mambu-async: retrying POST ")
    assert not logging.getLogger("mambu_async").handlers  # the command leaves logging as it found it
