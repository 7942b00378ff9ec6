"""``MambuInstallment``: one row of a loan's repayment schedule (``GET /loans/{id}/schedule``).

Mambu v2 answers the schedule as ``{"installments": [...], "currency": {...}}``; loans.json does not
describe it (api-semantics §8.2), so the fields here follow Mambu's v2 ``Installment`` reference
[INFERRED]: the ``number`` (a string), ``dueDate`` and paid dates (date-times with Mambu's offset), the
``state``, and per component (``principal``, ``interest``, ``fee``, ``penalty``) the ``amount``
``{expected, paid, due, reduced}`` and, except for principal, the ``tax`` on it. Amounts are ``Decimal``.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

import attrs

from mambu_async.entities.model import MambuModel

__all__ = [
    "InstallmentAmount",
    "InstallmentComponent",
    "InstallmentState",
    "MambuInstallment",
]


class InstallmentState(enum.StrEnum):
    """Values of ``Installment.state``."""

    PENDING = "PENDING"
    LATE = "LATE"
    PAID = "PAID"
    PARTIALLY_PAID = "PARTIALLY_PAID"
    GRACE = "GRACE"


@attrs.define(slots=False, kw_only=True)
class InstallmentAmount(MambuModel):
    """What is expected, paid, still due and reduced of one component of an installment."""

    expected: Decimal | None = None
    paid: Decimal | None = None
    due: Decimal | None = None
    reduced: Decimal | None = None
    expected_unapplied: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class InstallmentComponent(MambuModel):
    """One component (principal, interest, fee or penalty): its ``amount`` and the ``tax`` on it."""

    amount: InstallmentAmount | None = None
    tax: InstallmentAmount | None = None


@attrs.define(slots=False, kw_only=True)
class MambuInstallment(MambuModel):
    """One installment of a loan schedule.

    ``total_due`` is the sum of what is still due on every component (tax included).
    """

    encoded_key: str | None = None
    parent_account_key: str | None = None
    number: str | None = None
    due_date: dt.datetime | None = None
    last_paid_date: dt.datetime | None = None
    repaid_date: dt.datetime | None = None
    last_penalty_applied_date: dt.datetime | None = None
    state: InstallmentState | str | None = None
    is_payment_holiday: bool | None = None
    principal: InstallmentComponent | None = None
    interest: InstallmentComponent | None = None
    fee: InstallmentComponent | None = None
    penalty: InstallmentComponent | None = None
    fee_details: list[dict[str, Any]] | None = None
    custom_setting_details: list[dict[str, Any]] | None = None

    @property
    def total_due(self) -> Decimal:
        """What is still due on this installment: every component and its tax."""
        total = Decimal(0)
        for component in (self.principal, self.interest, self.fee, self.penalty):
            if component is None:
                continue
            for part in (component.amount, component.tax):
                if part is not None and part.due is not None:
                    total += part.due
        return total
