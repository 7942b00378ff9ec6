"""The demo tenant's history is consistent in time: nothing after now, every record after what it uses."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from mambu_async.testing.backend import FakeMambu
from mambu_async.testing.factories import build_demo_tenant
from mambu_async.testing.schema import parse_datetime

EARLY = dt.datetime(2026, 12, 3, 8, 39, 11, tzinfo=dt.UTC)  # before the 09:00 the history is stamped at


def _at(value: Any) -> dt.datetime:
    parsed = parse_datetime(value)
    assert parsed is not None, value
    return parsed


# Dates of what happened (planned ones, such as a first repayment date, may be ahead).
EVENTS = (
    "creationDate",
    "lastModifiedDate",
    "approvedDate",
    "activationDate",
    "closedDate",
    "lastAccountAppraisalDate",
    "lastSetToArrearsDate",
    "valueDate",
    "bookingDate",
)


@pytest.fixture(scope="module")
def demo() -> FakeMambu:
    fake = FakeMambu(now=EARLY)
    build_demo_tenant(fake, clients=30, loans=60, deposits=14, groups=3)
    return fake


def test_nothing_happens_after_the_tenants_now(demo: FakeMambu) -> None:
    assert demo.clock.now() == EARLY  # building the history leaves the clock where it was
    kinds = ("branches", "users", "loanproducts", "depositproducts", "clients", "groups", "loans")
    for kind in (*kinds, "deposits", "loantransactions", "deposittransactions", "activities"):
        for record in demo.store[kind].values():
            for name in EVENTS:
                if name in record:
                    assert _at(record[name]) <= EARLY, (kind, record.get("id"), name)
    for loan in demo.store["loans"].values():
        if "disbursementDate" in loan["disbursementDetails"]:
            assert _at(loan["disbursementDetails"]["disbursementDate"]) <= EARLY


def test_loans_are_created_approved_disbursed_then_repaid_in_order(demo: FakeMambu) -> None:
    products = {p["encodedKey"]: _at(p["creationDate"]) for p in demo.store["loanproducts"].values()}
    holders = {
        r["encodedKey"]: _at(r["creationDate"])
        for kind in ("clients", "groups")
        for r in demo.store[kind].values()
    }
    txs: dict[str, list[dt.datetime]] = {}
    for tx in demo.store["loantransactions"].values():
        txs.setdefault(tx["parentAccountKey"], []).append(_at(tx["creationDate"]))
    disbursed = 0
    for loan in demo.store["loans"].values():
        created = _at(loan["creationDate"])
        assert products[loan["productTypeKey"]] < created
        assert holders[loan["accountHolderKey"]] < created
        steps = [created]
        if "approvedDate" in loan:
            steps.append(_at(loan["approvedDate"]))
        details = loan["disbursementDetails"]
        assert len(details["encodedKey"]) == 32 and details["fees"] == []
        if "disbursementDate" in details:
            disbursed += 1
            steps.append(_at(details["disbursementDate"]))
            steps.extend(sorted(txs[loan["encodedKey"]]))
        if "closedDate" in loan:
            steps.append(_at(loan["closedDate"]))
        assert steps == sorted(steps), loan["id"]
        assert created < steps[-1] or len(steps) == 1
        assert _at(loan["lastModifiedDate"]) == max(steps[-1], _at(loan["lastModifiedDate"]))
    assert disbursed > 0


def test_groups_form_after_their_members_and_the_catalogue_first(demo: FakeMambu) -> None:
    clients = {c["encodedKey"]: _at(c["creationDate"]) for c in demo.store["clients"].values()}
    for group in demo.store["groups"].values():
        formed = _at(group["creationDate"])
        assert all(clients[m["clientKey"]] < formed for m in group["groupMembers"])
    first_client = min(clients.values())
    for kind in ("branches", "users", "loanproducts", "depositproducts"):
        assert all(_at(r["creationDate"]) < first_client for r in demo.store[kind].values()), kind
    status_body = demo.dispatch("GET", "/setup/organization", headers=demo.auth_headers())
    assert status_body.status == 200
    assert b'"creationDate":"2024-12-03T09:00:00+00:00"' in status_body.body.replace(b" ", b"")


def test_centres_roles_and_tasks_are_seeded(demo: FakeMambu) -> None:
    branches = {b["encodedKey"] for b in demo.store["branches"].values()}
    centres = {c["encodedKey"]: c for c in demo.store["centres"].values()}
    assert centres and all(c["assignedBranchKey"] in branches for c in centres.values())
    roles = {r["encodedKey"] for r in demo.store["userroles"].values()}
    assert len(roles) == 2
    for user in demo.store["users"].values():
        assert user["role"]["encodedKey"] in roles and user["access"]["mambuAccess"] is True
        assert user["email"].endswith("@example.com") and user["title"]
    clients = demo.store["clients"].values()
    assert any(c.get("assignedCentreKey") in centres for c in clients)
    assert any(c["addresses"] for c in clients) and any(c["idDocuments"] for c in clients)
    assert all(g["assignedCentreKey"] in centres for g in demo.store["groups"].values())
    users = {u["encodedKey"]: u for u in demo.store["users"].values()}
    for group in demo.store["groups"].values():
        assert users[group["assignedUserKey"]]["assignedBranchKey"] == group["assignedBranchKey"]
    for client in clients:
        assert all(a["parentKey"] == client["encodedKey"] for a in client["addresses"])
    by_key = {c["encodedKey"]: c for c in clients}
    tasks = demo.store["tasks"].values()
    assert len(tasks) == 8 and {t["status"] for t in tasks} == {"OPEN", "COMPLETED"}
    borrowers = {loan["accountHolderKey"] for loan in demo.store["loans"].values()}
    for task in tasks:
        assert task["taskLinkKey"] in borrowers
        assert _at(by_key[task["taskLinkKey"]]["creationDate"]) < _at(task["creationDate"]) <= EARLY


async def test_the_new_records_are_served(demo: FakeMambu) -> None:
    for path in ("/centres", "/userroles", "/tasks"):
        response = demo.dispatch("GET", path, headers=demo.auth_headers())
        assert response.status == 200 and response.body not in (b"[]", None), path
