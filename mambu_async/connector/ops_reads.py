"""Single-entity reads: one entity, a loan's schedule, a custom field definition."""

from __future__ import annotations

from mambu_async.connector import validation as v
from mambu_async.connector.base import JSON
from mambu_async.connector.ops_core import OperationsCore, entity_path, esc, query_params
from mambu_async.connector.validation import DetailsLevel
from mambu_async.connector.wire import ApiRequest

__all__ = ["ReadOperations"]


class ReadOperations(OperationsCore):
    """``GET`` operations that answer with one JSON object."""

    async def mambu_get(
        self,
        entid: str,
        prefix: str,
        detailsLevel: DetailsLevel | None = None,
        *,
        details_level: DetailsLevel | None = None,
    ) -> JSON:
        """``GET /{prefix}/{entid}?detailsLevel=``: one entity by id or encodedKey."""
        path = entity_path(prefix, entid)
        level = v.pick_details_level(detailsLevel, details_level)
        return await self._call_object(ApiRequest("GET", path, query_params(("detailsLevel", level))))

    async def mambu_loanaccount_getSchedule(self, loanid: str) -> JSON:
        """``GET /loans/{loanid}/schedule``."""
        return await self._call_object(ApiRequest("GET", f"/loans/{esc(loanid, 'loanid')}/schedule"))

    async def mambu_get_client_role(self, clientId: str) -> JSON:
        """``GET /clients/{clientId}/role``: the client's role (its client type, ``ClientRole``)."""
        path = f"/clients/{esc(clientId, 'clientId')}/role"
        return await self._call_object(ApiRequest("GET", path))

    async def mambu_get_customfield(self, customfieldid: str) -> JSON:
        """``GET /customfields/{customfieldid}``."""
        path = f"/customfields/{esc(customfieldid, 'customfieldid')}"
        return await self._call_object(ApiRequest("GET", path))
