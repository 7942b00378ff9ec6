"""Documents (attachments), v2 as MambuPy uses it (api-semantics §9.1, [EXT]).

``POST /documents`` (multipart: ``file``, ``name``, ``notes``, ``ownerType``, ``id`` = owner id or key)
→ 201 with the v2 ``Document`` JSON; ``GET /documents/documentsMetadata?entity=&ownerKey=`` → the owner's
documents; ``GET /documents/{id}`` → the file's bytes; ``DELETE /documents/{id}`` → 204. The content is
kept in the ``documentfiles`` collection under the document's encodedKey.

Uploads follow Mambu's size, name, extension and content rules (:mod:`.document_rules`); the owner
must exist (the owner kind's 404, 400 for an owner type the fake does not hold). The metadata list pages
with ``offset``/``limit``/``paginationDetails`` in upload order. A deleted document is gone for good:
its metadata, download and a second delete answer 404 ``INVALID_DOCUMENT_ID``. [INFERRED] An owner that
still has documents cannot be deleted (400 ``HAS_DOCUMENT_ATTACHED``, a member of Mambu's enum).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mambu_async.testing import query
from mambu_async.testing.apierror import bad_request
from mambu_async.testing.kinds import EntityKind, Field
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response, no_content
from mambu_async.testing.resources.crud import delete_record, list_records
from mambu_async.testing.resources.document_rules import check_document
from mambu_async.testing.resources.owners import OWNER_KINDS, resolve_owner
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu


def install(fake: FakeMambu) -> None:
    """Register the document kind and routes."""

    def drop_content(fake: FakeMambu, record: Record) -> None:
        fake.store["documentfiles"].remove(record["encodedKey"])

    kind = fake.add_kind(
        EntityKind(
            name="documents",
            prefix="documents",
            label="Document",
            not_found="INVALID_DOCUMENT_ID",
            id_style="int",
            sort_by={"creationDate": Field.at("creationDate", "datetime")},
            after_delete=[drop_content],
        )
    )

    def upload(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, set())
        form = request.form or {}
        if request.upload is None:
            raise bad_request("INVALID_PARAMETERS", "A multipart 'file' part is required")
        owner_type = form.get("ownerType")
        owner = resolve_owner(fake, owner_type, form.get("id"))
        file_name = request.upload.file_name
        name = form.get("name") or file_name
        extension = check_document(file_name, name, request.upload.content, max_bytes=fake.max_document_bytes)
        now = fake.clock.iso()
        record: Record = {
            "encodedKey": fake.new_key(),
            "id": fake.new_int_id("documents"),
            "name": name,
            "fileName": file_name,
            "fileSize": len(request.upload.content),
            "type": extension,
            "location": file_name,
            "ownerKey": owner["encodedKey"],
            "ownerType": owner_type,
            "creationDate": now,
            "lastModifiedDate": now,
        }
        if form.get("notes"):
            record["notes"] = form["notes"]
        for validator in kind.validators:
            validator(fake, record, None)
        fake.store["documents"].put(record)
        fake.store["documentfiles"].put(
            {
                "encodedKey": record["encodedKey"],
                "content": request.upload.content,
                "contentType": request.upload.content_type,
            }
        )
        for hook in kind.after_write:
            hook(fake, record, None)
        return json_response(201, dict(record))

    def metadata(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        owner = resolve_owner(fake, request.param("entity"), request.param("ownerKey"))
        records = fake.store["documents"].find(lambda d: d.get("ownerKey") == owner["encodedKey"])
        return list_records(fake, kind, request, records, extra_params=("entity", "ownerKey"))

    def download(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, set())
        record = fake.require("documents", request.path_params["id"])
        stored = fake.store["documentfiles"].get(record["encodedKey"]) or {}
        headers = {
            "content-type": str(stored.get("contentType") or "application/octet-stream"),
            "content-disposition": f'attachment; filename="{record.get("fileName", "")}"',
        }
        return FakeResponse(200, headers, bytes(stored.get("content", b"")))

    def delete(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, set())
        delete_record(fake, kind, fake.require("documents", request.path_params["id"]))
        return no_content()

    def owner_has_documents(fake: FakeMambu, owner: Record) -> None:
        if fake.store["documents"].find(lambda d: d.get("ownerKey") == owner["encodedKey"]):
            raise bad_request("HAS_DOCUMENT_ATTACHED", "Delete the documents attached to it first")

    for owner_kind in OWNER_KINDS.values():
        if owner_kind in fake.kinds:
            fake.kinds[owner_kind].delete_guards.append(owner_has_documents)

    fake.router.add("POST", "/documents", upload)
    fake.router.add("GET", "/documents/documentsMetadata", metadata)
    fake.router.add("GET", "/documents/{id}", download)
    fake.router.add("DELETE", "/documents/{id}", delete)
