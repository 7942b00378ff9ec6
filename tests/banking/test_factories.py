"""The demo tenant: deterministic, every state, balances that replay exactly."""

from __future__ import annotations

from mambu_async.testing.backend import FakeMambu
from mambu_async.testing.banking import loans
from mambu_async.testing.factories import LOAN_SCENARIOS, build_demo_tenant


def _snapshot(fake: FakeMambu) -> list[object]:
    return [fake.store[kind].values() for kind in ("clients", "loans", "deposits", "loantransactions")]


def test_same_arguments_same_tenant() -> None:
    first, second = FakeMambu(), FakeMambu()
    a = build_demo_tenant(first, clients=12, loans=25, deposits=9, seed=7)
    b = build_demo_tenant(second, clients=12, loans=25, deposits=9, seed=7)
    assert a == b
    assert _snapshot(first) == _snapshot(second)
    other = FakeMambu()
    build_demo_tenant(other, clients=12, loans=25, deposits=9, seed=8)
    assert _snapshot(other) != _snapshot(first)


def test_every_loan_state_and_balances_match_a_replay() -> None:
    fake = FakeMambu()
    tenant = build_demo_tenant(fake, clients=10, loans=60, deposits=14, groups=2)
    assert set(tenant.loan_states) == set(LOAN_SCENARIOS)
    states = {(loan["accountState"], loan.get("accountSubState")) for loan in fake.store["loans"].values()}
    assert {
        ("ACTIVE_IN_ARREARS", None),
        ("CLOSED", "REPAID"),
        ("CLOSED", "WRITTEN_OFF"),
        ("CLOSED", "WITHDRAWN"),
        ("CLOSED", "REJECTED"),
        ("PARTIAL_APPLICATION", None),
    } <= states
    assert any(loan["accountHolderType"] == "GROUP" for loan in fake.store["loans"].values())
    for loan_id in tenant.loans:
        stored = fake.get("loans", loan_id)
        replayed = loans.settle(fake, stored)
        assert replayed["balances"] == stored["balances"], loan_id
        assert replayed["accountState"] == stored["accountState"], loan_id
    deposit_states = {d["accountState"] for d in fake.store["deposits"].values()}
    assert {"ACTIVE", "PENDING_APPROVAL", "APPROVED", "LOCKED", "MATURED"} <= deposit_states


def test_deposit_balances_equal_their_transactions() -> None:
    fake = FakeMambu()
    build_demo_tenant(fake, clients=5, loans=0, deposits=20)
    for deposit in fake.store["deposits"].values():
        txs = fake.store["deposittransactions"].find(
            lambda t, d=deposit: t["parentAccountKey"] == d["encodedKey"]
        )
        assert sum((t["amount"] for t in txs), 0) == deposit["balances"]["totalBalance"]
