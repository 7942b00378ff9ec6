# Generated from Mambu's OpenAPI files by tools/generate_models.py: do not edit.
# Regenerate with `python tools/generate_models.py` (`--check`, run by the tests, fails when stale).
"""Mambu's ``depositproducts.json`` definitions: ``DepositProduct`` and the value objects it references.

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

from mambu_async.entities.generated.shared import (
    BranchSettings,
    CreditArrangementSettings,
    CreditArrangementSettingsCreditArrangementRequirement,
    DecimalInterval,
    MonthAndDay,
)
from mambu_async.entities.model import MambuModel

__all__ = [
    "AmountDecimalInterval",
    "BranchSettings",
    "CreditArrangementSettings",
    "CreditArrangementSettingsCreditArrangementRequirement",
    "Currency",
    "CurrencyCode",
    "DecimalInterval",
    "DepositGLAccountingRule",
    "DepositGLAccountingRuleFinancialResource",
    "DepositMaturitySettings",
    "DepositMaturitySettingsMaturityPeriodUnit",
    "DepositNewAccountSettings",
    "DepositNewAccountSettingsIdGeneratorType",
    "DepositProduct",
    "DepositProductAccountingSettings",
    "DepositProductAccountingSettingsAccountingMethod",
    "DepositProductAccountingSettingsInterestAccruedAccountingMethod",
    "DepositProductAvailabilitySettings",
    "DepositProductAvailabilitySettingsAvailableFor",
    "DepositProductCurrencySettings",
    "DepositProductFeeSettings",
    "DepositProductInterestRateSettings",
    "DepositProductInterestRateSettingsInterestChargeFrequency",
    "DepositProductInterestRateSettingsInterestRateSource",
    "DepositProductInterestRateSettingsInterestRateTerms",
    "DepositProductInterestRateTier",
    "DepositProductInterestSettings",
    "DepositProductInterestSettingsDaysInYear",
    "DepositProductInterestSettingsInterestCalculationBalance",
    "DepositProductInternalControls",
    "DepositProductOffsetSettings",
    "DepositProductOverdraftInterestRateSettings",
    "DepositProductOverdraftInterestRateSettingsInterestChargeFrequency",
    "DepositProductOverdraftInterestRateSettingsInterestRateReviewUnit",
    "DepositProductOverdraftInterestRateSettingsInterestRateSource",
    "DepositProductOverdraftInterestRateSettingsInterestRateTerms",
    "DepositProductOverdraftInterestRateTier",
    "DepositProductOverdraftSettings",
    "DepositProductPredefinedFee",
    "DepositProductPredefinedFeeAmountCalculationMethod",
    "DepositProductPredefinedFeeApplyDateMethod",
    "DepositProductPredefinedFeeFeeApplication",
    "DepositProductPredefinedFeeState",
    "DepositProductPredefinedFeeTrigger",
    "DepositProductState",
    "DepositProductTaxSettings",
    "DepositProductType",
    "IntegerInterval",
    "InterestPaymentSettings",
    "InterestPaymentSettingsInterestPaymentPoint",
    "MonthAndDay",
    "OverdraftInterestSettings",
    "OverdraftInterestSettingsDaysInYear",
    "OverdraftInterestSettingsInterestCalculationBalance",
]


class DepositGLAccountingRuleFinancialResource(enum.StrEnum):
    """Values of ``DepositGLAccountingRule.financialResource`` (depositproducts.json)."""

    PORTFOLIO_CONTROL = "PORTFOLIO_CONTROL"
    FUND_SOURCE = "FUND_SOURCE"
    WRITE_OFF_EXPENSE = "WRITE_OFF_EXPENSE"
    INTEREST_INCOME = "INTEREST_INCOME"
    TAXES_PAYABLE = "TAXES_PAYABLE"
    FEE_INCOME = "FEE_INCOME"
    PENALTY_INCOME = "PENALTY_INCOME"
    INTEREST_RECEIVABLE = "INTEREST_RECEIVABLE"
    FEE_RECEIVABLE = "FEE_RECEIVABLE"
    PENALTY_RECEIVABLE = "PENALTY_RECEIVABLE"
    TAXES_RECEIVABLE = "TAXES_RECEIVABLE"
    DEFERRED_INTERESTS_INCOME = "DEFERRED_INTERESTS_INCOME"
    DEFERRED_FEE_INCOME = "DEFERRED_FEE_INCOME"
    DEFERRED_TAXES = "DEFERRED_TAXES"
    DEPOSIT_REFERENCE = "DEPOSIT_REFERENCE"
    SAVINGS_CONTROL = "SAVINGS_CONTROL"
    INTEREST_EXPENSE = "INTEREST_EXPENSE"
    INTEREST_PAYABLE = "INTEREST_PAYABLE"
    OVERDRAFT_PORTFOLIO_CONTROL = "OVERDRAFT_PORTFOLIO_CONTROL"
    OVERDRAFT_INTEREST_INCOME = "OVERDRAFT_INTEREST_INCOME"
    OVERDRAFT_WRITE_OFF_EXPENSE = "OVERDRAFT_WRITE_OFF_EXPENSE"
    OVERDRAFT_INTEREST_RECEIVABLE = "OVERDRAFT_INTEREST_RECEIVABLE"
    INTER_BRANCH_TRANSFER = "INTER_BRANCH_TRANSFER"


class DepositProductAccountingSettingsAccountingMethod(enum.StrEnum):
    """Values of ``DepositProductAccountingSettings.accountingMethod`` (depositproducts.json)."""

    NONE = "NONE"
    CASH = "CASH"
    ACCRUAL = "ACCRUAL"


class DepositProductAccountingSettingsInterestAccruedAccountingMethod(enum.StrEnum):
    """Values of ``DepositProductAccountingSettings.interestAccruedAccountingMethod``
    (depositproducts.json).
    """

    NONE = "NONE"
    DAILY = "DAILY"
    END_OF_MONTH = "END_OF_MONTH"


class DepositProductAvailabilitySettingsAvailableFor(enum.StrEnum):
    """Values of ``DepositProductAvailabilitySettings.availableFor`` (depositproducts.json)."""

    INDIVIDUALS = "INDIVIDUALS"
    PURE_GROUPS = "PURE_GROUPS"


class CurrencyCode(enum.StrEnum):
    """Values of ``Currency.code`` (depositproducts.json)."""

    AED = "AED"
    AFN = "AFN"
    ALL = "ALL"
    AMD = "AMD"
    ANG = "ANG"
    AOA = "AOA"
    ARS = "ARS"
    AUD = "AUD"
    AWG = "AWG"
    AZN = "AZN"
    BAM = "BAM"
    BBD = "BBD"
    BDT = "BDT"
    BGN = "BGN"
    BHD = "BHD"
    BIF = "BIF"
    BMD = "BMD"
    BND = "BND"
    BOB = "BOB"
    BOV = "BOV"
    BRL = "BRL"
    BSD = "BSD"
    BTC = "BTC"
    BTN = "BTN"
    BWP = "BWP"
    BYR = "BYR"
    BZD = "BZD"
    CAD = "CAD"
    CDF = "CDF"
    CHF = "CHF"
    CLP = "CLP"
    CNY = "CNY"
    COP = "COP"
    COU = "COU"
    CRC = "CRC"
    CUC = "CUC"
    CUP = "CUP"
    CVE = "CVE"
    CZK = "CZK"
    DJF = "DJF"
    DKK = "DKK"
    DOP = "DOP"
    DZD = "DZD"
    EGP = "EGP"
    ERN = "ERN"
    ETB = "ETB"
    EUR = "EUR"
    FJD = "FJD"
    FKP = "FKP"
    GBP = "GBP"
    GEL = "GEL"
    GHS = "GHS"
    GIP = "GIP"
    GMD = "GMD"
    GNF = "GNF"
    GTQ = "GTQ"
    GYD = "GYD"
    HKD = "HKD"
    HNL = "HNL"
    HRK = "HRK"
    HTG = "HTG"
    HUF = "HUF"
    IDR = "IDR"
    ILS = "ILS"
    INR = "INR"
    IQD = "IQD"
    IRR = "IRR"
    ISK = "ISK"
    JMD = "JMD"
    JOD = "JOD"
    JPY = "JPY"
    KES = "KES"
    KGS = "KGS"
    KHR = "KHR"
    KMF = "KMF"
    KPW = "KPW"
    KRW = "KRW"
    KWD = "KWD"
    KYD = "KYD"
    KZT = "KZT"
    LAK = "LAK"
    LBP = "LBP"
    LKR = "LKR"
    LRD = "LRD"
    LSL = "LSL"
    LTL = "LTL"
    LVL = "LVL"
    LYD = "LYD"
    MAD = "MAD"
    MDL = "MDL"
    MGA = "MGA"
    MKD = "MKD"
    MMK = "MMK"
    MNT = "MNT"
    MOP = "MOP"
    MRO = "MRO"
    MUR = "MUR"
    MVR = "MVR"
    MWK = "MWK"
    MXN = "MXN"
    MYR = "MYR"
    MZN = "MZN"
    NAD = "NAD"
    NGN = "NGN"
    NIO = "NIO"
    NOK = "NOK"
    NPR = "NPR"
    NZD = "NZD"
    OMR = "OMR"
    PAB = "PAB"
    PEN = "PEN"
    PGK = "PGK"
    PHP = "PHP"
    PKR = "PKR"
    PLN = "PLN"
    PYG = "PYG"
    QAR = "QAR"
    RON = "RON"
    RSD = "RSD"
    RUB = "RUB"
    RWF = "RWF"
    SAR = "SAR"
    SBD = "SBD"
    SCR = "SCR"
    SDG = "SDG"
    SEK = "SEK"
    SGD = "SGD"
    SHP = "SHP"
    SLL = "SLL"
    SOS = "SOS"
    SRD = "SRD"
    STD = "STD"
    SYP = "SYP"
    SZL = "SZL"
    THB = "THB"
    TJS = "TJS"
    TMT = "TMT"
    TND = "TND"
    TOP = "TOP"
    TRY = "TRY"
    TTD = "TTD"
    TWD = "TWD"
    TZS = "TZS"
    UAH = "UAH"
    UGX = "UGX"
    USD = "USD"
    UYU = "UYU"
    UZS = "UZS"
    VEF = "VEF"
    VND = "VND"
    VUV = "VUV"
    WST = "WST"
    XAF = "XAF"
    XCD = "XCD"
    XOF = "XOF"
    XPF = "XPF"
    YER = "YER"
    ZAR = "ZAR"
    ZMK = "ZMK"
    ZWL = "ZWL"
    ZMW = "ZMW"
    SSP = "SSP"


class DepositProductPredefinedFeeAmountCalculationMethod(enum.StrEnum):
    """Values of ``DepositProductPredefinedFee.amountCalculationMethod`` (depositproducts.json)."""

    FLAT = "FLAT"
    LOAN_AMOUNT_PERCENTAGE = "LOAN_AMOUNT_PERCENTAGE"
    REPAYMENT_PRINCIPAL_AMOUNT_PERCENTAGE = "REPAYMENT_PRINCIPAL_AMOUNT_PERCENTAGE"
    LOAN_AMOUNT_PERCENTAGE_NUMBER_OF_INSTALLMENTS = "LOAN_AMOUNT_PERCENTAGE_NUMBER_OF_INSTALLMENTS"
    FLAT_NUMBER_OF_INSTALLMENTS = "FLAT_NUMBER_OF_INSTALLMENTS"


class DepositProductPredefinedFeeApplyDateMethod(enum.StrEnum):
    """Values of ``DepositProductPredefinedFee.applyDateMethod`` (depositproducts.json)."""

    MONTHLY_FROM_ACTIVATION = "MONTHLY_FROM_ACTIVATION"
    FIRST_OF_EVERY_MONTH = "FIRST_OF_EVERY_MONTH"


class DepositProductPredefinedFeeFeeApplication(enum.StrEnum):
    """Values of ``DepositProductPredefinedFee.feeApplication`` (depositproducts.json)."""

    REQUIRED = "REQUIRED"
    OPTIONAL = "OPTIONAL"


class DepositProductPredefinedFeeState(enum.StrEnum):
    """Values of ``DepositProductPredefinedFee.state`` (depositproducts.json)."""

    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"


class DepositProductPredefinedFeeTrigger(enum.StrEnum):
    """Values of ``DepositProductPredefinedFee.trigger`` (depositproducts.json)."""

    MANUAL = "MANUAL"
    DISBURSEMENT = "DISBURSEMENT"
    CAPITALIZED_DISBURSEMENT = "CAPITALIZED_DISBURSEMENT"
    UPFRONT_DISBURSEMENT = "UPFRONT_DISBURSEMENT"
    LATE_REPAYMENT = "LATE_REPAYMENT"
    MONTHLY_FEE = "MONTHLY_FEE"
    PAYMENT_DUE = "PAYMENT_DUE"
    PAYMENT_DUE_APPLIED_ON_DUE_DATES = "PAYMENT_DUE_APPLIED_ON_DUE_DATES"
    ARBITRARY = "ARBITRARY"


class InterestPaymentSettingsInterestPaymentPoint(enum.StrEnum):
    """Values of ``InterestPaymentSettings.interestPaymentPoint`` (depositproducts.json)."""

    FIRST_DAY_OF_MONTH = "FIRST_DAY_OF_MONTH"
    EVERY_WEEK = "EVERY_WEEK"
    EVERY_OTHER_WEEK = "EVERY_OTHER_WEEK"
    EVERY_MONTH = "EVERY_MONTH"
    EVERY_3_MONTHS = "EVERY_3_MONTHS"
    ON_FIXED_DATES = "ON_FIXED_DATES"
    ON_ACCOUNT_MATURITY = "ON_ACCOUNT_MATURITY"


class DepositProductInterestRateSettingsInterestChargeFrequency(enum.StrEnum):
    """Values of ``DepositProductInterestRateSettings.interestChargeFrequency`` (depositproducts.json)."""

    ANNUALIZED = "ANNUALIZED"
    EVERY_MONTH = "EVERY_MONTH"
    EVERY_FOUR_WEEKS = "EVERY_FOUR_WEEKS"
    EVERY_WEEK = "EVERY_WEEK"
    EVERY_DAY = "EVERY_DAY"
    EVERY_X_DAYS = "EVERY_X_DAYS"


class DepositProductInterestRateSettingsInterestRateSource(enum.StrEnum):
    """Values of ``DepositProductInterestRateSettings.interestRateSource`` (depositproducts.json)."""

    FIXED_INTEREST_RATE = "FIXED_INTEREST_RATE"
    INDEX_INTEREST_RATE = "INDEX_INTEREST_RATE"


class DepositProductInterestRateSettingsInterestRateTerms(enum.StrEnum):
    """Values of ``DepositProductInterestRateSettings.interestRateTerms`` (depositproducts.json)."""

    FIXED = "FIXED"
    TIERED = "TIERED"
    TIERED_PERIOD = "TIERED_PERIOD"


class DepositProductInterestSettingsDaysInYear(enum.StrEnum):
    """Values of ``DepositProductInterestSettings.daysInYear`` (depositproducts.json)."""

    ACTUAL_365_FIXED = "ACTUAL_365_FIXED"
    ACTUAL_360 = "ACTUAL_360"
    ACTUAL_ACTUAL_ISDA = "ACTUAL_ACTUAL_ISDA"
    E30_360 = "E30_360"
    E30_42_365 = "E30_42_365"


class DepositProductInterestSettingsInterestCalculationBalance(enum.StrEnum):
    """Values of ``DepositProductInterestSettings.interestCalculationBalance`` (depositproducts.json)."""

    MINIMUM = "MINIMUM"
    AVERAGE = "AVERAGE"
    END_OF_DAY = "END_OF_DAY"
    MINIMUM_TO_END_OF_DAY = "MINIMUM_TO_END_OF_DAY"


class DepositMaturitySettingsMaturityPeriodUnit(enum.StrEnum):
    """Values of ``DepositMaturitySettings.maturityPeriodUnit`` (depositproducts.json)."""

    DAYS = "DAYS"
    WEEKS = "WEEKS"
    MONTHS = "MONTHS"


class DepositNewAccountSettingsIdGeneratorType(enum.StrEnum):
    """Values of ``DepositNewAccountSettings.idGeneratorType`` (depositproducts.json)."""

    INCREMENTAL_NUMBER = "INCREMENTAL_NUMBER"
    RANDOM_PATTERN = "RANDOM_PATTERN"


class DepositProductOverdraftInterestRateSettingsInterestChargeFrequency(enum.StrEnum):
    """Values of ``DepositProductOverdraftInterestRateSettings.interestChargeFrequency``
    (depositproducts.json).
    """

    ANNUALIZED = "ANNUALIZED"
    EVERY_MONTH = "EVERY_MONTH"
    EVERY_FOUR_WEEKS = "EVERY_FOUR_WEEKS"
    EVERY_WEEK = "EVERY_WEEK"
    EVERY_DAY = "EVERY_DAY"
    EVERY_X_DAYS = "EVERY_X_DAYS"


class DepositProductOverdraftInterestRateSettingsInterestRateReviewUnit(enum.StrEnum):
    """Values of ``DepositProductOverdraftInterestRateSettings.interestRateReviewUnit``
    (depositproducts.json).
    """

    DAYS = "DAYS"
    WEEKS = "WEEKS"
    MONTHS = "MONTHS"


class DepositProductOverdraftInterestRateSettingsInterestRateSource(enum.StrEnum):
    """Values of ``DepositProductOverdraftInterestRateSettings.interestRateSource`` (depositproducts.json)."""

    FIXED_INTEREST_RATE = "FIXED_INTEREST_RATE"
    INDEX_INTEREST_RATE = "INDEX_INTEREST_RATE"


class DepositProductOverdraftInterestRateSettingsInterestRateTerms(enum.StrEnum):
    """Values of ``DepositProductOverdraftInterestRateSettings.interestRateTerms`` (depositproducts.json)."""

    FIXED = "FIXED"
    TIERED = "TIERED"
    TIERED_PERIOD = "TIERED_PERIOD"


class OverdraftInterestSettingsDaysInYear(enum.StrEnum):
    """Values of ``OverdraftInterestSettings.daysInYear`` (depositproducts.json)."""

    ACTUAL_365_FIXED = "ACTUAL_365_FIXED"
    ACTUAL_360 = "ACTUAL_360"
    ACTUAL_ACTUAL_ISDA = "ACTUAL_ACTUAL_ISDA"
    E30_360 = "E30_360"
    E30_42_365 = "E30_42_365"


class OverdraftInterestSettingsInterestCalculationBalance(enum.StrEnum):
    """Values of ``OverdraftInterestSettings.interestCalculationBalance`` (depositproducts.json)."""

    MINIMUM = "MINIMUM"
    AVERAGE = "AVERAGE"
    END_OF_DAY = "END_OF_DAY"
    MINIMUM_TO_END_OF_DAY = "MINIMUM_TO_END_OF_DAY"


class DepositProductState(enum.StrEnum):
    """Values of ``DepositProduct.state`` (depositproducts.json)."""

    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"


class DepositProductType(enum.StrEnum):
    """Values of ``DepositProduct.type`` (depositproducts.json)."""

    CURRENT_ACCOUNT = "CURRENT_ACCOUNT"
    REGULAR_SAVINGS = "REGULAR_SAVINGS"
    FIXED_DEPOSIT = "FIXED_DEPOSIT"
    SAVINGS_PLAN = "SAVINGS_PLAN"
    INVESTOR_ACCOUNT = "INVESTOR_ACCOUNT"


@attrs.define(slots=False, kw_only=True)
class DepositGLAccountingRule(MambuModel):
    """Mambu's ``DepositGLAccountingRule`` (depositproducts.json): the GL accounting rule, it maps a
    financial resource with a GL account for a specific product (i.e loan or saving).

    Required on create: ``financialResource``, ``glAccountKey``.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    financial_resource: DepositGLAccountingRuleFinancialResource | str | None = None
    gl_account_key: str | None = None


@attrs.define(slots=False, kw_only=True)
class DepositProductAccountingSettings(MambuModel):
    """Mambu's ``DepositProductAccountingSettings`` (depositproducts.json): accounting settings, defines
    the accounting settings for the product.

    Required on create: ``accountingMethod``.
    """

    accounting_method: DepositProductAccountingSettingsAccountingMethod | str | None = None
    accounting_rules: list[DepositGLAccountingRule] | None = None
    interest_accrued_accounting_method: (
        DepositProductAccountingSettingsInterestAccruedAccountingMethod | str | None
    ) = None


@attrs.define(slots=False, kw_only=True)
class DepositProductAvailabilitySettings(MambuModel):
    """Mambu's ``DepositProductAvailabilitySettings`` (depositproducts.json): holds information about
    product availability.
    """

    available_for: list[DepositProductAvailabilitySettingsAvailableFor | str] | None = None
    branch_settings: BranchSettings | None = None


@attrs.define(slots=False, kw_only=True)
class Currency(MambuModel):
    """Mambu's ``Currency`` (depositproducts.json): represents a currency eg. USD, EUR."""

    code: CurrencyCode | str | None = None


@attrs.define(slots=False, kw_only=True)
class DepositProductCurrencySettings(MambuModel):
    """Mambu's ``DepositProductCurrencySettings`` (depositproducts.json): currency settings for the
    product.
    """

    currencies: list[Currency] | None = None


@attrs.define(slots=False, kw_only=True)
class DepositProductPredefinedFee(MambuModel):
    """Mambu's ``DepositProductPredefinedFee`` (depositproducts.json): the response representation of the
    PredefinedFee. Represents a fee with a defined name and a fixed value.

    Required on create: ``feeApplication``, ``state``, ``trigger``.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    accounting_rules: list[DepositGLAccountingRule] | None = None
    amount: Decimal | None = None
    amount_calculation_method: DepositProductPredefinedFeeAmountCalculationMethod | str | None = None
    apply_date_method: DepositProductPredefinedFeeApplyDateMethod | str | None = None
    creation_date: dt.datetime | None = None
    fee_application: DepositProductPredefinedFeeFeeApplication | str | None = None
    name: str | None = None
    state: DepositProductPredefinedFeeState | str | None = None
    trigger: DepositProductPredefinedFeeTrigger | str | None = None


@attrs.define(slots=False, kw_only=True)
class DepositProductFeeSettings(MambuModel):
    """Mambu's ``DepositProductFeeSettings`` (depositproducts.json): defines fees settings for the product."""

    allow_arbitrary_fees: bool | None = None
    fees: list[DepositProductPredefinedFee] | None = None


@attrs.define(slots=False, kw_only=True)
class InterestPaymentSettings(MambuModel):
    """Mambu's ``InterestPaymentSettings`` (depositproducts.json): defines the interest payment settings
    for the deposit product and for deposits created based on this product.
    """

    interest_payment_dates: list[MonthAndDay] | None = None
    interest_payment_point: InterestPaymentSettingsInterestPaymentPoint | str | None = None


@attrs.define(slots=False, kw_only=True)
class DepositProductInterestRateTier(MambuModel):
    """Mambu's ``DepositProductInterestRateTier`` (depositproducts.json): used or TIERED interest rates,
    holds the values to define how the interest is computed.

    Required on create: ``interestRate``.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    ending_balance: Decimal | None = None
    ending_day: int | None = None
    interest_rate: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class DepositProductInterestRateSettings(MambuModel):
    """Mambu's ``DepositProductInterestRateSettings`` (depositproducts.json): the interest settings,
    defines constraints regarding interest that will be used on the deposit created based on this product.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    accrue_interest_after_maturity: bool | None = None
    index_source_key: str | None = None
    interest_charge_frequency: DepositProductInterestRateSettingsInterestChargeFrequency | str | None = None
    interest_charge_frequency_count: int | None = None
    interest_rate: DecimalInterval | None = None
    interest_rate_source: DepositProductInterestRateSettingsInterestRateSource | str | None = None
    interest_rate_terms: DepositProductInterestRateSettingsInterestRateTerms | str | None = None
    interest_rate_tiers: list[DepositProductInterestRateTier] | None = None


@attrs.define(slots=False, kw_only=True)
class DepositProductInterestSettings(MambuModel):
    """Mambu's ``DepositProductInterestSettings`` (depositproducts.json): the interest settings, defines
    constraints regarding interest that will be used on the deposit account based on this product.
    """

    collect_interest_when_locked: bool | None = None
    days_in_year: DepositProductInterestSettingsDaysInYear | str | None = None
    interest_calculation_balance: DepositProductInterestSettingsInterestCalculationBalance | str | None = None
    interest_paid_into_account: bool | None = None
    interest_payment_settings: InterestPaymentSettings | None = None
    interest_rate_settings: DepositProductInterestRateSettings | None = None
    maximum_balance: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class AmountDecimalInterval(MambuModel):
    """Mambu's ``AmountDecimalInterval`` (depositproducts.json): decimal constraints, like min/max/default."""

    default_value: Decimal | None = None
    max_value: Decimal | None = None
    min_value: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class DepositProductInternalControls(MambuModel):
    """Mambu's ``DepositProductInternalControls`` (depositproducts.json): constraints and automated
    actions and that will be applied on the accounts.
    """

    dormancy_period_days: int | None = None
    max_withdrawal_amount: Decimal | None = None
    opening_balance: AmountDecimalInterval | None = None
    recommended_deposit_amount: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class IntegerInterval(MambuModel):
    """Mambu's ``IntegerInterval`` (depositproducts.json): decimal integer, like min/max/default."""

    default_value: int | None = None
    max_value: int | None = None
    min_value: int | None = None


@attrs.define(slots=False, kw_only=True)
class DepositMaturitySettings(MambuModel):
    """Mambu's ``DepositMaturitySettings`` (depositproducts.json): the maturity settings for the product."""

    maturity_period: IntegerInterval | None = None
    maturity_period_unit: DepositMaturitySettingsMaturityPeriodUnit | str | None = None


@attrs.define(slots=False, kw_only=True)
class DepositNewAccountSettings(MambuModel):
    """Mambu's ``DepositNewAccountSettings`` (depositproducts.json): new Account settings for deposit
    accounts.

    Required on create: ``idGeneratorType``, ``idPattern``.
    """

    id_generator_type: DepositNewAccountSettingsIdGeneratorType | str | None = None
    id_pattern: str | None = None


@attrs.define(slots=False, kw_only=True)
class DepositProductOffsetSettings(MambuModel):
    """Mambu's ``DepositProductOffsetSettings`` (depositproducts.json): the offset settings, holds
    information about offset.
    """

    allow_offset: bool | None = None


@attrs.define(slots=False, kw_only=True)
class DepositProductOverdraftInterestRateTier(MambuModel):
    """Mambu's ``DepositProductOverdraftInterestRateTier`` (depositproducts.json): used or TIERED interest
    rates, holds the values to define how the interest is computed.

    Required on create: ``interestRate``.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    ending_balance: Decimal | None = None
    interest_rate: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class DepositProductOverdraftInterestRateSettings(MambuModel):
    """Mambu's ``DepositProductOverdraftInterestRateSettings`` (depositproducts.json): the overdraft
    interest settings, defines constraints regarding interest that will be used on the account created
    based on this product.
    """

    index_source_key: str | None = None
    interest_charge_frequency: (
        DepositProductOverdraftInterestRateSettingsInterestChargeFrequency | str | None
    ) = None
    interest_charge_frequency_count: int | None = None
    interest_rate: DecimalInterval | None = None
    interest_rate_review_count: int | None = None
    interest_rate_review_unit: (
        DepositProductOverdraftInterestRateSettingsInterestRateReviewUnit | str | None
    ) = None
    interest_rate_source: DepositProductOverdraftInterestRateSettingsInterestRateSource | str | None = None
    interest_rate_terms: DepositProductOverdraftInterestRateSettingsInterestRateTerms | str | None = None
    interest_rate_tiers: list[DepositProductOverdraftInterestRateTier] | None = None


@attrs.define(slots=False, kw_only=True)
class OverdraftInterestSettings(MambuModel):
    """Mambu's ``OverdraftInterestSettings`` (depositproducts.json): overdraft settings for the product."""

    days_in_year: OverdraftInterestSettingsDaysInYear | str | None = None
    interest_calculation_balance: OverdraftInterestSettingsInterestCalculationBalance | str | None = None
    interest_rate_settings: DepositProductOverdraftInterestRateSettings | None = None


@attrs.define(slots=False, kw_only=True)
class DepositProductOverdraftSettings(MambuModel):
    """Mambu's ``DepositProductOverdraftSettings`` (depositproducts.json): the overdraft settings of the
    deposit product.
    """

    allow_overdraft: bool | None = None
    allow_technical_overdraft: bool | None = None
    max_overdraft_limit: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class DepositProductTaxSettings(MambuModel):
    """Mambu's ``DepositProductTaxSettings`` (depositproducts.json): tax settings, defines some settings
    for taxes on the loan product.
    """

    withholding_tax_enabled: bool | None = None


@attrs.define(slots=False, kw_only=True)
class DepositProduct(MambuModel):
    """Mambu's ``DepositProduct`` (depositproducts.json): a deposit product defines the terms and
    constraints on deposit accounts.

    Required on create: ``id``, ``accountingSettings``, ``name``, ``newAccountSettings``, ``state``,
    ``type``.

    Read-only: ``encodedKey``.
    """

    id: str | None = None
    encoded_key: str | None = None
    accounting_settings: DepositProductAccountingSettings | None = None
    availability_settings: DepositProductAvailabilitySettings | None = None
    creation_date: dt.datetime | None = None
    credit_arrangement_settings: CreditArrangementSettings | None = None
    currency_settings: DepositProductCurrencySettings | None = None
    fees_settings: DepositProductFeeSettings | None = None
    interest_settings: DepositProductInterestSettings | None = None
    internal_controls: DepositProductInternalControls | None = None
    last_modified_date: dt.datetime | None = None
    maturity_settings: DepositMaturitySettings | None = None
    name: str | None = None
    new_account_settings: DepositNewAccountSettings | None = None
    notes: str | None = None
    offset_settings: DepositProductOffsetSettings | None = None
    overdraft_interest_settings: OverdraftInterestSettings | None = None
    overdraft_settings: DepositProductOverdraftSettings | None = None
    state: DepositProductState | str | None = None
    tax_settings: DepositProductTaxSettings | None = None
    type: DepositProductType | str | None = None
