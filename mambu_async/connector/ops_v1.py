"""Mambu API v1 operations that have no v2 equivalent (seeds 002 and 003).

They share ``/api`` with v2; the Accept header picks the version (api-semantics §1), so these requests
send ``Accept: application/json`` instead of v2's vendor type, ``Content-Type: application/json`` only with
a body, and no ``Idempotency-Key`` (a v2 feature). v1 answers failures with ``{"returnCode",
"returnStatus", "errorSource"}``, mapped into the same ``MambuError`` tree as v2 bodies, and many writes
with the ExecutionStatus ``{"returnCode": 0, "returnStatus": "SUCCESS"}``, returned as is.

- Documents with base64 content: upload (``{document: {...}, documentContent}``), download (a JSON string
  of base64, decoded here), delete, list by owner; a client's profile picture and signature.
- Images by key (a client's ``profilePictureKey`` / ``profileSignatureKey``) in four sizes.
- Anonymizing an exited client (GDPR's right to be forgotten).
- Activities, key performance indicators, the object (global) search, client types, group role names.
- Custom information values of clients, groups, branches and centres, one field (or one group row) at a
  time.

Retries: GETs, DELETEs and the single-value PATCHes (they set one value) are retried; a document upload,
the multi-value PATCH (a grouped value without its index creates a new group) and the asset upload are
retried only when they provably never reached the server.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping, Sequence
from typing import Any

from mambu_async import _json
from mambu_async.connector import validation as v
from mambu_async.connector.base import JSON, DocumentSource
from mambu_async.connector.ops_core import OperationsCore, esc, query_params
from mambu_async.connector.ops_documents import DocumentOperations
from mambu_async.connector.wire import ApiRequest

__all__ = [
    "ACTIVITY_FILTERS",
    "CLIENT_ASSETS",
    "CLIENT_TYPE_FOR",
    "CUSTOM_INFORMATION_OWNERS",
    "GLOBAL_SEARCH_TYPES",
    "IMAGE_SIZES",
    "V1_ACCEPT",
    "V1_DOCUMENT_OWNER_TYPES",
    "V1Operations",
]

V1_ACCEPT = "application/json"
"""The Accept header of a v1 request (S2:L53, L147)."""

V1_DOCUMENT_OWNER_TYPES = (
    "CLIENT",
    "GROUP",
    "LOAN_ACCOUNT",
    "LOAN_PRODUCT",
    "DEPOSIT_ACCOUNT",
    "SAVINGS_ACCOUNT",
    "SAVINGS_PRODUCT",
    "BRANCH",
    "CENTRE",
    "USER",
    "LINE_OF_CREDIT",
    "GL_JOURNAL_ENTRY",
    "ID_DOCUMENT",
)
"""``documentHolderType`` / ``ownerType`` values of v1 documents (S3:L118-127, S2:L7689-7700, L9810)."""

CLIENT_ASSETS = ("PROFILE_PICTURE", "SIGNATURE")
"""A client's two image assets (S2:L7744-7888)."""

ACTIVITY_FILTERS = (
    "clientID",
    "groupID",
    "centreID",
    "branchID",
    "loanProductID",
    "savingsProductID",
    "loanAccountID",
    "savingsAccountID",
    "userID",
)
"""Query filters of ``GET /activities`` (S2:L819-840)."""

GLOBAL_SEARCH_TYPES = (
    "CLIENT",
    "GROUP",
    "LOAN_ACCOUNT",
    "SAVINGS_ACCOUNT",
    "USER",
    "CREDIT_OFFICER",
    "BRANCH",
    "CENTRE",
    "LINE_OF_CREDIT",
    "CUSTOM_FIELD_SELECTION",
    "FILTER_CUSTOM_FIELD_SELECTION",
)
"""Object types of the global search's answer (S2:L744-796)."""

IMAGE_SIZES = ("LARGE", "MEDIUM", "SMALL_THUMB", "TINY_THUMB")
"""``size`` values of ``GET /images/{imageId}`` (S2:L11801-11822)."""

CLIENT_TYPE_FOR = ("CLIENTS", "GROUPS")
"""``for`` values of ``GET /clienttypes`` (S2:L4284-4296)."""

CUSTOM_INFORMATION_OWNERS = ("clients", "groups", "branches", "centres")
"""URL prefixes whose v1 ``custominformation`` routes exist (S2:L1869-2179, L3651-3963, L7201-7510,
L11232-11544)."""

_INFORMATION_KEYS = frozenset({"customFieldID", "value", "customFieldSetGroupIndex"})


class V1Operations(OperationsCore):
    """The v1 operations listed in the module docstring."""

    # ------------------------------------------------------------------ sending

    @staticmethod
    def _v1(
        method: str,
        path: str,
        params: tuple[tuple[str, str], ...] = (),
        body: Any = None,
        *,
        retry_safe: bool = True,
    ) -> ApiRequest:
        return ApiRequest(
            method,
            path,
            params,
            body=None if body is None else _json.dumps(body),
            retry_safe=retry_safe,
            accept=V1_ACCEPT,
        )

    async def _content(self, request: ApiRequest) -> bytes:
        """The bytes of a v1 base64 answer (a JSON string, S3: "a Base64 string with quotes")."""
        response, _ = await self._execute(request)
        text = self._decode(request, response)
        if not isinstance(text, str):
            raise self._unexpected(request, response, text, "a base64 JSON string")
        try:
            return base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise self._unexpected(request, response, text, "base64 content") from None

    @staticmethod
    async def _document_body(
        holder_type: str, holder: str, source: DocumentSource, name: str | None, file_name: str | None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """``({document}, {documentContent})`` parts: ``type`` is the file's extension."""
        upload = await DocumentOperations._read_upload(source, file_name, name or "")
        extension = upload.file_name.rsplit(".", 1)[1].upper()
        document = {
            "documentHolderKey": holder,
            "documentHolderType": holder_type,
            "name": name if name is not None else upload.file_name.rsplit(".", 1)[0],
            "type": extension,
        }
        return document, {"documentContent": base64.b64encode(upload.content).decode("ascii")}

    # ------------------------------------------------------------------ documents

    async def mambu_v1_upload_document(
        self,
        owner_type: str,
        entid: str,
        filename: DocumentSource,
        name: str,
        notes: str | None = None,
        file_name: str | None = None,
    ) -> JSON:
        """v1 ``POST /documents``: ``{"document": {documentHolderKey, documentHolderType, name, type,
        description}, "documentContent": base64}``; ``type`` is the file name's extension.

        ``filename`` is a path, bytes or a binary file object (``file_name`` names bytes); ``entid`` is the
        owner's encodedKey (Mambu's ``documentHolderKey``). Returns the v1 document.
        """
        kind = v.check_choice(owner_type, "owner_type", V1_DOCUMENT_OWNER_TYPES)
        holder = v.require_id(entid)
        title = v.check_text(name, "name", optional=False)
        text = v.check_text(notes, "notes")
        document, content = await self._document_body(kind, holder, filename, title, file_name)
        if text is not None:
            document["description"] = text
        request = self._v1("POST", "/documents", body={"document": document, **content}, retry_safe=False)
        return await self._call_object(request)

    async def mambu_v1_download_document(self, documentId: str) -> bytes:
        """v1 ``GET /documents/{documentId}`` (id or encodedKey): the content, decoded from base64."""
        return await self._content(self._v1("GET", f"/documents/{esc(documentId, 'documentId')}"))

    async def mambu_v1_delete_document(self, documentId: str) -> JSON:
        """v1 ``DELETE /documents/{documentId}``: the ExecutionStatus ``{returnCode: 0, ...}``."""
        return await self._call(self._v1("DELETE", f"/documents/{esc(documentId, 'documentId')}"))

    async def mambu_v1_get_documents(
        self, owner_type: str, owner_id: str, offset: int | None = None, limit: int | None = None
    ) -> list[JSON]:
        """v1 ``GET /documents?ownerType=&ownerId=`` (one page): the owner's documents, v1 shape."""
        kind = v.check_choice(owner_type, "owner_type", V1_DOCUMENT_OWNER_TYPES)
        owner = v.require_id(owner_id, "owner_id")
        v.check_offset_limit(offset, limit, max_limit=v.MAX_PAGE_LIMIT)
        params = query_params(("ownerType", kind), ("ownerId", owner), ("offset", offset), ("limit", limit))
        return await self._call_list(self._v1("GET", "/documents", params))

    def _asset_path(self, client_id: str, asset: str) -> str:
        kind = v.check_choice(asset, "asset", CLIENT_ASSETS)
        return f"/clients/{esc(client_id, 'client_id')}/documents/{kind}"

    async def mambu_get_client_asset(self, client_id: str, asset: str) -> bytes:
        """v1 ``GET /clients/{client_id}/documents/PROFILE_PICTURE`` (or ``SIGNATURE``): the image."""
        return await self._content(self._v1("GET", self._asset_path(client_id, asset)))

    async def mambu_set_client_asset(
        self,
        client_id: str,
        asset: str,
        filename: DocumentSource,
        name: str | None = None,
        file_name: str | None = None,
    ) -> JSON:
        """v1 ``POST /clients/{client_id}/documents/PROFILE_PICTURE`` (or ``SIGNATURE``): add or replace
        the image (``type`` from the file name's extension; ``name`` defaults to the file's stem)."""
        path = self._asset_path(client_id, asset)
        title = v.check_text(name, "name")
        document, content = await self._document_body(
            "CLIENT", v.require_id(client_id, "client_id"), filename, title, file_name
        )
        return await self._call(self._v1("POST", path, body={"document": document, **content}))

    async def mambu_delete_client_asset(self, client_id: str, asset: str) -> JSON:
        """v1 ``DELETE /clients/{client_id}/documents/PROFILE_PICTURE`` (or ``SIGNATURE``)."""
        return await self._call(self._v1("DELETE", self._asset_path(client_id, asset)))

    async def mambu_get_image(self, imageId: str, size: str | None = None) -> bytes:
        """v1 ``GET /images/{imageId}?size=``: the image's bytes (Mambu sends base64). ``imageId`` is a
        client's ``profilePictureKey`` or ``profileSignatureKey``; ``size`` is one of
        :data:`IMAGE_SIZES` (``None``: as stored)."""
        chosen = None if size is None else v.check_choice(size, "size", IMAGE_SIZES)
        path = f"/images/{esc(imageId, 'imageId')}"
        return await self._content(self._v1("GET", path, query_params(("size", chosen))))

    # ------------------------------------------------------------------ clients

    async def mambu_anonymize_client(self, client_id: str) -> JSON:
        """v1 ``POST /clients/{client_id}/action`` ``{"action": "ANONYMIZE"}`` (S2:L7082-7175): erase an
        EXITED client's identifiable data; Mambu gives it a new id, so the old one then answers 404
        ``INVALID_CLIENT_ID``. Returns the ExecutionStatus ``{returnCode: 0, returnStatus: SUCCESS}``.

        Sent once: a retry after a lost answer would hit the renamed client, so it is retried only when
        it provably never reached the server.
        """
        path = f"/clients/{esc(client_id, 'client_id')}/action"
        return await self._call(self._v1("POST", path, body={"action": "ANONYMIZE"}, retry_safe=False))

    # ------------------------------------------------------------------ activities, indicators, search

    async def mambu_get_activities(
        self,
        from_date: Any,
        to_date: Any,
        filters: dict[str, Any] | None = None,
        offset: int | None = None,
        limit: int | None = None,
    ) -> list[JSON]:
        """v1 ``GET /activities?from=&to=``: the activity feed between two dates (both required; a
        ``date`` or a ``YYYY-MM-DD`` string), narrowed by ``filters`` such as ``{"clientID": key}``."""
        start = v.check_date(from_date, "from_date")
        end = v.check_date(to_date, "to_date")
        if start is None or end is None:
            raise v.fail("activities need from_date and to_date")
        if filters is not None and not isinstance(filters, Mapping):
            raise v.fail("filters must be a dict such as {'clientID': '8a...'}")
        unknown = sorted(set(filters or {}) - set(ACTIVITY_FILTERS))
        if unknown:
            raise v.fail(f"unknown activity filters {unknown}; Mambu takes {list(ACTIVITY_FILTERS)}")
        v.check_offset_limit(offset, limit, max_limit=v.MAX_PAGE_LIMIT)
        params = query_params(
            ("from", start),
            ("to", end),
            *v.render_filters(filters).items(),
            ("offset", offset),
            ("limit", limit),
        )
        return await self._call_list(self._v1("GET", "/activities", params))

    async def mambu_get_indicator(self, indicator: str) -> JSON:
        """v1 ``GET /indicators/{indicator}`` (``NUM_ACTIVE_CLIENTS``, ``GROSS_LOAN_PORTFOLIO``, ...)."""
        name = v.require_id(indicator, "indicator")
        if not name.isupper() or not name.replace("_", "").isalnum():
            raise v.fail(f"indicator must be an upper-case name such as 'NUM_CLIENTS', got {indicator!r}")
        return await self._call(self._v1("GET", f"/indicators/{name}"))

    async def mambu_global_search(
        self, query: str, types: Sequence[str] | None = None, limit: int | None = None
    ) -> JSON:
        """v1 ``GET /search?query=&type=[CLIENT,USER]&limit=``: ``{"CLIENT": [{selectionType,
        displayString, resultID, resultKey}], ...}``."""
        text = v.check_text(query, "query", optional=False)
        wanted: str | None = None
        if types is not None:
            if isinstance(types, str) or not types:
                raise v.fail("types must be a non-empty list such as ['CLIENT', 'USER']")
            chosen = [v.check_choice(t, "type", GLOBAL_SEARCH_TYPES) for t in types]
            wanted = "[" + ",".join(chosen) + "]"
        v.check_offset_limit(None, limit, max_limit=v.MAX_PAGE_LIMIT)
        params = query_params(("query", text), ("type", wanted), ("limit", limit))
        return await self._call_object(self._v1("GET", "/search", params))

    async def mambu_get_client_types(self, for_type: str | None = None) -> list[JSON]:
        """v1 ``GET /clienttypes`` (``for_type``: ``CLIENTS`` or ``GROUPS``, sent as ``for``)."""
        chosen = None if for_type is None else v.check_choice(for_type, "for_type", CLIENT_TYPE_FOR)
        return await self._call_list(self._v1("GET", "/clienttypes", query_params(("for", chosen))))

    async def mambu_get_group_role_names(self) -> list[JSON]:
        """v1 ``GET /grouprolenames``: ``[{encodedKey, name}]``."""
        return await self._call_list(self._v1("GET", "/grouprolenames"))

    # ------------------------------------------------------------------ custom information

    @staticmethod
    def _information_path(owner_prefix: str, owner_id: str, *rest: str) -> str:
        prefix = v.check_choice(owner_prefix, "owner_prefix", CUSTOM_INFORMATION_OWNERS)
        tail = "".join(f"/{part}" for part in rest)
        return f"/{prefix}/{esc(owner_id, 'owner_id')}/custominformation{tail}"

    @staticmethod
    def _group_index(groupIndex: Any) -> str | None:
        if groupIndex is None:
            return None
        if isinstance(groupIndex, bool) or not isinstance(groupIndex, int) or groupIndex < 0:
            raise v.fail(f"groupIndex must be a non-negative integer, got {groupIndex!r}")
        return str(groupIndex)

    @staticmethod
    def _information_value(value: Any, path: str) -> str:
        """v1 custom values are strings (S2:L7245): booleans as ``TRUE``/``FALSE``, dates ISO."""
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        rendered = v.render_value(value, path)
        if isinstance(rendered, dict | list) or rendered is None:
            raise v.fail(f"{path}: a custom field value is one str, number, bool or date")
        return str(rendered)

    async def mambu_get_custom_information(
        self, owner_prefix: str, owner_id: str, customFieldId: str
    ) -> list[JSON]:
        """v1 ``GET /{owner_prefix}/{owner_id}/custominformation/{customFieldId}``: the field's value
        records (one per group row of a grouped set), each with its ``customField`` definition."""
        path = self._information_path(owner_prefix, owner_id, esc(customFieldId, "customFieldId"))
        return await self._call_list(self._v1("GET", path))

    async def mambu_set_custom_information(
        self, owner_prefix: str, owner_id: str, values: Sequence[dict[str, Any]]
    ) -> JSON:
        """v1 ``PATCH /{owner_prefix}/{owner_id}/custominformation`` with ``{"customInformation":
        [{customFieldID, value, customFieldSetGroupIndex}]}``; an entry of a grouped set without its
        index adds a new group row."""
        if isinstance(values, Mapping | str) or not isinstance(values, Sequence) or not values:
            raise v.fail("values must be a non-empty list of {'customFieldID', 'value'} dicts")
        entries: list[dict[str, str]] = []
        for i, item in enumerate(values):
            if not isinstance(item, Mapping) or set(item) - _INFORMATION_KEYS:
                raise v.fail(f"values[{i}] takes customFieldID, value, customFieldSetGroupIndex")
            entry = {
                "customFieldID": v.require_id(item.get("customFieldID"), f"values[{i}].customFieldID"),
                "value": self._information_value(item.get("value"), f"values[{i}].value"),
            }
            index = self._group_index(item.get("customFieldSetGroupIndex"))
            if index is not None:
                entry["customFieldSetGroupIndex"] = index
            entries.append(entry)
        path = self._information_path(owner_prefix, owner_id)
        request = self._v1("PATCH", path, body={"customInformation": entries}, retry_safe=False)
        return await self._call(request)

    async def mambu_update_custom_information(
        self,
        owner_prefix: str,
        owner_id: str,
        customFieldId: str,
        value: Any,
        groupIndex: int | None = None,
    ) -> JSON:
        """v1 ``PATCH .../custominformation/{customFieldId}[/{groupIndex}]`` with ``{"value"}``."""
        index = self._group_index(groupIndex)
        parts = [esc(customFieldId, "customFieldId"), *([index] if index is not None else [])]
        path = self._information_path(owner_prefix, owner_id, *parts)
        body = {"value": self._information_value(value, "value")}
        return await self._call(self._v1("PATCH", path, body=body))

    async def mambu_delete_custom_information(
        self, owner_prefix: str, owner_id: str, customFieldId: str, groupIndex: int | None = None
    ) -> JSON:
        """v1 ``DELETE .../custominformation/{customFieldId}[/{groupIndex}]``: removes the value."""
        index = self._group_index(groupIndex)
        parts = [esc(customFieldId, "customFieldId"), *([index] if index is not None else [])]
        return await self._call(self._v1("DELETE", self._information_path(owner_prefix, owner_id, *parts)))
