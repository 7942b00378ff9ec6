"""``get``, ``emulator`` (app wiring and arguments, no port bound), ``demo``, ``--version``, ``-m``."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from mambu_async import MambuConnectorREST, _json
from mambu_async.entities import MambuLoan
from mambu_async.export.exit_codes import ExitCode
from mambu_async.testing import FakeMambu
from tests.cli.conftest import Cli, read_jsonl, small_tenant


def _a_loan(fake: FakeMambu) -> dict[str, Any]:
    return next(r for r in fake.store["loans"].values() if r.get("balances"))


def test_get_prints_one_entity_as_json_with_exact_amounts(cli: Cli) -> None:
    loan = _a_loan(cli.fake)
    result = cli.run("get", "loans", str(loan["id"]))
    assert result.code == 0, result.stderr
    doc = _json.loads(result.stdout)
    assert doc["id"] == loan["id"] and doc["encodedKey"] == loan["encodedKey"]
    assert doc["balances"] == loan["balances"]
    assert b"\n  " in result.stdout  # indented for people


def test_get_by_encoded_key_with_basic_details(cli: Cli) -> None:
    client = next(iter(cli.fake.store["clients"].values()))
    result = cli.run("get", "client", str(client["encodedKey"]), "--details", "basic")
    assert result.code == 0, result.stderr
    assert _json.loads(result.stdout)["id"] == client["id"]


def test_get_unknown_id_is_not_found(cli: Cli) -> None:
    result = cli.run("get", "loans", "NO-SUCH-LOAN")
    assert result.code == ExitCode.NOT_FOUND
    assert result.stdout == b""
    assert result.stderr.strip().splitlines()[-1].startswith("mambu-async: [404]")


def test_get_unknown_entity(cli: Cli) -> None:
    result = cli.run("get", "spaceships", "1")
    assert result.code == ExitCode.UNKNOWN_ENTITY
    assert "loans" in result.stderr


def test_get_bad_credentials(cli: Cli) -> None:
    from mambu_async.testing import emulator_app

    env = {"MAMBU_BASE_URL": "http://localhost", "MAMBU_USERNAME": "mambu", "MAMBU_PASSWORD": "nope"}
    transport = httpx.ASGITransport(app=emulator_app(cli.fake))
    result = cli.run("get", "loans", "L1", env=env, options={"transport": transport})
    assert result.code == ExitCode.AUTHENTICATION
    assert "nope" not in result.stderr


class _Listener:
    """Stands for the bound socket (no port is bound in these tests)."""

    def __init__(self, host: str, port: int) -> None:
        self.address = (host, port)
        self.closed = False

    def getsockname(self) -> tuple[str, int]:
        return self.address

    def __enter__(self) -> _Listener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.closed = True


class _Served:
    def __init__(self) -> None:
        self.calls: list[tuple[Any, str, int]] = []

    def __call__(self, app: Any, listener: Any) -> None:
        self.calls.append((app, *listener.getsockname()))


def _emulator_cli(
    cli: Cli, *argv: str, bind: Callable[[str, int], Any] = _Listener
) -> tuple[int, str, _Served, list[int]]:
    import io

    from mambu_async.cli import Runtime, main

    served, built = _Served(), []
    err = io.StringIO()

    def build(loans: int, **clock: Any) -> FakeMambu:
        built.append(loans)
        return cli.fake

    runtime = Runtime(env={}, stderr=err, build_demo=build, bind=bind, serve=served)
    code = main(["emulator", *argv], runtime=runtime)
    return code, err.getvalue(), served, built


def test_emulator_binds_before_saying_where_to_connect(cli: Cli) -> None:
    events: list[str] = []

    def bind(host: str, port: int) -> _Listener:
        events.append("bound")
        return _Listener(host, 43210 if port == 0 else port)

    code, err, served, _ = _emulator_cli(cli, "--port", "0", bind=bind)
    assert code == 0 and events == ["bound"]
    assert "http://127.0.0.1:43210/api" in err and served.calls[0][1:] == ("127.0.0.1", 43210)


def test_emulator_on_a_taken_port_exits_with_its_own_code(cli: Cli) -> None:
    from mambu_async.cli import _bind

    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        code, err, served, _ = _emulator_cli(cli, "--port", str(port), bind=_bind)
    assert code == ExitCode.PORT_UNAVAILABLE == 18
    assert served.calls == [] and err.count("\n") == 1
    assert err.startswith(f"mambu-async: cannot listen on 127.0.0.1:{port}: ") and "--port" in err
    assert "MAMBU_BASE_URL" not in err  # nothing said about connecting to a server that is not there


def test_emulator_serves_the_demo_tenant_it_announces(cli: Cli) -> None:
    code, err, served, built = _emulator_cli(cli, "--port", "9999", "--demo", "7")
    assert code == 0
    assert built == [7]
    app, host, port = served.calls[0]
    assert (host, port) == ("127.0.0.1", 9999)
    assert "http://127.0.0.1:9999/api" in err and f"MAMBU_API_KEY={cli.fake.api_key}" in err

    async def read_through_the_app() -> list[MambuLoan]:
        async with MambuConnectorREST(
            "http://127.0.0.1:9999", api_key=str(cli.fake.api_key), transport=httpx.ASGITransport(app=app)
        ) as connector:
            return await MambuLoan.get_all(connector=connector, limit=5)

    loans = asyncio.run(read_through_the_app())
    assert len(loans) == 5


def test_emulator_defaults_to_an_empty_tenant_on_8889(cli: Cli) -> None:
    code, err, served, built = _emulator_cli(cli)
    assert code == 0 and built == []
    assert served.calls[0][1:] == ("127.0.0.1", 8889) and "empty tenant" in err


def test_emulator_demo_without_a_number_uses_the_default_size(cli: Cli) -> None:
    from mambu_async.cli import EMULATOR_DEMO_LOANS

    code, _, _, built = _emulator_cli(cli, "--demo")
    assert code == 0 and built == [EMULATOR_DEMO_LOANS]


@pytest.mark.parametrize("argv", [["--port", "http"], ["--port", "70000"], ["--demo", "-3"]])
def test_emulator_bad_arguments(cli: Cli, argv: list[str]) -> None:
    code, err, served, _ = _emulator_cli(cli, *argv)
    assert code == ExitCode.USAGE and served.calls == []
    assert err.count("\n") == 1


def test_emulator_without_the_extra_says_how_to_install_it(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import mambu_async.testing

    def missing(fake: FakeMambu) -> Any:
        raise ModuleNotFoundError("No module named 'starlette'", name="starlette")

    monkeypatch.setattr(mambu_async.testing, "emulator_app", missing)
    code, err, served, _ = _emulator_cli(cli)
    assert code == ExitCode.MISSING_EXTRA and served.calls == []
    assert "mambu-async[emulator]" in err


def test_demo_writes_into_the_current_directory(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    cli = Cli(small_tenant(30), tmp_path)
    result = cli.run("demo", "--loans", "30")
    assert result.code == 0, result.stderr
    assert len(read_jsonl(tmp_path / "mambu-demo-loans.jsonl")) == 30
    assert "export loans --out mambu-demo-loans.jsonl" in result.stderr


def test_demo_builds_exports_and_shows_the_first_loan(tmp_path: Any) -> None:
    fake = small_tenant(30)
    cli = Cli(fake, tmp_path)
    out = tmp_path / "demo.jsonl"
    result = cli.run(
        "demo", "--loans", "30", "--out", str(out), env={"MAMBU_BASE_URL": "https://ignored.example"}
    )
    assert result.code == 0, result.stderr
    assert cli.built == [30]
    records = read_jsonl(out)
    assert len(records) == 30
    for step in ("Step 1/3", "Step 2/3", "Step 3/3", "Next:"):
        assert step in result.stderr
    assert str(records[0]["id"]) in result.stderr


def test_version(cli: Cli, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.run("--version")
    assert stop.value.code == 0
    assert "mambu-async" in capsys.readouterr().out


def test_python_dash_m_runs_the_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mambu_async", "export", "nothing"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == ExitCode.UNKNOWN_ENTITY
    assert done.stderr.startswith("mambu-async: unknown entity 'nothing'")


def test_emulator_clock_options_freeze_the_tenant_in_its_zone(cli: Cli) -> None:
    import io

    from mambu_async.cli import Runtime, main
    from mambu_async.export.tenant import build_demo

    served, err = _Served(), io.StringIO()
    argv = ["emulator", "--demo", "3", "--now", "2024-06-30T23:30:00+00:00", "--timezone", "Europe/Berlin"]
    code = main(argv, runtime=Runtime(env={}, stderr=err, build_demo=build_demo, serve=served))
    assert code == 0
    assert "tenant time 2024-07-01T01:30:00+02:00 (Europe/Berlin, frozen)" in err.getvalue()
    app = served.calls[0][0]

    async def create_through_the_app() -> dict[str, Any]:
        async with MambuConnectorREST(
            "http://127.0.0.1:8889", api_key=str(cli.fake.api_key), transport=httpx.ASGITransport(app=app)
        ) as connector:
            created: dict[str, Any] = await connector.mambu_create(
                "clients", {"firstName": "A", "lastName": "B"}
            )
            return created

    assert asyncio.run(create_through_the_app())["creationDate"] == "2024-07-01T01:30:00+02:00"


@pytest.mark.parametrize(
    "argv", [["--now", "2024-06-30T23:30:00"], ["--now", "yesterday"], ["--timezone", "Mars/Olympus"]]
)
def test_emulator_refuses_a_naive_or_unknown_clock(cli: Cli, argv: list[str]) -> None:
    code, err, served, _ = _emulator_cli(cli, *argv)
    assert code == ExitCode.USAGE and served.calls == []
    assert "--now" in err or "--timezone" in err


def test_emulator_without_clock_options_follows_real_time(cli: Cli) -> None:
    code, err, _, _ = _emulator_cli(cli)
    assert code == 0 and "(UTC, real time)" in err
