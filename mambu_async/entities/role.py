"""``MambuRole``: a user role (``/userroles``): its name, notes, access rights and permissions.

Mambu v2 ``Role``: ``id, encodedKey, name, notes, access {...}, permissions {...}, creationDate,
lastModifiedDate`` (the access and permission objects are kept as dicts, as Mambu sends them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from mambu_async.entities.base import WritableMixin

__all__ = ["MambuRole"]


@attrs.define(slots=False, kw_only=True)
class MambuRole(WritableMixin):
    """A user role.

    Required on create: ``name``. Read-only: ``encodedKey``, ``creationDate``, ``lastModifiedDate``.
    """

    _prefix = "userroles"
    #: ``sortBy`` fields of ``GET /userroles``.
    _sort_by_fields = ("id", "name", "creationDate", "lastModifiedDate")

    id: str | None = None
    encoded_key: str | None = None
    name: str | None = None
    notes: str | None = None
    access: dict[str, Any] | None = None
    permissions: dict[str, Any] | None = None
    creation_date: dt.datetime | None = None
    last_modified_date: dt.datetime | None = None
