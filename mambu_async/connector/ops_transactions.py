"""Loan and deposit money movements: disbursements, repayments, fees, deposits, withdrawals, transfers,
write-offs and adjustments (every one a POST write with an ``Idempotency-Key``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mambu_async.connector import validation as v
from mambu_async.connector.base import JSON
from mambu_async.connector.ops_core import OperationsCore, drop_none, esc

__all__ = ["TransactionOperations"]


class TransactionOperations(OperationsCore):
    """Transactions on loan and deposit accounts, and their reversal."""

    async def _post_transaction(
        self,
        path: str,
        fields: Mapping[str, Any],
        kwargs: Mapping[str, Any],
        allowed_fields: Sequence[str] | None,
        idempotency_key: str | None,
    ) -> JSON:
        """POST ``fields`` plus the caller's extra keyword fields (limited to ``allowed_fields``)."""
        extra = v.pick_allowed(kwargs, allowed_fields)
        body = v.check_body(drop_none({**fields, **extra}), "transaction")
        return await self._post(path, body, idempotency_key)

    async def _post_money(
        self,
        path: str,
        amount: Any,
        notes: str | None,
        valueDate: Any,
        allowed_fields: Sequence[str] | None,
        idempotency_key: str | None,
        kwargs: Mapping[str, Any],
        *,
        extra_fields: Mapping[str, Any] | None = None,
        amount_required: bool = True,
    ) -> JSON:
        """POST ``{amount, **extra_fields, notes, valueDate, **kwargs}`` (``None`` values left out)."""
        fields: dict[str, Any] = {
            "amount": v.check_amount(amount) if amount_required or amount is not None else None,
            **(extra_fields or {}),
            "notes": v.check_text(notes, "notes"),
        }
        if valueDate is not None:
            fields["valueDate"] = v.check_date(valueDate, "valueDate")
        return await self._post_transaction(path, fields, kwargs, allowed_fields, idempotency_key)

    async def _post_notes(
        self, path: str, notes: str | None, idempotency_key: str | None, **dates: Any
    ) -> JSON:
        """POST ``{notes, **dates}`` (a write-off or an adjustment; ``None`` values left out)."""
        body = {"notes": v.check_text(notes, "notes")}
        body.update({name: v.check_date(value, name) for name, value in dates.items()})
        return await self._post(path, drop_none(body), idempotency_key)

    # ------------------------------------------------------------------ loans

    async def mambu_make_disbursement(
        self,
        loan_id: str,
        firstRepaymentDate: Any = None,
        notes: str | None = None,
        valueDate: Any = None,
        allowed_fields: Sequence[str] | None = None,
        *,
        idempotency_key: str | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /loans/{loan_id}/disbursement-transactions`` with ``{firstRepaymentDate, notes,
        valueDate, ...}`` (extra keyword fields such as ``amount``, ``bookingDate``, ``externalId``,
        ``transactionDetails``, ``fees``; limited to ``allowed_fields`` when given)."""
        path = f"/loans/{esc(loan_id, 'loan_id')}/disbursement-transactions"
        fields = {
            "firstRepaymentDate": v.check_date(firstRepaymentDate, "firstRepaymentDate"),
            "notes": v.check_text(notes, "notes"),
            "valueDate": v.check_date(valueDate, "valueDate"),
        }
        if kwargs.get("amount") is not None:
            kwargs["amount"] = v.check_amount(kwargs["amount"])
        return await self._post_transaction(path, fields, kwargs, allowed_fields, idempotency_key)

    async def mambu_make_repayment(
        self,
        loan_id: str,
        amount: Any,
        notes: str | None = None,
        valueDate: Any = None,
        allowed_fields: Sequence[str] | None = None,
        *,
        idempotency_key: str | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /loans/{loan_id}/repayment-transactions`` with ``{amount, notes, valueDate, ...}``."""
        path = f"/loans/{esc(loan_id, 'loan_id')}/repayment-transactions"
        return await self._post_money(path, amount, notes, valueDate, allowed_fields, idempotency_key, kwargs)

    async def mambu_make_fee(
        self,
        loan_id: str,
        amount: Any,
        installmentNumber: int | None = None,
        notes: str | None = None,
        valueDate: Any = None,
        allowed_fields: Sequence[str] | None = None,
        *,
        idempotency_key: str | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /loans/{loan_id}/fee-transactions`` with ``{amount, installmentNumber, notes,
        valueDate, ...}``."""
        path = f"/loans/{esc(loan_id, 'loan_id')}/fee-transactions"
        number = installmentNumber
        if number is not None and (isinstance(number, bool) or not isinstance(number, int) or number < 1):
            raise v.fail(f"installmentNumber must be a positive integer, got {installmentNumber!r}")
        return await self._post_money(
            path,
            amount,
            notes,
            valueDate,
            allowed_fields,
            idempotency_key,
            kwargs,
            extra_fields={"installmentNumber": installmentNumber},
        )

    async def mambu_loanaccount_writeoff(
        self, loanid: str, notes: str | None = None, *, idempotency_key: str | None = None
    ) -> JSON:
        """``POST /loans/{loanid}:writeOff`` with ``{notes}``."""
        return await self._post_notes(f"/loans/{esc(loanid, 'loanid')}:writeOff", notes, idempotency_key)

    async def mambu_loantransaction_adjust(
        self, transactionid: str, notes: str | None = None, *, idempotency_key: str | None = None
    ) -> JSON:
        """``POST /loans/transactions/{transactionid}:adjust`` with ``{notes}``."""
        path = f"/loans/transactions/{esc(transactionid, 'transactionid')}:adjust"
        return await self._post_notes(path, notes, idempotency_key)

    # ------------------------------------------------------------------ deposits

    async def mambu_make_deposit(
        self,
        deposit_id: str,
        amount: Any,
        notes: str | None = None,
        valueDate: Any = None,
        allowed_fields: Sequence[str] | None = None,
        *,
        idempotency_key: str | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /deposits/{deposit_id}/deposit-transactions`` (``DepositTransactionInput``)."""
        path = f"/deposits/{esc(deposit_id, 'deposit_id')}/deposit-transactions"
        return await self._post_money(path, amount, notes, valueDate, allowed_fields, idempotency_key, kwargs)

    async def mambu_make_withdrawal(
        self,
        deposit_id: str,
        amount: Any,
        notes: str | None = None,
        valueDate: Any = None,
        allowed_fields: Sequence[str] | None = None,
        *,
        idempotency_key: str | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /deposits/{deposit_id}/withdrawal-transactions``."""
        path = f"/deposits/{esc(deposit_id, 'deposit_id')}/withdrawal-transactions"
        return await self._post_money(path, amount, notes, valueDate, allowed_fields, idempotency_key, kwargs)

    async def mambu_make_transfer(
        self,
        deposit_id: str,
        amount: Any,
        transferDetails: dict[str, Any],
        notes: str | None = None,
        valueDate: Any = None,
        allowed_fields: Sequence[str] | None = None,
        *,
        idempotency_key: str | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /deposits/{deposit_id}/transfer-transactions`` with ``transferDetails``
        ``{linkedAccountType: LOAN|DEPOSIT, linkedAccountId|linkedAccountKey}``."""
        path = f"/deposits/{esc(deposit_id, 'deposit_id')}/transfer-transactions"
        details = v.check_body(transferDetails, "transferDetails")
        linked = details.get("linkedAccountType")
        v.check_choice(linked, "transferDetails.linkedAccountType", ("LOAN", "DEPOSIT"))
        if not details.get("linkedAccountId") and not details.get("linkedAccountKey"):
            raise v.fail("transferDetails needs linkedAccountId or linkedAccountKey")
        return await self._post_money(
            path,
            amount,
            notes,
            valueDate,
            allowed_fields,
            idempotency_key,
            kwargs,
            extra_fields={"transferDetails": details},
        )

    async def mambu_make_deposit_fee(
        self,
        deposit_id: str,
        amount: Any = None,
        notes: str | None = None,
        allowed_fields: Sequence[str] | None = None,
        *,
        idempotency_key: str | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /deposits/{deposit_id}/fee-transactions`` (``amount`` optional with
        ``predefinedFeeKey``)."""
        path = f"/deposits/{esc(deposit_id, 'deposit_id')}/fee-transactions"
        return await self._post_money(
            path, amount, notes, None, allowed_fields, idempotency_key, kwargs, amount_required=False
        )

    async def mambu_deposittransaction_adjust(
        self,
        transactionid: str,
        notes: str | None = None,
        *,
        idempotency_key: str | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /deposits/transactions/{transactionid}:adjust`` with ``{notes, bookingDate}``."""
        path = f"/deposits/transactions/{esc(transactionid, 'transactionid')}:adjust"
        extra = v.pick_allowed(kwargs, ("bookingDate",))
        return await self._post_notes(path, notes, idempotency_key, bookingDate=extra.get("bookingDate"))
