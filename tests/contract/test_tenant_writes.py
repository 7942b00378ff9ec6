"""Writes of the credit arrangement and card families on both connectors (and through the entities)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from mambu_async import (
    MambuAuthorizationHold,
    MambuBadRequestError,
    MambuCard,
    MambuCreditArrangement,
    MambuDeposit,
    MambuLoan,
    MambuNotFoundError,
    MambuValidationError,
)
from mambu_async.testing import FakeMambu
from tests.contract.test_tenant_reads import seed_small_tenant

D = Decimal


@pytest.fixture
def seeded(mambu_fake: FakeMambu) -> FakeMambu:
    return seed_small_tenant(mambu_fake)


def _reason(caught: pytest.ExceptionInfo[Any]) -> str:
    return str(caught.value.errors[0].reason)


def _arrangement(holder: str = "C1") -> dict[str, Any]:
    return {
        "amount": D("5000.00"),
        "holderType": "CLIENT",
        "holderKey": holder,
        "startDate": "2024-01-15T00:00:00+00:00",
        "expireDate": "2026-01-15T00:00:00+00:00",
    }


async def test_credit_arrangement_lifecycle(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    created = await c.mambu_create("creditarrangements", _arrangement())
    key = created["encodedKey"]
    assert created["state"] == "PENDING_APPROVAL" and created["availableCreditAmount"] == D("5000.00")
    created["notes"] = "Line for Ana"
    updated = await c.mambu_update(key, "creditarrangements", created)
    assert updated["notes"] == "Line for Ana"
    await c.mambu_patch(key, "creditarrangements", [("replace", "amount", D("6000.00"))])
    assert (await c.mambu_get(key, "creditarrangements"))["amount"] == D("6000.00")
    with pytest.raises(MambuBadRequestError) as caught:
        await c.mambu_creditarrangement_addAccount(key, "L2", "LOAN")
    assert _reason(caught) == "INVALID_CREDIT_ARRANGEMENT_STATE"
    approved = await c.mambu_change_state(key, "creditarrangements", "APPROVE", "ok")
    assert approved["state"] == "APPROVED" and approved["approvedDate"] and approved["notes"] == "ok"
    active = await c.mambu_creditarrangement_addAccount(key, "L2", "LOAN")
    assert active["state"] == "ACTIVE"
    assert [a["id"] for a in (await c.mambu_creditarrangement_getAccounts(key))["loanAccounts"]] == ["L2"]
    cases = [
        (("L2", "LOAN"), "ACCOUNT_ALREADY_ON_CREDIT_ARRANGEMENT"),
        (("L1", "LOAN"), "ACCOUNT_ALREADY_ON_CREDIT_ARRANGEMENT"),
        (("D1", "DEPOSIT"), "INCONSISTENT_CREDIT_ARRANGEMENT_CLIENT_WITH_ACCOUNT_OWNER"),
        (("NOPE", "LOAN"), "INVALID_LOAN_ACCOUNT_ID"),
    ]
    for (account, account_type), reason in cases:
        with pytest.raises(MambuBadRequestError) as caught:
            await c.mambu_creditarrangement_addAccount(key, account, account_type)
        assert _reason(caught) == reason
    with pytest.raises(MambuBadRequestError) as caught:
        await c.mambu_delete(key, "creditarrangements")
    assert _reason(caught) == "CREDIT_ARRANGEMENT_HAS_NON_CLOSED_ACCOUNTS"
    with pytest.raises(MambuBadRequestError) as caught:
        await c.mambu_change_state(key, "creditarrangements", "CLOSE")
    assert _reason(caught) == "CREDIT_ARRANGEMENT_HAS_NON_CLOSED_ACCOUNTS"
    await c.mambu_creditarrangement_removeAccount(key, "L2", "LOAN")
    with pytest.raises(MambuBadRequestError) as caught:
        await c.mambu_creditarrangement_removeAccount(key, "L2", "LOAN")
    assert _reason(caught) == "ACCOUNT_IS_NOT_PART_OF_CREDIT_ARRANGEMENT"
    closed = await c.mambu_change_state(key, "creditarrangements", "CLOSE")
    assert (closed["state"], closed["subState"]) == ("CLOSED", "CLOSED") and closed["closedDate"]
    reopened = await c.mambu_change_state(key, "creditarrangements", "UNDO_CLOSE")
    assert reopened["state"] == "APPROVED" and "subState" not in reopened
    with pytest.raises(MambuBadRequestError) as caught:
        await c.mambu_change_state(key, "creditarrangements", "UNDO_REJECT")
    assert _reason(caught) == "INVALID_CREDIT_ARRANGEMENT_STATE"
    assert await c.mambu_delete(key, "creditarrangements") is None
    with pytest.raises(MambuNotFoundError):
        await c.mambu_get(key, "creditarrangements")


async def test_credit_arrangement_create_refusals(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    cases = [
        ({**_arrangement(), "amount": D("0")}, "CREDIT_ARRANGEMENT_AMOUNT_NOT_STRICTLY_POSITIVE"),
        ({**_arrangement(), "holderKey": "NOPE"}, "ACCOUNT_HOLDER_NOT_FOUND"),
        ({k: v for k, v in _arrangement().items() if k != "expireDate"}, "INVALID_PARAMETERS"),
    ]
    for body, reason in cases:
        with pytest.raises(MambuBadRequestError) as caught:
            await c.mambu_create("creditarrangements", body)
        assert _reason(caught) == reason


async def test_credit_arrangement_entity_writes(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    arrangement = MambuCreditArrangement.from_wire(_arrangement("C2"))
    arrangement.connector = c
    await arrangement.create()
    assert arrangement.encoded_key and arrangement.state == "PENDING_APPROVAL"
    await arrangement.approve("checked")
    deposit = await MambuDeposit.get("D1", connector=c)
    await arrangement.add_account(deposit)
    assert arrangement.state == "ACTIVE"
    accounts = await arrangement.get_accounts()
    assert [d.id for d in accounts.deposit_accounts] == ["D1"]
    await arrangement.remove_account(deposit)
    arrangement.notes = "patched"
    assert [op["path"] for op in await arrangement.patch()] == ["/notes"]
    with pytest.raises(MambuValidationError):
        await arrangement.change_state("EXPLODE")
    with pytest.raises(MambuValidationError):
        await arrangement.add_account(await MambuCreditArrangement.get(str(arrangement.id), connector=c))
    assert isinstance(await MambuLoan.get("L1", connector=c), MambuLoan)


async def test_cards_and_holds_move_the_available_balance(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    await c.mambu_change_state("D1", "deposits", "APPROVE")
    await c.mambu_make_deposit("D1", D("100.00"))
    assert await c.mambu_create_card("D1", "tok-1") == {"referenceToken": "tok-1"}
    with pytest.raises(MambuBadRequestError) as caught:
        await c.mambu_create_card("D2", "tok-1")
    assert _reason(caught) == "CARD_REFERENCE_TOKEN_ALREADY_IN_USE"
    hold = await c.mambu_create_authorization_hold(
        "tok-1", {"externalReferenceId": "h1", "amount": D("30.50"), "advice": False, "currencyCode": "EUR"}
    )
    assert (hold["status"], hold["cardToken"], hold["amount"]) == ("PENDING", "tok-1", D("30.50"))
    balances = (await c.mambu_get("D1", "deposits"))["balances"]
    assert (balances["holdBalance"], balances["availableBalance"]) == (D("30.50"), D("69.50"))
    cases = [
        ({"externalReferenceId": "h1", "amount": D("1.00"), "advice": False}, "DUPLICATE_AUTHORIZATION_HOLD"),
        ({"externalReferenceId": "h2", "amount": D("500.00"), "advice": False}, "INSUFFICIENT_BALANCE"),
    ]
    for body, reason in cases:
        with pytest.raises(MambuBadRequestError) as caught:
            await c.mambu_create_authorization_hold("tok-1", body)
        assert _reason(caught) == reason
    with pytest.raises(MambuNotFoundError) as caught:
        await c.mambu_create_authorization_hold("nope", {"externalReferenceId": "x", "amount": D("1.00")})
    assert _reason(caught) == "CARD_REFERENCE_NOT_FOUND"
    await c.mambu_adjust_authorization_hold("tok-1", "h1", "increase", D("9.50"))
    await c.mambu_adjust_authorization_hold("tok-1", "h1", "decrease", D("20.00"))
    [held] = await c.mambu_get_authorization_holds("D1", status="PENDING")
    assert held["amount"] == D("20.00")
    assert (await c.mambu_get("D1", "deposits"))["balances"]["availableBalance"] == D("80.00")
    with pytest.raises(MambuBadRequestError) as caught:
        await c.mambu_delete_card("D1", "tok-1")
    assert _reason(caught) == "CARD_REFERENCE_HAS_ASSOCIATED_HOLDS_OR_TRANSACTIONS"
    await c.mambu_reverse_authorization_hold("tok-1", "h1")
    assert (await c.mambu_get("D1", "deposits"))["balances"]["holdBalance"] == 0
    with pytest.raises(MambuBadRequestError) as caught:
        await c.mambu_reverse_authorization_hold("tok-1", "h1")
    assert _reason(caught) == "INVALID_AUTHORIZATION_HOLD_STATE"
    with pytest.raises(MambuNotFoundError) as caught:
        await c.mambu_adjust_authorization_hold("tok-1", "nope", "increase", D("1.00"))
    assert _reason(caught) == "AUTHORIZATION_HOLD_NOT_FOUND"
    with pytest.raises(MambuValidationError):
        await c.mambu_adjust_authorization_hold("tok-1", "h1", "double", D("1.00"))
    with pytest.raises(MambuNotFoundError) as caught:
        await c.mambu_delete_card("D2", "tok-1")
    assert _reason(caught) == "CARD_REFERENCE_NOT_FOUND"


async def test_card_and_hold_entities(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    card = await MambuCard.create_for("D2", "tok-2", connector=c)
    assert card.reference_token == "tok-2"
    hold = await MambuAuthorizationHold.create(
        "tok-2", connector=c, external_reference_id="e1", amount=D("5.25"), advice=True, currency_code="EUR"
    )
    assert hold.status == "PENDING" and hold.currency_code == "EUR"
    await hold.increase(D("1.00"))
    assert hold.amount == D("6.25")
    await hold.decrease(D("10.00"))
    assert hold.status == "REVERSED"
    [stored] = await MambuAuthorizationHold.for_deposit("D2", connector=c, filters={"status": "REVERSED"})
    assert stored.external_reference_id == "e1"
    other = await MambuAuthorizationHold.create(
        "tok-2", connector=c, external_reference_id="e2", amount=D("1.10"), advice=True
    )
    await other.reverse()
    assert [h.status for h in await MambuAuthorizationHold.for_deposit("D2", connector=c)][-1] == "REVERSED"
    with pytest.raises(MambuBadRequestError) as caught:
        await MambuCard.delete_for("D2", "tok-2", connector=c)
    assert _reason(caught) == "CARD_REFERENCE_HAS_ASSOCIATED_HOLDS_OR_TRANSACTIONS"
    await MambuCard.create_for("D2", "tok-3", connector=c)
    await MambuCard.delete_for("D2", "tok-3", connector=c)
    tokens = [card.reference_token for card in await MambuCard.for_deposit("D2", connector=c)]
    assert "tok-2" in tokens and "tok-3" not in tokens


async def test_card_transactions_settle_holds_and_reverse(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    await c.mambu_change_state("D1", "deposits", "APPROVE")
    await c.mambu_make_deposit("D1", D("100.00"))
    await c.mambu_create_card("D1", "tok-9")
    await c.mambu_create_authorization_hold(
        "tok-9", {"externalReferenceId": "a1", "amount": D("40.00"), "advice": False}
    )
    tx = await c.mambu_make_card_transaction(
        "tok-9", {"externalReferenceId": "t1", "externalAuthorizationReferenceId": "a1", "amount": D("35.25")}
    )
    assert (tx["cardToken"], tx["amount"], tx["externalAuthorizationReferenceId"]) == (
        "tok-9",
        D("35.25"),
        "a1",
    )
    assert [h["status"] for h in await c.mambu_get_authorization_holds("D1")][-1] == "SETTLED"
    balances = (await c.mambu_get("D1", "deposits"))["balances"]
    assert (balances["totalBalance"], balances["holdBalance"], balances["availableBalance"]) == (
        D("64.75"),
        0,
        D("64.75"),
    )
    [withdrawal] = [
        t for t in await c.mambu_get_all("deposits/D1/transactions", limit=None) if t["type"] == "WITHDRAWAL"
    ]
    assert (
        withdrawal["amount"] == D("-35.25") and withdrawal["cardTransaction"]["externalReferenceId"] == "t1"
    )
    cases = [
        ({"externalReferenceId": "t1", "amount": D("1.00")}, "DUPLICATE_CARD_TRANSACTION"),
        (
            {"externalReferenceId": "t2", "amount": D("1.00"), "externalAuthorizationReferenceId": "a1"},
            "INVALID_AUTHORIZATION_HOLD_STATE",
        ),
        ({"externalReferenceId": "t3", "amount": D("900.00")}, "INSUFFICIENT_BALANCE"),
    ]
    for body, reason in cases:
        with pytest.raises(MambuBadRequestError) as caught:
            await c.mambu_make_card_transaction("tok-9", body)
        assert _reason(caught) == reason
    await c.mambu_reverse_card_transaction("tok-9", "t1", D("5.25"))
    assert (await c.mambu_get("D1", "deposits"))["balances"]["totalBalance"] == D("70.00")
    with pytest.raises(MambuBadRequestError) as caught:
        await c.mambu_reverse_card_transaction("tok-9", "t1", D("30.01"))
    assert _reason(caught) == "CARD_TRANSACTION_MAX_REVERSAL_AMOUNT_EXCEEDED"
    with pytest.raises(MambuNotFoundError) as caught:
        await c.mambu_reverse_card_transaction("tok-9", "nope", D("1.00"))
    assert _reason(caught) == "CARD_TRANSACTION_NOT_FOUND"
    hold = await MambuAuthorizationHold.create(
        "tok-9", connector=c, external_reference_id="a2", amount=D("10.00")
    )
    settled = await hold.settle("t4")
    assert settled["amount"] == D("10.00") and hold.status == "SETTLED"
