# Generated from Mambu's OpenAPI files by tools/generate_models.py: do not edit.
# Regenerate with `python tools/generate_models.py` (`--check`, run by the tests, fails when stale).
"""Mambu's ``loanproducts.json`` definitions: ``LoanProduct`` and the value objects it references.

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
)
from mambu_async.entities.model import MambuModel

__all__ = [
    "AccountLinkSettings",
    "AccountLinkSettingsLinkedAccountOptions",
    "AccountLinkSettingsSettlementMethod",
    "AccountingSettings",
    "AccountingSettingsAccountingMethod",
    "AccountingSettingsInterestAccrualCalculation",
    "AccountingSettingsInterestAccruedAccountingMethod",
    "AmountDecimalConstraints",
    "BranchSettings",
    "CreditArrangementSettings",
    "CreditArrangementSettingsCreditArrangementRequirement",
    "DecimalConstraints",
    "DecimalInterval",
    "DocumentTemplate",
    "DocumentTemplateType",
    "FeesSettings",
    "FundingSettings",
    "FundingSettingsFunderInterestCommissionAllocationType",
    "GLAccountingRule",
    "GLAccountingRuleFinancialResource",
    "GracePeriodSettings",
    "GracePeriodSettingsGracePeriodType",
    "IntegerIntervalConstraints",
    "InterestProductSettings",
    "InterestProductSettingsInterestChargeFrequency",
    "InterestProductSettingsInterestRateReviewUnit",
    "InterestProductSettingsInterestRateSource",
    "InterestProductSettingsInterestRateTerms",
    "InterestRateTier",
    "InternalControls",
    "LoanAmountSettings",
    "LoanProduct",
    "LoanProductCategory",
    "LoanProductScheduleSettings",
    "LoanProductScheduleSettingsRepaymentPeriodUnit",
    "LoanProductScheduleSettingsRepaymentReschedulingMethod",
    "LoanProductScheduleSettingsRepaymentScheduleEditOptions",
    "LoanProductScheduleSettingsRepaymentScheduleMethod",
    "LoanProductScheduleSettingsScheduleDueDatesMethod",
    "LoanProductScheduleSettingsShortMonthHandlingMethod",
    "LoanProductState",
    "LoanProductType",
    "LockSettings",
    "LockSettingsCappingConstraintType",
    "LockSettingsCappingMethod",
    "NewAccountSettings",
    "NewAccountSettingsAccountInitialState",
    "NewAccountSettingsIdGeneratorType",
    "OffsetSettings",
    "PaymentSettings",
    "PaymentSettingsAmortizationMethod",
    "PaymentSettingsLatePaymentsRecalculationMethod",
    "PaymentSettingsPaymentMethod",
    "PaymentSettingsRepaymentAllocationOrder",
    "PeriodIntervalSettings",
    "PeriodIntervalSettingsAmortizationProfile",
    "PeriodIntervalSettingsFeeAmortizationUponRescheduleRefinanceOption",
    "PeriodIntervalSettingsFrequency",
    "PeriodIntervalSettingsIntervalType",
    "PeriodIntervalSettingsPeriodUnit",
    "PredefinedFee",
    "PredefinedFeeAmountCalculationMethod",
    "PredefinedFeeApplication",
    "PredefinedFeeApplyDateMethod",
    "PredefinedFeeState",
    "PredefinedFeeTrigger",
    "PrincipalPaymentProductSettings",
    "PrincipalPaymentProductSettingsPrincipalPaymentMethod",
    "PrincipalPaymentProductSettingsTotalDuePayment",
    "ProductArrearsSettings",
    "ProductArrearsSettingsDateCalculationMethod",
    "ProductArrearsSettingsNonWorkingDaysMethod",
    "ProductArrearsSettingsToleranceCalculationMethod",
    "ProductAvailabilitySettings",
    "ProductAvailabilitySettingsAvailableFor",
    "ProductInterestSettings",
    "ProductInterestSettingsCompoundingFrequency",
    "ProductInterestSettingsDaysInYear",
    "ProductInterestSettingsInterestApplicationMethod",
    "ProductInterestSettingsInterestBalanceCalculationMethod",
    "ProductInterestSettingsInterestCalculationMethod",
    "ProductInterestSettingsInterestType",
    "ProductInterestSettingsScheduleInterestDaysCountMethod",
    "ProductPenaltySettings",
    "ProductPenaltySettingsLoanPenaltyCalculationMethod",
    "ProductPrepaymentSettings",
    "ProductPrepaymentSettingsApplyInterestOnPrepaymentMethod",
    "ProductPrepaymentSettingsElementsRecalculationMethod",
    "ProductPrepaymentSettingsFuturePaymentsAcceptance",
    "ProductPrepaymentSettingsPrepaymentAcceptance",
    "ProductPrepaymentSettingsPrepaymentRecalculationMethod",
    "ProductPrepaymentSettingsPrincipalPaidInstallmentStatus",
    "ProductRedrawSettings",
    "RoundingSettings",
    "RoundingSettingsRepaymentCurrencyRounding",
    "RoundingSettingsRepaymentElementsRoundingMethod",
    "RoundingSettingsRoundingRepaymentScheduleMethod",
    "SecuritySettings",
    "TaxSettings",
    "TaxSettingsTaxCalculationMethod",
    "TrancheSettings",
]


class AccountLinkSettingsLinkedAccountOptions(enum.StrEnum):
    """Values of ``AccountLinkSettings.linkedAccountOptions`` (loanproducts.json)."""

    AUTO_LINK_ACCOUNTS = "AUTO_LINK_ACCOUNTS"
    AUTO_CREATE_LINKED_ACCOUNTS = "AUTO_CREATE_LINKED_ACCOUNTS"


class AccountLinkSettingsSettlementMethod(enum.StrEnum):
    """Values of ``AccountLinkSettings.settlementMethod`` (loanproducts.json)."""

    FULL_DUE_AMOUNTS = "FULL_DUE_AMOUNTS"
    PARTIAL_DUE_AMOUNTS = "PARTIAL_DUE_AMOUNTS"
    NO_AUTOMATED_TRANSFERS = "NO_AUTOMATED_TRANSFERS"


class GLAccountingRuleFinancialResource(enum.StrEnum):
    """Values of ``GLAccountingRule.financialResource`` (loanproducts.json)."""

    PORTFOLIO_CONTROL = "PORTFOLIO_CONTROL"
    FUND_SOURCE = "FUND_SOURCE"
    WRITE_OFF_EXPENSE = "WRITE_OFF_EXPENSE"
    INTEREST_INCOME = "INTEREST_INCOME"
    TAXES_PAYABLE = "TAXES_PAYABLE"
    FEE_INCOME = "FEE_INCOME"
    PENALTY_INCOME = "PENALTY_INCOME"
    NEGATIVE_INTEREST_PAYABLE = "NEGATIVE_INTEREST_PAYABLE"
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


class AccountingSettingsAccountingMethod(enum.StrEnum):
    """Values of ``AccountingSettings.accountingMethod`` (loanproducts.json)."""

    NONE = "NONE"
    CASH = "CASH"
    ACCRUAL = "ACCRUAL"


class AccountingSettingsInterestAccrualCalculation(enum.StrEnum):
    """Values of ``AccountingSettings.interestAccrualCalculation`` (loanproducts.json)."""

    NONE = "NONE"
    AGGREGATED_AMOUNT = "AGGREGATED_AMOUNT"
    BREAKDOWN_PER_ACCOUNT = "BREAKDOWN_PER_ACCOUNT"


class AccountingSettingsInterestAccruedAccountingMethod(enum.StrEnum):
    """Values of ``AccountingSettings.interestAccruedAccountingMethod`` (loanproducts.json)."""

    NONE = "NONE"
    DAILY = "DAILY"
    END_OF_MONTH = "END_OF_MONTH"


class ProductArrearsSettingsDateCalculationMethod(enum.StrEnum):
    """Values of ``ProductArrearsSettings.dateCalculationMethod`` (loanproducts.json)."""

    ACCOUNT_FIRST_WENT_TO_ARREARS = "ACCOUNT_FIRST_WENT_TO_ARREARS"
    LAST_LATE_REPAYMENT = "LAST_LATE_REPAYMENT"
    ACCOUNT_FIRST_BREACHED_MATERIALITY_THRESHOLD = "ACCOUNT_FIRST_BREACHED_MATERIALITY_THRESHOLD"


class ProductArrearsSettingsNonWorkingDaysMethod(enum.StrEnum):
    """Values of ``ProductArrearsSettings.nonWorkingDaysMethod`` (loanproducts.json)."""

    INCLUDED = "INCLUDED"
    EXCLUDED = "EXCLUDED"


class ProductArrearsSettingsToleranceCalculationMethod(enum.StrEnum):
    """Values of ``ProductArrearsSettings.toleranceCalculationMethod`` (loanproducts.json)."""

    ARREARS_TOLERANCE_PERIOD = "ARREARS_TOLERANCE_PERIOD"
    MONTHLY_ARREARS_TOLERANCE_DAY = "MONTHLY_ARREARS_TOLERANCE_DAY"


class ProductAvailabilitySettingsAvailableFor(enum.StrEnum):
    """Values of ``ProductAvailabilitySettings.availableFor`` (loanproducts.json)."""

    INDIVIDUALS = "INDIVIDUALS"
    PURE_GROUPS = "PURE_GROUPS"
    SOLIDARITY_GROUPS = "SOLIDARITY_GROUPS"


class PeriodIntervalSettingsAmortizationProfile(enum.StrEnum):
    """Values of ``PeriodIntervalSettings.amortizationProfile`` (loanproducts.json)."""

    NONE = "NONE"
    SUM_OF_YEARS_DIGITS = "SUM_OF_YEARS_DIGITS"
    STRAIGHT_LINE = "STRAIGHT_LINE"
    EFFECTIVE_INTEREST_RATE = "EFFECTIVE_INTEREST_RATE"


class PeriodIntervalSettingsFeeAmortizationUponRescheduleRefinanceOption(enum.StrEnum):
    """Values of ``PeriodIntervalSettings.feeAmortizationUponRescheduleRefinanceOption``
    (loanproducts.json).
    """

    END_AMORTIZATION_ON_THE_ORIGINAL_ACCOUNT = "END_AMORTIZATION_ON_THE_ORIGINAL_ACCOUNT"
    CONTINUE_AMORTIZATION_ON_THE_RESCHEDULED_REFINANCED_ACCOUNT = (
        "CONTINUE_AMORTIZATION_ON_THE_RESCHEDULED_REFINANCED_ACCOUNT"
    )


class PeriodIntervalSettingsFrequency(enum.StrEnum):
    """Values of ``PeriodIntervalSettings.frequency`` (loanproducts.json)."""

    ACCOUNT_INSTALLMENTS_DUE_DATES = "ACCOUNT_INSTALLMENTS_DUE_DATES"
    ACCOUNT_INSTALLMENTS_DUE_DATES_DAILY_BOOKING = "ACCOUNT_INSTALLMENTS_DUE_DATES_DAILY_BOOKING"
    CUSTOM_INTERVAL = "CUSTOM_INTERVAL"


class PeriodIntervalSettingsIntervalType(enum.StrEnum):
    """Values of ``PeriodIntervalSettings.intervalType`` (loanproducts.json)."""

    PREDEFINED_INTERVALS = "PREDEFINED_INTERVALS"
    FULL_TERM = "FULL_TERM"


class PeriodIntervalSettingsPeriodUnit(enum.StrEnum):
    """Values of ``PeriodIntervalSettings.periodUnit`` (loanproducts.json)."""

    DAYS = "DAYS"
    WEEKS = "WEEKS"
    MONTHS = "MONTHS"
    YEARS = "YEARS"


class PredefinedFeeAmountCalculationMethod(enum.StrEnum):
    """Values of ``PredefinedFee.amountCalculationMethod`` (loanproducts.json)."""

    FLAT = "FLAT"
    LOAN_AMOUNT_PERCENTAGE = "LOAN_AMOUNT_PERCENTAGE"
    REPAYMENT_PRINCIPAL_AMOUNT_PERCENTAGE = "REPAYMENT_PRINCIPAL_AMOUNT_PERCENTAGE"
    LOAN_AMOUNT_PERCENTAGE_NUMBER_OF_INSTALLMENTS = "LOAN_AMOUNT_PERCENTAGE_NUMBER_OF_INSTALLMENTS"
    FLAT_NUMBER_OF_INSTALLMENTS = "FLAT_NUMBER_OF_INSTALLMENTS"


class PredefinedFeeApplyDateMethod(enum.StrEnum):
    """Values of ``PredefinedFee.applyDateMethod`` (loanproducts.json)."""

    MONTHLY_FROM_ACTIVATION = "MONTHLY_FROM_ACTIVATION"
    FIRST_OF_EVERY_MONTH = "FIRST_OF_EVERY_MONTH"


class PredefinedFeeApplication(enum.StrEnum):
    """Values of ``PredefinedFee.feeApplication`` (loanproducts.json)."""

    REQUIRED = "REQUIRED"
    OPTIONAL = "OPTIONAL"


class PredefinedFeeState(enum.StrEnum):
    """Values of ``PredefinedFee.state`` (loanproducts.json)."""

    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"


class PredefinedFeeTrigger(enum.StrEnum):
    """Values of ``PredefinedFee.trigger`` (loanproducts.json)."""

    MANUAL = "MANUAL"
    DISBURSEMENT = "DISBURSEMENT"
    CAPITALIZED_DISBURSEMENT = "CAPITALIZED_DISBURSEMENT"
    UPFRONT_DISBURSEMENT = "UPFRONT_DISBURSEMENT"
    LATE_REPAYMENT = "LATE_REPAYMENT"
    MONTHLY_FEE = "MONTHLY_FEE"
    PAYMENT_DUE = "PAYMENT_DUE"
    PAYMENT_DUE_APPLIED_ON_DUE_DATES = "PAYMENT_DUE_APPLIED_ON_DUE_DATES"
    ARBITRARY = "ARBITRARY"


class FundingSettingsFunderInterestCommissionAllocationType(enum.StrEnum):
    """Values of ``FundingSettings.funderInterestCommissionAllocationType`` (loanproducts.json)."""

    PERCENTAGE_OF_LOAN_FUNDING = "PERCENTAGE_OF_LOAN_FUNDING"
    FIXED_INTEREST_COMMISSIONS = "FIXED_INTEREST_COMMISSIONS"


class GracePeriodSettingsGracePeriodType(enum.StrEnum):
    """Values of ``GracePeriodSettings.gracePeriodType`` (loanproducts.json)."""

    NONE = "NONE"
    PAY_INTEREST_ONLY = "PAY_INTEREST_ONLY"
    INTEREST_FORGIVENESS = "INTEREST_FORGIVENESS"


class InterestProductSettingsInterestChargeFrequency(enum.StrEnum):
    """Values of ``InterestProductSettings.interestChargeFrequency`` (loanproducts.json)."""

    ANNUALIZED = "ANNUALIZED"
    EVERY_MONTH = "EVERY_MONTH"
    EVERY_FOUR_WEEKS = "EVERY_FOUR_WEEKS"
    EVERY_WEEK = "EVERY_WEEK"
    EVERY_DAY = "EVERY_DAY"
    EVERY_X_DAYS = "EVERY_X_DAYS"


class InterestProductSettingsInterestRateReviewUnit(enum.StrEnum):
    """Values of ``InterestProductSettings.interestRateReviewUnit`` (loanproducts.json)."""

    DAYS = "DAYS"
    WEEKS = "WEEKS"
    MONTHS = "MONTHS"


class InterestProductSettingsInterestRateSource(enum.StrEnum):
    """Values of ``InterestProductSettings.interestRateSource`` (loanproducts.json)."""

    FIXED_INTEREST_RATE = "FIXED_INTEREST_RATE"
    INDEX_INTEREST_RATE = "INDEX_INTEREST_RATE"


class InterestProductSettingsInterestRateTerms(enum.StrEnum):
    """Values of ``InterestProductSettings.interestRateTerms`` (loanproducts.json)."""

    FIXED = "FIXED"
    TIERED = "TIERED"
    TIERED_PERIOD = "TIERED_PERIOD"
    TIERED_BAND = "TIERED_BAND"


class ProductInterestSettingsCompoundingFrequency(enum.StrEnum):
    """Values of ``ProductInterestSettings.compoundingFrequency`` (loanproducts.json)."""

    DAILY = "DAILY"


class ProductInterestSettingsDaysInYear(enum.StrEnum):
    """Values of ``ProductInterestSettings.daysInYear`` (loanproducts.json)."""

    ACTUAL_365_FIXED = "ACTUAL_365_FIXED"
    ACTUAL_364 = "ACTUAL_364"
    ACTUAL_360 = "ACTUAL_360"
    ACTUAL_ACTUAL_ISDA = "ACTUAL_ACTUAL_ISDA"
    E30_360 = "E30_360"
    E30_42_365 = "E30_42_365"


class ProductInterestSettingsInterestApplicationMethod(enum.StrEnum):
    """Values of ``ProductInterestSettings.interestApplicationMethod`` (loanproducts.json)."""

    AFTER_DISBURSEMENT = "AFTER_DISBURSEMENT"
    REPAYMENT_DUE_DATE = "REPAYMENT_DUE_DATE"


class ProductInterestSettingsInterestBalanceCalculationMethod(enum.StrEnum):
    """Values of ``ProductInterestSettings.interestBalanceCalculationMethod`` (loanproducts.json)."""

    ONLY_PRINCIPAL = "ONLY_PRINCIPAL"
    PRINCIPAL_AND_INTEREST = "PRINCIPAL_AND_INTEREST"


class ProductInterestSettingsInterestCalculationMethod(enum.StrEnum):
    """Values of ``ProductInterestSettings.interestCalculationMethod`` (loanproducts.json)."""

    FLAT = "FLAT"
    DECLINING_BALANCE = "DECLINING_BALANCE"
    DECLINING_BALANCE_DISCOUNTED = "DECLINING_BALANCE_DISCOUNTED"


class ProductInterestSettingsInterestType(enum.StrEnum):
    """Values of ``ProductInterestSettings.interestType`` (loanproducts.json)."""

    SIMPLE_INTEREST = "SIMPLE_INTEREST"
    CAPITALIZED_INTEREST = "CAPITALIZED_INTEREST"
    COMPOUNDING_INTEREST = "COMPOUNDING_INTEREST"


class ProductInterestSettingsScheduleInterestDaysCountMethod(enum.StrEnum):
    """Values of ``ProductInterestSettings.scheduleInterestDaysCountMethod`` (loanproducts.json)."""

    REPAYMENT_PERIODICITY = "REPAYMENT_PERIODICITY"
    ACTUAL_DAYS_COUNT = "ACTUAL_DAYS_COUNT"


class LockSettingsCappingConstraintType(enum.StrEnum):
    """Values of ``LockSettings.cappingConstraintType`` (loanproducts.json)."""

    SOFT_CAP = "SOFT_CAP"
    HARD_CAP = "HARD_CAP"


class LockSettingsCappingMethod(enum.StrEnum):
    """Values of ``LockSettings.cappingMethod`` (loanproducts.json)."""

    OUTSTANDING_PRINCIPAL_PERCENTAGE = "OUTSTANDING_PRINCIPAL_PERCENTAGE"
    ORIGINAL_PRINCIPAL_PERCENTAGE = "ORIGINAL_PRINCIPAL_PERCENTAGE"


class NewAccountSettingsAccountInitialState(enum.StrEnum):
    """Values of ``NewAccountSettings.accountInitialState`` (loanproducts.json)."""

    PARTIAL_APPLICATION = "PARTIAL_APPLICATION"
    PENDING_APPROVAL = "PENDING_APPROVAL"
    APPROVED = "APPROVED"
    ACTIVE = "ACTIVE"
    ACTIVE_IN_ARREARS = "ACTIVE_IN_ARREARS"
    CLOSED = "CLOSED"


class NewAccountSettingsIdGeneratorType(enum.StrEnum):
    """Values of ``NewAccountSettings.idGeneratorType`` (loanproducts.json)."""

    INCREMENTAL_NUMBER = "INCREMENTAL_NUMBER"
    RANDOM_PATTERN = "RANDOM_PATTERN"


class ProductPrepaymentSettingsApplyInterestOnPrepaymentMethod(enum.StrEnum):
    """Values of ``ProductPrepaymentSettings.applyInterestOnPrepaymentMethod`` (loanproducts.json)."""

    AUTOMATIC = "AUTOMATIC"
    MANUAL = "MANUAL"


class ProductPrepaymentSettingsElementsRecalculationMethod(enum.StrEnum):
    """Values of ``ProductPrepaymentSettings.elementsRecalculationMethod`` (loanproducts.json)."""

    PRINCIPAL_EXPECTED_FIXED = "PRINCIPAL_EXPECTED_FIXED"
    TOTAL_EXPECTED_FIXED = "TOTAL_EXPECTED_FIXED"


class ProductPrepaymentSettingsFuturePaymentsAcceptance(enum.StrEnum):
    """Values of ``ProductPrepaymentSettings.futurePaymentsAcceptance`` (loanproducts.json)."""

    NO_FUTURE_PAYMENTS = "NO_FUTURE_PAYMENTS"
    ACCEPT_FUTURE_PAYMENTS = "ACCEPT_FUTURE_PAYMENTS"
    ACCEPT_OVERPAYMENTS = "ACCEPT_OVERPAYMENTS"


class ProductPrepaymentSettingsPrepaymentAcceptance(enum.StrEnum):
    """Values of ``ProductPrepaymentSettings.prepaymentAcceptance`` (loanproducts.json)."""

    ACCEPT_PREPAYMENTS = "ACCEPT_PREPAYMENTS"
    NO_PREPAYMENTS = "NO_PREPAYMENTS"


class ProductPrepaymentSettingsPrepaymentRecalculationMethod(enum.StrEnum):
    """Values of ``ProductPrepaymentSettings.prepaymentRecalculationMethod`` (loanproducts.json)."""

    NO_RECALCULATION = "NO_RECALCULATION"
    RESCHEDULE_REMAINING_REPAYMENTS = "RESCHEDULE_REMAINING_REPAYMENTS"
    RECALCULATE_SCHEDULE_KEEP_SAME_NUMBER_OF_TERMS = "RECALCULATE_SCHEDULE_KEEP_SAME_NUMBER_OF_TERMS"
    RECALCULATE_SCHEDULE_KEEP_SAME_PRINCIPAL_AMOUNT = "RECALCULATE_SCHEDULE_KEEP_SAME_PRINCIPAL_AMOUNT"
    RECALCULATE_SCHEDULE_KEEP_SAME_TOTAL_REPAYMENT_AMOUNT = (
        "RECALCULATE_SCHEDULE_KEEP_SAME_TOTAL_REPAYMENT_AMOUNT"
    )
    REDUCE_AMOUNT_PER_INSTALLMENT = "REDUCE_AMOUNT_PER_INSTALLMENT"
    REDUCE_NUMBER_OF_INSTALLMENTS = "REDUCE_NUMBER_OF_INSTALLMENTS"
    REDUCE_NUMBER_OF_INSTALLMENTS_NEW = "REDUCE_NUMBER_OF_INSTALLMENTS_NEW"


class ProductPrepaymentSettingsPrincipalPaidInstallmentStatus(enum.StrEnum):
    """Values of ``ProductPrepaymentSettings.principalPaidInstallmentStatus`` (loanproducts.json)."""

    PARTIALLY_PAID = "PARTIALLY_PAID"
    PAID = "PAID"
    ORIGINAL_TOTAL_EXPECTED_PAID = "ORIGINAL_TOTAL_EXPECTED_PAID"


class PrincipalPaymentProductSettingsPrincipalPaymentMethod(enum.StrEnum):
    """Values of ``PrincipalPaymentProductSettings.principalPaymentMethod`` (loanproducts.json)."""

    FLAT = "FLAT"
    OUTSTANDING_PRINCIPAL_PERCENTAGE = "OUTSTANDING_PRINCIPAL_PERCENTAGE"
    TOTAL_BALANCE_PERCENTAGE = "TOTAL_BALANCE_PERCENTAGE"
    TOTAL_BALANCE_FLAT = "TOTAL_BALANCE_FLAT"
    TOTAL_PRINCIPAL_PERCENTAGE = "TOTAL_PRINCIPAL_PERCENTAGE"


class PrincipalPaymentProductSettingsTotalDuePayment(enum.StrEnum):
    """Values of ``PrincipalPaymentProductSettings.totalDuePayment`` (loanproducts.json)."""

    FLAT = "FLAT"
    OUTSTANDING_PRINCIPAL_PERCENTAGE = "OUTSTANDING_PRINCIPAL_PERCENTAGE"
    TOTAL_BALANCE_PERCENTAGE = "TOTAL_BALANCE_PERCENTAGE"
    TOTAL_BALANCE_FLAT = "TOTAL_BALANCE_FLAT"
    TOTAL_PRINCIPAL_PERCENTAGE = "TOTAL_PRINCIPAL_PERCENTAGE"


class PaymentSettingsAmortizationMethod(enum.StrEnum):
    """Values of ``PaymentSettings.amortizationMethod`` (loanproducts.json)."""

    STANDARD_PAYMENTS = "STANDARD_PAYMENTS"
    BALLOON_PAYMENTS = "BALLOON_PAYMENTS"
    OPTIMIZED_PAYMENTS = "OPTIMIZED_PAYMENTS"
    PAYMENT_PLAN = "PAYMENT_PLAN"


class PaymentSettingsLatePaymentsRecalculationMethod(enum.StrEnum):
    """Values of ``PaymentSettings.latePaymentsRecalculationMethod`` (loanproducts.json)."""

    OVERDUE_INSTALLMENTS_INCREASE = "OVERDUE_INSTALLMENTS_INCREASE"
    LAST_INSTALLMENT_INCREASE = "LAST_INSTALLMENT_INCREASE"


class PaymentSettingsPaymentMethod(enum.StrEnum):
    """Values of ``PaymentSettings.paymentMethod`` (loanproducts.json)."""

    HORIZONTAL = "HORIZONTAL"
    VERTICAL = "VERTICAL"


class PaymentSettingsRepaymentAllocationOrder(enum.StrEnum):
    """Values of ``PaymentSettings.repaymentAllocationOrder`` (loanproducts.json)."""

    PRINCIPAL = "PRINCIPAL"
    INTEREST = "INTEREST"
    FEE = "FEE"
    PENALTY = "PENALTY"


class ProductPenaltySettingsLoanPenaltyCalculationMethod(enum.StrEnum):
    """Values of ``ProductPenaltySettings.loanPenaltyCalculationMethod`` (loanproducts.json)."""

    NONE = "NONE"
    OVERDUE_BALANCE = "OVERDUE_BALANCE"
    OVERDUE_BALANCE_AND_INTEREST = "OVERDUE_BALANCE_AND_INTEREST"
    OUTSTANDING_PRINCIPAL = "OUTSTANDING_PRINCIPAL"


class RoundingSettingsRepaymentCurrencyRounding(enum.StrEnum):
    """Values of ``RoundingSettings.repaymentCurrencyRounding`` (loanproducts.json)."""

    NO_ROUNDING = "NO_ROUNDING"
    ROUND_TO_NEAREST_WHOLE_UNIT = "ROUND_TO_NEAREST_WHOLE_UNIT"
    ROUND_UP_TO_NEAREST_WHOLE_UNIT = "ROUND_UP_TO_NEAREST_WHOLE_UNIT"


class RoundingSettingsRepaymentElementsRoundingMethod(enum.StrEnum):
    """Values of ``RoundingSettings.repaymentElementsRoundingMethod`` (loanproducts.json)."""

    NO_ROUNDING = "NO_ROUNDING"
    ROUND_ALL = "ROUND_ALL"
    PAYMENT_DUE = "PAYMENT_DUE"


class RoundingSettingsRoundingRepaymentScheduleMethod(enum.StrEnum):
    """Values of ``RoundingSettings.roundingRepaymentScheduleMethod`` (loanproducts.json)."""

    NO_ROUNDING = "NO_ROUNDING"
    ROUND_REMAINDER_INTO_LAST_REPAYMENT = "ROUND_REMAINDER_INTO_LAST_REPAYMENT"
    ROUND_PRINCIPAL_AND_INTEREST_REMAINDER_INTO_LAST_REPAYMENT = (
        "ROUND_PRINCIPAL_AND_INTEREST_REMAINDER_INTO_LAST_REPAYMENT"
    )


class LoanProductScheduleSettingsRepaymentPeriodUnit(enum.StrEnum):
    """Values of ``LoanProductScheduleSettings.repaymentPeriodUnit`` (loanproducts.json)."""

    DAYS = "DAYS"
    WEEKS = "WEEKS"
    MONTHS = "MONTHS"
    YEARS = "YEARS"


class LoanProductScheduleSettingsRepaymentReschedulingMethod(enum.StrEnum):
    """Values of ``LoanProductScheduleSettings.repaymentReschedulingMethod`` (loanproducts.json)."""

    NONE = "NONE"
    NEXT_WORKING_DAY = "NEXT_WORKING_DAY"
    PREVIOUS_WORKING_DAY = "PREVIOUS_WORKING_DAY"
    EXTEND_SCHEDULE = "EXTEND_SCHEDULE"


class LoanProductScheduleSettingsRepaymentScheduleEditOptions(enum.StrEnum):
    """Values of ``LoanProductScheduleSettings.repaymentScheduleEditOptions`` (loanproducts.json)."""

    ADJUST_PAYMENT_DATES = "ADJUST_PAYMENT_DATES"
    ADJUST_PRINCIPAL_PAYMENT_SCHEDULE = "ADJUST_PRINCIPAL_PAYMENT_SCHEDULE"
    ADJUST_INTEREST_PAYMENT_SCHEDULE = "ADJUST_INTEREST_PAYMENT_SCHEDULE"
    ADJUST_FEE_PAYMENT_SCHEDULE = "ADJUST_FEE_PAYMENT_SCHEDULE"
    ADJUST_PENALTY_PAYMENT_SCHEDULE = "ADJUST_PENALTY_PAYMENT_SCHEDULE"
    ADJUST_NUMBER_OF_INSTALLMENTS = "ADJUST_NUMBER_OF_INSTALLMENTS"
    ADJUST_PAYMENT_HOLIDAYS = "ADJUST_PAYMENT_HOLIDAYS"


class LoanProductScheduleSettingsRepaymentScheduleMethod(enum.StrEnum):
    """Values of ``LoanProductScheduleSettings.repaymentScheduleMethod`` (loanproducts.json)."""

    NONE = "NONE"
    FIXED = "FIXED"
    DYNAMIC = "DYNAMIC"


class LoanProductScheduleSettingsScheduleDueDatesMethod(enum.StrEnum):
    """Values of ``LoanProductScheduleSettings.scheduleDueDatesMethod`` (loanproducts.json)."""

    INTERVAL = "INTERVAL"
    FIXED_DAYS_OF_MONTH = "FIXED_DAYS_OF_MONTH"


class LoanProductScheduleSettingsShortMonthHandlingMethod(enum.StrEnum):
    """Values of ``LoanProductScheduleSettings.shortMonthHandlingMethod`` (loanproducts.json)."""

    LAST_DAY_IN_MONTH = "LAST_DAY_IN_MONTH"
    FIRST_DAY_OF_NEXT_MONTH = "FIRST_DAY_OF_NEXT_MONTH"


class TaxSettingsTaxCalculationMethod(enum.StrEnum):
    """Values of ``TaxSettings.taxCalculationMethod`` (loanproducts.json)."""

    INCLUSIVE = "INCLUSIVE"
    EXCLUSIVE = "EXCLUSIVE"


class DocumentTemplateType(enum.StrEnum):
    """Values of ``DocumentTemplate.type`` (loanproducts.json)."""

    ACCOUNT = "ACCOUNT"
    TRANSACTION = "TRANSACTION"
    ACCOUNT_WITH_TRANSACTIONS = "ACCOUNT_WITH_TRANSACTIONS"


class LoanProductCategory(enum.StrEnum):
    """Values of ``LoanProduct.category`` (loanproducts.json)."""

    PERSONAL_LENDING = "PERSONAL_LENDING"
    PURCHASE_FINANCING = "PURCHASE_FINANCING"
    RETAIL_MORTGAGES = "RETAIL_MORTGAGES"
    SME_LENDING = "SME_LENDING"
    COMMERCIAL = "COMMERCIAL"
    UNCATEGORIZED = "UNCATEGORIZED"


class LoanProductState(enum.StrEnum):
    """Values of ``LoanProduct.state`` (loanproducts.json)."""

    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"


class LoanProductType(enum.StrEnum):
    """Values of ``LoanProduct.type`` (loanproducts.json)."""

    FIXED_TERM_LOAN = "FIXED_TERM_LOAN"
    DYNAMIC_TERM_LOAN = "DYNAMIC_TERM_LOAN"
    INTEREST_FREE_LOAN = "INTEREST_FREE_LOAN"
    TRANCHED_LOAN = "TRANCHED_LOAN"
    REVOLVING_CREDIT = "REVOLVING_CREDIT"


@attrs.define(slots=False, kw_only=True)
class AccountLinkSettings(MambuModel):
    """Mambu's ``AccountLinkSettings`` (loanproducts.json): defines the settings for account linking.

    Required on create: ``enabled``.
    """

    enabled: bool | None = None
    linkable_deposit_product_key: str | None = None
    linked_account_options: list[AccountLinkSettingsLinkedAccountOptions | str] | None = None
    settlement_method: AccountLinkSettingsSettlementMethod | str | None = None


@attrs.define(slots=False, kw_only=True)
class GLAccountingRule(MambuModel):
    """Mambu's ``GLAccountingRule`` (loanproducts.json): the GL accounting rule, it maps a financial
    resource with a GL account for a specific product (i.e loan or saving).

    Required on create: ``financialResource``, ``glAccountKey``.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    financial_resource: GLAccountingRuleFinancialResource | str | None = None
    gl_account_key: str | None = None
    transaction_channel_key: str | None = None


@attrs.define(slots=False, kw_only=True)
class AccountingSettings(MambuModel):
    """Mambu's ``AccountingSettings`` (loanproducts.json): accounting settings, defines the accounting
    settings for the product.

    Required on create: ``accountingMethod``.
    """

    accounting_method: AccountingSettingsAccountingMethod | str | None = None
    accounting_rules: list[GLAccountingRule] | None = None
    interest_accrual_calculation: AccountingSettingsInterestAccrualCalculation | str | None = None
    interest_accrued_accounting_method: AccountingSettingsInterestAccruedAccountingMethod | str | None = None


@attrs.define(slots=False, kw_only=True)
class IntegerIntervalConstraints(MambuModel):
    """Mambu's ``IntegerIntervalConstraints`` (loanproducts.json): decimal integer, like min/max/default.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    default_value: int | None = None
    max_value: int | None = None
    min_value: int | None = None


@attrs.define(slots=False, kw_only=True)
class ProductArrearsSettings(MambuModel):
    """Mambu's ``ProductArrearsSettings`` (loanproducts.json): the product arrears settings, shows whether
    the non working days are taken in consideration or not when applying penalties/late fees or when
    setting an account into arrears.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    date_calculation_method: ProductArrearsSettingsDateCalculationMethod | str | None = None
    monthly_tolerance_day: int | None = None
    non_working_days_method: ProductArrearsSettingsNonWorkingDaysMethod | str | None = None
    tolerance_calculation_method: ProductArrearsSettingsToleranceCalculationMethod | str | None = None
    tolerance_floor_amount: Decimal | None = None
    tolerance_percentage_of_outstanding_principal: DecimalInterval | None = None
    tolerance_period: IntegerIntervalConstraints | None = None


@attrs.define(slots=False, kw_only=True)
class ProductAvailabilitySettings(MambuModel):
    """Mambu's ``ProductAvailabilitySettings`` (loanproducts.json): holds information about product
    availability.
    """

    available_for: list[ProductAvailabilitySettingsAvailableFor | str] | None = None
    branch_settings: BranchSettings | None = None


@attrs.define(slots=False, kw_only=True)
class PeriodIntervalSettings(MambuModel):
    """Mambu's ``PeriodIntervalSettings`` (loanproducts.json): the settings for defining period intervals.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    amortization_profile: PeriodIntervalSettingsAmortizationProfile | str | None = None
    fee_amortization_upon_reschedule_refinance_option: (
        PeriodIntervalSettingsFeeAmortizationUponRescheduleRefinanceOption | str | None
    ) = None
    frequency: PeriodIntervalSettingsFrequency | str | None = None
    interval_count: int | None = None
    interval_type: PeriodIntervalSettingsIntervalType | str | None = None
    period_count: int | None = None
    period_unit: PeriodIntervalSettingsPeriodUnit | str | None = None


@attrs.define(slots=False, kw_only=True)
class PredefinedFee(MambuModel):
    """Mambu's ``PredefinedFee`` (loanproducts.json): the response representation of the PredefinedFee.
    Represents a fee with a defined name and a fixed value.

    Required on create: ``feeApplication``, ``state``, ``trigger``.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    accounting_rules: list[GLAccountingRule] | None = None
    amortization_settings: PeriodIntervalSettings | None = None
    amount: Decimal | None = None
    amount_calculation_method: PredefinedFeeAmountCalculationMethod | str | None = None
    apply_date_method: PredefinedFeeApplyDateMethod | str | None = None
    creation_date: dt.datetime | None = None
    fee_application: PredefinedFeeApplication | str | None = None
    last_modified_date: dt.datetime | None = None
    name: str | None = None
    percentage_amount: Decimal | None = None
    state: PredefinedFeeState | str | None = None
    trigger: PredefinedFeeTrigger | str | None = None


@attrs.define(slots=False, kw_only=True)
class FeesSettings(MambuModel):
    """Mambu's ``FeesSettings`` (loanproducts.json): defines fees settings for the product."""

    allow_arbitrary_fees: bool | None = None
    fees: list[PredefinedFee] | None = None


@attrs.define(slots=False, kw_only=True)
class DecimalConstraints(MambuModel):
    """Mambu's ``DecimalConstraints`` (loanproducts.json): decimal constraints, like min/max/default.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    default_value: Decimal | None = None
    max_value: Decimal | None = None
    min_value: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class FundingSettings(MambuModel):
    """Mambu's ``FundingSettings`` (loanproducts.json): the funding settings, holds the settings regarding
    the funding for the loan product.
    """

    enabled: bool | None = None
    funder_interest_commission: DecimalConstraints | None = None
    funder_interest_commission_allocation_type: (
        FundingSettingsFunderInterestCommissionAllocationType | str | None
    ) = None
    lock_funds_at_approval: bool | None = None
    organization_interest_commission: DecimalConstraints | None = None
    required_funds: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class GracePeriodSettings(MambuModel):
    """Mambu's ``GracePeriodSettings`` (loanproducts.json): the funding settings, holds the settings
    regarding the funding for the loan product.
    """

    grace_period: IntegerIntervalConstraints | None = None
    grace_period_type: GracePeriodSettingsGracePeriodType | str | None = None


@attrs.define(slots=False, kw_only=True)
class InterestRateTier(MambuModel):
    """Mambu's ``InterestRateTier`` (loanproducts.json): used or TIERED interest rates, holds the values
    to define how the interest is computed.

    Required on create: ``interestRate``.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    ending_balance: Decimal | None = None
    interest_rate: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class InterestProductSettings(MambuModel):
    """Mambu's ``InterestProductSettings`` (loanproducts.json): the interest settings, defines constraints
    regarding interest that will be used on the loan account created based on this product.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    accrue_interest_after_maturity: bool | None = None
    allow_negative_interest_rate: bool | None = None
    index_source_key: str | None = None
    interest_charge_frequency: InterestProductSettingsInterestChargeFrequency | str | None = None
    interest_charge_frequency_count: int | None = None
    interest_rate: DecimalInterval | None = None
    interest_rate_ceiling_value: Decimal | None = None
    interest_rate_floor_value: Decimal | None = None
    interest_rate_review_count: int | None = None
    interest_rate_review_unit: InterestProductSettingsInterestRateReviewUnit | str | None = None
    interest_rate_source: InterestProductSettingsInterestRateSource | str | None = None
    interest_rate_terms: InterestProductSettingsInterestRateTerms | str | None = None
    interest_rate_tiers: list[InterestRateTier] | None = None


@attrs.define(slots=False, kw_only=True)
class ProductInterestSettings(MambuModel):
    """Mambu's ``ProductInterestSettings`` (loanproducts.json): the interest settings, defines constraints
    regarding interest that will be used on the loan account crated based on this product.

    Required on create: ``daysInYear``, ``interestCalculationMethod``,
    ``scheduleInterestDaysCountMethod``.
    """

    accrue_late_interest: bool | None = None
    compounding_frequency: ProductInterestSettingsCompoundingFrequency | str | None = None
    days_in_year: ProductInterestSettingsDaysInYear | str | None = None
    index_rate_settings: InterestProductSettings | None = None
    interest_application_method: ProductInterestSettingsInterestApplicationMethod | str | None = None
    interest_balance_calculation_method: (
        ProductInterestSettingsInterestBalanceCalculationMethod | str | None
    ) = None
    interest_calculation_method: ProductInterestSettingsInterestCalculationMethod | str | None = None
    interest_type: ProductInterestSettingsInterestType | str | None = None
    schedule_interest_days_count_method: (
        ProductInterestSettingsScheduleInterestDaysCountMethod | str | None
    ) = None


@attrs.define(slots=False, kw_only=True)
class LockSettings(MambuModel):
    """Mambu's ``LockSettings`` (loanproducts.json): settings applied when transitioning accounts to
    Locked state.
    """

    capping_constraint_type: LockSettingsCappingConstraintType | str | None = None
    capping_method: LockSettingsCappingMethod | str | None = None
    capping_percentage: Decimal | None = None
    lock_period_days: int | None = None


@attrs.define(slots=False, kw_only=True)
class InternalControls(MambuModel):
    """Mambu's ``InternalControls`` (loanproducts.json): constraints and automated actions and that will
    be applied on the accounts.
    """

    dormancy_period_days: int | None = None
    lock_settings: LockSettings | None = None


@attrs.define(slots=False, kw_only=True)
class AmountDecimalConstraints(MambuModel):
    """Mambu's ``AmountDecimalConstraints`` (loanproducts.json): decimal constraints, like
    min/max/default.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    default_value: Decimal | None = None
    max_value: Decimal | None = None
    min_value: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class TrancheSettings(MambuModel):
    """Mambu's ``TrancheSettings`` (loanproducts.json): the tranche settings, indicates the settings
    regarding tranches in case the product is configured to support tranches.
    """

    max_number_of_tranches: int | None = None


@attrs.define(slots=False, kw_only=True)
class LoanAmountSettings(MambuModel):
    """Mambu's ``LoanAmountSettings`` (loanproducts.json): the amount settings, holds all amount
    properties.
    """

    loan_amount: AmountDecimalConstraints | None = None
    tranche_settings: TrancheSettings | None = None


@attrs.define(slots=False, kw_only=True)
class NewAccountSettings(MambuModel):
    """Mambu's ``NewAccountSettings`` (loanproducts.json): the new account settings, defines the settings
    and constraints used by new loan account created based on this product.

    Required on create: ``accountInitialState``, ``idGeneratorType``, ``idPattern``.
    """

    account_initial_state: NewAccountSettingsAccountInitialState | str | None = None
    id_generator_type: NewAccountSettingsIdGeneratorType | str | None = None
    id_pattern: str | None = None


@attrs.define(slots=False, kw_only=True)
class OffsetSettings(MambuModel):
    """Mambu's ``OffsetSettings`` (loanproducts.json): the offset settings, holds information about offset."""

    allow_offset: bool | None = None


@attrs.define(slots=False, kw_only=True)
class ProductPrepaymentSettings(MambuModel):
    """Mambu's ``ProductPrepaymentSettings`` (loanproducts.json): defines the prepayment settings for the
    product.

    Required on create: ``futurePaymentsAcceptance``.
    """

    apply_interest_on_prepayment_method: (
        ProductPrepaymentSettingsApplyInterestOnPrepaymentMethod | str | None
    ) = None
    elements_recalculation_method: ProductPrepaymentSettingsElementsRecalculationMethod | str | None = None
    future_payments_acceptance: ProductPrepaymentSettingsFuturePaymentsAcceptance | str | None = None
    prepayment_acceptance: ProductPrepaymentSettingsPrepaymentAcceptance | str | None = None
    prepayment_recalculation_method: ProductPrepaymentSettingsPrepaymentRecalculationMethod | str | None = (
        None
    )
    principal_paid_installment_status: (
        ProductPrepaymentSettingsPrincipalPaidInstallmentStatus | str | None
    ) = None


@attrs.define(slots=False, kw_only=True)
class PrincipalPaymentProductSettings(MambuModel):
    """Mambu's ``PrincipalPaymentProductSettings`` (loanproducts.json): defines the principal payment
    settings constraints for the loans that will be created based on this product.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    amount: AmountDecimalConstraints | None = None
    default_principal_repayment_interval: int | None = None
    include_fees_in_floor_amount: bool | None = None
    include_interest_in_floor_amount: bool | None = None
    percentage: DecimalConstraints | None = None
    principal_ceiling_value: Decimal | None = None
    principal_floor_value: Decimal | None = None
    principal_payment_method: PrincipalPaymentProductSettingsPrincipalPaymentMethod | str | None = None
    total_due_amount_floor: Decimal | None = None
    total_due_payment: PrincipalPaymentProductSettingsTotalDuePayment | str | None = None


@attrs.define(slots=False, kw_only=True)
class PaymentSettings(MambuModel):
    """Mambu's ``PaymentSettings`` (loanproducts.json): defines the payment settings for the loan product
    and for loans crated based on this product.

    Required on create: ``latePaymentsRecalculationMethod``, ``paymentMethod``,
    ``repaymentAllocationOrder``.
    """

    amortization_method: PaymentSettingsAmortizationMethod | str | None = None
    late_payments_recalculation_method: PaymentSettingsLatePaymentsRecalculationMethod | str | None = None
    payment_method: PaymentSettingsPaymentMethod | str | None = None
    prepayment_settings: ProductPrepaymentSettings | None = None
    principal_payment_settings: PrincipalPaymentProductSettings | None = None
    repayment_allocation_order: list[PaymentSettingsRepaymentAllocationOrder | str] | None = None


@attrs.define(slots=False, kw_only=True)
class ProductPenaltySettings(MambuModel):
    """Mambu's ``ProductPenaltySettings`` (loanproducts.json): defines the penalty settings for the
    product that will be used by the loan accounts based on this product.

    Required on create: ``loanPenaltyCalculationMethod``.
    """

    loan_penalty_calculation_method: ProductPenaltySettingsLoanPenaltyCalculationMethod | str | None = None
    loan_penalty_grace_period: int | None = None
    penalty_rate: DecimalConstraints | None = None


@attrs.define(slots=False, kw_only=True)
class ProductRedrawSettings(MambuModel):
    """Mambu's ``ProductRedrawSettings`` (loanproducts.json): the redraw settings for the product.

    Required on create: ``allowRedraw``.
    """

    allow_redraw: bool | None = None


@attrs.define(slots=False, kw_only=True)
class RoundingSettings(MambuModel):
    """Mambu's ``RoundingSettings`` (loanproducts.json): defines the rounding settings used in the loan
    computation.

    Required on create: ``repaymentCurrencyRounding``, ``repaymentElementsRoundingMethod``,
    ``roundingRepaymentScheduleMethod``.
    """

    repayment_currency_rounding: RoundingSettingsRepaymentCurrencyRounding | str | None = None
    repayment_elements_rounding_method: RoundingSettingsRepaymentElementsRoundingMethod | str | None = None
    rounding_repayment_schedule_method: RoundingSettingsRoundingRepaymentScheduleMethod | str | None = None


@attrs.define(slots=False, kw_only=True)
class LoanProductScheduleSettings(MambuModel):
    """Mambu's ``LoanProductScheduleSettings`` (loanproducts.json): defines the settings and constraints
    for schedule for the loans that are created based on this product.

    Required on create: ``repaymentReschedulingMethod``, ``repaymentScheduleMethod``,
    ``scheduleDueDatesMethod``.
    """

    default_repayment_period_count: int | None = None
    first_repayment_due_date_offset: IntegerIntervalConstraints | None = None
    fixed_days_of_month: list[int] | None = None
    num_installments: IntegerIntervalConstraints | None = None
    repayment_period_unit: LoanProductScheduleSettingsRepaymentPeriodUnit | str | None = None
    repayment_rescheduling_method: LoanProductScheduleSettingsRepaymentReschedulingMethod | str | None = None
    repayment_schedule_edit_options: (
        list[LoanProductScheduleSettingsRepaymentScheduleEditOptions | str] | None
    ) = None
    repayment_schedule_method: LoanProductScheduleSettingsRepaymentScheduleMethod | str | None = None
    rounding_settings: RoundingSettings | None = None
    schedule_due_dates_method: LoanProductScheduleSettingsScheduleDueDatesMethod | str | None = None
    short_month_handling_method: LoanProductScheduleSettingsShortMonthHandlingMethod | str | None = None


@attrs.define(slots=False, kw_only=True)
class SecuritySettings(MambuModel):
    """Mambu's ``SecuritySettings`` (loanproducts.json): the settings and constraints for securities."""

    is_collateral_enabled: bool | None = None
    is_guarantors_enabled: bool | None = None
    required_guaranties: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class TaxSettings(MambuModel):
    """Mambu's ``TaxSettings`` (loanproducts.json): tax settings, defines some settings for taxes on the
    loan product.
    """

    tax_calculation_method: TaxSettingsTaxCalculationMethod | str | None = None
    tax_source_key: str | None = None
    taxes_on_fees_enabled: bool | None = None
    taxes_on_interest_enabled: bool | None = None
    taxes_on_penalty_enabled: bool | None = None


@attrs.define(slots=False, kw_only=True)
class DocumentTemplate(MambuModel):
    """Mambu's ``DocumentTemplate`` (loanproducts.json): template documents of the product.

    Read-only: ``encodedKey``, ``creationDate``, ``lastModifiedDate``.
    """

    encoded_key: str | None = None
    creation_date: dt.datetime | None = None
    last_modified_date: dt.datetime | None = None
    name: str | None = None
    type: DocumentTemplateType | str | None = None


@attrs.define(slots=False, kw_only=True)
class LoanProduct(MambuModel):
    """Mambu's ``LoanProduct`` (loanproducts.json): the response representation of a LoanProduct.

    Required on create: ``id``, ``creditArrangementSettings``, ``name``, ``type``.

    Read-only: ``encodedKey``.
    """

    id: str | None = None
    encoded_key: str | None = None
    account_link_settings: AccountLinkSettings | None = None
    accounting_settings: AccountingSettings | None = None
    allow_custom_repayment_allocation: bool | None = None
    arrears_settings: ProductArrearsSettings | None = None
    availability_settings: ProductAvailabilitySettings | None = None
    category: LoanProductCategory | str | None = None
    creation_date: dt.datetime | None = None
    credit_arrangement_settings: CreditArrangementSettings | None = None
    fees_settings: FeesSettings | None = None
    funding_settings: FundingSettings | None = None
    grace_period_settings: GracePeriodSettings | None = None
    interest_settings: ProductInterestSettings | None = None
    internal_controls: InternalControls | None = None
    last_modified_date: dt.datetime | None = None
    loan_amount_settings: LoanAmountSettings | None = None
    name: str | None = None
    new_account_settings: NewAccountSettings | None = None
    notes: str | None = None
    offset_settings: OffsetSettings | None = None
    payment_settings: PaymentSettings | None = None
    penalty_settings: ProductPenaltySettings | None = None
    redraw_settings: ProductRedrawSettings | None = None
    schedule_settings: LoanProductScheduleSettings | None = None
    security_settings: SecuritySettings | None = None
    state: LoanProductState | str | None = None
    tax_settings: TaxSettings | None = None
    templates: list[DocumentTemplate] | None = None
    type: LoanProductType | str | None = None
