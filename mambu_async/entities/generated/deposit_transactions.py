# Generated from Mambu's OpenAPI files by tools/generate_models.py: do not edit.
# Regenerate with `python tools/generate_models.py` (`--check`, run by the tests, fails when stale).
"""Mambu's ``deposit_transactions.json`` definitions: ``DepositTransaction`` and the value objects it
references.

Money and rates are ``Decimal``, date-times aware ``datetime``, dates ``datetime.date``; enums are
``StrEnum`` (a value Mambu adds later is kept as a ``str``). Properties starting with ``_`` are custom
field sets (``MambuEntity.custom_fields``). Entities subclass these models and add their behaviour
(``mambu_async/entities/*.py``).
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import attrs

from mambu_async.entities.model import MambuModel

__all__ = [
    "DepositAffectedAmounts",
    "DepositCardAcceptor",
    "DepositCardTransaction",
    "DepositOverdraftInterestSettings",
    "DepositOverdraftSettings",
    "DepositTaxes",
    "DepositTerms",
    "DepositTransaction",
    "DepositTransactionBalances",
    "DepositTransactionDetails",
    "DepositTransactionFee",
    "DepositTransactionFeeTrigger",
    "DepositTransactionInterestSettings",
    "DepositTransactionType",
    "DepositTransferDetails",
]


class DepositTransactionFeeTrigger(enum.StrEnum):
    """Values of ``Fee.trigger`` (deposit_transactions.json)."""

    MANUAL = "MANUAL"
    DISBURSEMENT = "DISBURSEMENT"
    CAPITALIZED_DISBURSEMENT = "CAPITALIZED_DISBURSEMENT"
    UPFRONT_DISBURSEMENT = "UPFRONT_DISBURSEMENT"
    LATE_REPAYMENT = "LATE_REPAYMENT"
    MONTHLY_FEE = "MONTHLY_FEE"
    PAYMENT_DUE = "PAYMENT_DUE"
    PAYMENT_DUE_APPLIED_ON_DUE_DATES = "PAYMENT_DUE_APPLIED_ON_DUE_DATES"
    ARBITRARY = "ARBITRARY"


class DepositTransactionType(enum.StrEnum):
    """Values of ``DepositTransaction.type`` (deposit_transactions.json)."""

    IMPORT = "IMPORT"
    WRITE_OFF = "WRITE_OFF"
    WRITE_OFF_ADJUSTMENT = "WRITE_OFF_ADJUSTMENT"
    DEPOSIT = "DEPOSIT"
    ADJUSTMENT = "ADJUSTMENT"
    WITHDRAWAL = "WITHDRAWAL"
    WITHDRAWAL_ADJUSTMENT = "WITHDRAWAL_ADJUSTMENT"
    CARD_TRANSACTION_REVERSAL = "CARD_TRANSACTION_REVERSAL"
    TRANSFER = "TRANSFER"
    TRANSFER_ADJUSTMENT = "TRANSFER_ADJUSTMENT"
    FEE_APPLIED = "FEE_APPLIED"
    FEE_ADJUSTED = "FEE_ADJUSTED"
    FEES_DUE_REDUCED = "FEES_DUE_REDUCED"
    INTEREST_APPLIED = "INTEREST_APPLIED"
    INTEREST_APPLIED_ADJUSTMENT = "INTEREST_APPLIED_ADJUSTMENT"
    FEE_REDUCTION_ADJUSTMENT = "FEE_REDUCTION_ADJUSTMENT"
    WITHHOLDING_TAX = "WITHHOLDING_TAX"
    WITHHOLDING_TAX_ADJUSTMENT = "WITHHOLDING_TAX_ADJUSTMENT"
    INTEREST_RATE_CHANGED = "INTEREST_RATE_CHANGED"
    OVERDRAFT_INTEREST_RATE_CHANGED = "OVERDRAFT_INTEREST_RATE_CHANGED"
    OVERDRAFT_LIMIT_CHANGED = "OVERDRAFT_LIMIT_CHANGED"
    BRANCH_CHANGED = "BRANCH_CHANGED"
    LOAN_FUNDED = "LOAN_FUNDED"
    LOAN_FUNDED_ADJUSTMENT = "LOAN_FUNDED_ADJUSTMENT"
    LOAN_REPAID = "LOAN_REPAID"
    LOAN_REPAID_ADJUSTMENT = "LOAN_REPAID_ADJUSTMENT"
    LOAN_FRACTION_BOUGHT = "LOAN_FRACTION_BOUGHT"
    LOAN_FRACTION_BOUGHT_ADJUSTMENT = "LOAN_FRACTION_BOUGHT_ADJUSTMENT"
    LOAN_FRACTION_SOLD = "LOAN_FRACTION_SOLD"
    LOAN_FRACTION_SOLD_ADJUSTMENT = "LOAN_FRACTION_SOLD_ADJUSTMENT"


@attrs.define(slots=False, kw_only=True)
class DepositTransactionBalances(MambuModel):
    """Mambu's ``DepositTransactionBalances`` (deposit_transactions.json): the balances changed within a
    transaction.
    """

    total_balance: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class DepositAffectedAmounts(MambuModel):
    """Mambu's ``DepositAffectedAmounts`` (deposit_transactions.json): the amounts affected after
    completing the deposit transaction.
    """

    fees_amount: Decimal | None = None
    fraction_amount: Decimal | None = None
    funds_amount: Decimal | None = None
    interest_amount: Decimal | None = None
    overdraft_amount: Decimal | None = None
    overdraft_fees_amount: Decimal | None = None
    overdraft_interest_amount: Decimal | None = None
    technical_overdraft_amount: Decimal | None = None
    technical_overdraft_interest_amount: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class DepositCardAcceptor(MambuModel):
    """Mambu's ``CardAcceptor`` (deposit_transactions.json): the details of the card acceptor (merchant)
    in a transaction hold.
    """

    city: str | None = None
    country: str | None = None
    mcc: int | None = None
    name: str | None = None
    state: str | None = None
    street: str | None = None
    zip: str | None = None


@attrs.define(slots=False, kw_only=True)
class DepositCardTransaction(MambuModel):
    """Mambu's ``CardTransaction`` (deposit_transactions.json): a card transaction entry which will have a
    corresponding a financial transaction performed.

    Required on create: ``advice``, ``amount``, ``externalReferenceId``.

    Read-only: ``encodedKey``, ``cardToken``.
    """

    encoded_key: str | None = None
    advice: bool | None = None
    amount: Decimal | None = None
    card_acceptor: DepositCardAcceptor | None = None
    card_token: str | None = None
    currency_code: str | None = None
    external_authorization_reference_id: str | None = None
    external_reference_id: str | None = None
    user_transaction_time: str | None = None


@attrs.define(slots=False, kw_only=True)
class DepositTransactionFee(MambuModel):
    """Mambu's ``Fee`` (deposit_transactions.json): an amount of predefined fee that was applied or paid
    on an account.

    Required on create: ``predefinedFeeKey``.

    Read-only: ``name``, ``trigger``.
    """

    amount: Decimal | None = None
    name: str | None = None
    predefined_fee_key: str | None = None
    tax_amount: Decimal | None = None
    trigger: DepositTransactionFeeTrigger | str | None = None


@attrs.define(slots=False, kw_only=True)
class DepositTaxes(MambuModel):
    """Mambu's ``DepositTaxes`` (deposit_transactions.json): the taxes applied within a transaction."""

    tax_rate: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class DepositTransactionInterestSettings(MambuModel):
    """Mambu's ``DepositTransactionInterestSettings`` (deposit_transactions.json): the interest settings,
    holds all the properties regarding interests for the deposit account.
    """

    interest_rate: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class DepositOverdraftInterestSettings(MambuModel):
    """Mambu's ``DepositOverdraftInterestSettings`` (deposit_transactions.json): holds the deposit
    overdraft interest settings.
    """

    index_interest_rate: Decimal | None = None
    interest_rate: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class DepositOverdraftSettings(MambuModel):
    """Mambu's ``DepositOverdraftSettings`` (deposit_transactions.json): holds the deposit overdraft
    settings for a transaction.
    """

    overdraft_limit: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class DepositTerms(MambuModel):
    """Mambu's ``DepositTerms`` (deposit_transactions.json): the deposit transaction terms."""

    interest_settings: DepositTransactionInterestSettings | None = None
    overdraft_interest_settings: DepositOverdraftInterestSettings | None = None
    overdraft_settings: DepositOverdraftSettings | None = None


@attrs.define(slots=False, kw_only=True)
class DepositTransactionDetails(MambuModel):
    """Mambu's ``TransactionDetails`` (deposit_transactions.json): contains the details about transaction
    including fields like transaction channel key and channel id.
    """

    transaction_channel_id: str | None = None
    transaction_channel_key: str | None = None


@attrs.define(slots=False, kw_only=True)
class DepositTransferDetails(MambuModel):
    """Mambu's ``TransferDetails`` (deposit_transactions.json): represents the transfer details, such as
    the linked transaction key.
    """

    linked_deposit_transaction_key: str | None = None
    linked_loan_transaction_key: str | None = None


@attrs.define(slots=False, kw_only=True)
class DepositTransaction(MambuModel):
    """Mambu's ``DepositTransaction`` (deposit_transactions.json): represents the action performed on an
    Deposit Account after which the account's amount changes its value.

    Read-only: ``encodedKey``, ``branchKey``, ``centreKey``, ``creationDate``, ``fees``.
    """

    id: str | None = None
    encoded_key: str | None = None
    account_balances: DepositTransactionBalances | None = None
    adjustment_transaction_key: str | None = None
    affected_amounts: DepositAffectedAmounts | None = None
    amount: Decimal | None = None
    booking_date: dt.datetime | None = None
    branch_key: str | None = None
    card_transaction: DepositCardTransaction | None = None
    centre_key: str | None = None
    creation_date: dt.datetime | None = None
    currency_code: str | None = None
    external_id: str | None = None
    fees: list[DepositTransactionFee] | None = None
    migration_event_key: str | None = None
    notes: str | None = None
    original_transaction_key: str | None = None
    parent_account_key: str | None = None
    payment_order_id: str | None = None
    taxes: DepositTaxes | None = None
    terms: DepositTerms | None = None
    till_key: str | None = None
    transaction_details: DepositTransactionDetails | None = None
    transfer_details: DepositTransferDetails | None = None
    type: DepositTransactionType | str | None = None
    user_key: str | None = None
    value_date: dt.datetime | None = None
