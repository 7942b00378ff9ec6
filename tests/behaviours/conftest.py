"""A small tenant for the entity tests: organisation, products, holders, a loan and a deposit account.

Seeded straight into ``mambu_fake`` (the plugin's tenant behind both connectors of ``mambu_connector``)
through the fake's own create rules.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest

from mambu_async.testing import FakeMambu


@attrs.define
class Tenant:
    """Keys of the seeded records (``*_key`` are encodedKeys)."""

    fake: FakeMambu
    branch_key: str
    centre_key: str
    role_key: str
    user_key: str
    client_key: str
    client2_key: str
    group_key: str
    loan_product_key: str
    deposit_product_key: str

    def new_loan(self, amount: str = "1200", **extra: Any) -> str:
        """A PENDING_APPROVAL loan of the client (12 monthly installments); its id."""
        data: dict[str, Any] = {
            "accountHolderKey": self.client_key,
            "accountHolderType": "CLIENT",
            "productTypeKey": self.loan_product_key,
            "loanName": "Test loan",
            "loanAmount": Decimal(amount),
            "assignedBranchKey": self.branch_key,
            "assignedCentreKey": self.centre_key,
            "assignedUserKey": self.user_key,
            "interestSettings": {"interestRate": Decimal("12")},
            "scheduleSettings": {
                "gracePeriod": 0,
                "repaymentInstallments": 12,
                "repaymentPeriodCount": 1,
                "repaymentPeriodUnit": "MONTHS",
            },
            **extra,
        }
        return str(self.fake.create("loans", data)["id"])

    def new_deposit(self, **extra: Any) -> str:
        """A PENDING_APPROVAL current account of the client; its id."""
        data: dict[str, Any] = {
            "accountHolderKey": self.client_key,
            "accountHolderType": "CLIENT",
            "productTypeKey": self.deposit_product_key,
            "name": "Test account",
            "assignedBranchKey": self.branch_key,
            **extra,
        }
        return str(self.fake.create("deposits", data)["id"])


@pytest.fixture
def tenant(mambu_fake: FakeMambu) -> Tenant:
    """The seeded tenant."""
    fake = mambu_fake
    branch = fake.create("branches", {"id": "BR1", "name": "Main branch"})
    centre = fake.create(
        "centres", {"id": "CE1", "name": "Market centre", "assignedBranchKey": branch["encodedKey"]}
    )
    role = fake.create("userroles", {"id": "R1", "name": "Credit officer"})
    user = fake.create(
        "users",
        {
            "id": "U1",
            "username": "officer1",
            "firstName": "Olga",
            "lastName": "Officer",
            "assignedBranchKey": branch["encodedKey"],
            "role": {"encodedKey": role["encodedKey"]},
        },
    )
    holders = [
        fake.create(
            "clients",
            {
                "id": f"C{i}",
                "firstName": name,
                "lastName": "Tester",
                "assignedBranchKey": branch["encodedKey"],
                "assignedCentreKey": centre["encodedKey"],
                "assignedUserKey": user["encodedKey"],
            },
        )
        for i, name in ((1, "Ana"), (2, "Ben"))
    ]
    group = fake.create(
        "groups",
        {
            "id": "G1",
            "groupName": "Market women",
            "assignedBranchKey": branch["encodedKey"],
            "groupMembers": [
                {"clientKey": holders[0]["encodedKey"], "roles": [{"roleName": "Treasurer"}]},
                {"clientKey": holders[1]["encodedKey"]},
            ],
        },
    )
    loan_product = fake.create(
        "loanproducts",
        {
            "id": "LP1",
            "name": "Declining balance loan",
            "type": "DYNAMIC_TERM_LOAN",
            "state": "ACTIVE",
            "creditArrangementSettings": {"creditArrangementRequirement": "OPTIONAL"},
            "currency": {"code": "EUR"},
            "scheduleSettings": {
                "repaymentReschedulingMethod": "NONE",
                "repaymentScheduleMethod": "DYNAMIC",
                "scheduleDueDatesMethod": "FIXED_DAYS_OF_MONTH",
                "fixedDaysOfMonth": [15],
            },
        },
    )
    deposit_product = fake.create(
        "depositproducts",
        {
            "id": "DP1",
            "name": "Current account",
            "type": "CURRENT_ACCOUNT",
            "state": "ACTIVE",
            "accountingSettings": {"accountingMethod": "NONE"},
            "newAccountSettings": {"idGeneratorType": "INCREMENTAL_NUMBER", "idPattern": "@@@###"},
            "currencySettings": {"currencies": [{"code": "EUR"}]},
        },
    )
    return Tenant(
        fake=fake,
        branch_key=branch["encodedKey"],
        centre_key=centre["encodedKey"],
        role_key=role["encodedKey"],
        user_key=user["encodedKey"],
        client_key=holders[0]["encodedKey"],
        client2_key=holders[1]["encodedKey"],
        group_key=group["encodedKey"],
        loan_product_key=loan_product["encodedKey"],
        deposit_product_key=deposit_product["encodedKey"],
    )
