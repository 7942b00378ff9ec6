"""Mambu-shaped failures raised inside the fake and rendered as ``{"errors": [...]}`` bodies.

Backend code raises :class:`ApiError` (usually through :func:`api_error`); the dispatcher turns it into
the HTTP status and body Mambu would send. The numeric ``errorCode`` comes from :data:`REASON_CODES`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: errorReason → errorCode. Codes 0-27 are the enum positions of Mambu's RestError (documented as
#: equal to the code, api-semantics §3.3); the others are the documented pairs of §3.3 and MambuPy's
#: table ([EXT]). Reasons outside this table are sent with ``INFERRED_CODES`` below.
REASON_CODES: dict[str, int] = {
    "SUCCESS": 0,
    "INVALID_BASIC_AUTHORIZATION": 1,
    "INVALID_CREDENTIALS": 2,
    "INVALID_API_OPERATION": 3,
    "INVALID_PARAMETERS": 4,
    "METHOD_NOT_IMPLEMENTED": 5,
    "INTERNAL_ERROR": 6,
    "API_NOT_AUTHORIZED": 7,
    "INVALID_PAGINATION_OFFSET_VALUE": 11,
    "OUT_OF_BOUNDS_PAGINATION_OFFSET_VALUE": 12,
    "INVALID_PAGINATION_LIMIT_VALUE": 13,
    "OUT_OF_BOUNDS_PAGINATION_LIMIT_VALUE": 14,
    "INVALID_PERMISSIONS": 15,
    "MAX_FILE_SIZE_EXCEEDED": 20,
    "MAX_FILENAME_LENGTH_EXCEEDED": 21,
    "EXCESSIVE_INVALID_REQUESTS": 24,
    "INCONSISTENT_IDENTIFIER_WITH_JSON": 25,
    "INVALID_JSON_SYNTAX": 26,
    "PARAMETER_NOT_ALLOWED": 27,
    "INVALID_LOAN_ACCOUNT_ID": 100,
    "INVALID_ACCOUNT_STATE": 105,
    "EXCESS_REPAYMENT_ERROR": 110,
    "INVALID_REPAYMENT_DATE_ERROR": 111,
    "INVALID_STATE_TRANSITION": 116,
    "INVALID_ACCOUNT_STATE_FOR_REPAYMENTS": 128,
    "INCONSISTENT_SCHEDULE_PRINCIPAL_DUE_WITH_LOAN_AMOUNT": 132,
    "INVALID_ID": 149,
    "INVALID_CLIENT_ID": 301,
    "INVALID_CURRENCY_CODE": 650,
    "BUY_RATE_GREATER_THAN_SELL_RATE": 656,
    "INVALID_BRANCH_ID": 800,
    "INVALID_CUSTOM_FIELD_ID": 903,
    "INVALID_CUSTOM_FIELD_GROUP_INDEX": 916,
    "INVALID_DOCUMENT_ID": 970,
    "INCONSISTENT_EXTENSION_WITH_FILE_CONTENT": 973,
    "INVALID_INDEX_RATE_START_DATE": 1302,
    "CLIENT_DOES_NOT_HAVE_EXITED_STATE": 3760,
}

#: [INFERRED] The sources name these reasons (clients.json RestError enum) without their numeric code;
#: the fake uses these codes so that every body carries an integer ``errorCode``. Code on the reason,
#: not on these numbers.
INFERRED_CODES: dict[str, int] = {
    "OBJECT_NOT_FOUND": 29,
    "MISSING_ENTITY_JSON": 30,
    "MISSING_REQUIRED_PARAMETER": 31,
    "INVALID_GROUP_ID": 302,
    "INVALID_CLIENT_KEY": 303,
    "INVALID_CLIENT_STATE": 304,
    "CLIENT_HAS_ACCOUNTS": 308,
    "CLIENT_ID_ALREADY_IN_USE": 309,
    "GROUP_ID_ALREADY_IN_USE": 310,
    "GROUP_HAS_ACCOUNTS": 311,
    "MULTIPLE_GROUP_MEMBERSHIP": 312,
    "CLIENT_IS_MEMBER_OF_A_GROUP": 313,
    "INVALID_DEPOSIT_ACCOUNT_ID": 400,
    "INVALID_SAVINGS_ACCOUNT_ID": 401,
    "ACCOUNT_ID_ALREADY_IN_USE": 402,
    "ACCOUNT_HAS_TRANSACTIONS": 403,
    "INVALID_DEPOSIT_ACCOUNT_STATE": 404,
    "INVALID_SAVINGS_ACCOUNT_STATE_TRANSITION": 405,
    "INVALID_PRODUCT_ID": 500,
    "INVALID_PRODUCT_KEY": 501,
    "PRODUCT_ID_ALREADY_IN_USE": 502,
    "PRODUCT_HAS_ASSOCIATED_ACCOUNTS": 503,
    "INVALID_PRODUCT_TYPE": 504,
    "INVALID_PRODUCT_STATE": 505,
    "INVALID_USER_ID": 700,
    "INVALID_USER_NAME": 701,
    "USERNAME_ALREADY_EXISTS": 702,
    "INVALID_USER_ROLE_KEY": 703,
    "ROLE_ID_ALREADY_IN_USE": 704,
    "INVALID_BRANCH_KEY": 801,
    "INVALID_CENTRE_ID": 802,
    "INVALID_CENTRE_KEY": 803,
    "INVALID_CUSTOM_FIELD_SET_ID": 904,
    "INCONSISTENT_VALUE_WITH_CUSTOM_FIELD_TYPE": 905,
    "INCONSISTENT_VALUE_WITH_SET_TYPE": 906,
    "ENCODED_KEY_MUST_BE_EMPTY_ON_CREATE": 950,
    "HAS_DOCUMENT_ATTACHED": 971,
    "INVALID_FILE_EXTENSION": 976,
    "HAS_TASK_ATTACHED": 1004,
    "INVALID_TASK_ID": 1000,
    "INVALID_TASK_STATUS": 1001,
    "TRANSACTION_NOT_FOUND": 1100,
    "ACCOUNT_HOLDER_NOT_FOUND": 1101,
    "INVALID_FILTER_SELECTION": 1200,
    "INVALID_FILTER_ELEMENT": 1201,
    "INVALID_FILTER_VALUE": 1202,
    "INVALID_FILTER_SECOND_VALUE": 1203,
    "INVALID_FILTER_VALUES": 1204,
    "INVALID_SORTING_COLUMN": 1210,
    "COLUMN_NOT_SORTABLE": 1211,
    "INVALID_SORTING_ORDER": 1212,
    "INVALID_DATE": 1300,
    "DUPLICATE_ENCODED_KEY": 1301,
}


def code_for(reason: str) -> int:
    """The ``errorCode`` the fake sends with ``reason``."""
    return REASON_CODES.get(reason, INFERRED_CODES.get(reason, REASON_CODES["INVALID_PARAMETERS"]))


class ApiError(Exception):
    """A failure the fake answers with ``status`` and ``{"errors": [...]}``.

    ``errors`` holds ``(reason, source)`` pairs; ``headers`` adds response headers (``Retry-After``).
    """

    def __init__(
        self,
        status: int,
        errors: Sequence[tuple[str, str | None]],
        *,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.status = status
        self.errors = list(errors)
        self.headers = dict(headers or {})
        super().__init__(f"{status} " + ", ".join(reason for reason, _ in self.errors))

    def body(self) -> dict[str, Any]:
        """The Mambu error body."""
        entries: list[dict[str, Any]] = []
        for reason, source in self.errors:
            entry: dict[str, Any] = {"errorCode": code_for(reason), "errorReason": reason}
            if source:
                entry["errorSource"] = source
            entries.append(entry)
        return {"errors": entries}


def api_error(status: int, reason: str, source: str | None = None) -> ApiError:
    """An :class:`ApiError` with one entry (``raise api_error(400, "INVALID_PARAMETERS", "...")``)."""
    return ApiError(status, [(reason, source)])


def bad_request(reason: str, source: str | None = None) -> ApiError:
    """A 400 with one entry."""
    return api_error(400, reason, source)


def not_found(reason: str, source: str | None = None) -> ApiError:
    """A 404 with one entry."""
    return api_error(404, reason, source)
