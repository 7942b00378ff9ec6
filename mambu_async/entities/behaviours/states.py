"""State changes through ``POST /{prefix}/{id}:changeState`` (api-semantics §7).

``change_state(action, notes=None)`` checks the action against the entity's documented actions before
any request (a :class:`~mambu_async.errors.MambuValidationError` otherwise) and reloads the entity from
Mambu's answer (the full updated account). A transition Mambu refuses (say ``CLOSE`` on a loan pending
approval) raises :class:`~mambu_async.errors.MambuBadRequestError` with Mambu's error codes. One named
method per documented action; MambuPy's ``set_state`` is an alias of ``change_state``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Self

from mambu_async.connector.validation import STATE_ACTIONS, check_choice
from mambu_async.entities.base import MambuEntity

__all__ = ["DepositStatesMixin", "LoanStatesMixin", "StateChangeMixin"]


class StateChangeMixin(MambuEntity):
    """``change_state`` validated against ``_state_actions``."""

    _state_actions: ClassVar[tuple[str, ...]] = ()

    async def change_state(self, action: str, notes: str | None = None) -> Self:
        """``POST /{prefix}/{id}:changeState`` with ``{action, notes}``; the entity reflects the result."""
        checked = check_choice(action, "action", type(self)._state_actions)
        connector = self._require_connector()
        data = await connector.mambu_change_state(self._entity_id(), type(self)._prefix, checked, notes)
        await self._after_write(data)
        return self

    async def set_state(self, action: str, notes: str | None = None) -> Self:
        """MambuPy's name for :meth:`change_state`."""
        return await self.change_state(action, notes)

    async def _after_write(self, data: Any) -> None:
        """Reload from the entity Mambu answered with, else read it again."""
        if isinstance(data, dict) and data.get("encodedKey"):
            self._reload(data)
            self.__dict__["_details_level"] = "FULL"
        else:
            await self.refresh()

    async def _action(self, action: str, body: dict[str, Any] | None = None) -> Self:
        """``POST /{prefix}/{id}:{action}`` (``payOff``, ``startMaturity``...), then the new state."""
        connector = self._require_connector()
        data = await connector.mambu_action(self._entity_id(), type(self)._prefix, action, body)
        await self._after_write(data)
        return self


class LoanStatesMixin(StateChangeMixin):
    """Loan account actions (``LoanAccountAction``) and the undo endpoints of loans.json."""

    _state_actions = STATE_ACTIONS["loans"]

    async def request_approval(self, notes: str | None = None) -> Self:
        """PARTIAL_APPLICATION → PENDING_APPROVAL."""
        return await self.change_state("REQUEST_APPROVAL", notes)

    async def set_incomplete(self, notes: str | None = None) -> Self:
        """PENDING_APPROVAL → PARTIAL_APPLICATION."""
        return await self.change_state("SET_INCOMPLETE", notes)

    async def approve(self, notes: str | None = None) -> Self:
        """PENDING_APPROVAL → APPROVED."""
        return await self.change_state("APPROVE", notes)

    async def undo_approve(self, notes: str | None = None) -> Self:
        """APPROVED → PENDING_APPROVAL."""
        return await self.change_state("UNDO_APPROVE", notes)

    async def reject(self, notes: str | None = None) -> Self:
        """A pending application → CLOSED (REJECTED)."""
        return await self.change_state("REJECT", notes)

    async def undo_reject(self, notes: str | None = None) -> Self:
        """CLOSED (REJECTED) → PENDING_APPROVAL."""
        return await self.change_state("UNDO_REJECT", notes)

    async def withdraw(self, notes: str | None = None) -> Self:
        """A pending or approved application → CLOSED (WITHDRAWN)."""
        return await self.change_state("WITHDRAW", notes)

    async def undo_withdraw(self, notes: str | None = None) -> Self:
        """CLOSED (WITHDRAWN) → the state before the withdrawal."""
        return await self.change_state("UNDO_WITHDRAW", notes)

    async def close(self, notes: str | None = None) -> Self:
        """A repaid active loan → CLOSED (REPAID)."""
        return await self.change_state("CLOSE", notes)

    async def undo_close(self, notes: str | None = None) -> Self:
        """CLOSED (REPAID) → ACTIVE."""
        return await self.change_state("UNDO_CLOSE", notes)

    async def undo_reschedule(self, notes: str | None = None) -> Self:
        """``POST /loans/{id}:undoReschedule`` (``LoanActionDetails``)."""
        return await self._action("undoReschedule", _notes(notes))

    async def undo_refinance(self, notes: str | None = None) -> Self:
        """``POST /loans/{id}:undoRefinance`` (``LoanActionDetails``)."""
        return await self._action("undoRefinance", _notes(notes))


class DepositStatesMixin(StateChangeMixin):
    """Deposit account actions (``DepositAccountAction``) and the maturity endpoints."""

    _state_actions = STATE_ACTIONS["deposits"]

    async def approve(self, notes: str | None = None) -> Self:
        """PENDING_APPROVAL → APPROVED."""
        return await self.change_state("APPROVE", notes)

    async def undo_approve(self, notes: str | None = None) -> Self:
        """APPROVED → PENDING_APPROVAL."""
        return await self.change_state("UNDO_APPROVE", notes)

    async def lock(self, notes: str | None = None) -> Self:
        """An active account → LOCKED."""
        return await self.change_state("LOCK", notes)

    async def unlock(self, notes: str | None = None) -> Self:
        """LOCKED → ACTIVE."""
        return await self.change_state("UNLOCK", notes)

    async def start_maturity(self, maturity_date: dt.date | str, notes: str | None = None) -> Self:
        """``POST /deposits/{id}:startMaturity`` with ``{maturityDate, notes}``."""
        body: dict[str, Any] = {"maturityDate": maturity_date, **_notes(notes)}
        return await self._action("startMaturity", body)

    async def undo_maturity(self) -> Self:
        """``POST /deposits/{id}:undoMaturity``."""
        return await self._action("undoMaturity")


def _notes(notes: str | None) -> dict[str, Any]:
    return {} if notes is None else {"notes": notes}
