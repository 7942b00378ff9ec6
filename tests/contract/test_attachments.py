"""Comments, documents, custom field metadata and transaction reads, on both connectors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from mambu_async import MambuBadRequestError, MambuNotFoundError, MambuValidationError
from mambu_async.testing import FakeMambu


async def test_comments(mambu_connector: Any, tenant: dict[str, Any]) -> None:
    first = await mambu_connector.mambu_comment("C1", "CLIENT", "Called <b>twice</b>")
    assert first["ownerKey"] == tenant["ana"]["encodedKey"] and first["text"] == "Called <b>twice</b>"
    await mambu_connector.mambu_comment(tenant["ana"]["encodedKey"], "CLIENT", "Second")
    texts = [c["text"] for c in await mambu_connector.mambu_get_comments("C1", "CLIENT")]
    assert texts == ["Called <b>twice</b>", "Second"]
    assert await mambu_connector.mambu_get_comments("C2", "CLIENT") == []
    with pytest.raises(MambuNotFoundError):
        await mambu_connector.mambu_comment("NOPE", "CLIENT", "x")


async def test_documents(mambu_connector: Any, tenant: dict[str, Any]) -> None:
    doc = await mambu_connector.mambu_upload_document(
        "CLIENT", "C1", b"%PDF-1.4 hello", "Contract", notes="signed", file_name="contract.pdf"
    )
    assert (doc["name"], doc["fileName"], doc["fileSize"], doc["ownerType"]) == (
        "Contract",
        "contract.pdf",
        14,
        "CLIENT",
    )
    assert doc["ownerKey"] == tenant["ana"]["encodedKey"] and doc["notes"] == "signed"
    listed = await mambu_connector.mambu_get_documents_metadata("C1", "CLIENT")
    assert [d["encodedKey"] for d in listed] == [doc["encodedKey"]]
    assert await mambu_connector.mambu_download_document(str(doc["id"])) == b"%PDF-1.4 hello"
    await mambu_connector.mambu_delete_document(doc["encodedKey"])
    assert await mambu_connector.mambu_get_documents_metadata("C1", "CLIENT") == []


async def test_custom_field_metadata(mambu_connector: Any, tenant: dict[str, Any]) -> None:
    field = await mambu_connector.mambu_get_customfield("score")
    assert (field["id"], field["type"], field["customFieldSetId"]) == ("score", "NUMBER", "_Personal")
    fields = await mambu_connector.mambu_get_all("customfieldsets/_Personal/customfields")
    assert [f["id"] for f in fields] == ["nickname", "score"]
    sets = await mambu_connector.mambu_get_all("customfieldsets", filters={"availableFor": "CLIENT"})
    assert [s["id"] for s in sets] == ["_Personal", "_Refs"]


async def test_transactions_reads(
    mambu_connector: Any, tenant: dict[str, Any], mambu_fake: FakeMambu
) -> None:
    deposit = mambu_fake.create(
        "deposits",
        {"accountHolderKey": "C1", "accountHolderType": "CLIENT", "productTypeKey": "DP1", "name": "Pot"},
    )
    for i, amount in enumerate((Decimal("10.50"), Decimal("99.99"))):
        mambu_fake.store["deposittransactions"].put(
            {
                "encodedKey": mambu_fake.new_key(),
                "id": f"T{i}",
                "parentAccountKey": deposit["encodedKey"],
                "type": "DEPOSIT",
                "amount": amount,
                "creationDate": mambu_fake.clock.iso(),
                "valueDate": mambu_fake.clock.iso(),
            }
        )
    listed = await mambu_connector.mambu_get_all(f"deposits/{deposit['id']}/transactions")
    assert [t["amount"] for t in listed] == [Decimal("10.50"), Decimal("99.99")]
    one = await mambu_connector.mambu_get("T1", "deposits/transactions")
    assert one["amount"] == Decimal("99.99")
    found = await mambu_connector.mambu_search(
        "deposits/transactions",
        [
            {"field": "amount", "operator": "MORE_THAN", "value": "50"},
            {"field": "parentAccountID", "operator": "EQUALS", "value": deposit["id"]},
        ],
        {"field": "amount", "order": "ASC"},
    )
    assert [t["id"] for t in found] == ["T1"]
    with pytest.raises(MambuBadRequestError):
        await mambu_connector.mambu_delete(deposit["id"], "deposits")


async def test_upload_bytes_named_by_the_document_name(mambu_connector: Any, tenant: dict[str, Any]) -> None:
    doc = await mambu_connector.mambu_upload_document("CLIENT", "C1", b"%PDF-1.4 hi", "contract.pdf")
    assert (doc["name"], doc["fileName"], doc["type"]) == ("contract.pdf", "contract.pdf", "pdf")
    with pytest.raises(MambuValidationError, match="needs a file name"):
        await mambu_connector.mambu_upload_document("CLIENT", "C1", b"%PDF-1.4 hi", "Contract")
