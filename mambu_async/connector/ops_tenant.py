"""Tenant-wide reads a bulk extractor needs and the writes of the same families: the organisation,
installments across loans, credit arrangement accounts (read, add, remove), index rates, communication
messages (search, send, resend), deposit cards and authorization holds (read, create, delete/reverse,
increase, decrease), an edited loan schedule, the deposit product batch update, new index rates, the credit
arrangements of one client or group and the journal entries of one GL account.

Lists whose endpoint is a plain ``GET /{prefix}`` (GL accounts, credit arrangements, holidays, index rate
sources) and ``:search`` endpoints with Mambu's usual body (GL journal entries, the interest accrual
breakdown, credit arrangements) go through ``mambu_get_all`` / ``mambu_search`` / ``mambu_iterate``.
"""

from __future__ import annotations

from typing import Any

from mambu_async import _json
from mambu_async.connector import validation as v
from mambu_async.connector.base import JSON
from mambu_async.connector.ops_core import OperationsCore, esc, query_params
from mambu_async.connector.wire import ApiRequest

__all__ = ["TenantOperations"]

HOLD_STATUSES = ("PENDING", "REVERSED", "SETTLED", "EXPIRED")
BATCH_ACTIONS = ("UPDATE_INTEREST_SETTINGS",)
ACCOUNT_TYPES = ("LOAN", "DEPOSIT")
HOLD_ADJUSTMENTS = ("increase", "decrease")
CREDIT_ARRANGEMENT_HOLDERS = ("clients", "groups")
"""URL prefixes of ``GET /{prefix}/{id}/creditarrangements`` (Mambu v2 clients and groups)."""
MESSAGE_TYPES = ("EMAIL", "SMS", "WEB_HOOK")
"""Types of message ``POST /communications/messages`` sends (S1:L4169-4171; webhooks: L4545)."""


class TenantOperations(OperationsCore):
    """The tenant-wide operations over :meth:`_send`."""

    async def _pages(
        self,
        method: str,
        path: str,
        params: tuple[tuple[str, str], ...],
        offset: int | None,
        limit: int | None,
        body: bytes | None = None,
    ) -> list[JSON]:
        """Every record from ``offset`` up to ``limit`` (``None``: all), a page of ``page_size`` at a time,
        until a short page."""
        v.check_offset_limit(offset, limit)
        out: list[JSON] = []
        start = offset or 0
        while limit is None or len(out) < limit:
            size = self.page_size if limit is None else min(self.page_size, limit - len(out))
            request = ApiRequest(
                method,
                path,
                params + query_params(("offset", start), ("limit", size)),
                body=body,
            )
            page = await self._call_list(request)
            out.extend(page)
            if len(page) < size:
                break
            start += size
        return out

    async def mambu_get_organization(self) -> JSON:
        """``GET /setup/organization``."""
        return await self._call_object(ApiRequest("GET", "/setup/organization"))

    async def mambu_get_nonworkingdays(self) -> JSON:
        """``GET /organization/holidays/nonworkingdays``."""
        return await self._call_object(ApiRequest("GET", "/organization/holidays/nonworkingdays"))

    async def mambu_get_installments(
        self,
        dueFrom: Any,
        dueTo: Any,
        filters: dict[str, Any] | None = None,
        offset: int | None = None,
        limit: int | None = None,
        paginationDetails: str = "OFF",
    ) -> list[JSON]:
        """``GET /installments?dueFrom=&dueTo=`` (dates), with ``productTypeKey``/``accountState``/
        ``installmentState`` filters."""
        start, end = v.check_date(dueFrom, "dueFrom"), v.check_date(dueTo, "dueTo")
        if start is None or end is None:
            raise v.fail("dueFrom and dueTo are required")
        extra = v.render_filters(filters)
        v.check_query_names(extra)
        v.check_choice(paginationDetails, "paginationDetails", v.PAGINATION_DETAILS)
        params = query_params(
            ("paginationDetails", paginationDetails), ("dueFrom", start), ("dueTo", end), *extra.items()
        )
        return await self._pages("GET", "/installments", params, offset, limit)

    async def mambu_creditarrangement_getAccounts(self, creditarrangementid: str) -> JSON:
        """``GET /creditarrangements/{id}/accounts``."""
        path = f"/creditarrangements/{esc(creditarrangementid, 'creditarrangementid')}/accounts"
        return await self._call_object(ApiRequest("GET", path))

    async def mambu_get_index_rates(
        self, indexratesourceid: str, offset: int | None = None, limit: int | None = None
    ) -> list[JSON]:
        """``GET /indexratesources/{id}/indexrates``."""
        path = f"/indexratesources/{esc(indexratesourceid, 'indexratesourceid')}/indexrates"
        return await self._pages("GET", path, (), offset, limit)

    async def mambu_search_communications(
        self,
        filterCriteria: list[dict[str, Any]] | None = None,
        offset: int | None = None,
        limit: int | None = None,
        detailsLevel: str = "BASIC",
    ) -> list[JSON]:
        """``POST /communications/messages:search`` with the criteria array as the body."""
        criteria = v.check_filter_criteria(filterCriteria) or []
        level = v.check_choice(detailsLevel, "detailsLevel", v.DETAILS_LEVELS)
        params = query_params(("detailsLevel", level))
        return await self._pages(
            "POST", "/communications/messages:search", params, offset, limit, _json.dumps(criteria)
        )

    async def mambu_get_cards(self, depositid: str) -> list[JSON]:
        """``GET /deposits/{id}/cards`` (the endpoint takes no paging parameters)."""
        return await self._call_list(ApiRequest("GET", f"/deposits/{esc(depositid, 'depositid')}/cards"))

    async def mambu_get_authorization_holds(
        self,
        depositid: str,
        status: str | None = None,
        offset: int | None = None,
        limit: int | None = None,
    ) -> list[JSON]:
        """``GET /deposits/{id}/authorizationholds?status=`` (no ``detailsLevel``: Mambu takes none)."""
        chosen = None if status is None else v.check_choice(status, "status", HOLD_STATUSES)
        path = f"/deposits/{esc(depositid, 'depositid')}/authorizationholds"
        return await self._pages("GET", path, query_params(("status", chosen)), offset, limit)

    async def mambu_loanaccount_updateSchedule(self, loanid: str, installments: list[dict[str, Any]]) -> JSON:
        """``PUT /loans/{loanid}/schedule`` with the edited installments (an array)."""
        if not isinstance(installments, list) or not all(isinstance(i, dict) for i in installments):
            raise v.fail("installments must be a list of installment dictionaries")
        body = [v.check_body(item, f"installments[{index}]") for index, item in enumerate(installments)]
        path = f"/loans/{esc(loanid, 'loanid')}/schedule"
        return await self._call_object(ApiRequest("PUT", path, body=_json.dumps(body)))

    async def mambu_depositproduct_batchUpdate(
        self, productid: str, action: str = "UPDATE_INTEREST_SETTINGS", *, idempotency_key: str | None = None
    ) -> JSON:
        """``POST /depositproducts/{productid}:batchUpdate``: 202 ``{"state": "QUEUED"}``."""
        checked = v.check_choice(action, "action", BATCH_ACTIONS)
        path = f"/depositproducts/{esc(productid, 'productid')}:batchUpdate"
        return await self._post(path, {"action": checked}, idempotency_key)

    async def _arrangement_account(
        self, action: str, creditarrangementid: str, accountId: str, accountType: str, key: str | None
    ) -> JSON:
        path = f"/creditarrangements/{esc(creditarrangementid, 'creditarrangementid')}:{action}"
        body = {
            "accountId": v.require_id(accountId, "accountId"),
            "accountType": v.check_choice(accountType, "accountType", ACCOUNT_TYPES),
        }
        return await self._post(path, body, key)

    async def mambu_creditarrangement_addAccount(
        self,
        creditarrangementid: str,
        accountId: str,
        accountType: str,
        *,
        idempotency_key: str | None = None,
    ) -> JSON:
        """``POST /creditarrangements/{id}:addAccount``."""
        return await self._arrangement_account(
            "addAccount", creditarrangementid, accountId, accountType, idempotency_key
        )

    async def mambu_creditarrangement_removeAccount(
        self,
        creditarrangementid: str,
        accountId: str,
        accountType: str,
        *,
        idempotency_key: str | None = None,
    ) -> JSON:
        """``POST /creditarrangements/{id}:removeAccount``."""
        return await self._arrangement_account(
            "removeAccount", creditarrangementid, accountId, accountType, idempotency_key
        )

    async def mambu_create_card(
        self, depositid: str, referenceToken: str, *, idempotency_key: str | None = None
    ) -> JSON:
        """``POST /deposits/{id}/cards``."""
        token = v.require_id(referenceToken, "referenceToken")
        path = f"/deposits/{esc(depositid, 'depositid')}/cards"
        return await self._post(path, {"referenceToken": token}, idempotency_key)

    async def mambu_delete_card(self, depositid: str, referenceToken: str) -> JSON:
        """``DELETE /deposits/{id}/cards/{referenceToken}``."""
        path = f"/deposits/{esc(depositid, 'depositid')}/cards/{esc(referenceToken, 'referenceToken')}"
        return await self._call(ApiRequest("DELETE", path))

    async def mambu_create_authorization_hold(
        self, cardReferenceToken: str, hold: dict[str, Any], *, idempotency_key: str | None = None
    ) -> JSON:
        """``POST /cards/{token}/authorizationholds``."""
        body = v.check_body(hold, "hold")
        v.check_amount(body.get("amount"))
        path = f"/cards/{esc(cardReferenceToken, 'cardReferenceToken')}/authorizationholds"
        return await self._post(path, body, idempotency_key)

    async def mambu_reverse_authorization_hold(
        self, cardReferenceToken: str, externalReferenceId: str
    ) -> JSON:
        """``DELETE /cards/{token}/authorizationholds/{externalReferenceId}``."""
        token = esc(cardReferenceToken, "cardReferenceToken")
        path = f"/cards/{token}/authorizationholds/{esc(externalReferenceId, 'externalReferenceId')}"
        return await self._call(ApiRequest("DELETE", path))

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
        """``POST /cards/{token}/authorizationholds/{externalReferenceId}:increase|:decrease``."""
        chosen = v.check_choice(action, "action", HOLD_ADJUSTMENTS)
        reference = v.require_id(externalReferenceId, "externalReferenceId")
        body: dict[str, Any] = {"externalReferenceId": reference, "amount": v.check_amount(amount)}
        if currencyCode is not None:
            body["currencyCode"] = v.check_text(currencyCode, "currencyCode")
        token = esc(cardReferenceToken, "cardReferenceToken")
        path = f"/cards/{token}/authorizationholds/{esc(reference, 'externalReferenceId')}:{chosen}"
        return await self._post(path, body, idempotency_key)

    async def mambu_make_card_transaction(
        self, cardReferenceToken: str, transaction: dict[str, Any], *, idempotency_key: str | None = None
    ) -> JSON:
        """``POST /cards/{token}/financialtransactions``."""
        body = v.check_body(transaction, "transaction")
        v.check_amount(body.get("amount"))
        path = f"/cards/{esc(cardReferenceToken, 'cardReferenceToken')}/financialtransactions"
        return await self._post(path, body, idempotency_key)

    async def mambu_reverse_card_transaction(
        self,
        cardReferenceToken: str,
        externalReferenceId: str,
        amount: Any,
        currencyCode: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> JSON:
        """``POST /cards/{token}/financialtransactions/{externalReferenceId}:decrease``: 204."""
        reference = v.require_id(externalReferenceId, "externalReferenceId")
        body: dict[str, Any] = {"externalReferenceId": reference, "amount": v.check_amount(amount)}
        if currencyCode is not None:
            body["currencyCode"] = v.check_text(currencyCode, "currencyCode")
        token = esc(cardReferenceToken, "cardReferenceToken")
        path = f"/cards/{token}/financialtransactions/{esc(reference, 'externalReferenceId')}:decrease"
        return await self._post(path, body, idempotency_key)

    async def mambu_get_credit_arrangements(
        self,
        holder_prefix: str,
        holder_id: str,
        offset: int | None = None,
        limit: int | None = None,
        detailsLevel: str = "BASIC",
    ) -> list[JSON]:
        """``GET /clients/{id}/creditarrangements`` (``holder_prefix="groups"``: a group's): the holder's
        credit arrangements (v1's lines of credit); ``limit=None`` reads every one."""
        prefix = v.check_choice(holder_prefix, "holder_prefix", CREDIT_ARRANGEMENT_HOLDERS)
        level = v.check_choice(detailsLevel, "detailsLevel", v.DETAILS_LEVELS)
        path = f"/{prefix}/{esc(holder_id, 'holder_id')}/creditarrangements"
        return await self._pages("GET", path, query_params(("detailsLevel", level)), offset, limit)

    async def mambu_get_gl_journal_entries(
        self,
        glAccountId: str,
        from_date: Any,
        to_date: Any,
        offset: int | None = None,
        limit: int | None = None,
    ) -> list[JSON]:
        """The journal entries of one GL account booked from ``from_date`` to ``to_date`` (both days
        included), oldest entry first: v1's ``GET /glaccounts/{id}/gljournalentries?from=&to=`` sent as
        v2's ``POST /gljournalentries:search`` (``glAccountId`` EQUALS, ``bookingDate`` BETWEEN).

        ``glAccountId`` is the account's ``glCode``; both dates are required, and a start after the end is
        refused before any request (v1 answers it with ``INVALID_ACCOUNTING_DATE_ORDER``).
        """
        code = v.require_id(glAccountId, "glAccountId")
        start, end = v.check_date(from_date, "from_date"), v.check_date(to_date, "to_date")
        if start is None or end is None:
            raise v.fail("from_date and to_date are required")
        if start[:10] > end[:10]:
            raise v.fail(f"from_date {start} is after to_date {end}")
        body = {
            "filterCriteria": [
                {"field": "glAccountId", "operator": "EQUALS", "value": code},
                {"field": "bookingDate", "operator": "BETWEEN", "value": start, "secondValue": end},
            ],
            "sortingCriteria": {"field": "entryId", "order": "ASC"},
        }
        return await self._pages("POST", "/gljournalentries:search", (), offset, limit, _json.dumps(body))

    async def mambu_create_index_rate(
        self,
        indexratesourceid: str,
        rate: Any,
        startDate: Any,
        notes: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> JSON:
        """``POST /indexratesources/{id}/indexrates`` ``{rate, startDate, notes}``: the new rate (v1's
        ``{"indexRate": {...}}`` on the same path). ``startDate`` is an aware datetime, a date or an ISO
        string."""
        start = v.check_date(startDate, "startDate")
        if start is None:
            raise v.fail("startDate is required")
        body: dict[str, Any] = {"rate": v.check_amount(rate, "rate"), "startDate": start}
        text = v.check_text(notes, "notes")
        if text is not None:
            body["notes"] = text
        path = f"/indexratesources/{esc(indexratesourceid, 'indexratesourceid')}/indexrates"
        return await self._post(path, body, idempotency_key)

    async def mambu_send_communication(
        self, message: dict[str, Any], *, idempotency_key: str | None = None
    ) -> JSON:
        """``POST /communications/messages``: send an EMAIL, SMS or WEB_HOOK message (``type``, ``body``,
        ``subject``, the recipient's ``clientKey``/``groupKey``/``userKey`` and/or ``destination``); the
        created message, whose ``state`` says whether it went out."""
        body = v.check_body(message, "message")
        v.check_choice(body.get("type"), "message type", MESSAGE_TYPES)
        return await self._post("/communications/messages", body, idempotency_key)

    async def mambu_resend_communications(self, encodedKeys: list[str]) -> JSON:
        """``POST /communications/messages:resend`` ``{"messages": [{"encodedKey"}, ...]}``: queue the
        failed messages again (202, no body; read them back to see their new state)."""
        if isinstance(encodedKeys, str) or not isinstance(encodedKeys, list) or not encodedKeys:
            raise v.fail("encodedKeys must be a non-empty list of message encodedKeys")
        messages = [{"encodedKey": v.require_id(k, f"encodedKeys[{i}]")} for i, k in enumerate(encodedKeys)]
        # [INFERRED] the seed declares no Idempotency-Key here; a resend is retried only when it provably
        # never reached the server (a second resend would count a retry twice).
        body = _json.dumps({"messages": messages})
        request = ApiRequest("POST", "/communications/messages:resend", body=body, retry_safe=False)
        return await self._call(request)
