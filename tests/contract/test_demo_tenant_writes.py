"""What MambuPy does to the demo tenant works on both fronts: disburse an approved loan with the dates
its disbursement details plan, update a client sending back the dates it read."""

from __future__ import annotations

import datetime as dt

from mambu_async.testing import FakeMambu
from mambu_async.testing.factories import build_demo_tenant

from .conftest import Raw

NOW = dt.datetime(2026, 12, 3, 8, 39, 11, tzinfo=dt.UTC)


async def test_approved_demo_loan_disburses_on_its_planned_dates(raw: Raw, mambu_fake: FakeMambu) -> None:
    mambu_fake.clock.set(NOW)
    build_demo_tenant(mambu_fake, clients=10, loans=10, deposits=0, groups=1)
    status, _, loan = await raw("GET", "/loans/L000003", params=[("detailsLevel", "FULL")])
    assert status == 200 and loan["accountState"] == "APPROVED"
    details = loan["disbursementDetails"]
    # MambuPy's MambuLoan.disburse(notes): both dates come from the disbursement details.
    sent = {
        "notes": "disbursed",
        "valueDate": details["expectedDisbursementDate"],
        "firstRepaymentDate": details["firstRepaymentDate"],
    }
    status, _, tx = await raw("POST", "/loans/L000003/disbursement-transactions", json=sent)
    assert status == 201, tx
    status, _, loan = await raw("GET", "/loans/L000003")
    assert loan["accountState"] == "ACTIVE"
    assert loan["disbursementDetails"]["encodedKey"] == details["encodedKey"]


async def test_demo_client_update_with_the_dates_mambupy_writes(raw: Raw, mambu_fake: FakeMambu) -> None:
    mambu_fake.clock.set(NOW)
    build_demo_tenant(mambu_fake, clients=3, loans=0, deposits=0, groups=0)
    status, _, client = await raw("GET", "/clients/C000001", params=[("detailsLevel", "FULL")])
    assert status == 200
    for name in ("creationDate", "lastModifiedDate", "approvedDate", "activationDate"):
        client[name] = client[name].replace("+00:00", "UTC")
    client["lastName"] = "Updated"
    status, _, updated = await raw("PUT", "/clients/C000001", json=client)
    assert status == 200, updated
    assert updated["lastName"] == "Updated" and updated["creationDate"].endswith("+00:00")
