"""State changes of loans and deposits on both connectors: every named action, illegal transitions and
Mambu's error codes, and bad actions refused before any request."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mambu_async import MambuBadRequestError, MambuValidationError
from mambu_async.connector.operations import MambuOperations
from mambu_async.entities.deposit import MambuDeposit
from mambu_async.entities.loan import MambuLoan

from .conftest import Tenant


async def _loan(connector: MambuOperations, tenant: Tenant) -> MambuLoan:
    return await MambuLoan.get(tenant.new_loan(), connector=connector)


async def test_loan_application_round_trip(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    loan = await _loan(mambu_connector, tenant)
    assert loan.account_state == "PENDING_APPROVAL"
    assert (await loan.set_incomplete("missing papers")).account_state == "PARTIAL_APPLICATION"
    assert (await loan.request_approval()).account_state == "PENDING_APPROVAL"
    await loan.approve("fine")
    assert loan.account_state == "APPROVED" and loan.approved_date is not None
    await loan.undo_approve()
    assert loan.account_state == "PENDING_APPROVAL" and loan.approved_date is None
    stored = tenant.fake.get("loans", loan.id or "")
    assert stored["accountState"] == "PENDING_APPROVAL"


async def test_reject_withdraw_and_their_undos(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    loan = await _loan(mambu_connector, tenant)
    await loan.reject("no income")
    assert (loan.account_state, loan.account_sub_state) == ("CLOSED", "REJECTED")
    await loan.undo_reject()
    assert loan.account_state == "PENDING_APPROVAL" and loan.account_sub_state is None
    await loan.approve()
    await loan.withdraw("client changed mind")
    assert (loan.account_state, loan.account_sub_state) == ("CLOSED", "WITHDRAWN")
    await loan.undo_withdraw()
    assert loan.account_state == "APPROVED"


async def test_close_and_undo_close(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    loan = await _loan(mambu_connector, tenant)
    await loan.approve()
    await loan.disburse()
    with pytest.raises(MambuBadRequestError) as caught:
        await loan.close()
    assert [e.reason for e in caught.value.errors] == ["ACCOUNT_HAS_REMAINING_BALANCE"]
    await loan.pay_off("settled")
    assert (loan.account_state, loan.account_sub_state) == ("CLOSED", "REPAID")
    await loan.undo_close()
    assert loan.account_state == tenant.fake.get("loans", loan.id or "")["accountState"]


async def test_illegal_loan_transition_is_a_bad_request(
    mambu_connector: MambuOperations, tenant: Tenant
) -> None:
    loan = await _loan(mambu_connector, tenant)
    with pytest.raises(MambuBadRequestError) as caught:
        await loan.undo_close()
    error = caught.value
    assert error.status_code == 400
    assert [e.reason for e in error.errors] == ["INVALID_STATE_TRANSITION"]
    assert error.errors[0].code is not None
    assert (await loan.refresh()).account_state == "PENDING_APPROVAL"


async def test_unknown_action_refused_before_any_request(
    mambu_connector: MambuOperations, tenant: Tenant
) -> None:
    loan = await _loan(mambu_connector, tenant)
    before = tenant.fake.get("loans", loan.id or "")
    with pytest.raises(MambuValidationError, match="action"):
        await loan.change_state("LOCK")
    with pytest.raises(MambuValidationError):
        await loan.set_state("approve")
    assert tenant.fake.get("loans", loan.id or "") == before


async def test_set_state_is_change_state(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    loan = await _loan(mambu_connector, tenant)
    await loan.set_state("APPROVE", "MambuPy's name")
    assert loan.account_state == "APPROVED" and loan.notes == "MambuPy's name"


async def test_deposit_states(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    account = await MambuDeposit.get(tenant.new_deposit(), connector=mambu_connector)
    await account.approve()
    assert account.account_state == "APPROVED"
    await account.undo_approve()
    assert account.account_state == "PENDING_APPROVAL"
    await account.approve()
    await account.deposit(Decimal(50))
    await account.lock("fraud check")
    assert account.account_state == "LOCKED"
    with pytest.raises(MambuBadRequestError) as caught:
        await account.lock()
    assert caught.value.errors[0].reason in (
        "ACCOUNT_ALREADY_LOCKED",
        "INVALID_SAVINGS_ACCOUNT_STATE_TRANSITION",
    )
    await account.unlock()
    assert account.account_state == "ACTIVE"
    with pytest.raises(MambuValidationError):
        await account.change_state("CLOSE")


async def test_deposit_maturity(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    account = await MambuDeposit.get(tenant.new_deposit(), connector=mambu_connector)
    await account.approve()
    await account.deposit(Decimal(10))
    await account.start_maturity(tenant.fake.clock.today(), "term ends")
    assert account.maturity_date is not None
    await account.undo_maturity()
    assert account.maturity_date is None and account.account_state == "ACTIVE"


async def test_illegal_deposit_transition(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    account = await MambuDeposit.get(tenant.new_deposit(), connector=mambu_connector)
    with pytest.raises(MambuBadRequestError) as caught:
        await account.unlock()
    assert caught.value.errors[0].reason == "INVALID_SAVINGS_ACCOUNT_STATE_TRANSITION"


async def test_undo_reschedule_reaches_mambu(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    loan = await _loan(mambu_connector, tenant)
    with pytest.raises(MambuBadRequestError):
        await loan.undo_reschedule("not rescheduled")


async def test_undo_refinance_reaches_mambu(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    loan = await _loan(mambu_connector, tenant)
    with pytest.raises(MambuBadRequestError):
        await loan.undo_refinance("not refinanced")


async def test_due_dates_settings_checked_first(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    loan = await _loan(mambu_connector, tenant)
    with pytest.raises(MambuValidationError, match="fixed_days_of_month"):
        await loan.change_due_dates_settings([0])


async def test_change_due_dates_settings(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    loan = await _loan(mambu_connector, tenant)
    await loan.approve()
    await loan.disburse()
    await loan.change_due_dates_settings([15], "payday")
    assert loan.schedule_settings is not None and loan.schedule_settings.fixed_days_of_month == [15]
