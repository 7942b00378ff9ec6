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
from typing import Any, BinaryIO, Protocol

JSON = Any
"""Decoded JSON as Mambu sends it (dicts, lists, str, int, ``Decimal``, bool, ``None``)."""

PatchOperation = tuple[str, str] | tuple[str, str, Any] | dict[str, Any]
"""``(op, path[, value])`` or ``{"op", "path", "value"/"from"}``; ``op`` in any case."""

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
    async def mambu_get(self, entid: str, prefix: str, detailsLevel: str = "BASIC") -> JSON:
        """``GET /{prefix}/{entid}``: one entity by id or encodedKey."""

    @abstractmethod
    async def mambu_get_all(
        self,
        prefix: str,
        filters: dict[str, Any] | None = None,
        offset: int | None = None,
        limit: int | None = None,
        paginationDetails: str = "OFF",
        detailsLevel: str = "BASIC",
        sortBy: str | None = None,
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
        detailsLevel: str = "BASIC",
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
        detailsLevel: str = "BASIC",
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


class MambuConnector(MambuConnectorReader, MambuConnectorWriter):
    """A connector that reads and writes."""
