"""``MambuDocument``: a file attached to a client, group, account, product, branch, centre or user.

The metadata is the generated ``Document`` of clients.json (``id`` is an integer, ``name``, ``type``,
``fileName``, ``fileSize``, ``location``, ``notes``, ``ownerKey``, ``ownerType``, dates); the v1 names
some tenants still answer with (``documentHolderKey``, ``documentHolderType``, ``originalFilename``,
``description``, ``createdByUserKey``, ``userName``) are typed too (api-semantics §9.1).

Documents are listed and uploaded through their owner (``await client.get_attachments_metadata()``,
``await client.attach_document(...)``; see :class:`~mambu_async.entities.behaviours.AttachableMixin`);
a document remembers the connector it was listed with, so ``await doc.download()`` and
``await doc.delete()`` work on it directly.
"""

from __future__ import annotations

from typing import Self

import attrs

from mambu_async.connector.base import MambuConnector, RequestTimeout
from mambu_async.connector.validation import DetailsLevel
from mambu_async.entities.base import MambuEntity
from mambu_async.entities.comment import OwnerType
from mambu_async.entities.generated.clients import Document
from mambu_async.errors import MambuValidationError

__all__ = ["MambuDocument"]


@attrs.define(slots=False, kw_only=True)
class MambuDocument(Document, MambuEntity):
    """A document's metadata; :meth:`download` fetches its content.

    Read-only: every field (Mambu sets them on upload).
    """

    _prefix = "documents"

    document_holder_key: str | None = None
    document_holder_type: OwnerType | str | None = None
    original_filename: str | None = None
    description: str | None = None
    created_by_user_key: str | None = None
    user_name: str | None = None

    @classmethod
    async def get(
        cls,
        entid: str,
        *,
        connector: MambuConnector,
        details_level: DetailsLevel = "FULL",
        timeout: RequestTimeout | None = None,
    ) -> Self:
        """Not available: ``GET /documents/{id}`` answers the file, not its metadata.

        List an owner's documents with ``get_attachments_metadata()``; fetch content with
        :meth:`download` or ``connector.mambu_download_document(id)``.
        """
        raise MambuValidationError(
            "a document's metadata is read through its owner: owner.get_attachments_metadata()"
        )

    def _document_ref(self) -> str:
        if self.id is not None:
            return str(self.id)
        return self._entity_id()

    async def download(self) -> bytes:
        """``GET /documents/{id}``: the file's content."""
        return await self._require_connector().mambu_download_document(self._document_ref())

    async def delete(self) -> None:
        """``DELETE /documents/{id}``."""
        await self._require_connector().mambu_delete_document(self._document_ref())
