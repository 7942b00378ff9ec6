"""``GET /users?branchId=&branchIdType=`` and loan ``:changeDueDatesSettings``, on both connectors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from mambu_async import MambuBadRequestError, MambuNotFoundError
from mambu_async.testing import FakeMambu
from mambu_async.testing.faults import lose_response

D = Decimal


def _reason(caught: pytest.ExceptionInfo[Any]) -> str:
    return str(caught.value.errors[0].reason)


# -- users by branch -----------------------------------------------------------------------------


@pytest.fixture
def staff(mambu_fake: FakeMambu) -> FakeMambu:
    fake = mambu_fake
    main = fake.create("branches", {"id": "BR1", "name": "Main"})["encodedKey"]
    other = fake.create("branches", {"id": "BR2", "name": "Other"})["encodedKey"]
    users: list[tuple[str, str, dict[str, Any]]] = [
        ("teller", main, {}),
        ("manager", other, {"managedBranches": [{"branchKey": main}]}),
        ("director", other, {"canManageAllBranches": True}),
        ("clerk", other, {"canManageAllBranches": False, "managedBranches": [{"branchKey": other}]}),
    ]
    for username, branch, access in users:
        data: dict[str, Any] = {"username": username, "firstName": username, "assignedBranchKey": branch}
        if access:
            data["access"] = access
        fake.create("users", data)
    return fake


async def _usernames(connector: Any, **params: str) -> list[str]:
    users = await connector.mambu_get_all("users", filters=params, sortBy="username:ASC")
    return [u["username"] for u in users]


async def test_users_by_assigned_or_managed_branch(mambu_connector: Any, staff: FakeMambu) -> None:
    c = mambu_connector
    assert await _usernames(c, branchId="BR1") == ["teller"]
    assert await _usernames(c, branchId="BR1", branchIdType="ASSIGNED") == ["teller"]
    # MANAGE: assigned to the branch, managing it, or managing all branches
    assert await _usernames(c, branchId="BR1", branchIdType="MANAGE") == ["director", "manager", "teller"]
    assert await _usernames(c, branchId="BR2", branchIdType="MANAGE") == ["clerk", "director", "manager"]
    assert await _usernames(c, branchId="BR2", branchIdType="ASSIGNED") == ["clerk", "director", "manager"]


async def test_users_sort_by_id(mambu_connector: Any, staff: FakeMambu) -> None:
    ids = sorted(str(u["id"]) for u in staff.store["users"].values())
    for order, expected in (("ASC", ids), ("DESC", ids[::-1])):
        users = await mambu_connector.mambu_get_all("users", sortBy=f"id:{order}")
        assert [u["id"] for u in users] == expected


async def test_branch_id_type_refusals(mambu_connector: Any, staff: FakeMambu) -> None:
    for params in ({"branchIdType": "MANAGE"}, {"branchId": "BR1", "branchIdType": "OWNED"}):
        with pytest.raises(MambuBadRequestError) as caught:
            await mambu_connector.mambu_get_all("users", filters=params)
        detail = caught.value.errors[0]
        assert (detail.code, detail.reason) == (4, "INVALID_PARAMETERS")
        assert "branchIdType" in str(detail.source)


# -- loans: :changeDueDatesSettings --------------------------------------------------------------


@pytest.fixture
def lender(mambu_fake: FakeMambu) -> FakeMambu:
    fake = mambu_fake
    fake.create("clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez"})
    fake.create(
        "loanproducts",
        {
            "id": "LP1",
            "name": "Micro",
            "type": "FIXED_TERM_LOAN",
            "creditArrangementSettings": {},
            "scheduleSettings": {
                "repaymentReschedulingMethod": "NONE",
                "repaymentScheduleMethod": "DYNAMIC",
                "scheduleDueDatesMethod": "FIXED_DAYS_OF_MONTH",
                "fixedDaysOfMonth": [15],
            },
        },
    )
    fake.create(
        "loans",
        {
            "id": "L1",
            "accountHolderKey": "C1",
            "accountHolderType": "CLIENT",
            "productTypeKey": "LP1",
            "loanAmount": D("1200"),
            "interestSettings": {"interestRate": D("12")},
            "scheduleSettings": {
                "gracePeriod": 0,
                "repaymentInstallments": 4,
                "repaymentPeriodUnit": "MONTHS",
            },
        },
    )
    return fake


def _due_dates(schedule: dict[str, Any]) -> list[str]:
    return [i["dueDate"][:10] for i in schedule["installments"]]


def _amounts(installment: dict[str, Any]) -> tuple[Decimal, Decimal]:
    return installment["principal"]["amount"]["expected"], installment["interest"]["amount"]["expected"]


async def test_change_due_dates_moves_the_pending_installments(
    mambu_connector: Any, lender: FakeMambu
) -> None:
    c = mambu_connector
    await c.mambu_change_state("L1", "loans", "APPROVE")
    await c.mambu_make_disbursement("L1")  # 2024-01-15
    before = await c.mambu_loanaccount_getSchedule("L1")
    assert _due_dates(before) == ["2024-02-15", "2024-03-15", "2024-04-15", "2024-05-15"]
    lender.clock.advance(days=32)  # 2024-02-16
    await c.mambu_make_repayment("L1", D("312"))  # installment 1 in full
    body = {"fixedDaysOfMonth": [31], "notes": "payday", "valueDate": "2024-02-16T00:00:00+00:00"}
    lost = lender.faults.add(lose_response(), method="POST", path="/loans/*:changeDueDatesSettings")  # type: ignore[attr-defined]
    assert await c.mambu_action("L1", "loans", "changeDueDatesSettings", body) is None
    # the retry after the lost answer carries the same Idempotency-Key: replayed, not applied twice
    assert lost.hits == 1 and lender.idempotency.replays == 1  # type: ignore[attr-defined]
    after = await c.mambu_loanaccount_getSchedule("L1")
    assert _due_dates(after) == ["2024-02-15", "2024-03-31", "2024-04-30", "2024-05-31"]
    assert [_amounts(i) for i in after["installments"]] == [_amounts(i) for i in before["installments"]]
    assert after["installments"][0]["state"] == "PAID"
    loan = await c.mambu_get("L1", "loans", "FULL")
    assert loan["scheduleSettings"]["fixedDaysOfMonth"] == [31]
    assert loan["scheduleSettings"]["scheduleDueDatesMethod"] == "FIXED_DAYS_OF_MONTH"
    assert loan["scheduleSettings"]["repaymentInstallments"] == 4
    assert loan["balances"]["principalBalance"] == D("900") and loan["accountState"] == "ACTIVE"
    lender.clock.advance(days=45)  # 2024-04-01: installment 2, due 2024-03-31, is now late
    late = await c.mambu_get("L1", "loans")
    assert (late["accountState"], late["daysLate"]) == ("ACTIVE_IN_ARREARS", 1)


async def test_change_due_dates_refusals(mambu_connector: Any, lender: FakeMambu) -> None:
    c = mambu_connector
    ok = {"fixedDaysOfMonth": [5]}
    with pytest.raises(MambuBadRequestError) as pending:
        await c.mambu_action("L1", "loans", "changeDueDatesSettings", ok)
    assert _reason(pending) == "INVALID_ACCOUNT_STATE"
    await c.mambu_change_state("L1", "loans", "APPROVE")
    await c.mambu_make_disbursement("L1")  # 2024-01-15
    cases = [
        ({}, "INVALID_PARAMETERS"),
        ({"fixedDaysOfMonth": []}, "INVALID_PARAMETERS"),
        ({"fixedDaysOfMonth": [0]}, "INVALID_PARAMETERS"),
        ({"fixedDaysOfMonth": [32]}, "INVALID_PARAMETERS"),
        ({"fixedDaysOfMonth": ["5"]}, "INVALID_PARAMETERS"),
        ({"fixedDaysOfMonth": [5], "valueDate": "2024-01-10T00:00:00+00:00"}, "BACKDATE_BEFORE_ACTIVATION"),
        ({"fixedDaysOfMonth": [5], "valueDate": "2024-03-01T00:00:00+00:00"}, "BACKDATE_SET_IN_THE_FUTURE"),
        ({"fixedDaysOfMonth": [5], "valueDate": "soon"}, "INVALID_DATE"),
    ]
    for body, reason in cases:
        with pytest.raises(MambuBadRequestError) as caught:
            await c.mambu_action("L1", "loans", "changeDueDatesSettings", body)
        assert _reason(caught) == reason, body
    await c.mambu_action("L1", "loans", "payOff", {"notes": "done"})
    with pytest.raises(MambuBadRequestError) as closed:
        await c.mambu_action("L1", "loans", "changeDueDatesSettings", ok)
    assert _reason(closed) == "INVALID_ACCOUNT_STATE"
    with pytest.raises(MambuNotFoundError):
        await c.mambu_action("NOPE", "loans", "changeDueDatesSettings", ok)
    loan = await c.mambu_get("L1", "loans", "FULL")
    assert "fixedDaysOfMonth" not in loan["scheduleSettings"]


async def test_change_due_dates_refused_when_the_product_has_no_fixed_days(
    mambu_connector: Any, lender: FakeMambu
) -> None:
    c = mambu_connector
    lender.create(
        "loanproducts",
        {"id": "LPI", "name": "Interval", "type": "FIXED_TERM_LOAN", "creditArrangementSettings": {}},
    )
    loan = lender.get("loans", "L1")
    await c.mambu_create("loans", {**_creatable(loan), "id": "L2", "productTypeKey": "LPI"})
    await c.mambu_change_state("L2", "loans", "APPROVE")
    await c.mambu_make_disbursement("L2")
    with pytest.raises(MambuBadRequestError) as caught:
        await c.mambu_action("L2", "loans", "changeDueDatesSettings", {"fixedDaysOfMonth": [5]})
    detail = caught.value.errors[0]
    assert (detail.code, detail.reason) == (135, "FIXED_DAYS_OF_MONTH_NOT_ALLOWED")
    after = await c.mambu_get("L2", "loans", "FULL")
    assert after["scheduleSettings"].get("scheduleDueDatesMethod") != "FIXED_DAYS_OF_MONTH"


def _creatable(loan: dict[str, Any]) -> dict[str, Any]:
    keep = ("accountHolderKey", "accountHolderType", "loanAmount", "interestSettings", "scheduleSettings")
    settings = {
        k: v
        for k, v in loan["scheduleSettings"].items()
        if k in ("gracePeriod", "repaymentInstallments", "repaymentPeriodUnit")
    }
    return {**{k: loan[k] for k in keep}, "scheduleSettings": settings}
