"""Entity methods raise only the library's errors for bad values, before any request (both connectors)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from mambu_async import MambuValidationError
from mambu_async.connector.operations import MambuOperations
from mambu_async.entities.client import MambuClient
from mambu_async.entities.deposit import MambuDeposit
from mambu_async.entities.loan import MambuLoan

from .conftest import Tenant


async def test_patch_refuses_what_is_not_a_list_of_names(
    mambu_connector: MambuOperations, tenant: Tenant
) -> None:
    loan = await MambuLoan.get(tenant.new_loan(), connector=mambu_connector)
    loan.loan_name = "Renamed"
    for fields in (dt.date(2024, 1, 1), 42, "loan_name"):
        with pytest.raises(MambuValidationError, match="list of names"):
            await loan.patch(fields)  # type: ignore[arg-type]
    assert (await MambuLoan.get(loan.id, connector=mambu_connector)).loan_name == "Test loan"


@pytest.mark.parametrize("value", [Decimal("Infinity"), Decimal("NaN"), Decimal("-Infinity")])
async def test_a_non_finite_amount_is_refused_when_patched(
    mambu_connector: MambuOperations, tenant: Tenant, value: Decimal
) -> None:
    loan = await MambuLoan.get(tenant.new_loan("1200.50"), connector=mambu_connector)
    with pytest.raises(MambuValidationError):  # refused when assigned, or at the latest when sent
        loan.loan_amount = value
        await loan.patch()
    assert (await loan.refresh()).loan_amount == Decimal("1200.50")


@pytest.mark.parametrize("value", [[1, 2], "text", 7])
async def test_custom_fields_must_be_a_mapping(
    mambu_connector: MambuOperations, tenant: Tenant, value: Any
) -> None:
    client = await MambuClient.get("C1", connector=mambu_connector)
    with pytest.raises(MambuValidationError, match="custom_fields"):
        client.custom_fields = value


@pytest.mark.parametrize("target", ["D2", 12, object()])
async def test_transfer_to_something_that_is_not_an_account(
    mambu_connector: MambuOperations, tenant: Tenant, target: Any
) -> None:
    account = await MambuDeposit.get(tenant.new_deposit(), connector=mambu_connector)
    with pytest.raises(MambuValidationError, match="deposit or loan"):
        await account.transfer(Decimal("10.25"), to=target)
