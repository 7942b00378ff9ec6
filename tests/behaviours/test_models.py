"""Every entity of part 2 read typed through both connectors (``mambu_connector``: fake and REST)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from mambu_async import MambuNotFoundError, MambuValidationError
from mambu_async.connector.operations import MambuOperations
from mambu_async.entities.branch import BranchHoliday, MambuBranch
from mambu_async.entities.centre import CentreMeetingDay, MambuCentre
from mambu_async.entities.custom_field_sets import CustomFieldSetType, MambuCustomFieldSet
from mambu_async.entities.custom_fields import MambuCustomField
from mambu_async.entities.deposit_product import DepositProductType, MambuDepositProduct
from mambu_async.entities.document import MambuDocument
from mambu_async.entities.group import GroupMember, GroupRole, MambuGroup
from mambu_async.entities.installment import InstallmentState, MambuInstallment
from mambu_async.entities.loan import MambuLoan
from mambu_async.entities.role import MambuRole
from mambu_async.entities.task import MambuTask, TaskStatus
from mambu_async.entities.transaction import (
    DepositTransactionType,
    LoanTransactionType,
    MambuDepositTransaction,
    MambuLoanTransaction,
)
from mambu_async.entities.user import MambuUser, UserRoleRef, UserState

from .conftest import Tenant


async def test_branch_is_typed_and_writable(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    branch = MambuBranch(connector=mambu_connector, id="BR2", name="North", phone_number="555")
    branch.branch_holidays = [BranchHoliday(name="Founders day", date=dt.date(2024, 5, 1))]
    await branch.create()
    read = await MambuBranch.get("BR2", connector=mambu_connector)
    assert read.name == "North" and read.state == "ACTIVE"
    assert isinstance(read.creation_date, dt.datetime) and read.creation_date.tzinfo is not None
    holidays = read.branch_holidays or []
    assert holidays[0].date == dt.date(2024, 5, 1)
    listed = await MambuBranch.get_all(connector=mambu_connector, sort_by="name:ASC")
    assert [b.id for b in listed] == ["BR1", "BR2"]


async def test_centre_filters_by_branch(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    centre = await MambuCentre.get("CE1", connector=mambu_connector)
    assert centre.assigned_branch_key == tenant.branch_key
    centre.meeting_day = CentreMeetingDay.MONDAY
    await centre.patch()
    assert (await centre.refresh()).meeting_day is CentreMeetingDay.MONDAY
    found = await MambuCentre.get_all(connector=mambu_connector, filters={"branchId": "BR1"})
    assert [c.id for c in found] == ["CE1"]
    with pytest.raises(MambuValidationError):
        await MambuCentre.get_all(connector=mambu_connector, filters={"centreId": "x"})


async def test_user_and_role(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    user = await MambuUser.get("officer1", connector=mambu_connector)
    assert user.user_state is UserState.ACTIVE
    assert isinstance(user.role, UserRoleRef) and user.role.encoded_key == tenant.role_key
    users = await MambuUser.get_all(connector=mambu_connector, filters={"branchId": "BR1"})
    assert [u.username for u in users] == ["officer1"]


async def test_users_by_branch_id_type(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    users = await MambuUser.get_all(
        connector=mambu_connector, filters={"branchId": "BR1", "branchIdType": "ASSIGNED"}
    )
    assert [u.username for u in users] == ["officer1"]


async def test_branch_id_type_needs_branch_id(mambu_connector: MambuOperations) -> None:
    with pytest.raises(MambuValidationError, match="branchIdType"):
        await MambuUser.get_all(connector=mambu_connector, filters={"branchIdType": "ASSIGNED"})
    with pytest.raises(MambuValidationError, match="branchIdType"):
        await MambuUser.get_all(connector=mambu_connector, filters={"branchId": "BR1", "branchIdType": "X"})


async def test_role_crud(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    role = MambuRole(connector=mambu_connector, id="R2", name="Teller", access={"canManageClients": True})
    await role.create()
    read = await MambuRole.get("R2", connector=mambu_connector)
    assert read.name == "Teller" and read.access == {"canManageClients": True}
    read.notes = "counter staff"
    await read.update()
    assert (await MambuRole.get("R2", connector=mambu_connector)).notes == "counter staff"
    await read.delete()
    with pytest.raises(MambuNotFoundError):
        await MambuRole.get("R2", connector=mambu_connector)


async def test_group_members_and_roles(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    group = await MambuGroup.get("G1", connector=mambu_connector)
    members = group.group_members or []
    assert [type(m) for m in members] == [GroupMember, GroupMember]
    assert members[0].client_key == tenant.client_key
    roles = members[0].roles or []
    assert isinstance(roles[0], GroupRole) and roles[0].role_name == "Treasurer"
    found = await MambuGroup.search(
        connector=mambu_connector,
        filter_criteria=[{"field": "groupName", "operator": "EQUALS", "value": "Market women"}],
    )
    assert [g.id for g in found] == ["G1"]


async def test_deposit_product(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    product = await MambuDepositProduct.get("DP1", connector=mambu_connector)
    assert product.type is DepositProductType.CURRENT_ACCOUNT
    currencies = product.currency_settings.currencies if product.currency_settings else None
    assert currencies is not None and currencies[0].code == "EUR"


async def test_task_with_date_only_due_date(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    task = MambuTask(
        connector=mambu_connector,
        title="Visit the market",
        due_date=dt.date(2024, 2, 1),
        assigned_user_key=tenant.user_key,
        task_link_key=tenant.client_key,
        task_link_type="CLIENT",
    )
    await task.create()
    assert isinstance(task.id, int)
    read = await MambuTask.get(str(task.id), connector=mambu_connector)
    assert read.due_date == dt.date(2024, 2, 1) and read.status is TaskStatus.OPEN
    read.status = TaskStatus.COMPLETED
    assert [op["path"] for op in await read.patch()] == ["/status"]


async def test_custom_field_sets_and_fields(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    tenant.fake.create(
        "customfieldsets", {"id": "_Extra", "availableFor": "CLIENT", "fieldSetType": "STANDARD"}
    )
    tenant.fake.create("customfields", {"id": "nickname", "customFieldSetId": "_Extra", "type": "FREE_TEXT"})
    sets = await MambuCustomFieldSet.get_all(connector=mambu_connector, available_for="CLIENT")
    assert [s.id for s in sets] == ["_Extra"] and sets[0].field_set_type is CustomFieldSetType.STANDARD
    assert sets[0].display_settings is not None and sets[0].display_settings.display_name == "Extra"
    assert sets[0].fields is not None and [f.id for f in sets[0].fields] == ["nickname"]
    assert await MambuCustomFieldSet.get_all(connector=mambu_connector, available_for="GROUP") == []
    fields = await sets[0].get_custom_fields()
    assert [type(f) for f in fields] == [MambuCustomField] and fields[0].id == "nickname"
    assert (await MambuCustomField.get("nickname", connector=mambu_connector)).type == "FREE_TEXT"
    with pytest.raises(MambuValidationError):
        await MambuCustomFieldSet.get_all(connector=mambu_connector, available_for="PLANET")
    with pytest.raises(MambuValidationError):
        await MambuCustomFieldSet.get_all(connector=mambu_connector, filters={"id": "_Extra"})


async def test_transactions_and_schedule_are_typed(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    loan = await MambuLoan.get(tenant.new_loan(), connector=mambu_connector)
    await loan.approve()
    disbursement = await loan.disburse()
    assert isinstance(disbursement, MambuLoanTransaction)
    assert disbursement.type is LoanTransactionType.DISBURSEMENT
    assert disbursement.amount == Decimal("1200") and isinstance(disbursement.amount, Decimal)
    read = await MambuLoanTransaction.get(disbursement.encoded_key or "", connector=mambu_connector)
    assert read.parent_account_key == loan.encoded_key
    installments = await loan.get_schedule()
    assert len(installments) == 12 and all(isinstance(i, MambuInstallment) for i in installments)
    first = installments[0]
    assert first.number == "1" and first.state is InstallmentState.PENDING
    assert first.due_date is not None and first.due_date.tzinfo is not None
    assert first.principal and first.principal.amount and first.principal.amount.expected == Decimal("100")
    assert first.total_due > 0


async def test_deposit_transaction_search(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    from mambu_async.entities.deposit import MambuDeposit

    account = await MambuDeposit.get(tenant.new_deposit(), connector=mambu_connector)
    await account.approve()
    made = await account.deposit(Decimal("25.10"), "cash")
    assert isinstance(made, MambuDepositTransaction) and made.type is DepositTransactionType.DEPOSIT
    found = await MambuDepositTransaction.search(
        connector=mambu_connector,
        filter_criteria=[
            MambuDepositTransaction.search_field("parentAccountKey").equals(account.encoded_key)
        ],
    )
    assert [t.amount for t in found] == [Decimal("25.10")]
    with pytest.raises(MambuValidationError):
        MambuDepositTransaction.search_field("noSuchField")


async def test_document_metadata_is_not_fetched_by_id(mambu_connector: MambuOperations) -> None:
    with pytest.raises(MambuValidationError, match="get_attachments_metadata"):
        await MambuDocument.get("1", connector=mambu_connector)


async def test_unknown_entity_is_mambu_not_found(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    with pytest.raises(MambuNotFoundError) as caught:
        await MambuBranch.get("NOPE", connector=mambu_connector)
    assert caught.value.status_code == 404
    assert [e.reason for e in caught.value.errors] == ["INVALID_BRANCH_ID"]
