"""Repayment schedules in ``Decimal``: installments from a loan's terms, repayment allocation, balances.

Which loan setting selects what (Mambu's product/account settings; where Mambu's documents are silent
the choice is marked [INFERRED]):

- ``interestSettings.interestCalculationMethod``
  - ``DECLINING_BALANCE`` (also the default when the loan and its product say nothing): equal principal
    per installment, interest on the principal still outstanding during the period.
  - ``DECLINING_BALANCE_DISCOUNTED`` ("declining balance, equal installments"): an annuity; every
    installment has the same total, interest on the outstanding principal, principal the remainder.
  - ``FLAT``: equal principal, and interest on the *original* loan amount every period.
- ``interestSettings.interestRate`` is a percentage; ``interestChargeFrequency`` says per what:
  ``ANNUALIZED`` (default) per year, ``EVERY_MONTH`` per month, ``EVERY_FOUR_WEEKS`` per 28 days,
  ``EVERY_WEEK`` per week, ``EVERY_DAY`` per day. The rate of one repayment period is that rate scaled
  by the period's length (a month is 1/12 year, a week 7 days, a year 365 days) [INFERRED: no
  day-count convention beyond this].
- ``scheduleSettings.repaymentInstallments`` (default 1) installments, one every
  ``repaymentPeriodCount`` (default 1) ``repaymentPeriodUnit`` (default ``MONTHS``).
- The first due date is ``disbursementDetails.firstRepaymentDate`` when given, else the disbursement
  date plus one period plus ``scheduleSettings.defaultFirstRepaymentDueDateOffset`` days; later due
  dates step whole periods from the first. A month step past the month's end lands on its last day
  (``shortMonthHandlingMethod`` ``LAST_DAY_IN_MONTH``, the default) or the first day of the next
  month (``FIRST_DAY_OF_NEXT_MONTH``).
- ``scheduleSettings.gracePeriod`` installments at the start pay no principal; with ``gracePeriodType``
  ``PAY_INTEREST_ONLY`` they pay interest, with ``INTEREST_FORGIVENESS`` not even that.
- Amounts are rounded half-up to the currency's 2 decimal places per installment; the last installment
  takes the principal's rounding remainder so the principal always adds up to the loan amount.
- ``interestSettings.interestApplicationMethod``: ``REPAYMENT_DUE_DATE`` (default) books an
  installment's interest into the balance when it falls due; ``AFTER_DISBURSEMENT`` books all the
  schedule's interest at disbursement [INFERRED from the enum names].
- ``paymentMethod``: ``HORIZONTAL`` (default) pays due installments one at a time, each in Mambu's
  order fees, penalties, interest, principal; ``VERTICAL`` pays all due fees first, then all due
  penalties, interest, principal. What is left after everything due reduces principal of the next
  installments; interest of installments not yet due is not charged once the principal is repaid
  [INFERRED].
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs

ZERO = Decimal(0)
CENT = Decimal("0.01")
COMPONENTS = ("fee", "penalty", "interest", "principal")
"""Mambu's allocation order of a repayment."""

_DAYS_PER_YEAR = Decimal(365)
_UNIT_YEARS = {
    "DAYS": Decimal(1) / _DAYS_PER_YEAR,
    "WEEKS": Decimal(7) / _DAYS_PER_YEAR,
    "MONTHS": Decimal(1) / Decimal(12),
    "YEARS": Decimal(1),
}
_FREQUENCY_YEARS = {
    "ANNUALIZED": Decimal(1),
    "EVERY_MONTH": Decimal(1) / Decimal(12),
    "EVERY_FOUR_WEEKS": Decimal(28) / _DAYS_PER_YEAR,
    "EVERY_WEEK": Decimal(7) / _DAYS_PER_YEAR,
    "EVERY_DAY": Decimal(1) / _DAYS_PER_YEAR,
}
INTEREST_METHODS = ("DECLINING_BALANCE", "DECLINING_BALANCE_DISCOUNTED", "FLAT")


def money(value: Decimal) -> Decimal:
    """Round to cents, half-up."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def to_decimal(value: Any, default: Decimal = ZERO) -> Decimal:
    """A JSON number (int, ``Decimal``, numeric string) as ``Decimal``; ``None`` gives ``default``."""
    if value is None:
        return default
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise ValueError("a boolean is not an amount")
    return Decimal(str(value))


def add_period(start: date, unit: str, count: int, *, short_month: str = "LAST_DAY_IN_MONTH") -> date:
    """``start`` moved by ``count`` periods of ``unit``."""
    if unit == "DAYS":
        return start + timedelta(days=count)
    if unit == "WEEKS":
        return start + timedelta(weeks=count)
    months = count * (12 if unit == "YEARS" else 1)
    year, month0 = divmod(start.month - 1 + months, 12)
    year += start.year
    last = calendar.monthrange(year, month0 + 1)[1]
    if start.day <= last:
        return date(year, month0 + 1, start.day)
    if short_month == "FIRST_DAY_OF_NEXT_MONTH":
        return date(year, month0 + 1, last) + timedelta(days=1)
    return date(year, month0 + 1, last)


@attrs.frozen
class LoanTerms:
    """What a schedule is computed from."""

    principal: Decimal
    interest_rate: Decimal = ZERO
    method: str = "DECLINING_BALANCE"
    installments: int = 1
    period_count: int = 1
    period_unit: str = "MONTHS"
    first_due: date | None = None
    start: date | None = None
    grace_period: int = 0
    grace_type: str = "NONE"
    charge_frequency: str = "ANNUALIZED"
    short_month: str = "LAST_DAY_IN_MONTH"

    @classmethod
    def from_loan(cls, loan: Mapping[str, Any], start: date, first_due: date | None = None) -> LoanTerms:
        """Terms of a loan account disbursed on ``start`` (settings as documented above)."""
        sched = loan.get("scheduleSettings") or {}
        interest = loan.get("interestSettings") or {}
        method = interest.get("interestCalculationMethod") or "DECLINING_BALANCE"
        if method not in INTEREST_METHODS:
            method = "DECLINING_BALANCE"
        unit = sched.get("repaymentPeriodUnit") or "MONTHS"
        count = int(sched.get("repaymentPeriodCount") or 1)
        short_month = sched.get("shortMonthHandlingMethod") or "LAST_DAY_IN_MONTH"
        if first_due is None:
            offset = int(sched.get("defaultFirstRepaymentDueDateOffset") or 0)
            first_due = add_period(start, unit, count, short_month=short_month) + timedelta(days=offset)
        return cls(
            principal=to_decimal(loan.get("loanAmount")),
            interest_rate=to_decimal(interest.get("interestRate")),
            method=method,
            installments=max(1, int(sched.get("repaymentInstallments") or 1)),
            period_count=max(1, count),
            period_unit=unit if unit in _UNIT_YEARS else "MONTHS",
            first_due=first_due,
            start=start,
            grace_period=int(sched.get("gracePeriod") or 0),
            grace_type=sched.get("gracePeriodType") or "NONE",
            charge_frequency=interest.get("interestChargeFrequency") or "ANNUALIZED",
            short_month=short_month,
        )

    @property
    def period_rate(self) -> Decimal:
        """The interest rate of one repayment period, as a fraction."""
        per_year = self.interest_rate / Decimal(100) / _FREQUENCY_YEARS.get(self.charge_frequency, Decimal(1))
        return per_year * _UNIT_YEARS[self.period_unit] * self.period_count

    def due_date(self, number: int) -> date:
        """Due date of installment ``number`` (1-based)."""
        first = self.first_due or add_period(
            self.start or date.today(), self.period_unit, self.period_count, short_month=self.short_month
        )
        steps = self.period_count * (number - 1)
        return add_period(first, self.period_unit, steps, short_month=self.short_month)


@attrs.define
class Installment:
    """One installment: what is expected and what has been paid, per component."""

    number: int
    due_date: date
    expected: dict[str, Decimal]
    paid: dict[str, Decimal] = attrs.field(factory=lambda: dict.fromkeys(COMPONENTS, ZERO))
    last_paid_date: date | None = None
    penalty_accrued: Decimal = ZERO
    """Penalty computed so far (unrounded), applied once the tolerance period has passed."""
    penalty_until: date | None = None
    """The day penalties were last computed up to."""

    def outstanding(self, component: str) -> Decimal:
        """Expected minus paid of one component."""
        return self.expected[component] - self.paid[component]

    @property
    def total_outstanding(self) -> Decimal:
        """Everything still owed on this installment."""
        return sum((self.outstanding(c) for c in COMPONENTS), ZERO)

    def state(self, today: date) -> str:
        """``PAID``, ``LATE`` (due before ``today`` and not paid), ``PARTIALLY_PAID`` or ``PENDING``."""
        if self.total_outstanding <= ZERO:
            return "PAID"
        if self.due_date < today:
            return "LATE"
        if any(self.paid[c] > ZERO for c in COMPONENTS):
            return "PARTIALLY_PAID"
        return "PENDING"


def iter_installments(terms: LoanTerms) -> Iterator[Installment]:
    """The schedule's installments, lazily (a caller may take only the first few)."""
    n = terms.installments
    grace = min(max(terms.grace_period, 0), n - 1)
    paying = n - grace
    rate = terms.period_rate
    principal_each = money(terms.principal / paying)
    annuity = ZERO
    if terms.method == "DECLINING_BALANCE_DISCOUNTED":
        annuity = money(terms.principal * rate / (1 - (1 + rate) ** -paying)) if rate > 0 else principal_each
    outstanding = terms.principal
    for number in range(1, n + 1):
        in_grace = number <= grace
        interest = money((terms.principal if terms.method == "FLAT" else outstanding) * rate)
        if in_grace:
            principal = ZERO
            if terms.grace_type == "INTEREST_FORGIVENESS":
                interest = ZERO
        elif number == n:
            principal = outstanding
        elif terms.method == "DECLINING_BALANCE_DISCOUNTED":
            principal = min(max(annuity - interest, ZERO), outstanding)
        else:
            principal = min(principal_each, outstanding)
        outstanding -= principal
        yield Installment(
            number=number,
            due_date=terms.due_date(number),
            expected={"fee": ZERO, "penalty": ZERO, "interest": interest, "principal": principal},
        )


def build_installments(terms: LoanTerms) -> list[Installment]:
    """The whole schedule."""
    return list(iter_installments(terms))


def reprice(installments: Sequence[Installment], terms: LoanTerms, rate: Decimal, on: date) -> LoanTerms:
    """Apply a new interest rate from ``on``: the installments due after it are recomputed.

    [INFERRED] The whole period of the first installment due after ``on`` takes the new rate (no
    day-by-day split). Interest is on the principal still scheduled (``FLAT``: on the loan amount);
    ``DECLINING_BALANCE_DISCOUNTED`` recomputes the annuity over the installments left. Interest already
    paid on an installment is never undone. Returns the terms with the new rate.
    """
    new_terms = attrs.evolve(terms, interest_rate=rate)
    later = [i for i in installments if i.due_date > on]
    outstanding = sum((i.expected["principal"] for i in later), ZERO)
    period_rate = new_terms.period_rate
    paying = [i for i in later if i.number > terms.grace_period]
    annuity = ZERO
    if terms.method == "DECLINING_BALANCE_DISCOUNTED" and paying and period_rate > 0:
        annuity = money(outstanding * period_rate / (1 - (1 + period_rate) ** -len(paying)))
    for inst in later:
        in_grace = inst.number <= terms.grace_period
        interest = money((terms.principal if terms.method == "FLAT" else outstanding) * period_rate)
        if in_grace and terms.grace_type == "INTEREST_FORGIVENESS":
            interest = ZERO
        if annuity > ZERO and not in_grace:
            last = inst is later[-1]
            principal = outstanding if last else min(max(annuity - interest, ZERO), outstanding)
            inst.expected["principal"] = max(principal, inst.paid["principal"])
        inst.expected["interest"] = max(interest, inst.paid["interest"])
        outstanding -= inst.expected["principal"]
    return new_terms


def move_due_dates(installments: Sequence[Installment], days: Sequence[int], on: date) -> None:
    """Put the installments due after ``on`` on the fixed ``days`` of the month (in place).

    [INFERRED] From the month the first of them was due in, they take the fixed days in order (a day
    past the month's end is its last day), each strictly after ``on`` and after the one before; what
    they expect (principal, interest, fees) stays as it was, only the dates move.
    """
    later = [i for i in installments if i.due_date > on]
    if not later or not days:
        return
    wanted = sorted(set(days))
    year, month = later[0].due_date.year, later[0].due_date.month
    previous = on
    pending = iter(later)
    inst = next(pending, None)
    while inst is not None:
        last = calendar.monthrange(year, month)[1]
        for day in wanted:
            when = date(year, month, min(day, last))
            if inst is not None and when > previous:
                inst.due_date = previous = when
                inst = next(pending, None)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


@attrs.frozen
class PenaltyTerms:
    """How late installments are penalised (Mambu's "Loan Penalties Setup").

    ``OVERDUE_BALANCE``: overdue principal x days late x rate; ``OVERDUE_BALANCE_AND_INTEREST``: (overdue
    principal + overdue interest) x days late x rate. The rate is a percentage per day. Penalties accrue
    from the due date and are applied once the installment is more than ``tolerance`` days late; an
    installment paid within the tolerance owes none.
    """

    method: str
    daily_rate: Decimal
    tolerance: int = 0


def accrue_penalties(installments: Sequence[Installment], terms: PenaltyTerms, until: date) -> None:
    """Compute penalties of the late installments up to ``until`` (in place)."""
    for inst in installments:
        if inst.due_date >= until:
            break
        start = inst.penalty_until or inst.due_date
        if until <= start:
            continue
        base = inst.outstanding("principal")
        if terms.method == "OVERDUE_BALANCE_AND_INTEREST":
            base += inst.outstanding("interest")
        applied = inst.expected["penalty"] > ZERO
        if base <= ZERO and not applied:
            inst.penalty_accrued = ZERO
        inst.penalty_accrued += base * (until - start).days * terms.daily_rate
        inst.penalty_until = until
        if (until - inst.due_date).days > terms.tolerance:
            inst.expected["penalty"] = max(money(inst.penalty_accrued), inst.paid["penalty"])


@attrs.define
class Allocation:
    """How one repayment was split."""

    fee: Decimal = ZERO
    penalty: Decimal = ZERO
    interest: Decimal = ZERO
    principal: Decimal = ZERO

    def add(self, component: str, amount: Decimal) -> None:
        """Add ``amount`` to ``component`` (``fee``, ``penalty``, ``interest`` or ``principal``)."""
        setattr(self, component, getattr(self, component) + amount)

    @property
    def total(self) -> Decimal:
        """The whole amount allocated."""
        return self.fee + self.penalty + self.interest + self.principal


def amount_due(installments: Sequence[Installment], on: date) -> Decimal:
    """Everything owed on installments due on or before ``on``."""
    return sum((i.total_outstanding for i in installments if i.due_date <= on), ZERO)


def total_outstanding(installments: Sequence[Installment]) -> Decimal:
    """Fees, penalties and interest owed now or later, plus all principal left (what pays the loan off)."""
    return sum((i.total_outstanding for i in installments), ZERO)


def payoff_amount(installments: Sequence[Installment], on: date) -> Decimal:
    """What repays the loan in full on ``on``: all that is due, plus the principal not yet due
    (interest of installments not yet due is not charged)."""
    due = amount_due(installments, on)
    future_principal = sum((i.outstanding("principal") for i in installments if i.due_date > on), ZERO)
    future_fees = sum(
        (i.outstanding("fee") + i.outstanding("penalty") for i in installments if i.due_date > on), ZERO
    )
    return due + future_principal + future_fees


def allocate(
    installments: Sequence[Installment],
    amount: Decimal,
    value_date: date,
    *,
    payment_method: str = "HORIZONTAL",
) -> Allocation:
    """Apply a repayment in place: what is due at ``value_date`` in Mambu's order, the rest to principal.

    The caller checks the amount against :func:`payoff_amount` first; anything left after all principal
    is paid stays unallocated (the allocation's total is then below ``amount``).
    """
    result = Allocation()
    left = amount

    def pay(inst: Installment, component: str) -> None:
        nonlocal left
        share = min(left, inst.outstanding(component))
        if share > ZERO:
            inst.paid[component] += share
            inst.last_paid_date = value_date
            result.add(component, share)
            left -= share

    due = [i for i in installments if i.due_date <= value_date]
    if payment_method == "VERTICAL":
        for component in COMPONENTS:
            for inst in due:
                pay(inst, component)
    else:
        for inst in due:
            for component in COMPONENTS:
                pay(inst, component)
    for inst in installments:
        if inst.due_date > value_date:
            pay(inst, "fee")
            pay(inst, "penalty")
    for inst in installments:
        if inst.due_date > value_date:
            pay(inst, "principal")
    if all(i.outstanding("principal") <= ZERO for i in installments):
        # principal repaid early: interest of installments not yet due is not charged
        for inst in installments:
            if inst.due_date > value_date:
                inst.expected["interest"] = inst.paid["interest"]
    return result


def loan_balances(
    installments: Sequence[Installment],
    today: date,
    *,
    interest_application: str = "REPAYMENT_DUE_DATE",
) -> dict[str, Decimal]:
    """Mambu's ``balances`` block of a loan account on ``today``.

    ``*Due``: owed on installments due on or before ``today``; ``*Paid``: paid so far; ``*Balance``:
    booked and not paid (principal: all of it; interest: what has been applied).
    """
    out: dict[str, Decimal] = {}
    names = {"principal": "principal", "interest": "interest", "fee": "fees", "penalty": "penalty"}
    for component, name in names.items():
        due = sum((i.outstanding(component) for i in installments if i.due_date <= today), ZERO)
        paid = sum((i.paid[component] for i in installments), ZERO)
        if component == "principal" or interest_application == "AFTER_DISBURSEMENT":
            booked = sum((i.expected[component] for i in installments), ZERO)
        else:
            booked = sum(
                (i.expected[component] if i.due_date <= today else i.paid[component] for i in installments),
                ZERO,
            )
        out[f"{name}Due"] = due
        out[f"{name}Paid"] = paid
        out[f"{name}Balance"] = booked - paid
    return out


def oldest_late_due_date(installments: Sequence[Installment], today: date) -> date | None:
    """Due date of the oldest installment that is late on ``today``."""
    for inst in installments:
        if inst.due_date < today and inst.total_outstanding > ZERO:
            return inst.due_date
    return None
