"""Installments across loans (``GET /installments``) and edited schedules (``PUT /loans/{id}/schedule``).

Neither is in the seeds or the OpenAPI files; from Mambu's published v2 reference [INFERRED]:

- ``GET /installments`` takes ``dueFrom`` and ``dueTo`` (required dates), ``productTypeKey``,
  ``accountState`` and ``installmentState``, with ``offset``/``limit``/``paginationDetails``; it answers
  the installments of every loan's schedule (a preview before disbursement) due in that range, as
  ``GET /loans/{id}/schedule`` renders them, ordered by due date, then loan, then number. An unknown
  product is 404 ``INVALID_PRODUCT_ID``.
- ``PUT /loans/{id}/schedule`` takes an array of installments (matched by ``encodedKey`` or ``number``)
  whose ``dueDate`` and expected ``principal``/``interest``/``fee`` amounts replace the computed ones, and
  answers the schedule. Only a loan not yet disbursed (PARTIAL_APPLICATION, PENDING_APPROVAL, APPROVED)
  may be edited (400 ``INVALID_ACCOUNT_STATE``); an unknown installment or due dates out of order are
  400 ``INVALID_INSTALLMENTS``, a negative principal ``NEGATIVE_PRINCIPAL_FOR_INSTALLMENT``, and
  principals not adding up to the loan amount ``INCONSISTENT_SCHEDULE_PRINCIPAL_DUE_WITH_LOAN_AMOUNT``
  (Mambu's RestError reasons). The edits stay with the loan: its schedule, balances and repayments
  follow them after disbursement, and ``scheduleSettings.hasCustomSchedule`` becomes true.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from mambu_async.testing import query
from mambu_async.testing.apierror import bad_request, not_found
from mambu_async.testing.banking.common import date_of
from mambu_async.testing.banking.schedule import Installment, to_decimal
from mambu_async.testing.banking.states import LOAN_STATES
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response, list_response
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

CUSTOM = "customschedules"
"""Collection of edited schedules: ``{encodedKey, loanKey, installments: {number: edits}}``."""
INSTALLMENT_STATES = ("PENDING", "LATE", "PAID", "PARTIALLY_PAID", "GRACE")
_EDITABLE_STATES = ("PARTIAL_APPLICATION", "PENDING_APPROVAL", "APPROVED")
_COMPONENTS = ("principal", "interest", "fee")


def _custom(fake: FakeMambu, loan_key: str) -> Record | None:
    found = fake.store[CUSTOM].find(lambda r: r.get("loanKey") == loan_key)
    return found[0] if found else None


def apply_custom_schedule(fake: FakeMambu, loan: Record, installments: Sequence[Installment]) -> None:
    """Put the loan's edited due dates and amounts (``PUT /loans/{id}/schedule``) on ``installments``."""
    custom = _custom(fake, str(loan.get("encodedKey")))
    if custom is None:
        return
    for inst in installments:
        edits = custom["installments"].get(str(inst.number))
        if not edits:
            continue
        inst.due_date = dt.date.fromisoformat(edits["dueDate"])
        for component in _COMPONENTS:
            if component in edits:
                inst.expected[component] = Decimal(edits[component])


def _expected(item: dict[str, Any], component: str) -> Decimal | None:
    part = item.get(component)
    amount = part.get("amount") if isinstance(part, dict) else None
    value = amount.get("expected") if isinstance(amount, dict) else None
    if value is None:
        return None
    number = query.as_decimal(value)
    if number is None:
        raise bad_request("INVALID_INSTALLMENTS", f"{component}.amount.expected must be a number")
    return number


def update_schedule(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``PUT /loans/{id}/schedule``."""
    from mambu_async.testing.banking import loans

    query.check_params(request, set())
    loan = dict(fake.require("loans", request.path_params["id"]))
    if loan.get("accountState") not in _EDITABLE_STATES:
        raise bad_request(
            "INVALID_ACCOUNT_STATE", "Only a loan not yet disbursed can have its schedule edited"
        )
    body = request.json()
    if not isinstance(body, list) or not all(isinstance(i, dict) for i in body):
        raise bad_request("INVALID_INSTALLMENTS", "The body must be an array of installments")
    current = loans.schedule_installments(fake, loan)
    rows = loans.render_schedule(fake, loan, current)["installments"]
    by_ref = {r["encodedKey"]: inst for r, inst in zip(rows, current, strict=True)}
    by_number = {str(inst.number): inst for inst in current}
    custom = _custom(fake, loan["encodedKey"])
    edits: dict[str, dict[str, Any]] = dict(custom["installments"]) if custom is not None else {}
    for index, item in enumerate(body):
        inst = by_ref.get(str(item.get("encodedKey"))) or by_number.get(str(item.get("number")))
        if inst is None:
            raise bad_request("INVALID_INSTALLMENTS", f"[{index}] names no installment of the loan")
        entry = dict(edits.get(str(inst.number)) or {})
        due = date_of(fake, item.get("dueDate")) if item.get("dueDate") is not None else inst.due_date
        if due is None:
            raise bad_request("INVALID_INSTALLMENTS", f"[{index}].dueDate is not a date")
        entry["dueDate"] = due.isoformat()
        for component in _COMPONENTS:
            value = _expected(item, component)
            if value is not None:
                if component == "principal" and value < 0:
                    raise bad_request(
                        "NEGATIVE_PRINCIPAL_FOR_INSTALLMENT", f"[{index}] principal is negative"
                    )
                entry[component] = str(value)
        edits[str(inst.number)] = entry
    record = {"encodedKey": custom["encodedKey"] if custom else fake.new_key(), "loanKey": loan["encodedKey"]}
    fake.store[CUSTOM].put({**record, "installments": edits})
    edited = loans.schedule_installments(fake, loan)
    dates = [i.due_date for i in edited]
    if any(b <= a for a, b in itertools.pairwise(dates)):
        raise bad_request("INVALID_INSTALLMENTS", "Due dates must increase from one installment to the next")
    principal = sum((i.expected["principal"] for i in edited), Decimal(0))
    if principal != to_decimal(loan.get("loanAmount")):
        raise bad_request(
            "INCONSISTENT_SCHEDULE_PRINCIPAL_DUE_WITH_LOAN_AMOUNT",
            f"The principal of the installments ({principal}) must equal the loan amount",
        )
    settings = dict(loan.get("scheduleSettings") or {})
    settings["hasCustomSchedule"] = True
    loan.update(scheduleSettings=settings, lastModifiedDate=fake.clock.iso())
    fake.store["loans"].put(loan)
    return json_response(200, loans.render_schedule(fake, loan, edited))


def _date_param(request: FakeRequest, name: str) -> dt.date:
    raw = request.param(name)
    if raw is None:
        raise bad_request("INVALID_PARAMETERS", f"{name} is required (a date, YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise bad_request("INVALID_DATE", f"{name} must be a date (YYYY-MM-DD), got {raw!r}") from None


def _all_rows(fake: FakeMambu) -> list[tuple[dt.date, str, int, Record, Record]]:
    """Every installment of every loan as ``(due day, loan key, number, row, loan)``, in the list's order;
    remembered while the store and the tenant date stay the same."""
    from mambu_async.testing.banking import loans
    from mambu_async.testing.banking.common import banking

    state = banking(fake)
    stamp = (fake.store.version, fake.clock.today())
    cached = state.installment_rows
    if cached is not None and cached[0] == stamp:
        return cached[1]
    tz = fake.clock.now().tzinfo or dt.UTC
    found: list[tuple[dt.date, str, int, Record, Record]] = []
    for loan in fake.store["loans"].values():
        for row in loans.schedule_rows(fake, loan):
            when = query.as_instant(row["dueDate"], tz)
            if when is not None:
                found.append((when[0], loan["encodedKey"], int(row["number"]), row, loan))
    found.sort(key=lambda item: item[:3])
    state.installment_rows = (stamp, found)
    return found


def list_installments(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``GET /installments``."""
    names = ("dueFrom", "dueTo", "productTypeKey", "accountState", "installmentState")
    query.check_params(request, {"offset", "limit", "paginationDetails", *names})
    page = query.paging(request)
    start, end = _date_param(request, "dueFrom"), _date_param(request, "dueTo")
    account_state = query.enum_param(request, "accountState", LOAN_STATES)
    installment_state = query.enum_param(request, "installmentState", INSTALLMENT_STATES)
    product_ref = request.param("productTypeKey")
    product_key = None
    if product_ref is not None:
        product = fake.store["loanproducts"].get(product_ref)
        if product is None:
            raise not_found("INVALID_PRODUCT_ID", f"Loan product {product_ref!r} was not found")
        product_key = product["encodedKey"]
    every = _all_rows(fake)
    low = bisect.bisect_left(every, start, key=lambda item: item[0])
    high = bisect.bisect_right(every, end, key=lambda item: item[0])
    found = [
        item[3]
        for item in every[low:high]
        if (account_state is None or item[4].get("accountState") == account_state)
        and (product_key is None or item[4].get("productTypeKey") == product_key)
        and (installment_state is None or item[3].get("state") == installment_state)
    ]
    rows = found[page.offset : page.offset + page.limit]
    return list_response(rows, offset=page.offset, limit=page.limit, total=len(found), details=page.details)
