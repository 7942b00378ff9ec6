"""v1 reads and writes performed through API v2 on both connectors: a client's or group's lines of credit
(v2 credit arrangements), the line of credit search, the journal entries of one GL account, and new index
rates (v2, and v1's body on the same path)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from mambu_async import (
    MambuBadRequestError,
    MambuClient,
    MambuCreditArrangement,
    MambuGLAccount,
    MambuGroup,
    MambuIndexRateSource,
    MambuNotFoundError,
    MambuValidationError,
)
from mambu_async.entities.search import F
from mambu_async.testing import FakeMambu
from tests.contract.test_tenant_reads import seed_small_tenant

from .conftest import Raw

D = Decimal


@pytest.fixture
def seeded(mambu_fake: FakeMambu) -> FakeMambu:
    fake = seed_small_tenant(mambu_fake)
    fake.create("groups", {"id": "G1", "groupName": "Apache"})
    return fake


def _reason(caught: pytest.ExceptionInfo[Any]) -> str:
    return str(caught.value.errors[0].reason)


def _arrangement(fake: FakeMambu, holder_type: str, holder: str, amount: str, start: str) -> dict[str, Any]:
    return fake.create(
        "creditarrangements",
        {
            "amount": D(amount),
            "holderType": holder_type,
            "holderKey": holder,
            "startDate": f"{start}T00:00:00+00:00",
            "expireDate": "2030-12-31T00:00:00+00:00",
            "exposureLimitType": "OUTSTANDING_AMOUNT",
        },
    )


async def test_credit_arrangements_of_a_client_or_group(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    [demo] = seeded.store["creditarrangements"].values()
    later = _arrangement(seeded, "CLIENT", "C1", "150.75", "2029-01-01")
    _arrangement(seeded, "CLIENT", "C2", "99.99", "2024-03-01")
    group_line = _arrangement(seeded, "GROUP", "G1", "15000.00", "2024-09-01")
    mine = await c.mambu_get_credit_arrangements("clients", "C1")
    assert [a["encodedKey"] for a in mine] == [later["encodedKey"], demo["encodedKey"]]
    assert mine[0]["amount"] == D("150.75") and mine[0]["availableCreditAmount"] == D("150.75")
    assert [a["id"] for a in await c.mambu_get_credit_arrangements("clients", "C1", offset=1, limit=1)] == [
        demo["id"]
    ]
    by_key = await c.mambu_get_credit_arrangements("groups", seeded.get("groups", "G1")["encodedKey"])
    assert [a["id"] for a in by_key] == [group_line["id"]]
    assert await c.mambu_get_credit_arrangements("groups", "G1", detailsLevel="FULL") == by_key
    with pytest.raises(MambuNotFoundError) as caught:
        await c.mambu_get_credit_arrangements("clients", "C404")
    assert _reason(caught) == "INVALID_CLIENT_ID"
    with pytest.raises(MambuValidationError):
        await c.mambu_get_credit_arrangements("loans", "L1")
    client = await MambuClient.get("C1", connector=c)
    assert [a.id for a in await client.get_credit_arrangements()] == [later["id"], demo["id"]]
    group = await MambuGroup.get("G1", connector=c)
    [line] = await group.get_credit_arrangements(details_level="FULL")
    assert isinstance(line, MambuCreditArrangement) and line.amount == D("15000.00")


async def test_lines_of_credit_search_by_state_and_exposure(mambu_connector: Any, seeded: FakeMambu) -> None:
    """v1's ``POST /api/linesofcredit/search`` examples (STATE IN, EXPOSURE_LIMIT_TYPE IN) in v2 terms."""
    c = mambu_connector
    [demo] = seeded.store["creditarrangements"].values()
    outstanding = _arrangement(seeded, "CLIENT", "C2", "10000.00", "2024-02-01")
    await c.mambu_change_state(outstanding["id"], "creditarrangements", "APPROVE")
    approved = await c.mambu_search(
        "creditarrangements", filterCriteria=[{"field": "state", "operator": "IN", "values": ["APPROVED"]}]
    )
    assert [a["id"] for a in approved] == [outstanding["id"]]
    found = await MambuCreditArrangement.search(
        connector=c,
        filter_criteria=[F("exposureLimitType").in_(["APPROVED_AMOUNT", "OUTSTANDING_AMOUNT"])],
        sorting_criteria={"field": "amount", "order": "ASC"},
    )
    assert [a.id for a in found] == [demo["id"], outstanding["id"]]
    of_holder = await c.mambu_search(
        "creditarrangements",
        filterCriteria=[
            {"field": "ownerKey", "operator": "EQUALS", "value": seeded.get("clients", "C2")["encodedKey"]}
        ],
    )
    assert [a["id"] for a in of_holder] == [outstanding["id"]]


async def test_journal_entries_of_one_gl_account_between_dates(
    mambu_connector: Any, seeded: FakeMambu
) -> None:
    c = mambu_connector
    cash, income = seeded.get("glaccounts", "1000"), seeded.get("glaccounts", "4000")
    for day, amount, gl in (
        ("2024-02-10", "200.00", cash),
        ("2024-02-11", "0.45", income),
        ("2024-03-15", "100.10", cash),
        ("2024-04-01", "7.77", cash),
    ):
        seeded.create(
            "gljournalentries",
            {
                "glAccount": {"encodedKey": gl["encodedKey"]},
                "type": "DEBIT",
                "amount": D(amount),
                "bookingDate": f"{day}T00:00:00+00:00",
            },
        )
    entries = await c.mambu_get_gl_journal_entries("1000", "2024-02-10", dt.date(2024, 3, 15))
    assert [e["amount"] for e in entries] == [D("200.00"), D("100.10")]
    assert all(e["glAccount"]["glCode"] == "1000" for e in entries)
    assert [
        e["amount"] for e in await c.mambu_get_gl_journal_entries("1000", "2024-01-01", "2024-12-31", 1, 1)
    ] == [D("100.10")]
    assert await c.mambu_get_gl_journal_entries("4000", "2024-03-01", "2024-12-31") == []
    with pytest.raises(MambuValidationError):
        await c.mambu_get_gl_journal_entries("1000", "2024-03-01", "2024-02-01")
    with pytest.raises(MambuValidationError):
        await c.mambu_get_gl_journal_entries("1000", None, "2024-02-01")
    account = await MambuGLAccount.get("1000", connector=c)
    got = await account.get_journal_entries(dt.date(2024, 3, 1), "2024-04-30")
    assert [(e.amount, e.type) for e in got] == [(D("100.10"), "DEBIT"), (D("7.77"), "DEBIT")]


async def test_create_index_rate_extends_the_history(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    tomorrow = seeded.clock.today() + dt.timedelta(days=1)
    created = await c.mambu_create_index_rate("EURIBOR", D("-0.03256"), tomorrow, "Euribor next")
    assert created["rate"] == D("-0.03256") and created["notes"] == "Euribor next"
    assert created["startDate"].startswith(tomorrow.isoformat()) and created["encodedKey"]
    rates = await c.mambu_get_index_rates("EURIBOR")
    assert rates[0]["encodedKey"] == created["encodedKey"] and len(rates) == 4
    with pytest.raises(MambuBadRequestError) as caught:
        await c.mambu_create_index_rate("EURIBOR", D("4.00"), tomorrow)
    assert _reason(caught) == "INVALID_INDEX_RATE_START_DATE"
    with pytest.raises(MambuNotFoundError) as missing:
        await c.mambu_create_index_rate("LIBOR", D("4.00"), tomorrow)
    assert _reason(missing) == "INVALID_INDEX_RATE_SOURCE_ID"
    with pytest.raises(MambuValidationError):
        await c.mambu_create_index_rate("EURIBOR", 4.0, tomorrow)
    with pytest.raises(MambuValidationError):
        await c.mambu_create_index_rate("EURIBOR", D("4.00"), None)
    source = await MambuIndexRateSource.get("EURIBOR", connector=c)
    later = dt.datetime.combine(tomorrow + dt.timedelta(days=30), dt.time(), tzinfo=dt.UTC)
    rate = await source.create_index_rate(D("3.99"), later, notes="Euribor later")
    assert rate.rate == D("3.99") and rate.start_date == later
    assert [r.rate for r in await source.get_index_rates(limit=2)] == [D("3.99"), D("-0.03256")]


async def test_index_rate_v1_body_and_errors(raw: Raw, seeded: FakeMambu) -> None:
    """S2: ``{"indexRate": {startDate, rate, notes}}`` answered 200 with the rate, or a v1 error body."""
    v1 = {**seeded.auth_headers(), "accept": "application/json"}
    start = (seeded.clock.today() + dt.timedelta(days=3)).isoformat()
    body = {"indexRate": {"startDate": start, "rate": "-0.03256", "notes": "Euribor Apr"}}
    status, _, rate = await raw("POST", "/indexratesources/EURIBOR/indexrates", json=body, headers=v1)
    assert status == 200 and rate["rate"] == D("-0.03256") and rate["notes"] == "Euribor Apr"
    status, _, error = await raw("POST", "/indexratesources/EURIBOR/indexrates", json=body, headers=v1)
    assert status == 400 and error == {
        "returnCode": 1302,
        "returnStatus": "INVALID_INDEX_RATE_START_DATE",
        "errorSource": "startDate must be after the start of the newest rate",
    }
    status, _, error = await raw(
        "POST", "/indexratesources/EURIBOR/indexrates", json={"rate": "1.5"}, headers=v1
    )
    assert status == 400 and error["returnStatus"] == "INVALID_PARAMETERS"
    status, _, v2_error = await raw(
        "POST", "/indexratesources/EURIBOR/indexrates", json={"rate": "abc", "startDate": start}
    )
    assert status == 400 and v2_error["errors"][0]["errorReason"] == "INVALID_PARAMETERS"
