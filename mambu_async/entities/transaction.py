"""Loan and deposit transactions: ``MambuLoanTransaction`` and ``MambuDepositTransaction``.

Deposit transactions subclass the model generated from Mambu's ``deposit_transactions.json`` (OpenAPI v2)
into :mod:`mambu_async.entities.generated.deposit_transactions` (``python tools/generate_models.py``),
whose value objects and enums are re-exported here.
Loan transactions are not in the provided OpenAPI files (api-semantics §8.2); their fields follow Mambu's
v2 ``LoanTransaction`` reference [INFERRED]: identity and links, ``type``, ``amount``/``originalAmount``,
the dates, ``affectedAmounts`` (principal, interest, fees, penalty...), ``accountBalances``,
``transactionDetails``, ``transferDetails``, ``fees``, ``taxes`` and ``terms``.

Both are read with ``get`` (``/loans/transactions/{id}``, ``/deposits/transactions/{id}``), searched
with ``search`` and listed per account with :meth:`TransactionMixin.for_account` (or the account's
``get_transactions()``); ``adjust(notes)`` reverses one.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Self

import attrs

from mambu_async.connector.base import MambuConnector
from mambu_async.connector.validation import DetailsLevel
from mambu_async.entities.base import SearchableMixin
from mambu_async.entities.behaviours.related import RelatedMixin
from mambu_async.entities.generated.deposit_transactions import *  # noqa: F403  (the value objects and enums)
from mambu_async.entities.generated.deposit_transactions import (
    DepositTransaction,
    DepositTransactionFeeTrigger,
    DepositTransactionType,
)
from mambu_async.entities.model import MambuModel
from mambu_async.errors import MambuResponseError, MambuValidationError
from mambu_async.search_fields import (
    DEPOSIT_TRANSACTION_FILTER_FIELDS,
    DEPOSIT_TRANSACTION_SORTING_FIELDS,
    LOAN_TRANSACTION_FILTER_FIELDS,
    LOAN_TRANSACTION_SORTING_FIELDS,
)

if TYPE_CHECKING:
    from mambu_async.entities.deposit import MambuDeposit
    from mambu_async.entities.loan import MambuLoan

__all__ = [
    "DepositTransactionType",
    "LoanTransactionType",
    "MambuDepositTransaction",
    "MambuLoanTransaction",
    "TransactionMixin",
]


class LoanTransactionType(enum.StrEnum):
    """Values of ``LoanTransaction.type`` (Mambu's v2 reference)."""

    IMPORT = "IMPORT"
    DISBURSEMENT = "DISBURSEMENT"
    DISBURSEMENT_ADJUSTMENT = "DISBURSEMENT_ADJUSTMENT"
    WRITE_OFF = "WRITE_OFF"
    WRITE_OFF_ADJUSTMENT = "WRITE_OFF_ADJUSTMENT"
    REPAYMENT = "REPAYMENT"
    PAYMENT_MADE = "PAYMENT_MADE"
    WITHDRAWAL_REDRAW = "WITHDRAWAL_REDRAW"
    WITHDRAWAL_REDRAW_ADJUSTMENT = "WITHDRAWAL_REDRAW_ADJUSTMENT"
    FEE_APPLIED = "FEE_APPLIED"
    FEE_CHARGED = "FEE_CHARGED"
    FEES_DUE_REDUCED = "FEES_DUE_REDUCED"
    FEE_ADJUSTMENT = "FEE_ADJUSTMENT"
    PENALTY_APPLIED = "PENALTY_APPLIED"
    PENALTY_ADJUSTMENT = "PENALTY_ADJUSTMENT"
    PENALTIES_DUE_REDUCED = "PENALTIES_DUE_REDUCED"
    REPAYMENT_ADJUSTMENT = "REPAYMENT_ADJUSTMENT"
    PAYMENT_MADE_ADJUSTMENT = "PAYMENT_MADE_ADJUSTMENT"
    INTEREST_RATE_CHANGED = "INTEREST_RATE_CHANGED"
    TAX_RATE_CHANGED = "TAX_RATE_CHANGED"
    PENALTY_RATE_CHANGED = "PENALTY_RATE_CHANGED"
    INTEREST_APPLIED = "INTEREST_APPLIED"
    INTEREST_APPLIED_ADJUSTMENT = "INTEREST_APPLIED_ADJUSTMENT"
    INTEREST_DUE_REDUCED = "INTEREST_DUE_REDUCED"
    PENALTY_REDUCTION_ADJUSTMENT = "PENALTY_REDUCTION_ADJUSTMENT"
    FEE_REDUCTION_ADJUSTMENT = "FEE_REDUCTION_ADJUSTMENT"
    INTEREST_REDUCTION_ADJUSTMENT = "INTEREST_REDUCTION_ADJUSTMENT"
    DEFERRED_INTEREST_APPLIED = "DEFERRED_INTEREST_APPLIED"
    DEFERRED_INTEREST_APPLIED_ADJUSTMENT = "DEFERRED_INTEREST_APPLIED_ADJUSTMENT"
    DEFERRED_INTEREST_PAID = "DEFERRED_INTEREST_PAID"
    DEFERRED_INTEREST_PAID_ADJUSTMENT = "DEFERRED_INTEREST_PAID_ADJUSTMENT"
    REDRAW_TRANSFER = "REDRAW_TRANSFER"
    REDRAW_TRANSFER_ADJUSTMENT = "REDRAW_TRANSFER_ADJUSTMENT"
    REDRAW_REPAYMENT = "REDRAW_REPAYMENT"
    REDRAW_REPAYMENT_ADJUSTMENT = "REDRAW_REPAYMENT_ADJUSTMENT"
    TRANSFER = "TRANSFER"
    TRANSFER_ADJUSTMENT = "TRANSFER_ADJUSTMENT"
    BRANCH_CHANGED = "BRANCH_CHANGED"
    TERMS_CHANGED = "TERMS_CHANGED"
    CARD_TRANSACTION_REVERSAL = "CARD_TRANSACTION_REVERSAL"
    CARD_TRANSACTION_REVERSAL_ADJUSTMENT = "CARD_TRANSACTION_REVERSAL_ADJUSTMENT"
    DUE_DATE_CHANGED = "DUE_DATE_CHANGED"
    DUE_DATE_CHANGED_ADJUSTMENT = "DUE_DATE_CHANGED_ADJUSTMENT"
    ACCOUNT_TERMINATED = "ACCOUNT_TERMINATED"
    ACCOUNT_TERMINATED_ADJUSTMENT = "ACCOUNT_TERMINATED_ADJUSTMENT"


@attrs.define(slots=False, kw_only=True)
class LoanAffectedAmounts(MambuModel):
    """How a loan transaction split its amount over the loan's balances."""

    principal_amount: Decimal | None = None
    interest_amount: Decimal | None = None
    interest_from_arrears_amount: Decimal | None = None
    deferred_interest_amount: Decimal | None = None
    fees_amount: Decimal | None = None
    penalty_amount: Decimal | None = None
    organization_commission_amount: Decimal | None = None
    funders_interest_amount: Decimal | None = None
    payment_holidays_interest_amount: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class LoanTransactionBalances(MambuModel):
    """The loan's balances right after the transaction."""

    total_balance: Decimal | None = None
    principal_balance: Decimal | None = None
    advance_position: Decimal | None = None
    arrears_position: Decimal | None = None
    expected_principal_redraw: Decimal | None = None
    redraw_balance: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class LoanTransactionChannel(MambuModel):
    """``transactionDetails``: the channel a loan transaction went through."""

    encoded_key: str | None = None
    transaction_channel_id: str | None = None
    transaction_channel_key: str | None = None
    internal_transfer: bool | None = None
    target_deposit_account_key: str | None = None


@attrs.define(slots=False, kw_only=True)
class LoanTransferDetails(MambuModel):
    """``transferDetails``: the transaction on the other side of a transfer."""

    linked_deposit_transaction_key: str | None = None
    linked_loan_transaction_key: str | None = None


@attrs.define(slots=False, kw_only=True)
class LoanTransactionFee(MambuModel):
    """One fee a loan transaction applied or paid."""

    amount: Decimal | None = None
    name: str | None = None
    predefined_fee_key: str | None = None
    tax_amount: Decimal | None = None
    trigger: DepositTransactionFeeTrigger | str | None = None


@attrs.define(slots=False, kw_only=True)
class LoanTransactionTaxes(MambuModel):
    """The taxes in force for a loan transaction."""

    tax_rate: Decimal | None = None
    deferred_tax_on_interest_amount: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class LoanTransactionInterestSettings(MambuModel):
    """The interest terms in force for a loan transaction."""

    interest_rate: Decimal | None = None
    interest_spread: Decimal | None = None
    index_interest_rate: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class LoanTransactionTerms(MambuModel):
    """The loan terms in force for a loan transaction."""

    interest_settings: LoanTransactionInterestSettings | None = None
    periodic_payment: Decimal | None = None
    principal_payment_amount: Decimal | None = None
    principal_payment_percentage: Decimal | None = None


class TransactionMixin(RelatedMixin):
    """What loan and deposit transactions share: listing per account, adjusting, the parent account."""

    _accounts_prefix: ClassVar[str] = ""

    @classmethod
    async def for_account(
        cls,
        account_id: str,
        *,
        connector: MambuConnector,
        offset: int | None = None,
        limit: int | None = None,
        details_level: DetailsLevel = "BASIC",
    ) -> list[Self]:
        """``GET /{loans|deposits}/{account_id}/transactions``; ``limit=None`` reads them all."""
        level = cls._check_details_level(details_level)
        prefix = f"{cls._accounts_prefix}/{_path_id(account_id)}/transactions"
        rows = await connector.mambu_get_all(prefix, offset=offset, limit=limit, detailsLevel=level)
        if not isinstance(rows, list):
            raise MambuResponseError(f"expected a list of {cls.__name__}", body=rows)
        return [cls._from_response(row, connector, level) for row in rows]

    async def _send_adjust(self, connector: MambuConnector, notes: str | None, fields: dict[str, Any]) -> Any:
        raise NotImplementedError

    async def adjust(self, notes: str | None = None, **fields: Any) -> Self:
        """``POST /{prefix}/{id}:adjust``: reverse this transaction.

        Returns the adjustment transaction Mambu created; this one is re-read (it now names its
        ``adjustment_transaction_key``).
        """
        connector = self._require_connector()
        data = await self._send_adjust(connector, notes, fields)
        await self.refresh()
        if not isinstance(data, dict):
            raise MambuResponseError("expected the adjustment transaction", body=data)
        return self._from_response(data, connector, "FULL")


def _path_id(account_id: Any) -> str:
    """An account id usable inside a URL prefix (encodedKeys and plain ids are)."""
    if not isinstance(account_id, str) or not account_id.strip():
        raise MambuValidationError("account_id must be a non-empty id or encodedKey")
    if not account_id.replace("-", "").replace("_", "").isalnum():
        raise MambuValidationError(
            f"account id {account_id!r} has characters a URL path would escape: use the encodedKey"
        )
    return account_id


@attrs.define(slots=False, kw_only=True)
class MambuLoanTransaction(TransactionMixin, SearchableMixin):
    """A loan transaction (disbursement, repayment, fee, write-off, adjustment...).

    Read-only: every field (Mambu creates transactions through the loan's operations).
    """

    _prefix = "loans/transactions"
    _accounts_prefix = "loans"
    #: ``LoanTransactionFilterCriteria.field`` (:mod:`mambu_async.search_fields`).
    _search_fields = LOAN_TRANSACTION_FILTER_FIELDS
    #: ``LoanTransactionSortingCriteria.field`` (:mod:`mambu_async.search_fields`).
    _search_sort_fields = LOAN_TRANSACTION_SORTING_FIELDS

    id: str | None = None
    encoded_key: str | None = None
    external_id: str | None = None
    parent_account_key: str | None = None
    parent_loan_transaction_key: str | None = None
    type: LoanTransactionType | str | None = None
    amount: Decimal | None = None
    original_amount: Decimal | None = None
    currency_code: str | None = None
    original_currency_code: str | None = None
    value_date: dt.datetime | None = None
    booking_date: dt.datetime | None = None
    creation_date: dt.datetime | None = None
    notes: str | None = None
    user_key: str | None = None
    branch_key: str | None = None
    centre_key: str | None = None
    till_key: str | None = None
    migration_event_key: str | None = None
    adjustment_transaction_key: str | None = None
    original_transaction_key: str | None = None
    affected_amounts: LoanAffectedAmounts | None = None
    account_balances: LoanTransactionBalances | None = None
    transaction_details: LoanTransactionChannel | None = None
    transfer_details: LoanTransferDetails | None = None
    fees: list[LoanTransactionFee] | None = None
    taxes: LoanTransactionTaxes | None = None
    terms: LoanTransactionTerms | None = None
    custom_payment_amounts: list[dict[str, Any]] | None = None
    card_transaction: dict[str, Any] | None = None

    async def _send_adjust(self, connector: MambuConnector, notes: str | None, fields: dict[str, Any]) -> Any:
        if fields:
            raise MambuValidationError(
                f"a loan transaction adjustment takes only notes, got {sorted(fields)}"
            )
        return await connector.mambu_loantransaction_adjust(self._entity_id(), notes)

    async def get_account(
        self, *, details_level: DetailsLevel = "FULL", refresh: bool = False
    ) -> MambuLoan | None:
        """The loan this transaction belongs to."""
        from mambu_async.entities.loan import MambuLoan

        return await self._related(
            MambuLoan, self.parent_account_key, details_level=details_level, refresh=refresh
        )


@attrs.define(slots=False, kw_only=True)
class MambuDepositTransaction(DepositTransaction, TransactionMixin, SearchableMixin):
    """Mambu's ``DepositTransaction`` (deposit_transactions.json) with the endpoints and behaviours of
    ``/deposits/transactions``; its attributes are those of :class:`DepositTransaction`.
    """

    _prefix = "deposits/transactions"
    _accounts_prefix = "deposits"
    #: ``DepositTransactionFilterCriteria.field`` (:mod:`mambu_async.search_fields`).
    _search_fields = DEPOSIT_TRANSACTION_FILTER_FIELDS
    #: ``DepositTransactionSortingCriteria.field`` (:mod:`mambu_async.search_fields`).
    _search_sort_fields = DEPOSIT_TRANSACTION_SORTING_FIELDS

    async def _send_adjust(self, connector: MambuConnector, notes: str | None, fields: dict[str, Any]) -> Any:
        """``booking_date`` (or ``bookingDate``) is accepted for deposits and withdrawals."""
        extra = {("bookingDate" if k == "booking_date" else k): v for k, v in fields.items()}
        return await connector.mambu_deposittransaction_adjust(self._entity_id(), notes, **extra)

    async def get_account(
        self, *, details_level: DetailsLevel = "FULL", refresh: bool = False
    ) -> MambuDeposit | None:
        """The deposit account this transaction belongs to."""
        from mambu_async.entities.deposit import MambuDeposit

        return await self._related(
            MambuDeposit, self.parent_account_key, details_level=details_level, refresh=refresh
        )
