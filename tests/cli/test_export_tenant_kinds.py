"""``mambu-async export`` of the tenant-wide kinds: the demo tenant holds records of each, and every one
stored is exported once."""

from __future__ import annotations

import pytest

from tests.cli.conftest import Cli

#: command-line name → the fake's collection (``None``: derived rows, checked by count only).
KINDS = {
    "organization": "organization",
    "holidays": "holidays",
    "creditarrangements": "creditarrangements",
    "glaccounts": "glaccounts",
    "gljournalentries": "gljournalentries",
    "interestaccruals": "interestaccruals",
    "indexratesources": "indexratesources",
    "indexrates": "indexrates",
    "communication-messages": "communicationmessages",
    "cards": "cards",
    "authorizationholds": "authorizationholds",
    "installments": None,
}


@pytest.mark.parametrize("entity", sorted(KINDS))
def test_each_tenant_kind_exports_every_record(cli: Cli, entity: str) -> None:
    result = cli.run("export", entity)
    assert result.code == 0, result.stderr
    records = result.lines()
    assert records, f"the demo tenant holds no {entity}"
    collection = KINDS[entity]
    if collection is not None:
        assert len(records) == len(cli.fake.store[collection])
    assert f"exported {len(records):,} {entity}" in result.stderr


def test_installments_export_matches_every_loan_schedule(cli: Cli) -> None:
    result = cli.run("export", "installments", "--filter", "accountState=ACTIVE")
    assert result.code == 0, result.stderr
    records = result.lines()
    active = {
        loan["encodedKey"] for loan in cli.fake.store["loans"].values() if loan["accountState"] == "ACTIVE"
    }
    assert records and {r["parentAccountKey"] for r in records} == active
    keys = [r["encodedKey"] for r in records]
    assert len(keys) == len(set(keys))
