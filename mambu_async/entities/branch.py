"""``MambuBranch``: a branch of the organisation (``/branches``).

Fields from Mambu's v2 branch reference (api-semantics §10: ``id, encodedKey, name, state, phoneNumber,
emailAddress, notes, creationDate, lastModifiedDate, addresses[], branchHolidays[]``). Mambu v2 also
lets branches be created, replaced, patched and deleted, so the class is writable; documents and
comments use the owner type ``BRANCH``.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from mambu_async.entities.base import WritableMixin
from mambu_async.entities.behaviours.comments import CommentableMixin
from mambu_async.entities.behaviours.documents import AttachableMixin
from mambu_async.entities.client import Address
from mambu_async.entities.model import MambuModel

__all__ = ["BranchHoliday", "BranchState", "MambuBranch"]


class BranchState(enum.StrEnum):
    """Values of ``Branch.state``."""

    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"


@attrs.define(slots=False, kw_only=True)
class BranchHoliday(MambuModel):
    """A holiday of one branch (``date`` is date-only)."""

    encoded_key: str | None = None
    id: int | None = None
    name: str | None = None
    date: dt.date | None = None
    is_annually_recurring: bool | None = None
    creation_date: dt.datetime | None = None


@attrs.define(slots=False, kw_only=True)
class MambuBranch(WritableMixin, CommentableMixin, AttachableMixin):
    """A branch.

    Required on create: ``name``. Read-only: ``encodedKey``, ``creationDate``, ``lastModifiedDate``.
    """

    _prefix = "branches"
    _owner_type = "BRANCH"
    #: ``sortBy`` fields of ``GET /branches``.
    _sort_by_fields = ("id", "name", "creationDate", "lastModifiedDate")

    id: str | None = None
    encoded_key: str | None = None
    name: str | None = None
    state: BranchState | str | None = None
    phone_number: str | None = None
    email_address: str | None = None
    notes: str | None = None
    creation_date: dt.datetime | None = None
    last_modified_date: dt.datetime | None = None
    addresses: list[Address] | None = None
    branch_holidays: list[BranchHoliday] | None = None
