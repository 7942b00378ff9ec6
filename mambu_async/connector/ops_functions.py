"""The Mambu Functions API (seed 004): list, create, get, replace and delete functions.

Functions live under their own base path, ``/api/mambu-functions``, and speak v2's conventions (the
``application/vnd.mambu.v2+json`` Accept header, ``offset``/``limit``/``paginationDetails``, error bodies
``{"errors": [{"errorCode", "errorReason", "errorSource"}]}`` mapped into the usual ``MambuError`` tree).
A function's code travels base64-encoded (``functionCode.code``): these operations take the source as
``str`` or ``bytes`` and encode it. The API documents no ``Idempotency-Key``, so a create is sent without
one and, like any non-idempotent request, retried only when it provably never reached the server (a
retried create could only meet ``MFUNCTION_ALREADY_EXISTS``).
"""

from __future__ import annotations

import base64
from typing import Any

from mambu_async import _json
from mambu_async.connector import validation as v
from mambu_async.connector.base import JSON
from mambu_async.connector.ops_core import OperationsCore, esc, query_params
from mambu_async.connector.wire import ApiRequest

__all__ = ["FUNCTIONS_PATH", "FUNCTION_LANGUAGES", "FunctionOperations"]

FUNCTIONS_PATH = "/mambu-functions"
"""The Functions API's base path, relative to ``/api``."""

FUNCTION_LANGUAGES = ("es2020",)
"""``functionCode.languageId`` values (the ``MambuFunctionCode`` enum)."""


def _function_code(code: Any, languageId: Any) -> dict[str, str]:
    """``{"languageId", "code"}`` with the source base64-encoded."""
    language = v.check_choice(languageId, "languageId", FUNCTION_LANGUAGES)
    if isinstance(code, str):
        source = code.encode("utf-8")
    elif isinstance(code, bytes | bytearray):
        source = bytes(code)
    else:
        raise v.fail(f"code must be the function's source as str or bytes, got {type(code).__name__}")
    if not source.strip():
        raise v.fail("code must not be empty")
    return {"languageId": language, "code": base64.b64encode(source).decode("ascii")}


def _required_text(value: Any, name: str) -> str:
    text = v.check_text(value, name, optional=False)
    assert text is not None
    return text


class FunctionOperations(OperationsCore):
    """``/mambu-functions`` operations."""

    async def mambu_get_functions(
        self,
        extensionPointId: str | None = None,
        offset: int | None = None,
        limit: int | None = None,
        paginationDetails: str = "OFF",
    ) -> list[JSON]:
        """``GET /mambu-functions``: deployed functions, optionally of one extension point.

        ``limit=None`` reads every function (pages of ``page_size`` until a short page).
        """
        point = v.check_text(extensionPointId, "extensionPointId")
        v.check_offset_limit(offset, limit)
        pagination = v.check_choice(paginationDetails, "paginationDetails", v.PAGINATION_DETAILS)

        def page(off: int | None, lim: int | None) -> ApiRequest:
            params = query_params(
                ("extensionPointId", point),
                ("offset", off),
                ("limit", lim),
                ("paginationDetails", pagination),
            )
            return ApiRequest("GET", FUNCTIONS_PATH, params)

        if limit is not None and 0 < limit <= self.page_size:
            return await self._call_list(page(offset, limit))
        wanted = limit or None
        records: list[JSON] = []
        next_offset = offset or 0
        while wanted is None or len(records) < wanted:
            size = self.page_size if wanted is None else min(self.page_size, wanted - len(records))
            rows = await self._call_list(page(next_offset, size))
            records.extend(rows)
            if len(rows) < size:
                break
            next_offset += size
        return records

    async def mambu_get_function(self, functionName: str) -> JSON:
        """``GET /mambu-functions/{functionName}``: the function and its deployment ``state``."""
        return await self._call_object(
            ApiRequest("GET", f"{FUNCTIONS_PATH}/{esc(functionName, 'functionName')}")
        )

    async def mambu_create_function(
        self,
        name: str,
        extensionPointId: str,
        version: str,
        code: str | bytes,
        languageId: str = "es2020",
    ) -> JSON:
        """``POST /mambu-functions`` with ``{name, extensionPointId, version, functionCode}``.

        ``code`` is the source (encoded to base64 here). Returns the function with its ``state``
        (``ACTIVE``, ``CREATE_PENDING`` or ``FAILED``).
        """
        body = {
            "name": _required_text(name, "name"),
            "extensionPointId": _required_text(extensionPointId, "extensionPointId"),
            "version": _required_text(version, "version"),
            "functionCode": _function_code(code, languageId),
        }
        request = ApiRequest("POST", FUNCTIONS_PATH, body=_json.dumps(body), retry_safe=False)
        return await self._call_object(request)

    async def mambu_update_function(
        self, functionName: str, version: str, code: str | bytes, languageId: str = "es2020"
    ) -> JSON:
        """``PUT /mambu-functions/{functionName}`` with ``{version, functionCode}``: the new code.

        Returns the function with its ``state`` (``ACTIVE``, ``UPDATE_PENDING`` or ``FAILED``).
        """
        path = f"{FUNCTIONS_PATH}/{esc(functionName, 'functionName')}"
        body = {
            "version": _required_text(version, "version"),
            "functionCode": _function_code(code, languageId),
        }
        return await self._call_object(ApiRequest("PUT", path, body=_json.dumps(body)))

    async def mambu_delete_function(self, functionName: str) -> JSON:
        """``DELETE /mambu-functions/{functionName}`` (204 → ``None``): schedules the removal; the
        function stays listed in state ``REMOVING`` for Mambu's grace period (24 hours)."""
        return await self._call(ApiRequest("DELETE", f"{FUNCTIONS_PATH}/{esc(functionName, 'functionName')}"))
