"""The async connector interfaces: MambuPy's operation set (seed 000), mended and extended.

Every operation takes and returns decoded wire JSON (Mambu's camelCase dicts and lists; non-integer
numbers as ``Decimal``); a 204 returns ``None``. Positional order and names follow MambuPy's interface
document. MambuPy's mismatches between its ABC and its REST class are mended here: comments take
paging arguments, ``mambu_make_disbursement`` keeps the documented order
``(loan_id, firstRepaymentDate, notes, valueDate, ...)``, ``mambu_make_repayment`` has no extra
positional argument, and ``mambu_delete`` / fee / adjust are part of the interface.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol, Self, TypeAlias

from mambu_async.connector.validation import DetailsLevel

if TYPE_CHECKING:
    import httpx

    from mambu_async.connector.streamed import DatabaseBackupBody

JSON = Any
"""Decoded JSON as Mambu sends it (dicts, lists, str, int, ``Decimal``, bool, ``None``)."""

PatchOperation = tuple[str, str] | tuple[str, str, Any] | dict[str, Any]
"""``(op, path[, value])`` or ``{"op", "path", "value"/"from"}``; ``op`` in any case."""

RequestTimeout: TypeAlias = "float | httpx.Timeout"
"""Seconds per request (connect at most 10 s) or an ``httpx.Timeout``."""

DocumentSource = str | os.PathLike[str] | bytes | BinaryIO
"""A document to upload: a path, the bytes themselves, or a binary file object."""


class PageInfo(Protocol):
    """What the per-page hook of a streaming pull receives."""

    entity: str
    offset: int
    count: int
    latency: float
    retries: int


class EntityStream(Protocol):
    """An async iterator over every matching record, closable before it ends."""

    def __aiter__(self) -> AsyncIterator[JSON]: ...

    async def __anext__(self) -> JSON: ...

    async def aclose(self) -> None:
        """Stop the stream and release what it holds (pages in flight)."""

    @property
    def cursor(self) -> str | None:
        """Opaque token to resume the pull after the last completed window."""
        ...


class MambuConnectorReader(ABC):
    """Read operations."""

    @abstractmethod
    async def mambu_get(
        self,
        entid: str,
        prefix: str,
        detailsLevel: DetailsLevel | None = None,
        *,
        details_level: DetailsLevel | None = None,
    ) -> JSON:
        """``GET /{prefix}/{entid}``: one entity by id or encodedKey (BASIC unless ``detailsLevel`` /
        ``details_level`` says FULL)."""

    @abstractmethod
    async def mambu_get_all(
        self,
        prefix: str,
        filters: dict[str, Any] | None = None,
        offset: int | None = None,
        limit: int | None = None,
        paginationDetails: str = "OFF",
        detailsLevel: DetailsLevel | None = None,
        sortBy: str | None = None,
        *,
        details_level: DetailsLevel | None = None,
        **kwargs: Any,
    ) -> list[JSON]:
        """``GET /{prefix}``: a list; ``limit=None`` means every match (paged transparently)."""

    @abstractmethod
    async def mambu_search(
        self,
        prefix: str,
        filterCriteria: list[dict[str, Any]] | None = None,
        sortingCriteria: dict[str, Any] | None = None,
        offset: int | None = None,
        limit: int | None = None,
        paginationDetails: str = "OFF",
        detailsLevel: DetailsLevel | None = None,
        *,
        details_level: DetailsLevel | None = None,
    ) -> list[JSON]:
        """``POST /{prefix}:search``: a list; ``limit=None`` means every match."""

    @abstractmethod
    def mambu_iterate(
        self,
        prefix: str,
        *,
        filters: dict[str, Any] | None = None,
        filterCriteria: list[dict[str, Any]] | None = None,
        sortingCriteria: dict[str, Any] | None = None,
        sortBy: str | None = None,
        detailsLevel: DetailsLevel | None = None,
        details_level: DetailsLevel | None = None,
        concurrency: int | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
        on_page: Callable[[PageInfo], None] | None = None,
    ) -> EntityStream:
        """Stream every match in a stable order with bounded memory (not awaited)."""

    @abstractmethod
    async def mambu_get_documents_metadata(
        self,
        entid: str,
        owner_type: str,
        offset: int | None = None,
        limit: int | None = None,
        paginationDetails: str = "OFF",
    ) -> list[JSON]:
        """``GET /documents/documentsMetadata?entity=..&ownerKey=..``."""

    @abstractmethod
    async def mambu_download_document(self, documentId: str) -> bytes:
        """``GET /documents/{documentId}``: the file's bytes (the one non-JSON result)."""

    @abstractmethod
    async def mambu_loanaccount_getSchedule(self, loanid: str) -> JSON:
        """``GET /loans/{loanid}/schedule``: ``{"installments": [...], "currency": ...}``."""

    @abstractmethod
    async def mambu_get_client_role(self, clientId: str) -> JSON:
        """``GET /clients/{clientId}/role``: the client's role (``ClientRole``)."""

    @abstractmethod
    async def mambu_get_customfield(self, customfieldid: str) -> JSON:
        """``GET /customfields/{customfieldid}``."""

    @abstractmethod
    async def mambu_get_organization(self) -> JSON:
        """``GET /setup/organization``: the organisation details (``timeZoneID`` and the like)."""

    @abstractmethod
    async def mambu_get_nonworkingdays(self) -> JSON:
        """``GET /organization/holidays/nonworkingdays``: ``{"nonWorkingDays": [...]}``."""

    @abstractmethod
    async def mambu_get_installments(
        self,
        dueFrom: Any,
        dueTo: Any,
        filters: dict[str, Any] | None = None,
        offset: int | None = None,
        limit: int | None = None,
        paginationDetails: str = "OFF",
    ) -> list[JSON]:
        """``GET /installments?dueFrom=&dueTo=``, filtered by ``productTypeKey``, ``accountState``,
        ``installmentState``; ``limit=None`` reads every match."""

    @abstractmethod
    async def mambu_creditarrangement_getAccounts(self, creditarrangementid: str) -> JSON:
        """``GET /creditarrangements/{id}/accounts``: ``{"loanAccounts": [...], "depositAccounts": [...]}``
        (the accounts linked to it)."""

    @abstractmethod
    async def mambu_get_index_rates(
        self, indexratesourceid: str, offset: int | None = None, limit: int | None = None
    ) -> list[JSON]:
        """``GET /indexratesources/{id}/indexrates``; ``limit=None`` reads every rate."""

    @abstractmethod
    async def mambu_search_communications(
        self,
        filterCriteria: list[dict[str, Any]] | None = None,
        offset: int | None = None,
        limit: int | None = None,
        detailsLevel: str = "BASIC",
    ) -> list[JSON]:
        """``POST /communications/messages:search`` (the body is the bare criteria array)."""

    @abstractmethod
    async def mambu_get_credit_arrangements(
        self,
        holder_prefix: str,
        holder_id: str,
        offset: int | None = None,
        limit: int | None = None,
        detailsLevel: str = "BASIC",
    ) -> list[JSON]:
        """``GET /clients/{id}/creditarrangements`` or ``GET /groups/{id}/creditarrangements``
        (``holder_prefix``): one holder's credit arrangements; ``limit=None`` reads every one."""

    @abstractmethod
    async def mambu_get_gl_journal_entries(
        self,
        glAccountId: str,
        from_date: Any,
        to_date: Any,
        offset: int | None = None,
        limit: int | None = None,
    ) -> list[JSON]:
        """The journal entries of one GL account (``glCode``) booked between two dates, oldest first
        (``POST /gljournalentries:search``); ``limit=None`` reads every one."""

    @abstractmethod
    async def mambu_get_cards(self, depositid: str) -> list[JSON]:
        """``GET /deposits/{id}/cards``: the card references ``[{"referenceToken": ...}]``."""

    @abstractmethod
    async def mambu_get_authorization_holds(
        self,
        depositid: str,
        status: str | None = None,
        offset: int | None = None,
        limit: int | None = None,
    ) -> list[JSON]:
        """``GET /deposits/{id}/authorizationholds?status=``; ``limit=None`` reads every hold."""

    @abstractmethod
    async def mambu_get_comments(
        self,
        owner_id: str,
        owner_type: str,
        offset: int | None = None,
        limit: int | None = None,
        paginationDetails: str = "OFF",
    ) -> list[JSON]:
        """``GET /comments?ownerType=..&ownerKey=..``."""

    @abstractmethod
    def mambu_open_database_backup(
        self, databaseBackupVersion: str = "LATEST", chunk_size: int = 65536
    ) -> AbstractAsyncContextManager[DatabaseBackupBody]:
        """``GET /database/backup/{databaseBackupVersion}`` opened for streaming (``async with``): the
        archive's headers and its bytes in chunks of at most ``chunk_size``."""

    @abstractmethod
    async def mambu_download_database_backup(
        self,
        destination: str | os.PathLike[str] | BinaryIO,
        databaseBackupVersion: str = "LATEST",
        chunk_size: int = 65536,
    ) -> JSON:
        """The backup streamed into a file path, directory or binary file object: ``{"fileName",
        "lastModified", "contentType", "size", "path"}``."""

    @abstractmethod
    async def mambu_get_exchange_rates(
        self,
        currencyCode: str,
        offset: int | None = None,
        limit: int | None = None,
        paginationDetails: str = "OFF",
        from_date: Any = None,
        to_date: Any = None,
    ) -> list[JSON]:
        """``GET /currencies/{currencyCode}/rates?from=..&to=..``."""
    # -- Mambu Functions (seed 004, ``/api/mambu-functions``; connector/ops_functions.py) --

    @abstractmethod
    async def mambu_get_functions(
        self,
        extensionPointId: str | None = None,
        offset: int | None = None,
        limit: int | None = None,
        paginationDetails: str = "OFF",
    ) -> list[JSON]:
        """``GET /mambu-functions``; ``limit=None`` means every function."""

    @abstractmethod
    async def mambu_get_function(self, functionName: str) -> JSON:
        """``GET /mambu-functions/{functionName}``."""

    # -- v1 operations without a v2 equivalent (seeds 002, 003; connector/ops_v1.py) --

    @abstractmethod
    async def mambu_v1_get_documents(
        self, owner_type: str, owner_id: str, offset: int | None = None, limit: int | None = None
    ) -> list[JSON]:
        """v1 ``GET /documents?ownerType=&ownerId=``: the owner's documents (v1 shape)."""

    @abstractmethod
    async def mambu_v1_download_document(self, documentId: str) -> bytes:
        """v1 ``GET /documents/{documentId}``: the content, decoded from Mambu's base64 string."""

    @abstractmethod
    async def mambu_get_client_asset(self, client_id: str, asset: str) -> bytes:
        """v1 ``GET /clients/{client_id}/documents/{PROFILE_PICTURE|SIGNATURE}``: the image's bytes."""

    @abstractmethod
    async def mambu_get_image(self, imageId: str, size: str | None = None) -> bytes:
        """v1 ``GET /images/{imageId}?size=``: an image's bytes (a client's picture or signature key)."""

    @abstractmethod
    async def mambu_get_activities(
        self,
        from_date: Any,
        to_date: Any,
        filters: dict[str, Any] | None = None,
        offset: int | None = None,
        limit: int | None = None,
    ) -> list[JSON]:
        """v1 ``GET /activities?from=&to=`` (filters ``clientID``, ``loanAccountID``, ...)."""

    @abstractmethod
    async def mambu_get_indicator(self, indicator: str) -> JSON:
        """v1 ``GET /indicators/{indicator}``: one key performance indicator."""

    @abstractmethod
    async def mambu_global_search(
        self, query: str, types: Sequence[str] | None = None, limit: int | None = None
    ) -> JSON:
        """v1 ``GET /search?query=&type=[..]&limit=``: matches grouped by object type."""

    @abstractmethod
    async def mambu_get_client_types(self, for_type: str | None = None) -> list[JSON]:
        """v1 ``GET /clienttypes?for=CLIENTS|GROUPS``."""

    @abstractmethod
    async def mambu_get_group_role_names(self) -> list[JSON]:
        """v1 ``GET /grouprolenames``."""

    @abstractmethod
    async def mambu_get_custom_information(
        self, owner_prefix: str, owner_id: str, customFieldId: str
    ) -> list[JSON]:
        """v1 ``GET /{owner_prefix}/{owner_id}/custominformation/{customFieldId}``: the value records."""


class MambuConnectorWriter(ABC):
    """Write operations."""

    @abstractmethod
    async def mambu_loanaccount_updateSchedule(self, loanid: str, installments: list[dict[str, Any]]) -> JSON:
        """``PUT /loans/{loanid}/schedule`` with the edited installments; answers the schedule."""

    @abstractmethod
    async def mambu_creditarrangement_addAccount(
        self,
        creditarrangementid: str,
        accountId: str,
        accountType: str,
        *,
        idempotency_key: str | None = None,
    ) -> JSON:
        """``POST /creditarrangements/{id}:addAccount`` ``{accountId, accountType}`` (LOAN or DEPOSIT)."""

    @abstractmethod
    async def mambu_creditarrangement_removeAccount(
        self,
        creditarrangementid: str,
        accountId: str,
        accountType: str,
        *,
        idempotency_key: str | None = None,
    ) -> JSON:
        """``POST /creditarrangements/{id}:removeAccount`` ``{accountId, accountType}``."""

    @abstractmethod
    async def mambu_create_card(
        self, depositid: str, referenceToken: str, *, idempotency_key: str | None = None
    ) -> JSON:
        """``POST /deposits/{id}/cards`` ``{"referenceToken": ...}``: the card reference."""

    @abstractmethod
    async def mambu_delete_card(self, depositid: str, referenceToken: str) -> JSON:
        """``DELETE /deposits/{id}/cards/{referenceToken}``."""

    @abstractmethod
    async def mambu_create_authorization_hold(
        self, cardReferenceToken: str, hold: dict[str, Any], *, idempotency_key: str | None = None
    ) -> JSON:
        """``POST /cards/{token}/authorizationholds`` (``externalReferenceId``, ``amount``, ``advice``...)."""

    @abstractmethod
    async def mambu_reverse_authorization_hold(
        self, cardReferenceToken: str, externalReferenceId: str
    ) -> JSON:
        """``DELETE /cards/{token}/authorizationholds/{externalReferenceId}``: the hold is reversed."""

    @abstractmethod
    async def mambu_adjust_authorization_hold(
        self,
        cardReferenceToken: str,
        externalReferenceId: str,
        action: str,
        amount: Any,
        currencyCode: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> JSON:
        """``POST /cards/{token}/authorizationholds/{externalReferenceId}:increase`` or ``:decrease``."""

    @abstractmethod
    async def mambu_make_card_transaction(
        self, cardReferenceToken: str, transaction: dict[str, Any], *, idempotency_key: str | None = None
    ) -> JSON:
        """``POST /cards/{token}/financialtransactions``: a card withdrawal (settling the hold named by
        ``externalAuthorizationReferenceId``)."""

    @abstractmethod
    async def mambu_reverse_card_transaction(
        self,
        cardReferenceToken: str,
        externalReferenceId: str,
        amount: Any,
        currencyCode: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> JSON:
        """``POST /cards/{token}/financialtransactions/{externalReferenceId}:decrease``."""

    @abstractmethod
    async def mambu_create_index_rate(
        self,
        indexratesourceid: str,
        rate: Any,
        startDate: Any,
        notes: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> JSON:
        """``POST /indexratesources/{id}/indexrates`` ``{rate, startDate, notes}``: the new index rate."""

    @abstractmethod
    async def mambu_send_communication(
        self, message: dict[str, Any], *, idempotency_key: str | None = None
    ) -> JSON:
        """``POST /communications/messages``: send an EMAIL, SMS or WEB_HOOK message; the created
        message."""

    @abstractmethod
    async def mambu_resend_communications(self, encodedKeys: list[str]) -> JSON:
        """``POST /communications/messages:resend``: resend failed messages by encodedKey (202)."""

    @abstractmethod
    async def mambu_depositproduct_batchUpdate(
        self, productid: str, action: str = "UPDATE_INTEREST_SETTINGS", *, idempotency_key: str | None = None
    ) -> JSON:
        """``POST /depositproducts/{productid}:batchUpdate`` ``{"action": ...}``: ``{"state": "QUEUED"}``."""

    @abstractmethod
    async def mambu_update(self, entid: str, prefix: str, attrs: dict[str, Any]) -> JSON:
        """``PUT /{prefix}/{entid}`` with the complete document."""

    @abstractmethod
    async def mambu_create(self, prefix: str, attrs: dict[str, Any]) -> JSON:
        """``POST /{prefix}``: the created entity."""

    @abstractmethod
    async def mambu_patch(
        self, entid: str, prefix: str, fields: Sequence[PatchOperation]
    ) -> JSON:
        """``PATCH /{prefix}/{entid}`` with JSON-patch operations (204 → ``None``)."""

    @abstractmethod
    async def mambu_delete(self, entid: str, prefix: str) -> JSON:
        """``DELETE /{prefix}/{entid}`` (204 → ``None``)."""

    @abstractmethod
    async def mambu_upload_document(
        self,
        owner_type: str,
        entid: str,
        filename: DocumentSource,
        name: str,
        notes: str | None = None,
        file_name: str | None = None,
    ) -> JSON:
        """``POST /documents`` (multipart): ``filename`` is a path, bytes or a binary file object;
        ``file_name`` names the upload when the source is not a path."""

    @abstractmethod
    async def mambu_delete_document(self, documentId: str) -> JSON:
        """``DELETE /documents/{documentId}``."""

    @abstractmethod
    async def mambu_change_state(
        self, entid: str, prefix: str, action: str, notes: str | None = None
    ) -> JSON:
        """``POST /{prefix}/{entid}:changeState`` with ``{action, notes}``."""

    @abstractmethod
    async def mambu_action(
        self, entid: str, prefix: str, action: str, body: dict[str, Any] | None = None
    ) -> JSON:
        """``POST /{prefix}/{entid}:{action}`` (``payOff``, ``lock``, ``startMaturity``, ...)."""

    @abstractmethod
    async def mambu_comment(self, owner_id: str, owner_type: str, text: str) -> JSON:
        """``POST /comments`` with ``{ownerKey, ownerType, text}``."""

    @abstractmethod
    async def mambu_loanaccount_writeoff(self, loanid: str, notes: str | None = None) -> JSON:
        """``POST /loans/{loanid}:writeOff``."""

    @abstractmethod
    async def mambu_make_disbursement(
        self,
        loan_id: str,
        firstRepaymentDate: Any = None,
        notes: str | None = None,
        valueDate: Any = None,
        allowed_fields: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /loans/{loan_id}/disbursement-transactions``."""

    @abstractmethod
    async def mambu_make_repayment(
        self,
        loan_id: str,
        amount: Any,
        notes: str | None = None,
        valueDate: Any = None,
        allowed_fields: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /loans/{loan_id}/repayment-transactions``."""

    @abstractmethod
    async def mambu_make_fee(
        self,
        loan_id: str,
        amount: Any,
        installmentNumber: int | None = None,
        notes: str | None = None,
        valueDate: Any = None,
        allowed_fields: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /loans/{loan_id}/fee-transactions``."""

    @abstractmethod
    async def mambu_loantransaction_adjust(self, transactionid: str, notes: str | None = None) -> JSON:
        """``POST /loans/transactions/{transactionid}:adjust``."""

    @abstractmethod
    async def mambu_make_deposit(
        self,
        deposit_id: str,
        amount: Any,
        notes: str | None = None,
        valueDate: Any = None,
        allowed_fields: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /deposits/{deposit_id}/deposit-transactions``."""

    @abstractmethod
    async def mambu_make_withdrawal(
        self,
        deposit_id: str,
        amount: Any,
        notes: str | None = None,
        valueDate: Any = None,
        allowed_fields: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /deposits/{deposit_id}/withdrawal-transactions``."""

    @abstractmethod
    async def mambu_make_transfer(
        self,
        deposit_id: str,
        amount: Any,
        transferDetails: dict[str, Any],
        notes: str | None = None,
        valueDate: Any = None,
        allowed_fields: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /deposits/{deposit_id}/transfer-transactions``."""

    @abstractmethod
    async def mambu_make_deposit_fee(
        self,
        deposit_id: str,
        amount: Any = None,
        notes: str | None = None,
        allowed_fields: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /deposits/{deposit_id}/fee-transactions``."""

    @abstractmethod
    async def mambu_deposittransaction_adjust(
        self, transactionid: str, notes: str | None = None, **kwargs: Any
    ) -> JSON:
        """``POST /deposits/transactions/{transactionid}:adjust``."""

    @abstractmethod
    async def mambu_trigger_database_backup(self, callback: str | None = None) -> JSON:
        """``POST /database/backup`` (``{"callback": url}`` when given): ``{"state": "QUEUED"}``."""

    @abstractmethod
    async def mambu_create_exchange_rate(
        self, currencyCode: str, buyRate: Any, sellRate: Any, startDate: Any = None
    ) -> JSON:
        """``POST /currencies/{currencyCode}/rates`` with ``{buyRate, sellRate[, startDate]}``."""
    # -- Mambu Functions (seed 004, ``/api/mambu-functions``; connector/ops_functions.py) --

    @abstractmethod
    async def mambu_create_function(
        self,
        name: str,
        extensionPointId: str,
        version: str,
        code: str | bytes,
        languageId: str = "es2020",
    ) -> JSON:
        """``POST /mambu-functions`` (``code`` is the source; sent base64-encoded)."""

    @abstractmethod
    async def mambu_update_function(
        self, functionName: str, version: str, code: str | bytes, languageId: str = "es2020"
    ) -> JSON:
        """``PUT /mambu-functions/{functionName}`` with the new version and code."""

    @abstractmethod
    async def mambu_delete_function(self, functionName: str) -> JSON:
        """``DELETE /mambu-functions/{functionName}``: schedules the removal (204 → ``None``)."""

    # -- v1 operations without a v2 equivalent (seeds 002, 003; connector/ops_v1.py) --

    @abstractmethod
    async def mambu_v1_upload_document(
        self,
        owner_type: str,
        entid: str,
        filename: DocumentSource,
        name: str,
        notes: str | None = None,
        file_name: str | None = None,
    ) -> JSON:
        """v1 ``POST /documents`` with ``{document: {...}, documentContent: base64}``."""

    @abstractmethod
    async def mambu_anonymize_client(self, client_id: str) -> JSON:
        """v1 ``POST /clients/{client_id}/action`` ``{"action": "ANONYMIZE"}``: erase an EXITED client's
        identifiable data (GDPR); the ExecutionStatus."""

    @abstractmethod
    async def mambu_v1_delete_document(self, documentId: str) -> JSON:
        """v1 ``DELETE /documents/{documentId}``: ``{"returnCode": 0, "returnStatus": "SUCCESS"}``."""

    @abstractmethod
    async def mambu_set_client_asset(
        self,
        client_id: str,
        asset: str,
        filename: DocumentSource,
        name: str | None = None,
        file_name: str | None = None,
    ) -> JSON:
        """v1 ``POST /clients/{client_id}/documents/{PROFILE_PICTURE|SIGNATURE}``: add or replace it."""

    @abstractmethod
    async def mambu_delete_client_asset(self, client_id: str, asset: str) -> JSON:
        """v1 ``DELETE /clients/{client_id}/documents/{PROFILE_PICTURE|SIGNATURE}``."""

    @abstractmethod
    async def mambu_set_custom_information(
        self, owner_prefix: str, owner_id: str, values: Sequence[dict[str, Any]]
    ) -> JSON:
        """v1 ``PATCH /{owner_prefix}/{owner_id}/custominformation`` with ``{customInformation: [...]}``."""

    @abstractmethod
    async def mambu_update_custom_information(
        self,
        owner_prefix: str,
        owner_id: str,
        customFieldId: str,
        value: Any,
        groupIndex: int | None = None,
    ) -> JSON:
        """v1 ``PATCH /{owner_prefix}/{owner_id}/custominformation/{customFieldId}[/{groupIndex}]``."""

    @abstractmethod
    async def mambu_delete_custom_information(
        self, owner_prefix: str, owner_id: str, customFieldId: str, groupIndex: int | None = None
    ) -> JSON:
        """v1 ``DELETE /{owner_prefix}/{owner_id}/custominformation/{customFieldId}[/{groupIndex}]``."""


class MambuConnector(MambuConnectorReader, MambuConnectorWriter):
    """A connector that reads and writes."""

    @abstractmethod
    def with_options(self, *, timeout: RequestTimeout | None = None, max_retries: int | None = None) -> Self:
        """A connector to the same tenant sharing this one's connections, concurrency limit and
        credentials, with ``timeout`` (seconds or an ``httpx.Timeout``) and/or ``max_retries`` changed
        (``None`` keeps the current value). Closing it leaves the shared connections open."""
