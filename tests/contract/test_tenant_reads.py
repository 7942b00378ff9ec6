"""The tenant-wide reads of a bulk extractor on both connectors: shapes, paging, filters and errors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from mambu_async import MambuBadRequestError, MambuNotFoundError, MambuValidationError
from mambu_async.testing import FakeMambu
from mambu_async.testing.tenant_records import GL_CODES, seed_tenant_records

D = Decimal


@pytest.fixture
def seeded(mambu_fake: FakeMambu) -> FakeMambu:
    return seed_small_tenant(mambu_fake)


def seed_small_tenant(fake: FakeMambu) -> FakeMambu:
    """Two clients, two loans (3 installments each), two deposits, and the tenant-wide records."""
    fake.create("clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez", "emailAddress": "a@x.org"})
    fake.create("clients", {"id": "C2", "firstName": "Bob", "lastName": "Brown"})
    fake.create(
        "loanproducts",
        {"id": "LP1", "name": "Micro", "type": "FIXED_TERM_LOAN", "creditArrangementSettings": {}},
    )
    fake.create(
        "depositproducts",
        {
            "id": "DP1",
            "name": "Savings",
            "type": "REGULAR_SAVINGS",
            "state": "ACTIVE",
            "accountingSettings": {"accountingMethod": "NONE"},
            "newAccountSettings": {"idGeneratorType": "RANDOM_PATTERN", "idPattern": "@@@###"},
            "interestSettings": {"interestRateSettings": {"interestRate": {"defaultValue": D("2.50")}}},
        },
    )
    for loan_id in ("L1", "L2"):
        fake.create(
            "loans",
            {
                "id": loan_id,
                "accountHolderKey": "C1",
                "accountHolderType": "CLIENT",
                "productTypeKey": "LP1",
                "loanAmount": D("1200.00"),
                "interestSettings": {"interestRate": D("12.5")},
                "scheduleSettings": {
                    "gracePeriod": 0,
                    "repaymentInstallments": 3,
                    "repaymentPeriodUnit": "MONTHS",
                },
            },
        )
    for deposit_id in ("D1", "D2"):
        fake.create(
            "deposits",
            {
                "id": deposit_id,
                "accountHolderKey": "C2",
                "accountHolderType": "CLIENT",
                "productTypeKey": "DP1",
                "name": "Pot",
            },
        )
    seed_tenant_records(fake)
    return fake


def _reason(caught: pytest.ExceptionInfo[Any]) -> str:
    return str(caught.value.errors[0].reason)


async def test_organization_reports_the_timezone(mambu_connector: Any, seeded: FakeMambu) -> None:
    org = await mambu_connector.mambu_get_organization()
    assert org["timeZoneID"] == "UTC" and org["institutionName"] and org["encodedKey"]
    assert (await mambu_connector.mambu_get_nonworkingdays()) == {"nonWorkingDays": ["SATURDAY", "SUNDAY"]}


async def test_holidays_list_get_and_404(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    holidays = await c.mambu_get_all("organization/holidays/general")
    assert [h["name"] for h in holidays] == ["New Year", "Labour Day", "Christmas"]
    assert holidays[0]["date"] == "2024-01-01" and holidays[0]["isAnnuallyRecurring"] is True
    assert (await c.mambu_get(str(holidays[1]["id"]), "organization/holidays/general"))[
        "name"
    ] == "Labour Day"
    assert len(await c.mambu_get_all("organization/holidays/general", offset=1, limit=1)) == 1
    with pytest.raises(MambuNotFoundError):
        await c.mambu_get("999", "organization/holidays/general")


async def test_credit_arrangements_list_search_and_accounts(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    [arrangement] = await c.mambu_get_all("creditarrangements", sortBy="amount:DESC")
    assert arrangement["state"] == "PENDING_APPROVAL" and arrangement["amount"] == D("2400.50")
    assert arrangement["availableCreditAmount"] == D("2400.50") and arrangement["consumedCreditAmount"] == 0
    found = await c.mambu_search(
        "creditarrangements", filterCriteria=[{"field": "amount", "operator": "MORE_THAN", "value": "100"}]
    )
    assert [a["encodedKey"] for a in found] == [arrangement["encodedKey"]]
    accounts = await c.mambu_creditarrangement_getAccounts(arrangement["encodedKey"])
    assert [a["id"] for a in accounts["loanAccounts"]] == ["L1"] and accounts["depositAccounts"] == []
    with pytest.raises(MambuNotFoundError) as caught:
        await c.mambu_creditarrangement_getAccounts("NOPE")
    assert _reason(caught) == "INVALID_CREDIT_ARRANGEMENT_ID"
    with pytest.raises(MambuBadRequestError):
        await c.mambu_get_all("creditarrangements", sortBy="id:ASC")


async def test_gl_accounts_need_a_type_and_carry_balances(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    seeded.create(
        "gljournalentries",
        {
            "glAccount": {"encodedKey": seeded.get("glaccounts", "1000")["encodedKey"]},
            "type": "DEBIT",
            "amount": D("10.25"),
        },
    )
    [asset] = await c.mambu_get_all("glaccounts", filters={"type": "ASSET"})
    assert asset["glCode"] == GL_CODES["ASSET"] and asset["balance"] == D("10.25")
    one = await c.mambu_get("1000", "glaccounts")
    assert one["encodedKey"] == asset["encodedKey"]
    with pytest.raises(MambuBadRequestError) as caught:
        await c.mambu_get_all("glaccounts")
    assert _reason(caught) == "INVALID_GL_ACCOUNT_TYPE"
    with pytest.raises(MambuNotFoundError) as caught:
        await c.mambu_get("9999", "glaccounts")
    assert _reason(caught) == "INVALID_GL_ACCOUNT_ID"


async def test_journal_entries_and_interest_accruals_search(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    gl = seeded.get("glaccounts", "4000")
    for amount in ("1.10", "2.20", "3.30"):
        seeded.create(
            "gljournalentries",
            {"glAccount": {"encodedKey": gl["encodedKey"]}, "type": "CREDIT", "amount": D(amount)},
        )
    entries = await c.mambu_search(
        "gljournalentries",
        filterCriteria=[{"field": "glAccountId", "operator": "EQUALS", "value": "4000"}],
        sortingCriteria={"field": "entryId", "order": "DESC"},
        limit=2,
    )
    assert [e["amount"] for e in entries] == [D("3.30"), D("2.20")]
    assert entries[0]["glAccount"]["glCode"] == "4000" and entries[0]["entryId"] > entries[1]["entryId"]
    seeded.create(
        "interestaccruals",
        {
            "entryType": "CREDIT",
            "amount": D("0.42"),
            "glAccountKey": gl["encodedKey"],
            "accountId": "L2",
            "bookingDate": "2024-01-15",
        },
    )
    rows = await c.mambu_search(
        "accounting/interestaccrual",
        filterCriteria=[{"field": "accountId", "operator": "EQUALS", "value": "L2"}],
    )
    assert [(r["amount"], r["glAccountId"]) for r in rows] == [(D("0.42"), "4000")]
    assert "encodedKey" not in rows[0]
    with pytest.raises(MambuBadRequestError):
        await c.mambu_search(
            "gljournalentries", filterCriteria=[{"field": "nope", "operator": "EQUALS", "value": "1"}]
        )


async def test_index_rate_sources_and_rates(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    [source] = await c.mambu_get_all("indexratesources")
    assert source["id"] == "EURIBOR" and source["type"] == "INTEREST_RATE"
    rates = await c.mambu_get_index_rates("EURIBOR")
    assert [r["rate"] for r in rates] == [D("3.75"), D("3.50"), D("3.25")]
    assert [r["rate"] for r in await c.mambu_get_index_rates("EURIBOR", offset=1, limit=1)] == [D("3.50")]
    with pytest.raises(MambuNotFoundError) as caught:
        await c.mambu_get_index_rates("LIBOR")
    assert _reason(caught) == "INVALID_INDEX_RATE_SOURCE_ID"


async def test_installments_by_due_date_and_filters(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    rows = await c.mambu_get_installments("2024-01-01", "2024-12-31")
    assert len(rows) == 6 and [r["number"] for r in rows[:2]] == ["1", "1"]
    assert rows[0]["dueDate"] <= rows[-1]["dueDate"]
    assert len(await c.mambu_get_installments("2024-01-01", "2024-12-31", offset=4, limit=10)) == 2
    assert (
        await c.mambu_get_installments("2024-01-01", "2024-12-31", filters={"installmentState": "PAID"}) == []
    )
    assert (
        len(
            await c.mambu_get_installments(
                "2024-01-01", "2024-12-31", filters={"accountState": "PENDING_APPROVAL"}
            )
        )
        == 6
    )
    with pytest.raises(MambuNotFoundError):
        await c.mambu_get_installments("2024-01-01", "2024-12-31", filters={"productTypeKey": "NOPE"})
    with pytest.raises(MambuBadRequestError):
        await c.mambu_get_all("installments")
    with pytest.raises(MambuValidationError):
        await c.mambu_get_installments(None, "2024-12-31")


async def test_schedule_can_be_edited_before_disbursement(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    schedule = await c.mambu_loanaccount_getSchedule("L2")
    first, second, third = schedule["installments"]
    edited = await c.mambu_loanaccount_updateSchedule(
        "L2",
        [
            {"encodedKey": first["encodedKey"], "principal": {"amount": {"expected": D("600.00")}}},
            {"number": "2", "principal": {"amount": {"expected": D("200.00")}}},
            {
                "number": "3",
                "dueDate": "2024-06-15T00:00:00+00:00",
                "principal": {"amount": {"expected": D("400.00")}},
            },
        ],
    )
    principals = [i["principal"]["amount"]["expected"] for i in edited["installments"]]
    assert principals == [D("600.00"), D("200.00"), D("400.00")]
    assert edited["installments"][2]["dueDate"].startswith("2024-06-15")
    assert (await c.mambu_loanaccount_getSchedule("L2"))["installments"] == edited["installments"]
    assert (await c.mambu_get("L2", "loans"))["scheduleSettings"]["hasCustomSchedule"] is True
    cases = [
        (
            [{"number": "1", "principal": {"amount": {"expected": D("1.00")}}}],
            "INCONSISTENT_SCHEDULE_PRINCIPAL_DUE_WITH_LOAN_AMOUNT",
        ),
        ([{"number": "9"}], "INVALID_INSTALLMENTS"),
        (
            [{"number": "1", "principal": {"amount": {"expected": D("-1.00")}}}],
            "NEGATIVE_PRINCIPAL_FOR_INSTALLMENT",
        ),
        ([{"number": "2", "dueDate": "2030-01-01"}], "INVALID_INSTALLMENTS"),
    ]
    for body, reason in cases:
        with pytest.raises(MambuBadRequestError) as caught:
            await c.mambu_loanaccount_updateSchedule("L2", body)
        assert _reason(caught) == reason
    await c.mambu_change_state("L2", "loans", "APPROVE")
    await c.mambu_make_disbursement("L2")
    after = await c.mambu_loanaccount_getSchedule("L2")
    assert [i["principal"]["amount"]["expected"] for i in after["installments"]] == principals
    with pytest.raises(MambuBadRequestError) as caught:
        await c.mambu_loanaccount_updateSchedule("L2", [{"number": "1"}])
    assert _reason(caught) == "INVALID_ACCOUNT_STATE"
    assert second["number"] == "2" and third["number"] == "3"


async def test_communication_messages_search_and_get(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    every = await c.mambu_search_communications()
    assert len(every) == 2 and every[0]["type"] == "EMAIL" and every[0]["state"] == "FAILED"
    sent = await c.mambu_search_communications([{"field": "state", "operator": "EQUALS", "value": "SENT"}])
    assert [m["type"] for m in sent] == ["SMS"]
    assert len(await c.mambu_search_communications(offset=1, limit=1)) == 1
    one = await c.mambu_get(every[0]["encodedKey"], "communications/messages")
    assert one["clientKey"] == every[0]["clientKey"]
    with pytest.raises(MambuNotFoundError) as caught:
        await c.mambu_get("0" * 32, "communications/messages")
    assert _reason(caught) == "MESSAGE_NOT_FOUND"


async def test_cards_and_authorization_holds(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    assert await c.mambu_get_cards("D1") == [{"referenceToken": "card-D1"}]
    holds = await c.mambu_get_authorization_holds("D2")
    assert [(h["externalReferenceId"], h["amount"], h["status"]) for h in holds] == [
        ("hold-D2", D("13.34"), "PENDING")
    ]
    assert await c.mambu_get_authorization_holds("D2", status="SETTLED") == []
    with pytest.raises(MambuNotFoundError) as caught:
        await c.mambu_get_cards("NOPE")
    assert _reason(caught) == "INVALID_DEPOSIT_ACCOUNT_ID"
    with pytest.raises(MambuValidationError):
        await c.mambu_get_authorization_holds("D1", status="LOST")


async def test_deposit_product_batch_update(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    assert await c.mambu_depositproduct_batchUpdate("DP1") == {"state": "QUEUED"}
    rate = seeded.get("deposits", "D1")["interestSettings"]["interestRateSettings"]["interestRate"]
    assert rate == D("2.50")
    with pytest.raises(MambuNotFoundError):
        await c.mambu_depositproduct_batchUpdate("NOPE")
    with pytest.raises(MambuValidationError):
        await c.mambu_depositproduct_batchUpdate("DP1", "CLOSE_ALL")


@pytest.mark.parametrize(
    ("path", "params", "total"),
    [
        ("/installments", [("dueFrom", "2024-01-01"), ("dueTo", "2024-12-31")], 6),
        ("/organization/holidays/general", [], 3),
        ("/creditarrangements", [], 1),
        ("/glaccounts", [("type", "INCOME")], 1),
        ("/indexratesources/EURIBOR/indexrates", [], 3),
        ("/deposits/D1/authorizationholds", [], 1),
        ("/deposits/D1/cards", [], 1),
    ],
)
async def test_lists_send_mambus_paging_headers(
    raw: Any, seeded: FakeMambu, path: str, params: list[tuple[str, str]], total: int
) -> None:
    paged = [*params, ("offset", "1"), ("limit", "1"), ("paginationDetails", "ON")]
    status, headers, body = await raw("GET", path, params=paged)
    assert status == 200, body
    assert (headers["items-offset"], headers["items-limit"], headers["items-total"]) == ("1", "1", str(total))
    assert len(body) == min(1, total - 1)
    status, _, body = await raw("GET", path, params=[*params, ("limit", "1001")])
    assert status == 400 and body["errors"][0]["errorReason"] == "OUT_OF_BOUNDS_PAGINATION_LIMIT_VALUE"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/creditarrangements/NOPE", "INVALID_CREDIT_ARRANGEMENT_ID"),
        ("/glaccounts/NOPE", "INVALID_GL_ACCOUNT_ID"),
        ("/indexratesources/NOPE", "INVALID_INDEX_RATE_SOURCE_ID"),
        ("/deposits/NOPE/cards", "INVALID_DEPOSIT_ACCOUNT_ID"),
        ("/communications/messages/NOPE", "MESSAGE_NOT_FOUND"),
    ],
)
async def test_unknown_ids_answer_mambus_404(raw: Any, seeded: FakeMambu, path: str, reason: str) -> None:
    status, _, body = await raw("GET", path)
    assert status == 404 and body["errors"][0]["errorReason"] == reason
    assert isinstance(body["errors"][0]["errorCode"], int)


async def test_holds_of_an_unknown_account_are_a_bad_request_as_the_openapi_file_declares(
    raw: Any, seeded: FakeMambu
) -> None:
    status, _, body = await raw("GET", "/deposits/NOPE/authorizationholds")
    assert status == 400 and body["errors"][0]["errorReason"] == "INVALID_DEPOSIT_ACCOUNT_ID"


async def test_search_bodies_are_checked(raw: Any, seeded: FakeMambu) -> None:
    status, _, body = await raw("POST", "/communications/messages:search", json={"filterCriteria": []})
    assert status == 400 and body["errors"][0]["errorReason"] == "INVALID_PARAMETERS"
    status, _, body = await raw(
        "POST",
        "/gljournalentries:search",
        json={"filterCriteria": [{"field": "amount", "operator": "ON", "value": "1"}]},
    )
    assert status == 400
    status, _, body = await raw("POST", "/depositproducts/DP1:batchUpdate", json={"action": "NOPE"})
    assert status == 400 and body["errors"][0]["errorReason"] == "INVALID_PARAMETERS"
