"""Entity writes: create, update, patch, delete, state changes and other ``:action`` posts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mambu_async import _json
from mambu_async.connector import validation as v
from mambu_async.connector.base import JSON, PatchOperation
from mambu_async.connector.ops_core import OperationsCore, entity_path
from mambu_async.connector.wire import ApiRequest

__all__ = ["WriteOperations"]


class WriteOperations(OperationsCore):
    """Writes to an entity by prefix and id."""

    async def mambu_update(self, entid: str, prefix: str, attrs: dict[str, Any]) -> JSON:
        """``PUT /{prefix}/{entid}`` with the complete document (retried: PUT is idempotent)."""
        path = entity_path(prefix, entid)
        body = v.check_body(attrs)
        return await self._call(ApiRequest("PUT", path, body=_json.dumps(body)))

    async def mambu_create(
        self, prefix: str, attrs: dict[str, Any], *, idempotency_key: str | None = None
    ) -> JSON:
        """``POST /{prefix}``: the created entity."""
        path = f"/{v.require_prefix(prefix)}"
        return await self._post(path, v.check_body(attrs), idempotency_key)

    async def mambu_patch(self, entid: str, prefix: str, fields: Sequence[PatchOperation]) -> JSON:
        """``PATCH /{prefix}/{entid}`` (``op`` upper-cased, ``path`` with a leading ``/``).

        Retried only when every operation is REPLACE or REMOVE (repeating ADD/MOVE may not be
        harmless) or when the request never reached the server.
        """
        path = entity_path(prefix, entid)
        ops = v.check_patch_ops(fields)
        safe = all(op["op"] in ("REPLACE", "REMOVE") for op in ops)
        return await self._call(ApiRequest("PATCH", path, body=_json.dumps(ops), retry_safe=safe))

    async def mambu_delete(self, entid: str, prefix: str) -> JSON:
        """``DELETE /{prefix}/{entid}`` (a retry answered 404 after a lost response counts as done)."""
        path = entity_path(prefix, entid)
        return await self._call(ApiRequest("DELETE", path))

    async def mambu_change_state(
        self,
        entid: str,
        prefix: str,
        action: str,
        notes: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> JSON:
        """``POST /{prefix}/{entid}:changeState`` with ``{action, notes}``.

        Credit arrangements take ``{action, actionDetails: {notes}}`` (api-semantics §7.4).
        """
        prefix = v.require_prefix(prefix)
        path = f"{entity_path(prefix, entid)}:changeState"
        checked = v.check_state_action(prefix, action)
        text = v.check_text(notes, "notes")
        body: dict[str, Any] = {"action": checked}
        if text is not None:
            if prefix.split("/")[0] == "creditarrangements":
                body["actionDetails"] = {"notes": text}
            else:
                body["notes"] = text
        return await self._post(path, body, idempotency_key)

    async def mambu_action(
        self,
        entid: str,
        prefix: str,
        action: str,
        body: dict[str, Any] | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> JSON:
        """``POST /{prefix}/{entid}:{action}`` (``payOff``, ``lock``, ``startMaturity``, ...)."""
        path = f"{entity_path(prefix, entid)}:{v.check_action_name(action)}"
        rendered = None if body is None else v.check_body(body, "body")
        return await self._post(path, rendered, idempotency_key)
