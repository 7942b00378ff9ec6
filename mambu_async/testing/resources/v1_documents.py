"""v1 documents with base64 content (S2:L9745-10003, S3) and a client's profile picture and signature
(S2:L7744-7888), over the same store as the v2 documents: a file uploaded through one version is listed,
downloaded and deleted through the other.

- ``POST /documents`` ``{"document": {documentHolderKey, documentHolderType, name, type, description},
  "documentContent": base64}`` → 200 with the v1 document (``documentHolderKey``, ``originalFilename``,
  ...). ``name`` may carry the extension (it must then be ``type``); the upload follows the v2 rules on
  size, names, extensions and content (``document_rules``). Missing ``name`` → 400 code 4 "document name
  is required".
- ``GET /documents/{id}`` → the content as a JSON string of base64; unknown → 400 ``INVALID_DOCUMENT_ID``
  (970, as documented for this route). ``DELETE /documents/{id}`` → 200 ``SUCCESS``; unknown → 404 970.
- ``GET /documents?ownerType=&ownerId=`` → the owner's documents; a bad ``ownerType`` is 500 code 6 and a
  bad owner 400 code 4 "wrong owner id", as documented.
- Per owner (S3, S2:L7634-7931 and the branch, centre and group sections): ``GET /{owner}/{id}/documents``
  (``offset``/``limit``), ``POST`` (the body above; the path names the owner) → 201,
  ``GET /{owner}/{id}/documents/{documentId}`` → base64, ``DELETE`` → 200 ``SUCCESS``; a document of
  another owner, or none, is 400 ``INVALID_DOCUMENT_ID`` (970), as documented. Owners: ``clients``,
  ``groups``, ``loans``, ``savings``, ``loanProducts``, ``savingsProducts``, ``branches``, ``centres``,
  ``users``.
- ``GET|POST|DELETE /clients/{id}/documents/PROFILE_PICTURE`` (and ``SIGNATURE``): POST adds or replaces
  the image → 201 ``SUCCESS`` and sets the client's v2 ``profilePictureKey`` / ``profileSignatureKey``;
  GET → base64; DELETE → 200 ``SUCCESS`` and clears the key.
- ``GET /images/{imageId}?size=`` (S2:L11795-11836): the image whose key a client's
  ``profilePictureKey`` / ``profileSignatureKey`` holds, as a JSON string of base64; ``size`` is
  ``LARGE``, ``MEDIUM``, ``SMALL_THUMB`` or ``TINY_THUMB`` (another value: 400 ``INVALID_PARAMETERS``).

[INFERRED] ``documentHolderKey`` may be the owner's id as well as its encodedKey (like every v1 route);
``SAVINGS_ACCOUNT`` names a deposit account as ``DEPOSIT_ACCOUNT`` does; an image asset is JPG, JPEG,
PNG, GIF, BMP, TIF or TIFF (FILE_EXTENSION_NOT_ALLOWED otherwise); reading or deleting an asset the
client does not have is 404 ``INVALID_DOCUMENT_ID``. ``/images`` answers the stored image for every
``size`` (the fake keeps one rendition and does not resample), and an unknown image key is 400
``INVALID_PARAMETERS`` "picture key ... was not found" (the seed documents only that failure, for a
missing key).
"""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING, Any

from mambu_async.testing import query
from mambu_async.testing.apierror import ApiError, bad_request, not_found
from mambu_async.testing.messages import FakeRequest, FakeResponse
from mambu_async.testing.resources.crud import delete_record
from mambu_async.testing.resources.document_rules import check_document
from mambu_async.testing.resources.owners import resolve_owner
from mambu_async.testing.resources.v1 import SUCCESS, is_v1, v1_date_time, v1_error, v1_json, v1_route
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu
    from mambu_async.testing.router import Handler

__all__ = ["OWNER_PREFIXES", "install", "v1_document"]

ASSETS = ("PROFILE_PICTURE", "SIGNATURE")
IMAGE_SIZES = ("LARGE", "MEDIUM", "SMALL_THUMB", "TINY_THUMB")
_ASSET_KEYS = {"PROFILE_PICTURE": "profilePictureKey", "SIGNATURE": "profileSignatureKey"}
_IMAGE_TYPES = frozenset({"JPG", "JPEG", "PNG", "GIF", "BMP", "TIF", "TIFF"})
_HOLDER_ALIASES = {"SAVINGS_ACCOUNT": "DEPOSIT_ACCOUNT"}
OWNER_PREFIXES = {
    "clients": "CLIENT",
    "groups": "GROUP",
    "loans": "LOAN_ACCOUNT",
    "savings": "DEPOSIT_ACCOUNT",
    "loanProducts": "LOAN_PRODUCT",
    "savingsProducts": "SAVINGS_PRODUCT",
    "branches": "BRANCH",
    "centres": "CENTRE",
    "users": "USER",
}
"""v1 URL prefixes of document owners (S3:L9-18) → owner type."""
_LIST_OWNER_TYPES = (
    "CLIENT",
    "GROUP",
    "LOAN_ACCOUNT",
    "SAVINGS_ACCOUNT",
    "LOAN_PRODUCT",
    "SAVINGS_PRODUCT",
    "USER",
    "CENTRE",
    "BRANCH",
)


def v1_document(record: Record) -> Record:
    """A stored document in v1's ``DocumentApiV1`` shape."""
    out: Record = {
        "encodedKey": record["encodedKey"],
        "id": record["id"],
        "creationDate": v1_date_time(record.get("creationDate")),
        "lastModifiedDate": v1_date_time(record.get("lastModifiedDate")),
        "documentHolderKey": record.get("ownerKey"),
        "documentHolderType": record.get("ownerType"),
        "name": record.get("name"),
        "type": record.get("type"),
        "fileSize": record.get("fileSize"),
        "originalFilename": record.get("fileName"),
        "location": record.get("location"),
    }
    if record.get("notes"):
        out["description"] = record["notes"]
    return {k: value for k, value in out.items() if value is not None}


def _content(body: dict[str, Any]) -> bytes:
    text = body.get("documentContent")
    if not isinstance(text, str) or not text:
        raise bad_request("INVALID_PARAMETERS", "documentContent is required (base64)")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise bad_request("INVALID_PARAMETERS", "documentContent must be base64") from None


def _document_part(body: dict[str, Any]) -> tuple[dict[str, Any], str, str]:
    """The ``document`` object, its ``name`` and its upper-case ``type``."""
    document = body.get("document")
    if not isinstance(document, dict):
        raise bad_request("INVALID_PARAMETERS", "document is required")
    name = document.get("name")
    if not isinstance(name, str) or not name.strip():
        raise bad_request("INVALID_PARAMETERS", "document name is required")
    kind = document.get("type")
    if not isinstance(kind, str) or not kind.strip():
        raise bad_request("INVALID_PARAMETERS", "document type is required")
    return document, name, kind.upper()


def _file_name(name: str, kind: str) -> str:
    """``name`` with the extension ``type`` names (S3: "If the extension is provided it must match")."""
    stem, dot, extension = name.rpartition(".")
    if dot and stem:
        if extension.upper() != kind:
            raise bad_request("INVALID_FILE_EXTENSION", f"The name's extension {extension!r} is not {kind!r}")
        return name
    return f"{name}.{kind.lower()}"


def _owner(fake: FakeMambu, holder_type: Any, holder: Any) -> tuple[str, Record]:
    owner_type = _HOLDER_ALIASES.get(str(holder_type), holder_type)
    return str(owner_type), resolve_owner(fake, owner_type, holder)


def _split(v1_handler: Handler, v2_handler: Handler) -> Handler:
    def route(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        return (v1_handler if is_v1(request) else v2_handler)(fake, request)

    return route


def install(fake: FakeMambu) -> None:
    """Register the v1 document and client asset routes (splitting ``/documents`` by version)."""
    kind = fake.kinds["documents"]

    def store_upload(fake: FakeMambu, body: dict[str, Any], owner: tuple[str, Record] | None) -> Record:
        """Check and store a v1 upload (``owner`` from the path, else the body's document holder)."""
        document, name, file_type = _document_part(body)
        owner_type, holder = owner or _owner(
            fake, document.get("documentHolderType"), document.get("documentHolderKey")
        )
        content = _content(body)
        file_name = _file_name(name, file_type)
        extension = check_document(file_name, name, content, max_bytes=fake.max_document_bytes)
        now = fake.clock.iso()
        key = fake.new_key()
        record: Record = {
            "encodedKey": key,
            "id": fake.new_int_id("documents"),
            "name": name,
            "fileName": file_name,
            "fileSize": len(content),
            "type": extension,
            "location": key,
            "ownerKey": holder["encodedKey"],
            "ownerType": owner_type,
            "creationDate": now,
            "lastModifiedDate": now,
        }
        if isinstance(document.get("description"), str) and document["description"]:
            record["notes"] = document["description"]
        for validator in kind.validators:
            validator(fake, record, None)
        fake.store["documents"].put(record)
        fake.store["documentfiles"].put(
            {"encodedKey": key, "content": content, "contentType": "application/octet-stream"}
        )
        for hook in kind.after_write:
            hook(fake, record, None)
        return record

    def upload(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, set())
        return v1_json(200, v1_document(store_upload(fake, request.json_object(), None)))

    def document_of(fake: FakeMambu, ref: str, owner: Record | None) -> Record:
        """The document ``ref`` (of ``owner`` when given), else 400 ``INVALID_DOCUMENT_ID``."""
        record = fake.store["documents"].get(ref)
        if record is None or (owner is not None and record.get("ownerKey") != owner["encodedKey"]):
            raise v1_error(400, "INVALID_DOCUMENT_ID", f"Document {ref!r} was not found")
        return record

    def content_of(fake: FakeMambu, record: Record) -> FakeResponse:
        stored = fake.store["documentfiles"].get(record["encodedKey"]) or {}
        return v1_json(200, base64.b64encode(bytes(stored.get("content", b""))).decode("ascii"))

    def download(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, set())
        return content_of(fake, document_of(fake, request.path_params["id"], None))

    def owner_routes(prefix: str, owner_type: str) -> None:
        """``/{prefix}/{id}/documents[/{documentId}]`` (S3: the documents of one owner)."""

        def owner_of(fake: FakeMambu, request: FakeRequest) -> tuple[str, Record]:
            return owner_type, resolve_owner(fake, owner_type, request.path_params["id"])

        def listed(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
            query.check_params(request, {"offset", "limit"})
            _, owner = owner_of(fake, request)
            page = query.paging(request)
            records = fake.store["documents"].find(lambda d: d.get("ownerKey") == owner["encodedKey"])
            return v1_json(200, [v1_document(r) for r in records[page.offset : page.offset + page.limit]])

        def added(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
            query.check_params(request, set())
            owner = owner_of(fake, request)
            return v1_json(201, v1_document(store_upload(fake, request.json_object(), owner)))

        def read(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
            query.check_params(request, set())
            _, owner = owner_of(fake, request)
            return content_of(fake, document_of(fake, request.path_params["documentId"], owner))

        def removed(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
            query.check_params(request, set())
            _, owner = owner_of(fake, request)
            delete_record(fake, kind, document_of(fake, request.path_params["documentId"], owner))
            return v1_json(200, SUCCESS)

        base = f"/{prefix}/{{id}}/documents"
        fake.router.add("GET", base, v1_route(listed))
        fake.router.add("POST", base, v1_route(added))
        fake.router.add("GET", f"{base}/{{documentId}}", v1_route(read))
        fake.router.add("DELETE", f"{base}/{{documentId}}", v1_route(removed))

    def delete(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, set())
        delete_record(fake, kind, fake.require("documents", request.path_params["id"]))
        return v1_json(200, SUCCESS)

    def list_documents(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, {"ownerType", "ownerId", "offset", "limit"})
        owner_type = request.param("ownerType")
        if owner_type not in _LIST_OWNER_TYPES:
            raise v1_error(500, "INTERNAL_ERROR")
        try:
            _, owner = _owner(fake, owner_type, request.param("ownerId"))
        except ApiError:
            raise v1_error(400, "INVALID_PARAMETERS", "wrong owner id") from None
        page = query.paging(request)
        records = fake.store["documents"].find(lambda d: d.get("ownerKey") == owner["encodedKey"])
        chosen = records[page.offset : page.offset + page.limit]
        return v1_json(200, [v1_document(r) for r in chosen])

    def asset_of(fake: FakeMambu, request: FakeRequest, asset: str) -> tuple[Record, Record | None]:
        query.check_params(request, set())
        client = fake.require("clients", request.path_params["id"])
        return client, fake.store["clientassets"].by_id(f"{client['encodedKey']}/{asset}")

    def client_key_field(fake: FakeMambu, client: Record, field: str, value: str | None) -> None:
        changed = dict(client)
        if value is None:
            changed.pop(field, None)
        else:
            changed[field] = value
        fake.store["clients"].put(changed)

    def asset_routes(asset: str) -> tuple[Handler, Handler, Handler]:
        def read(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
            _, stored = asset_of(fake, request, asset)
            if stored is None:
                raise not_found("INVALID_DOCUMENT_ID", f"The client has no {asset}")
            return v1_json(200, base64.b64encode(stored["content"]).decode("ascii"))

        def write(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
            client, stored = asset_of(fake, request, asset)
            body = request.json_object()
            _, name, file_type = _document_part(body)
            if file_type not in _IMAGE_TYPES:
                raise bad_request("FILE_EXTENSION_NOT_ALLOWED", f"A {asset} is an image, not {file_type}")
            content = _content(body)
            check_document(_file_name(name, file_type), name, content, max_bytes=fake.max_document_bytes)
            key = stored["encodedKey"] if stored is not None else fake.new_key()
            record: Record = {
                "encodedKey": key,
                "id": f"{client['encodedKey']}/{asset}",
                "name": name,
                "type": file_type,
                "content": content,
            }
            fake.store["clientassets"].put(record)
            client_key_field(fake, client, _ASSET_KEYS[asset], key)
            return v1_json(201, SUCCESS)

        def remove(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
            client, stored = asset_of(fake, request, asset)
            if stored is None:
                raise not_found("INVALID_DOCUMENT_ID", f"The client has no {asset}")
            fake.store["clientassets"].remove(stored["encodedKey"])
            client_key_field(fake, client, _ASSET_KEYS[asset], None)
            return v1_json(200, SUCCESS)

        return read, write, remove

    def image(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, {"size"})
        query.enum_param(request, "size", IMAGE_SIZES, "LARGE")
        stored = fake.store["clientassets"].get(request.path_params["id"])
        if stored is None or stored["encodedKey"] != request.path_params["id"]:
            key = request.path_params["id"]
            raise bad_request("INVALID_PARAMETERS", f"picture key {key!r} was not found")
        return v1_json(200, base64.b64encode(stored["content"]).decode("ascii"))

    fake.router.add("GET", "/images/{id}", v1_route(image))
    found_post = fake.router.resolve("POST", "/documents")
    found_get = fake.router.resolve("GET", "/documents/0")
    found_delete = fake.router.resolve("DELETE", "/documents/0")
    assert found_post and found_get and found_delete, "the v2 document routes are installed first"

    def upload_either(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        if request.upload is None and request.form is None and (request.body or is_v1(request)):
            return v1_route(upload)(fake, request)
        return found_post[0].handler(fake, request)

    fake.router.add("POST", "/documents", upload_either)
    fake.router.add("GET", "/documents/{id}", _split(v1_route(download), found_get[0].handler))
    fake.router.add("DELETE", "/documents/{id}", _split(v1_route(delete), found_delete[0].handler))
    fake.router.add("GET", "/documents", v1_route(list_documents))
    for prefix, owner_type in OWNER_PREFIXES.items():
        owner_routes(prefix, owner_type)
    for asset in ASSETS:
        read, write, remove = asset_routes(asset)
        fake.router.add("GET", f"/clients/{{id}}/documents/{asset}", v1_route(read))
        fake.router.add("POST", f"/clients/{{id}}/documents/{asset}", v1_route(write))
        fake.router.add("DELETE", f"/clients/{{id}}/documents/{asset}", v1_route(remove))
