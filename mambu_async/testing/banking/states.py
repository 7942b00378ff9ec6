"""Loan and deposit account state machines (api-semantics §7).

Mambu documents the states and the action names but no transition table; the tables below are the
reference machine of api-semantics §7.2/§7.3 [INFERRED]. An action that exists but is not allowed from
the account's state is refused with 400 ``INVALID_STATE_TRANSITION`` (loans) or
``INVALID_SAVINGS_ACCOUNT_STATE_TRANSITION`` (deposits); an unknown action with ``INVALID_PARAMETERS``.
"""

from __future__ import annotations

from typing import Final

import attrs

from mambu_async.testing.apierror import bad_request

LOAN_STATES: Final = (
    "PARTIAL_APPLICATION",
    "PENDING_APPROVAL",
    "APPROVED",
    "ACTIVE",
    "ACTIVE_IN_ARREARS",
    "CLOSED",
)
LOAN_SUB_STATES: Final = (
    "PARTIALLY_DISBURSED",
    "LOCKED",
    "LOCKED_CAPPING",
    "REFINANCED",
    "RESCHEDULED",
    "WITHDRAWN",
    "REPAID",
    "REJECTED",
    "WRITTEN_OFF",
)
DEPOSIT_STATES: Final = (
    "PENDING_APPROVAL",
    "APPROVED",
    "ACTIVE",
    "ACTIVE_IN_ARREARS",
    "MATURED",
    "LOCKED",
    "DORMANT",
    "CLOSED",
    "CLOSED_WRITTEN_OFF",
    "WITHDRAWN",
    "CLOSED_REJECTED",
)

State = tuple[str, str | None]
"""``(accountState, accountSubState)``; deposits have no sub-state."""


@attrs.frozen
class Transition:
    """One allowed action: from which states, to which state."""

    sources: frozenset[State]
    target: State | None
    """``None``: back to the state held before the action being undone."""


def _from(*states: State) -> frozenset[State]:
    return frozenset(states)


_OPEN = "PARTIAL_APPLICATION", None
_PENDING = "PENDING_APPROVAL", None
_APPROVED = "APPROVED", None
_ACTIVE = "ACTIVE", None
_ARREARS = "ACTIVE_IN_ARREARS", None

LOAN_ACTIONS: Final[dict[str, Transition]] = {
    "REQUEST_APPROVAL": Transition(_from(_OPEN), _PENDING),
    "SET_INCOMPLETE": Transition(_from(_PENDING), _OPEN),
    "APPROVE": Transition(_from(_PENDING), _APPROVED),
    "UNDO_APPROVE": Transition(_from(_APPROVED), _PENDING),
    "REJECT": Transition(_from(_OPEN, _PENDING), ("CLOSED", "REJECTED")),
    "WITHDRAW": Transition(_from(_OPEN, _PENDING, _APPROVED), ("CLOSED", "WITHDRAWN")),
    "CLOSE": Transition(_from(_ACTIVE, _ARREARS), ("CLOSED", "REPAID")),
    "UNDO_REJECT": Transition(_from(("CLOSED", "REJECTED")), _PENDING),
    "UNDO_WITHDRAW": Transition(_from(("CLOSED", "WITHDRAWN")), None),
    "UNDO_CLOSE": Transition(_from(("CLOSED", "REPAID")), _ACTIVE),
}
"""Loan ``:changeState`` actions (lo#/definitions/LoanAccountAction)."""

DEPOSIT_ACTIONS: Final[dict[str, Transition]] = {
    "APPROVE": Transition(_from(_PENDING), _APPROVED),
    "UNDO_APPROVE": Transition(_from(_APPROVED), _PENDING),
    "LOCK": Transition(_from(_ACTIVE, _ARREARS), ("LOCKED", None)),
    "UNLOCK": Transition(_from(("LOCKED", None)), None),
}
"""Deposit ``:changeState`` actions (da#/definitions/DepositAccountAction)."""

LOAN_DISBURSABLE: Final = frozenset({"APPROVED"})
LOAN_REPAYABLE: Final = frozenset({"ACTIVE", "ACTIVE_IN_ARREARS"})
DEPOSIT_TRANSACTABLE: Final = frozenset({"APPROVED", "ACTIVE", "ACTIVE_IN_ARREARS", "DORMANT"})
"""Deposit states that take deposits; withdrawals, transfers and fees need an active account."""
DEPOSIT_ACTIVE: Final = frozenset({"ACTIVE", "ACTIVE_IN_ARREARS", "DORMANT"})
DEPOSIT_DELETABLE: Final = frozenset({"PENDING_APPROVAL", "APPROVED", "WITHDRAWN", "CLOSED_REJECTED"})
LOAN_DELETABLE: Final = frozenset({"PARTIAL_APPLICATION", "PENDING_APPROVAL", "APPROVED"})


def loan_state(loan: dict[str, object]) -> State:
    """The loan's ``(accountState, accountSubState)``; sub-states other than the closing ones are ignored."""
    state = str(loan.get("accountState") or "PENDING_APPROVAL")
    sub = loan.get("accountSubState")
    closing = sub if state == "CLOSED" and isinstance(sub, str) else None
    return state, closing


def next_loan_state(loan: dict[str, object], action: str, previous: State | None = None) -> State:
    """Where ``action`` takes the loan; raises a 400 ``ApiError`` when it is not allowed."""
    transition = LOAN_ACTIONS.get(action)
    if transition is None:
        raise bad_request("INVALID_PARAMETERS", f"Unknown loan account action {action!r}")
    current = loan_state(loan)
    if current not in transition.sources:
        raise bad_request(
            "INVALID_STATE_TRANSITION",
            f"Cannot {action} a loan account in state {'/'.join(s for s in current if s)}",
        )
    return transition.target or previous or _PENDING


def next_deposit_state(deposit: dict[str, object], action: str, previous: str | None = None) -> str:
    """Where ``action`` takes the deposit account; raises a 400 ``ApiError`` when not allowed."""
    transition = DEPOSIT_ACTIONS.get(action)
    if transition is None:
        raise bad_request("INVALID_PARAMETERS", f"Unknown deposit account action {action!r}")
    current = str(deposit.get("accountState") or "PENDING_APPROVAL")
    if (current, None) not in transition.sources:
        reason = {
            "LOCK": "ACCOUNT_ALREADY_LOCKED" if current == "LOCKED" else None,
            "UNLOCK": "ACCOUNT_ALREADY_UNLOCKED" if current in DEPOSIT_ACTIVE else None,
        }.get(action)
        raise bad_request(
            reason or "INVALID_SAVINGS_ACCOUNT_STATE_TRANSITION",
            f"Cannot {action} a deposit account in state {current}",
        )
    if transition.target is not None:
        return transition.target[0]
    return previous or "ACTIVE"
