# Generated from Mambu's OpenAPI files by tools/generate_models.py: do not edit.
# Regenerate with `python tools/generate_models.py` (`--check`, run by the tests, fails when stale).
"""Mambu's ``loans.json`` definitions: ``LoanAccount`` and the value objects it references.

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
    "AccountArrearsSettings",
    "AccountArrearsSettingsDateCalculationMethod",
    "AccountArrearsSettingsNonWorkingDaysMethod",
    "AccountArrearsSettingsToleranceCalculationMethod",
    "Asset",
    "AssetGuarantorType",
    "Balances",
    "CustomPredefinedFee",
    "DisbursementDetails",
    "Guarantor",
    "GuarantorType",
    "InterestSettings",
    "InterestSettingsInterestApplicationMethod",
    "InterestSettingsInterestBalanceCalculationMethod",
    "InterestSettingsInterestCalculationMethod",
    "InterestSettingsInterestChargeFrequency",
    "InterestSettingsInterestRateReviewUnit",
    "InterestSettingsInterestRateSource",
    "InterestSettingsInterestType",
    "InvestorFund",
    "InvestorFundGuarantorType",
    "LoanAccount",
    "LoanAccountHolderType",
    "LoanAccountState",
    "LoanAccountSubState",
    "LoanFuturePaymentsAcceptance",
    "LoanLatePaymentsRecalculationMethod",
    "LoanLockedOperations",
    "LoanPaymentMethod",
    "LoanTranche",
    "LoanTransactionDetails",
    "PenaltySettings",
    "PenaltySettingsLoanPenaltyCalculationMethod",
    "PeriodicPayment",
    "PrepaymentSettings",
    "PrepaymentSettingsApplyInterestOnPrepaymentMethod",
    "PrepaymentSettingsElementsRecalculationMethod",
    "PrepaymentSettingsPrepaymentRecalculationMethod",
    "PrepaymentSettingsPrincipalPaidInstallmentStatus",
    "PrincipalPaymentAccountSettings",
    "PrincipalPaymentAccountSettingsPrincipalPaymentMethod",
    "PrincipalPaymentAccountSettingsTotalDuePayment",
    "ScheduleSettings",
    "ScheduleSettingsGracePeriodType",
    "ScheduleSettingsRepaymentPeriodUnit",
    "ScheduleSettingsRepaymentScheduleMethod",
    "ScheduleSettingsScheduleDueDatesMethod",
    "ScheduleSettingsShortMonthHandlingMethod",
    "TrancheDisbursementDetails",
]


class AccountArrearsSettingsDateCalculationMethod(enum.StrEnum):
    """Values of ``AccountArrearsSettings.dateCalculationMethod`` (loans.json)."""

    ACCOUNT_FIRST_WENT_TO_ARREARS = "ACCOUNT_FIRST_WENT_TO_ARREARS"
    LAST_LATE_REPAYMENT = "LAST_LATE_REPAYMENT"


class AccountArrearsSettingsNonWorkingDaysMethod(enum.StrEnum):
    """Values of ``AccountArrearsSettings.nonWorkingDaysMethod`` (loans.json)."""

    INCLUDED = "INCLUDED"
    EXCLUDED = "EXCLUDED"


class AccountArrearsSettingsToleranceCalculationMethod(enum.StrEnum):
    """Values of ``AccountArrearsSettings.toleranceCalculationMethod`` (loans.json)."""

    ARREARS_TOLERANCE_PERIOD = "ARREARS_TOLERANCE_PERIOD"
    MONTHLY_ARREARS_TOLERANCE_DAY = "MONTHLY_ARREARS_TOLERANCE_DAY"


class AssetGuarantorType(enum.StrEnum):
    """Values of ``Asset.guarantorType`` (loans.json)."""

    CLIENT = "CLIENT"
    GROUP = "GROUP"


class InvestorFundGuarantorType(enum.StrEnum):
    """Values of ``InvestorFund.guarantorType`` (loans.json)."""

    CLIENT = "CLIENT"
    GROUP = "GROUP"


class GuarantorType(enum.StrEnum):
    """Values of ``Guarantor.guarantorType`` (loans.json)."""

    CLIENT = "CLIENT"
    GROUP = "GROUP"


class InterestSettingsInterestApplicationMethod(enum.StrEnum):
    """Values of ``InterestSettings.interestApplicationMethod`` (loans.json)."""

    AFTER_DISBURSEMENT = "AFTER_DISBURSEMENT"
    REPAYMENT_DUE_DATE = "REPAYMENT_DUE_DATE"


class InterestSettingsInterestBalanceCalculationMethod(enum.StrEnum):
    """Values of ``InterestSettings.interestBalanceCalculationMethod`` (loans.json)."""

    ONLY_PRINCIPAL = "ONLY_PRINCIPAL"
    PRINCIPAL_AND_INTEREST = "PRINCIPAL_AND_INTEREST"


class InterestSettingsInterestCalculationMethod(enum.StrEnum):
    """Values of ``InterestSettings.interestCalculationMethod`` (loans.json)."""

    FLAT = "FLAT"
    DECLINING_BALANCE = "DECLINING_BALANCE"
    DECLINING_BALANCE_DISCOUNTED = "DECLINING_BALANCE_DISCOUNTED"


class InterestSettingsInterestChargeFrequency(enum.StrEnum):
    """Values of ``InterestSettings.interestChargeFrequency`` (loans.json)."""

    ANNUALIZED = "ANNUALIZED"
    EVERY_MONTH = "EVERY_MONTH"
    EVERY_FOUR_WEEKS = "EVERY_FOUR_WEEKS"
    EVERY_WEEK = "EVERY_WEEK"
    EVERY_DAY = "EVERY_DAY"
    EVERY_X_DAYS = "EVERY_X_DAYS"


class InterestSettingsInterestRateReviewUnit(enum.StrEnum):
    """Values of ``InterestSettings.interestRateReviewUnit`` (loans.json)."""

    DAYS = "DAYS"
    WEEKS = "WEEKS"
    MONTHS = "MONTHS"


class InterestSettingsInterestRateSource(enum.StrEnum):
    """Values of ``InterestSettings.interestRateSource`` (loans.json)."""

    FIXED_INTEREST_RATE = "FIXED_INTEREST_RATE"
    INDEX_INTEREST_RATE = "INDEX_INTEREST_RATE"


class InterestSettingsInterestType(enum.StrEnum):
    """Values of ``InterestSettings.interestType`` (loans.json)."""

    SIMPLE_INTEREST = "SIMPLE_INTEREST"
    CAPITALIZED_INTEREST = "CAPITALIZED_INTEREST"


class PenaltySettingsLoanPenaltyCalculationMethod(enum.StrEnum):
    """Values of ``PenaltySettings.loanPenaltyCalculationMethod`` (loans.json)."""

    NONE = "NONE"
    OVERDUE_BALANCE = "OVERDUE_BALANCE"
    OVERDUE_BALANCE_AND_INTEREST = "OVERDUE_BALANCE_AND_INTEREST"
    OUTSTANDING_PRINCIPAL = "OUTSTANDING_PRINCIPAL"


class PrepaymentSettingsApplyInterestOnPrepaymentMethod(enum.StrEnum):
    """Values of ``PrepaymentSettings.applyInterestOnPrepaymentMethod`` (loans.json)."""

    AUTOMATIC = "AUTOMATIC"
    MANUAL = "MANUAL"


class PrepaymentSettingsElementsRecalculationMethod(enum.StrEnum):
    """Values of ``PrepaymentSettings.elementsRecalculationMethod`` (loans.json)."""

    PRINCIPAL_EXPECTED_FIXED = "PRINCIPAL_EXPECTED_FIXED"
    TOTAL_EXPECTED_FIXED = "TOTAL_EXPECTED_FIXED"


class PrepaymentSettingsPrepaymentRecalculationMethod(enum.StrEnum):
    """Values of ``PrepaymentSettings.prepaymentRecalculationMethod`` (loans.json)."""

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


class PrepaymentSettingsPrincipalPaidInstallmentStatus(enum.StrEnum):
    """Values of ``PrepaymentSettings.principalPaidInstallmentStatus`` (loans.json)."""

    PARTIALLY_PAID = "PARTIALLY_PAID"
    PAID = "PAID"
    ORIGINAL_TOTAL_EXPECTED_PAID = "ORIGINAL_TOTAL_EXPECTED_PAID"


class PrincipalPaymentAccountSettingsPrincipalPaymentMethod(enum.StrEnum):
    """Values of ``PrincipalPaymentAccountSettings.principalPaymentMethod`` (loans.json)."""

    FLAT = "FLAT"
    OUTSTANDING_PRINCIPAL_PERCENTAGE = "OUTSTANDING_PRINCIPAL_PERCENTAGE"
    TOTAL_BALANCE_PERCENTAGE = "TOTAL_BALANCE_PERCENTAGE"


class PrincipalPaymentAccountSettingsTotalDuePayment(enum.StrEnum):
    """Values of ``PrincipalPaymentAccountSettings.totalDuePayment`` (loans.json)."""

    FLAT = "FLAT"
    OUTSTANDING_PRINCIPAL_PERCENTAGE = "OUTSTANDING_PRINCIPAL_PERCENTAGE"
    TOTAL_BALANCE_PERCENTAGE = "TOTAL_BALANCE_PERCENTAGE"


class ScheduleSettingsGracePeriodType(enum.StrEnum):
    """Values of ``ScheduleSettings.gracePeriodType`` (loans.json)."""

    NONE = "NONE"
    PAY_INTEREST_ONLY = "PAY_INTEREST_ONLY"
    INTEREST_FORGIVENESS = "INTEREST_FORGIVENESS"


class ScheduleSettingsRepaymentPeriodUnit(enum.StrEnum):
    """Values of ``ScheduleSettings.repaymentPeriodUnit`` (loans.json)."""

    DAYS = "DAYS"
    WEEKS = "WEEKS"
    MONTHS = "MONTHS"
    YEARS = "YEARS"


class ScheduleSettingsRepaymentScheduleMethod(enum.StrEnum):
    """Values of ``ScheduleSettings.repaymentScheduleMethod`` (loans.json)."""

    NONE = "NONE"
    FIXED = "FIXED"
    DYNAMIC = "DYNAMIC"


class ScheduleSettingsScheduleDueDatesMethod(enum.StrEnum):
    """Values of ``ScheduleSettings.scheduleDueDatesMethod`` (loans.json)."""

    INTERVAL = "INTERVAL"
    FIXED_DAYS_OF_MONTH = "FIXED_DAYS_OF_MONTH"


class ScheduleSettingsShortMonthHandlingMethod(enum.StrEnum):
    """Values of ``ScheduleSettings.shortMonthHandlingMethod`` (loans.json)."""

    LAST_DAY_IN_MONTH = "LAST_DAY_IN_MONTH"
    FIRST_DAY_OF_NEXT_MONTH = "FIRST_DAY_OF_NEXT_MONTH"


class LoanAccountHolderType(enum.StrEnum):
    """Values of ``LoanAccount.accountHolderType`` (loans.json)."""

    CLIENT = "CLIENT"
    GROUP = "GROUP"


class LoanAccountState(enum.StrEnum):
    """Values of ``LoanAccount.accountState`` (loans.json)."""

    PARTIAL_APPLICATION = "PARTIAL_APPLICATION"
    PENDING_APPROVAL = "PENDING_APPROVAL"
    APPROVED = "APPROVED"
    ACTIVE = "ACTIVE"
    ACTIVE_IN_ARREARS = "ACTIVE_IN_ARREARS"
    CLOSED = "CLOSED"


class LoanAccountSubState(enum.StrEnum):
    """Values of ``LoanAccount.accountSubState`` (loans.json)."""

    PARTIALLY_DISBURSED = "PARTIALLY_DISBURSED"
    LOCKED = "LOCKED"
    LOCKED_CAPPING = "LOCKED_CAPPING"
    REFINANCED = "REFINANCED"
    RESCHEDULED = "RESCHEDULED"
    WITHDRAWN = "WITHDRAWN"
    REPAID = "REPAID"
    REJECTED = "REJECTED"
    WRITTEN_OFF = "WRITTEN_OFF"


class LoanFuturePaymentsAcceptance(enum.StrEnum):
    """Values of ``LoanAccount.futurePaymentsAcceptance`` (loans.json)."""

    NO_FUTURE_PAYMENTS = "NO_FUTURE_PAYMENTS"
    ACCEPT_FUTURE_PAYMENTS = "ACCEPT_FUTURE_PAYMENTS"
    ACCEPT_OVERPAYMENTS = "ACCEPT_OVERPAYMENTS"


class LoanLatePaymentsRecalculationMethod(enum.StrEnum):
    """Values of ``LoanAccount.latePaymentsRecalculationMethod`` (loans.json)."""

    OVERDUE_INSTALLMENTS_INCREASE = "OVERDUE_INSTALLMENTS_INCREASE"
    LAST_INSTALLMENT_INCREASE = "LAST_INSTALLMENT_INCREASE"


class LoanLockedOperations(enum.StrEnum):
    """Values of ``LoanAccount.lockedOperations`` (loans.json)."""

    APPLY_INTEREST = "APPLY_INTEREST"
    APPLY_FEES = "APPLY_FEES"
    APPLY_PENALTIES = "APPLY_PENALTIES"


class LoanPaymentMethod(enum.StrEnum):
    """Values of ``LoanAccount.paymentMethod`` (loans.json)."""

    HORIZONTAL = "HORIZONTAL"
    VERTICAL = "VERTICAL"


@attrs.define(slots=False, kw_only=True)
class AccountArrearsSettings(MambuModel):
    """Mambu's ``AccountArrearsSettings`` (loans.json): the account arrears settings, holds the required
    information for the arrears settings of an account.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    date_calculation_method: AccountArrearsSettingsDateCalculationMethod | str | None = None
    monthly_tolerance_day: int | None = None
    non_working_days_method: AccountArrearsSettingsNonWorkingDaysMethod | str | None = None
    tolerance_calculation_method: AccountArrearsSettingsToleranceCalculationMethod | str | None = None
    tolerance_period: int | None = None


@attrs.define(slots=False, kw_only=True)
class Asset(MambuModel):
    """Mambu's ``Asset`` (loans.json): asset, holds information about a client asset entry.

    Required on create: ``amount``, ``assetName``.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    amount: Decimal | None = None
    asset_name: str | None = None
    deposit_account_key: str | None = None
    guarantor_key: str | None = None
    guarantor_type: AssetGuarantorType | str | None = None


@attrs.define(slots=False, kw_only=True)
class Balances(MambuModel):
    """Mambu's ``Balances`` (loans.json): the loan account balance details.

    Read-only: ``feesBalance``, ``feesDue``, ``feesPaid``, ``holdBalance``, ``interestBalance``,
    ``interestDue``, ``interestFromArrearsBalance``, ``interestFromArrearsDue``,
    ``interestFromArrearsPaid``, ``interestPaid``, ``penaltyBalance``, ``penaltyDue``, ``penaltyPaid``,
    ``principalBalance``, ``principalDue``, ``principalPaid``.
    """

    fees_balance: Decimal | None = None
    fees_due: Decimal | None = None
    fees_paid: Decimal | None = None
    hold_balance: Decimal | None = None
    interest_balance: Decimal | None = None
    interest_due: Decimal | None = None
    interest_from_arrears_balance: Decimal | None = None
    interest_from_arrears_due: Decimal | None = None
    interest_from_arrears_paid: Decimal | None = None
    interest_paid: Decimal | None = None
    penalty_balance: Decimal | None = None
    penalty_due: Decimal | None = None
    penalty_paid: Decimal | None = None
    principal_balance: Decimal | None = None
    principal_due: Decimal | None = None
    principal_paid: Decimal | None = None
    redraw_balance: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class CustomPredefinedFee(MambuModel):
    """Mambu's ``CustomPredefinedFee`` (loans.json): the custom predefined fees, they may be used as the
    expected predefined fees that will be applied on the disbursement.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    amount: Decimal | None = None
    predefined_fee_encoded_key: str | None = None


@attrs.define(slots=False, kw_only=True)
class LoanTransactionDetails(MambuModel):
    """Mambu's ``LoanTransactionDetails`` (loans.json): contains the details about the loan transaction
    including fields like encoded key, transaction channel key and channel id.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    internal_transfer: bool | None = None
    target_deposit_account_key: str | None = None
    transaction_channel_id: str | None = None
    transaction_channel_key: str | None = None


@attrs.define(slots=False, kw_only=True)
class DisbursementDetails(MambuModel):
    """Mambu's ``DisbursementDetails`` (loans.json): the the disbursement details it holds the information
    related to the disbursement details as disbursement date, first repayment date, disbursement fees.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    disbursement_date: dt.datetime | None = None
    expected_disbursement_date: dt.datetime | None = None
    fees: list[CustomPredefinedFee] | None = None
    first_repayment_date: dt.datetime | None = None
    transaction_details: LoanTransactionDetails | None = None


@attrs.define(slots=False, kw_only=True)
class InvestorFund(MambuModel):
    """Mambu's ``InvestorFund`` (loans.json): contains the details about an investor fund including fields
    like encoded key, guarantor type, amount and guarantor key.

    Required on create: ``amount``, ``guarantorKey``, ``guarantorType``.

    Read-only: ``encodedKey``.
    """

    id: str | None = None
    encoded_key: str | None = None
    amount: Decimal | None = None
    asset_name: str | None = None
    deposit_account_key: str | None = None
    guarantor_key: str | None = None
    guarantor_type: InvestorFundGuarantorType | str | None = None
    interest_commission: Decimal | None = None
    share_percentage: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class Guarantor(MambuModel):
    """Mambu's ``Guarantor`` (loans.json): guarantor, holds information about a client guaranty entry. It
    can be defined based on another client which guarantees (including or not a savings account whether it
    is a client of the organization using Mambu or not) or based on a value the client holds (an asset).

    Required on create: ``amount``, ``guarantorKey``, ``guarantorType``.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    amount: Decimal | None = None
    asset_name: str | None = None
    deposit_account_key: str | None = None
    guarantor_key: str | None = None
    guarantor_type: GuarantorType | str | None = None


@attrs.define(slots=False, kw_only=True)
class InterestSettings(MambuModel):
    """Mambu's ``InterestSettings`` (loans.json): the interest settings, holds all the properties
    regarding interests for the loan account.

    Read-only: ``accrueLateInterest``.
    """

    accrue_interest_after_maturity: bool | None = None
    accrue_late_interest: bool | None = None
    interest_application_method: InterestSettingsInterestApplicationMethod | str | None = None
    interest_balance_calculation_method: InterestSettingsInterestBalanceCalculationMethod | str | None = None
    interest_calculation_method: InterestSettingsInterestCalculationMethod | str | None = None
    interest_charge_frequency: InterestSettingsInterestChargeFrequency | str | None = None
    interest_rate: Decimal | None = None
    interest_rate_review_count: int | None = None
    interest_rate_review_unit: InterestSettingsInterestRateReviewUnit | str | None = None
    interest_rate_source: InterestSettingsInterestRateSource | str | None = None
    interest_spread: Decimal | None = None
    interest_type: InterestSettingsInterestType | str | None = None


@attrs.define(slots=False, kw_only=True)
class PenaltySettings(MambuModel):
    """Mambu's ``PenaltySettings`` (loans.json): the penalty settings, holds all the fields regarding
    penalties.
    """

    loan_penalty_calculation_method: PenaltySettingsLoanPenaltyCalculationMethod | str | None = None
    penalty_rate: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class PrepaymentSettings(MambuModel):
    """Mambu's ``PrepaymentSettings`` (loans.json): the prepayment settings, holds all prepayment
    properties.
    """

    apply_interest_on_prepayment_method: PrepaymentSettingsApplyInterestOnPrepaymentMethod | str | None = None
    elements_recalculation_method: PrepaymentSettingsElementsRecalculationMethod | str | None = None
    prepayment_recalculation_method: PrepaymentSettingsPrepaymentRecalculationMethod | str | None = None
    principal_paid_installment_status: PrepaymentSettingsPrincipalPaidInstallmentStatus | str | None = None


@attrs.define(slots=False, kw_only=True)
class PrincipalPaymentAccountSettings(MambuModel):
    """Mambu's ``PrincipalPaymentAccountSettings`` (loans.json): the principal payment account settings,
    holds the required information for the principal payment process of an account.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    amount: Decimal | None = None
    include_fees_in_floor_amount: bool | None = None
    include_interest_in_floor_amount: bool | None = None
    percentage: Decimal | None = None
    principal_ceiling_value: Decimal | None = None
    principal_floor_value: Decimal | None = None
    principal_payment_method: PrincipalPaymentAccountSettingsPrincipalPaymentMethod | str | None = None
    total_due_amount_floor: Decimal | None = None
    total_due_payment: PrincipalPaymentAccountSettingsTotalDuePayment | str | None = None


@attrs.define(slots=False, kw_only=True)
class PeriodicPayment(MambuModel):
    """Mambu's ``PeriodicPayment`` (loans.json): for fixed term loans there is the possibility to define a
    payment plan. A payment plan consists of multiple periodic payments. This class holds information
    about a periodic payment.

    Required on create: ``amount``, ``toInstallment``.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    amount: Decimal | None = None
    to_installment: int | None = None


@attrs.define(slots=False, kw_only=True)
class ScheduleSettings(MambuModel):
    """Mambu's ``ScheduleSettings`` (loans.json): the schedule settings, holds all schedule properties.

    Required on create: ``gracePeriod``.
    """

    default_first_repayment_due_date_offset: int | None = None
    fixed_days_of_month: list[int] | None = None
    grace_period: int | None = None
    grace_period_type: ScheduleSettingsGracePeriodType | str | None = None
    has_custom_schedule: bool | None = None
    payment_plan: list[PeriodicPayment] | None = None
    periodic_payment: Decimal | None = None
    principal_repayment_interval: int | None = None
    repayment_installments: int | None = None
    repayment_period_count: int | None = None
    repayment_period_unit: ScheduleSettingsRepaymentPeriodUnit | str | None = None
    repayment_schedule_method: ScheduleSettingsRepaymentScheduleMethod | str | None = None
    schedule_due_dates_method: ScheduleSettingsScheduleDueDatesMethod | str | None = None
    short_month_handling_method: ScheduleSettingsShortMonthHandlingMethod | str | None = None


@attrs.define(slots=False, kw_only=True)
class TrancheDisbursementDetails(MambuModel):
    """Mambu's ``TrancheDisbursementDetails`` (loans.json): the disbursement details regarding a loan
    tranche.
    """

    disbursement_transaction_key: str | None = None
    expected_disbursement_date: dt.datetime | None = None


@attrs.define(slots=False, kw_only=True)
class LoanTranche(MambuModel):
    """Mambu's ``LoanTranche`` (loans.json): in some cases organizations may approve loans but not
    disburse the full amount initially. They would like to spread the disbursement (and risk) over time.
    Likewise for the client, they may not need the full loan amount up front. They may want to have a loan
    to buy some equipment for their business but will make one purchase today and another purchase in a
    few months. In these cases, they don't need the full amount and wouldn't want to pay interest on cash
    they don't need yet. A solution for this matter is the usage of disbursement in tranches. This class
    holds the information required for one of this tranche.

    Required on create: ``amount``.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    amount: Decimal | None = None
    disbursement_details: TrancheDisbursementDetails | None = None
    tranche_number: int | None = None


@attrs.define(slots=False, kw_only=True)
class LoanAccount(MambuModel):
    """Mambu's ``LoanAccount`` (loans.json): represents the amount that your organization lends to a
    customer. An account associated to a borrower with terms and conditions defined by a loan product. In
    a loan account Mambu stores all the information related to disbursements, repayments, interest rates
    and withdrawals.

    Required on create: ``accountHolderKey``, ``accountHolderType``, ``loanAmount``, ``productTypeKey``,
    ``scheduleSettings``.

    Read-only: ``encodedKey``, ``balances``, ``daysInArrears``, ``daysLate``,
    ``interestFromArrearsAccrued``.
    """

    id: str | None = None
    encoded_key: str | None = None
    account_arrears_settings: AccountArrearsSettings | None = None
    account_holder_key: str | None = None
    account_holder_type: LoanAccountHolderType | str | None = None
    account_state: LoanAccountState | str | None = None
    account_sub_state: LoanAccountSubState | str | None = None
    accrued_interest: Decimal | None = None
    accrued_penalty: Decimal | None = None
    activation_transaction_key: str | None = None
    allow_offset: bool | None = None
    approved_date: dt.datetime | None = None
    arrears_tolerance_period: int | None = None
    assets: list[Asset] | None = None
    assigned_branch_key: str | None = None
    assigned_centre_key: str | None = None
    assigned_user_key: str | None = None
    balances: Balances | None = None
    closed_date: dt.datetime | None = None
    creation_date: dt.datetime | None = None
    credit_arrangement_key: str | None = None
    days_in_arrears: int | None = None
    days_late: int | None = None
    disbursement_details: DisbursementDetails | None = None
    funding_sources: list[InvestorFund] | None = None
    future_payments_acceptance: LoanFuturePaymentsAcceptance | str | None = None
    guarantors: list[Guarantor] | None = None
    interest_commission: Decimal | None = None
    interest_from_arrears_accrued: Decimal | None = None
    interest_settings: InterestSettings | None = None
    last_account_appraisal_date: dt.datetime | None = None
    last_interest_applied_date: dt.datetime | None = None
    last_interest_review_date: dt.datetime | None = None
    last_locked_date: dt.datetime | None = None
    last_modified_date: dt.datetime | None = None
    last_set_to_arrears_date: dt.datetime | None = None
    last_tax_rate_review_date: dt.datetime | None = None
    late_payments_recalculation_method: LoanLatePaymentsRecalculationMethod | str | None = None
    loan_amount: Decimal | None = None
    loan_name: str | None = None
    locked_operations: list[LoanLockedOperations | str] | None = None
    migration_event_key: str | None = None
    notes: str | None = None
    original_account_key: str | None = None
    payment_method: LoanPaymentMethod | str | None = None
    penalty_settings: PenaltySettings | None = None
    prepayment_settings: PrepaymentSettings | None = None
    principal_payment_settings: PrincipalPaymentAccountSettings | None = None
    product_type_key: str | None = None
    rescheduled_account_key: str | None = None
    schedule_settings: ScheduleSettings | None = None
    settlement_account_key: str | None = None
    tax_rate: Decimal | None = None
    tranches: list[LoanTranche] | None = None
