"""GL journal entries booked for transactions on products with accounting, on both connectors.

The rules are in ``mambu_async/testing/banking/journal.py`` (Mambu's accounting documentation,
[INFERRED] where marked there): every transaction books balanced entries on the GL accounts its
product's ``accountingRules`` name, and an adjustment books them reversed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from mambu_async.errors import MambuBadRequestError
from mambu_async.testing import FakeMambu

D = Decimal

GL = {
    "1100": ("ASSET", "PORTFOLIO_CONTROL"),
    "1000": ("ASSET", "FUND_SOURCE"),
    "1010": ("ASSET", "DEPOSIT_REFERENCE"),
    "2000": ("LIABILITY", "SAVINGS_CONTROL"),
    "1200": ("ASSET", "INTEREST_RECEIVABLE"),
    "1210": ("ASSET", "FEE_RECEIVABLE"),
    "4000": ("INCOME", "INTEREST_INCOME"),
    "4100": ("INCOME", "FEE_INCOME"),
    "5000": ("EXPENSE", "WRITE_OFF_EXPENSE"),
    "5100": ("EXPENSE", "INTEREST_EXPENSE"),
}


@pytest.fixture
def ledger(mambu_fake: FakeMambu) -> dict[str, Any]:
    """GL accounts, and loan and deposit products whose accounting rules map to them."""
    fake = mambu_fake
    rules = []
    for code, (gl_type, resource) in GL.items():
        gl = fake.create("glaccounts", {"glCode": code, "name": resource.title(), "type": gl_type})
        rules.append({"financialResource": resource, "glAccountKey": gl["encodedKey"]})
    client = fake.create("clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez"})
    accounting = {"accountingMethod": "CASH", "accountingRules": rules}
    loan_product, plain_product, accrual_product = (
        fake.create(
            "loanproducts",
            {
                "id": product_id,
                "name": product_id,
                "type": "FIXED_TERM_LOAN",
                "creditArrangementSettings": {},
                "accountingSettings": settings,
            },
        )
        for product_id, settings in (
            ("LP1", accounting),
            ("LP0", {"accountingMethod": "NONE"}),
            ("LPA", {**accounting, "accountingMethod": "ACCRUAL"}),
        )
    )
    deposit_product = fake.create(
        "depositproducts",
        {
            "id": "DP1",
            "name": "Savings",
            "type": "REGULAR_SAVINGS",
            "state": "ACTIVE",
            "accountingSettings": accounting,
            "newAccountSettings": {"idGeneratorType": "RANDOM_PATTERN", "idPattern": "@@@###"},
        },
    )
    return {
        "client": client,
        "LP1": loan_product,
        "LP0": plain_product,
        "LPA": accrual_product,
        "DP1": deposit_product,
    }


async def _active_loan(connector: Any, ledger: dict[str, Any], loan_id: str, product: str) -> None:
    await connector.mambu_create(
        "loans",
        {
            "id": loan_id,
            "accountHolderKey": ledger["client"]["encodedKey"],
            "accountHolderType": "CLIENT",
            "productTypeKey": ledger[product]["encodedKey"],
            "loanAmount": D("1200.50"),
            "scheduleSettings": {
                "gracePeriod": 0,
                "repaymentInstallments": 12,
                "repaymentPeriodCount": 1,
                "repaymentPeriodUnit": "MONTHS",
            },
            "interestSettings": {"interestRate": D("12")},
        },
    )
    await connector.mambu_change_state(loan_id, "loans", "APPROVE")


async def _approved_deposit(connector: Any, ledger: dict[str, Any], deposit_id: str) -> None:
    await connector.mambu_create(
        "deposits",
        {
            "id": deposit_id,
            "name": "Savings",
            "accountHolderKey": ledger["client"]["encodedKey"],
            "accountHolderType": "CLIENT",
            "productTypeKey": ledger["DP1"]["encodedKey"],
        },
    )
    await connector.mambu_change_state(deposit_id, "deposits", "APPROVE")


async def _entries(connector: Any, transaction_id: str) -> list[tuple[str, str, Decimal]]:
    rows = await connector.mambu_search(
        "gljournalentries",
        filterCriteria=[{"field": "transactionId", "operator": "EQUALS", "value": transaction_id}],
        sortingCriteria={"field": "entryId", "order": "ASC"},
    )
    return [(row["type"], row["glAccount"]["glCode"], row["amount"]) for row in rows]


async def _balance(connector: Any, code: str) -> Decimal:
    account = await connector.mambu_get(code, "glaccounts")
    return D(account["balance"])


async def test_disbursement_and_repayment_book_balanced_entries_on_the_products_gl_accounts(
    mambu_connector: Any, mambu_fake: FakeMambu, ledger: dict[str, Any]
) -> None:
    c = mambu_connector
    await _active_loan(c, ledger, "L1", "LP1")
    disbursement = await c.mambu_make_disbursement("L1")
    assert await _entries(c, disbursement["id"]) == [
        ("DEBIT", "1100", D("1200.50")),
        ("CREDIT", "1000", D("1200.50")),
    ]
    mambu_fake.clock.advance(days=31)
    repayment = await c.mambu_make_repayment("L1", D("150.25"))
    split = repayment["affectedAmounts"]
    assert split["interestAmount"] > 0 and split["principalAmount"] > 0
    assert await _entries(c, repayment["id"]) == [
        ("DEBIT", "1000", D("150.25")),
        ("CREDIT", "1100", split["principalAmount"]),
        ("CREDIT", "4000", split["interestAmount"]),
    ]
    [entry] = await c.mambu_search(
        "gljournalentries",
        filterCriteria=[
            {"field": "transactionId", "operator": "EQUALS", "value": repayment["id"]},
            {"field": "glAccountId", "operator": "EQUALS", "value": "4000"},
        ],
    )
    loan = await c.mambu_get("L1", "loans")
    assert entry["accountKey"] == loan["encodedKey"] and entry["productType"] == "LOAN"
    assert entry["productKey"] == ledger["LP1"]["encodedKey"] and entry["bookingDate"]
    assert await _balance(c, "1100") == D("1200.50") - split["principalAmount"]
    assert await _balance(c, "4000") == split["interestAmount"]


async def test_an_adjustment_reverses_the_entries_and_a_write_off_expenses_the_principal(
    mambu_connector: Any, mambu_fake: FakeMambu, ledger: dict[str, Any]
) -> None:
    c = mambu_connector
    await _active_loan(c, ledger, "L1", "LP1")
    await c.mambu_make_disbursement("L1")
    mambu_fake.clock.advance(days=31)
    repayment = await c.mambu_make_repayment("L1", D("150.25"))
    reversal = await c.mambu_loantransaction_adjust(repayment["id"], "bounced")
    booked = await _entries(c, repayment["id"])
    assert await _entries(c, reversal["id"]) == [
        ("CREDIT" if side == "DEBIT" else "DEBIT", code, amount) for side, code, amount in booked
    ]
    assert await _balance(c, "4000") == 0 and await _balance(c, "1100") == D("1200.50")
    await c.mambu_loanaccount_writeoff("L1", "uncollectable")
    assert await _balance(c, "1100") == 0 and await _balance(c, "5000") == D("1200.50")


async def test_deposits_withdrawals_fees_and_transfers_move_savings_control(
    mambu_connector: Any, ledger: dict[str, Any]
) -> None:
    c = mambu_connector
    for deposit_id in ("D1", "D2"):
        await _approved_deposit(c, ledger, deposit_id)
    deposit = await c.mambu_make_deposit("D1", D("500.75"), "salary")
    assert await _entries(c, deposit["id"]) == [
        ("DEBIT", "1010", D("500.75")),
        ("CREDIT", "2000", D("500.75")),
    ]
    withdrawal = await c.mambu_make_withdrawal("D1", D("100.10"), "cash")
    assert await _entries(c, withdrawal["id"]) == [
        ("DEBIT", "2000", D("100.10")),
        ("CREDIT", "1010", D("100.10")),
    ]
    fee = await c.mambu_make_deposit_fee("D1", D("5.05"), "monthly fee")
    assert await _entries(c, fee["id"]) == [("DEBIT", "2000", D("5.05")), ("CREDIT", "4100", D("5.05"))]
    transfer = await c.mambu_make_transfer(
        "D1", D("50.50"), {"linkedAccountType": "DEPOSIT", "linkedAccountId": "D2"}
    )
    incoming = transfer["transferDetails"]["linkedDepositTransactionKey"]
    assert await _entries(c, transfer["id"]) == [("DEBIT", "2000", D("50.50"))]
    assert await _entries(c, (await c.mambu_get(incoming, "deposits/transactions"))["id"]) == [
        ("CREDIT", "2000", D("50.50"))
    ]
    assert await _balance(c, "2000") == D("500.75") - D("100.10") - D("5.05")
    assert await _balance(c, "1010") == D("500.75") - D("100.10")
    waived = await c.mambu_deposittransaction_adjust(fee["id"], "waived")
    assert await _entries(c, waived["id"]) == [("CREDIT", "2000", D("5.05")), ("DEBIT", "4100", D("5.05"))]
    assert await _balance(c, "4100") == 0


async def test_products_without_accounting_and_failed_requests_book_nothing(
    mambu_connector: Any, ledger: dict[str, Any]
) -> None:
    c = mambu_connector
    await _active_loan(c, ledger, "L0", "LP0")
    disbursement = await c.mambu_make_disbursement("L0")
    assert await _entries(c, disbursement["id"]) == []
    await _active_loan(c, ledger, "L1", "LP1")
    with pytest.raises(MambuBadRequestError):
        await c.mambu_make_disbursement("L1", amount=D("99.99"))
    assert await c.mambu_search("gljournalentries", filterCriteria=[]) == []


async def test_under_accrual_fees_and_paid_interest_go_through_the_receivable_accounts(
    mambu_connector: Any, mambu_fake: FakeMambu, ledger: dict[str, Any]
) -> None:
    c = mambu_connector
    await _active_loan(c, ledger, "LA", "LPA")
    await c.mambu_make_disbursement("LA")
    fee = await c.mambu_make_fee("LA", D("7.35"), 1, "late fee")
    assert await _entries(c, fee["id"]) == [("DEBIT", "1210", D("7.35")), ("CREDIT", "4100", D("7.35"))]
    await _active_loan(c, ledger, "LC", "LP1")
    await c.mambu_make_disbursement("LC")
    cash_fee = await c.mambu_make_fee("LC", D("7.35"), 1, "late fee")
    assert await _entries(c, cash_fee["id"]) == []  # under CASH a fee is income when paid
    mambu_fake.clock.advance(days=31)
    repayment = await c.mambu_make_repayment("LA", D("150.25"))
    split = repayment["affectedAmounts"]
    assert split["feesAmount"] == D("7.35") and split["interestAmount"] > 0
    assert await _entries(c, repayment["id"]) == [
        ("DEBIT", "1000", D("150.25")),
        ("CREDIT", "1100", split["principalAmount"]),
        ("CREDIT", "1200", split["interestAmount"]),
        ("CREDIT", "1210", D("7.35")),
    ]
    assert await _balance(c, "1210") == 0


async def test_a_channel_rule_replaces_the_products_rule_for_that_channels_transactions(
    mambu_connector: Any, mambu_fake: FakeMambu, ledger: dict[str, Any]
) -> None:
    c = mambu_connector
    vault = mambu_fake.create("glaccounts", {"glCode": "1020", "name": "Vault", "type": "ASSET"})
    product = mambu_fake.get("depositproducts", "DP1")
    settings = product["accountingSettings"]
    channel_rule = {
        "financialResource": "DEPOSIT_REFERENCE",
        "glAccountKey": vault["encodedKey"],
        "transactionChannelKey": "channel-vault",
    }
    mambu_fake.store["depositproducts"].put(
        {
            **product,
            "accountingSettings": {
                **settings,
                "accountingRules": [*settings["accountingRules"], channel_rule],
            },
        }
    )
    await _approved_deposit(c, ledger, "D1")
    by_vault = await c.mambu_make_deposit(
        "D1", D("20.20"), transactionDetails={"transactionChannelKey": "channel-vault"}
    )
    plain = await c.mambu_make_deposit("D1", D("30.30"))
    assert await _entries(c, by_vault["id"]) == [
        ("DEBIT", "1020", D("20.20")),
        ("CREDIT", "2000", D("20.20")),
    ]
    assert await _entries(c, plain["id"]) == [("DEBIT", "1010", D("30.30")), ("CREDIT", "2000", D("30.30"))]
