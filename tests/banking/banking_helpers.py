"""Helpers for driving FakeMambu's banking rules through its dispatch entry point (fixtures in conftest)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from mambu_async import _json
from mambu_async.testing.backend import FakeMambu

Call = Callable[..., tuple[int, Any]]


def caller(fake: FakeMambu) -> Call:
    """``call(method, path, body=None, headers=None) -> (status, decoded body)``."""

    def do(
        method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, Any]:
        raw = _json.dumps(body) if body is not None else None
        response = fake.dispatch(method, path, (), {**fake.auth_headers(), **(headers or {})}, raw)
        return response.status, (_json.loads(response.body) if response.body else None)

    return do


def seed_loan(fake: FakeMambu, **overrides: Any) -> dict[str, Any]:
    """Put a pending loan straight into the store (independent of the core's POST /loans)."""
    loan: dict[str, Any] = {
        "encodedKey": fake.new_key(),
        "id": overrides.pop("id", "L1"),
        "accountHolderKey": "c" * 32,
        "accountHolderType": "CLIENT",
        "productTypeKey": "p" * 32,
        "loanAmount": Decimal("1200"),
        "accountState": "PENDING_APPROVAL",
        "scheduleSettings": {
            "gracePeriod": 0,
            "repaymentInstallments": 12,
            "repaymentPeriodCount": 1,
            "repaymentPeriodUnit": "MONTHS",
        },
        "interestSettings": {"interestRate": Decimal("12"), "interestCalculationMethod": "DECLINING_BALANCE"},
        "creationDate": fake.clock.iso(),
        "lastModifiedDate": fake.clock.iso(),
    }
    loan.update(overrides)
    with fake.store.atomic():
        fake.store["loans"].put(loan)
    return loan


def seed_deposit(fake: FakeMambu, **overrides: Any) -> dict[str, Any]:
    deposit: dict[str, Any] = {
        "encodedKey": fake.new_key(),
        "id": overrides.pop("id", "D1"),
        "accountHolderKey": "c" * 32,
        "accountHolderType": "CLIENT",
        "productTypeKey": "q" * 32,
        "name": "Savings",
        "accountType": "CURRENT_ACCOUNT",
        "accountState": "PENDING_APPROVAL",
        "currencyCode": "EUR",
        "balances": {
            "totalBalance": Decimal(0),
            "availableBalance": Decimal(0),
            "lockedBalance": Decimal(0),
            "holdBalance": Decimal(0),
        },
        "creationDate": fake.clock.iso(),
    }
    deposit.update(overrides)
    with fake.store.atomic():
        fake.store["deposits"].put(deposit)
    return deposit


def reason(body: Any) -> str:
    return str(body["errors"][0]["errorReason"])
