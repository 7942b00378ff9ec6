"""The tenant's clock on both connectors: real time in the tenant's timezone by default, frozen on demand,
and "today" in any form accepted for a loan's whole life while a later date is refused."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal
from typing import Any

import pytest

from mambu_async import MambuBadRequestError
from mambu_async.connector.operations import MambuOperations
from mambu_async.testing import FakeMambu
from mambu_async.testing.clock import DEFAULT_NOW, FakeClock

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
EVENING = dt.datetime(2024, 3, 10, 3, 30, tzinfo=dt.UTC)
"""22:30 on 9 March in New York, already 10 March in UTC."""


@pytest.fixture
def mambu_fake() -> FakeMambu:
    """A tenant in New York whose clock runs (on a wall injected at ``EVENING``)."""
    fake = FakeMambu(timezone="America/New_York")
    fake.clock = FakeClock(timezone=fake.timezone, wall=lambda: EVENING)
    return fake


def _seed_loan(fake: FakeMambu) -> None:
    fake.create("clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez"})
    fake.create(
        "loanproducts",
        {"id": "LP1", "name": "Micro", "type": "FIXED_TERM_LOAN", "creditArrangementSettings": {}},
    )


async def _open_loan(connector: MambuOperations, loan_id: str) -> None:
    await connector.mambu_create(
        "loans",
        {
            "id": loan_id,
            "accountHolderKey": "C1",
            "accountHolderType": "CLIENT",
            "productTypeKey": "LP1",
            "loanAmount": Decimal("1200.00"),
            "interestSettings": {"interestRate": Decimal("12")},
            "scheduleSettings": {
                "gracePeriod": 0,
                "repaymentInstallments": 12,
                "repaymentPeriodUnit": "MONTHS",
            },
        },
    )
    await connector.mambu_change_state(loan_id, "loans", "APPROVE", "ok")


def _today_forms(today: dt.date, now: dt.datetime) -> list[Any]:
    return [
        today,
        today.isoformat(),
        now,
        now.astimezone(dt.UTC).isoformat(),
        f"{today.isoformat()}T23:59:00-12:00",
        f"{today.isoformat()}T00:00:00+14:00",
    ]


async def test_running_clock_shows_the_tenant_zone(mambu_fake: FakeMambu) -> None:
    now = mambu_fake.clock.now()
    assert not mambu_fake.clock.frozen
    assert now == EVENING and now.utcoffset() == dt.timedelta(hours=-5)
    assert mambu_fake.clock.today() == dt.date(2024, 3, 9)
    assert mambu_fake.clock.iso() == "2024-03-09T22:30:00-05:00"
    assert mambu_fake.timezone_id == "America/New_York"


async def test_a_loan_lives_today_in_any_form(
    mambu_connector: MambuOperations, mambu_fake: FakeMambu
) -> None:
    _seed_loan(mambu_fake)
    today, now = mambu_fake.clock.today(), mambu_fake.clock.now()
    for number, when in enumerate(_today_forms(today, now)):
        loan_id = f"L{number}"
        await _open_loan(mambu_connector, loan_id)
        disbursement = await mambu_connector.mambu_make_disbursement(loan_id, valueDate=when)
        assert disbursement["type"] == "DISBURSEMENT"
        loan = await mambu_connector.mambu_get(loan_id, "loans")
        assert loan["accountState"] == "ACTIVE"
        repayment = await mambu_connector.mambu_make_repayment(loan_id, Decimal("10.50"), valueDate=when)
        assert repayment["amount"] == Decimal("10.50")


@pytest.mark.parametrize(
    "when",
    [dt.date(2024, 3, 10), "2024-03-10", "2024-03-10T09:00:00-05:00", "2024-03-11T00:00:00+14:00"],
)
async def test_a_date_after_today_is_refused(
    mambu_connector: MambuOperations, mambu_fake: FakeMambu, when: Any
) -> None:
    _seed_loan(mambu_fake)
    await _open_loan(mambu_connector, "L1")
    with pytest.raises(MambuBadRequestError) as caught:
        await mambu_connector.mambu_make_disbursement("L1", valueDate=when)
    assert [e.reason for e in caught.value.errors] == ["INVALID_DISBURSEMENT_DATE"]


async def test_advance_moves_a_running_clock_and_a_frozen_one(mambu_fake: FakeMambu) -> None:
    clock = mambu_fake.clock
    assert clock.advance(hours=2) == EVENING + dt.timedelta(hours=2)
    assert clock.today() == dt.date(2024, 3, 10)
    frozen_at = clock.freeze()
    assert clock.frozen and frozen_at == EVENING + dt.timedelta(hours=2)
    assert clock.advance(days=1) == frozen_at + dt.timedelta(days=1)
    clock.set(DEFAULT_NOW)
    assert clock.now() == DEFAULT_NOW and clock.now().tzinfo is mambu_fake.timezone
    clock.resume()
    assert not clock.frozen and clock.now() == EVENING
    with pytest.raises(ValueError, match="only moves forward"):
        clock.advance(days=-1)


async def test_created_records_carry_the_running_time(
    mambu_connector: MambuOperations, mambu_fake: FakeMambu
) -> None:
    created = await mambu_connector.mambu_create("clients", {"firstName": "Ana", "lastName": "Lopez"})
    assert created["creationDate"] == "2024-03-09T22:30:00-05:00"
    mambu_fake.clock.advance(minutes=5)
    updated = await mambu_connector.mambu_update(created["id"], "clients", {**created, "firstName": "Anna"})
    assert updated["lastModifiedDate"] == "2024-03-09T22:35:00-05:00"


def test_default_fake_follows_real_time_in_its_zone() -> None:
    fake = FakeMambu(timezone="Asia/Tokyo")
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    now = fake.clock.now()
    after = dt.datetime.now(dt.UTC)
    assert before <= now <= after and now.utcoffset() == dt.timedelta(hours=9)
    assert fake.clock.today() in {before.astimezone(now.tzinfo).date(), after.astimezone(now.tzinfo).date()}
    assert FakeMambu().timezone_id == "UTC" and not FakeMambu().clock.frozen


async def test_default_fake_disburses_on_the_real_today() -> None:
    from mambu_async.testing import FakeConnector

    fake = FakeMambu(timezone="Pacific/Auckland")
    _seed_loan(fake)
    connector = FakeConnector(fake)
    await _open_loan(connector, "L1")
    today = fake.clock.today()  # read after the approval: the day cannot be earlier than the approval's
    await connector.mambu_make_disbursement("L1", valueDate=today)
    loan = await connector.mambu_get("L1", "loans")
    assert loan["accountState"] == "ACTIVE"


def test_now_freezes_and_takes_its_zone_unless_one_is_given() -> None:
    berlin = dt.datetime(2024, 1, 15, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Berlin"))
    fake = FakeMambu(now=berlin)
    assert fake.clock.frozen and fake.clock.iso() == "2024-01-15T09:00:00+01:00"
    other = FakeMambu(now=berlin, timezone="UTC")
    assert other.clock.iso() == "2024-01-15T08:00:00+00:00" and other.timezone_id == "UTC"
    with pytest.raises(ValueError, match="unknown timezone"):
        FakeMambu(timezone="Mars/Olympus")
    with pytest.raises(ValueError, match="aware"):
        FakeMambu(now=dt.datetime(2024, 1, 15, 9, 0))


async def test_a_loan_expected_to_disburse_today_in_another_offset(
    mambu_connector: MambuOperations, mambu_fake: FakeMambu
) -> None:
    _seed_loan(mambu_fake)
    now_utc = mambu_fake.clock.now().astimezone(dt.UTC)  # already tomorrow's date in UTC
    await mambu_connector.mambu_create(
        "loans",
        {
            "id": "L1",
            "accountHolderKey": "C1",
            "accountHolderType": "CLIENT",
            "productTypeKey": "LP1",
            "loanAmount": Decimal("600.00"),
            "interestSettings": {"interestRate": Decimal("12")},
            "scheduleSettings": {
                "gracePeriod": 0,
                "repaymentInstallments": 3,
                "repaymentPeriodUnit": "MONTHS",
            },
            "disbursementDetails": {
                "expectedDisbursementDate": now_utc,
                "firstRepaymentDate": now_utc + dt.timedelta(days=30),
            },
        },
    )
    await mambu_connector.mambu_change_state("L1", "loans", "APPROVE", "ok")
    await mambu_connector.mambu_make_disbursement("L1", valueDate=now_utc)
    loan = await mambu_connector.mambu_get("L1", "loans")
    assert loan["accountState"] == "ACTIVE"
    schedule = await mambu_connector.mambu_loanaccount_getSchedule("L1")
    assert [i["dueDate"][:10] for i in schedule["installments"]] == ["2024-04-08", "2024-05-08", "2024-06-08"]
