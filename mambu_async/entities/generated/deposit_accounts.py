# Generated from Mambu's OpenAPI files by tools/generate_models.py: do not edit.
# Regenerate with `python tools/generate_models.py` (`--check`, run by the tests, fails when stale).
"""Mambu's ``deposit_accounts.json`` definitions: ``DepositAccount``, ``Card``, ``AuthorizationHold`` and
the value objects it references.

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

from mambu_async.entities.generated.shared import MonthAndDay
from mambu_async.entities.model import MambuModel

__all__ = [
    "AuthorizationHold",
    "AuthorizationHoldStatus",
    "Card",
    "CardAcceptor",
    "DepositAccount",
    "DepositAccountAccruedAmounts",
    "DepositAccountBalances",
    "DepositAccountHolderType",
    "DepositAccountInterestPaymentSettings",
    "DepositAccountInterestPaymentSettingsInterestPaymentPoint",
    "DepositAccountInterestRateSettings",
    "DepositAccountInterestRateSettingsInterestChargeFrequency",
    "DepositAccountInterestRateSettingsInterestRateTerms",
    "DepositAccountInterestRateTier",
    "DepositAccountInterestSettings",
    "DepositAccountInternalControls",
    "DepositAccountOverdraftInterestRateSettings",
    "DepositAccountOverdraftInterestRateSettingsInterestChargeFrequency",
    "DepositAccountOverdraftInterestRateSettingsInterestRateReviewUnit",
    "DepositAccountOverdraftInterestRateSettingsInterestRateSource",
    "DepositAccountOverdraftInterestRateSettingsInterestRateTerms",
    "DepositAccountOverdraftInterestSettings",
    "DepositAccountOverdraftSettings",
    "DepositAccountState",
    "DepositAccountType",
    "MonthAndDay",
]


class DepositAccountInterestPaymentSettingsInterestPaymentPoint(enum.StrEnum):
    """Values of ``DepositAccountInterestPaymentSettings.interestPaymentPoint`` (deposit_accounts.json)."""

    FIRST_DAY_OF_MONTH = "FIRST_DAY_OF_MONTH"
    EVERY_WEEK = "EVERY_WEEK"
    EVERY_OTHER_WEEK = "EVERY_OTHER_WEEK"
    EVERY_MONTH = "EVERY_MONTH"
    EVERY_3_MONTHS = "EVERY_3_MONTHS"
    ON_FIXED_DATES = "ON_FIXED_DATES"
    ON_ACCOUNT_MATURITY = "ON_ACCOUNT_MATURITY"


class DepositAccountInterestRateSettingsInterestChargeFrequency(enum.StrEnum):
    """Values of ``DepositAccountInterestRateSettings.interestChargeFrequency`` (deposit_accounts.json)."""

    ANNUALIZED = "ANNUALIZED"
    EVERY_MONTH = "EVERY_MONTH"
    EVERY_FOUR_WEEKS = "EVERY_FOUR_WEEKS"
    EVERY_WEEK = "EVERY_WEEK"
    EVERY_DAY = "EVERY_DAY"
    EVERY_X_DAYS = "EVERY_X_DAYS"


class DepositAccountInterestRateSettingsInterestRateTerms(enum.StrEnum):
    """Values of ``DepositAccountInterestRateSettings.interestRateTerms`` (deposit_accounts.json)."""

    FIXED = "FIXED"
    TIERED = "TIERED"
    TIERED_PERIOD = "TIERED_PERIOD"


class DepositAccountOverdraftInterestRateSettingsInterestChargeFrequency(enum.StrEnum):
    """Values of ``DepositAccountOverdraftInterestRateSettings.interestChargeFrequency``
    (deposit_accounts.json).
    """

    ANNUALIZED = "ANNUALIZED"
    EVERY_MONTH = "EVERY_MONTH"
    EVERY_FOUR_WEEKS = "EVERY_FOUR_WEEKS"
    EVERY_WEEK = "EVERY_WEEK"
    EVERY_DAY = "EVERY_DAY"
    EVERY_X_DAYS = "EVERY_X_DAYS"


class DepositAccountOverdraftInterestRateSettingsInterestRateReviewUnit(enum.StrEnum):
    """Values of ``DepositAccountOverdraftInterestRateSettings.interestRateReviewUnit``
    (deposit_accounts.json).
    """

    DAYS = "DAYS"
    WEEKS = "WEEKS"
    MONTHS = "MONTHS"


class DepositAccountOverdraftInterestRateSettingsInterestRateSource(enum.StrEnum):
    """Values of ``DepositAccountOverdraftInterestRateSettings.interestRateSource``
    (deposit_accounts.json).
    """

    FIXED_INTEREST_RATE = "FIXED_INTEREST_RATE"
    INDEX_INTEREST_RATE = "INDEX_INTEREST_RATE"


class DepositAccountOverdraftInterestRateSettingsInterestRateTerms(enum.StrEnum):
    """Values of ``DepositAccountOverdraftInterestRateSettings.interestRateTerms`` (deposit_accounts.json)."""

    FIXED = "FIXED"
    TIERED = "TIERED"
    TIERED_PERIOD = "TIERED_PERIOD"


class DepositAccountHolderType(enum.StrEnum):
    """Values of ``DepositAccount.accountHolderType`` (deposit_accounts.json)."""

    CLIENT = "CLIENT"
    GROUP = "GROUP"


class DepositAccountState(enum.StrEnum):
    """Values of ``DepositAccount.accountState`` (deposit_accounts.json)."""

    PENDING_APPROVAL = "PENDING_APPROVAL"
    APPROVED = "APPROVED"
    ACTIVE = "ACTIVE"
    ACTIVE_IN_ARREARS = "ACTIVE_IN_ARREARS"
    MATURED = "MATURED"
    LOCKED = "LOCKED"
    DORMANT = "DORMANT"
    CLOSED = "CLOSED"
    CLOSED_WRITTEN_OFF = "CLOSED_WRITTEN_OFF"
    WITHDRAWN = "WITHDRAWN"
    CLOSED_REJECTED = "CLOSED_REJECTED"


class DepositAccountType(enum.StrEnum):
    """Values of ``DepositAccount.accountType`` (deposit_accounts.json)."""

    CURRENT_ACCOUNT = "CURRENT_ACCOUNT"
    REGULAR_SAVINGS = "REGULAR_SAVINGS"
    FIXED_DEPOSIT = "FIXED_DEPOSIT"
    SAVINGS_PLAN = "SAVINGS_PLAN"
    INVESTOR_ACCOUNT = "INVESTOR_ACCOUNT"


class AuthorizationHoldStatus(enum.StrEnum):
    """Values of ``AuthorizationHold.status`` (deposit_accounts.json)."""

    PENDING = "PENDING"
    REVERSED = "REVERSED"
    SETTLED = "SETTLED"
    EXPIRED = "EXPIRED"


@attrs.define(slots=False, kw_only=True)
class DepositAccountAccruedAmounts(MambuModel):
    """Mambu's ``DepositAccountAccruedAmounts`` (deposit_accounts.json): groups all fields related to a
    deposit account's accrued amounts.

    Read-only: ``interestAccrued``, ``overdraftInterestAccrued``, ``technicalOverdraftInterestAccrued``.
    """

    interest_accrued: Decimal | None = None
    overdraft_interest_accrued: Decimal | None = None
    technical_overdraft_interest_accrued: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class DepositAccountBalances(MambuModel):
    """Mambu's ``DepositAccountBalances`` (deposit_accounts.json): groups all fields related to a deposit
    account's balances.

    Read-only: ``availableBalance``, ``feesDue``, ``holdBalance``, ``lockedBalance``, ``overdraftAmount``,
    ``overdraftInterestDue``, ``technicalOverdraftAmount``, ``technicalOverdraftInterestDue``,
    ``totalBalance``.
    """

    available_balance: Decimal | None = None
    fees_due: Decimal | None = None
    hold_balance: Decimal | None = None
    locked_balance: Decimal | None = None
    overdraft_amount: Decimal | None = None
    overdraft_interest_due: Decimal | None = None
    technical_overdraft_amount: Decimal | None = None
    technical_overdraft_interest_due: Decimal | None = None
    total_balance: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class DepositAccountInterestPaymentSettings(MambuModel):
    """Mambu's ``DepositAccountInterestPaymentSettings`` (deposit_accounts.json): groups all fields
    related to a deposit account's interest payment settings.
    """

    interest_payment_dates: list[MonthAndDay] | None = None
    interest_payment_point: DepositAccountInterestPaymentSettingsInterestPaymentPoint | str | None = None


@attrs.define(slots=False, kw_only=True)
class DepositAccountInterestRateTier(MambuModel):
    """Mambu's ``DepositAccountInterestRateTier`` (deposit_accounts.json): used or TIERED interest rates,
    holds the values to define how the interest is computed.

    Required on create: ``interestRate``.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    ending_balance: Decimal | None = None
    ending_day: int | None = None
    interest_rate: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class DepositAccountInterestRateSettings(MambuModel):
    """Mambu's ``DepositAccountInterestRateSettings`` (deposit_accounts.json): interest rate settings for
    deposit accounts.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    interest_charge_frequency: DepositAccountInterestRateSettingsInterestChargeFrequency | str | None = None
    interest_charge_frequency_count: int | None = None
    interest_rate: Decimal | None = None
    interest_rate_terms: DepositAccountInterestRateSettingsInterestRateTerms | str | None = None
    interest_rate_tiers: list[DepositAccountInterestRateTier] | None = None


@attrs.define(slots=False, kw_only=True)
class DepositAccountInterestSettings(MambuModel):
    """Mambu's ``DepositAccountInterestSettings`` (deposit_accounts.json): groups all fields related to a
    deposit account's interest settings.
    """

    interest_payment_settings: DepositAccountInterestPaymentSettings | None = None
    interest_rate_settings: DepositAccountInterestRateSettings | None = None


@attrs.define(slots=False, kw_only=True)
class DepositAccountInternalControls(MambuModel):
    """Mambu's ``DepositAccountInternalControls`` (deposit_accounts.json): groups all fields related to
    internal controls.
    """

    max_withdrawal_amount: Decimal | None = None
    recommended_deposit_amount: Decimal | None = None
    target_amount: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class DepositAccountOverdraftInterestRateSettings(MambuModel):
    """Mambu's ``DepositAccountOverdraftInterestRateSettings`` (deposit_accounts.json): overdraft interest
    rate settings for deposit accounts.

    Read-only: ``encodedKey``, ``interestRateSource``.
    """

    encoded_key: str | None = None
    interest_charge_frequency: (
        DepositAccountOverdraftInterestRateSettingsInterestChargeFrequency | str | None
    ) = None
    interest_charge_frequency_count: int | None = None
    interest_rate: Decimal | None = None
    interest_rate_review_count: int | None = None
    interest_rate_review_unit: (
        DepositAccountOverdraftInterestRateSettingsInterestRateReviewUnit | str | None
    ) = None
    interest_rate_source: DepositAccountOverdraftInterestRateSettingsInterestRateSource | str | None = None
    interest_rate_terms: DepositAccountOverdraftInterestRateSettingsInterestRateTerms | str | None = None
    interest_rate_tiers: list[DepositAccountInterestRateTier] | None = None
    interest_spread: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class DepositAccountOverdraftInterestSettings(MambuModel):
    """Mambu's ``DepositAccountOverdraftInterestSettings`` (deposit_accounts.json): groups all fields
    related to a deposit account's overdraft interest settings.
    """

    interest_rate_settings: DepositAccountOverdraftInterestRateSettings | None = None


@attrs.define(slots=False, kw_only=True)
class DepositAccountOverdraftSettings(MambuModel):
    """Mambu's ``DepositAccountOverdraftSettings`` (deposit_accounts.json): groups all fields related to a
    deposit account's overdraft settings.
    """

    allow_overdraft: bool | None = None
    overdraft_expiry_date: dt.datetime | None = None
    overdraft_limit: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class DepositAccount(MambuModel):
    """Mambu's ``DepositAccount`` (deposit_accounts.json): an account where a customer holds his savings.

    Required on create: ``accountHolderKey``, ``accountHolderType``, ``name``, ``productTypeKey``.

    Read-only: ``encodedKey``, ``accountState``, ``activationDate``, ``approvedDate``, ``closedDate``,
    ``creationDate``, ``lastAccountAppraisalDate``, ``lastInterestCalculationDate``,
    ``lastInterestStoredDate``, ``lastModifiedDate``, ``lastOverdraftInterestReviewDate``,
    ``lastSetToArrearsDate``, ``linkedSettlementAccountKeys``, ``lockedDate``, ``maturityDate``,
    ``migrationEventKey``.
    """

    id: str | None = None
    encoded_key: str | None = None
    account_holder_key: str | None = None
    account_holder_type: DepositAccountHolderType | str | None = None
    account_state: DepositAccountState | str | None = None
    account_type: DepositAccountType | str | None = None
    accrued_amounts: DepositAccountAccruedAmounts | None = None
    activation_date: dt.datetime | None = None
    approved_date: dt.datetime | None = None
    assigned_branch_key: str | None = None
    assigned_centre_key: str | None = None
    assigned_user_key: str | None = None
    balances: DepositAccountBalances | None = None
    closed_date: dt.datetime | None = None
    creation_date: dt.datetime | None = None
    credit_arrangement_key: str | None = None
    currency_code: str | None = None
    interest_settings: DepositAccountInterestSettings | None = None
    internal_controls: DepositAccountInternalControls | None = None
    last_account_appraisal_date: dt.datetime | None = None
    last_interest_calculation_date: dt.datetime | None = None
    last_interest_stored_date: dt.datetime | None = None
    last_modified_date: dt.datetime | None = None
    last_overdraft_interest_review_date: dt.datetime | None = None
    last_set_to_arrears_date: dt.datetime | None = None
    linked_settlement_account_keys: list[str] | None = None
    locked_date: dt.datetime | None = None
    maturity_date: dt.datetime | None = None
    migration_event_key: str | None = None
    name: str | None = None
    notes: str | None = None
    overdraft_interest_settings: DepositAccountOverdraftInterestSettings | None = None
    overdraft_settings: DepositAccountOverdraftSettings | None = None
    product_type_key: str | None = None
    withholding_tax_source_key: str | None = None


@attrs.define(slots=False, kw_only=True)
class Card(MambuModel):
    """Mambu's ``Card`` (deposit_accounts.json): a card which can be associated to an account (deposit /
    loan). Cards consist only in card references (tokens). Card details are not stored by Mambu.

    Required on create: ``referenceToken``.
    """

    reference_token: str | None = None


@attrs.define(slots=False, kw_only=True)
class CardAcceptor(MambuModel):
    """Mambu's ``CardAcceptor`` (deposit_accounts.json): the details of the card acceptor (merchant) in a
    transaction hold.
    """

    city: str | None = None
    country: str | None = None
    mcc: int | None = None
    name: str | None = None
    state: str | None = None
    street: str | None = None
    zip: str | None = None


@attrs.define(slots=False, kw_only=True)
class AuthorizationHold(MambuModel):
    """Mambu's ``AuthorizationHold`` (deposit_accounts.json): an authorization hold entry as a result of a
    hold action performed by a card acceptor.

    Required on create: ``advice``, ``amount``, ``externalReferenceId``.

    Read-only: ``encodedKey``, ``cardToken``, ``status``.
    """

    encoded_key: str | None = None
    advice: bool | None = None
    amount: Decimal | None = None
    card_acceptor: CardAcceptor | None = None
    card_token: str | None = None
    currency_code: str | None = None
    exchange_rate: Decimal | None = None
    external_reference_id: str | None = None
    original_amount: Decimal | None = None
    original_currency: str | None = None
    status: AuthorizationHoldStatus | str | None = None
    user_transaction_time: str | None = None
