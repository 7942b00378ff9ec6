"""What a client or a group holds beyond its accounts: its credit arrangements (Mambu v2's
``GET /clients/{id}/creditarrangements`` and ``GET /groups/{id}/creditarrangements``; v1 calls them lines
of credit), and for a client the GDPR anonymization (v1 ``POST /clients/{id}/action``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mambu_async.connector.validation import DetailsLevel
from mambu_async.entities.base import MambuEntity

if TYPE_CHECKING:
    from mambu_async.entities.credit_arrangement import MambuCreditArrangement

__all__ = ["AnonymizableMixin", "CreditArrangementHolderMixin"]


class CreditArrangementHolderMixin(MambuEntity):
    """``await holder.get_credit_arrangements()``."""

    async def get_credit_arrangements(
        self, *, offset: int | None = None, limit: int | None = None, details_level: DetailsLevel = "BASIC"
    ) -> list[MambuCreditArrangement]:
        """The credit arrangements this client or group holds, latest start date first."""
        from mambu_async.entities.credit_arrangement import MambuCreditArrangement

        return await MambuCreditArrangement.of_holder(
            type(self)._prefix,
            self._entity_id(),
            connector=self._require_connector(),
            offset=offset,
            limit=limit,
            details_level=details_level,
        )


class AnonymizableMixin(MambuEntity):
    """``await client.anonymize()``."""

    async def anonymize(self) -> None:
        """Anonymize this EXITED client (GDPR), then re-read it by its encodedKey: the names come back
        obfuscated, the personal fields gone and ``id`` new (the old id no longer answers).

        Raises ``MambuBadRequestError`` (``CLIENT_DOES_NOT_HAVE_EXITED_STATE``) for a client not EXITED.
        """
        connector = self._require_connector()
        await connector.mambu_anonymize_client(self._entity_id())
        await self.refresh()
