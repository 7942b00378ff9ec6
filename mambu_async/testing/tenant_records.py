"""Records of the tenant-wide kinds (holidays, credit arrangements, GL accounts and journal entries,
interest accruals, index rates, communication messages, cards and authorization holds) for a tenant that
already holds clients, loans and deposits: what the demo tenant adds so a bulk extractor finds every
stream with records, and what tests seed.

Everything goes through ``fake.create`` (the fake's own rules); the records are deterministic for a given
tenant. Counts stay small (at most ``limit`` per kind) whatever the tenant's size.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

GL_CODES = {"ASSET": "1000", "LIABILITY": "2000", "EQUITY": "3000", "INCOME": "4000", "EXPENSE": "5000"}
"""The demo chart of accounts: one GL account per type, by ``glCode``."""


def seed_tenant_records(fake: FakeMambu, *, limit: int = 20) -> None:
    """Add records of every tenant-wide kind to ``fake``; once per tenant (GL codes and the index rate
    source id are unique)."""
    today = fake.clock.today()
    tz = fake.clock.now().tzinfo
    year = today.year
    for name, month, day in (("New Year", 1, 1), ("Labour Day", 5, 1), ("Christmas", 12, 25)):
        fake.create(
            "holidays",
            {"name": name, "date": dt.date(year, month, day).isoformat(), "isAnnuallyRecurring": True},
        )
    gl = {
        kind: fake.create("glaccounts", {"glCode": code, "name": f"{kind.title()} account", "type": kind})
        for kind, code in GL_CODES.items()
    }
    source = fake.create("indexratesources", {"id": "EURIBOR", "name": "Euribor 3M", "type": "INTEREST_RATE"})
    for months, text in ((3, "3.25"), (2, "3.50"), (1, "3.75")):
        start = dt.datetime.combine(today - dt.timedelta(days=30 * months), dt.time(), tzinfo=tz)
        fake.create(
            "indexrates",
            {
                "rate": Decimal(text),
                "startDate": start.isoformat(timespec="seconds"),
                "assignedIndexRateSourceKey": source["encodedKey"],
            },
        )
    clients = fake.store["clients"].values()[:limit]
    loans = fake.store["loans"].values()
    deposits = [d for d in fake.store["deposits"].values() if d.get("accountHolderType") == "CLIENT"][:limit]
    for index, client in enumerate(clients):
        fake.create(
            "communicationmessages",
            {
                "type": "EMAIL" if index % 2 == 0 else "SMS",
                "state": "SENT" if index % 5 else "FAILED",
                "event": "CLIENT_CREATED",
                "clientKey": client["encodedKey"],
                "subject": "Welcome",
                "body": f"Welcome, {client.get('firstName', 'client')}",
                "destination": client.get("emailAddress") or "+351900000000",
                "sendDate": fake.clock.iso(),
            },
        )
    linked = next((loan for loan in loans if loan.get("accountHolderType") == "CLIENT"), None)
    if linked is not None:
        arrangement = fake.create(
            "creditarrangements",
            {
                "amount": Decimal(linked.get("loanAmount") or 0) * 2 + Decimal("0.50"),
                "holderType": "CLIENT",
                "holderKey": linked["accountHolderKey"],
                "startDate": fake.clock.iso(),
                "expireDate": (fake.clock.now() + dt.timedelta(days=730)).isoformat(timespec="seconds"),
                "notes": "Demo credit line",
            },
        )
        fake.store["loans"].put({**linked, "creditArrangementKey": arrangement["encodedKey"]})
    for tx in fake.store["loantransactions"].values()[:limit]:
        amount = Decimal(tx.get("amount") or 0)
        debit, credit = ("ASSET", "LIABILITY") if tx.get("type") == "DISBURSEMENT" else ("LIABILITY", "ASSET")
        for side, kind in (("DEBIT", debit), ("CREDIT", credit)):
            fake.create(
                "gljournalentries",
                {
                    "glAccount": {"encodedKey": gl[kind]["encodedKey"]},
                    "type": side,
                    "amount": amount,
                    "transactionId": str(tx["id"]),
                    "accountKey": tx.get("parentAccountKey"),
                    "productType": "LOAN",
                    "bookingDate": tx.get("valueDate") or fake.clock.iso(),
                },
            )
    for loan in [loan for loan in loans if loan.get("accountState") in ("ACTIVE", "ACTIVE_IN_ARREARS")][
        :limit
    ]:
        rate = Decimal((loan.get("interestSettings") or {}).get("interestRate") or 0)
        amount = (Decimal(loan.get("loanAmount") or 0) * rate / Decimal(36500)).quantize(Decimal("0.01"))
        for side, kind in (("DEBIT", "ASSET"), ("CREDIT", "INCOME")):
            fake.create(
                "interestaccruals",
                {
                    "entryType": side,
                    "amount": amount,
                    "glAccountKey": gl[kind]["encodedKey"],
                    "accountId": loan["id"],
                    "accountKey": loan["encodedKey"],
                    "productKey": loan.get("productTypeKey"),
                    "productType": "LOAN",
                    "bookingDate": today.isoformat(),
                },
            )
    for index, deposit in enumerate(deposits):
        token = f"card-{deposit['id']}"
        fake.create("cards", {"referenceToken": token, "accountKey": deposit["encodedKey"]})
        fake.create(
            "authorizationholds",
            {
                "externalReferenceId": f"hold-{deposit['id']}",
                "cardToken": token,
                "amount": Decimal("12.34") + index,
                "advice": False,
                "status": "PENDING" if index % 3 else "SETTLED",
                "userTransactionTime": fake.clock.iso(),
                "cardAcceptor": {"name": "Corner shop", "city": "Lisbon", "country": "PRT", "mcc": 5411},
            },
        )
