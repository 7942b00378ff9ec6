"""Documents on both connectors: Mambu's size, name, extension and content rules, owners, paging,
exact bytes and delete rules. Rules the connector already refuses before sending (file names, the
50 MiB limit) are also checked on the fake itself, over both fronts, with a raw multipart upload."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest

from mambu_async import MambuBadRequestError, MambuNotFoundError, MambuValidationError, _json
from mambu_async.connector.wire import UploadFile
from mambu_async.testing import FakeMambu, emulator_app

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
ZIP = b"PK\x03\x04" + bytes(range(256)) * 2

Upload = Callable[[str, bytes, dict[str, str]], Awaitable[tuple[int, Any]]]


@pytest.fixture
def client(mambu_fake: FakeMambu) -> dict[str, Any]:
    return mambu_fake.create("clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez"})


@pytest.fixture(params=["fake", "rest"])
async def upload_raw(request: pytest.FixtureRequest, mambu_fake: FakeMambu) -> AsyncIterator[Upload]:
    """``await upload_raw(file_name, content, form)`` → ``(status, decoded body)`` on either front."""
    auth = mambu_fake.auth_headers()
    if request.param == "fake":

        async def direct(file_name: str, content: bytes, form: dict[str, str]) -> tuple[int, Any]:
            upload = UploadFile(file_name=file_name, content=content, content_type="application/octet-stream")
            response = mambu_fake.dispatch("POST", "/documents", (), auth, None, form=form, upload=upload)
            return response.status, _json.loads(response.body)

        yield direct
        return
    transport = httpx.ASGITransport(app=emulator_app(mambu_fake))
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:

        async def over_http(file_name: str, content: bytes, form: dict[str, str]) -> tuple[int, Any]:
            response = await http.post(
                "/api/documents", data=form, files={"file": (file_name, content)}, headers=auth
            )
            return response.status_code, _json.loads(response.content)

        yield over_http


def _reason(caught: pytest.ExceptionInfo[Any]) -> str:
    return str(caught.value.errors[0].reason)


async def test_size_limit_is_the_tenants(
    mambu_connector: Any, mambu_fake: FakeMambu, client: dict[str, Any]
) -> None:
    mambu_fake.max_document_bytes = 10
    ok = await mambu_connector.mambu_upload_document("CLIENT", "C1", b"0123456789", "Ten", file_name="t.txt")
    assert ok["fileSize"] == 10
    with pytest.raises(MambuBadRequestError) as caught:
        await mambu_connector.mambu_upload_document("CLIENT", "C1", b"0123456789!", "Big", file_name="b.txt")
    assert _reason(caught) == "MAX_FILE_SIZE_EXCEEDED" and caught.value.status_code == 400


def test_mambus_50_mib_limit(mambu_fake: FakeMambu, client: dict[str, Any]) -> None:
    limit = 50 * 1024 * 1024
    assert mambu_fake.max_document_bytes == limit
    upload = UploadFile(file_name="big.txt", content=bytes(limit + 1), content_type="text/plain")
    form = {"ownerType": "CLIENT", "id": "C1", "name": "big"}
    response = mambu_fake.dispatch(
        "POST", "/documents", (), mambu_fake.auth_headers(), None, form=form, upload=upload
    )
    assert response.status == 400
    assert _json.loads(response.body)["errors"][0]["errorReason"] == "MAX_FILE_SIZE_EXCEEDED"


@pytest.mark.parametrize(
    ("title", "reason"),
    [
        ("x" * 257, "MAX_FILENAME_LENGTH_EXCEEDED"),
        *((f"a{c}b", "INVALID_FILENAME") for c in "/<>|:&?*[]#\\\"'"),
    ],
)
async def test_document_name_rules(
    mambu_connector: Any, mambu_fake: FakeMambu, client: dict[str, Any], title: str, reason: str
) -> None:
    with pytest.raises(MambuBadRequestError) as caught:
        await mambu_connector.mambu_upload_document("CLIENT", "C1", b"text", title, file_name="n.txt")
    assert _reason(caught) == reason
    assert len(mambu_fake.store["documents"]) == 0


async def test_name_of_256_characters_is_accepted(mambu_connector: Any, client: dict[str, Any]) -> None:
    doc = await mambu_connector.mambu_upload_document("CLIENT", "C1", b"t", "n" * 256, file_name="n.txt")
    assert doc["name"] == "n" * 256


@pytest.mark.parametrize(
    ("file_name", "reason"),
    [
        ("n" * 253 + ".txt", "MAX_FILENAME_LENGTH_EXCEEDED"),
        ("a#b.txt", "INVALID_FILENAME"),
        ("it's.txt", "INVALID_FILENAME"),
        ("noextension", "INVALID_FILE_EXTENSION"),
        ("two.dots.txt", "INVALID_FILE_EXTENSION"),
        (".txt", "INVALID_FILE_EXTENSION"),
        ("tool.exe", "FILE_EXTENSION_NOT_ALLOWED"),
    ],
)
async def test_file_name_rules_on_the_fake(
    upload_raw: Upload, mambu_fake: FakeMambu, client: dict[str, Any], file_name: str, reason: str
) -> None:
    status, body = await upload_raw(file_name, b"text", {"ownerType": "CLIENT", "id": "C1", "name": "doc"})
    assert (status, body["errors"][0]["errorReason"]) == (400, reason)
    assert len(mambu_fake.store["documents"]) == 0


async def test_raw_upload_that_follows_the_rules(upload_raw: Upload, client: dict[str, Any]) -> None:
    status, body = await upload_raw("scan.PNG", PNG, {"ownerType": "CLIENT", "id": "C1", "name": "Scan"})
    assert status == 201
    assert (body["type"], body["fileName"], body["fileSize"]) == ("png", "scan.PNG", len(PNG))


@pytest.mark.parametrize(
    ("file_name", "content"),
    [
        ("photo.png", b"not a picture"),
        ("contract.pdf", PNG),
        ("sheet.xlsx", b"a,b\n1,2\n"),
        ("notes.txt", PNG),
        ("data.json", b"{not json"),
        ("letter.doc", b"plain text"),
        ("empty.pdf", b""),
    ],
)
async def test_content_must_match_the_extension(
    mambu_connector: Any, mambu_fake: FakeMambu, client: dict[str, Any], file_name: str, content: bytes
) -> None:
    with pytest.raises(MambuBadRequestError) as caught:
        await mambu_connector.mambu_upload_document("CLIENT", "C1", content, "Doc", file_name=file_name)
    assert _reason(caught) == "INCONSISTENT_EXTENSION_WITH_FILE_CONTENT"
    assert caught.value.errors[0].code == 973
    assert len(mambu_fake.store["documents"]) == 0


@pytest.mark.parametrize(
    ("file_name", "content"),
    [
        ("photo.jpeg", b"\xff\xd8\xff\xe0 jpeg"),
        ("report.docx", ZIP),
        ("data.json", b'{"a": [1, 2]}'),
        ("page.html", b"<html></html>"),
        ("scan.tiff", b"II*\x00rest"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"),
        ("any.key", b"\x00\x01 not sniffed"),
    ],
)
async def test_consistent_content_is_accepted(
    mambu_connector: Any, client: dict[str, Any], file_name: str, content: bytes
) -> None:
    doc = await mambu_connector.mambu_upload_document("CLIENT", "C1", content, "Doc", file_name=file_name)
    assert doc["type"] == file_name.rsplit(".", 1)[1]
    assert await mambu_connector.mambu_download_document(str(doc["id"])) == content


async def test_owner_must_exist(mambu_connector: Any, mambu_fake: FakeMambu, client: dict[str, Any]) -> None:
    with pytest.raises(MambuNotFoundError) as caught:
        await mambu_connector.mambu_upload_document("CLIENT", "NOPE", b"t", "Doc", file_name="d.txt")
    assert _reason(caught) == "INVALID_CLIENT_ID"
    with pytest.raises(MambuNotFoundError):
        await mambu_connector.mambu_upload_document("LOAN_ACCOUNT", "C1", b"t", "Doc", file_name="d.txt")
    with pytest.raises(MambuBadRequestError) as bad_type:
        await mambu_connector.mambu_upload_document("ID_DOCUMENT", "C1", b"t", "Doc", file_name="d.txt")
    assert _reason(bad_type) == "INVALID_PARAMETERS"
    with pytest.raises(MambuNotFoundError):
        await mambu_connector.mambu_get_documents_metadata("NOPE", "CLIENT")
    with pytest.raises(MambuValidationError):
        await mambu_connector.mambu_upload_document("SPACESHIP", "C1", b"t", "Doc", file_name="d.txt")
    assert len(mambu_fake.store["documents"]) == 0


async def test_metadata_pages_in_upload_order_per_owner(
    mambu_connector: Any, mambu_fake: FakeMambu, client: dict[str, Any]
) -> None:
    mambu_fake.create("clients", {"id": "C2", "firstName": "Bo", "lastName": "Ek"})
    for n in range(4):
        await mambu_connector.mambu_upload_document("CLIENT", "C1", b"t", f"D{n}", file_name=f"d{n}.txt")
        mambu_fake.clock.advance(minutes=1)
    await mambu_connector.mambu_upload_document("CLIENT", "C2", b"t", "Other", file_name="o.txt")
    key = client["encodedKey"]
    names = [d["name"] for d in await mambu_connector.mambu_get_documents_metadata(key, "CLIENT")]
    assert names == ["D0", "D1", "D2", "D3"]
    page = await mambu_connector.mambu_get_documents_metadata("C1", "CLIENT", offset=1, limit=2)
    assert [d["name"] for d in page] == ["D1", "D2"]
    assert await mambu_connector.mambu_get_documents_metadata("C1", "CLIENT", offset=4, limit=2) == []
    listed = await mambu_connector.mambu_get_documents_metadata("C2", "CLIENT", paginationDetails="ON")
    assert [d["name"] for d in listed] == ["Other"]


async def test_download_returns_the_exact_bytes(mambu_connector: Any, client: dict[str, Any]) -> None:
    doc = await mambu_connector.mambu_upload_document("CLIENT", "C1", ZIP, "Archive", file_name="a.zip")
    assert await mambu_connector.mambu_download_document(str(doc["id"])) == ZIP
    assert await mambu_connector.mambu_download_document(doc["encodedKey"]) == ZIP


async def test_delete_rules(mambu_connector: Any, mambu_fake: FakeMambu, client: dict[str, Any]) -> None:
    doc = await mambu_connector.mambu_upload_document("CLIENT", "C1", b"t", "Doc", file_name="d.txt")
    with pytest.raises(MambuBadRequestError) as attached:
        await mambu_connector.mambu_delete("C1", "clients")
    assert _reason(attached) == "HAS_DOCUMENT_ATTACHED"
    assert await mambu_connector.mambu_delete_document(str(doc["id"])) is None
    assert await mambu_connector.mambu_get_documents_metadata("C1", "CLIENT") == []
    for call in (mambu_connector.mambu_download_document, mambu_connector.mambu_delete_document):
        with pytest.raises(MambuNotFoundError) as gone:
            await call(doc["encodedKey"])
        assert _reason(gone) == "INVALID_DOCUMENT_ID"
    assert len(mambu_fake.store["documentfiles"]) == 0
    await mambu_connector.mambu_delete("C1", "clients")
