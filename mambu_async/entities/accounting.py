"""Accounting entities: ``MambuGLAccount`` (``/glaccounts``), ``MambuGLJournalEntry``
(``POST /gljournalentries:search``) and ``MambuInterestAccrualBreakdown``
(``POST /accounting/interestaccrual:search``).

Not in the seeds; fields from Mambu's v2 reference [INFERRED]. ``GET /glaccounts`` needs ``type``
(ASSET, LIABILITY, EQUITY, INCOME, EXPENSE): ``MambuGLAccount.iterate`` without it reads the five types in
turn. Journal entries and accrual rows have no ``GET`` list: ``get_all`` searches with no criteria.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import attrs

from mambu_async.connector.base import JSON, MambuConnector
from mambu_async.connector.validation import DetailsLevel
from mambu_async.entities.base import (
    FilterCriteria,
    SearchOnlyMixin,
)
from mambu_async.entities.streams import StreamedMixin, paged

__all__ = [
    "GLAccountType",
    "MambuGLAccount",
    "MambuGLJournalEntry",
    "MambuInterestAccrualBreakdown",
    "SearchOnlyMixin",
]


class GLAccountType(enum.StrEnum):
    """Values of ``GLAccount.type``."""

    ASSET = "ASSET"
    LIABILITY = "LIABILITY"
    EQUITY = "EQUITY"
    INCOME = "INCOME"
    EXPENSE = "EXPENSE"


@attrs.define(slots=False, kw_only=True)
class MambuGLAccount(StreamedMixin):
    """A general ledger account, addressed by its ``glCode`` (or encodedKey).

    ``get_all(filters={"type": "ASSET"})``; ``balance`` covers ``from``/``to`` (dates) when given, and is
    left out with ``balanceExcluded="true"``.
    """

    _prefix = "glaccounts"
    _filter_keys = ("type", "from", "to", "branchId", "balanceExcluded")
    _sort_by_fields = ()

    encoded_key: str | None = None
    gl_code: str | None = None
    name: str | None = None
    type: GLAccountType | str | None = None
    usage: str | None = None
    description: str | None = None
    currency: dict[str, Any] | None = None
    activated: bool | None = None
    allow_manual_journal_entries: bool | None = None
    strip_trailing_zeros: bool | None = None
    balance: Decimal | None = None
    migration_event_key: str | None = None
    creation_date: dt.datetime | None = None
    last_modified_date: dt.datetime | None = None

    async def get_journal_entries(
        self,
        from_date: dt.date | str,
        to_date: dt.date | str,
        *,
        offset: int | None = None,
        limit: int | None = None,
    ) -> list[MambuGLJournalEntry]:
        """The journal entries booked on this account from ``from_date`` to ``to_date`` (both days
        included), oldest first (v1's ``GET /glaccounts/{id}/gljournalentries``, through v2's search)."""
        connector = self._require_connector()
        code = self.gl_code or self._entity_id()
        rows = await connector.mambu_get_gl_journal_entries(code, from_date, to_date, offset, limit)
        return [MambuGLJournalEntry._from_response(row, connector, "FULL") for row in rows]

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
        """Every GL account of ``filters["type"]``, or of every type in turn when it is not given."""
        types = [filters["type"]] if "type" in filters else list(GLAccountType)

        async def records() -> AsyncIterator[JSON]:
            for gl_type in types:

                async def fetch(offset: int, limit: int, gl_type: Any = gl_type) -> list[JSON]:
                    rows: list[JSON] = await connector.mambu_get_all(
                        cls._prefix, filters={**filters, "type": str(gl_type)}, offset=offset, limit=limit
                    )
                    return rows

                async for record in paged(fetch, page_size):
                    yield record

        return records()


@attrs.define(slots=False, kw_only=True)
class MambuGLJournalEntry(SearchOnlyMixin):
    """One GL journal entry (a debit or a credit of one GL account), found with ``search``."""

    _prefix = "gljournalentries"

    encoded_key: str | None = None
    entry_id: int | None = None
    transaction_id: str | None = None
    gl_account: dict[str, Any] | None = None
    type: str | None = None
    amount: Decimal | None = None
    booking_date: dt.datetime | None = None
    creation_date: dt.datetime | None = None
    branch_key: str | None = None
    product_key: str | None = None
    product_type: str | None = None
    account_key: str | None = None
    user_key: str | None = None
    notes: str | None = None
    reversal_entry_key: str | None = None


@attrs.define(slots=False, kw_only=True)
class MambuInterestAccrualBreakdown(SearchOnlyMixin):
    """One row of the interest accrual breakdown (an accrual posted to a GL account); no encodedKey."""

    _prefix = "accounting/interestaccrual"
    _export_name = "interestaccruals"

    entry_id: int | None = None
    parent_entry_id: int | None = None
    entry_type: str | None = None
    amount: Decimal | None = None
    booking_date: dt.date | None = None
    creation_date: dt.datetime | None = None
    transaction_id: str | None = None
    account_key: str | None = None
    account_id: str | None = None
    product_key: str | None = None
    product_type: str | None = None
    branch_key: str | None = None
    product_id: str | None = None
    gl_account_key: str | None = None
    gl_account_id: str | None = None
    gl_account_name: str | None = None
    gl_account_type: str | None = None
    branch_name: str | None = None
    foreign_amount: dict[str, Any] | None = None
