"""A deterministic demo tenant for FakeMambu: branches, users, products, custom field sets, clients,
groups, loans in every state with their transactions, and deposit accounts with theirs.

``build_demo_tenant(fake, clients=..., loans=..., deposits=..., seed=...)`` fills an empty tenant. The
same arguments always give the same tenant (ids, keys, amounts, states), relative to the fake's clock.
It is cheap at scale: the small catalogue (branches, users, products, custom fields) goes through the
fake's own create rules, while clients, groups, accounts and transactions are written straight into the
store in the shapes those rules produce. A loan's balances come from the same schedule code the fake
uses, computed only for the installments that are already due; its full schedule is computed when
someone asks for it (``GET /loans/{id}/schedule``) or moves money on it.

The history is consistent in time: the catalogue (organization, branches, centres, user roles, users,
products) is dated two years back (:data:`OPENED_DAYS_AGO`), clients join later, groups the day after
their last member, tasks a week after their client; a loan is created, approved, disbursed and repaid in
that order; events fall at 09:00 of their day, or at the clock's now when that is still to come.

Loans cycle through every state: ``PARTIAL_APPLICATION``, ``PENDING_APPROVAL``, ``APPROVED``,
``ACTIVE`` (paid up), ``ACTIVE_IN_ARREARS`` (an installment a few days late), ``CLOSED``/``REPAID``,
``CLOSED``/``WRITTEN_OFF``, ``CLOSED``/``WITHDRAWN`` and ``CLOSED``/``REJECTED``. Disbursed loans have
their disbursement and one repayment per paid installment (paid on its due date, exactly the
installment's total; at most four), repaid loans a final pay-off of the principal left. Deposits are
``PENDING_APPROVAL``, ``APPROVED``, ``ACTIVE`` (with a deposit and a withdrawal), ``LOCKED`` or
``MATURED``.

Speed: 100,000 loans with 50,000 clients and 50,000 deposits build in about 6 s (CPython 3.11), most
of it spent creating the ~250,000 transaction records.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import random
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from mambu_async.testing.banking.common import banking
from mambu_async.testing.banking.schedule import ZERO, LoanTerms, add_period, iter_installments
from mambu_async.testing.resources.currencies import seed_demo_currencies
from mambu_async.testing.resources.organization import organization
from mambu_async.testing.tenant_records import seed_tenant_records

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu
    from mambu_async.testing.store import Record

__all__ = ["DemoTenant", "build_demo_tenant"]

LOAN_SCENARIOS = (
    "PARTIAL_APPLICATION",
    "PENDING_APPROVAL",
    "APPROVED",
    "ACTIVE",
    "ACTIVE",
    "ACTIVE_IN_ARREARS",
    "REPAID",
    "WRITTEN_OFF",
    "WITHDRAWN",
    "REJECTED",
)
"""The states demo loans cycle through (``ACTIVE`` twice: most real books are mostly active)."""

OPENED_DAYS_AGO = 730
"""The demo tenant opened two years before its clock's today: organization, branches, users, products."""

DEPOSIT_SCENARIOS = ("ACTIVE", "ACTIVE", "ACTIVE", "PENDING_APPROVAL", "APPROVED", "LOCKED", "MATURED")

_FIRST = ("Ana", "Ben", "Carla", "Dmitri", "Eva", "Femi", "Grace", "Hugo", "Ines", "Jon", "Kemal", "Lea")
_LAST = ("Silva", "Novak", "Okafor", "Tanaka", "Müller", "García", "Rossi", "Kowalski", "Dubois", "Smith")
_PURPOSES = ("HOME", "CAR", "EDUCATION", "BUSINESS")


@attrs.frozen
class DemoTenant:
    """What :func:`build_demo_tenant` created: ids per kind, in creation order."""

    branches: tuple[str, ...]
    users: tuple[str, ...]
    loan_products: tuple[str, ...]
    deposit_products: tuple[str, ...]
    clients: tuple[str, ...]
    groups: tuple[str, ...]
    loans: tuple[str, ...]
    deposits: tuple[str, ...]
    loan_states: dict[str, int]
    """How many loans of each scenario (``ACTIVE``, ``REPAID``, ``WITHDRAWN``...)."""


def build_demo_tenant(
    fake: FakeMambu,
    *,
    clients: int = 50,
    loans: int = 100,
    deposits: int = 50,
    groups: int | None = None,
    branches: int | None = None,
    seed: int = 0,
) -> DemoTenant:
    """Fill ``fake`` with a deterministic demo tenant (see the module docstring).

    ``groups`` defaults to one per ten clients, ``branches`` to one per 1,000 clients (1 to 20).
    Accounts are spread over the clients round-robin (every fifth loan belongs to a group when there
    are groups). Returns the ids created.
    """
    if min(clients, loans, deposits) < 0 or (clients == 0 and (loans or deposits)):
        raise ValueError("accounts need at least one client; counts cannot be negative")
    was_enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of small dicts: collecting while building only costs time
    try:
        return _build(fake, clients, loans, deposits, groups, branches, random.Random(seed))
    finally:
        if was_enabled:
            gc.enable()


def _build(
    fake: FakeMambu,
    clients: int,
    loans: int,
    deposits: int,
    groups: int | None,
    branches: int | None,
    rng: random.Random,
) -> DemoTenant:
    builder = _Builder(fake, rng)
    n_branches = branches if branches is not None else max(1, min(20, clients // 1000))
    n_groups = groups if groups is not None else clients // 10
    # The catalogue is set up when the tenant opened, before any client or account that uses it.
    with fake.clock.back_at(builder.opened):
        organization(fake)
        branch_records = [builder.branch(i) for i in range(max(1, n_branches))]
        branch_keys = [str(b["encodedKey"]) for b in branch_records]
        centre_keys = [str(builder.centre(i, key)["encodedKey"]) for i, key in enumerate(branch_keys)]
        roles = builder.roles()
        user_records = [
            builder.user(i, branch_keys[i % len(branch_keys)], roles[i % 2])
            for i in range(2 * len(branch_keys))
        ]
        user_keys = [str(u["encodedKey"]) for u in user_records]
        builder.custom_fields()
        seed_demo_currencies(fake)
        loan_products = [builder.loan_product(i) for i in range(3)]
        deposit_products = [builder.deposit_product(i) for i in range(2)]
    client_records = [
        builder.client(i, branch_keys[i % len(branch_keys)], user_keys[i % len(user_keys)])
        for i in range(clients)
    ]
    for client in client_records[::3]:  # a third of the clients meet at their branch's centre
        client["assignedCentreKey"] = centre_keys[branch_keys.index(client["assignedBranchKey"])]
        fake.store["clients"].put(client)
    group_records = [
        builder.group(i, client_records, branch_keys[i % len(branch_keys)], user_keys[i % len(branch_keys)])
        for i in range(n_groups)
    ]
    for group in group_records:
        group["assignedCentreKey"] = centre_keys[branch_keys.index(group["assignedBranchKey"])]
        fake.store["groups"].put(group)
    counts: dict[str, int] = {}
    loan_ids = []
    for i in range(loans):
        holder = group_records[i // 5 % len(group_records)] if group_records and i % 5 == 4 else None
        holder = holder or client_records[i % len(client_records)]
        scenario = LOAN_SCENARIOS[i % len(LOAN_SCENARIOS)]
        counts[scenario] = counts.get(scenario, 0) + 1
        loan_ids.append(builder.loan(i, holder, loan_products[i % len(loan_products)], scenario))
    # Follow-up tasks on the first loans' clients (a client with a loan is never deleted in the demo).
    first_loans = [fake.store["loans"].get(loan_id) for loan_id in loan_ids[:10]]
    for i, loan in enumerate(x for x in first_loans if x is not None and x["accountHolderType"] == "CLIENT"):
        borrower = fake.store["clients"].get(loan["accountHolderKey"])
        if borrower is not None:
            builder.task(i, borrower, loan, str(borrower["assignedUserKey"]))
    deposit_ids = [
        builder.deposit(
            i,
            client_records[i % len(client_records)],
            deposit_products[i % len(deposit_products)],
            DEPOSIT_SCENARIOS[i % len(DEPOSIT_SCENARIOS)],
        )
        for i in range(deposits)
    ]
    banking(fake).aged_on = fake.clock.today()
    seed_tenant_records(fake)
    return DemoTenant(
        branches=tuple(b["id"] for b in branch_records),
        users=tuple(u["id"] for u in user_records),
        loan_products=tuple(p["id"] for p in loan_products),
        deposit_products=tuple(p["id"] for p in deposit_products),
        clients=tuple(c["id"] for c in client_records),
        groups=tuple(g["id"] for g in group_records),
        loans=tuple(loan_ids),
        deposits=tuple(deposit_ids),
        loan_states=counts,
    )


class _Builder:
    def __init__(self, fake: FakeMambu, rng: random.Random) -> None:
        self.fake = fake
        self.rng = rng
        self.now = fake.clock.iso()
        self.instant = fake.clock.now()
        self.today = fake.clock.today()
        self.tz = self.instant.tzinfo
        self.opened = self.at(self.today - dt.timedelta(days=OPENED_DAYS_AGO))
        self.banking = banking(fake)

    def key(self) -> str:
        # The tenant's own generator: encodedKeys stay unique across every kind, as in Mambu.
        return self.fake.new_key()

    def at(self, day: dt.date) -> dt.datetime:
        """09:00 on ``day``, or now if that is still to come: the history never runs ahead of the clock."""
        return min(dt.datetime.combine(day, dt.time(9), tzinfo=self.tz), self.instant)

    def midnight(self, day: dt.date) -> str:
        return dt.datetime.combine(day, dt.time(), tzinfo=self.tz).isoformat(timespec="seconds")

    def stamp(self, day: dt.date) -> str:
        return self.at(day).isoformat(timespec="seconds")

    # -- catalogue, through the fake's own rules -----------------------------------------------------

    def branch(self, i: int) -> Record:
        data = {
            "id": f"BR{i + 1:03d}",
            "name": f"Branch {i + 1}",
            "emailAddress": f"branch{i + 1}@example.com",
            "phoneNumber": f"+351 21 100 {i + 1:04d}",
            "notes": "Retail branch",
            "addresses": [
                {"line1": f"{i + 1} Avenida da Liberdade", "city": "Lisbon", "country": "Portugal"}
            ],
        }
        return self.fake.create("branches", data)

    def centre(self, i: int, branch_key: str) -> Record:
        data = {
            "id": f"CE{i + 1:03d}",
            "name": f"Centre {i + 1}",
            "assignedBranchKey": branch_key,
            "meetingDay": ("MONDAY", "WEDNESDAY", "FRIDAY")[i % 3],
            "notes": "Weekly meetings of the branch's groups",
        }
        return self.fake.create("centres", data)

    def roles(self) -> list[Record]:
        return [
            self.fake.create("userroles", {"id": "CREDIT_OFFICER", "name": "Credit officer", "notes": ""}),
            self.fake.create("userroles", {"id": "BRANCH_MANAGER", "name": "Branch manager", "notes": ""}),
        ]

    def user(self, i: int, branch_key: str, role: Record) -> Record:
        first = _FIRST[i % len(_FIRST)]
        manager = role["id"] == "BRANCH_MANAGER"
        data = {
            "id": f"U{i + 1:03d}",
            "username": f"officer{i + 1}",
            "firstName": first,
            "lastName": "Officer",
            "email": f"officer{i + 1}@example.com",
            "title": "Branch manager" if manager else "Credit officer",
            "language": "ENGLISH",
            "mobilePhone": f"+351 91 000 {i + 1:04d}",
            "assignedBranchKey": branch_key,
            "role": {"encodedKey": role["encodedKey"]},
            "access": {
                "administratorAccess": False,
                "apiAccess": True,
                "canManageAllBranches": False,
                "canManageEntitiesAssignedToOtherOfficers": manager,
                "creditOfficerAccess": not manager,
                "deliveryAccess": False,
                "mambuAccess": True,
                "managedBranches": [{"branchKey": branch_key}],
                "permissions": [],
            },
        }
        return self.fake.create("users", data)

    def task(self, i: int, client: Record, loan: Record, user_key: str) -> Record:
        """A follow-up task on a borrower, set the day after the loan was applied for."""
        day = dt.date.fromisoformat(loan["creationDate"][:10]) + dt.timedelta(days=1)
        with self.fake.clock.back_at(self.at(day)):
            data = {
                "title": f"Follow up with {client['firstName']} {client['lastName']} on {loan['id']}",
                "description": "Check the documents and the repayment plan",
                "assignedUserKey": user_key,
                "taskLinkType": "CLIENT",
                "taskLinkKey": client["encodedKey"],
                "dueDate": (day + dt.timedelta(days=14)).isoformat(),
                "status": "COMPLETED" if i % 3 else "OPEN",
            }
            return self.fake.create("tasks", data)

    def custom_fields(self) -> None:
        self.fake.create(
            "customfieldsets",
            {
                "id": "_Personal_Info",
                "availableFor": "CLIENT",
                "fieldSetType": "STANDARD",
                "displaySettings": {"displayName": "Personal info"},
            },
        )
        self.fake.create(
            "customfields",
            {"id": "nickname", "customFieldSetId": "_Personal_Info", "type": "FREE_TEXT", "name": "Nickname"},
        )
        self.fake.create(
            "customfields",
            {"id": "riskScore", "customFieldSetId": "_Personal_Info", "type": "NUMBER", "name": "Risk score"},
        )
        self.fake.create(
            "customfieldsets",
            {
                "id": "_References",
                "availableFor": "CLIENT",
                "fieldSetType": "GROUPED",
                "displaySettings": {"displayName": "References"},
            },
        )
        for field_id, name in (("name", "Name"), ("phone", "Phone")):
            self.fake.create(
                "customfields",
                {"id": field_id, "customFieldSetId": "_References", "type": "FREE_TEXT", "name": name},
            )
        self.fake.create(
            "customfieldsets",
            {
                "id": "_Loan_Info",
                "availableFor": "LOAN_ACCOUNT",
                "fieldSetType": "STANDARD",
                "displaySettings": {"displayName": "Loan info"},
            },
        )
        self.fake.create(
            "customfields",
            {"id": "purpose", "customFieldSetId": "_Loan_Info", "type": "SELECTION", "name": "Purpose"},
        )

    def loan_product(self, i: int) -> Record:
        method = ("DECLINING_BALANCE", "FLAT", "DECLINING_BALANCE_DISCOUNTED")[i % 3]
        data = {
            "id": f"LP{i + 1}",
            "name": f"{method.replace('_', ' ').title()} loan",
            "type": "DYNAMIC_TERM_LOAN" if i % 3 != 1 else "FIXED_TERM_LOAN",
            "state": "ACTIVE",
            "creditArrangementSettings": {"creditArrangementRequirement": "OPTIONAL"},
            "currency": {"code": "EUR"},
            "interestSettings": {
                "interestCalculationMethod": method,
                "daysInYear": "ACTUAL_365_FIXED",
                "scheduleInterestDaysCountMethod": "REPAYMENT_PERIODICITY",
                "interestType": "SIMPLE_INTEREST",
                "interestApplicationMethod": "REPAYMENT_DUE_DATE",
                "interestBalanceCalculationMethod": "PRINCIPAL_AND_INTEREST",
                "accrueLateInterest": False,
            },
            "loanAmountSettings": {"loanAmount": {"minValue": Decimal(1000), "maxValue": Decimal(50000)}},
            "scheduleSettings": {
                "repaymentScheduleMethod": "DYNAMIC",
                "scheduleDueDatesMethod": "INTERVAL",
                "repaymentReschedulingMethod": "NEXT_WORKING_DAY",
                "repaymentPeriodUnit": "MONTHS",
                "defaultRepaymentPeriodCount": 1,
                "numInstallments": {"defaultValue": 12, "minValue": 6, "maxValue": 24},
            },
            "paymentSettings": {
                "amortizationMethod": "STANDARD_PAYMENTS",
                "paymentMethod": "HORIZONTAL",
                "latePaymentsRecalculationMethod": "OVERDUE_INSTALLMENTS_INCREASE",
                "repaymentAllocationOrder": ["FEE", "PENALTY", "INTEREST", "PRINCIPAL"],
                "prepaymentSettings": {
                    "prepaymentAcceptance": "ACCEPT_PREPAYMENTS",
                    "futurePaymentsAcceptance": "ACCEPT_FUTURE_PAYMENTS",
                    "prepaymentRecalculationMethod": "REDUCE_AMOUNT_PER_INSTALLMENT",
                    "applyInterestOnPrepaymentMethod": "AUTOMATIC",
                    "principalPaidInstallmentStatus": "PAID",
                },
            },
            "penaltySettings": {"loanPenaltyCalculationMethod": "NONE"},
            "arrearsSettings": {
                "dateCalculationMethod": "ACCOUNT_FIRST_WENT_TO_ARREARS",
                "nonWorkingDaysMethod": "INCLUDED",
                "toleranceCalculationMethod": "ARREARS_TOLERANCE_PERIOD",
                "tolerancePeriod": {"defaultValue": 0, "minValue": 0, "maxValue": 30},
            },
        }
        return self.fake.create("loanproducts", data)

    def deposit_product(self, i: int) -> Record:
        data = {
            "id": f"DP{i + 1}",
            "name": ("Current account", "Savings account")[i % 2],
            "type": ("CURRENT_ACCOUNT", "REGULAR_SAVINGS")[i % 2],
            "state": "ACTIVE",
            "accountingSettings": {"accountingMethod": "NONE"},
            "newAccountSettings": {"idGeneratorType": "INCREMENTAL_NUMBER", "idPattern": "@@@###"},
            "currencySettings": {"currencies": [{"code": "EUR"}]},
        }
        return self.fake.create("depositproducts", data)

    # -- bulk records, straight into the store ----------------------------------------------------------

    def client(self, i: int, branch_key: str, user_key: str) -> Record:
        first, last = _FIRST[i % len(_FIRST)], _LAST[(i // len(_FIRST)) % len(_LAST)]
        created = self.stamp(self.today - dt.timedelta(days=400 + i % 300))
        record: Record = {
            "encodedKey": self.key(),
            "id": f"C{i + 1:06d}",
            "firstName": first,
            "lastName": last,
            "state": "ACTIVE",
            "gender": "FEMALE" if i % 2 else "MALE",
            "birthDate": (dt.date(1960, 1, 1) + dt.timedelta(days=(i * 97) % 14000)).isoformat(),
            "emailAddress": f"{first.lower()}.{i + 1}@example.com",
            "preferredLanguage": "ENGLISH",
            "assignedBranchKey": branch_key,
            "assignedUserKey": user_key,
            "loanCycle": 0,
            "groupLoanCycle": 0,
            "groupKeys": [],
            "creationDate": created,
            "lastModifiedDate": created,
            "approvedDate": created,
            "activationDate": created,
            "mobilePhone": f"+351 96 {i % 1000:03d} {i // 1000:04d}",
            "addresses": [
                {
                    "encodedKey": self.key(),
                    "line1": f"{i + 1} Rua das Flores",
                    "city": "Lisbon",
                    "postcode": f"1{i % 900 + 100:03d}-001",
                    "country": "Portugal",
                    "indexInList": 0,
                }
            ]
            if i % 2 == 0
            else [],
            "idDocuments": [
                {
                    "encodedKey": self.key(),
                    "documentType": "Passport",
                    "documentId": f"P{i + 1:08d}",
                    "issuingAuthority": "Portugal",
                    "indexInList": 0,
                }
            ]
            if i % 4 == 0
            else [],
            "_Personal_Info": {"nickname": first[:3], "riskScore": str(self.rng.randrange(1, 100))},
        }
        for address in record["addresses"]:
            address["parentKey"] = record["encodedKey"]
        if i % 2 == 0:  # every other client names two references (a GROUPED set: rows with "_index")
            record["_References"] = [
                {
                    "_index": str(row),
                    "name": f"{_FIRST[(i + row + 1) % len(_FIRST)]} Reference",
                    "phone": f"+351 21 {i % 1000:03d} {row:04d}",
                }
                for row in range(2)
            ]
        return self.fake.store["clients"].put(record)

    def group(self, i: int, clients: list[Record], branch_key: str, user_key: str) -> Record:
        members = [clients[(i * 7 + j) % len(clients)] for j in range(min(3, len(clients)))]
        record: Record = {
            "encodedKey": self.key(),
            "id": f"G{i + 1:05d}",
            "groupName": f"Solidarity group {i + 1}",
            "assignedBranchKey": branch_key,
            "assignedUserKey": user_key,
            "emailAddress": f"group{i + 1}@example.com",
            "mobilePhone": f"+351 93 {i % 1000:03d} {i // 1000:04d}",
            "preferredLanguage": "ENGLISH",
            "notes": "Meets weekly at its centre",
            "loanCycle": 0,
            "groupMembers": [{"clientKey": m["encodedKey"], "roles": []} for m in members],
            "addresses": [],
        }
        # Formed the day after its last member joined.
        joined = max((dt.date.fromisoformat(m["creationDate"][:10]) for m in members), default=self.today)
        record["creationDate"] = record["lastModifiedDate"] = self.stamp(joined + dt.timedelta(days=1))
        return self.fake.store["groups"].put(record)

    def loan(self, i: int, holder: Record, product: Record, scenario: str) -> str:
        rng = self.rng
        method = product["interestSettings"]["interestCalculationMethod"]
        n = rng.choice((6, 12, 12, 24))
        amount = Decimal(rng.randrange(10, 500) * 100)
        rate = Decimal(rng.choice((6, 9, 12, 18)))
        loan: Record = {
            "encodedKey": self.key(),
            "id": f"L{i + 1:06d}",
            "loanName": product["name"],
            "accountHolderKey": holder["encodedKey"],
            "accountHolderType": "GROUP" if "groupName" in holder else "CLIENT",
            "productTypeKey": product["encodedKey"],
            "assignedBranchKey": holder.get("assignedBranchKey"),
            "loanAmount": amount,
            "accountState": scenario
            if scenario in ("PARTIAL_APPLICATION", "PENDING_APPROVAL", "APPROVED")
            else "PENDING_APPROVAL",
            "paymentMethod": "HORIZONTAL",
            "scheduleSettings": {
                "gracePeriod": 0,
                "gracePeriodType": "NONE",
                "repaymentInstallments": n,
                "repaymentPeriodCount": 1,
                "repaymentPeriodUnit": "MONTHS",
                "repaymentScheduleMethod": "DYNAMIC",
                "scheduleDueDatesMethod": "INTERVAL",
            },
            "interestSettings": {
                "interestRate": rate,
                "interestCalculationMethod": method,
                "interestChargeFrequency": "ANNUALIZED",
                "interestRateSource": "FIXED_INTEREST_RATE",
                "interestApplicationMethod": "REPAYMENT_DUE_DATE",
            },
            "accruedInterest": ZERO,
            "daysInArrears": 0,
            "daysLate": 0,
            "_Loan_Info": {"purpose": _PURPOSES[i % len(_PURPOSES)]},
        }
        if holder.get("assignedUserKey"):
            loan["assignedUserKey"] = holder["assignedUserKey"]
        for fill in self.fake.kinds["loans"].on_create:  # what Mambu fills in from the product
            fill(self.fake, loan)
        # An application of the last weeks: created, approved two days later, closed three days after.
        applied = self.today - dt.timedelta(days=7 + i % 21)
        loan["creationDate"] = loan["lastModifiedDate"] = self.stamp(applied)
        balances = dict.fromkeys(_LOAN_BALANCES, ZERO)
        if scenario in ("APPROVED", "WITHDRAWN"):
            loan["approvedDate"] = loan["lastModifiedDate"] = self.stamp(applied + dt.timedelta(days=2))
        if scenario in ("WITHDRAWN", "REJECTED"):
            closed = self.stamp(applied + dt.timedelta(days=5))
            loan.update(
                accountState="CLOSED", accountSubState=scenario, closedDate=closed, lastModifiedDate=closed
            )
        if scenario in ("ACTIVE", "ACTIVE_IN_ARREARS", "REPAID", "WRITTEN_OFF"):
            balances = self._disburse(loan, scenario, n, rng)
        else:  # planned for a week after the application, the first repayment a month later
            expected = min(applied + dt.timedelta(days=7), self.today)
            loan["disbursementDetails"].update(
                expectedDisbursementDate=self.midnight(expected),
                firstRepaymentDate=self.midnight(add_period(expected, "MONTHS", 1)),
            )
        loan["balances"] = balances
        self.fake.store["loans"].put(loan)
        return str(loan["id"])

    def _disburse(self, loan: Record, scenario: str, n: int, rng: random.Random) -> dict[str, Decimal]:
        """Give a loan its disbursement and repayments; returns its balances (as the replay would)."""
        months = rng.randrange(1, min(n, 5))
        paid = months - 1 if scenario == "ACTIVE_IN_ARREARS" else months
        late_days = 5 if scenario == "ACTIVE_IN_ARREARS" else 0
        start = add_period(self.today - dt.timedelta(days=late_days), "MONTHS", -months)
        disbursed = self.stamp(start)
        loan.update(
            accountState="ACTIVE",
            creationDate=self.stamp(start - dt.timedelta(days=3)),
            approvedDate=self.stamp(start - dt.timedelta(days=1)),
        )
        tx = self._loan_tx(
            loan, "DISBURSEMENT", loan["loanAmount"], disbursed, {"principalAmount": loan["loanAmount"]}
        )
        loan["activationTransactionKey"] = tx
        terms = LoanTerms.from_loan(loan, start)
        due_count = months
        installments = list(itertools.islice(iter_installments(terms), months))
        loan["disbursementDetails"] = {
            **loan["disbursementDetails"],
            "expectedDisbursementDate": disbursed,
            "disbursementDate": disbursed,
            "firstRepaymentDate": self.stamp(terms.due_date(1)),
        }
        last_event = disbursed
        principal_paid = interest_paid = principal_due = interest_due = ZERO
        for inst in installments[:paid]:
            p, r = inst.expected["principal"], inst.expected["interest"]
            last_event = self.stamp(inst.due_date)
            self._loan_tx(loan, "REPAYMENT", p + r, last_event, {"principalAmount": p, "interestAmount": r})
            principal_paid += p
            interest_paid += r
        for inst in installments[paid:due_count]:
            principal_due += inst.expected["principal"]
            interest_due += inst.expected["interest"]
        balances = dict.fromkeys(_LOAN_BALANCES, ZERO)
        balances.update(
            principalPaid=principal_paid,
            interestPaid=interest_paid,
            principalDue=principal_due,
            interestDue=interest_due,
            interestBalance=interest_due,
            principalBalance=loan["loanAmount"] - principal_paid,
        )
        if scenario == "ACTIVE_IN_ARREARS":
            late = installments[paid].due_date
            loan.update(
                accountState="ACTIVE_IN_ARREARS",
                daysLate=(self.today - late).days,
                daysInArrears=(self.today - late).days,
                lastSetToArrearsDate=self.stamp(late),
            )
        elif scenario == "REPAID":  # paid off today: the principal left; interest not yet due is not charged
            self._loan_tx(
                loan,
                "REPAYMENT",
                balances["principalBalance"],
                self.now,
                {"principalAmount": balances["principalBalance"]},
            )
            balances.update(principalPaid=loan["loanAmount"], principalBalance=ZERO)
            loan.update(accountState="CLOSED", accountSubState="REPAID", closedDate=self.now)
        elif scenario == "WRITTEN_OFF":
            owed = balances["principalBalance"] + balances["interestBalance"]
            self._loan_tx(
                loan,
                "WRITE_OFF",
                owed,
                self.now,
                {"principalAmount": balances["principalBalance"], "interestAmount": interest_due},
            )
            loan.update(accountState="CLOSED", accountSubState="WRITTEN_OFF", closedDate=self.now)
            balances.update(principalBalance=ZERO, interestBalance=ZERO, principalDue=ZERO, interestDue=ZERO)
        if loan.get("closedDate"):
            last_event = loan["closedDate"]
        # [INFERRED] Mambu appraises an open account at the end of each day (arrears, dues); a closed one
        # was last appraised by the transaction that closed it.
        appraised = last_event
        if loan.get("accountState") != "CLOSED":
            appraised = max(self.midnight(self.today), last_event)
        loan.update(lastModifiedDate=last_event, lastAccountAppraisalDate=appraised)
        return balances

    def _loan_tx(
        self, loan: Record, tx_type: str, amount: Decimal, when: str, affected: dict[str, Decimal]
    ) -> str:
        key = self.key()
        record: Record = {
            "encodedKey": key,
            "id": str(self.fake.new_int_id("loantransactions")),
            "parentAccountKey": loan["encodedKey"],
            "type": tx_type,
            "amount": amount,
            "originalAmount": amount,
            "valueDate": when,
            "bookingDate": when,
            "creationDate": when,
            "affectedAmounts": {**_ZERO_AFFECTED, **affected},
        }
        if loan.get("assignedBranchKey"):
            record["branchKey"] = loan["assignedBranchKey"]
        self.fake.store["loantransactions"].put(record)
        self.banking.loan_transactions.setdefault(loan["encodedKey"], []).append(key)
        return key

    def deposit(self, i: int, client: Record, product: Record, scenario: str) -> str:
        opened = self.today - dt.timedelta(days=30 + i % 200)
        record: Record = {
            "encodedKey": self.key(),
            "id": f"D{i + 1:06d}",
            "name": product["name"],
            "accountHolderKey": client["encodedKey"],
            "accountHolderType": "CLIENT",
            "productTypeKey": product["encodedKey"],
            "accountType": "CURRENT_ACCOUNT" if product["type"] == "CURRENT_ACCOUNT" else "REGULAR_SAVINGS",
            "accountState": scenario,
            "currencyCode": "EUR",
            "assignedBranchKey": client.get("assignedBranchKey"),
            "creationDate": self.stamp(opened),
            "lastModifiedDate": self.now,
            "accruedAmounts": {
                "interestAccrued": ZERO,
                "overdraftInterestAccrued": ZERO,
                "technicalOverdraftInterestAccrued": ZERO,
            },
        }
        total = ZERO
        if scenario != "PENDING_APPROVAL":
            record["approvedDate"] = self.stamp(opened)
        if scenario in ("ACTIVE", "LOCKED", "MATURED"):
            record["activationDate"] = self.stamp(opened)
            total = Decimal(self.rng.randrange(50, 5000))
            self._deposit_tx(record, "DEPOSIT", total, total, opened)
            withdrawn = (total / 4).quantize(Decimal("0.01"))
            total -= withdrawn
            self._deposit_tx(record, "WITHDRAWAL", -withdrawn, total, opened + dt.timedelta(days=10))
        if scenario == "LOCKED":
            record["lockedDate"] = self.now
        if scenario == "MATURED":
            record["maturityDate"] = self.stamp(self.today)
        record["balances"] = {
            **dict.fromkeys(_DEPOSIT_BALANCES, ZERO),
            "totalBalance": total,
            "availableBalance": total,
        }
        self.fake.store["deposits"].put(record)
        return str(record["id"])

    def _deposit_tx(
        self, deposit: Record, tx_type: str, amount: Decimal, total: Decimal, day: dt.date
    ) -> None:
        key = self.key()
        when = self.stamp(day)
        record: Record = {
            "encodedKey": key,
            "id": str(self.fake.new_int_id("deposittransactions")),
            "parentAccountKey": deposit["encodedKey"],
            "type": tx_type,
            "amount": amount,
            "valueDate": when,
            "bookingDate": when,
            "creationDate": when,
            "currencyCode": "EUR",
            "affectedAmounts": {"fundsAmount": abs(amount), "interestAmount": ZERO, "feesAmount": ZERO},
            "accountBalances": {"totalBalance": total},
        }
        self.fake.store["deposittransactions"].put(record)
        self.banking.deposit_transactions.setdefault(deposit["encodedKey"], []).append(key)


_LOAN_BALANCES = (
    *(
        f"{name}{part}"
        for name in ("principal", "interest", "fees", "penalty", "interestFromArrears")
        for part in ("Due", "Paid", "Balance")
    ),
    "holdBalance",
    "redrawBalance",
)
_DEPOSIT_BALANCES = (
    "totalBalance",
    "availableBalance",
    "lockedBalance",
    "holdBalance",
    "feesDue",
    "overdraftAmount",
    "technicalOverdraftAmount",
    "overdraftInterestDue",
    "technicalOverdraftInterestDue",
)
_ZERO_AFFECTED = {
    "principalAmount": ZERO,
    "interestAmount": ZERO,
    "feesAmount": ZERO,
    "penaltyAmount": ZERO,
    "interestFromArrearsAmount": ZERO,
    "deferredInterestAmount": ZERO,
    "fundersInterestAmount": ZERO,
    "organizationCommissionAmount": ZERO,
}
