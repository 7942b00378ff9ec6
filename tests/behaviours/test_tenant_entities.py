"""Entities of the tenant-wide kinds on both connectors: get, get_all, iterate and search."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from mambu_async import (
    F,
    MambuAuthorizationHold,
    MambuCard,
    MambuCommunicationMessage,
    MambuCreditArrangement,
    MambuDepositProduct,
    MambuGLAccount,
    MambuGLJournalEntry,
    MambuHoliday,
    MambuIndexRate,
    MambuIndexRateSource,
    MambuInstallment,
    MambuInterestAccrualBreakdown,
    MambuLoan,
    MambuOrganization,
    MambuValidationError,
)
from mambu_async.testing import FakeMambu
from tests.contract.test_tenant_reads import seed_small_tenant

D = Decimal


@pytest.fixture
def seeded(mambu_fake: FakeMambu) -> FakeMambu:
    return seed_small_tenant(mambu_fake)


async def test_organization_and_holidays(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    org = await MambuOrganization.get(connector=c)
    assert org.time_zone_id == "UTC" and org.institution_name == "Fake Mambu"
    assert [o.encoded_key async for o in MambuOrganization.iterate(connector=c)] == [org.encoded_key]
    assert await MambuOrganization.get_non_working_days(connector=c) == ["SATURDAY", "SUNDAY"]
    holidays = await MambuHoliday.get_all(connector=c)
    assert [h.date.isoformat() for h in holidays if h.date] == ["2024-01-01", "2024-05-01", "2024-12-25"]
    again = await MambuHoliday.get(str(holidays[2].id), connector=c)
    assert again.name == "Christmas" and again.is_annually_recurring is True


async def test_credit_arrangement_and_its_accounts(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    [arrangement] = await MambuCreditArrangement.get_all(connector=c, sort_by="startDate:ASC")
    assert arrangement.amount == D("2400.50") and arrangement.state == "PENDING_APPROVAL"
    found = await MambuCreditArrangement.search(
        connector=c, filter_criteria=[F("holderType").equals("CLIENT")]
    )
    assert [a.encoded_key for a in found] == [arrangement.encoded_key]
    accounts = await arrangement.get_accounts()
    assert [type(a) for a in accounts.loan_accounts] == [MambuLoan] and accounts.deposit_accounts == []
    assert [a.id async for a in MambuCreditArrangement.iterate(connector=c)] == [arrangement.id]


async def test_gl_accounts_journal_entries_and_accruals(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    assets = await MambuGLAccount.get_all(connector=c, filters={"type": "ASSET"})
    assert [a.gl_code for a in assets] == ["1000"] and assets[0].balance == D("0")
    every = [a.gl_code async for a in MambuGLAccount.iterate(connector=c, page_size=2)]
    assert every == ["1000", "2000", "3000", "4000", "5000"]
    assert (await MambuGLAccount.get("4000", connector=c)).type == "INCOME"
    gl = seeded.get("glaccounts", "5000")
    for amount in ("4.10", "5.20"):
        seeded.create(
            "gljournalentries",
            {"glAccount": {"encodedKey": gl["encodedKey"]}, "type": "DEBIT", "amount": D(amount)},
        )
    entries = await MambuGLJournalEntry.get_all(connector=c)
    assert [e.amount for e in entries] == [D("4.10"), D("5.20")]
    streamed = [e.entry_id async for e in MambuGLJournalEntry.iterate(connector=c, page_size=2)]
    assert streamed == sorted(e.entry_id for e in entries if e.entry_id is not None)
    seeded.create(
        "interestaccruals",
        {
            "entryType": "DEBIT",
            "amount": D("0.33"),
            "glAccountId": "1000",
            "accountId": "L1",
            "bookingDate": "2024-01-15",
        },
    )
    [row] = await MambuInterestAccrualBreakdown.search(
        connector=c, filter_criteria=[F("accountId").equals("L1")]
    )
    assert row.amount == D("0.33") and row.gl_account_name == "Asset account" and row.booking_date is not None
    assert len([r async for r in MambuInterestAccrualBreakdown.iterate(connector=c)]) == 1


async def test_index_rates(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    [source] = await MambuIndexRateSource.get_all(connector=c)
    rates = await source.get_index_rates()
    assert [r.rate for r in rates] == [D("3.75"), D("3.50"), D("3.25")]
    assert [r.rate async for r in MambuIndexRate.iterate(connector=c, page_size=2)] == [r.rate for r in rates]
    assert len(await MambuIndexRate.get_all(connector=c, offset=1, limit=1)) == 1


async def test_installments_across_loans(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    rows = await MambuInstallment.get_all(
        connector=c, filters={"dueFrom": "2024-01-01", "dueTo": "2024-03-31"}
    )
    assert {r.number for r in rows} == {"1", "2"} and all(r.total_due > 0 for r in rows)
    assert len([r async for r in MambuInstallment.iterate(connector=c, page_size=4)]) == 6
    with pytest.raises(MambuValidationError):
        await MambuInstallment.get("1", connector=c)
    with pytest.raises(MambuValidationError):
        await MambuInstallment.get_all(connector=c, filters={"dueFrom": "2024-01-01"})


async def test_communication_messages(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    messages = await MambuCommunicationMessage.get_all(connector=c)
    assert [m.type for m in messages] == ["EMAIL", "SMS"]
    failed = await MambuCommunicationMessage.search(
        connector=c, filter_criteria=[F("state").equals("FAILED")]
    )
    assert [m.encoded_key for m in failed] == [messages[0].encoded_key]
    one = await MambuCommunicationMessage.get(str(messages[1].encoded_key), connector=c)
    assert one.body == messages[1].body
    streamed = [m.encoded_key async for m in MambuCommunicationMessage.iterate(connector=c, page_size=1)]
    assert streamed == [m.encoded_key for m in messages]


async def test_cards_and_holds_per_deposit_and_across(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    assert [card.reference_token for card in await MambuCard.for_deposit("D2", connector=c)] == ["card-D2"]
    every = [card.reference_token async for card in MambuCard.iterate(connector=c)]
    assert every == ["card-D1", "card-D2"]
    holds = await MambuAuthorizationHold.get_all(connector=c, filters={"status": "PENDING"})
    assert [(h.external_reference_id, h.amount) for h in holds] == [("hold-D2", D("13.34"))]
    settled = await MambuAuthorizationHold.for_deposit("D1", connector=c, filters={"status": "SETTLED"})
    assert [h.card_token for h in settled] == ["card-D1"]
    with pytest.raises(MambuValidationError):
        MambuCard.iterate(connector=c, sort_by="referenceToken:ASC")


async def test_loan_schedule_edit_and_product_batch_update(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    loan = await MambuLoan.get("L1", connector=c)
    schedule = await loan.get_schedule()
    first, last = schedule[0], schedule[-1]
    assert first.principal is not None and first.principal.amount is not None
    assert last.principal is not None and last.principal.amount is not None
    first.principal.amount.expected = D("500.00")
    last.principal.amount.expected = D("300.00")
    edited = await loan.update_schedule([first, last])
    assert [i.principal.amount.expected for i in edited if i.principal and i.principal.amount] == [
        D("500.00"),
        D("400.00"),
        D("300.00"),
    ]
    assert loan.schedule_settings is not None and loan.schedule_settings.has_custom_schedule is True
    product = await MambuDepositProduct.get("DP1", connector=c)
    assert await product.batch_update() == "QUEUED"
    with pytest.raises(MambuValidationError):
        await product.batch_update("EVERYTHING")
