"""Anonymizing an exited client (v1 ``POST /clients/{id}/action``, seed 002) and reading images by key
(v1 ``GET /images/{imageId}``), on both connectors and through ``MambuClient``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from mambu_async import MambuBadRequestError, MambuClient, MambuNotFoundError, MambuValidationError
from mambu_async.testing import FakeMambu
from tests.contract.test_tenant_reads import seed_small_tenant

from .conftest import Raw

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(48))
TEXT = b"identity card scan"


@pytest.fixture
def exited(mambu_fake: FakeMambu) -> FakeMambu:
    """The small tenant with C1 (two loans, a credit arrangement) exited and full of personal data."""
    fake = seed_small_tenant(mambu_fake)
    c1 = fake.get("clients", "C1")
    fake.store["clients"].put(
        {
            **c1,
            "state": "EXITED",
            "middleName": "Maria",
            "gender": "FEMALE",
            "notes": "VIP",
            "birthDate": "1980-05-01",
            "homePhone": "+351210000000",
            "mobilePhone": "+351910000000",
            "addresses": [{"line1": "Rua Augusta 1", "city": "Lisbon"}],
        }
    )
    loan = fake.get("loans", "L1")
    fake.store["loans"].put({**loan, "loanName": "Ana's loan", "notes": "renovation"})
    fake.create("comments", {"ownerType": "CLIENT", "ownerKey": "C1", "text": "Called on Monday"})
    fake.create("comments", {"ownerType": "LOAN_ACCOUNT", "ownerKey": "L1", "text": "Late once"})
    fake.create("comments", {"ownerType": "CLIENT", "ownerKey": "C2", "text": "Bob stays"})
    fake.create(
        "tasks", {"title": "Call Ana", "dueDate": "2030-01-01", "taskLinkType": "CLIENT", "taskLinkKey": "C1"}
    )
    return fake


def _reason(caught: pytest.ExceptionInfo[Any]) -> str:
    return str(caught.value.errors[0].reason)


async def test_anonymize_erases_what_the_seed_lists(mambu_connector: Any, exited: FakeMambu) -> None:
    c = mambu_connector
    key = exited.get("clients", "C1")["encodedKey"]
    await c.mambu_upload_document("CLIENT", "C1", TEXT, "id-card", file_name="id.txt")
    await c.mambu_set_client_asset("C1", "PROFILE_PICTURE", PNG, file_name="me.png")
    picture_key = (await c.mambu_get("C1", "clients", "FULL"))["profilePictureKey"]
    assert await c.mambu_get_activities("2000-01-01", "2100-01-01", {"clientID": "C1"}) != []
    assert len(await c.mambu_get_documents_metadata(key, "CLIENT")) == 1
    assert (
        len(await c.mambu_get_comments(key, "CLIENT"))
        == len(await c.mambu_get_comments("L1", "LOAN_ACCOUNT"))
        == 1
    )
    assert len(await c.mambu_get_all("tasks", filters={"clientId": key})) == 1
    by_client = [{"field": "clientKey", "operator": "EQUALS", "value": key}]
    assert len(await c.mambu_search_communications(by_client)) == 1
    assert await c.mambu_anonymize_client("C1") == {"returnCode": 0, "returnStatus": "SUCCESS"}
    client = await c.mambu_get(key, "clients", "FULL")
    assert client["id"] != "C1" and client["state"] == "EXITED"
    assert client["firstName"] not in ("Ana", "") and client["lastName"] not in ("Lopez", "")
    for gone in (
        "middleName",
        "gender",
        "notes",
        "emailAddress",
        "birthDate",
        "homePhone",
        "mobilePhone",
        "addresses",
        "profilePictureKey",
    ):
        assert gone not in client, gone
    with pytest.raises(MambuNotFoundError) as caught:
        await c.mambu_get("C1", "clients")
    assert _reason(caught) == "INVALID_CLIENT_ID"
    with pytest.raises(MambuBadRequestError):
        await c.mambu_get_image(picture_key)
    assert await c.mambu_get_documents_metadata(key, "CLIENT") == []
    assert await c.mambu_get_comments(key, "CLIENT") == []
    assert await c.mambu_get_comments("L1", "LOAN_ACCOUNT") == []
    assert [x["text"] for x in await c.mambu_get_comments("C2", "CLIENT")] == ["Bob stays"]
    assert await c.mambu_get_activities("2000-01-01", "2100-01-01", {"clientID": key}) == []
    assert await c.mambu_get_all("tasks", filters={"clientId": key}) == []
    assert await c.mambu_search_communications(by_client) == []
    loan = await c.mambu_get("L1", "loans", "FULL")
    assert loan["loanName"] != "Ana's loan" and "notes" not in loan
    assert loan["loanAmount"] == Decimal("1200.00")
    [line] = await c.mambu_get_credit_arrangements("clients", key)
    assert "notes" not in line and line["amount"] == Decimal("2400.50")
    with pytest.raises(MambuNotFoundError) as again:
        await c.mambu_anonymize_client("C1")
    assert _reason(again) == "INVALID_CLIENT_ID"


async def test_only_an_exited_client_is_anonymized(mambu_connector: Any, exited: FakeMambu) -> None:
    c = mambu_connector
    with pytest.raises(MambuBadRequestError) as caught:
        await c.mambu_anonymize_client("C2")
    assert caught.value.errors[0].code == 3760
    assert _reason(caught) == "CLIENT_DOES_NOT_HAVE_EXITED_STATE"
    assert (await c.mambu_get("C2", "clients"))["firstName"] == "Bob"
    with pytest.raises(MambuNotFoundError):
        await c.mambu_anonymize_client("C404")
    with pytest.raises(MambuValidationError):
        await c.mambu_anonymize_client("")


async def test_client_entity_anonymize(mambu_connector: Any, exited: FakeMambu) -> None:
    client = await MambuClient.get("C1", connector=mambu_connector)
    await client.anonymize()
    assert client.id != "C1" and client.first_name != "Ana" and client.email_address is None
    bob = await MambuClient.get("C2", connector=mambu_connector)
    with pytest.raises(MambuBadRequestError):
        await bob.anonymize()


async def test_v1_anonymize_wire(raw: Raw, exited: FakeMambu) -> None:
    v1 = {**exited.auth_headers(), "accept": "application/json"}
    status, _, body = await raw("POST", "/clients/C2/action", json={"action": "ANONYMIZE"}, headers=v1)
    assert (status, body) == (
        400,
        {
            "returnCode": 3760,
            "returnStatus": "CLIENT_DOES_NOT_HAVE_EXITED_STATE",
            "errorSource": "Only an exited client can be anonymized",
        },
    )
    status, _, body = await raw("POST", "/clients/C1/action", json={"action": "DELETE"}, headers=v1)
    assert status == 400 and body["returnStatus"] == "INVALID_PARAMETERS"
    status, _, body = await raw("POST", "/clients/C1/action", json={"action": "ANONYMIZE"}, headers=v1)
    assert (status, body) == (200, {"returnCode": 0, "returnStatus": "SUCCESS"})
    status, _, body = await raw("POST", "/clients/C1/action", json={"action": "ANONYMIZE"}, headers=v1)
    assert status == 404 and body["returnCode"] == 301 and body["returnStatus"] == "INVALID_CLIENT_ID"


async def test_images_by_picture_and_signature_key(mambu_connector: Any, mambu_fake: FakeMambu) -> None:
    c = mambu_connector
    mambu_fake.create("clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez"})
    await c.mambu_set_client_asset("C1", "PROFILE_PICTURE", PNG, file_name="me.png")
    await c.mambu_set_client_asset("C1", "SIGNATURE", PNG + b"sig", file_name="sig.png")
    client = await MambuClient.get("C1", connector=c)
    assert await c.mambu_get_image(client.profile_picture_key) == PNG
    assert await c.mambu_get_image(client.profile_signature_key, "TINY_THUMB") == PNG + b"sig"
    with pytest.raises(MambuBadRequestError) as caught:
        await c.mambu_get_image("0" * 32)
    assert _reason(caught) == "INVALID_PARAMETERS"
    with pytest.raises(MambuValidationError):
        await c.mambu_get_image(client.profile_picture_key, "HUGE")
    with pytest.raises(MambuValidationError):
        await c.mambu_get_image("")


async def test_image_wire_is_base64_and_checks_size(raw: Raw, mambu_fake: FakeMambu) -> None:
    mambu_fake.create("clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez"})
    upload = {"document": {"name": "me", "type": "PNG"}, "documentContent": "iVBORw0KGgo="}
    v1 = {**mambu_fake.auth_headers(), "accept": "application/json"}
    status, _, _ = await raw("POST", "/clients/C1/documents/PROFILE_PICTURE", json=upload, headers=v1)
    assert status == 201
    key = mambu_fake.get("clients", "C1")["profilePictureKey"]
    status, _, body = await raw("GET", f"/images/{key}", params=[("size", "MEDIUM")], headers=v1)
    assert (status, body) == (200, "iVBORw0KGgo=")
    status, _, body = await raw("GET", f"/images/{key}", params=[("size", "HUGE")], headers=v1)
    assert status == 400 and body["returnCode"] == 4 and body["returnStatus"] == "INVALID_PARAMETERS"


async def test_anonymize_reaches_deposits_transactions_and_guarantees(
    mambu_connector: Any, exited: FakeMambu
) -> None:
    c = mambu_connector
    key = exited.get("clients", "C1")["encodedKey"]
    pot = exited.create(
        "deposits",
        {
            "id": "D9",
            "accountHolderKey": "C1",
            "accountHolderType": "CLIENT",
            "productTypeKey": "DP1",
            "name": "Ana's pot",
        },
    )
    await c.mambu_change_state("D9", "deposits", "APPROVE")
    tx = await c.mambu_make_deposit("D9", Decimal("25.50"), notes="birthday money from grandma")
    bob_loan = exited.create(
        "loans",
        {
            "id": "L9",
            "accountHolderKey": "C2",
            "accountHolderType": "CLIENT",
            "productTypeKey": "LP1",
            "loanAmount": Decimal("500.00"),
            "interestSettings": {"interestRate": Decimal("10.5")},
            "scheduleSettings": {
                "gracePeriod": 0,
                "repaymentInstallments": 2,
                "repaymentPeriodUnit": "MONTHS",
            },
        },
    )
    guarantee = {
        "encodedKey": "g1",
        "guarantorKey": key,
        "guarantorType": "CLIENT",
        "amount": Decimal("100.00"),
        "assetName": "Ana's car",
    }
    exited.store["loans"].put({**bob_loan, "guarantees": [guarantee]})
    await c.mambu_anonymize_client(key)
    deposit = await c.mambu_get("D9", "deposits", "FULL")
    assert deposit["name"] not in ("Ana's pot", "") and deposit["encodedKey"] == pot["encodedKey"]
    assert "notes" not in await c.mambu_get(tx["encodedKey"], "deposits/transactions")
    [kept] = (await c.mambu_get("L9", "loans", "FULL"))["guarantees"]
    assert kept["assetName"] not in ("Ana's car", "") and kept["amount"] == Decimal("100.00")
