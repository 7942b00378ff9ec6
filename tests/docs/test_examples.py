"""The scripts in examples/ run as documented against the demo tenant (served in-process) and pass
``mypy --strict``."""

from __future__ import annotations

import asyncio
import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import httpx
import pytest

from mambu_async import _json
from tests.docs.fragments import demo_tenant, emulator_env, mypy_strict, no_sleep
from tests.docs.readme import ROOT

EXAMPLES = ROOT / "examples"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_web_service_holds_one_connector_and_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = demo_tenant()

    async def serve() -> tuple[httpx.Response, httpx.Response]:
        async with service.lifespan(service.app):  # what the ASGI server runs at start and stop
            connector = service.app.state.mambu
            transport = httpx.ASGITransport(app=service.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://service") as http:
                found, missing = await asyncio.gather(http.get("/loans/L000004"), http.get("/loans/NOPE"))
            assert service.app.state.mambu is connector  # the same connector for every request
        assert connector._client.is_closed  # closed when the app stops
        return found, missing

    with emulator_env(fake, monkeypatch):
        service = _load("web_service")
        found, missing = asyncio.run(serve())
    assert found.status_code == 200
    stored = fake.get("loans", "L000004")
    assert found.json()["amount"] == str(stored["loanAmount"]) and found.json()["state"] == "ACTIVE"
    assert missing.status_code == 404


def test_bulk_pull_writes_every_loan_and_resumes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = demo_tenant()
    out = tmp_path / "loans.jsonl"
    with emulator_env(fake, monkeypatch):
        bulk = _load("bulk_pull")
        assert bulk.main([str(out)]) == 0
    records = [_json.loads(line) for line in out.read_bytes().splitlines()]
    assert sorted(r["id"] for r in records) == sorted(r["id"] for r in fake.store["loans"].values())
    assert all("_Loan_Info" in r for r in records)  # FULL details
    assert records[0]["loanAmount"] == fake.get("loans", records[0]["id"])["loanAmount"]


def test_retries_and_idempotency_book_each_payment_once(capsys: pytest.CaptureFixture[str]) -> None:
    demo = _load("retries_and_idempotency")
    seen = asyncio.run(demo.main(sleep=no_sleep))
    assert seen == {
        "before": seen["before"],
        "after a lost response": seen["before"] + 1,
        "after the same key twice": seen["before"] + 2,
    }
    assert "no retry asked, so the 503 is raised at once" in capsys.readouterr().out


def test_test_with_fake_passes_in_strict_mode() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTHON"))}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:randomly",
         "-o", "asyncio_mode=strict", str(EXAMPLES / "test_with_fake.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "4 passed" in done.stdout


def test_examples_pass_mypy_strict(tmp_path: Path) -> None:
    checked = mypy_strict(sorted(EXAMPLES.glob("*.py")), tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
