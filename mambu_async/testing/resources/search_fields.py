"""The fields Mambu documents for ``POST /loans:search``, ``/deposits:search`` and
``/loans/transactions:search``, and how the fake reads each from its records.

The lists are the ``field`` enums of Mambu's v2 reference, which the bundled OpenAPI files do not hold:
``LoanAccountFilterCriteria`` / ``LoanAccountSortingCriteria``
(https://docs.mambu.com/api/api-v2/loans/schemas/loanaccountfiltercriteria/),
``DepositAccountFilterCriteria`` (.../deposits/schemas/depositaccountfiltercriteria/) and
``LoanTransactionFilterCriteria`` (.../loans_transactions/schemas/loantransactionfiltercriteria/).
A field typed by the entity's OpenAPI definition needs nothing here; the others (derived values, names
that differ from the property, properties the definitions lack) get a :class:`Field` below, typed so
that Mambu's operators for the type apply (``AFTER`` on a date, ``MORE_THAN`` on an amount...).
[INFERRED] derived values: ``accountHolderId`` and ``clientId``/``groupId`` are the holder's id,
``numInstallments`` the schedule's ``repaymentInstallments``, ``totalPaid``/``totalBalance``/``totalDue``
the sums of the principal, interest, fee and penalty balances, ``lastPaymentDate``/``lastPaymentAmount``
the latest repayment's, ``wasRescheduled``/``wasRefinanced`` the sub-state; a value the fake does not
model reads as absent (it matches ``EMPTY``).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from mambu_async.testing.banking.common import banking
from mambu_async.testing.kinds import Field
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

__all__ = [
    "DEPOSIT_FILTER_FIELDS",
    "LOAN_FILTER_FIELDS",
    "LOAN_SORTING_FIELDS",
    "LOAN_TRANSACTION_FILTER_FIELDS",
    "deposit_fields",
    "loan_fields",
    "loan_transaction_fields",
]

LOAN_FILTER_FIELDS = [
    "accountHolderKey",
    "assignedBranchKey",
    "productTypeKey",
    "loanRiskLevelKey",
    "encodedKey",
    "loanName",
    "id",
    "accountHolderId",
    "recipient",
    "creationDate",
    "approvedDate",
    "lastModifiedDate",
    "lastSetToArrearsDate",
    "lastLockedDate",
    "closedDate",
    "daysInArrears",
    "daysLate",
    "accountSubState",
    "accountState",
    "loanAmount",
    "numInstallments",
    "balances.principalDue",
    "balances.principalPaid",
    "balances.principalBalance",
    "balances.interestDue",
    "balances.interestPaid",
    "balance.interestBalance",
    "accruedInterest",
    "balances.feesDue",
    "balances.feesBalance",
    "balances.feesPaid",
    "penaltySettings.loanPenaltyCalculationMethod",
    "balances.penaltyDue",
    "balances.penaltyPaid",
    "balances.penaltyBalance",
    "accruedPenalty",
    "penaltySettings.penaltyRate",
    "arrearsTolerancePeriod",
    "interestSettings.interestRate",
    "interestSettings.interestSpread",
    "totalPaid",
    "totalBalance",
    "totalDue",
    "firstRepaymentDate",
    "lastPaymentDate",
    "lastPaymentAmount",
    "expectedMaturityDate",
    "rescheduledAccountKey",
    "refinancedAccountId",
    "originalAccountKey",
    "taxRate",
    "taxPaid",
    "taxDue",
    "settlementAccountKey",
    "interestCommission",
    "fundingSources.amount",
    "fundingSources.sharePercentage",
    "numberOfFunds",
    "fundsEnabled",
    "availableAmount",
    "wasRescheduled",
    "wasRefinanced",
    "prepaymentSettings.prepaymentRecalculationMethod",
    "prepaymentSettings.applyInterestOnPrepaymentMethod",
    "latePaymentsRecalculationMethod",
    "balances.redrawBalance",
    "expectedPrincipalRedraw",
    "tranches.parentAccountKey",
    "tranches.disbursementDetails.disbursementTransactionKey",
    "tranches.amount",
    "tranches.disbursementDetails.expectedDisbursementDate",
    "disbursementDetails.expectedDisbursementDate",
    "disbursementDetails.disbursementDate",
    "lastAccountAppraisalDate",
]
"""``LoanAccountFilterCriteria.field``."""

LOAN_SORTING_FIELDS = [
    "encodedKey",
    "loanName",
    "id",
    "accountHolderId",
    "recipient",
    "creationDate",
    "approvedDate",
    "lastModifiedDate",
    "lastSetToArrearsDate",
    "lastLockedDate",
    "closedDate",
    "daysInArrears",
    "daysLate",
    "loanAmount",
    "tranches.amount",
    "numInstallments",
    "accruedInterest",
    "accruedPenalty",
    "penaltySettings.penaltyRate",
    "arrearsTolerancePeriod",
    "interestSettings.interestSpread",
    "totalPaid",
    "totalBalance",
    "totalDue",
    "firstRepaymentDate",
    "lastPaymentDate",
    "lastPaymentAmount",
    "expectedMaturity",
    "rescheduledAccountKey",
    "refinancedAccountId",
    "originalAccountKey",
    "taxRate",
    "taxPaid",
    "taxDue",
    "settlementAccountKey",
    "interestCommission",
    "numberOfFunds",
    "fundsEnabled",
    "availableAmount",
    "wasRescheduled",
    "wasRefinanced",
    "expectedPrincipalRedraw",
    "balances.principalDue",
    "balances.principalPaid",
    "balances.principalBalance",
    "balances.interestDue",
    "balances.interestPaid",
    "balance.interestBalance",
    "balances.redrawBalance",
    "balances.feesDue",
    "balances.feesBalance",
    "balances.feesPaid",
    "balances.penaltyDue",
    "balances.penaltyPaid",
    "balances.penaltyBalance",
    "fundingSources.amount",
    "fundingSources.sharePercentage",
]
"""``LoanAccountSortingCriteria.field``."""

DEPOSIT_FILTER_FIELDS = [
    "encodedKey",
    "id",
    "name",
    "accountHolderKey",
    "clientId",
    "groupId",
    "accountHolderName",
    "accountState",
    "accountType",
    "creationDate",
    "activationDate",
    "approvedDate",
    "lastModifiedDate",
    "maturityDate",
    "lastSetToArrearsDate",
    "closedDate",
    "accruedAmounts.interestAccrued",
    "accruedAmounts.overdraftInterestAccrued",
    "accruedAmounts.technicalOverdraftInterestAccrued",
    "maxBalance",
    "balances.availableBalance",
    "balances.blockedBalance",
    "balances.feesDue",
    "balances.lockedBalance",
    "balances.overdraftAmount",
    "balances.overdraftInterestDue",
    "balances.technicalOverdraftAmount",
    "balances.totalBalance",
    "balances.holdBalance",
    "assignedBranchKey",
    "assignedCentreKey",
    "assignedUserKey",
    "currencyCode",
    "interestSettings.interestRate",
    "currentInterestTier.endingBalance",
    "currentInterestTier.index",
    "currentInterestTier.interestRate",
    "currentInterestTier.startingBalance",
    "internalControls.maxWithdrawalAmount",
    "internalControls.recommendedDepositAmount",
    "internalControls.targetAmount",
    "lengthInDays",
    "overdraftRiskLevelKey",
    "overdraftAvailableLimit",
    "overdraftDaysInArrears",
    "overdraftInArrears",
    "overdraftInterestSettings.interestRateSettings.interestRate",
    "overdraftInterestSettings.interestRateSettings.interestSpread",
    "currentOverdraftInterestTier.endingBalance",
    "currentOverdraftInterestTier.index",
    "currentOverdraftInterestTier.interestRate",
    "currentOverdraftInterestTier.startingBalance",
    "overdraftSettings.overdraftExpiryDate",
    "overdraftSettings.overdraftLimit",
    "overdraftSettings.allowOverdraft",
    "productTypeKey",
    "productCategory",
    "taxApplied",
    "withholdingTaxSourceKey",
    "taxRate",
]
"""``DepositAccountFilterCriteria.field``."""

LOAN_TRANSACTION_FILTER_FIELDS = [
    "encodedKey",
    "id",
    "externalId",
    "creationDate",
    "valueDate",
    "parentAccountKey",
    "parentAccountHolderKey",
    "productTypeKey",
    "productID",
    "type",
    "amount",
    "originalAmount",
    "originalCurrencyCode",
    "affectedAmounts.principalAmount",
    "affectedAmounts.interestAmount",
    "affectedAmounts.fundersInterestAmount",
    "affectedAmounts.organizationCommissionAmount",
    "affectedAmounts.deferredInterestAmount",
    "affectedAmounts.feesAmount",
    "affectedAmounts.penaltyAmount",
    "taxes.taxRate",
    "accountBalances.totalBalance",
    "accountBalances.advancePosition",
    "accountBalances.arrearsPosition",
    "accountBalances.expectedPrincipalRedraw",
    "accountBalances.redrawBalance",
    "accountBalances.principalBalance",
    "userKey",
    "branchKey",
    "branchID",
    "centreKey",
    "centreID",
    "tillKey",
    "tillID",
    "adjustmentTransactionKey",
    "originalTransactionKey",
    "terms.interestSettings.interestRate",
    "transactionDetails.transactionChannelKey",
    "transactionDetails.transactionChannelId",
    "wasAdjusted",
    "typeIsAdjustment",
    "fees.predefinedFeeKey",
    "fees.trigger",
    "fees.name",
    "parentAccountID",
    "adjustmentTransactionID",
    "originalTransactionID",
]
"""``LoanTransactionFilterCriteria.field``."""

_PARTS = ("principal", "interest", "fees", "penalty")


def _typed(kind: str, *paths: str) -> dict[str, Field]:
    return {path: Field.at(path, kind) for path in paths}


def _holder_id(fake: FakeMambu, holder_type: str | None = None) -> Callable[[Record], Any]:
    def read(account: Record) -> Any:
        if holder_type is not None and account.get("accountHolderType") != holder_type:
            return None
        key = str(account.get("accountHolderKey") or "")
        holder = fake.store["clients"].get(key) or fake.store["groups"].get(key)
        return holder.get("id") if holder is not None else None

    return read


def _holder_name(fake: FakeMambu) -> Callable[[Record], Any]:
    def read(account: Record) -> Any:
        key = str(account.get("accountHolderKey") or "")
        group = fake.store["groups"].get(key)
        if group is not None:
            return group.get("groupName")
        client = fake.store["clients"].get(key)
        if client is None:
            return None
        return " ".join(str(client[k]) for k in ("firstName", "middleName", "lastName") if client.get(k))

    return read


def _sum_of(part: str) -> Callable[[Record], Decimal]:
    def read(loan: Record) -> Decimal:
        balances = loan.get("balances") or {}
        return sum((Decimal(balances.get(f"{name}{part}") or 0) for name in _PARTS), Decimal(0))

    return read


def _last_repayment(fake: FakeMambu, name: str) -> Callable[[Record], Any]:
    def read(loan: Record) -> Any:
        store = fake.store["loantransactions"]
        for key in reversed(banking(fake).loan_transactions.get(loan["encodedKey"], ())):
            tx = store.get(key)
            if tx is not None and tx.get("type") == "REPAYMENT" and not tx.get("adjustmentTransactionKey"):
                return tx.get(name)
        return None

    return read


def loan_fields(fake: FakeMambu) -> dict[str, Field]:
    """The loan search fields the LoanAccount definition does not type by itself."""
    maturity = Field.at("expectedMaturityDate", "datetime")
    return {
        "accountHolderId": Field(_holder_id(fake), "string"),
        "numInstallments": Field.at("scheduleSettings.repaymentInstallments", "integer"),
        "balance.interestBalance": Field.at("balances.interestBalance", "number"),
        "totalPaid": Field(_sum_of("Paid"), "number"),
        "totalBalance": Field(_sum_of("Balance"), "number"),
        "totalDue": Field(_sum_of("Due"), "number"),
        "firstRepaymentDate": Field.at("disbursementDetails.firstRepaymentDate", "datetime"),
        "lastPaymentDate": Field(_last_repayment(fake, "valueDate"), "datetime"),
        "lastPaymentAmount": Field(_last_repayment(fake, "amount"), "number"),
        "expectedMaturityDate": maturity,
        "expectedMaturity": maturity,
        "numberOfFunds": Field(lambda r: len(r.get("fundingSources") or ()), "integer"),
        "fundsEnabled": Field(lambda r: bool(r.get("fundingSources")), "boolean"),
        "wasRescheduled": Field(lambda r: r.get("accountSubState") == "RESCHEDULED", "boolean"),
        "wasRefinanced": Field(lambda r: r.get("accountSubState") == "REFINANCED", "boolean"),
        **_typed("number", "taxPaid", "taxDue", "availableAmount", "expectedPrincipalRedraw"),
        **_typed("key", "loanRiskLevelKey", "tranches.parentAccountKey"),
        **_typed("string", "recipient", "refinancedAccountId"),
    }


def deposit_fields(fake: FakeMambu) -> dict[str, Field]:
    """The deposit search fields the DepositAccount definition does not type by itself."""
    tiers = ("currentInterestTier", "currentOverdraftInterestTier")
    return {
        "clientId": Field(_holder_id(fake, "CLIENT"), "string"),
        "groupId": Field(_holder_id(fake, "GROUP"), "string"),
        "accountHolderName": Field(_holder_name(fake), "string"),
        "interestSettings.interestRate": Field.at(
            "interestSettings.interestRateSettings.interestRate", "number"
        ),
        **_typed("number", "maxBalance", "balances.blockedBalance", "overdraftAvailableLimit", "taxRate"),
        **_typed(
            "number",
            *(f"{t}.{p}" for t in tiers for p in ("endingBalance", "interestRate", "startingBalance")),
        ),
        **_typed("integer", "lengthInDays", "overdraftDaysInArrears", *(f"{t}.index" for t in tiers)),
        **_typed("boolean", "overdraftInArrears", "taxApplied"),
        **_typed("key", "overdraftRiskLevelKey"),
        **_typed("string", "productCategory"),
    }


def loan_transaction_fields(fake: FakeMambu) -> dict[str, Field]:
    """The loan transaction search fields the inline LoanTransaction definition does not type."""

    def holder_key(tx: Record) -> Any:
        loan = fake.store["loans"].get(str(tx.get("parentAccountKey") or ""))
        return loan.get("accountHolderKey") if loan is not None else None

    balances = (
        "totalBalance",
        "advancePosition",
        "arrearsPosition",
        "expectedPrincipalRedraw",
        "redrawBalance",
    )
    amounts = (
        "principalAmount",
        "interestAmount",
        "fundersInterestAmount",
        "organizationCommissionAmount",
        "deferredInterestAmount",
        "feesAmount",
        "penaltyAmount",
    )
    return {
        "parentAccountHolderKey": Field(holder_key, "key"),
        **_typed("number", "originalAmount", "taxes.taxRate", "terms.interestSettings.interestRate"),
        **_typed("number", *(f"affectedAmounts.{a}" for a in amounts)),
        **_typed("number", *(f"accountBalances.{b}" for b in (*balances, "principalBalance"))),
        **_typed("string", "originalCurrencyCode", "transactionDetails.transactionChannelId"),
    }
