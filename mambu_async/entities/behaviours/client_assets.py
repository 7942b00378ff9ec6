"""A client's profile picture and signature (v1 ``/clients/{id}/documents/PROFILE_PICTURE`` and
``SIGNATURE``, S2:L7744-7888): read, add or replace, delete.

Mambu v2 only shows the keys (``profilePictureKey``, ``profileSignatureKey``); the images themselves travel
through v1 as base64, which the connector encodes and decodes. After a write the client is re-read, so
those keys show Mambu's state.
"""

from __future__ import annotations

from mambu_async.connector.base import DocumentSource
from mambu_async.entities.base import MambuEntity

__all__ = ["ClientAssetsMixin"]


class ClientAssetsMixin(MambuEntity):
    """``get_/set_/delete_profile_picture()`` and ``get_/set_/delete_signature()``."""

    async def _get_asset(self, asset: str) -> bytes:
        return await self._require_connector().mambu_get_client_asset(self._entity_id(), asset)

    async def _set_asset(
        self, asset: str, source: DocumentSource, name: str | None, file_name: str | None
    ) -> None:
        connector = self._require_connector()
        await connector.mambu_set_client_asset(self._entity_id(), asset, source, name, file_name)
        await self.refresh()

    async def _delete_asset(self, asset: str) -> None:
        await self._require_connector().mambu_delete_client_asset(self._entity_id(), asset)
        await self.refresh()

    async def get_profile_picture(self) -> bytes:
        """The profile picture's bytes (``MambuNotFoundError`` when the client has none)."""
        return await self._get_asset("PROFILE_PICTURE")

    async def set_profile_picture(
        self, source: DocumentSource, *, name: str | None = None, file_name: str | None = None
    ) -> None:
        """Add or replace the profile picture from a path, bytes (with ``file_name=``) or a binary file."""
        await self._set_asset("PROFILE_PICTURE", source, name, file_name)

    async def delete_profile_picture(self) -> None:
        """Remove the profile picture."""
        await self._delete_asset("PROFILE_PICTURE")

    async def get_signature(self) -> bytes:
        """The signature image's bytes (``MambuNotFoundError`` when the client has none)."""
        return await self._get_asset("SIGNATURE")

    async def set_signature(
        self, source: DocumentSource, *, name: str | None = None, file_name: str | None = None
    ) -> None:
        """Add or replace the signature from a path, bytes (with ``file_name=``) or a binary file."""
        await self._set_asset("SIGNATURE", source, name, file_name)

    async def delete_signature(self) -> None:
        """Remove the signature."""
        await self._delete_asset("SIGNATURE")
