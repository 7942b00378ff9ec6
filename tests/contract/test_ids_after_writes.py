"""Ids and encodedKeys of created records never collide with what the store holds, whoever seeded it;
numeric ids keep increasing; after one write of every kind to the demo tenant, every list, search and
``mambu-async export`` still works (on both connectors)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from mambu_async import MambuConnectorREST
from mambu_async.connector.operations import MambuOperations
from mambu_async.export.query import entity_classes, exportable_names
from mambu_async.testing import FakeConnector, FakeMambu, emulator_app
from mambu_async.testing.clock import DEFAULT_NOW
from mambu_async.testing.factories import build_demo_tenant
from tests.cli.conftest import Cli, read_jsonl

SEARCHABLE = ("clients", "groups", "loans", "deposits", "loans/transactions", "deposits/transactions")


async def _no_sleep(seconds: float) -> None:
    return None


@asynccontextmanager
async def _connector(kind: str, fake: FakeMambu) -> AsyncIterator[MambuOperations]:
    if kind == "fake":
        yield FakeConnector(fake, sleep=_no_sleep)
        return
    transport = httpx.ASGITransport(app=emulator_app(fake))
    async with MambuConnectorREST(
        "http://127.0.0.1/api", api_key=str(fake.api_key), transport=transport, sleep=_no_sleep
    ) as connector:
        yield connector


def _demo() -> FakeMambu:
    fake = FakeMambu(now=DEFAULT_NOW)
    build_demo_tenant(fake, clients=12, loans=20, deposits=14)
    return fake


def _stored(fake: FakeMambu, state: str, kind: str) -> str:
    return next(str(r["id"]) for r in fake.store[kind].values() if r.get("accountState") == state)


async def _write_one_of_each(c: MambuOperations, fake: FakeMambu) -> dict[str, Any]:
    """One record of every kind, created the way a client would; returns them by store kind."""
    made: dict[str, Any] = {}
    made["branches"] = await c.mambu_create("branches", {"name": "New branch"})
    made["centres"] = await c.mambu_create(
        "centres", {"name": "New centre", "assignedBranchKey": made["branches"]["encodedKey"]}
    )
    made["userroles"] = await c.mambu_create("userroles", {"name": "Teller"})
    made["users"] = await c.mambu_create("users", {"username": "teller", "firstName": "Tess"})
    # Mambu's v2 only reads custom field definitions: they are configured, here seeded
    made["customfieldsets"] = fake.create("customfieldsets", {"id": "_Extra", "availableFor": "CLIENT"})
    made["customfields"] = fake.create(
        "customfields", {"id": "extraNote", "customFieldSetId": "_Extra", "type": "FREE_TEXT"}
    )
    made["loanproducts"] = await c.mambu_create(
        "loanproducts",
        {"id": "LPX", "name": "Extra loan", "type": "FIXED_TERM_LOAN", "creditArrangementSettings": {}},
    )
    made["depositproducts"] = await c.mambu_create(
        "depositproducts",
        {
            "id": "DPX",
            "name": "Extra savings",
            "type": "REGULAR_SAVINGS",
            "state": "ACTIVE",
            "accountingSettings": {"accountingMethod": "NONE"},
            "newAccountSettings": {"idGeneratorType": "RANDOM_PATTERN", "idPattern": "@@@###"},
        },
    )
    client = made["clients"] = await c.mambu_create("clients", {"firstName": "Nia", "lastName": "New"})
    made["groups"] = await c.mambu_create(
        "groups", {"groupName": "New group", "groupMembers": [{"clientKey": client["encodedKey"]}]}
    )
    made["loans"] = await c.mambu_create(
        "loans",
        {
            "accountHolderKey": client["encodedKey"],
            "accountHolderType": "CLIENT",
            "productTypeKey": made["loanproducts"]["encodedKey"],
            "loanAmount": Decimal("600.00"),
            "interestSettings": {"interestRate": Decimal("10")},
            "scheduleSettings": {
                "gracePeriod": 0,
                "repaymentInstallments": 6,
                "repaymentPeriodUnit": "MONTHS",
            },
        },
    )
    made["deposits"] = await c.mambu_create(
        "deposits",
        {
            "accountHolderKey": client["encodedKey"],
            "accountHolderType": "CLIENT",
            "productTypeKey": made["depositproducts"]["encodedKey"],
            "name": "Savings",
            "accountType": "REGULAR_SAVINGS",
            "currencyCode": "EUR",
        },
    )
    approved = _stored(fake, "APPROVED", "loans")
    active = _stored(fake, "ACTIVE", "loans")
    deposit = _stored(fake, "ACTIVE", "deposits")
    made["loantransactions"] = [
        await c.mambu_make_disbursement(approved),
        await c.mambu_make_repayment(active, Decimal("12.34")),
        await c.mambu_make_fee(active, Decimal("1.50")),
    ]
    made["deposittransactions"] = [
        await c.mambu_make_deposit(deposit, Decimal("50.25")),
        await c.mambu_make_withdrawal(deposit, Decimal("5.10")),
    ]
    made["comments"] = await c.mambu_comment(client["id"], "CLIENT", "Welcome")
    made["documents"] = await c.mambu_upload_document(
        "CLIENT", client["id"], b"%PDF-1.4 contract", "contract", file_name="contract.pdf"
    )
    made["tasks"] = await c.mambu_create(
        "tasks",
        {"title": "Call Nia", "dueDate": "2024-02-01", "taskLinkType": "CLIENT", "taskLinkKey": client["id"]},
    )
    return made


def _flat(made: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (kind, r) for kind, value in made.items() for r in (value if isinstance(value, list) else [value])
    ]


@pytest.mark.parametrize("connector", ["fake", "rest"])
def test_one_write_of_each_kind_then_everything_lists_searches_and_exports(
    connector: str, tmp_path: Path
) -> None:
    fake = _demo()
    top = {kind: fake.store[kind].top_numeric_id for kind in ("loantransactions", "deposittransactions")}

    async def write_and_read() -> dict[str, Any]:
        async with _connector(connector, fake) as c:
            made = await _write_one_of_each(c, fake)
            for prefix in SEARCHABLE:
                found = await c.mambu_search(prefix, limit=None)
                keys = [r["encodedKey"] for r in found]
                assert len(keys) == len(set(keys)) > 0
            return made

    made = asyncio.run(write_and_read())
    for kind, record in _flat(made):
        holders = [
            k for k in fake.store.kinds() if k != "documentfiles" and record["encodedKey"] in fake.store[k]
        ]
        assert holders == [kind], (kind, record["encodedKey"], holders)
        if "id" in record:
            assert fake.store[kind].by_id(str(record["id"]))["encodedKey"] == record["encodedKey"]
    for kind in top:
        new_ids = [int(r["id"]) for r in made[kind]]
        assert new_ids == sorted(new_ids) and new_ids[0] == top[kind] + 1

    cli = Cli(fake, tmp_path)
    store_kind = {cls._prefix: cls._prefix for cls in entity_classes().values()}
    store_kind.update(
        {
            "loans/transactions": "loantransactions",
            "deposits/transactions": "deposittransactions",
            "communications/messages": "communicationmessages",
            "organization/holidays/general": "holidays",
            "accounting/interestaccrual": "interestaccruals",
        }
    )
    computed = {"installments", "setup/organization"}  # built from other records, not stored as such
    for name in exportable_names():
        out = tmp_path / f"{name}.jsonl"
        result = cli.run("export", name, "--out", str(out))
        assert result.code == 0, (name, result.stderr)
        records = read_jsonl(out)
        prefix = entity_classes()[name]._prefix
        if prefix in computed:
            assert records, name
            continue
        kind = store_kind[prefix]
        # records are told apart by encodedKey, or by the unique key of kinds served without one
        names = ("encodedKey", "entryId", "referenceToken", "code", "glCode", "id")
        ident = next(n for n in names if all(n in r for r in records))
        assert {r[ident] for r in records} == {r[ident] for r in fake.store[kind].values()}, name
        assert len(records) == len(fake.store[kind]), name


def test_numeric_ids_climb_above_whatever_was_seeded(mambu_fake: FakeMambu) -> None:
    fake = mambu_fake
    fake.create("clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez"})
    seeded = {"encodedKey": "8a8e8f", "id": "41", "type": "DEPOSIT", "amount": Decimal("1.00")}
    fake.store["loantransactions"].put(seeded)
    fake.store["tasks"].put({"encodedKey": "8a8e90", "id": 7, "title": "seeded"})
    assert fake.new_int_id("loantransactions") == 42
    task = fake.create(
        "tasks", {"title": "Call", "dueDate": "2024-02-01", "taskLinkType": "CLIENT", "taskLinkKey": "C1"}
    )
    assert task["id"] == 8
    fake.store["tasks"].remove(task["encodedKey"])
    assert fake.new_int_id("tasks") == 9  # a deleted id is never handed out again


def test_created_keys_and_ids_avoid_records_seeded_from_the_same_generator() -> None:
    seeded = FakeMambu(seed=5)
    twin = FakeMambu(seed=5)
    taken = [seeded.new_key() for _ in range(3)]
    for number, key in enumerate(taken):
        twin.store["branches"].put({"encodedKey": key, "id": f"B{number}", "name": "seeded"})
    created = twin.create("branches", {"name": "New"})
    assert created["encodedKey"] not in taken
    assert len({r["encodedKey"] for r in twin.store["branches"].values()}) == 4


@pytest.mark.parametrize("connector", ["fake", "rest"])
def test_installment_keys_avoid_stored_keys_and_stay_stable(connector: str) -> None:
    fake = _demo()
    loan = next(r for r in fake.store["loans"].values() if r.get("accountState") == "ACTIVE")
    # a record seeded with the key an installment would take if keys were derived from the loan's
    fake.store["branches"].put({"encodedKey": f"{loan['encodedKey'][:24]}00000001", "id": "BRX", "name": "x"})

    async def read_twice() -> tuple[list[str], list[str]]:
        async with _connector(connector, fake) as c:
            first = await c.mambu_loanaccount_getSchedule(loan["id"])
            second = await c.mambu_loanaccount_getSchedule(loan["id"])
        return [i["encodedKey"] for i in first["installments"]], [
            i["encodedKey"] for i in second["installments"]
        ]

    first, second = asyncio.run(read_twice())
    assert first == second and len(set(first)) == len(first) > 1
    assert not any(fake.store.holds_key(key) for key in first)
