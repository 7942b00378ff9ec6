"""Mambu's banking rules for the fake tenant: state machines, money movements, schedules, ageing,
plus ``Idempotency-Key`` replay and scripted faults.

:func:`install` runs for every new :class:`~mambu_async.testing.FakeMambu` (it is listed in the
backend's extension modules). It gives the tenant:

- ``fake.faults`` (:class:`~mambu_async.testing.faults.FaultPlan`): scripted faults per route and count;
- ``fake.idempotency`` (:class:`~mambu_async.testing.idempotency.IdempotencyStore`): key replay;
- the loan and deposit routes of :mod:`.loans` and :mod:`.deposits` (the core serves the accounts'
  CRUD and the transactions' get, list and search);
- GL journal entries for the transactions requests post on products with accounting (:mod:`.journal`);
- ageing: when the clock's date has moved since the last request, active loans are re-settled
  (installments past due → ``ACTIVE_IN_ARREARS``) and deposits past their maturity date matured,
  before the request is answered. :func:`age` does the same on demand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mambu_async.testing.banking import card_transactions, deposits, installments, journal, loans
from mambu_async.testing.banking.common import BankingState, banking
from mambu_async.testing.banking.errors import register_codes
from mambu_async.testing.faults import FaultPlan
from mambu_async.testing.idempotency import IDEMPOTENT_METHODS, IdempotencyStore, request_fingerprint
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response

if TYPE_CHECKING:
    from collections.abc import Callable

    from mambu_async.testing.backend import FakeMambu

__all__ = ["FAULTS_APPLIED_HEADER", "age", "install"]

FAULTS_APPLIED_HEADER = "x-fake-mambu-network-faults"
"""Sent by :class:`~mambu_async.testing.faults.FaultTransport`: network faults were already applied."""

_ROUTES: tuple[tuple[str, str, Callable[[FakeMambu, FakeRequest], FakeResponse]], ...] = (
    ("POST", "/loans/{id}:changeState", loans.change_state),
    ("POST", "/loans/{id}/disbursement-transactions", loans.disburse),
    ("POST", "/loans/{id}/repayment-transactions", loans.repay),
    ("POST", "/loans/{id}/fee-transactions", loans.apply_fee),
    ("POST", "/loans/{id}:writeOff", loans.write_off),
    ("POST", "/loans/{id}:payOff", loans.pay_off),
    ("POST", "/loans/transactions/{id}:adjust", loans.adjust),
    ("POST", "/loans/{id}:changeInterestRate", loans.change_interest_rate),
    ("POST", "/loans/{id}:changeDueDatesSettings", loans.change_due_dates_settings),
    ("POST", "/loans/{id}:undoReschedule", loans.undo_reschedule),
    ("POST", "/loans/{id}:undoRefinance", loans.undo_refinance),
    ("GET", "/loans/{id}/schedule", loans.schedule),
    ("PUT", "/loans/{id}/schedule", installments.update_schedule),
    ("GET", "/installments", installments.list_installments),
    ("POST", "/cards/{token}/financialtransactions", card_transactions.create),
    ("POST", "/cards/{token}/financialtransactions/{reference}:decrease", card_transactions.reverse),
    ("POST", "/deposits/{id}:changeState", deposits.change_state),
    ("POST", "/deposits/{id}/deposit-transactions", deposits.make_deposit),
    ("POST", "/deposits/{id}/withdrawal-transactions", deposits.make_withdrawal),
    ("POST", "/deposits/{id}/transfer-transactions", deposits.make_transfer),
    ("POST", "/deposits/{id}/fee-transactions", deposits.apply_fee),
    ("POST", "/deposits/transactions/{id}:adjust", deposits.adjust),
    ("POST", "/deposits/{id}:startMaturity", deposits.start_maturity),
    ("POST", "/deposits/{id}:undoMaturity", deposits.undo_maturity),
    ("POST", "/deposits/{id}:applyInterest", deposits.apply_interest),
)


def install(fake: FakeMambu) -> None:
    """Plug the banking rules, idempotency and faults into ``fake``."""
    register_codes()
    state = BankingState(faults=FaultPlan(), idempotency=IdempotencyStore(status_of=lambda r: r.status))
    fake._banking = state  # type: ignore[attr-defined]
    fake.faults = state.faults
    fake.idempotency = state.idempotency  # type: ignore[attr-defined]
    for method, template, handler in _ROUTES:
        fake.router.add(method, template, handler)
    fake.add_middleware(_ageing(fake))
    fake.add_middleware(_idempotency(fake))
    fake.add_middleware(_faults(fake))
    fake.add_middleware(_journal(fake))


def age(fake: FakeMambu) -> None:
    """Apply the clock's date now: arrears of active loans, maturity of deposits."""
    with fake.store.atomic():
        loans.age(fake)
        deposits.age(fake)
    banking(fake).aged_on = fake.clock.today()


def _ageing(fake: FakeMambu) -> Callable[[FakeRequest, Callable[[FakeRequest], FakeResponse]], FakeResponse]:
    def middleware(request: FakeRequest, call_next: Callable[[FakeRequest], FakeResponse]) -> FakeResponse:
        state = banking(fake)
        if state.aged_on != fake.clock.today():
            age(fake)
        return call_next(request)

    return middleware


def _journal(fake: FakeMambu) -> Callable[[FakeRequest, Callable[[FakeRequest], FakeResponse]], FakeResponse]:
    """Book the GL journal entries of what the request posted, once it is answered (``journal``)."""

    def middleware(request: FakeRequest, call_next: Callable[[FakeRequest], FakeResponse]) -> FakeResponse:
        banking(fake).unjournaled.clear()  # left by a request that failed, or by direct calls
        response = call_next(request)
        journal.post_pending(fake)
        return response

    return middleware


def _idempotency(
    fake: FakeMambu,
) -> Callable[[FakeRequest, Callable[[FakeRequest], FakeResponse]], FakeResponse]:
    def middleware(request: FakeRequest, call_next: Callable[[FakeRequest], FakeResponse]) -> FakeResponse:
        key = request.idempotency_key
        if not key or request.method not in IDEMPOTENT_METHODS:
            return call_next(request)
        fingerprint = request_fingerprint(
            request.method,
            request.path,
            request.params,
            request.body,
            tuple((request.form or {}).items()),
            request.upload.content if request.upload is not None else None,
        )
        return banking(fake).idempotency.run(key, fingerprint, lambda: call_next(request))

    return middleware


def _faults(fake: FakeMambu) -> Callable[[FakeRequest, Callable[[FakeRequest], FakeResponse]], FakeResponse]:
    def middleware(request: FakeRequest, call_next: Callable[[FakeRequest], FakeResponse]) -> FakeResponse:
        plan = banking(fake).faults
        if not plan.rules:
            return call_next(request)
        network = None
        if FAULTS_APPLIED_HEADER not in request.headers:
            network = plan.take_network(request.method, request.path)
        if network is not None and network.network in ("connect_timeout", "pool_timeout", "connect_error"):
            raise network.network_error(method=request.method, url=request.path)
        delay, fault = plan.take(request.method, request.path)
        if delay:
            plan.pending_latency += delay
        if fault is not None and fault.kind == "status":
            return json_response(fault.status, fault.error_body(), fault.headers())
        response = call_next(request)
        if network is not None:
            raise network.network_error(method=request.method, url=request.path)
        if fault is not None and fault.kind == "lose_response":
            raise fault.network_error(method=request.method, url=request.path)
        return response

    return middleware
