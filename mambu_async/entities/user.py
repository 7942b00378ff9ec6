"""``MambuUser``: a Mambu user (staff member, credit officer) (``/users``).

Fields from Mambu's v2 ``User``: ``id, encodedKey, username, firstName, lastName, email, title,
homePhone, mobilePhone, notes, language, userState, assignedBranchKey, role {encodedKey, id}, access,
twoFactorAuthentication, transactionLimits, lastLoggedInDate, creationDate, lastModifiedDate``. The
``role`` only comes with FULL details. ``GET /users`` filters by ``branchId``, and ``branchIdType``
(``ASSIGNED`` or ``MANAGE``) says which relation to that branch is meant.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any

import attrs

from mambu_async.connector.validation import DetailsLevel
from mambu_async.entities.base import WritableMixin
from mambu_async.entities.behaviours.comments import CommentableMixin
from mambu_async.entities.behaviours.documents import AttachableMixin
from mambu_async.entities.behaviours.related import AssignedBranchMixin
from mambu_async.entities.model import MambuModel
from mambu_async.entities.role import MambuRole
from mambu_async.errors import MambuValidationError

__all__ = ["MambuUser", "UserRoleRef", "UserState"]

BRANCH_ID_TYPES = ("ASSIGNED", "MANAGE")


class UserState(enum.StrEnum):
    """Values of ``User.userState``."""

    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"
    LOCKED = "LOCKED"


@attrs.define(slots=False, kw_only=True)
class UserRoleRef(MambuModel):
    """The role a user has: its ``encodedKey`` and ``id``."""

    encoded_key: str | None = None
    id: str | None = None


@attrs.define(slots=False, kw_only=True)
class MambuUser(WritableMixin, CommentableMixin, AttachableMixin, AssignedBranchMixin):
    """A user; ``await user.get_role()`` and ``await user.get_assigned_branch()`` read related entities.

    Required on create: ``username``, ``firstName``. Read-only: ``encodedKey``, ``lastLoggedInDate``,
    ``creationDate``, ``lastModifiedDate``.
    """

    _prefix = "users"
    _owner_type = "USER"
    #: ``GET /users`` query filters (``branchIdType`` only together with ``branchId``).
    _filter_keys = ("branchId", "branchIdType")
    #: ``sortBy`` fields of ``GET /users``.
    _sort_by_fields = ("username", "firstName", "lastName", "creationDate", "lastModifiedDate")

    id: str | None = None
    encoded_key: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    title: str | None = None
    home_phone: str | None = None
    mobile_phone: str | None = None
    notes: str | None = None
    language: str | None = None
    user_state: UserState | str | None = None
    assigned_branch_key: str | None = None
    role: UserRoleRef | None = None
    access: dict[str, Any] | None = None
    two_factor_authentication: bool | None = None
    transaction_limits: dict[str, Any] | None = None
    last_logged_in_date: dt.datetime | None = None
    creation_date: dt.datetime | None = None
    last_modified_date: dt.datetime | None = None

    @classmethod
    def _check_filters(cls, filters: Mapping[str, Any] | None) -> dict[str, Any] | None:
        checked = super()._check_filters(filters)
        if checked and checked.get("branchIdType") is not None:
            if checked.get("branchId") is None:
                raise MambuValidationError("branchIdType is only allowed together with branchId")
            if checked["branchIdType"] not in BRANCH_ID_TYPES:
                raise MambuValidationError(
                    f"branchIdType must be one of {list(BRANCH_ID_TYPES)}, got {checked['branchIdType']!r}"
                )
        return checked

    async def get_role(
        self, *, details_level: DetailsLevel = "FULL", refresh: bool = False
    ) -> MambuRole | None:
        """The user's role (``None`` when the user has none, or was read with BASIC details)."""
        role = self.role
        key = None if role is None else (role.encoded_key or role.id)
        return await self._related(MambuRole, key, details_level=details_level, refresh=refresh)
