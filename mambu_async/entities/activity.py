"""``MambuActivity``: one item of Mambu's activity feed (v1 ``GET /activities``, S2:L819-1150).

Mambu v2 has no activity feed; the v1 answer wraps each activity with the display names of what it
concerns: ``{"activity": {encodedKey, transactionID, timestamp, type, clientKey, ..., fieldChanges},
"clientName": ..., "userName": ...}``. The models keep that shape (lossless, unknown keys kept)::

    for item in await MambuActivity.get_all(connector=c, from_date=date(2024, 1, 1), to_date=date.today(),
                                            filters={"clientID": client.encoded_key}):
        print(item.activity.timestamp, item.activity.type, item.client_name)
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

import attrs

from mambu_async.connector.base import MambuConnector
from mambu_async.entities.model import MambuModel
from mambu_async.errors import MambuResponseError

__all__ = ["MambuActivity", "MambuActivityDetails", "MambuFieldChange"]


@attrs.define(slots=False, kw_only=True)
class MambuFieldChange(MambuModel):
    """One field an activity changed (``fieldChanges[]``)."""

    id: int | None = None
    field_change_name: str | None = None
    field_detail_key: str | None = None
    field_detail_name: str | None = None
    original_value: str | None = None
    new_value: str | None = None


@attrs.define(slots=False, kw_only=True)
class MambuActivityDetails(MambuModel):
    """The ``activity`` object: what happened (``type``, one of Mambu's ``activityType`` values), when, and
    the keys of the records it concerns."""

    encoded_key: str | None = None
    transaction_id: int | None = attrs.field(default=None, metadata={"wire": "transactionID"})
    timestamp: dt.datetime | None = None
    type: str | None = None
    notes: str | None = None
    user_key: str | None = None
    assigned_user_key: str | None = None
    assigned_centre_key: str | None = None
    branch_key: str | None = None
    centre_key: str | None = None
    client_key: str | None = None
    group_key: str | None = None
    loan_account_key: str | None = None
    loan_product_key: str | None = None
    savings_account_key: str | None = None
    savings_product_key: str | None = None
    line_of_credit_key: str | None = None
    gl_account_key: str | None = None
    gl_accounts_closure_key: str | None = None
    task_key: str | None = None
    field_changes: list[MambuFieldChange] | None = None
    activity_changes: list[Any] | None = None


@attrs.define(slots=False, kw_only=True)
class MambuActivity(MambuModel):
    """An activity and the names of the records it concerns. Read-only."""

    activity: MambuActivityDetails | None = None
    branch_name: str | None = None
    centre_name: str | None = None
    client_name: str | None = None
    group_name: str | None = None
    loan_account_name: str | None = None
    loan_product_name: str | None = None
    savings_account_name: str | None = None
    savings_product_name: str | None = None
    task_name: str | None = None
    user_name: str | None = None

    @classmethod
    async def get_all(
        cls,
        *,
        connector: MambuConnector,
        from_date: dt.date | str,
        to_date: dt.date | str,
        filters: dict[str, Any] | None = None,
        offset: int | None = None,
        limit: int | None = None,
    ) -> list[Self]:
        """The activities between two dates, narrowed by ``filters`` (``clientID``, ``loanAccountID``,
        ... with the record's encodedKey)."""
        rows = await connector.mambu_get_activities(from_date, to_date, filters, offset, limit)
        out: list[Self] = []
        for row in rows:
            if not isinstance(row, dict):
                raise MambuResponseError(f"expected an activity object, got {type(row).__name__}", body=row)
            out.append(cls.from_wire(row))
        return out
