"""Comments and documents on every owner kind, through both connectors; Mambu's document rules are
checked before anything is read or sent."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from mambu_async import MambuNotFoundError, MambuValidationError
from mambu_async.connector import validation
from mambu_async.connector.operations import MambuOperations
from mambu_async.entities.base import MambuEntity
from mambu_async.entities.branch import MambuBranch
from mambu_async.entities.centre import MambuCentre
from mambu_async.entities.client import MambuClient
from mambu_async.entities.comment import MambuComment, OwnerType
from mambu_async.entities.deposit import MambuDeposit
from mambu_async.entities.deposit_product import MambuDepositProduct
from mambu_async.entities.document import MambuDocument
from mambu_async.entities.group import MambuGroup
from mambu_async.entities.loan import MambuLoan
from mambu_async.entities.product import MambuLoanProduct
from mambu_async.entities.user import MambuUser

from .conftest import Tenant

OWNERS: list[tuple[type[MambuEntity], str, str]] = [
    (MambuClient, "C1", "CLIENT"),
    (MambuGroup, "G1", "GROUP"),
    (MambuBranch, "BR1", "BRANCH"),
    (MambuCentre, "CE1", "CENTRE"),
    (MambuUser, "officer1", "USER"),
    (MambuLoanProduct, "LP1", "LOAN_PRODUCT"),
    (MambuDepositProduct, "DP1", "SAVINGS_PRODUCT"),
]


async def _owner(connector: MambuOperations, tenant: Tenant, cls: type[MambuEntity], ref: str) -> Any:
    if cls is MambuLoan:
        ref = tenant.new_loan()
    elif cls is MambuDeposit:
        ref = tenant.new_deposit()
    return await cls.get(ref, connector=connector)


@pytest.mark.parametrize(
    ("cls", "ref", "owner_type"),
    [*OWNERS, (MambuLoan, "", "LOAN_ACCOUNT"), (MambuDeposit, "", "DEPOSIT_ACCOUNT")],
    ids=lambda v: v.__name__ if isinstance(v, type) else None,
)
async def test_comments_on_every_owner(
    mambu_connector: MambuOperations, tenant: Tenant, cls: type[MambuEntity], ref: str, owner_type: str
) -> None:
    owner = await _owner(mambu_connector, tenant, cls, ref)
    made = await owner.comment("Visited on Monday <b>ok</b>")
    assert isinstance(made, MambuComment) and made.text == "Visited on Monday <b>ok</b>"
    assert made.owner_key == owner.encoded_key and made.owner_type == OwnerType(owner_type)
    await owner.comment("second")
    comments = await owner.get_comments()
    assert sorted(c.text for c in comments) == ["Visited on Monday <b>ok</b>", "second"]
    assert all(c.creation_date is not None and c.creation_date.tzinfo is not None for c in comments)
    assert len(await owner.get_comments(limit=1)) == 1


async def test_empty_comment_refused(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    client = await MambuClient.get("C1", connector=mambu_connector)
    with pytest.raises(MambuValidationError):
        await client.comment("  ")
    assert await client.get_comments() == []


@pytest.mark.parametrize(
    ("cls", "ref", "owner_type"), OWNERS, ids=lambda v: v.__name__ if isinstance(v, type) else None
)
async def test_documents_on_every_owner(
    mambu_connector: MambuOperations, tenant: Tenant, cls: type[MambuEntity], ref: str, owner_type: str
) -> None:
    owner = await _owner(mambu_connector, tenant, cls, ref)
    doc = await owner.attach_document(b"%PDF-1.4 demo", "Contract", "signed", file_name="contract.pdf")
    assert isinstance(doc, MambuDocument) and isinstance(doc.id, int)
    assert (doc.name, doc.notes, doc.file_size) == ("Contract", "signed", 13)
    assert doc.owner_key == owner.encoded_key and doc.owner_type == owner_type
    listed = await owner.get_attachments_metadata()
    assert [d.id for d in listed] == [doc.id]
    assert await owner.download_document(doc) == b"%PDF-1.4 demo"
    assert await listed[0].download() == b"%PDF-1.4 demo"
    await owner.del_attachment(doc.id)
    assert await owner.get_attachments_metadata() == []


async def test_attach_from_path_closes_the_file(
    mambu_connector: MambuOperations, tenant: Tenant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "statement.csv"
    source.write_bytes(b"a,b\n1,2\n")
    opened: list[Any] = []
    real_open = Path.open

    def spy_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        handle = real_open(self, *args, **kwargs)
        opened.append(handle)
        return handle

    monkeypatch.setattr(Path, "open", spy_open)
    loan = await MambuLoan.get(tenant.new_loan(), connector=mambu_connector)
    doc = await loan.attach_document(source)
    assert doc.name == "statement.csv" and doc.file_size == 8
    assert opened and all(handle.closed for handle in opened)
    assert await loan.download_document(document_name="statement.csv") == b"a,b\n1,2\n"


async def test_attach_from_file_object_leaves_it_open(
    mambu_connector: MambuOperations, tenant: Tenant
) -> None:
    client = await MambuClient.get("C1", connector=mambu_connector)
    handle = io.BytesIO(b"hello")
    handle.name = "/somewhere/note.txt"
    doc = await client.attach_document(handle, notes="from memory")
    assert not handle.closed
    assert (doc.name, doc.file_size) == ("note.txt", 5)


@pytest.mark.parametrize(
    ("file_name", "message"),
    [
        ("contract", "extension"),
        ("contract.exe", "not accepted"),
        ("a.b.pdf", "extension"),
        ("bad|name.pdf", "forbidden"),
        ("x" * 300 + ".pdf", "256"),
    ],
)
async def test_file_name_rules_checked_first(
    mambu_connector: MambuOperations, tenant: Tenant, file_name: str, message: str
) -> None:
    client = await MambuClient.get("C1", connector=mambu_connector)
    with pytest.raises(MambuValidationError, match=message):
        await client.attach_document(b"x", file_name=file_name)
    assert len(tenant.fake.store["documents"]) == 0


async def test_title_and_size_rules(
    mambu_connector: MambuOperations, tenant: Tenant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = await MambuClient.get("C1", connector=mambu_connector)
    with pytest.raises(MambuValidationError, match="forbidden"):
        await client.attach_document(b"x", "a/b", file_name="ok.txt")
    with pytest.raises(MambuValidationError, match="file_name"):
        await client.attach_document(b"x")
    monkeypatch.setattr(validation, "MAX_DOCUMENT_BYTES", 4)
    big = tmp_path / "big.txt"
    big.write_bytes(b"12345")
    with pytest.raises(MambuValidationError, match="at most 4"):
        await client.attach_document(big)
    with pytest.raises(MambuValidationError, match="at most 4"):
        await client.attach_document(io.BytesIO(b"12345"), file_name="big.txt")
    with pytest.raises(MambuValidationError, match="cannot read"):
        await client.attach_document(tmp_path / "missing.txt")
    assert len(tenant.fake.store["documents"]) == 0


async def test_delete_and_download_by_name_and_errors(
    mambu_connector: MambuOperations, tenant: Tenant
) -> None:
    group = await MambuGroup.get("G1", connector=mambu_connector)
    await group.attach_document(b"1", file_name="minutes.txt")
    await group.attach_document(b"2", file_name="minutes.txt")
    with pytest.raises(MambuValidationError, match="2 documents"):
        await group.del_attachment(document_name="minutes.txt")
    with pytest.raises(MambuValidationError, match="no document"):
        await group.download_document(document_name="other.txt")
    with pytest.raises(MambuValidationError, match="either"):
        await group.del_attachment()
    with pytest.raises(MambuNotFoundError) as caught:
        await group.del_attachment(999)
    assert caught.value.errors[0].reason == "INVALID_DOCUMENT_ID"
    first = (await group.get_attachments_metadata())[0]
    client = await MambuClient.get("C1", connector=mambu_connector)
    with pytest.raises(MambuValidationError, match="does not belong"):
        await client.del_attachment(first)
    await first.delete()
    assert len(await group.get_attachments_metadata()) == 1


async def test_attach_bytes_named_by_their_title(mambu_connector: MambuOperations, tenant: Tenant) -> None:
    client = await MambuClient.get("C1", connector=mambu_connector)
    doc = await client.attach_document(b"%PDF-1.4 signed", name="contract.pdf")
    assert (doc.name, doc.file_name, doc.type) == ("contract.pdf", "contract.pdf", "pdf")
    memo = await client.attach_document(io.BytesIO(b"plain words"), name="memo.txt", notes="n")
    assert (memo.file_name, memo.type) == ("memo.txt", "txt")
    explicit = await client.attach_document(b"a,b\n1,2\n", name="Figures.v2", file_name="figures.csv")
    assert (explicit.name, explicit.file_name, explicit.type) == ("Figures.v2", "figures.csv", "csv")


@pytest.mark.parametrize(
    ("name", "message"),
    [("contract", "file_name"), ("contract.v2.pdf", "extension"), ("contract.exe", "not accepted")],
)
async def test_a_title_without_one_allowed_extension_does_not_name_bytes(
    mambu_connector: MambuOperations, tenant: Tenant, name: str, message: str
) -> None:
    client = await MambuClient.get("C1", connector=mambu_connector)
    with pytest.raises(MambuValidationError, match=message):
        await client.attach_document(b"%PDF-1.4", name=name)
    assert len(tenant.fake.store["documents"]) == 0
