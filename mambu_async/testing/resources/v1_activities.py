"""The activity feed (v1 ``GET /activities``, S2:L819-1150): what happened to which record, and when.

The fake records an activity whenever a client, group, branch, centre, user, loan or deposit product, loan
or deposit account is created, edited or deleted through its rules (the API, ``fake.create``, the
factories), with the activity type Mambu uses (``CLIENT_CREATED``, ``LOAN_ACCOUNT_EDITED``,
``SAVING_ACCOUNT_CREATED``, ``SAVINGS_ACCOUNT_DELETED``, ...), the keys of the records it concerns
(the account's holder and product too) and their display names next to it.

``GET /activities?from=&to=`` (both required, ``YYYY-MM-DD``) answers the activities whose timestamp
falls on those dates or between them, oldest first, paged by ``offset``/``limit``; ``clientID``,
``groupID``, ``centreID``, ``branchID``, ``loanProductID``, ``savingsProductID``, ``loanAccountID``,
``savingsAccountID`` and ``userID`` keep those concerning that record.

[INFERRED] The bounds are inclusive calendar dates of the tenant; a filter accepts the record's id as well
as its key; ``fieldChanges`` is left empty and ``userKey`` (the acting user) is left out, since the fake
does not audit who called it; other activity types (logins, comments, state changes) are not recorded.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from mambu_async.testing import query
from mambu_async.testing.apierror import bad_request
from mambu_async.testing.messages import FakeRequest, FakeResponse
from mambu_async.testing.resources.v1 import derived_key, v1_date_time, v1_json, v1_route
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

__all__ = ["install"]

COLLECTION = "activities"


@attrs.frozen
class _Subject:
    """How the records of one kind appear in activities."""

    created: str
    edited: str
    deleted: str
    key: str
    name_key: str
    name_fields: tuple[str, ...]


_SUBJECTS = {
    "clients": _Subject(
        "CLIENT_CREATED",
        "CLIENT_EDITED",
        "CLIENT_DELETED",
        "clientKey",
        "clientName",
        ("firstName", "lastName"),
    ),
    "groups": _Subject(
        "GROUP_CREATED", "GROUP_EDITED", "GROUP_DELETED", "groupKey", "groupName", ("groupName",)
    ),
    "branches": _Subject(
        "BRANCH_CREATED", "BRANCH_EDITED", "BRANCH_DELETED", "branchKey", "branchName", ("name",)
    ),
    "centres": _Subject(
        "CENTRE_CREATED", "CENTRE_EDITED", "CENTRE_DELETED", "centreKey", "centreName", ("name",)
    ),
    "users": _Subject(
        "USER_CREATED", "USER_EDITED", "USER_DELETED", "userKey", "userName", ("firstName", "lastName")
    ),
    "loanproducts": _Subject(
        "LOAN_PRODUCT_CREATED",
        "LOAN_PRODUCT_EDITED",
        "LOAN_PRODUCT_DELETED",
        "loanProductKey",
        "loanProductName",
        ("name",),
    ),
    "depositproducts": _Subject(
        "SAVINGS_PRODUCT_CREATED",
        "SAVINGS_PRODUCT_EDITED",
        "SAVINGS_PRODUCT_DELETED",
        "savingsProductKey",
        "savingsProductName",
        ("name",),
    ),
    "loans": _Subject(
        "LOAN_ACCOUNT_CREATED",
        "LOAN_ACCOUNT_EDITED",
        "LOAN_ACCOUNT_DELETED",
        "loanAccountKey",
        "loanAccountName",
        ("loanName",),
    ),
    "deposits": _Subject(
        "SAVING_ACCOUNT_CREATED",
        "SAVING_ACCOUNT_EDITED",
        "SAVINGS_ACCOUNT_DELETED",
        "savingsAccountKey",
        "savingsAccountName",
        ("name",),
    ),
}

#: Query filter → (activity key, kind whose id it may also be).
_FILTERS = {
    "clientID": ("clientKey", "clients"),
    "groupID": ("groupKey", "groups"),
    "centreID": ("centreKey", "centres"),
    "branchID": ("branchKey", "branches"),
    "loanProductID": ("loanProductKey", "loanproducts"),
    "savingsProductID": ("savingsProductKey", "depositproducts"),
    "loanAccountID": ("loanAccountKey", "loans"),
    "savingsAccountID": ("savingsAccountKey", "deposits"),
    "userID": ("userKey", "users"),
}


def _display(record: Record, fields: tuple[str, ...]) -> str | None:
    parts = [str(record[f]) for f in fields if record.get(f)]
    return " ".join(parts) or (str(record["id"]) if record.get("id") is not None else None)


def _related(fake: FakeMambu, kind: str, record: Record) -> list[tuple[str, Record]]:
    """The other records an activity on ``record`` concerns: (kind, record)."""
    refs: list[tuple[str, Any]] = []
    if kind in ("loans", "deposits"):
        holder = "groups" if record.get("accountHolderType") == "GROUP" else "clients"
        refs.append((holder, record.get("accountHolderKey")))
        refs.append(("loanproducts" if kind == "loans" else "depositproducts", record.get("productTypeKey")))
    if kind in ("clients", "groups", "loans", "deposits", "centres", "users"):
        refs.append(("branches", record.get("assignedBranchKey")))
    if kind in ("clients", "groups", "loans", "deposits"):
        refs.append(("centres", record.get("assignedCentreKey")))
    found: list[tuple[str, Record]] = []
    for other_kind, ref in refs:
        other = fake.store[other_kind].get(ref) if isinstance(ref, str) and ref else None
        if other is not None:
            found.append((other_kind, other))
    return found


def record_activity(fake: FakeMambu, kind: str, record: Record, activity_type: str) -> None:
    """Store one activity of ``activity_type`` on ``record`` (of ``kind``)."""
    subject = _SUBJECTS[kind]
    number = fake.new_int_id(COLLECTION)
    key = derived_key(fake, f"activity/{number}")
    activity: Record = {
        "encodedKey": key,
        "transactionID": number,
        "timestamp": v1_date_time(fake.clock.iso()),
        "type": activity_type,
        subject.key: record["encodedKey"],
        "notes": "",
        "fieldChanges": [],
    }
    item: Record = {"activity": activity}
    name = _display(record, subject.name_fields)
    if name is not None:
        item[subject.name_key] = name
    for other_kind, other in _related(fake, kind, record):
        other_subject = _SUBJECTS[other_kind]
        activity.setdefault(other_subject.key, other["encodedKey"])
        other_name = _display(other, other_subject.name_fields)
        if other_name is not None:
            item.setdefault(other_subject.name_key, other_name)
    fake.store[COLLECTION].put({"encodedKey": key, "date": fake.clock.today().isoformat(), "item": item})


def _date(request: FakeRequest, name: str) -> str:
    raw = request.param(name)
    if raw is None:
        raise bad_request("INVALID_PARAMETERS", f"{name} is required")
    try:
        return dt.date.fromisoformat(raw[:10]).isoformat()
    except ValueError:
        raise bad_request("INVALID_PARAMETERS", f"{name} must be a date (YYYY-MM-DD), got {raw!r}") from None


def install(fake: FakeMambu) -> None:
    """Record activities on writes and serve ``GET /activities``."""
    for kind_name, subject in _SUBJECTS.items():
        kind = fake.kinds.get(kind_name)
        if kind is None:
            continue

        def written(fake: FakeMambu, new: Record, old: Record | None, _kind: str = kind_name) -> None:
            record_activity(
                fake, _kind, new, _SUBJECTS[_kind].created if old is None else _SUBJECTS[_kind].edited
            )

        def deleted(
            fake: FakeMambu, record: Record, _kind: str = kind_name, _type: str = subject.deleted
        ) -> None:
            record_activity(fake, _kind, record, _type)

        kind.after_write.append(written)
        kind.after_delete.append(deleted)

    def list_activities(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, {"from", "to", "offset", "limit", *_FILTERS})
        start, end = _date(request, "from"), _date(request, "to")
        page = query.paging(request)
        wanted: list[tuple[str, str]] = []
        for param, (key, kind_name) in _FILTERS.items():
            ref = request.param(param)
            if ref is not None:
                found = fake.store[kind_name].get(ref)
                wanted.append((key, found["encodedKey"] if found is not None else ref))
        items = [
            r["item"]
            for r in fake.store[COLLECTION].values()
            if start <= r["date"] <= end and all(r["item"]["activity"].get(k) == ref for k, ref in wanted)
        ]
        return v1_json(200, items[page.offset : page.offset + page.limit])

    fake.router.add("GET", "/activities", v1_route(list_activities))
