"""Bodies of action and transaction requests checked against their input definitions in Mambu's OpenAPI.

Creates, full updates and patches are checked by the entity kinds (:mod:`mambu_async.testing.schema`);
this module does the same for the POST operations that take an input document rather than an entity
(``:changeState``, ``:payOff``, ``:startMaturity``, deposit transactions, ``:adjust``). Without it a
body with a number where the spec says string (``notes``, ``transactionDetails.transactionChannelKey``)
or a malformed ``bookingDate`` was accepted, stored and echoed back in a response that breaks the
schema. Mambu answers every problem at once with 400 (``INVALID_PARAMETERS``, ``INVALID_DATE``).

:func:`install` runs for every new FakeMambu (listed in the backend's extension modules, after the
banking rules): it wraps the routes of :data:`ACTION_BODIES` so the check runs before the handler.
Bodies that are absent or not a JSON object are left to the handler (it owns those answers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mambu_async.testing.apierror import ApiError
from mambu_async.testing.schema import Schema

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu
    from mambu_async.testing.messages import FakeRequest, FakeResponse
    from mambu_async.testing.router import Handler

__all__ = ["ACTION_BODIES", "install"]

ACTION_BODIES: dict[tuple[str, str], tuple[str, str]] = {
    ("POST", "/loans/{id}:changeState"): ("loans", "LoanAccountAction"),
    ("POST", "/loans/{id}:payOff"): ("loans", "LoanAccountPayOffInput"),
    ("POST", "/deposits/{id}:changeState"): ("deposit_accounts", "DepositAccountAction"),
    ("POST", "/deposits/{id}:startMaturity"): ("deposit_accounts", "StartMaturityAction"),
    ("POST", "/deposits/{id}/deposit-transactions"): ("deposit_transactions", "DepositTransactionInput"),
    ("POST", "/deposits/{id}/withdrawal-transactions"): (
        "deposit_transactions",
        "WithdrawalDepositTransactionInput",
    ),
    ("POST", "/deposits/{id}/transfer-transactions"): (
        "deposit_transactions",
        "TransferDepositTransactionInput",
    ),
    ("POST", "/deposits/{id}/fee-transactions"): (
        "deposit_transactions",
        "FeeAppliedDepositTransactionInput",
    ),
    ("POST", "/deposits/transactions/{id}:adjust"): (
        "deposit_transactions",
        "DepositTransactionAdjustmentDetails",
    ),
}
"""Route (method, fake template) → (OpenAPI file, input definition)."""


def install(fake: FakeMambu) -> None:
    """Check the bodies of the routes of :data:`ACTION_BODIES` that ``fake`` serves."""
    for route in fake.router.routes():
        target = ACTION_BODIES.get((route.method, route.template))
        if target is not None:
            fake.router.add(route.method, route.template, _checked(Schema.from_file(*target), route.handler))


def _checked(schema: Schema, handler: Handler) -> Handler:
    def checked(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        if request.body and request.body.strip():
            body = request.json()
            if isinstance(body, dict):
                schema.coerce_numbers(body)  # numbers sent as strings pass, as on Mambu; handlers read them
                problems = schema.check(body, None)
                if problems:
                    raise ApiError(400, problems)
        return handler(fake, request)

    return checked
