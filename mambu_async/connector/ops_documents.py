"""Documents (attachments) and comments: listing, downloading, uploading, deleting, posting."""

from __future__ import annotations

import asyncio
import base64
import binascii
import mimetypes
import os
from pathlib import Path

from mambu_async.connector import validation as v
from mambu_async.connector.base import JSON, DocumentSource
from mambu_async.connector.ops_core import OperationsCore, esc, header, query_params
from mambu_async.connector.wire import ApiRequest, UploadFile

__all__ = ["DocumentOperations"]


class DocumentOperations(OperationsCore):
    """The ``/documents`` and ``/comments`` operations of an owner (client, group, loan, ...)."""

    async def mambu_get_documents_metadata(
        self,
        entid: str,
        owner_type: str,
        offset: int | None = None,
        limit: int | None = None,
        paginationDetails: str = "OFF",
    ) -> list[JSON]:
        """``GET /documents/documentsMetadata?entity={owner_type}&ownerKey={entid}`` (one request)."""
        owner = v.require_id(entid)
        return await self._owner_list(
            "/documents/documentsMetadata", "entity", owner, owner_type, offset, limit, paginationDetails
        )

    async def mambu_download_document(self, documentId: str) -> bytes:
        """``GET /documents/{documentId}``: the file's bytes.

        Mambu's v1 answers with a JSON string of base64 content (api-semantics §9.1); such a body is
        decoded. Any other body is the file itself (inferred for v2, which the sources do not show).
        """
        request = ApiRequest("GET", f"/documents/{esc(documentId, 'documentId')}")
        response, _ = await self._execute(request)
        content = response.content
        content_type = (header(response, "content-type") or "").lower()
        if "json" in content_type and content.lstrip().startswith(b'"'):
            text = self._decode(request, response)
            if isinstance(text, str):
                try:
                    return base64.b64decode(text, validate=True)
                except (binascii.Error, ValueError):
                    return text.encode("utf-8")
        return content

    async def mambu_upload_document(
        self,
        owner_type: str,
        entid: str,
        filename: DocumentSource,
        name: str,
        notes: str | None = None,
        file_name: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> JSON:
        """``POST /documents`` (multipart: ``ownerType``, ``id``, ``name``, ``notes``, ``file``).

        Bytes (or an unnamed file object) without ``file_name`` are uploaded under ``name`` when it has
        an extension (``contract.pdf``); a path keeps its own name unless ``file_name`` is given."""
        kind = v.check_choice(owner_type, "owner_type", v.OWNER_TYPES)
        owner = v.require_id(entid)
        title = v.check_text(name, "name", optional=False)
        text = v.check_text(notes, "notes")
        upload = await self._read_upload(filename, file_name, title or "")
        form = {"ownerType": kind, "id": owner, "name": title or ""}
        if text is not None:
            form["notes"] = text
        request = ApiRequest(
            "POST",
            "/documents",
            form=form,
            upload=upload,
            idempotency_key=self._idempotency_key(idempotency_key),
            retry_safe=True,
        )
        return await self._call(request)

    @staticmethod
    async def _read_upload(source: DocumentSource, file_name: str | None, title: str) -> UploadFile:
        by_title = title if "." in title else ""
        if isinstance(source, str | os.PathLike):
            path = Path(source)
            try:
                content = await asyncio.to_thread(path.read_bytes)
            except OSError as exc:
                raise v.fail(f"cannot read document {path.name!r}: {exc.strerror}") from exc
            name = file_name or path.name
        elif isinstance(source, bytes | bytearray):
            content = bytes(source)
            name = file_name or by_title
        elif hasattr(source, "read"):
            data = await asyncio.to_thread(source.read)
            if not isinstance(data, bytes):
                raise v.fail("a document file object must be opened in binary mode")
            content = data
            raw_name = getattr(source, "name", None)
            name = file_name or (os.path.basename(raw_name) if isinstance(raw_name, str) else "") or by_title
        else:
            raise v.fail(f"cannot upload a {type(source).__name__}: pass a path, bytes or a binary file")
        v.check_document_file_name(name)
        v.check_document_size(len(content))
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return UploadFile(file_name=name, content=content, content_type=content_type)

    async def mambu_delete_document(self, documentId: str) -> JSON:
        """``DELETE /documents/{documentId}``."""
        return await self._call(ApiRequest("DELETE", f"/documents/{esc(documentId, 'documentId')}"))

    async def mambu_get_comments(
        self,
        owner_id: str,
        owner_type: str,
        offset: int | None = None,
        limit: int | None = None,
        paginationDetails: str = "OFF",
    ) -> list[JSON]:
        """``GET /comments?ownerType=&ownerKey=`` (one request)."""
        owner = v.require_id(owner_id, "owner_id")
        return await self._owner_list(
            "/comments", "ownerType", owner, owner_type, offset, limit, paginationDetails
        )

    async def _owner_list(
        self,
        path: str,
        kind_param: str,
        owner: str,
        owner_type: str,
        offset: int | None,
        limit: int | None,
        paginationDetails: str,
    ) -> list[JSON]:
        """One page of an owner's documents or comments (``kind_param`` names the owner type)."""
        kind = v.check_choice(owner_type, "owner_type", v.OWNER_TYPES)
        v.check_offset_limit(offset, limit, max_limit=v.MAX_PAGE_LIMIT)
        pagination = v.check_choice(paginationDetails, "paginationDetails", v.PAGINATION_DETAILS)
        params = query_params(
            ("paginationDetails", pagination),
            (kind_param, kind),
            ("ownerKey", owner),
            ("offset", offset),
            ("limit", limit),
        )
        return await self._call_list(ApiRequest("GET", path, params))

    async def mambu_comment(
        self, owner_id: str, owner_type: str, text: str, *, idempotency_key: str | None = None
    ) -> JSON:
        """``POST /comments`` with ``{ownerKey, ownerType, text}``."""
        body = {
            "ownerKey": v.require_id(owner_id, "owner_id"),
            "ownerType": v.check_choice(owner_type, "owner_type", v.OWNER_TYPES),
            "text": v.check_text(text, "text", optional=False),
        }
        return await self._post("/comments", body, idempotency_key)
