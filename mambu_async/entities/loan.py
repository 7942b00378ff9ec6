"""Loan accounts: ``MambuLoan`` and its value objects (balances, disbursement details, settings).

The entity's attributes, value objects and enums are generated from Mambu's ``loans.json`` into
:mod:`mambu_async.entities.generated.loans` (``python tools/generate_models.py``) and re-exported
here; this module adds the entity's endpoints, list filters, search fields and behaviours.
"""

from __future__ import annotations

import attrs

from mambu_async.entities.base import SearchableMixin, WritableMixin
from mambu_async.entities.behaviours.bundles import LoanBehaviours
from mambu_async.entities.generated.loans import *  # noqa: F403  (the value objects and enums)
from mambu_async.entities.generated.loans import LoanAccount


@attrs.define(slots=False, kw_only=True)
class MambuLoan(LoanAccount, WritableMixin, SearchableMixin, LoanBehaviours):
    """Mambu's ``LoanAccount`` (loans.json) with the endpoints and behaviours of ``/loans``.

    The attributes, and which are required on create or read-only, are those of :class:`LoanAccount`.
    """

    _prefix = "loans"
    _owner_type = "LOAN_ACCOUNT"
    #: ``GET /loans`` query filters (loans.json).
    _filter_keys = (
        "creditOfficerUsername",
        "branchId",
        "centreId",
        "accountState",
        "accountHolderType",
        "accountHolderId",
    )
    #: ``sortBy`` fields: not in loans.json; Mambu's v2 docs and MambuPy accept these (inferred).
    _sort_by_fields = (
        "creationDate",
        "lastModifiedDate",
        "id",
        "loanName",
    )
    #: ``LoanAccountFilterCriteria.field`` (Mambu's v2 docs; not in loans.json;
    #: ``balance.interestBalance`` is Mambu's own spelling).
    _search_fields = (
        "accountHolderKey",
        "assignedBranchKey",
        "assignedCentreKey",
        "assignedUserKey",
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
        "balances.interestBalance",
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
        "hasSettlementAccount",
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
        "tranches.expectedDisbursementDate",
        "tranches.amount",
        "disbursementDetails.expectedDisbursementDate",
        "disbursementDetails.disbursementDate",
        "disbursementDetails.firstRepaymentDate",
    )
    #: Sorting accepts the search fields (inferred: loans.json has no ``LoanAccountSortingCriteria``).
    _search_sort_fields = _search_fields
