"""Helpers the loan and deposit rules share: value dates, amounts, transaction records, per-tenant state."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import attrs

from mambu_async.testing.apierror import bad_request
from mambu_async.testing.messages import without_nulls
from mambu_async.testing.schema import is_date, parse_datetime
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu
    from mambu_async.testing.faults import FaultPlan
    from mambu_async.testing.idempotency import IdempotencyStore
    from mambu_async.testing.messages import FakeResponse


@attrs.define
class BankingState:
    """What the banking rules keep beside the store, per tenant.

    ``loan_transactions`` / ``deposit_transactions``: account encodedKey → its transactions' keys in
    creation order (an index; keys the store no longer holds, after an undone request, are skipped).
    ``fee_installments``: loan fee transaction key → the installment number it was applied to.
    ``aged_on``: the tenant date the ageing rules (arrears, maturity) were last applied for.
    """

    faults: FaultPlan
    idempotency: IdempotencyStore[FakeResponse]
    loan_transactions: dict[str, list[str]] = attrs.field(factory=dict)
    deposit_transactions: dict[str, list[str]] = attrs.field(factory=dict)
    fee_installments: dict[str, int] = attrs.field(factory=dict)
    previous_rates: dict[str, Decimal] = attrs.field(factory=dict)
    """Loan ``INTEREST_RATE_CHANGED`` transaction key → the rate the loan had before it."""
    due_date_changes: dict[str, list[tuple[dt.date, tuple[int, ...]]]] = attrs.field(factory=dict)
    """Loan encodedKey → its ``:changeDueDatesSettings`` as (value date, fixed days of month), in order."""
    aged_on: dt.date | None = None
    schedule_rows: dict[str, tuple[Record, int, dt.date, list[dict[str, Any]]]] = attrs.field(factory=dict)
    """Loan encodedKey → (the stored loan, its transaction count, the date, its rendered installments)."""
    unjournaled: list[tuple[str, str]] = attrs.field(factory=list)
    """(collection, key) of the transactions the request being answered posted (``journal``)."""
    installment_rows: tuple[tuple[int, dt.date], list[tuple[dt.date, str, int, Record, Record]]] | None = None
    """``GET /installments``: (store version, date) → every installment in the list's order."""


def banking(fake: FakeMambu) -> BankingState:
    """The banking state installed on ``fake``."""
    state: BankingState = getattr(fake, "_banking")  # noqa: B009 - set by install(), not a declared attribute
    return state


def account_transactions(
    fake: FakeMambu, collection: str, index: dict[str, list[str]], key: str
) -> list[Record]:
    """The stored transactions of one account, oldest first."""
    store = fake.store[collection]
    out = []
    for tx_key in index.get(key, ()):
        record = store.get(tx_key)
        if record is not None:
            out.append(record)
    return out


def amount_of(body: dict[str, Any], name: str = "amount", *, required: bool = True) -> Decimal | None:
    """A JSON number from the body as ``Decimal`` (400 ``INVALID_PARAMETERS`` when malformed)."""
    value = body.get(name)
    if value is None:
        if required:
            raise bad_request("INVALID_PARAMETERS", f"Property {name} may not be null")
        return None
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float | str):
        raise bad_request("INVALID_PARAMETERS", f"Property {name} must be a number")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise bad_request("INVALID_PARAMETERS", f"Property {name} must be a number") from None


def value_date(fake: FakeMambu, body: dict[str, Any], name: str = "valueDate") -> tuple[dt.date, str]:
    """The transaction's value date (today when absent) as a tenant date and as Mambu's date-time text.

    A date-time keeps the offset it was sent with, at second precision as Mambu stores it (a fraction
    sent is dropped); a bare date means midnight in the tenant's zone.
    [INFERRED] A date-time counts on its date in the tenant's zone, except that one naming the tenant's
    today (``...T23:00:00-12:00``, ``...T00:00:00+14:00``) is today whatever its offset: a client that
    sends "today" in its own zone is neither refused as future-dated nor as back-dated. Such a value is
    kept at the time it names in the tenant's zone, so that its stored date stays today.
    """
    raw = body.get(name)
    now = fake.clock.now()
    if raw is None:
        return now.date(), fake.clock.iso()
    if isinstance(raw, str):
        when = parse_datetime(raw)
        if when is not None:
            day = when.astimezone(now.tzinfo).date()
            if when.date() == now.date() != day:
                kept = dt.datetime.combine(now.date(), when.time(), tzinfo=now.tzinfo)
                return now.date(), kept.isoformat(timespec="seconds")
            return day, when.isoformat(timespec="seconds")
        if is_date(raw):
            day = dt.date.fromisoformat(raw)
            midnight = dt.datetime.combine(day, dt.time(), tzinfo=now.tzinfo)
            return day, midnight.isoformat(timespec="seconds")
    raise bad_request("INVALID_DATE", f"Property {name} must be an ISO date-time with an offset, got {raw!r}")


def date_of(fake: FakeMambu, text: Any) -> dt.date | None:
    """The tenant date of a stored date or date-time text (``None`` when absent or unreadable)."""
    if not isinstance(text, str):
        return None
    when = parse_datetime(text)
    if when is not None:
        return when.astimezone(fake.clock.now().tzinfo).date()
    return dt.date.fromisoformat(text) if is_date(text) else None


def common_fields(body: dict[str, Any]) -> dict[str, Any]:
    """The caller-supplied fields a transaction keeps verbatim."""
    keep = ("notes", "externalId", "paymentOrderId", "transactionDetails")
    return {k: without_nulls(body[k]) for k in keep if body.get(k) is not None}
