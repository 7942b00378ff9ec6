"""Every Python block of README.rst runs against the demo tenant of ``mambu-async emulator --demo`` (served
in-process) and passes ``mypy --strict``, so the manual cannot rot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mambu_async.testing import FakeMambu
from tests.docs.fragments import as_module, demo_tenant, emulator_env, mypy_strict, run_code
from tests.docs.readme import Block, blocks, python_blocks

BLOCKS = python_blocks()


def _effects(block: Block, fake: FakeMambu, namespace: dict[str, Any], printed: str) -> None:
    """What each block visibly did (beyond running without an error)."""
    code = block.code
    if 'loan.loan_name = "Car loan"' in code:  # Quick start
        loan = fake.get("loans", "L000004")
        assert loan["loanName"] == "Car loan" and loan["_Loan_Info"]["purpose"] == "CAR"
        assert "'path': '/loanName'" in printed and "active loans above 30,000" in printed
    elif 'await loan.approve("documents checked")' in code:
        assert fake.get("loans", "L000002")["accountState"] == "ACTIVE"
        assert namespace["installment"].total_due is not None
        assert namespace["receipt"].startswith(b"%PDF")
    elif '"_Personal_Info", "nickname", "Ana"' in code:
        assert fake.get("clients", "C000001")["_Personal_Info"]["nickname"] == "Ana"
        assert namespace["client"].custom_fields.value("_References", "name", index=1).endswith("Reference")
    elif "use_idempotency_key" in code:
        paid = [t for t in fake.store["loantransactions"].values() if t.get("type") == "REPAYMENT"]
        assert any(t.get("amount") == namespace["Decimal"]("150.00") for t in paid)
    elif "on_page=print" in code:
        assert "PageEvent(" in printed and namespace["loan"].id
    elif 'mambu.mambu_get("L000004", "loans", "FULL")' in code:
        assert namespace["loan"]["id"] == "L000004" and "_Loan_Info" in namespace["loan"]
    elif "def test_" in code:
        assert callable(namespace["test_new_client_is_pending"])  # run by tests/distribution
    elif "build_demo_tenant" in code:
        assert len(namespace["fake"].store["loans"]) == 10_000
    elif "set_exchange_rate" in code:
        assert namespace["rate"].buy_rate == namespace["Decimal"]("1.0824")
        assert namespace["each"].buy_rate == namespace["Decimal"]("1.0824")  # the newest rate comes last
    elif "mambu_download_database_backup" in code:
        assert namespace["result"]["size"] > 0 and namespace["digest"].digest()
    elif "MambuFunction.create" in code:
        assert [(f.name, f.version) for f in namespace["fns"]] == [("fee-1", "v2")]  # REMOVING for 24 hours
    elif "mambu_v1_upload_document" in code:
        assert namespace["content"] == namespace["pdf"] and namespace["picture"].startswith(b"\x89PNG")
        assert namespace["thumb"] == namespace["picture"]
        assert namespace["clients"] >= 1 and "CLIENT" in namespace["hits"]
    elif "fake.faults.add" in code:
        assert len(namespace["fake"].faults.rules) == 3
    else:
        assert namespace["client"]["state"] == "PENDING_APPROVAL" and namespace["fake"].store["branches"]


@pytest.mark.parametrize("block", BLOCKS, ids=[b.name for b in BLOCKS])
def test_readme_block_runs_against_the_demo_emulator(
    block: Block, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = demo_tenant()
    with emulator_env(fake, monkeypatch):
        namespace = run_code(block.code, block.name)
    _effects(block, fake, namespace, capsys.readouterr().out)


def test_readme_blocks_pass_mypy_strict(tmp_path: Path) -> None:
    files = []
    for block in BLOCKS:
        path = tmp_path / f"readme_line_{block.line}.py"
        path.write_text(as_module(block.code, block.name), encoding="utf-8")
        files.append(path)
    checked = mypy_strict(files, tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_every_python_looking_block_is_marked_python() -> None:
    """A literal block (``::``) that compiles as Python would escape both tests above."""
    assert len(BLOCKS) >= 10
    for block in blocks():
        if block.python:
            continue
        with pytest.raises(SyntaxError):
            compile(block.code, block.name, "exec")
