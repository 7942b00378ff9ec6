"""The installed package type-checks for its users (PEP 561): mypy run outside the repository finds it,
``custom_fields[set][field] = value`` passes, and ``details_level`` accepts only "BASIC" and "FULL"."""

from __future__ import annotations

from pathlib import Path

from tests.docs.fragments import mypy_strict

GOOD = '''
from mambu_async import MambuClient, MambuConnectorREST, MambuLoan


async def use(connector: MambuConnectorREST) -> None:
    loan = await MambuLoan.get("L1", connector=connector, details_level="BASIC", timeout=5)
    loan.custom_fields["_Loan_Info"]["purpose"] = "CAR"
    loan.custom_fields["_Guarantors"][0]["name"] = "Ana"
    await loan.patch(timeout=2.5)
    await connector.with_options(max_retries=0).mambu_get("L1", "loans", details_level="FULL")
    await connector.mambu_get("L1", "loans", "FULL")
    clients = await MambuClient.get_all(connector=connector, details_level="FULL")
    print(len(clients), loan.details_level)
'''

BAD = '''
from mambu_async import MambuConnectorREST, MambuLoan


async def use(connector: MambuConnectorREST) -> None:
    await MambuLoan.get("L1", connector=connector, details_level="full")
    await connector.mambu_get("L1", "loans", details_level="EVERYTHING")
'''


def test_users_code_type_checks_against_the_installed_package(tmp_path: Path) -> None:
    (tmp_path / "good.py").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.py").write_text(BAD, encoding="utf-8")
    good = mypy_strict([tmp_path / "good.py"], tmp_path)
    assert good.returncode == 0, good.stdout + good.stderr
    bad = mypy_strict([tmp_path / "bad.py"], tmp_path)
    errors = [line for line in bad.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 2, bad.stdout
    assert all("Literal['BASIC', 'FULL']" in line for line in errors)
