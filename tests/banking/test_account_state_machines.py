"""Loan and deposit state machines (pure)."""

from __future__ import annotations

import pytest

from mambu_async.testing.apierror import ApiError
from mambu_async.testing.banking.states import LOAN_ACTIONS, next_deposit_state, next_loan_state


def _reason(exc: pytest.ExceptionInfo[ApiError]) -> str:
    return exc.value.errors[0][0]


@pytest.mark.parametrize(
    ("state", "action", "expected"),
    [
        (("PARTIAL_APPLICATION", None), "REQUEST_APPROVAL", ("PENDING_APPROVAL", None)),
        (("PENDING_APPROVAL", None), "SET_INCOMPLETE", ("PARTIAL_APPLICATION", None)),
        (("PENDING_APPROVAL", None), "APPROVE", ("APPROVED", None)),
        (("APPROVED", None), "UNDO_APPROVE", ("PENDING_APPROVAL", None)),
        (("PENDING_APPROVAL", None), "REJECT", ("CLOSED", "REJECTED")),
        (("APPROVED", None), "WITHDRAW", ("CLOSED", "WITHDRAWN")),
        (("CLOSED", "REJECTED"), "UNDO_REJECT", ("PENDING_APPROVAL", None)),
        (("ACTIVE_IN_ARREARS", None), "CLOSE", ("CLOSED", "REPAID")),
        (("CLOSED", "REPAID"), "UNDO_CLOSE", ("ACTIVE", None)),
    ],
)
def test_loan_transitions(
    state: tuple[str, str | None], action: str, expected: tuple[str, str | None]
) -> None:
    loan = {"accountState": state[0], "accountSubState": state[1]}
    assert next_loan_state(loan, action) == expected


def test_undo_withdraw_returns_to_the_previous_state() -> None:
    loan = {"accountState": "CLOSED", "accountSubState": "WITHDRAWN"}
    assert next_loan_state(loan, "UNDO_WITHDRAW", previous=("APPROVED", None)) == ("APPROVED", None)


def test_every_illegal_loan_transition_is_refused_with_invalid_state_transition() -> None:
    for action, transition in LOAN_ACTIONS.items():
        for state in ("PARTIAL_APPLICATION", "PENDING_APPROVAL", "APPROVED", "ACTIVE"):
            if (state, None) in transition.sources:
                continue
            with pytest.raises(ApiError) as exc:
                next_loan_state({"accountState": state}, action)
            assert exc.value.status == 400
            assert _reason(exc) == "INVALID_STATE_TRANSITION"


def test_unknown_action_is_invalid_parameters() -> None:
    with pytest.raises(ApiError) as exc:
        next_loan_state({"accountState": "APPROVED"}, "EXPLODE")
    assert _reason(exc) == "INVALID_PARAMETERS"


def test_deposit_transitions_and_refusals() -> None:
    assert next_deposit_state({"accountState": "PENDING_APPROVAL"}, "APPROVE") == "APPROVED"
    assert next_deposit_state({"accountState": "ACTIVE"}, "LOCK") == "LOCKED"
    assert next_deposit_state({"accountState": "LOCKED"}, "UNLOCK", previous="ACTIVE_IN_ARREARS") == (
        "ACTIVE_IN_ARREARS"
    )
    with pytest.raises(ApiError) as exc:
        next_deposit_state({"accountState": "PENDING_APPROVAL"}, "LOCK")
    assert _reason(exc) == "INVALID_SAVINGS_ACCOUNT_STATE_TRANSITION"
    with pytest.raises(ApiError) as exc:
        next_deposit_state({"accountState": "LOCKED"}, "LOCK")
    assert _reason(exc) == "ACCOUNT_ALREADY_LOCKED"
