"""``MambuGroup``: a group of clients (``/groups``), with its members and their roles.

Fields from Mambu's v2 ``Group``: ``id, encodedKey, groupName, notes, emailAddress, homePhone,
mobilePhone, preferredLanguage, assignedBranchKey, assignedCentreKey, assignedUserKey, groupRoleKey,
loanCycle, migrationEventKey, creationDate, lastModifiedDate, addresses[], groupMembers[] {clientKey,
roles[]}, groupRoles[] {encodedKey, groupRoleNameKey, roleName, roleNameId, clientKey}``. Members, roles
and custom field sets only come with FULL details. Documents and comments use the owner type ``GROUP``.
"""

from __future__ import annotations

import datetime as dt

import attrs

from mambu_async.connector.validation import DetailsLevel
from mambu_async.entities.base import SearchableMixin, WritableMixin
from mambu_async.entities.behaviours.comments import CommentableMixin
from mambu_async.entities.behaviours.documents import AttachableMixin
from mambu_async.entities.behaviours.holders import CreditArrangementHolderMixin
from mambu_async.entities.behaviours.related import (
    AssignedBranchMixin,
    AssignedCentreMixin,
    AssignedUserMixin,
)
from mambu_async.entities.client import Address, ClientPreferredLanguage, MambuClient
from mambu_async.entities.model import MambuModel
from mambu_async.search_fields import GROUP_FILTER_FIELDS, GROUP_SORTING_FIELDS

__all__ = ["GroupMember", "GroupRole", "MambuGroup"]


@attrs.define(slots=False, kw_only=True)
class GroupRole(MambuModel):
    """A role in a group (``roleName`` such as "Treasurer"); in ``groupRoles`` it names its client."""

    encoded_key: str | None = None
    group_role_name_key: str | None = None
    role_name: str | None = None
    role_name_id: str | None = None
    client_key: str | None = None


@attrs.define(slots=False, kw_only=True)
class GroupMember(MambuModel):
    """A member of a group: the client's encodedKey and the roles it has in the group."""

    client_key: str | None = None
    roles: list[GroupRole] | None = None


@attrs.define(slots=False, kw_only=True)
class MambuGroup(
    WritableMixin,
    SearchableMixin,
    CommentableMixin,
    AttachableMixin,
    AssignedBranchMixin,
    AssignedCentreMixin,
    AssignedUserMixin,
    CreditArrangementHolderMixin,
):
    """A group; ``await group.get_members()`` reads its members' clients, ``await
    group.get_credit_arrangements()`` the credit arrangements it holds.

    Required on create: ``groupName``. Read-only: ``encodedKey``, ``loanCycle``, ``migrationEventKey``,
    ``creationDate``, ``lastModifiedDate``.
    """

    _prefix = "groups"
    _owner_type = "GROUP"
    #: ``GET /groups`` query filters.
    _filter_keys = ("branchId", "centreId", "creditOfficerUsername")
    #: ``sortBy`` fields of ``GET /groups``.
    _sort_by_fields = ("groupName", "creationDate", "lastModifiedDate")
    #: ``GroupFilterCriteria.field`` (:mod:`mambu_async.search_fields`).
    _search_fields = GROUP_FILTER_FIELDS
    #: ``GroupSortingCriteria.field`` (:mod:`mambu_async.search_fields`).
    _search_sort_fields = GROUP_SORTING_FIELDS

    id: str | None = None
    encoded_key: str | None = None
    group_name: str | None = None
    notes: str | None = None
    email_address: str | None = None
    home_phone: str | None = None
    mobile_phone: str | None = None
    preferred_language: ClientPreferredLanguage | str | None = None
    assigned_branch_key: str | None = None
    assigned_centre_key: str | None = None
    assigned_user_key: str | None = None
    group_role_key: str | None = None
    loan_cycle: int | None = None
    migration_event_key: str | None = None
    creation_date: dt.datetime | None = None
    last_modified_date: dt.datetime | None = None
    addresses: list[Address] | None = None
    group_members: list[GroupMember] | None = None
    group_roles: list[GroupRole] | None = None

    async def get_members(
        self, *, details_level: DetailsLevel = "FULL", refresh: bool = False
    ) -> list[MambuClient]:
        """The members' clients, in member order, fetched concurrently (and cached per connector)."""
        keys = [member.client_key for member in self.group_members or ()]
        return await self._related_many(MambuClient, keys, details_level=details_level, refresh=refresh)

    async def get_member_client(
        self, member: GroupMember, *, details_level: DetailsLevel = "FULL", refresh: bool = False
    ) -> MambuClient | None:
        """The client of one member (MambuPy's ``member.get_client()``)."""
        return await self._related(
            MambuClient, member.client_key, details_level=details_level, refresh=refresh
        )
