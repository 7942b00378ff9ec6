"""``MambuCentre``: a centre (meeting place) of a branch (``/centres``).

Fields from Mambu's v2 centre reference (api-semantics §10: ``id, encodedKey, name, state, notes,
meetingDay, assignedBranchKey, creationDate, lastModifiedDate, addresses[]``). Writable as Mambu v2
allows; documents and comments use the owner type ``CENTRE``.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from mambu_async.entities.base import WritableMixin
from mambu_async.entities.behaviours.comments import CommentableMixin
from mambu_async.entities.behaviours.documents import AttachableMixin
from mambu_async.entities.behaviours.related import AssignedBranchMixin
from mambu_async.entities.client import Address

__all__ = ["CentreMeetingDay", "CentreState", "MambuCentre"]


class CentreState(enum.StrEnum):
    """Values of ``Centre.state``."""

    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"


class CentreMeetingDay(enum.StrEnum):
    """Values of ``Centre.meetingDay``."""

    MONDAY = "MONDAY"
    TUESDAY = "TUESDAY"
    WEDNESDAY = "WEDNESDAY"
    THURSDAY = "THURSDAY"
    FRIDAY = "FRIDAY"
    SATURDAY = "SATURDAY"
    SUNDAY = "SUNDAY"


@attrs.define(slots=False, kw_only=True)
class MambuCentre(WritableMixin, CommentableMixin, AttachableMixin, AssignedBranchMixin):
    """A centre; ``await centre.get_assigned_branch()`` reads its branch.

    Required on create: ``name``. Read-only: ``encodedKey``, ``creationDate``, ``lastModifiedDate``.
    """

    _prefix = "centres"
    _owner_type = "CENTRE"
    #: ``GET /centres`` query filters.
    _filter_keys = ("branchId",)
    #: ``sortBy`` fields of ``GET /centres``.
    _sort_by_fields = ("id", "name", "creationDate", "lastModifiedDate")

    id: str | None = None
    encoded_key: str | None = None
    name: str | None = None
    state: CentreState | str | None = None
    notes: str | None = None
    meeting_day: CentreMeetingDay | str | None = None
    assigned_branch_key: str | None = None
    creation_date: dt.datetime | None = None
    last_modified_date: dt.datetime | None = None
    addresses: list[Address] | None = None
