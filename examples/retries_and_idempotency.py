"""Retries and idempotency, shown on a fake tenant with scripted faults (runs as is, no server needed).

- a 429 with ``Retry-After`` and a 503 are retried after waiting (``sleep`` is injectable; tests pass one
  that returns at once);
- a repayment whose response is lost after Mambu booked it is retried with the same ``Idempotency-Key``,
  and booked once;
- ``with_options(max_retries=0)`` makes one call fail fast instead of retrying;
- ``idempotency_key=`` (or ``use_idempotency_key``) lets you retry a write yourself, later, safely.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from decimal import Decimal

import httpx

from mambu_async import MambuConnectorREST, MambuLoan, MambuServerError
from mambu_async.testing import FakeMambu, emulator_app
from mambu_async.testing.factories import build_demo_tenant
from mambu_async.testing.faults import FaultTransport, lose_response, rate_limited, server_error


async def main(sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> dict[str, int]:
    """Run the demonstration; how many repayments the loan ended up with, per step."""
    fake = FakeMambu()
    build_demo_tenant(fake, clients=20, loans=20, deposits=5, seed=1)
    transport = FaultTransport(httpx.ASGITransport(app=emulator_app(fake)), fake.faults)
    seen: dict[str, int] = {}

    def repayments() -> int:
        return sum(
            1
            for t in fake.store["loantransactions"].values()
            if t.get("parentAccountKey") == loan.encoded_key and t.get("type") == "REPAYMENT"
        )

    async with MambuConnectorREST(
        "http://127.0.0.1:8889", api_key=fake.api_key, transport=transport, sleep=sleep
    ) as mambu:
        fake.faults.add(rate_limited(retry_after=1), method="GET", path="/loans/*", times=1)
        fake.faults.add(server_error(503), method="GET", path="/loans/*", times=1)
        loan = await MambuLoan.get("L000004", connector=mambu)  # two retries, then the loan
        seen["before"] = repayments()

        fake.faults.add(lose_response(), method="POST", path="/loans/*/repayment-transactions", times=1)
        await loan.repay(Decimal("25.00"), "lost response, retried once")
        seen["after a lost response"] = repayments()

        fake.faults.add(server_error(503), method="GET", path="/loans/*", times=1)
        try:
            await mambu.with_options(max_retries=0).mambu_get("L000004", "loans")
        except MambuServerError as exc:
            print(f"no retry asked, so the 503 is raised at once: {exc}")

        key = str(uuid.uuid4())  # keep it with your own record of the payment
        await loan.repay(Decimal("10.00"), "counter payment 1234", idempotency_key=key)
        await loan.repay(Decimal("10.00"), "counter payment 1234", idempotency_key=key)  # replayed
        seen["after the same key twice"] = repayments()
    for step, count in seen.items():
        print(f"repayments {step}: {count}")
    return seen


if __name__ == "__main__":
    asyncio.run(main())
