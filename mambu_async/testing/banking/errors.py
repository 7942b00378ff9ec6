"""Error reasons of the banking rules and their numeric codes.

The fake raises :class:`~mambu_async.testing.apierror.ApiError` everywhere; its code table knows the
documented pairs (api-semantics §3.3). The reasons below are members of the OpenAPI files'
``errorReason`` enum that the banking rules use and that table does not list; their numbers are
[INFERRED] placements in Mambu's published numbering blocks (loan account codes 1xx, deposit account
4xx, custom fields 9xx, documents 97x) and are registered with :func:`register_codes`, never
overriding a code the table already has. Code on the reason, not on these numbers.
"""

from __future__ import annotations

from typing import Final

from mambu_async.testing import apierror

BANKING_CODES: Final[dict[str, int]] = {
    "INVALID_AMOUNT": 101,
    "INVALID_DISBURSEMENT_DATE": 113,
    "ACCOUNT_ALREADY_DISBURSED": 118,
    "FUTURE_PAYMENT_NOT_ALLOWED_ERROR": 119,
    "INVALID_TRANSACTION_ID": 120,
    "TRANSACTION_ALREADY_ADJUSTED": 121,
    "BACKDATE_BEFORE_ACTIVATION": 122,
    "BACKDATE_SET_IN_THE_FUTURE": 123,
    "CANNOT_APPLY_REPAYMENT_ON_ZERO_BALANCE_ACCOUNT": 124,
    "FEE_AMOUNT_MUST_BE_STRICTLY_POSITIVE": 125,
    "ACCOUNT_HAS_REMAINING_BALANCE": 126,
    "TRANSACTION_TYPE_DOES_NOT_ALLOW_ADJUSTMENT": 127,
    "INVALID_INTEREST_RATE": 129,
    "INTEREST_RATE_NOT_AVAILABLE_FOR_INDEXED_RATES": 130,
    "INSUFFICIENT_BALANCE": 406,
    "INVALID_DEPOSIT_AMOUNT": 407,
    "TRANSFER_AMOUNT_IS_NOT_POSITIVE": 408,
    "MATURITY_PERIOD_ALREADY_STARTED": 409,
    "ACCOUNT_ALREADY_LOCKED": 410,
    "ACCOUNT_ALREADY_UNLOCKED": 411,
    "INTEREST_APPLIED_WITH_NULL_AMOUNT": 412,
    "BALANCE_BELOW_ZERO": 413,
    "INVALID_TARGET_ACCOUNT_STATE_FOR_DEPOSIT": 414,
    "INVALID_FIRST_REPAYMENT_DUE_DATE": 131,
    "INVALID_REPAYMENT_NUMBER": 134,
    "REPAYMENT_DATE_IN_THE_FUTURE_ERROR": 133,
    "FIXED_DAYS_OF_MONTH_NOT_ALLOWED": 135,
    "CUSTOM_FIELD_DEACTIVATED": 911,
    "DUPLICATE_CUSTOM_FIELD_VALUES": 912,
    "INVALID_CUSTOM_FIELD_LINKED_ENTITY_KEY": 913,
    "REQUIRED_CUSTOM_FIELD_MISSING": 907,
    "MAX_CUSTOM_FIELD_VALUE_LENGTH_EXCEEDED": 908,
    "CUSTOM_FIELD_NOT_AVAILABLE_FOR_ENTITY": 909,
    "INCONSISTENT_CUSTOM_FIELD_VALUE_WITH_PATTERN": 910,
    "INVALID_FILENAME": 974,
    "FILE_EXTENSION_NOT_ALLOWED": 975,
    "INVALID_TASK_TITLE_LENGTH": 1002,
    "INVALID_TASK_STATE_AND_COMPLETION_DATE": 1003,
}


def register_codes() -> None:
    """Add the banking reasons to the fake's code table (idempotent; existing entries win)."""
    for reason, code in BANKING_CODES.items():
        if reason not in apierror.REASON_CODES and reason not in apierror.INFERRED_CODES:
            apierror.INFERRED_CODES[reason] = code
