"""Card financial transactions (seed 001 "Cards"): ``POST /cards/{token}/financialtransactions`` and
``POST /cards/{token}/financialtransactions/{reference}:decrease``.

A financial transaction (``CardTransactionInput``: ``externalReferenceId``, ``amount``, ``advice``,
``externalAuthorizationReferenceId``, ``cardAcceptor``, ``userTransactionTime``, ``currencyCode``,
``transactionChannelId``) books a ``WITHDRAWAL`` on the card's deposit account carrying the
``cardTransaction``; naming an authorization hold settles it (its held amount is released, its status
becomes SETTLED). The reversal books a ``CARD_TRANSACTION_REVERSAL`` deposit of the amount and answers
204. [INFERRED] A second transaction with the same ``externalReferenceId`` on the card is
``DUPLICATE_CARD_TRANSACTION``; without ``advice`` the amount must fit the available balance
(``INSUFFICIENT_BALANCE``); reversals may not exceed what the transaction took and has not been given back
(``CARD_TRANSACTION_MAX_REVERSAL_AMOUNT_EXCEEDED``); an unknown transaction is 404
``CARD_TRANSACTION_NOT_FOUND``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from mambu_async.testing import query
from mambu_async.testing.apierror import bad_request, not_found
from mambu_async.testing.banking import deposits
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response, no_content
from mambu_async.testing.resources.cards import hold_on_account, require_card, require_hold
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

COLLECTION = "cardtransactions"
"""Card transactions: the document answered, plus ``depositTransactionKey`` and ``reversed`` (kept beside)."""
_FIELDS = (
    "externalReferenceId",
    "amount",
    "advice",
    "externalAuthorizationReferenceId",
    "cardAcceptor",
    "userTransactionTime",
    "currencyCode",
    "transactionChannelId",
)


def _amount(body: Record) -> Decimal:
    value = query.as_decimal(body.get("amount"))
    if value is None or value <= 0:
        raise bad_request("INVALID_AMOUNT", "amount must be a number more than 0")
    return value


def _account(fake: FakeMambu, card: Record) -> Record:
    return dict(fake.require("deposits", str(card["accountKey"])))


def create(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /cards/{token}/financialtransactions``: 201 with the card transaction."""
    query.check_params(request, set())
    token = request.path_params["token"]
    card = require_card(fake, token)
    body = request.json_object()
    reference = body.get("externalReferenceId")
    if not isinstance(reference, str) or not reference:
        raise bad_request("INVALID_PARAMETERS", "externalReferenceId is required")
    amount = _amount(body)
    if fake.store[COLLECTION].find(
        lambda t: t.get("cardToken") == token and t.get("externalReferenceId") == reference
    ):
        raise bad_request("DUPLICATE_CARD_TRANSACTION", f"Card transaction {reference!r} exists on this card")
    authorization = body.get("externalAuthorizationReferenceId")
    if authorization is not None:
        hold = require_hold(fake, token, str(authorization))
        if hold.get("status") != "PENDING":
            raise bad_request(
                "INVALID_AUTHORIZATION_HOLD_STATE", f"The hold is {hold.get('status')}, not PENDING"
            )
        hold_on_account(fake, hold, -(query.as_decimal(hold.get("amount")) or Decimal(0)))
        fake.store["authorizationholds"].put({**hold, "status": "SETTLED"})
    account = _account(fake, card)
    deposits._check_active(account, "card transaction")
    if not body.get("advice"):
        deposits._check_funds(account, amount)
    key = fake.new_key()
    document: Record = {k: body[k] for k in _FIELDS if body.get(k) is not None}
    document.update(encodedKey=key, cardToken=token, amount=amount)
    _, when = deposits._dated(fake, account, {})
    details = (
        {"transactionChannelId": body["transactionChannelId"]} if body.get("transactionChannelId") else None
    )
    tx = deposits._post(
        fake,
        account,
        "WITHDRAWAL",
        -amount,
        when,
        {"transactionDetails": details} if details else {},
        cardTransaction=document,
    )
    fake.store[COLLECTION].put(
        {**document, "depositTransactionKey": tx["encodedKey"], "reversed": Decimal(0)}
    )
    return json_response(201, document)


def reverse(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /cards/{token}/financialtransactions/{reference}:decrease`` (``CardTransactionReversal``)."""
    query.check_params(request, set())
    token, reference = request.path_params["token"], request.path_params["reference"]
    card = require_card(fake, token)
    found = fake.store[COLLECTION].find(
        lambda t: t.get("cardToken") == token and t.get("externalReferenceId") == reference
    )
    if not found:
        raise not_found("CARD_TRANSACTION_NOT_FOUND", f"No card transaction {reference!r} on card {token!r}")
    record = dict(found[0])
    body = request.json_object()
    amount = _amount(body)
    left = Decimal(record["amount"]) - Decimal(record.get("reversed") or 0)
    if amount > left:
        raise bad_request("CARD_TRANSACTION_MAX_REVERSAL_AMOUNT_EXCEEDED", f"At most {left} can be reversed")
    account = _account(fake, card)
    _, when = deposits._dated(fake, account, {})
    reversal = {
        "externalReferenceId": body.get("externalReferenceId") or reference,
        "amount": amount,
        "cardToken": token,
    }
    deposits._post(fake, account, "CARD_TRANSACTION_REVERSAL", amount, when, {}, cardTransaction=reversal)
    fake.store[COLLECTION].put({**record, "reversed": Decimal(record.get("reversed") or 0) + amount})
    return no_content()
