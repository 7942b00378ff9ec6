"""On the wire: sending and resending communication messages, a holder's credit arrangements, one GL
account's journal entries, a new index rate, anonymizing a client and reading an image."""

from __future__ import annotations

import base64
import datetime as dt
from decimal import Decimal

import httpx
import pytest
import respx
from wire_helpers import body_of, query_of

from mambu_async import MambuBadRequestError, MambuConnectionError, MambuConnectorREST

V2 = "application/vnd.mambu.v2+json"


async def test_send_posts_the_message_with_an_idempotency_key(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.post("/communications/messages").respond(201, json={"encodedKey": "m1", "state": "SENT"})
    sent = await conn.mambu_send_communication(
        {"type": "EMAIL", "clientKey": "C1", "body": "Hello"},
        idempotency_key="5d7e8f2c-1111-4aaa-8bbb-000000000001",
    )
    assert sent == {"encodedKey": "m1", "state": "SENT"}
    request = route.calls.last.request
    assert request.headers["Accept"] == V2 and request.headers["Content-Type"] == "application/json"
    assert request.headers["Idempotency-Key"] == "5d7e8f2c-1111-4aaa-8bbb-000000000001"
    assert body_of(request) == {"type": "EMAIL", "clientKey": "C1", "body": "Hello"}


async def test_resend_names_messages_by_key_and_is_sent_once(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.post("/communications/messages:resend").respond(202)
    assert await conn.mambu_resend_communications(["k1", "k2"]) is None
    request = route.calls.last.request
    assert body_of(request) == {"messages": [{"encodedKey": "k1"}, {"encodedKey": "k2"}]}
    assert "Idempotency-Key" not in request.headers
    route.reset()
    lost = route.mock(side_effect=httpx.ReadTimeout("lost"))
    with pytest.raises(MambuConnectionError):
        await conn.mambu_resend_communications(["k1"])
    assert lost.call_count == 1


async def test_holder_credit_arrangements_page_with_mambus_names(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.get("/groups/G%2F1/creditarrangements").respond(200, json=[{"id": "A1"}])
    assert await conn.mambu_get_credit_arrangements("groups", "G/1", 5, 10, "FULL") == [{"id": "A1"}]
    assert query_of(route.calls.last.request) == [("detailsLevel", "FULL"), ("offset", "5"), ("limit", "10")]


async def test_gl_journal_entries_are_a_v2_search(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.post("/gljournalentries:search").respond(200, json=[])
    assert await conn.mambu_get_gl_journal_entries("11100", dt.date(2020, 6, 1), "2020-08-31", 0, 50) == []
    request = route.calls.last.request
    assert query_of(request) == [("offset", "0"), ("limit", "50")]
    assert body_of(request) == {
        "filterCriteria": [
            {"field": "glAccountId", "operator": "EQUALS", "value": "11100"},
            {
                "field": "bookingDate",
                "operator": "BETWEEN",
                "value": "2020-06-01",
                "secondValue": "2020-08-31",
            },
        ],
        "sortingCriteria": {"field": "entryId", "order": "ASC"},
    }


async def test_index_rate_body_keeps_the_rates_digits(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.post("/indexratesources/EURIBOR/indexrates").respond(201, json={"encodedKey": "r1"})
    await conn.mambu_create_index_rate(
        "EURIBOR", Decimal("-0.03256"), dt.date(2020, 4, 16), "Euribor Apr 2020"
    )
    request = route.calls.last.request
    assert request.headers["Idempotency-Key"]
    assert body_of(request) == {"rate": "-0.03256", "startDate": "2020-04-16", "notes": "Euribor Apr 2020"}


async def test_anonymize_is_a_v1_action(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.post("/clients/C1/action").respond(200, json={"returnCode": 0, "returnStatus": "SUCCESS"})
    assert await conn.mambu_anonymize_client("C1") == {"returnCode": 0, "returnStatus": "SUCCESS"}
    request = route.calls.last.request
    assert request.headers["Accept"] == "application/json" and "Idempotency-Key" not in request.headers
    assert body_of(request) == {"action": "ANONYMIZE"}
    mock.post("/clients/C2/action").respond(
        400, json={"returnCode": 3760, "returnStatus": "CLIENT_DOES_NOT_HAVE_EXITED_STATE"}
    )
    with pytest.raises(MambuBadRequestError) as caught:
        await conn.mambu_anonymize_client("C2")
    assert caught.value.errors[0].code == 3760
    assert caught.value.errors[0].reason == "CLIENT_DOES_NOT_HAVE_EXITED_STATE"


async def test_image_is_decoded_from_base64(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.get("/images/8a19b6").respond(200, json=base64.b64encode(b"\x89PNG-bytes").decode())
    assert await conn.mambu_get_image("8a19b6", "SMALL_THUMB") == b"\x89PNG-bytes"
    request = route.calls.last.request
    assert request.headers["Accept"] == "application/json"
    assert query_of(request) == [("size", "SMALL_THUMB")]
    mock.get("/images/missing").respond(
        400,
        json={
            "errorSource": "picture key is required",
            "returnCode": 4,
            "returnStatus": "INVALID_PARAMETERS",
        },
    )
    with pytest.raises(MambuBadRequestError) as caught:
        await conn.mambu_get_image("missing")
    assert caught.value.errors[0].source == "picture key is required"
