"""``MambuCreditArrangement``: a credit line shared by a holder's accounts (seed 001 "CreditArrangements").

Fields from the seed's ``CreditArrangement`` (S1:L5079-5116): ``id, encodedKey, amount,
availableCreditAmount, consumedCreditAmount, holderKey, holderType (CLIENT|GROUP), startDate, expireDate,
approvedDate, closedDate, exposureLimitType (APPROVED_AMOUNT|OUTSTANDING_AMOUNT), state, subState, notes,
creationDate, lastModifiedDate``. ``GET /creditarrangements`` sorts on ``creationDate, startDate,
expireDate, amount`` and takes no filters.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from mambu_async.entities.base import SearchableMixin
from mambu_async.errors import MambuResponseError

if TYPE_CHECKING:
    from mambu_async.entities.deposit import MambuDeposit
    from mambu_async.entities.loan import MambuLoan

__all__ = ["CreditArrangementAccounts", "CreditArrangementState", "MambuCreditArrangement"]


class CreditArrangementState(enum.StrEnum):
    """Values of ``CreditArrangement.state`` and ``subState``."""

    PENDING_APPROVAL = "PENDING_APPROVAL"
    APPROVED = "APPROVED"
    ACTIVE = "ACTIVE"
    CLOSED = "CLOSED"
    WITHDRAWN = "WITHDRAWN"
    REJECTED = "REJECTED"


@attrs.frozen
class CreditArrangementAccounts:
    """The accounts of a credit arrangement (``GET /creditarrangements/{id}/accounts``)."""

    loan_accounts: list[MambuLoan]
    deposit_accounts: list[MambuDeposit]


@attrs.define(slots=False, kw_only=True)
class MambuCreditArrangement(SearchableMixin):
    """A credit arrangement; ``await arrangement.get_accounts()`` reads the accounts linked to it."""

    _prefix = "creditarrangements"
    _sort_by_fields = ("creationDate", "startDate", "expireDate", "amount")

    id: str | None = None
    encoded_key: str | None = None
    amount: Decimal | None = None
    available_credit_amount: Decimal | None = None
    consumed_credit_amount: Decimal | None = None
    holder_key: str | None = None
    holder_type: str | None = None
    start_date: dt.datetime | None = None
    expire_date: dt.datetime | None = None
    approved_date: dt.datetime | None = None
    closed_date: dt.datetime | None = None
    exposure_limit_type: str | None = None
    state: CreditArrangementState | str | None = None
    sub_state: CreditArrangementState | str | None = None
    notes: str | None = None
    creation_date: dt.datetime | None = None
    last_modified_date: dt.datetime | None = None

    async def get_accounts(self) -> CreditArrangementAccounts:
        """``GET /creditarrangements/{id}/accounts``: its loan and deposit accounts (FULL)."""
        from mambu_async.entities.deposit import MambuDeposit
        from mambu_async.entities.loan import MambuLoan

        connector = self._require_connector()
        data = await connector.mambu_creditarrangement_getAccounts(self._entity_id())
        if not isinstance(data, dict):
            raise MambuResponseError("expected {'loanAccounts': [...], 'depositAccounts': [...]}", body=data)
        return CreditArrangementAccounts(
            loan_accounts=[
                MambuLoan._from_response(r, connector, "FULL") for r in data.get("loanAccounts") or []
            ],
            deposit_accounts=[
                MambuDeposit._from_response(r, connector, "FULL") for r in data.get("depositAccounts") or []
            ],
        )
