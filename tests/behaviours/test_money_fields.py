"""Money and rates are never float: a float or a Decimal NaN/Infinity is refused before any request."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from mambu_async.connector.operations import MambuOperations
from mambu_async.entities import MambuDeposit, MambuLoan
from mambu_async.errors import MambuValidationError

from .conftest import Tenant

REFUSED = [1.5, Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("-Infinity"), True, "ten"]


@pytest.mark.parametrize("value", REFUSED, ids=repr)
def test_money_field_refuses_floats_and_non_finite_decimals(value: Any) -> None:
    loan = MambuLoan.from_wire({"id": "L1", "loanAmount": "1000.00", "interestSettings": {"interestRate": 5}})
    with pytest.raises(MambuValidationError) as refused:
        loan.loan_amount = value
    assert "MambuLoan.loanAmount" in str(refused.value)
    assert loan.loan_amount == Decimal("1000.00")
    with pytest.raises(MambuValidationError, match=r"interestSettings\.interestRate"):
        loan.interest_settings.interest_rate = value  # a rate in a nested value object
    deposit = MambuDeposit.from_wire({"id": "D1", "balances": {"totalBalance": "10.00"}})
    with pytest.raises(MambuValidationError, match=r"MambuDeposit\.balances\.totalBalance"):
        deposit.balances.total_balance = value
    with pytest.raises(MambuValidationError, match=r"MambuLoan\.loanAmount"):
        MambuLoan(loan_amount=value)  # the constructor checks too


@pytest.mark.parametrize(("value", "stored"), [
    (Decimal("10.50"), Decimal("10.50")), (7, Decimal("7")), ("2500.25", Decimal("2500.25")), (None, None),
])
def test_money_field_accepts_decimal_int_and_numeric_strings(value: Any, stored: Decimal | None) -> None:
    loan = MambuLoan(loan_amount=value)
    assert loan.loan_amount == stored
    assert loan.loan_amount is None or isinstance(loan.loan_amount, Decimal)


async def test_non_finite_custom_field_value_is_refused_when_patched(
    tenant: Tenant, mambu_connector: MambuOperations
) -> None:
    loan_id = tenant.new_loan()
    loan = await MambuLoan.get(loan_id, connector=mambu_connector)
    loan.custom_fields.set("_Loan_Info", "rate", Decimal("NaN"))
    before = dict(tenant.fake.get("loans", loan_id))
    with pytest.raises(MambuValidationError, match="_Loan_Info"):
        await loan.patch()
    assert tenant.fake.get("loans", loan_id) == before


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity")], ids=repr)
async def test_connector_patch_refuses_non_finite_values(
    tenant: Tenant, mambu_connector: MambuOperations, value: Decimal
) -> None:
    loan_id = tenant.new_loan()
    before = dict(tenant.fake.get("loans", loan_id))
    with pytest.raises(MambuValidationError, match="finite"):
        await mambu_connector.mambu_patch(loan_id, "loans", [("REPLACE", "loanAmount", value)])
    assert tenant.fake.get("loans", loan_id) == before
