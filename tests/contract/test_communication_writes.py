"""Sending and resending communication messages (seed 001) on both connectors and through the entity."""

from __future__ import annotations

from typing import Any

import pytest

from mambu_async import (
    MambuBadRequestError,
    MambuCommunicationMessage,
    MambuNotFoundError,
    MambuValidationError,
)
from mambu_async.testing import FakeMambu

from .conftest import Raw


@pytest.fixture
def people(mambu_fake: FakeMambu) -> FakeMambu:
    mambu_fake.create(
        "clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez", "emailAddress": "ana@example.org"}
    )
    mambu_fake.create("clients", {"id": "C2", "firstName": "Bob", "lastName": "Brown"})
    return mambu_fake


def _reason(caught: pytest.ExceptionInfo[Any]) -> str:
    return str(caught.value.errors[0].reason)


async def test_send_delivers_to_the_recipients_address(mambu_connector: Any, people: FakeMambu) -> None:
    c = mambu_connector
    sent = await c.mambu_send_communication(
        {"type": "EMAIL", "clientKey": "C1", "subject": "Statement", "body": "Your statement is ready"}
    )
    assert sent["state"] == "SENT" and sent["destination"] == "ana@example.org"
    assert sent["clientKey"] == people.get("clients", "C1")["encodedKey"] and sent["event"] == "MANUAL"
    assert sent["numRetries"] == 0 and sent["sendDate"] and sent["encodedKey"]
    assert await c.mambu_get(sent["encodedKey"], "communications/messages") == sent
    hook = await c.mambu_send_communication(
        {"type": "WEB_HOOK", "destination": "https://hooks.example.org/mambu", "body": "{}"}
    )
    assert hook["state"] == "SENT" and hook["destination"] == "https://hooks.example.org/mambu"
    failed = await c.mambu_send_communication({"type": "SMS", "clientKey": "C2", "body": "Hi Bob"})
    assert failed["state"] == "FAILED" and failed["failureReason"] == "UNDEFINED_DESTINATION"
    assert "sendDate" not in failed
    found = await c.mambu_search_communications([{"field": "state", "operator": "EQUALS", "value": "FAILED"}])
    assert [m["encodedKey"] for m in found] == [failed["encodedKey"]]


async def test_send_refusals(mambu_connector: Any, people: FakeMambu) -> None:
    c = mambu_connector
    with pytest.raises(MambuValidationError):
        await c.mambu_send_communication({"type": "TASK", "body": "x"})
    with pytest.raises(MambuBadRequestError) as caught:
        await c.mambu_send_communication({"type": "EMAIL", "clientKey": "C1", "body": " "})
    assert _reason(caught) == "INVALID_PARAMETERS"
    with pytest.raises(MambuBadRequestError) as caught:
        await c.mambu_send_communication({"type": "EMAIL", "clientKey": "C404", "body": "Hello"})
    assert _reason(caught) == "INVALID_CLIENT_ID"
    with pytest.raises(MambuBadRequestError) as caught:
        await c.mambu_send_communication({"type": "EMAIL", "clientKey": "C1", "body": "x", "state": "SENT"})
    assert _reason(caught) == "INVALID_PARAMETERS"
    assert await c.mambu_search_communications() == []


async def test_resend_delivers_failed_messages_again(mambu_connector: Any, people: FakeMambu) -> None:
    c = mambu_connector
    failed = await c.mambu_send_communication({"type": "EMAIL", "clientKey": "C2", "body": "Hi Bob"})
    assert await c.mambu_resend_communications([failed["encodedKey"]]) is None
    again = await c.mambu_get(failed["encodedKey"], "communications/messages")
    assert again["state"] == "FAILED" and again["numRetries"] == 1
    await c.mambu_patch("C2", "clients", [("ADD", "emailAddress", "bob@example.org")])
    await c.mambu_resend_communications([failed["encodedKey"]])
    sent = await c.mambu_get(failed["encodedKey"], "communications/messages")
    assert sent["state"] == "SENT" and sent["numRetries"] == 2 and sent["destination"] == "bob@example.org"
    assert "failureReason" not in sent and sent["sendDate"]
    with pytest.raises(MambuBadRequestError) as caught:
        await c.mambu_resend_communications([failed["encodedKey"]])
    assert _reason(caught) == "INVALID_NOTIFICATION_MESSAGE_STATE"
    with pytest.raises(MambuNotFoundError) as missing:
        await c.mambu_resend_communications(["0" * 32])
    assert _reason(missing) == "MESSAGE_NOT_FOUND"
    with pytest.raises(MambuValidationError):
        await c.mambu_resend_communications([])


async def test_message_entity_sends_and_resends(mambu_connector: Any, people: FakeMambu) -> None:
    c = mambu_connector
    message = await MambuCommunicationMessage.send(
        connector=c, type="SMS", body="Your code is 1234", client_key="C1"
    )
    assert message.state == "FAILED" and message.failure_reason == "UNDEFINED_DESTINATION"
    await c.mambu_patch("C1", "clients", [("ADD", "mobilePhone", "+351900000001")])
    resent = await message.resend()
    assert resent is message and message.state == "SENT" and message.num_retries == 1
    assert message.destination == "+351900000001"
    other = await MambuCommunicationMessage.send(connector=c, type="EMAIL", body="Hi", client_key="C2")
    await MambuCommunicationMessage.resend_all([other], connector=c)
    assert (await other.refresh()).num_retries == 1


async def test_resend_is_all_or_nothing(raw: Raw, people: FakeMambu) -> None:
    status, _, failed = await raw(
        "POST", "/communications/messages", json={"type": "SMS", "clientKey": "C2", "body": "x"}
    )
    assert status == 201 and failed["state"] == "FAILED"
    status, _, sent = await raw(
        "POST", "/communications/messages", json={"type": "SMS", "destination": "+351911111111", "body": "x"}
    )
    assert status == 201 and sent["state"] == "SENT"
    both = {"messages": [{"encodedKey": failed["encodedKey"]}, {"encodedKey": sent["encodedKey"]}]}
    status, _, body = await raw("POST", "/communications/messages:resend", json=both)
    assert status == 400 and body["errors"][0]["errorReason"] == "INVALID_NOTIFICATION_MESSAGE_STATE"
    assert people.store["communicationmessages"].get(failed["encodedKey"])["numRetries"] == 0
    status, _, body = await raw(
        "POST", "/communications/messages:resend", json={"messages": [{"encodedKey": failed["encodedKey"]}]}
    )
    assert (status, body) == (202, None)



async def test_send_replays_an_idempotent_retry(raw: Raw, people: FakeMambu) -> None:
    headers = {**people.auth_headers(), "idempotency-key": "0b6a4b9e-5f7e-4c1d-9a57-3f1c9f0e2a11"}
    message = {"type": "EMAIL", "clientKey": "C1", "subject": "Hi", "body": "Hello Ana"}
    first = await raw("POST", "/communications/messages", json=message, headers=headers)
    again = await raw("POST", "/communications/messages", json=message, headers=headers)
    assert first[0] == 201 and again[2] == first[2]
    assert len(people.store["communicationmessages"]) == 1
    status, _, body = await raw("POST", "/communications/messages", json={**message, "encodedKey": "k"})
    assert status == 400 and body["errors"][0]["errorReason"] == "ENCODED_KEY_MUST_BE_EMPTY_ON_CREATE"
