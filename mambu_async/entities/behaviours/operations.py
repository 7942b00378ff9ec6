"""Money movements on loan and deposit accounts, each followed by a re-read of the account.

Loans: ``disburse``, ``repay``, ``apply_fee``, ``write_off``, ``pay_off``, ``adjust_transaction``,
``get_schedule``, ``get_transactions``, ``get_product``. Deposits: ``deposit``, ``withdraw``,
``transfer``, ``apply_fee``, ``adjust_transaction``, ``get_transactions``, ``get_product``.

Every write goes through one ``mambu_*`` operation of the entity's connector (a POST carrying an
``Idempotency-Key``, so a retried disbursement is never posted twice; pass ``idempotency_key=`` to use your
own) and then re-reads the account, so the entity shows Mambu's balances and state afterwards. The
method returns the transaction Mambu created. A write that committed is never reported as failed: when
the re-read fails (after its own retries, and once more), :class:`MambuWriteCommittedError` carries the
transaction in ``committed``. Extra body fields are accepted as keyword arguments in
snake_case or Mambu's camelCase (``booking_date=`` or ``bookingDate=``) and are checked against the
fields Mambu documents for that transaction before anything is sent. Amounts are ``Decimal``, ``int`` or
numeric strings (never ``float``); dates are ``date``, aware ``datetime`` or ISO strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from mambu_async.connector.validation import DetailsLevel, check_text
from mambu_async.entities.base import MambuEntity
from mambu_async.entities.behaviours.related import RelatedMixin
from mambu_async.entities.installment import MambuInstallment
from mambu_async.entities.serde import to_camel
from mambu_async.entities.transaction import MambuDepositTransaction, MambuLoanTransaction
from mambu_async.errors import MambuError, MambuResponseError, MambuValidationError, MambuWriteCommittedError

if TYPE_CHECKING:
    from mambu_async.entities.deposit_product import MambuDepositProduct
    from mambu_async.entities.loan import MambuLoan
    from mambu_async.entities.product import MambuLoanProduct

__all__ = [
    "DISBURSEMENT_FIELDS",
    "FEE_FIELDS",
    "REPAYMENT_FIELDS",
    "DepositOperationsMixin",
    "LoanOperationsMixin",
]

#: Extra fields of a disbursement (MambuPy's ``MambuDisbursementLoanTransactionInput`` + Mambu's v2).
DISBURSEMENT_FIELDS = (
    "amount",
    "bookingDate",
    "externalId",
    "originalCurrencyCode",
    "shiftAdjustableInterestPeriods",
    "transactionDetails",
    "fees",
)
#: Extra fields of a loan repayment (``RepaymentLoanTransactionInput``).
REPAYMENT_FIELDS = (
    "bookingDate",
    "externalId",
    "installmentEncodedKey",
    "originalCurrencyCode",
    "prepaymentRecalculationMethod",
    "transactionDetails",
    "customPaymentAmounts",
)
#: Extra fields of a loan fee (``FeeLoanTransactionInput``).
FEE_FIELDS = ("bookingDate", "externalId", "firstRepaymentDate", "predefinedFeeKey")
#: Extra fields of ``DepositTransactionInput`` and ``WithdrawalDepositTransactionInput``.
DEPOSIT_FIELDS = ("bookingDate", "externalId", "paymentOrderId", "transactionDetails")
#: Extra fields of ``TransferDepositTransactionInput``.
TRANSFER_FIELDS = ("externalId", "paymentOrderId")
#: Extra fields of ``FeeAppliedDepositTransactionInput``.
DEPOSIT_FEE_FIELDS = ("externalId", "predefinedFeeKey")
#: ``LoanAccountPayOffInput`` (loans.json).
PAY_OFF_FIELDS = ("externalId", "transactionDetails", "payOffAdjustableAmounts")


def _wire_fields(fields: Mapping[str, Any], allowed: tuple[str, ...], what: str) -> dict[str, Any]:
    """Keyword fields as Mambu's camelCase keys, refused unless documented for ``what``."""
    out: dict[str, Any] = {}
    for name, value in fields.items():
        key = to_camel(name)
        if key not in allowed:
            raise MambuValidationError(f"{what} takes no field {name!r}; allowed: {list(allowed)}")
        if value is not None:
            out[key] = value
    return out


def _idempotency(key: str | None) -> dict[str, Any]:
    return {} if key is None else {"idempotency_key": key}


class _AccountOperations(RelatedMixin):
    """What both account kinds share."""

    async def _posted(self, data: Any, cls: type[MambuEntity]) -> Any:
        """The transaction Mambu answered with, after the account is re-read."""
        if not isinstance(data, dict):
            raise MambuResponseError("expected the created transaction", body=data)
        posted = cls._from_response(data, self._require_connector(), "FULL")
        await self._reread_after(posted, f"the {cls.__name__} {posted._entity_id()!r}")
        return posted

    async def _reread_after(self, committed: Any, what: str) -> None:
        """Re-read the account after a write that committed; when that fails twice, raise
        :class:`MambuWriteCommittedError` carrying ``committed`` (the write is never reported as failed)."""
        try:
            await self.refresh()
            return
        except MambuError:
            pass  # the write stands: read once more before giving up
        try:
            await self.refresh()
        except MambuError as error:
            raise MambuWriteCommittedError(
                f"the write succeeded ({what} was committed; see .committed, do not send it again), "
                f"but re-reading {type(self).__name__} {self._entity_id()!r} failed: {error.message}",
                committed=committed,
                status_code=error.status_code,
                errors=error.errors,
                method=error.method,
                url=error.url,
                body=error.body,
            ) from error

    def _own_transaction(self, transaction: MambuEntity | str) -> str:
        """The id of ``transaction`` (an id, encodedKey or transaction of this account)."""
        if isinstance(transaction, str):
            if not transaction:
                raise MambuValidationError("transaction id must not be empty")
            return transaction
        parent = getattr(transaction, "parent_account_key", None)
        mine = self._raw.get("encodedKey") or getattr(self, "encoded_key", None)
        if parent is not None and mine is not None and parent != mine:
            raise MambuValidationError("that transaction belongs to another account")
        return transaction._entity_id()


class LoanOperationsMixin(_AccountOperations):
    """Disbursement, repayment, fees, write-off, pay-off, adjustments, schedule and transactions."""

    async def disburse(
        self,
        notes: str | None = None,
        *,
        first_repayment_date: Any = None,
        value_date: Any = None,
        idempotency_key: str | None = None,
        **fields: Any,
    ) -> MambuLoanTransaction:
        """``POST /loans/{id}/disbursement-transactions`` (APPROVED → ACTIVE); the disbursement.

        Dates Mambu fills in when omitted: the value date (today) and the first repayment date (from the
        loan's schedule settings). ``amount=`` disburses part of the loan where the product allows it.
        """
        body = _wire_fields(fields, DISBURSEMENT_FIELDS, "a disbursement")
        data = await self._require_connector().mambu_make_disbursement(
            self._entity_id(),
            first_repayment_date,
            notes,
            value_date,
            None,
            **body,
            **_idempotency(idempotency_key),
        )
        posted: MambuLoanTransaction = await self._posted(data, MambuLoanTransaction)
        return posted

    async def repay(
        self,
        amount: Any,
        notes: str | None = None,
        *,
        value_date: Any = None,
        idempotency_key: str | None = None,
        **fields: Any,
    ) -> MambuLoanTransaction:
        """``POST /loans/{id}/repayment-transactions``; the repayment (fees, penalties, interest and
        principal due are paid in Mambu's order)."""
        body = _wire_fields(fields, REPAYMENT_FIELDS, "a repayment")
        data = await self._require_connector().mambu_make_repayment(
            self._entity_id(), amount, notes, value_date, None, **body, **_idempotency(idempotency_key)
        )
        posted: MambuLoanTransaction = await self._posted(data, MambuLoanTransaction)
        return posted

    async def apply_fee(
        self,
        amount: Any,
        installment_number: int | None = None,
        notes: str | None = None,
        *,
        value_date: Any = None,
        idempotency_key: str | None = None,
        **fields: Any,
    ) -> MambuLoanTransaction:
        """``POST /loans/{id}/fee-transactions``: a fee on installment ``installment_number``."""
        body = _wire_fields(fields, FEE_FIELDS, "a loan fee")
        data = await self._require_connector().mambu_make_fee(
            self._entity_id(),
            amount,
            installment_number,
            notes,
            value_date,
            None,
            **body,
            **_idempotency(idempotency_key),
        )
        posted: MambuLoanTransaction = await self._posted(data, MambuLoanTransaction)
        return posted

    async def write_off(self, notes: str | None = None) -> Self:
        """``POST /loans/{id}:writeOff`` (ACTIVE → CLOSED, WRITTEN_OFF); the loan, re-read."""
        data = await self._require_connector().mambu_loanaccount_writeoff(self._entity_id(), notes)
        await self._reread_after(data, "the write-off")
        return self

    async def writeoff(self, notes: str | None = None) -> Self:
        """MambuPy's name for :meth:`write_off`."""
        return await self.write_off(notes)

    async def pay_off(self, notes: str | None = None, **fields: Any) -> Self:
        """``POST /loans/{id}:payOff`` (``LoanAccountPayOffInput``: ``external_id``,
        ``transaction_details``, ``pay_off_adjustable_amounts``); the loan, re-read."""
        body = _wire_fields(fields, PAY_OFF_FIELDS, "a pay-off")
        text = check_text(notes, "notes")
        if text is not None:
            body["notes"] = text
        data = await self._require_connector().mambu_action(self._entity_id(), "loans", "payOff", body)
        await self._reread_after(data, "the pay-off")
        return self

    async def adjust_transaction(
        self, transaction: MambuLoanTransaction | str, notes: str | None = None
    ) -> MambuLoanTransaction:
        """``POST /loans/transactions/{id}:adjust``: reverse one of this loan's transactions; the
        adjustment transaction (the loan is re-read)."""
        ref = self._own_transaction(transaction)
        data = await self._require_connector().mambu_loantransaction_adjust(ref, notes)
        posted: MambuLoanTransaction = await self._posted(data, MambuLoanTransaction)
        return posted

    async def change_due_dates_settings(
        self, fixed_days_of_month: list[int], notes: str | None = None, *, value_date: Any = None
    ) -> Self:
        """``POST /loans/{id}:changeDueDatesSettings`` with ``{fixedDaysOfMonth, notes, valueDate}``."""
        days = list(fixed_days_of_month)
        if not days or any(isinstance(d, bool) or not isinstance(d, int) or not 1 <= d <= 31 for d in days):
            raise MambuValidationError("fixed_days_of_month must be days of the month between 1 and 31")
        body: dict[str, Any] = {"fixedDaysOfMonth": days}
        if notes is not None:
            body["notes"] = check_text(notes, "notes")
        if value_date is not None:
            body["valueDate"] = value_date
        connector = self._require_connector()
        await connector.mambu_action(self._entity_id(), "loans", "changeDueDatesSettings", body)
        return await self.refresh()

    async def get_schedule(self) -> list[MambuInstallment]:
        """``GET /loans/{id}/schedule``: the installments (a preview before disbursement)."""
        data = await self._require_connector().mambu_loanaccount_getSchedule(self._entity_id())
        rows = data.get("installments") if isinstance(data, dict) else data
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise MambuResponseError("expected the loan schedule's installments", body=data)
        return [MambuInstallment.from_wire(row) for row in rows]

    async def update_schedule(
        self, installments: list[MambuInstallment | dict[str, Any]]
    ) -> list[MambuInstallment]:
        """``PUT /loans/{id}/schedule``: new due dates and expected amounts for the given installments
        (``MambuInstallment`` from :meth:`get_schedule`, changed, or wire dicts); returns the new schedule
        and re-reads the loan."""
        rows = [i.to_wire() if isinstance(i, MambuInstallment) else i for i in installments]
        data = await self._require_connector().mambu_loanaccount_updateSchedule(self._entity_id(), rows)
        found = data.get("installments") if isinstance(data, dict) else None
        if not isinstance(found, list) or not all(isinstance(r, dict) for r in found):
            raise MambuResponseError("expected the loan schedule's installments", body=data)
        await self.refresh()
        return [MambuInstallment.from_wire(row) for row in found]

    async def get_transactions(
        self, *, offset: int | None = None, limit: int | None = None, details_level: DetailsLevel = "BASIC"
    ) -> list[MambuLoanTransaction]:
        """``GET /loans/{id}/transactions``: this loan's transactions (every one unless ``limit``)."""
        return await MambuLoanTransaction.for_account(
            self._entity_id(),
            connector=self._require_connector(),
            offset=offset,
            limit=limit,
            details_level=details_level,
        )

    async def get_product(
        self, *, details_level: DetailsLevel = "FULL", refresh: bool = False
    ) -> MambuLoanProduct | None:
        """The loan product (``product_type_key``)."""
        from mambu_async.entities.product import MambuLoanProduct

        key = getattr(self, "product_type_key", None)
        return await self._related(MambuLoanProduct, key, details_level=details_level, refresh=refresh)

    async def get_original_account(
        self, *, details_level: DetailsLevel = "FULL", refresh: bool = False
    ) -> MambuLoan | None:
        """The loan this one was rescheduled or refinanced from (``original_account_key``)."""
        from mambu_async.entities.loan import MambuLoan

        key = getattr(self, "original_account_key", None)
        return await self._related(MambuLoan, key, details_level=details_level, refresh=refresh)


class DepositOperationsMixin(_AccountOperations):
    """Deposits, withdrawals, transfers, fees, adjustments and transactions of a deposit account."""

    async def deposit(
        self,
        amount: Any,
        notes: str | None = None,
        *,
        value_date: Any = None,
        idempotency_key: str | None = None,
        **fields: Any,
    ) -> MambuDepositTransaction:
        """``POST /deposits/{id}/deposit-transactions``; the deposit transaction."""
        body = _wire_fields(fields, DEPOSIT_FIELDS, "a deposit")
        data = await self._require_connector().mambu_make_deposit(
            self._entity_id(), amount, notes, value_date, None, **body, **_idempotency(idempotency_key)
        )
        posted: MambuDepositTransaction = await self._posted(data, MambuDepositTransaction)
        return posted

    async def withdraw(
        self,
        amount: Any,
        notes: str | None = None,
        *,
        value_date: Any = None,
        idempotency_key: str | None = None,
        **fields: Any,
    ) -> MambuDepositTransaction:
        """``POST /deposits/{id}/withdrawal-transactions``; the withdrawal transaction."""
        body = _wire_fields(fields, DEPOSIT_FIELDS, "a withdrawal")
        data = await self._require_connector().mambu_make_withdrawal(
            self._entity_id(), amount, notes, value_date, None, **body, **_idempotency(idempotency_key)
        )
        posted: MambuDepositTransaction = await self._posted(data, MambuDepositTransaction)
        return posted

    async def transfer(
        self,
        amount: Any,
        to: MambuEntity | None = None,
        notes: str | None = None,
        *,
        linked_account_type: str | None = None,
        linked_account_id: str | None = None,
        linked_account_key: str | None = None,
        value_date: Any = None,
        idempotency_key: str | None = None,
        **fields: Any,
    ) -> MambuDepositTransaction:
        """``POST /deposits/{id}/transfer-transactions``: move ``amount`` to ``to`` (a ``MambuDeposit``
        or ``MambuLoan``), or to the account named by ``linked_account_type`` (``DEPOSIT``/``LOAN``) and
        ``linked_account_id`` or ``linked_account_key``; the transfer transaction."""
        details = _transfer_details(to, linked_account_type, linked_account_id, linked_account_key)
        body = _wire_fields(fields, TRANSFER_FIELDS, "a transfer")
        data = await self._require_connector().mambu_make_transfer(
            self._entity_id(),
            amount,
            details,
            notes,
            value_date,
            None,
            **body,
            **_idempotency(idempotency_key),
        )
        posted: MambuDepositTransaction = await self._posted(data, MambuDepositTransaction)
        return posted

    async def apply_fee(
        self,
        amount: Any = None,
        notes: str | None = None,
        *,
        idempotency_key: str | None = None,
        **fields: Any,
    ) -> MambuDepositTransaction:
        """``POST /deposits/{id}/fee-transactions`` (``amount``, or ``predefined_fee_key=``)."""
        body = _wire_fields(fields, DEPOSIT_FEE_FIELDS, "a deposit fee")
        if amount is None and "predefinedFeeKey" not in body:
            raise MambuValidationError("a deposit fee needs an amount or predefined_fee_key=")
        data = await self._require_connector().mambu_make_deposit_fee(
            self._entity_id(), amount, notes, None, **body, **_idempotency(idempotency_key)
        )
        posted: MambuDepositTransaction = await self._posted(data, MambuDepositTransaction)
        return posted

    async def adjust_transaction(
        self,
        transaction: MambuDepositTransaction | str,
        notes: str | None = None,
        *,
        booking_date: Any = None,
    ) -> MambuDepositTransaction:
        """``POST /deposits/transactions/{id}:adjust``: reverse one of this account's transactions; the
        adjustment transaction (the account is re-read)."""
        ref = self._own_transaction(transaction)
        extra = {} if booking_date is None else {"bookingDate": booking_date}
        data = await self._require_connector().mambu_deposittransaction_adjust(ref, notes, **extra)
        posted: MambuDepositTransaction = await self._posted(data, MambuDepositTransaction)
        return posted

    async def get_transactions(
        self, *, offset: int | None = None, limit: int | None = None, details_level: DetailsLevel = "BASIC"
    ) -> list[MambuDepositTransaction]:
        """``GET /deposits/{id}/transactions``: this account's transactions (every one unless ``limit``)."""
        return await MambuDepositTransaction.for_account(
            self._entity_id(),
            connector=self._require_connector(),
            offset=offset,
            limit=limit,
            details_level=details_level,
        )

    async def get_product(
        self, *, details_level: DetailsLevel = "FULL", refresh: bool = False
    ) -> MambuDepositProduct | None:
        """The deposit product (``product_type_key``)."""
        from mambu_async.entities.deposit_product import MambuDepositProduct

        key = getattr(self, "product_type_key", None)
        return await self._related(MambuDepositProduct, key, details_level=details_level, refresh=refresh)


def _transfer_details(
    to: MambuEntity | None, account_type: str | None, account_id: str | None, account_key: str | None
) -> dict[str, Any]:
    if to is not None:
        if account_type or account_id or account_key:
            raise MambuValidationError("pass either to= or linked_account_* arguments, not both")
        kinds = {"deposits": "DEPOSIT", "loans": "LOAN"}
        kind = kinds.get(getattr(type(to), "_prefix", None) or "")
        if kind is None:
            raise MambuValidationError(f"cannot transfer to a {type(to).__name__}: pass a deposit or loan")
        key = to._raw.get("encodedKey")
        if key:
            return {"linkedAccountType": kind, "linkedAccountKey": key}
        return {"linkedAccountType": kind, "linkedAccountId": to._entity_id()}
    details: dict[str, Any] = {"linkedAccountType": account_type}
    if account_id is not None:
        details["linkedAccountId"] = account_id
    if account_key is not None:
        details["linkedAccountKey"] = account_key
    return details
