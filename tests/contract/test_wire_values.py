"""Numbers sent as JSON strings are accepted and stored as numbers; a read-only field sent back equal in
another spelling (``"0"`` for ``0``, the same instant at another offset) is not a change (both fronts)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from mambu_async.testing import FakeMambu
from tests.contract.conftest import Raw, reasons


@pytest.fixture
def lender(mambu_fake: FakeMambu) -> FakeMambu:
    mambu_fake.create("clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez"})
    mambu_fake.create(
        "loanproducts",
        {"id": "LP1", "name": "Micro", "type": "FIXED_TERM_LOAN", "creditArrangementSettings": {}},
    )
    return mambu_fake


def _loan(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": "L1",
        "accountHolderKey": "C1",
        "accountHolderType": "CLIENT",
        "productTypeKey": "LP1",
        "loanAmount": "1000",
        "interestSettings": {"interestRate": "12.5"},
        "scheduleSettings": {
            "gracePeriod": "0",
            "repaymentInstallments": "5",
            "repaymentPeriodUnit": "MONTHS",
        },
    }
    body.update(changes)
    return body


def _is_number(value: Any) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


async def test_numbers_sent_as_strings_are_stored_as_numbers(raw: Raw, lender: FakeMambu) -> None:
    status, _, created = await raw("POST", "/loans", json=_loan())
    assert status == 201, created
    assert created["loanAmount"] == 1000 and _is_number(created["loanAmount"])
    assert created["interestSettings"]["interestRate"] == Decimal("12.5")
    assert created["scheduleSettings"]["repaymentInstallments"] == 5
    assert type(created["scheduleSettings"]["repaymentInstallments"]) is int
    stored = lender.get("loans", "L1")
    assert stored["loanAmount"] == Decimal("1000") and _is_number(stored["loanAmount"])
    status, _, _ = await raw("POST", "/loans/L1:changeState", json={"action": "APPROVE"})
    assert status == 200
    status, _, _ = await raw("POST", "/loans/L1/disbursement-transactions", json={})
    assert status == 201
    status, _, repaid = await raw("POST", "/loans/L1/repayment-transactions", json={"amount": "10.25"})
    assert status == 201 and repaid["amount"] == Decimal("10.25")


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"loanAmount": "a lot"}, "loanAmount"),
        ({"loanAmount": "NaN"}, "loanAmount"),
        ({"scheduleSettings": {"gracePeriod": 0, "repaymentInstallments": "5.5"}}, "repaymentInstallments"),
        ({"scheduleSettings": {"gracePeriod": 0, "repaymentInstallments": "5.0"}}, "repaymentInstallments"),
    ],
)
async def test_strings_that_are_not_numbers_are_still_refused(
    raw: Raw, lender: FakeMambu, changes: dict[str, Any], where: str
) -> None:
    status, _, body = await raw("POST", "/loans", json=_loan(**changes))
    assert status == 400 and reasons(body) == ["INVALID_PARAMETERS"]
    assert where in body["errors"][0]["errorSource"]


async def test_read_only_fields_sent_back_equal_are_not_a_change(raw: Raw, lender: FakeMambu) -> None:
    stored = lender.get("clients", "C1")
    assert stored["creationDate"] == "2024-01-15T09:00:00+00:00"
    sent = {
        **stored,
        "firstName": "Anna",
        "loanCycle": "0",
        "groupLoanCycle": 0.0,
        "creationDate": "2024-01-15T10:00:00+01:00",
        "approvedDate": stored.get("approvedDate"),
    }
    sent = {k: v for k, v in sent.items() if v is not None}
    status, _, updated = await raw("PUT", "/clients/C1", json=sent)
    assert status == 200, updated
    assert updated["firstName"] == "Anna"
    assert updated["creationDate"] == "2024-01-15T09:00:00+00:00" and updated["loanCycle"] == 0


@pytest.mark.parametrize(
    "sent_back",
    [
        "2024-01-15T09:00:00UTC",
        "2024-01-15T09:00:00GMT",
        "2024-01-15T03:00:00UTC-06:00",
        "2024-01-15T09:00:00Z",
    ],
)
async def test_dates_sent_back_with_the_zone_named_are_the_same_instant(
    raw: Raw, lender: FakeMambu, sent_back: str
) -> None:
    # MambuPy writes a date it read as +00:00 back with the zone's name: 2024-01-15T09:00:00UTC.
    stored = lender.get("clients", "C1")
    sent = {**stored, "lastName": "Updated", "creationDate": sent_back, "lastModifiedDate": sent_back}
    status, _, updated = await raw("PUT", "/clients/C1", json=sent)
    assert status == 200, updated
    assert updated["lastName"] == "Updated" and updated["creationDate"] == "2024-01-15T09:00:00+00:00"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("loanCycle", "1"),
        ("creationDate", "2024-01-15T09:00:01+00:00"),
        ("creationDate", "2024-01-15T09:00:00UTC+01:00"),
        ("creationDate", "2024-01-15T09:00:00EST"),
        ("loanCycle", "zero"),
    ],
)
async def test_read_only_fields_sent_back_different_are_refused(
    raw: Raw, lender: FakeMambu, field: str, value: Any
) -> None:
    stored = lender.get("clients", "C1")
    status, _, body = await raw("PUT", "/clients/C1", json={**stored, field: value})
    assert status == 400 and reasons(body) == ["INVALID_PARAMETERS"]
    assert field in body["errors"][0]["errorSource"]


async def test_read_only_loan_numbers_sent_back_as_strings(raw: Raw, lender: FakeMambu) -> None:
    status, _, created = await raw("POST", "/loans", json=_loan())
    assert status == 201
    sent = dict(created)
    sent["balances"] = {k: str(v) for k, v in created["balances"].items()}
    sent["loanName"] = "Renamed"
    status, _, updated = await raw("PUT", "/loans/L1", json=sent)
    assert status == 200, updated
    assert updated["loanName"] == "Renamed" and updated["balances"] == created["balances"]


async def test_patch_with_numbers_as_strings_stores_numbers(raw: Raw, lender: FakeMambu) -> None:
    status, _, _ = await raw("POST", "/loans", json=_loan())
    assert status == 201
    ops = [
        {"op": "REPLACE", "path": "/loanAmount", "value": "1500.50"},
        {"op": "REPLACE", "path": "/scheduleSettings/repaymentInstallments", "value": "7"},
    ]
    status, _, _ = await raw("PATCH", "/loans/L1", json=ops)
    assert status == 204
    stored = lender.get("loans", "L1")
    assert stored["loanAmount"] == Decimal("1500.50") and _is_number(stored["loanAmount"])
    assert stored["scheduleSettings"]["repaymentInstallments"] == 7


async def test_date_times_are_stored_at_second_precision(raw: Raw, lender: FakeMambu) -> None:
    lender.clock.set(dt.datetime(2024, 2, 1, 10, 0, tzinfo=dt.UTC))
    body = _loan(disbursementDetails={"expectedDisbursementDate": "2024-02-01T08:41:48.477836+00:00"})
    status, _, created = await raw("POST", "/loans", json=body)
    assert status == 201, created
    assert created["disbursementDetails"]["expectedDisbursementDate"] == "2024-02-01T08:41:48+00:00"
    status, _, _ = await raw("POST", "/loans/L1:changeState", json={"action": "APPROVE"})
    assert status == 200
    sent = {"valueDate": "2024-02-01T08:41:48.477836+00:00"}
    status, _, disbursed = await raw("POST", "/loans/L1/disbursement-transactions", json=sent)
    assert status == 201, disbursed
    assert disbursed["valueDate"] == "2024-02-01T08:41:48+00:00"
    details = lender.get("loans", "L1")["disbursementDetails"]
    assert details["disbursementDate"] == "2024-02-01T08:41:48+00:00"


async def test_new_loans_carry_what_mambu_fills_in_from_the_product(raw: Raw, lender: FakeMambu) -> None:
    product = lender.get("loanproducts", "LP1")
    product.update(
        currency={"code": "USD"},
        penaltySettings={
            "loanPenaltyCalculationMethod": "OVERDUE_BALANCE",
            "penaltyRate": {"defaultValue": 2},
        },
        arrearsSettings={
            "dateCalculationMethod": "ACCOUNT_FIRST_WENT_TO_ARREARS",
            "tolerancePeriod": {"defaultValue": 3},
        },
        paymentSettings={
            "latePaymentsRecalculationMethod": "LAST_INSTALLMENT_INCREASE",
            "prepaymentSettings": {
                "prepaymentRecalculationMethod": "NO_RECALCULATION",
                "futurePaymentsAcceptance": "ACCEPT_OVERPAYMENTS",
            },
        },
    )
    lender.store["loanproducts"].put(product)
    status, _, created = await raw("POST", "/loans", json=_loan())
    assert status == 201, created
    details = created["disbursementDetails"]
    assert len(details["encodedKey"]) == 32 and details["fees"] == []
    assert created["penaltySettings"] == {"loanPenaltyCalculationMethod": "OVERDUE_BALANCE", "penaltyRate": 2}
    assert created["accountArrearsSettings"]["dateCalculationMethod"] == "ACCOUNT_FIRST_WENT_TO_ARREARS"
    assert created["accountArrearsSettings"]["tolerancePeriod"] == 3
    assert created["prepaymentSettings"] == {"prepaymentRecalculationMethod": "NO_RECALCULATION"}
    assert created["latePaymentsRecalculationMethod"] == "LAST_INSTALLMENT_INCREASE"
    assert created["futurePaymentsAcceptance"] == "ACCEPT_OVERPAYMENTS"
    assert created["arrearsTolerancePeriod"] == 3
    assert created["currency"] == {"code": "USD"}
    status, _, approved = await raw("POST", "/loans/L1:changeState", json={"action": "APPROVE"})
    assert status == 200 and approved["disbursementDetails"]["encodedKey"] == details["encodedKey"]
    status, _, _ = await raw("POST", "/loans/L1/disbursement-transactions", json={})
    assert status == 201
    assert lender.get("loans", "L1")["disbursementDetails"]["encodedKey"] == details["encodedKey"]


async def test_loan_settings_sent_on_create_are_kept(raw: Raw, lender: FakeMambu) -> None:
    sent = _loan(penaltySettings={"loanPenaltyCalculationMethod": "NONE"}, disbursementDetails={"fees": []})
    status, _, created = await raw("POST", "/loans", json=sent)
    assert status == 201, created
    assert created["penaltySettings"] == {"loanPenaltyCalculationMethod": "NONE"}
    assert created["disbursementDetails"]["fees"] == [] and "encodedKey" in created["disbursementDetails"]
