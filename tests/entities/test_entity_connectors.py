"""Every entity method on both connectors (FakeConnector and MambuConnectorREST on the emulator)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from mambu_async import MambuNotFoundError, MambuValidationError
from mambu_async.entities import (
    F,
    MambuBasicDetailsError,
    MambuClient,
    MambuDeposit,
    MambuLoan,
    MambuLoanProduct,
)
from mambu_async.entities.loan import ScheduleSettings
from mambu_async.entities.product import CreditArrangementSettings


async def _client(connector: Any, first: str = "Ana") -> MambuClient:
    client = MambuClient(first_name=first, last_name="Lopez", connector=connector)
    return await client.create()


async def test_client_lifecycle(mambu_connector: Any) -> None:
    created = await _client(mambu_connector)
    assert created.details_level == "FULL" and created.encoded_key

    client = await MambuClient.get(created.id, connector=mambu_connector)
    assert client.first_name == "Ana"
    client.first_name = "Ana Maria"
    assert await client.patch() == [{"op": "REPLACE", "path": "/firstName", "value": "Ana Maria"}]
    await client.refresh()
    assert client.first_name == "Ana Maria"

    client.notes = "VIP"
    await client.update()
    assert (await MambuClient.get(created.encoded_key, connector=mambu_connector)).notes == "VIP"

    await client.delete()
    with pytest.raises(MambuNotFoundError):
        await MambuClient.get(created.id, connector=mambu_connector)


async def test_client_lists_search_and_iterate(mambu_connector: Any) -> None:
    for name in ("Ana", "Bea", "Carla"):
        await _client(mambu_connector, name)
    listed = await MambuClient.get_all(connector=mambu_connector, sort_by=F("firstName").desc(), limit=2)
    assert [c.first_name for c in listed] == ["Carla", "Bea"]
    assert all(c.details_level == "BASIC" and c.connector is mambu_connector for c in listed)
    with pytest.raises(MambuBasicDetailsError):
        await listed[0].update()

    found = await MambuClient.search(
        connector=mambu_connector,
        filter_criteria=[F("firstName").in_(["Ana", "Carla"])],
        sorting_criteria=F("firstName").asc(),
    )
    assert [c.first_name for c in found] == ["Ana", "Carla"]

    stream = MambuClient.iterate(connector=mambu_connector, page_size=2)
    names = sorted([c.first_name async for c in stream])
    await stream.aclose()
    assert names == ["Ana", "Bea", "Carla"]

    with pytest.raises(MambuValidationError):
        await MambuClient.search(connector=mambu_connector, filter_criteria=[F("nickname").equals("x")])


async def test_loan_product_loan_and_deposit(mambu_connector: Any) -> None:
    product = MambuLoanProduct(
        id="P1",
        name="Personal",
        type="FIXED_TERM_LOAN",
        credit_arrangement_settings=CreditArrangementSettings(credit_arrangement_requirement="NOT_REQUIRED"),
        connector=mambu_connector,
    )
    await product.create()
    assert (await MambuLoanProduct.get("P1", connector=mambu_connector)).name == "Personal"
    assert [p.id for p in await MambuLoanProduct.get_all(connector=mambu_connector)] == ["P1"]

    holder = await _client(mambu_connector)
    loan = MambuLoan(
        account_holder_key=holder.encoded_key,
        account_holder_type="CLIENT",
        product_type_key=product.encoded_key,
        loan_amount=Decimal("12345.67"),
        loan_name="Car",
        schedule_settings=ScheduleSettings(
            grace_period=0,
            repayment_installments=12,
            repayment_period_count=1,
            repayment_period_unit="MONTHS",
        ),
        connector=mambu_connector,
    )
    await loan.create()
    fetched = await MambuLoan.get(loan.id, connector=mambu_connector)
    assert fetched.loan_amount == Decimal("12345.67")
    fetched.loan_name = "Truck"
    assert await fetched.patch(["loan_name"]) == [{"op": "REPLACE", "path": "/loanName", "value": "Truck"}]
    found = await MambuLoan.search(connector=mambu_connector, filter_criteria=[F("loanName").equals("Truck")])
    assert [x.id for x in found] == [loan.id]
    streamed = [x.id async for x in MambuLoan.iterate(connector=mambu_connector)]
    assert streamed == [loan.id]

    savings = await mambu_connector.mambu_create(  # deposit product models come with MambuDepositProduct
        "depositproducts",
        {
            "id": "D1",
            "name": "Savings",
            "type": "REGULAR_SAVINGS",
            "state": "ACTIVE",
            "accountingSettings": {"accountingMethod": "NONE"},
            "newAccountSettings": {"idGeneratorType": "RANDOM_PATTERN", "idPattern": "@@@###"},
        },
    )
    deposit = MambuDeposit(
        account_holder_key=holder.encoded_key,
        account_holder_type="CLIENT",
        product_type_key=savings["encodedKey"],
        name="Savings",
        connector=mambu_connector,
    )
    await deposit.create()
    listed = await MambuDeposit.get_all(connector=mambu_connector, filters={"accountHolderId": holder.id})
    assert [d.name for d in listed] == ["Savings"]
