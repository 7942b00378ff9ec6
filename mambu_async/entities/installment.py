"""``MambuInstallment``: one row of a loan's repayment schedule (``GET /loans/{id}/schedule``), and of
every loan's (``GET /installments?dueFrom=&dueTo=``, filtered by ``productTypeKey``, ``accountState``,
``installmentState``).

Mambu v2 answers the schedule as ``{"installments": [...], "currency": {...}}``; loans.json does not
describe it (api-semantics §8.2), so the fields here follow Mambu's v2 ``Installment`` reference
[INFERRED]: the ``number`` (a string), ``dueDate`` and paid dates (date-times with Mambu's offset), the
``state``, and per component (``principal``, ``interest``, ``fee``, ``penalty``) the ``amount``
``{expected, paid, due, reduced}`` and, except for principal, the ``tax`` on it. Amounts are ``Decimal``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import AsyncIterator, Mapping
from decimal import Decimal
from typing import Any, Self

import attrs

from mambu_async.connector.base import JSON, MambuConnector, RequestTimeout
from mambu_async.connector.validation import DetailsLevel
from mambu_async.entities.base import FilterCriteria, SortSpec, connector_for_call
from mambu_async.entities.model import MambuModel
from mambu_async.entities.streams import StreamedMixin, paged
from mambu_async.errors import MambuValidationError

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


#: The due-date range ``iterate`` reads when ``filters`` give none. [INFERRED] Mambu requires both
#: dates and documents no widest range; these cover any schedule.
EVERY_DUE_DATE = {"dueFrom": "1900-01-01", "dueTo": "9999-12-31"}


@attrs.define(slots=False, kw_only=True)
class MambuInstallment(StreamedMixin):
    """One installment of a loan schedule.

    ``total_due`` is the sum of what is still due on every component (tax included).
    ``await MambuInstallment.get_all(connector=c, filters={"dueFrom": "2024-01-01", "dueTo": "2024-12-31"})``
    lists them across loans (both dates required); ``iterate`` without dates reads every one.
    """

    _prefix = "installments"
    _filter_keys = ("dueFrom", "dueTo", "productTypeKey", "accountState", "installmentState")
    _sort_by_fields = ()

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

    @classmethod
    async def get(
        cls,
        entid: str,
        *,
        connector: MambuConnector,
        details_level: DetailsLevel = "FULL",
        timeout: RequestTimeout | None = None,
    ) -> Self:
        """Not served by Mambu: installments are read by due date (``get_all``) or per loan
        (``MambuLoan.get_schedule``)."""
        raise MambuValidationError(
            "Mambu has no GET /installments/{id}: use get_all(filters=...) or get_schedule()"
        )

    @classmethod
    async def _page(
        cls, connector: MambuConnector, filters: dict[str, Any], offset: int | None, limit: int | None
    ) -> list[JSON]:
        rest = {k: v for k, v in filters.items() if k not in ("dueFrom", "dueTo")}
        rows: list[JSON] = await connector.mambu_get_installments(
            filters.get("dueFrom"), filters.get("dueTo"), rest or None, offset, limit
        )
        return rows

    @classmethod
    async def get_all(
        cls,
        *,
        connector: MambuConnector,
        filters: Mapping[str, Any] | None = None,
        offset: int | None = None,
        limit: int | None = None,
        sort_by: SortSpec | None = None,
        details_level: DetailsLevel = "BASIC",
        timeout: RequestTimeout | None = None,
    ) -> list[Self]:
        """``GET /installments``: ``filters`` must hold ``dueFrom`` and ``dueTo``."""
        connector = connector_for_call(connector, timeout)
        chosen = cls._check_filters(filters) or {}
        if sort_by is not None:
            raise MambuValidationError("installments take no sort_by (Mambu orders them by due date)")
        return cls._build_all(await cls._page(connector, chosen, offset, limit), connector, "BASIC")

    @classmethod
    def _records(
        cls,
        connector: MambuConnector,
        filters: dict[str, Any],
        *,
        level: DetailsLevel,
        page_size: int | None,
        filter_criteria: FilterCriteria | None,
    ) -> AsyncIterator[JSON]:
        """Every installment due in the ``dueFrom``/``dueTo`` range of ``filters`` (default: any date)."""
        chosen = {**EVERY_DUE_DATE, **filters}

        async def fetch(offset: int, limit: int) -> list[JSON]:
            return await cls._page(connector, chosen, offset, limit)

        return paged(fetch, page_size)
