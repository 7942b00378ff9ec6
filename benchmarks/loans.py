"""Deterministic FULL loan documents of about 2.4 KB of JSON each, sorted by encodedKey."""

from __future__ import annotations

import hashlib
import json
from typing import Any

STATES = ("ACTIVE", "ACTIVE_IN_ARREARS", "APPROVED", "CLOSED", "PENDING_APPROVAL")


def loan(i: int) -> dict[str, Any]:
    """Loan number ``i`` shaped like Mambu's v2 ``GET /loans/{id}?detailsLevel=FULL``."""
    key = hashlib.md5(str(i).encode()).hexdigest()
    day = f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}"
    stamp = f"{day}T{i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d}+02:00"
    principal = 1000 + (i * 37) % 99000
    return {
        "encodedKey": key,
        "id": f"L{i:07d}",
        "accountHolderKey": hashlib.md5(f"c{i // 2}".encode()).hexdigest(),
        "accountHolderType": "CLIENT",
        "accountState": STATES[i % len(STATES)],
        "accountSubState": None if i % 3 else "LOCKED",
        "loanName": f"Working capital loan {i}",
        "loanAmount": f"{principal}.00",
        "notes": "Benchmark loan",
        "productTypeKey": "8a8e878e71c7a4d70171ca4c3bc56a2b",
        "assignedBranchKey": "8a8e878e71c7a4d70171ca4c3bc56a00",
        "assignedCentreKey": "8a8e878e71c7a4d70171ca4c3bc56a01",
        "assignedUserKey": "8a8e878e71c7a4d70171ca4c3bc56a02",
        "creationDate": stamp,
        "lastModifiedDate": stamp,
        "approvedDate": stamp,
        "lastAccountAppraisalDate": stamp,
        "currency": {"code": "EUR", "currencyCode": "EUR"},
        "paymentMethod": "HORIZONTAL",
        "daysInArrears": i % 9,
        "daysLate": i % 5,
        "locked": False,
        "balances": {
            "principalDue": "120.50", "principalPaid": "380.00", "principalBalance": f"{principal - 380}.00",
            "interestDue": "12.34", "interestPaid": "56.78", "interestBalance": "33.10",
            "interestFromArrearsDue": "0", "interestFromArrearsPaid": "0", "interestFromArrearsBalance": "0",
            "feesDue": "0", "feesPaid": "5.00", "feesBalance": "0",
            "penaltyDue": "0", "penaltyPaid": "0", "penaltyBalance": "0",
        },
        "interestSettings": {
            "interestRate": "12.5", "interestChargeFrequency": "ANNUALIZED",
            "interestType": "SIMPLE_INTEREST",
            "interestCalculationMethod": "DECLINING_BALANCE",
            "interestApplicationMethod": "REPAYMENT_DUE_DATE",
            "interestBalanceCalculationMethod": "ONLY_PRINCIPAL", "accrueInterestAfterMaturity": False,
            "interestRateSource": "FIXED_INTEREST_RATE",
        },
        "scheduleSettings": {
            "gracePeriod": 0, "gracePeriodType": "NONE", "hasCustomSchedule": False,
            "paymentPlan": [], "periodicPayment": None, "principalRepaymentInterval": 1,
            "repaymentInstallments": 12 + i % 24, "repaymentPeriodCount": 1,
            "repaymentPeriodUnit": "MONTHS", "repaymentScheduleMethod": "FIXED",
            "scheduleDueDatesMethod": "INTERVAL",
        },
        "disbursementDetails": {
            "encodedKey": hashlib.md5(f"d{i}".encode()).hexdigest(),
            "expectedDisbursementDate": stamp, "disbursementDate": stamp, "firstRepaymentDate": stamp,
            "fees": [],
        },
        "redrawSettings": {"restrictNextDueWithdrawal": False},
        "futurePaymentsAcceptance": "NO_FUTURE_PAYMENTS",
        "allowOffset": False,
        "guarantors": [],
        "assets": [],
        "fundingSources": [],
        "_Loan_Details": {
            "Purpose": "Inventory financing", "Risk_Class": f"R{i % 5}", "Officer_Notes": "Visited the shop",
            "Collateral_Value": f"{principal * 2}.00",
        },
        "_Compliance": {"KYC_Checked": "TRUE", "AML_Score": str(i % 100), "Review_Date": day},
    }


def rendered_loans(n: int) -> list[bytes]:
    """``n`` loans as JSON bytes, in ascending encodedKey order (the order ``:search`` sorts on)."""
    docs = sorted((loan(i) for i in range(n)), key=lambda d: d["encodedKey"])
    return [json.dumps(d, separators=(",", ":")).encode() for d in docs]
