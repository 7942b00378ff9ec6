"""Every write operation on the wire: method, path, headers (Content-Type, Idempotency-Key) and body."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from wire_helpers import body_of

from mambu_async import MambuConnectorREST
from mambu_async.connector.retry import use_idempotency_key

CET = dt.timezone(dt.timedelta(hours=1))


def assert_post_write(request: httpx.Request) -> str:
    """A POST write: JSON content type and a UUID4 idempotency key (returned)."""
    assert request.method == "POST"
    assert request.headers["Accept"] == "application/vnd.mambu.v2+json"
    assert request.headers["Content-Type"] == "application/json"
    key = request.headers["Idempotency-Key"]
    assert uuid.UUID(key).version == 4
    return key


async def test_update_puts_the_whole_document(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.put("/clients/C%2F1").respond(200, json={"id": "C/1", "firstName": "Ana"})
    document: dict[str, Any] = {
        "id": "C/1",
        "firstName": "Ana",
        "birthDate": dt.date(1990, 5, 17),
        "_Personal": {"income": Decimal("1234.5678")},
    }
    assert await conn.mambu_update("C/1", "clients", document) == {"id": "C/1", "firstName": "Ana"}
    request = route.calls.last.request
    assert request.method == "PUT"
    assert request.headers["Content-Type"] == "application/json"
    assert "Idempotency-Key" not in request.headers
    assert body_of(request) == {
        "id": "C/1",
        "firstName": "Ana",
        "birthDate": "1990-05-17",
        "_Personal": {"income": "1234.5678"},
    }
    assert b'"income":1234.5678' in request.content


async def test_create_posts_with_an_idempotency_key(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.post("/clients").respond(201, json={"id": "C9", "encodedKey": "8a1"})
    created = await conn.mambu_create("clients", {"firstName": "Ana", "lastName": "Diaz"})
    request = route.calls.last.request
    assert request.url.raw_path == b"/api/clients"
    assert_post_write(request)
    assert body_of(request) == {"firstName": "Ana", "lastName": "Diaz"}
    assert created == {"id": "C9", "encodedKey": "8a1"}


async def test_each_call_gets_its_own_key(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.post("/clients").respond(201, json={})
    await conn.mambu_create("clients", {"firstName": "A"})
    await conn.mambu_create("clients", {"firstName": "B"})
    first, second = (call.request.headers["Idempotency-Key"] for call in route.calls)
    assert first != second


async def test_caller_chooses_the_key(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.post("/loans/L1/repayment-transactions").respond(201, json={})
    key = str(uuid.uuid4())
    await conn.mambu_make_repayment("L1", Decimal("10"), idempotency_key=key)
    assert route.calls.last.request.headers["Idempotency-Key"] == key
    other = str(uuid.uuid4())
    with use_idempotency_key(other):
        await conn.mambu_make_repayment("L1", Decimal("10"))
    assert route.calls.last.request.headers["Idempotency-Key"] == other


async def test_patch_upper_cases_ops_and_prefixes_paths(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.patch("/loans/L1").respond(204)
    result = await conn.mambu_patch(
        "L1",
        "loans",
        [
            ("replace", "loanName", "New name"),
            ("add", "/_Extra/nickname", "Bob"),
            ("remove", "notes"),
            {"op": "move", "path": "/a", "from": "b"},
        ],
    )
    assert result is None
    request = route.calls.last.request
    assert request.method == "PATCH"
    assert request.headers["Content-Type"] == "application/json"
    assert "Idempotency-Key" not in request.headers
    assert body_of(request) == [
        {"op": "REPLACE", "path": "/loanName", "value": "New name"},
        {"op": "ADD", "path": "/_Extra/nickname", "value": "Bob"},
        {"op": "REMOVE", "path": "/notes"},
        {"op": "MOVE", "path": "/a", "from": "/b"},
    ]


async def test_delete_sends_no_body(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.delete("/deposits/D%201").respond(204)
    assert await conn.mambu_delete("D 1", "deposits") is None
    request = route.calls.last.request
    assert request.method == "DELETE"
    assert request.content == b""
    assert "Content-Type" not in request.headers
    assert "Idempotency-Key" not in request.headers


async def test_upload_document_is_multipart(
    mock: respx.MockRouter, conn: MambuConnectorREST, tmp_path: Path
) -> None:
    route = mock.post("/documents").respond(201, json={"id": 5, "name": "ID card"})
    source = tmp_path / "idcard.pdf"
    source.write_bytes(b"%PDF-1.4 data")
    result = await conn.mambu_upload_document("CLIENT", "C1", source, "ID card", notes="front side")
    assert result == {"id": 5, "name": "ID card"}
    request = route.calls.last.request
    assert request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert uuid.UUID(request.headers["Idempotency-Key"]).version == 4
    content = request.content
    for field, value in (
        ("ownerType", b"CLIENT"),
        ("id", b"C1"),
        ("name", b"ID card"),
        ("notes", b"front side"),
    ):
        assert f'name="{field}"'.encode() + b"\r\n\r\n" + value in content
    assert b'name="file"; filename="idcard.pdf"' in content
    assert b"Content-Type: application/pdf" in content
    assert b"%PDF-1.4 data" in content


async def test_upload_document_from_bytes_needs_a_file_name(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.post("/documents").respond(201, json={})
    await conn.mambu_upload_document("LOAN_ACCOUNT", "L1", b"a,b\n1,2\n", "Table", file_name="table.csv")
    content = route.calls.last.request.content
    assert b'filename="table.csv"' in content
    assert b'name="notes"' not in content


async def test_delete_document(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.delete("/documents/8a8e1").respond(200, json={"returnCode": 0, "returnStatus": "SUCCESS"})
    assert await conn.mambu_delete_document("8a8e1") == {"returnCode": 0, "returnStatus": "SUCCESS"}
    assert "Idempotency-Key" not in route.calls.last.request.headers


async def test_change_state(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.post("/loans/L1:changeState").respond(200, json={"accountState": "APPROVED"})
    assert await conn.mambu_change_state("L1", "loans", "APPROVE", "ok by me") == {"accountState": "APPROVED"}
    request = route.calls.last.request
    assert request.url.raw_path == b"/api/loans/L1:changeState"
    assert_post_write(request)
    assert body_of(request) == {"action": "APPROVE", "notes": "ok by me"}


async def test_change_state_of_a_credit_arrangement_nests_the_notes(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.post("/creditarrangements/CA1:changeState").respond(200, json={})
    await conn.mambu_change_state("CA1", "creditarrangements", "APPROVE", "fine")
    assert body_of(route.calls.last.request) == {"action": "APPROVE", "actionDetails": {"notes": "fine"}}


async def test_generic_action(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.post("/deposits/D1:startMaturity").respond(200, json={"accountState": "MATURED"})
    await conn.mambu_action("D1", "deposits", "startMaturity", {"maturityDate": dt.date(2025, 1, 31)})
    request = route.calls.last.request
    assert_post_write(request)
    assert body_of(request) == {"maturityDate": "2025-01-31"}


async def test_generic_action_without_body(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.post("/deposits/D1:undoMaturity").respond(204)
    assert await conn.mambu_action("D1", "deposits", "undoMaturity") is None
    request = route.calls.last.request
    assert request.content == b""
    assert "Content-Type" not in request.headers
    assert "Idempotency-Key" in request.headers


async def test_comment(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.post("/comments").respond(201, json={"text": "hi"})
    await conn.mambu_comment("C1", "CLIENT", "hi <b>there</b>")
    request = route.calls.last.request
    assert_post_write(request)
    assert body_of(request) == {"ownerKey": "C1", "ownerType": "CLIENT", "text": "hi <b>there</b>"}


async def test_writeoff(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.post("/loans/L1:writeOff").respond(200, json={})
    await conn.mambu_loanaccount_writeoff("L1", "uncollectable")
    assert_post_write(route.calls.last.request)
    assert body_of(route.calls.last.request) == {"notes": "uncollectable"}


async def test_disbursement_keeps_the_documented_argument_order(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.post("/loans/L1/disbursement-transactions").respond(201, json={"type": "DISBURSEMENT"})
    await conn.mambu_make_disbursement(
        "L1",
        dt.date(2024, 2, 1),
        "first",
        dt.datetime(2024, 1, 2, 10, 0, tzinfo=CET),
        None,
        amount=Decimal("1000.00"),
        transactionDetails={"transactionChannelId": "cash"},
    )
    request = route.calls.last.request
    assert_post_write(request)
    assert body_of(request) == {
        "firstRepaymentDate": "2024-02-01",
        "notes": "first",
        "valueDate": "2024-01-02T10:00:00+01:00",
        "amount": "1000.00",
        "transactionDetails": {"transactionChannelId": "cash"},
    }


async def test_repayment(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.post("/loans/L1/repayment-transactions").respond(201, json={"amount": 150.75})
    result = await conn.mambu_make_repayment(
        "L1", "150.75", "pay", "2024-03-01T00:00:00+02:00", ["externalId"], externalId="X-1"
    )
    assert result == {"amount": Decimal("150.75")}
    assert body_of(route.calls.last.request) == {
        "amount": "150.75",
        "notes": "pay",
        "valueDate": "2024-03-01T00:00:00+02:00",
        "externalId": "X-1",
    }
    assert b'"amount":150.75' in route.calls.last.request.content


async def test_loan_fee(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.post("/loans/L1/fee-transactions").respond(201, json={})
    await conn.mambu_make_fee("L1", Decimal("5"), 2, "late", dt.date(2024, 4, 1))
    assert_post_write(route.calls.last.request)
    assert body_of(route.calls.last.request) == {
        "amount": 5,
        "installmentNumber": 2,
        "notes": "late",
        "valueDate": "2024-04-01",
    }


async def test_loan_transaction_adjust(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.post("/loans/transactions/T%231:adjust").respond(200, json={})
    await conn.mambu_loantransaction_adjust("T#1", "wrong amount")
    request = route.calls.last.request
    assert request.url.raw_path == b"/api/loans/transactions/T%231:adjust"
    assert_post_write(request)
    assert body_of(request) == {"notes": "wrong amount"}


@pytest.mark.parametrize(
    ("method", "kind"),
    [("mambu_make_deposit", "deposit"), ("mambu_make_withdrawal", "withdrawal")],
)
async def test_deposit_and_withdrawal(
    mock: respx.MockRouter, conn: MambuConnectorREST, method: str, kind: str
) -> None:
    route = mock.post(f"/deposits/D1/{kind}-transactions").respond(201, json={"type": kind.upper()})
    await getattr(conn, method)(
        "D1",
        Decimal("250.10"),
        "cash in",
        dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.UTC),
        externalId="E-7",
        transactionDetails={"transactionChannelId": "cash"},
        bookingDate="2024-05-01T09:30:00+00:00",
    )
    request = route.calls.last.request
    assert_post_write(request)
    assert body_of(request) == {
        "amount": "250.10",
        "notes": "cash in",
        "valueDate": "2024-05-01T09:30:00+00:00",
        "externalId": "E-7",
        "transactionDetails": {"transactionChannelId": "cash"},
        "bookingDate": "2024-05-01T09:30:00+00:00",
    }


async def test_transfer(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.post("/deposits/D1/transfer-transactions").respond(201, json={})
    await conn.mambu_make_transfer(
        "D1", Decimal("20"), {"linkedAccountType": "DEPOSIT", "linkedAccountId": "D2"}, "move"
    )
    assert_post_write(route.calls.last.request)
    assert body_of(route.calls.last.request) == {
        "amount": 20,
        "transferDetails": {"linkedAccountType": "DEPOSIT", "linkedAccountId": "D2"},
        "notes": "move",
    }


async def test_deposit_fee_with_a_predefined_fee(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.post("/deposits/D1/fee-transactions").respond(201, json={})
    await conn.mambu_make_deposit_fee("D1", notes="monthly", predefinedFeeKey="8a8f")
    assert_post_write(route.calls.last.request)
    assert body_of(route.calls.last.request) == {"notes": "monthly", "predefinedFeeKey": "8a8f"}


async def test_deposit_transaction_adjust(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.post("/deposits/transactions/T1:adjust").respond(200, json={"type": "ADJUSTMENT"})
    await conn.mambu_deposittransaction_adjust("T1", "typo", bookingDate=dt.datetime(2024, 6, 1, tzinfo=CET))
    assert_post_write(route.calls.last.request)
    assert body_of(route.calls.last.request) == {"notes": "typo", "bookingDate": "2024-06-01T00:00:00+01:00"}
