"""Deposit product actions: ``POST /depositproducts/{id}:batchUpdate`` (depositproducts.json)."""

from __future__ import annotations

from mambu_async.entities.base import MambuEntity
from mambu_async.errors import MambuResponseError

__all__ = ["DepositProductActionsMixin"]


class DepositProductActionsMixin(MambuEntity):
    """``batch_update()``: apply the product's interest settings to its existing accounts."""

    async def batch_update(self, action: str = "UPDATE_INTEREST_SETTINGS") -> str:
        """``:batchUpdate`` with ``action`` (Mambu's one action is ``UPDATE_INTEREST_SETTINGS``, applied to
        every account of the product by the end-of-day job); returns the state Mambu reports (``QUEUED``)."""
        data = await self._require_connector().mambu_depositproduct_batchUpdate(self._entity_id(), action)
        state = data.get("state") if isinstance(data, dict) else None
        if not isinstance(state, str):
            raise MambuResponseError("expected {'state': ...}", body=data)
        return state
