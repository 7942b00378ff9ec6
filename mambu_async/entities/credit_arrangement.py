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
from typing import TYPE_CHECKING, Self

import attrs

from mambu_async.connector.base import MambuConnector
from mambu_async.connector.validation import STATE_ACTIONS, DetailsLevel
from mambu_async.entities.base import MambuEntity, SearchableMixin, WritableMixin
from mambu_async.entities.behaviours.states import StateChangeMixin
from mambu_async.errors import MambuResponseError, MambuValidationError

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
class MambuCreditArrangement(WritableMixin, StateChangeMixin, SearchableMixin):
    """A credit arrangement; ``await arrangement.get_accounts()`` reads the accounts linked to it.

    Writes: ``create()``, ``update()``, ``patch()``, ``delete()``; ``change_state(action, notes)`` (sent as
    ``{action, actionDetails: {notes}}``) and ``approve()``, ``reject()``, ``withdraw()``, ``close()`` and
    their undos; ``add_account(loan_or_deposit)`` / ``remove_account(...)``. Required on create:
    ``amount``, ``holder_type``, ``holder_key``, ``start_date``, ``expire_date``.
    """

    _prefix = "creditarrangements"
    _state_actions = STATE_ACTIONS["creditarrangements"]
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

    @classmethod
    async def of_holder(
        cls,
        holder_prefix: str,
        holder_id: str,
        *,
        connector: MambuConnector,
        offset: int | None = None,
        limit: int | None = None,
        details_level: DetailsLevel = "BASIC",
    ) -> list[Self]:
        """``GET /clients/{holder_id}/creditarrangements`` (``holder_prefix="groups"``: a group's);
        ``limit=None`` reads every one."""
        level = cls._check_details_level(details_level)
        rows = await connector.mambu_get_credit_arrangements(holder_prefix, holder_id, offset, limit, level)
        return [cls._from_response(row, connector, level) for row in rows]

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

    async def approve(self, notes: str | None = None) -> Self:
        """PENDING_APPROVAL → APPROVED."""
        return await self.change_state("APPROVE", notes)

    async def undo_approve(self, notes: str | None = None) -> Self:
        """APPROVED → PENDING_APPROVAL."""
        return await self.change_state("UNDO_APPROVE", notes)

    async def reject(self, notes: str | None = None) -> Self:
        """PENDING_APPROVAL → CLOSED (sub-state REJECTED)."""
        return await self.change_state("REJECT", notes)

    async def withdraw(self, notes: str | None = None) -> Self:
        """PENDING_APPROVAL or APPROVED → CLOSED (sub-state WITHDRAWN)."""
        return await self.change_state("WITHDRAW", notes)

    async def close(self, notes: str | None = None) -> Self:
        """APPROVED or ACTIVE → CLOSED (its accounts closed first)."""
        return await self.change_state("CLOSE", notes)

    async def add_account(self, account: MambuEntity) -> Self:
        """``:addAccount`` with a ``MambuLoan`` or ``MambuDeposit``; the arrangement reflects the result."""
        connector = self._require_connector()
        account_id, account_type = _account_ref(account)
        data = await connector.mambu_creditarrangement_addAccount(self._entity_id(), account_id, account_type)
        await self._after_write(data)
        return self

    async def remove_account(self, account: MambuEntity) -> Self:
        """``:removeAccount`` with a ``MambuLoan`` or ``MambuDeposit`` on this arrangement."""
        connector = self._require_connector()
        account_id, account_type = _account_ref(account)
        data = await connector.mambu_creditarrangement_removeAccount(
            self._entity_id(), account_id, account_type
        )
        await self._after_write(data)
        return self


def _account_ref(account: MambuEntity) -> tuple[str, str]:
    from mambu_async.entities.deposit import MambuDeposit
    from mambu_async.entities.loan import MambuLoan

    if isinstance(account, MambuLoan):
        return account._entity_id(), "LOAN"
    if isinstance(account, MambuDeposit):
        return account._entity_id(), "DEPOSIT"
    raise MambuValidationError(f"a credit arrangement holds loans and deposits, not {type(account).__name__}")
