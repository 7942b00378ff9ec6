"""Related entities through the same connector, cached per connector, re-read when the key changes,
with concurrent look-ups of one key sharing one request."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter
from typing import Any

import pytest

from mambu_async import MambuNotFoundError, MambuValidationError
from mambu_async.connector.operations import MambuOperations
from mambu_async.entities.behaviours import clear_related_cache, related_cache
from mambu_async.entities.branch import MambuBranch
from mambu_async.entities.centre import MambuCentre
from mambu_async.entities.client import MambuClient
from mambu_async.entities.deposit import MambuDeposit
from mambu_async.entities.deposit_product import MambuDepositProduct
from mambu_async.entities.group import MambuGroup
from mambu_async.entities.loan import MambuLoan
from mambu_async.entities.product import MambuLoanProduct
from mambu_async.entities.role import MambuRole
from mambu_async.entities.task import MambuTask
from mambu_async.entities.user import MambuUser

from .conftest import Tenant


@pytest.fixture
def gets(mambu_connector: MambuOperations, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts ``mambu_get`` calls by ``prefix/id`` (each one waits a turn of the loop first)."""
    counts: Counter[str] = Counter()
    real = mambu_connector.mambu_get

    async def spy(entid: str, prefix: str, detailsLevel: str = "BASIC") -> Any:
        counts[f"{prefix}/{entid}"] += 1
        await asyncio.sleep(0)
        return await real(entid, prefix, detailsLevel)

    monkeypatch.setattr(mambu_connector, "mambu_get", spy)
    return counts


async def test_loan_related_entities(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    loan = await MambuLoan.get(tenant.new_loan(), connector=mambu_connector)
    holder = await loan.get_account_holder()
    assert isinstance(holder, MambuClient) and holder.first_name == "Ana"
    assert holder.connector is mambu_connector
    product = await loan.get_product()
    assert isinstance(product, MambuLoanProduct) and product.id == "LP1"
    branch = await loan.get_assigned_branch()
    assert isinstance(branch, MambuBranch) and branch.id == "BR1"
    centre = await loan.get_assigned_centre()
    assert isinstance(centre, MambuCentre) and centre.id == "CE1"
    user = await loan.get_assigned_user()
    assert isinstance(user, MambuUser) and user.username == "officer1"
    assert await loan.get_original_account() is None


async def test_group_holder_and_members(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    loan_id = tenant.new_loan(accountHolderKey=tenant.group_key, accountHolderType="GROUP")
    loan = await MambuLoan.get(loan_id, connector=mambu_connector)
    group = await loan.get_account_holder()
    assert isinstance(group, MambuGroup) and group.id == "G1"
    members = await group.get_members()
    assert [m.first_name for m in members] == ["Ana", "Ben"]
    assert group.group_members is not None
    second = await group.get_member_client(group.group_members[1])
    assert second is not None and second.id == "C2"
    client = await MambuClient.get("C1", connector=mambu_connector)
    assert [g.id for g in await client.get_groups()] == ["G1"]
    assert (await client.get_assigned_branch()) is not None


async def test_deposit_user_centre_task_and_transaction(
    mambu_connector: MambuOperations, tenant: Tenant
) -> None:
    account = await MambuDeposit.get(tenant.new_deposit(), connector=mambu_connector)
    assert isinstance(await account.get_product(), MambuDepositProduct)
    assert isinstance(await account.get_account_holder(), MambuClient)
    assert await account.get_assigned_user() is None
    await account.approve()
    tx = await account.deposit(10)
    assert (await tx.get_account()) is not None
    user = await MambuUser.get("officer1", connector=mambu_connector)
    role = await user.get_role()
    assert isinstance(role, MambuRole) and role.id == "R1"
    centre = await MambuCentre.get("CE1", connector=mambu_connector)
    assert (await centre.get_assigned_branch()) is not None
    task = MambuTask(
        connector=mambu_connector,
        title="Call",
        due_date=dt.date(2024, 3, 1),
        assigned_user_key=tenant.user_key,
        task_link_key=tenant.group_key,
        task_link_type="GROUP",
    )
    await task.create()
    assert isinstance(await task.get_task_link(), MambuGroup)
    assert isinstance(await task.get_assigned_user(), MambuUser)


async def test_cached_per_connector_and_independent(
    mambu_connector: MambuOperations, tenant: Tenant, gets: Counter[str]
) -> None:
    first = await MambuLoan.get(tenant.new_loan(), connector=mambu_connector)
    second = await MambuLoan.get(tenant.new_loan(), connector=mambu_connector)
    a = await first.get_assigned_branch()
    b = await second.get_assigned_branch()
    assert gets[f"branches/{tenant.branch_key}"] == 1
    assert a is not None and b is not None and a is not b
    a.name = "changed locally"
    assert b.name == "Main branch"
    again = await first.get_assigned_branch()
    assert again is not None and again.name == "Main branch"
    await first.get_assigned_branch(refresh=True)
    assert gets[f"branches/{tenant.branch_key}"] == 2
    clear_related_cache(mambu_connector)
    await second.get_assigned_branch()
    assert gets[f"branches/{tenant.branch_key}"] == 3


async def test_concurrent_lookups_share_one_request(
    mambu_connector: MambuOperations, tenant: Tenant, gets: Counter[str]
) -> None:
    loans = [await MambuLoan.get(tenant.new_loan(), connector=mambu_connector) for _ in range(3)]
    found = await asyncio.gather(*(loan.get_account_holder() for loan in loans for _ in range(4)))
    assert {c.id for c in found if c is not None} == {"C1"}
    assert gets[f"clients/{tenant.client_key}"] == 1


async def test_key_change_reads_the_new_entity(
    mambu_connector: MambuOperations, tenant: Tenant, gets: Counter[str]
) -> None:
    other = tenant.fake.create("branches", {"id": "BR9", "name": "Harbour"})
    loan = await MambuLoan.get(tenant.new_loan(), connector=mambu_connector)
    assert (await loan.get_assigned_branch()).id == "BR1"  # type: ignore[union-attr]
    loan.assigned_branch_key = other["encodedKey"]
    assert (await loan.get_assigned_branch()).id == "BR9"  # type: ignore[union-attr]
    loan.assigned_branch_key = None
    assert await loan.get_assigned_branch() is None
    assert gets[f"branches/{other['encodedKey']}"] == 1


async def test_failures_are_not_cached(
    mambu_connector: MambuOperations, tenant: Tenant, gets: Counter[str]
) -> None:
    loan = await MambuLoan.get(tenant.new_loan(), connector=mambu_connector)
    loan.assigned_branch_key = "MISSING"
    results = await asyncio.gather(
        loan.get_assigned_branch(), loan.get_assigned_branch(), return_exceptions=True
    )
    assert all(isinstance(r, MambuNotFoundError) for r in results)
    assert gets["branches/MISSING"] == 1
    assert len(related_cache(mambu_connector)) == 0
    with pytest.raises(MambuNotFoundError):
        await loan.get_assigned_branch()
    assert gets["branches/MISSING"] == 2


async def test_caches_are_per_connector(
    mambu_connector: MambuOperations, mambu_fake_connector: MambuOperations, tenant: Tenant
) -> None:
    loan = await MambuLoan.get(tenant.new_loan(), connector=mambu_connector)
    await loan.get_product()
    assert len(related_cache(mambu_connector)) == 1
    if mambu_fake_connector is not mambu_connector:
        assert len(related_cache(mambu_fake_connector)) == 0


async def test_related_needs_a_connector(tenant: Tenant) -> None:
    loan = MambuLoan(assigned_branch_key=tenant.branch_key)
    with pytest.raises(MambuValidationError, match="connector"):
        await loan.get_assigned_branch()
