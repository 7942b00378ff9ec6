"""CRUD on every entity kind, addressed by id and by encodedKey, identical on both connectors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from mambu_async import MambuBadRequestError, MambuNotFoundError
from mambu_async.testing import FakeMambu


def _bodies(t: dict[str, Any]) -> dict[str, tuple[dict[str, Any], str, Any]]:
    """prefix → (create body, field to change, new value)."""
    return {
        "clients": ({"firstName": "Cleo", "lastName": "Diaz"}, "lastName", "Dias"),
        "groups": (
            {"groupName": "Savers", "groupMembers": [{"clientKey": t["ana"]["encodedKey"]}]},
            "groupName",
            "Super savers",
        ),
        "branches": ({"name": "North"}, "name", "North-East"),
        "centres": ({"name": "Hub", "assignedBranchKey": t["branch"]["encodedKey"]}, "name", "Big hub"),
        "users": ({"username": "teller", "firstName": "Tom"}, "firstName", "Thomas"),
        "userroles": ({"name": "Teller"}, "name", "Head teller"),
        "loanproducts": (
            {"id": "LP9", "name": "Big loan", "type": "DYNAMIC_TERM_LOAN", "creditArrangementSettings": {}},
            "name",
            "Bigger loan",
        ),
        "depositproducts": (
            {
                "id": "DP9",
                "name": "Current",
                "type": "CURRENT_ACCOUNT",
                "state": "ACTIVE",
                "accountingSettings": {"accountingMethod": "NONE"},
                "newAccountSettings": {"idGeneratorType": "INCREMENTAL_NUMBER", "idPattern": "###"},
            },
            "name",
            "Current plus",
        ),
        "loans": (
            {
                "accountHolderKey": t["bob"]["encodedKey"],
                "accountHolderType": "CLIENT",
                "productTypeKey": t["loan_product"]["encodedKey"],
                "loanAmount": Decimal("1500.25"),
                "scheduleSettings": {"gracePeriod": 0, "repaymentInstallments": 12},
                "interestSettings": {"interestRate": Decimal("12.5")},
            },
            "loanName",
            "Bike",
        ),
        "deposits": (
            {
                "accountHolderKey": t["bob"]["encodedKey"],
                "accountHolderType": "CLIENT",
                "productTypeKey": t["deposit_product"]["encodedKey"],
                "name": "Rainy day",
            },
            "name",
            "Sunny day",
        ),
        "tasks": ({"title": "Call Ana", "dueDate": "2024-02-01"}, "title", "Call Ana back"),
    }


PREFIXES = [
    "clients",
    "groups",
    "branches",
    "centres",
    "users",
    "userroles",
    "loanproducts",
    "depositproducts",
    "loans",
    "deposits",
    "tasks",
]


@pytest.mark.parametrize("prefix", PREFIXES)
async def test_crud_by_id_and_encoded_key(mambu_connector: Any, tenant: dict[str, Any], prefix: str) -> None:
    body, field, value = _bodies(tenant)[prefix]
    created = await mambu_connector.mambu_create(prefix, body)
    key, ident = created["encodedKey"], str(created["id"])
    assert len(key) == 32 and int(key, 16) >= 0
    assert created["creationDate"] == created["lastModifiedDate"] == "2024-01-16T09:00:00+00:00"

    by_id = await mambu_connector.mambu_get(ident, prefix, detailsLevel="FULL")
    by_key = await mambu_connector.mambu_get(key, prefix, detailsLevel="FULL")
    assert by_id == by_key == created

    updated = await mambu_connector.mambu_update(key, prefix, {**by_id, field: value})
    assert updated[field] == value
    assert updated["encodedKey"] == key

    assert await mambu_connector.mambu_patch(ident, prefix, [("REPLACE", field, value + "!")]) is None
    assert (await mambu_connector.mambu_get(key, prefix))[field] == value + "!"

    listed = await mambu_connector.mambu_get_all(prefix, limit=1000)
    assert key in {item["encodedKey"] for item in listed}

    assert await mambu_connector.mambu_delete(ident, prefix) is None
    with pytest.raises(MambuNotFoundError):
        await mambu_connector.mambu_get(key, prefix)


async def test_money_stays_decimal(mambu_connector: Any, tenant: dict[str, Any]) -> None:
    body, _, _ = _bodies(tenant)["loans"]
    created = await mambu_connector.mambu_create("loans", body)
    got = await mambu_connector.mambu_get(created["id"], "loans")
    assert got["loanAmount"] == Decimal("1500.25") and isinstance(got["loanAmount"], Decimal)
    assert got["interestSettings"]["interestRate"] == Decimal("12.5")
    assert got["accountState"] == "PENDING_APPROVAL"


async def test_basic_hides_custom_fields_and_addresses(mambu_connector: Any, tenant: dict[str, Any]) -> None:
    basic = await mambu_connector.mambu_get("C1", "clients", detailsLevel="BASIC")
    full = await mambu_connector.mambu_get("C1", "clients", detailsLevel="FULL")
    assert "_Personal" not in basic and "addresses" not in basic
    assert full["_Personal"] == {"nickname": "Annie", "score": "7.5"}
    assert full["addresses"][0]["city"] == "Lisbon"
    assert full["addresses"][0]["parentKey"] == full["encodedKey"]
    listed = await mambu_connector.mambu_get_all("clients", detailsLevel="FULL")
    assert all("_Personal" in c for c in listed)
    assert all("_Personal" not in c for c in await mambu_connector.mambu_get_all("clients"))


async def test_group_members_link_clients(mambu_connector: Any, tenant: dict[str, Any]) -> None:
    group = await mambu_connector.mambu_create(
        "groups", {"groupName": "G", "groupMembers": [{"clientKey": "C2"}]}
    )
    assert group["groupMembers"][0]["clientKey"] == tenant["bob"]["encodedKey"]
    bob = await mambu_connector.mambu_get("C2", "clients")
    assert bob["groupKeys"] == [group["encodedKey"]]
    with pytest.raises(MambuBadRequestError) as err:
        await mambu_connector.mambu_delete("C2", "clients")
    assert err.value.error_reason == "CLIENT_IS_MEMBER_OF_A_GROUP"
    await mambu_connector.mambu_delete(group["id"], "groups")
    assert (await mambu_connector.mambu_get("C2", "clients"))["groupKeys"] == []


@pytest.mark.parametrize(
    ("prefix", "body", "reason"),
    [
        ("clients", {"id": "C1", "firstName": "X", "lastName": "Y"}, "CLIENT_ID_ALREADY_IN_USE"),
        ("clients", {"firstName": "X", "lastName": "Y", "assignedBranchKey": "nope"}, "INVALID_BRANCH_KEY"),
        ("groups", {"groupName": "G", "groupMembers": [{"clientKey": "nope"}]}, "INVALID_CLIENT_KEY"),
        ("users", {"username": "officer", "firstName": "Dup"}, "USERNAME_ALREADY_EXISTS"),
    ],
)
async def test_create_refusals(
    mambu_connector: Any, tenant: dict[str, Any], prefix: str, body: dict[str, Any], reason: str
) -> None:
    with pytest.raises(MambuBadRequestError) as err:
        await mambu_connector.mambu_create(prefix, body)
    assert err.value.error_reason == reason


async def test_delete_rules(mambu_connector: Any, tenant: dict[str, Any], mambu_fake: FakeMambu) -> None:
    body, _, _ = _bodies(tenant)["loans"]
    loan = await mambu_connector.mambu_create("loans", body)
    for prefix, ref, reason in (
        ("clients", "C2", "CLIENT_HAS_ACCOUNTS"),
        ("loanproducts", "LP1", "PRODUCT_HAS_ASSOCIATED_ACCOUNTS"),
        ("branches", "BR1", "INVALID_BRANCH_ID"),
        ("userroles", "R1", "INVALID_USER_ROLE_KEY"),
    ):
        with pytest.raises(MambuBadRequestError) as err:
            await mambu_connector.mambu_delete(ref, prefix)
        assert err.value.error_reason == reason
    active = mambu_fake.store["loans"].get_copy(loan["encodedKey"])
    assert active is not None
    active["accountState"] = "ACTIVE"
    mambu_fake.store["loans"].put(active)
    with pytest.raises(MambuBadRequestError) as err:
        await mambu_connector.mambu_delete(loan["id"], "loans")
    assert err.value.error_reason == "INVALID_ACCOUNT_STATE"


async def test_users_are_addressable_by_username(mambu_connector: Any, tenant: dict[str, Any]) -> None:
    user = await mambu_connector.mambu_get("officer", "users")
    assert user["encodedKey"] == tenant["user"]["encodedKey"]
    assert user["role"]["encodedKey"] == tenant["role"]["encodedKey"]


async def test_ids_are_deterministic_per_seed() -> None:
    first, second = FakeMambu(seed=7), FakeMambu(seed=7)
    a = first.create("clients", {"firstName": "A", "lastName": "B"})
    b = second.create("clients", {"firstName": "A", "lastName": "B"})
    assert (a["id"], a["encodedKey"]) == (b["id"], b["encodedKey"])
    assert (
        FakeMambu(seed=8).create("clients", {"firstName": "A", "lastName": "B"})["encodedKey"]
        != a["encodedKey"]
    )


async def test_clock_controls_dates(mambu_connector: Any, mambu_fake: FakeMambu) -> None:
    created = await mambu_connector.mambu_create("clients", {"firstName": "A", "lastName": "B"})
    mambu_fake.clock.advance(hours=2)
    await mambu_connector.mambu_patch(created["id"], "clients", [("replace", "/firstName", "Z")])
    got = await mambu_connector.mambu_get(created["id"], "clients")
    assert got["creationDate"] == "2024-01-15T09:00:00+00:00"
    assert got["lastModifiedDate"] == "2024-01-15T11:00:00+00:00"
