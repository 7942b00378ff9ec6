"""Money movements on loans and deposits through both connectors; the entity reflects Mambu afterwards."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from mambu_async import (
    MambuBadRequestError,
    MambuNotFoundError,
    MambuServerError,
    MambuValidationError,
    MambuWriteCommittedError,
)
from mambu_async.connector.operations import MambuOperations
from mambu_async.entities.deposit import MambuDeposit
from mambu_async.entities.loan import MambuLoan
from mambu_async.entities.transaction import MambuDepositTransaction, MambuLoanTransaction
from mambu_async.testing.faults import server_error

from .conftest import Tenant


async def _active_loan(connector: MambuOperations, tenant: Tenant) -> MambuLoan:
    loan = await MambuLoan.get(tenant.new_loan(), connector=connector)
    await loan.approve()
    await loan.disburse("first disbursement")
    return loan


async def _active_deposit(connector: MambuOperations, tenant: Tenant, amount: str = "100") -> MambuDeposit:
    account = await MambuDeposit.get(tenant.new_deposit(), connector=connector)
    await account.approve()
    await account.deposit(Decimal(amount))
    return account


async def test_disburse_activates_and_refreshes(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    loan = await MambuLoan.get(tenant.new_loan(), connector=mambu_connector)
    await loan.approve()
    today = tenant.fake.clock.today()
    tx = await loan.disburse("go", value_date=today, first_repayment_date=today + dt.timedelta(days=31))
    assert loan.account_state == "ACTIVE"
    assert loan.balances is not None and loan.balances.principal_balance == Decimal("1200")
    assert loan.disbursement_details and loan.disbursement_details.disbursement_date is not None
    assert tx.notes == "go" and tx.parent_account_key == loan.encoded_key
    with pytest.raises(MambuBadRequestError):
        await loan.disburse()


async def test_disburse_refuses_unknown_fields_and_floats(
    mambu_connector: MambuOperations, tenant: Tenant
) -> None:
    loan = await MambuLoan.get(tenant.new_loan(), connector=mambu_connector)
    await loan.approve()
    with pytest.raises(MambuValidationError, match="loanName"):
        await loan.disburse(loanName="x")
    with pytest.raises(MambuValidationError, match="float"):
        await loan.disburse(amount=12.5)
    assert (await loan.refresh()).account_state == "APPROVED"


async def test_repay_pays_due_and_reduces_principal(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    loan = await _active_loan(mambu_connector, tenant)
    tx = await loan.repay(Decimal("300"), "cash", external_id="R-1")
    assert isinstance(tx, MambuLoanTransaction) and tx.type == "REPAYMENT" and tx.external_id == "R-1"
    assert loan.balances is not None and loan.balances.principal_balance == Decimal("900")
    with pytest.raises(MambuValidationError):
        await loan.repay(1.5)
    with pytest.raises(MambuValidationError, match="notAField"):
        await loan.repay(Decimal(1), notAField=1)


async def test_repay_on_a_pending_loan_fails(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    loan = await MambuLoan.get(tenant.new_loan(), connector=mambu_connector)
    with pytest.raises(MambuBadRequestError) as caught:
        await loan.repay(Decimal(10))
    assert caught.value.status_code == 400 and caught.value.errors


async def test_apply_fee(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    loan = await _active_loan(mambu_connector, tenant)
    tx = await loan.apply_fee(Decimal("15"), 1, "late visit")
    assert tx.type == "FEE_APPLIED" and tx.amount == Decimal("15")
    schedule = await loan.get_schedule()
    assert schedule[0].fee and schedule[0].fee.amount and schedule[0].fee.amount.expected == Decimal("15")


async def test_write_off_and_alias(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    loan = await _active_loan(mambu_connector, tenant)
    assert await loan.write_off("uncollectable") is loan
    assert (loan.account_state, loan.account_sub_state) == ("CLOSED", "WRITTEN_OFF")
    other = await _active_loan(mambu_connector, tenant)
    await other.writeoff("MambuPy's name")
    assert other.account_sub_state == "WRITTEN_OFF"
    with pytest.raises(MambuBadRequestError):
        await other.write_off()


async def test_pay_off(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    loan = await _active_loan(mambu_connector, tenant)
    await loan.pay_off("early", external_id="PO-1")
    assert (loan.account_state, loan.account_sub_state) == ("CLOSED", "REPAID")
    with pytest.raises(MambuValidationError):
        await loan.pay_off(amount=Decimal(1))


async def test_adjust_transaction(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    loan = await _active_loan(mambu_connector, tenant)
    repayment = await loan.repay(Decimal("200"))
    adjustment = await loan.adjust_transaction(repayment, "entered twice")
    assert (
        adjustment.type == "REPAYMENT_ADJUSTMENT"
        and adjustment.original_transaction_key == repayment.encoded_key
    )
    assert loan.balances is not None and loan.balances.principal_balance == Decimal("1200")
    with pytest.raises(MambuBadRequestError) as caught:
        await loan.adjust_transaction(repayment.encoded_key or "", "again")
    assert [e.reason for e in caught.value.errors] == ["TRANSACTION_ALREADY_ADJUSTED"]
    with pytest.raises(MambuNotFoundError):
        await loan.adjust_transaction("nope")


async def test_adjust_refuses_another_loans_transaction(
    mambu_connector: MambuOperations, tenant: Tenant
) -> None:
    first = await _active_loan(mambu_connector, tenant)
    second = await _active_loan(mambu_connector, tenant)
    repayment = await second.repay(Decimal(10))
    with pytest.raises(MambuValidationError, match="another account"):
        await first.adjust_transaction(repayment)


async def test_transaction_adjusts_itself(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    loan = await _active_loan(mambu_connector, tenant)
    repayment = await loan.repay(Decimal("50"))
    adjustment = await repayment.adjust("typo")
    assert repayment.adjustment_transaction_key == adjustment.encoded_key
    assert (await repayment.get_account()) is not None


async def test_get_transactions(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    loan = await _active_loan(mambu_connector, tenant)
    await loan.repay(Decimal("10"))
    kinds = [t.type for t in await loan.get_transactions()]
    assert sorted(kinds) == ["DISBURSEMENT", "REPAYMENT"]
    assert len(await loan.get_transactions(limit=1)) == 1
    listed = await MambuLoanTransaction.for_account(loan.id or "", connector=mambu_connector)
    assert len(listed) == 2
    with pytest.raises(MambuValidationError):
        await MambuLoanTransaction.for_account("a/b", connector=mambu_connector)


async def test_deposit_withdraw_and_balances(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    account = await _active_deposit(mambu_connector, tenant, "100")
    assert account.account_state == "ACTIVE"
    assert account.balances is not None and account.balances.total_balance == Decimal("100")
    tx = await account.withdraw(Decimal("30.50"), "atm", booking_date=tenant.fake.clock.now())
    assert isinstance(tx, MambuDepositTransaction) and tx.type == "WITHDRAWAL"
    assert account.balances is not None and account.balances.total_balance == Decimal("69.50")
    with pytest.raises(MambuBadRequestError) as caught:
        await account.withdraw(Decimal("1000"))
    assert caught.value.errors[0].reason == "INSUFFICIENT_BALANCE"


async def test_transfer_between_accounts(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    source = await _active_deposit(mambu_connector, tenant, "100")
    target = await _active_deposit(mambu_connector, tenant, "1")
    tx = await source.transfer(Decimal("40"), target, "rent")
    assert tx.type == "TRANSFER"
    assert source.balances is not None and source.balances.total_balance == Decimal("60")
    await target.refresh()
    assert target.balances is not None and target.balances.total_balance == Decimal("41")
    await source.transfer(Decimal("10"), linked_account_type="DEPOSIT", linked_account_id=target.id)
    assert source.balances.total_balance == Decimal("50")
    with pytest.raises(MambuValidationError):
        await source.transfer(Decimal("1"), target, linked_account_type="DEPOSIT")


async def test_deposit_fee_and_adjustment(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    account = await _active_deposit(mambu_connector, tenant, "100")
    fee = await account.apply_fee(Decimal("5"), "monthly")
    assert fee.type == "FEE_APPLIED"
    assert account.balances is not None and account.balances.total_balance == Decimal("95")
    adjustment = await account.adjust_transaction(fee, "waived")
    assert adjustment.original_transaction_key == fee.encoded_key
    assert account.balances.total_balance == Decimal("100")
    with pytest.raises(MambuValidationError):
        await account.apply_fee()
    kinds = sorted(str(t.type) for t in await account.get_transactions())
    assert kinds == ["DEPOSIT", "FEE_ADJUSTED", "FEE_APPLIED"]


async def test_deposit_on_pending_account_fails(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    account = await MambuDeposit.get(tenant.new_deposit(), connector=mambu_connector)
    with pytest.raises(MambuBadRequestError):
        await account.withdraw(Decimal(1))


async def test_a_repayment_whose_reread_fails_once_is_returned(
    mambu_connector: MambuOperations, tenant: Tenant
) -> None:
    loan = await _active_loan(mambu_connector, tenant)
    # The first re-read fails through all its attempts (1 + 3 retries); the second one answers.
    rule = tenant.fake.faults.add(server_error(503), method="GET", path="/loans/*", times=4)
    tx = await loan.repay(Decimal("300.25"), "cash")
    assert rule.hits == 4
    assert tx.amount == Decimal("300.25")
    assert loan.balances is not None and loan.balances.principal_balance < Decimal("1200")


async def test_a_write_that_committed_is_never_reported_as_failed(
    mambu_connector: MambuOperations, tenant: Tenant
) -> None:
    loan = await _active_loan(mambu_connector, tenant)
    account = await _active_deposit(mambu_connector, tenant)
    before = loan.balances.principal_balance if loan.balances else None
    tenant.fake.faults.add(server_error(500), method="GET", path="/loans/*", times=None)
    with pytest.raises(MambuWriteCommittedError, match="write succeeded") as caught:
        await loan.repay(Decimal("300.25"), "cash")
    committed = caught.value.committed
    assert isinstance(committed, MambuLoanTransaction) and committed.amount == Decimal("300.25")
    assert caught.value.status_code == 500 and isinstance(caught.value.__cause__, MambuServerError)
    assert loan.balances is not None and loan.balances.principal_balance == before  # stale, as said
    tenant.fake.faults.clear()
    posted = [t for t in await loan.get_transactions() if t.type == "REPAYMENT"]
    assert [t.encoded_key for t in posted] == [committed.encoded_key]  # exactly once
    tenant.fake.faults.add(server_error(503), method="GET", path="/deposits/*", times=None)
    with pytest.raises(MambuWriteCommittedError) as deposited:
        await account.deposit(Decimal("20.50"))
    assert isinstance(deposited.value.committed, MambuDepositTransaction)
    assert deposited.value.committed.amount == Decimal("20.50")
