"""Attachable entities: upload, list, download and delete documents (``/documents``, api-semantics §9.1).

``attach_document(source, name=..., notes=...)`` takes a path, bytes or a binary file object (bytes are
named by ``file_name=``, or by ``name`` when it has an extension: ``name="contract.pdf"``). Mambu's
rules are checked before anything is read or sent: the file name (exactly one extension from Mambu's
list, no ``/ < > | : & ? * [ ] # \\ " ' ``` characters, at most 256 characters), the title (at most 256
characters, none of those characters) and the size (at most 50 MiB). A file opened from a path is closed
again; a file object the caller passed stays open (its position moves to the end).
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import IO, Any

from mambu_async.connector.base import DocumentSource
from mambu_async.connector.validation import (
    check_document_file_name,
    check_document_size,
    check_text,
)
from mambu_async.entities.base import MambuEntity
from mambu_async.entities.behaviours.comments import owner_type_of
from mambu_async.entities.document import MambuDocument
from mambu_async.errors import MambuResponseError, MambuValidationError

__all__ = ["AttachableMixin", "check_document_title"]

_TITLE_FORBIDDEN = frozenset("/<>|:&?*[]#\\\"'`")


def check_document_title(name: Any) -> str:
    """A document's title (``name``): non-empty text of at most 256 characters, none forbidden."""
    text = check_text(name, "name", optional=False)
    assert text is not None
    if len(text) > 256:
        raise MambuValidationError("a document name is at most 256 characters")
    bad = sorted(set(text) & _TITLE_FORBIDDEN)
    if bad:
        raise MambuValidationError(f"document name {text!r} contains forbidden characters {bad}")
    return text


def _read_path(path: Path) -> bytes:
    size = path.stat().st_size
    check_document_size(size)
    with path.open("rb") as handle:
        return handle.read()


def _read_file_object(handle: IO[bytes]) -> bytes:
    if handle.seekable():
        start = handle.tell()
        check_document_size(handle.seek(0, os.SEEK_END) - start)
        handle.seek(start)
    data = handle.read()
    if not isinstance(data, bytes):
        raise MambuValidationError("a document file object must be opened in binary mode")
    check_document_size(len(data))
    return data


def _named_upload(file_name: str | None, title: str | None) -> str | None:
    """``file_name``, else the title when it carries an extension (``contract.pdf``): Mambu takes the
    document's type from the upload's one extension."""
    if file_name is not None:
        return file_name
    return title if title is not None and "." in title else None


async def _load(source: DocumentSource, file_name: str | None, title: str | None) -> tuple[bytes, str]:
    """The content and the upload's file name, Mambu's rules checked before reading."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        name = check_document_file_name(file_name or path.name)
        try:
            content = await asyncio.to_thread(_read_path, path)
        except OSError as exc:
            raise MambuValidationError(f"cannot read document {path.name!r}: {exc.strerror}") from exc
        return content, name
    if isinstance(source, bytes | bytearray):
        named = _named_upload(file_name, title)
        if named is None:
            raise MambuValidationError(
                "pass file_name= or a name= with the file's extension (e.g. 'contract.pdf') to upload bytes"
            )
        name = check_document_file_name(named)
        check_document_size(len(source))
        return bytes(source), name
    if hasattr(source, "read"):
        raw_name = getattr(source, "name", None)
        guessed = os.path.basename(raw_name) if isinstance(raw_name, str) else None
        name = check_document_file_name(file_name or guessed or _named_upload(None, title))
        return await asyncio.to_thread(_read_file_object, source), name
    raise MambuValidationError(
        f"cannot upload a {type(source).__name__}: pass a path, bytes or a binary file"
    )


class AttachableMixin(MambuEntity):
    """Documents attached to this entity."""

    async def attach_document(
        self,
        source: DocumentSource,
        name: str | None = None,
        notes: str | None = None,
        *,
        file_name: str | None = None,
    ) -> MambuDocument:
        """Upload ``source`` (a path, bytes or a binary file object) as a document of this entity.

        ``name`` is the document's title (default: the file name); ``file_name`` names the upload when
        ``source`` is bytes or overrides the path's name. Without ``file_name``, bytes (or a file object
        without a name) are uploaded under ``name`` when it has an extension (``name="contract.pdf"``),
        which then gives the document its type. Returns the created document's metadata.
        """
        title = check_document_title(name) if name is not None else None
        text = check_text(notes, "notes")
        owner_type = owner_type_of(self)
        connector = self._require_connector()
        content, upload_name = await _load(source, file_name, title)
        data = await connector.mambu_upload_document(
            owner_type, self._entity_id(), content, title or upload_name, text, upload_name
        )
        if not isinstance(data, dict):
            raise MambuResponseError("expected the uploaded document's metadata", body=data)
        return MambuDocument._from_response(data, connector, "FULL")

    async def get_attachments_metadata(
        self, *, offset: int | None = None, limit: int | None = None
    ) -> list[MambuDocument]:
        """``GET /documents/documentsMetadata?entity=&ownerKey=``: this entity's documents."""
        connector = self._require_connector()
        rows = await connector.mambu_get_documents_metadata(
            self._entity_id(), owner_type_of(self), offset, limit
        )
        if not isinstance(rows, list):
            raise MambuResponseError("expected a list of documents", body=rows)
        return [MambuDocument._from_response(row, connector, "FULL") for row in rows]

    async def _find_document(self, document: MambuDocument | int | str | None, name: str | None) -> str:
        """The id of ``document`` (an id, encodedKey or metadata), or of the one document called ``name``."""
        if (document is None) == (name is None):
            raise MambuValidationError("pass either a document (id, key or MambuDocument) or document_name=")
        if isinstance(document, MambuDocument):
            owner = document.owner_key or document.document_holder_key
            if owner is not None and owner != self._raw.get("encodedKey", owner):
                raise MambuValidationError(f"document {document.id} does not belong to this entity")
            return document._document_ref()
        if document is not None:
            if isinstance(document, bool) or not isinstance(document, int | str) or str(document) == "":
                raise MambuValidationError("a document id must be a non-empty id or encodedKey")
            return str(document)
        matches = [d for d in await self.get_attachments_metadata() if name in (d.name, d.file_name)]
        if len(matches) != 1:
            found = "no document" if not matches else f"{len(matches)} documents"
            raise MambuValidationError(f"{found} named {name!r} attached to this entity")
        return matches[0]._document_ref()

    async def del_attachment(
        self, document: MambuDocument | int | str | None = None, *, document_name: str | None = None
    ) -> None:
        """``DELETE /documents/{id}`` for ``document`` (id, encodedKey or metadata) or ``document_name``."""
        ref = await self._find_document(document, document_name)
        await self._require_connector().mambu_delete_document(ref)

    async def download_document(
        self, document: MambuDocument | int | str | None = None, *, document_name: str | None = None
    ) -> bytes:
        """``GET /documents/{id}``: the content of ``document`` or of the one called ``document_name``."""
        ref = await self._find_document(document, document_name)
        return await self._require_connector().mambu_download_document(ref)
