"""Testing your own code against the fake tenant, with the pytest plugin's fixtures (no configuration).

Run it with ``pytest examples/test_with_fake.py`` (``pip install 'mambu-async[testing]'``). Each test runs
twice: on the in-process ``FakeConnector`` and on ``MambuConnectorREST`` talking HTTP to the emulator.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from mambu_async import MambuClient, MambuConnector, MambuLoan
from mambu_async.testing import FakeMambu


async def open_account(connector: MambuConnector, first: str, last: str) -> MambuClient:
    """The code under test: create a client (Mambu makes it PENDING_APPROVAL) and activate it."""
    client = MambuClient(first_name=first, last_name=last, connector=connector)
    await client.create()
    client.state = "ACTIVE"
    await client.patch()  # [REPLACE /state]
    return client


@pytest.mark.asyncio
async def test_open_account_approves_the_client(
    mambu_connector: MambuConnector, mambu_fake: FakeMambu
) -> None:
    client = await open_account(mambu_connector, "Ana", "Lopez")
    assert str(client.state) == "ACTIVE"
    assert mambu_fake.get("clients", str(client.id))["firstName"] == "Ana"


@pytest.mark.asyncio
async def test_a_repayment_reduces_the_balance(
    mambu_connector: MambuConnector, mambu_fake: FakeMambu
) -> None:
    mambu_fake.clock.set(dt.datetime(2024, 1, 15, 9, tzinfo=dt.UTC))  # the fake's clock stands still
    holder = await open_account(mambu_connector, "Ben", "Okafor")
    product = mambu_fake.create(  # seed data goes through the same rules as a POST
        "loanproducts",
        {
            "id": "LP1",
            "name": "Micro loan",
            "type": "DYNAMIC_TERM_LOAN",
            "state": "ACTIVE",
            "currency": {"code": "EUR"},
            "creditArrangementSettings": {"creditArrangementRequirement": "OPTIONAL"},
        },
    )
    loan = MambuLoan.from_wire(
        {
            "accountHolderKey": holder.encoded_key,
            "accountHolderType": "CLIENT",
            "productTypeKey": product["encodedKey"],
            "loanName": "Micro loan",
            "loanAmount": Decimal("1200.00"),
            "interestSettings": {"interestRate": Decimal("12.00")},
            "scheduleSettings": {
                "gracePeriod": 0,
                "repaymentInstallments": 12,
                "repaymentPeriodCount": 1,
                "repaymentPeriodUnit": "MONTHS",
            },
        }
    )
    loan.connector = mambu_connector
    await loan.create()
    await loan.approve()
    await loan.disburse()
    await loan.repay(Decimal("150.00"))
    assert loan.balances is not None and loan.balances.principal_balance is not None
    assert loan.balances.principal_balance < Decimal("1200.00")
