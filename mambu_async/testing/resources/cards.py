"""Deposit cards and authorization holds: ``GET /deposits/{id}/cards`` and
``GET /deposits/{id}/authorizationholds`` (deposit_accounts.json ``getAllCards``,
``getAllAuthorizationHolds``).

A card is only its ``referenceToken`` (the ``Card`` definition); holds are ``AuthorizationHold``
documents listed with ``offset``/``limit``/``paginationDetails`` and an optional ``status`` (PENDING,
REVERSED, SETTLED, EXPIRED), without ``detailsLevel``. An unknown account is
``INVALID_DEPOSIT_ACCOUNT_ID``: 404 for the cards, 400 for the holds (``getAllAuthorizationHolds``
declares no 404). [INFERRED] Cards and holds come oldest first; the card list also pages when asked to
(its OpenAPI operation documents the ``Items-*`` headers); the fake keeps which account a card belongs to
beside it (never rendered), and a hold belongs to the account of its ``cardToken``.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from mambu_async.testing import query
from mambu_async.testing.apierror import bad_request, not_found
from mambu_async.testing.kinds import EntityKind
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response, list_response, no_content
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

HOLD_STATUSES = ("PENDING", "REVERSED", "SETTLED", "EXPIRED")


def _account(fake: FakeMambu, new: Record, old: Record | None) -> None:
    account = fake.store["deposits"].get(str(new.get("accountKey")))
    if account is None:
        raise bad_request("INVALID_DEPOSIT_ACCOUNT_ID", "accountKey names no deposit account")
    new["accountKey"] = account["encodedKey"]


def _unique_token(fake: FakeMambu, new: Record, old: Record | None) -> None:
    token = new.get("referenceToken")
    if not isinstance(token, str) or not token.strip():
        raise bad_request("CARD_REFERENCE_TOKEN_FORMAT_INVALID", "referenceToken must not be empty")
    if fake.store["cards"].find(lambda c: c.get("referenceToken") == token):
        raise bad_request("CARD_REFERENCE_TOKEN_ALREADY_IN_USE", f"referenceToken {token!r} is in use")


def _card_of(fake: FakeMambu, token: object) -> Record | None:
    found = fake.store["cards"].find(lambda c: c.get("referenceToken") == token)
    return found[0] if found else None


def _hold_defaults(fake: FakeMambu, record: Record) -> None:
    record.setdefault("status", "PENDING")
    record.setdefault("advice", False)
    card = _card_of(fake, record.get("cardToken"))
    account = fake.store["deposits"].get(str(card.get("accountKey"))) if card is not None else None
    if account is not None and account.get("currencyCode"):
        record.setdefault("currencyCode", account["currencyCode"])


def _hold_card(fake: FakeMambu, new: Record, old: Record | None) -> None:
    if _card_of(fake, new.get("cardToken")) is None:
        raise bad_request("CARD_REFERENCE_NOT_FOUND", f"cardToken {new.get('cardToken')!r} names no card")


def card_kind() -> EntityKind:
    """Card references (the ``Card`` definition)."""
    return EntityKind(
        name="cards",
        prefix="deposits/{id}/cards",
        label="Card",
        not_found="CARD_REFERENCE_NOT_FOUND",
        id_style="required",
        server_fields=("encodedKey",),
        validators=[_account, _unique_token],
    )


def hold_kind() -> EntityKind:
    """Authorization holds (the ``AuthorizationHold`` definition)."""
    return EntityKind(
        name="authorizationholds",
        prefix="deposits/{id}/authorizationholds",
        label="Authorization hold",
        not_found="AUTHORIZATION_HOLD_NOT_FOUND",
        id_style="required",
        server_fields=("encodedKey",),
        on_create=[_hold_defaults],
        validators=[_hold_card],
    )


def _cards(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, {"offset", "limit", "paginationDetails"})
    page = query.paging(request)
    account = fake.require("deposits", request.path_params["id"])
    found = fake.store["cards"].find(lambda c: c.get("accountKey") == account["encodedKey"])
    rows = [{"referenceToken": c["referenceToken"]} for c in found[page.offset : page.offset + page.limit]]
    return list_response(rows, offset=page.offset, limit=page.limit, total=len(found), details=page.details)


def _holds(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, {"offset", "limit", "paginationDetails", "status"})
    page = query.paging(request)
    status = query.enum_param(request, "status", HOLD_STATUSES)
    account = fake.store["deposits"].get(request.path_params["id"])
    if account is None:
        raise bad_request(
            "INVALID_DEPOSIT_ACCOUNT_ID", f"Deposit account {request.path_params['id']!r} was not found"
        )
    tokens = {
        c["referenceToken"]
        for c in fake.store["cards"].find(lambda c: c.get("accountKey") == account["encodedKey"])
    }
    found = fake.store["authorizationholds"].find(
        lambda h: h.get("cardToken") in tokens and (status is None or h.get("status") == status)
    )
    kind = fake.kinds["authorizationholds"]
    rows = [query.render(kind, h, "FULL") for h in found[page.offset : page.offset + page.limit]]
    return list_response(rows, offset=page.offset, limit=page.limit, total=len(found), details=page.details)


# -- writes (seed 001 "Cards"; deposit_accounts.json createCard/deleteCard) --------------------------


def _create_card(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /deposits/{id}/cards`` ``{"referenceToken": ...}``: 201 with the card."""
    query.check_params(request, set())
    account = fake.require("deposits", request.path_params["id"])
    body = request.json_object()
    unknown = sorted(set(body) - {"referenceToken"})
    if unknown:
        raise bad_request("INVALID_PARAMETERS", f"Unknown properties: {', '.join(unknown)}")
    fake.create("cards", {"referenceToken": body.get("referenceToken"), "accountKey": account["encodedKey"]})
    return json_response(201, {"referenceToken": body["referenceToken"]})


def _delete_card(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``DELETE /deposits/{id}/cards/{token}``: 204; refused while the card has holds [INFERRED: any hold
    counts, as Mambu's reason names "associated holds or transactions"]."""
    query.check_params(request, set())
    account = fake.require("deposits", request.path_params["id"])
    card = _card_of(fake, request.path_params["token"])
    if card is None or card.get("accountKey") != account["encodedKey"]:
        raise not_found(
            "CARD_REFERENCE_NOT_FOUND", f"No card {request.path_params['token']!r} on this account"
        )
    if fake.store["authorizationholds"].find(lambda h: h.get("cardToken") == card["referenceToken"]):
        raise bad_request(
            "CARD_REFERENCE_HAS_ASSOCIATED_HOLDS_OR_TRANSACTIONS", "The card has authorization holds"
        )
    fake.store["cards"].remove(card["encodedKey"])
    return no_content()


def require_card(fake: FakeMambu, token: str) -> Record:
    """The card with reference ``token``, else 404 ``CARD_REFERENCE_NOT_FOUND``."""
    card = _card_of(fake, token)
    if card is None:
        raise not_found("CARD_REFERENCE_NOT_FOUND", f"No card with reference token {token!r}")
    return card


def require_hold(fake: FakeMambu, token: str, reference: str) -> Record:
    """A copy of the hold ``reference`` on card ``token``, else 404 (card or hold not found)."""
    require_card(fake, token)
    found = fake.store["authorizationholds"].find(
        lambda h: h.get("cardToken") == token and h.get("externalReferenceId") == reference
    )
    if not found:
        raise not_found(
            "AUTHORIZATION_HOLD_NOT_FOUND", f"No authorization hold {reference!r} on card {token!r}"
        )
    return dict(found[0])


def hold_on_account(fake: FakeMambu, hold: Record, delta: Decimal) -> None:
    """Move ``delta`` into the account's ``holdBalance`` (out of ``availableBalance``)."""
    card = require_card(fake, str(hold.get("cardToken")))
    account = dict(fake.store["deposits"].get(str(card["accountKey"])) or {})
    balances = dict(account.get("balances") or {})
    held = query.as_decimal(balances.get("holdBalance")) or Decimal(0)
    available = query.as_decimal(balances.get("availableBalance")) or Decimal(0)
    balances["holdBalance"] = held + delta
    balances["availableBalance"] = available - delta
    account["balances"] = balances
    fake.store["deposits"].put(account)


def _amount(body: Record, name: str = "amount") -> Decimal:
    value = query.as_decimal(body.get(name))
    if value is None or value <= 0:
        raise bad_request("INVALID_PARAMETERS", f"{name} must be a number more than 0")
    return value


def _create_hold(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /cards/{token}/authorizationholds``: 201 with the hold; its amount is held on the account.

    [INFERRED] A hold without ``advice`` must fit the account's ``availableBalance``
    (``INSUFFICIENT_BALANCE``); a second hold with the same ``externalReferenceId`` on the card is
    ``DUPLICATE_AUTHORIZATION_HOLD``.
    """
    query.check_params(request, set())
    token = request.path_params["token"]
    card = require_card(fake, token)
    body = request.json_object()
    reference = body.get("externalReferenceId")
    if not isinstance(reference, str) or not reference:
        raise bad_request("INVALID_PARAMETERS", "externalReferenceId is required")
    amount = _amount(body)
    if fake.store["authorizationholds"].find(
        lambda h: h.get("cardToken") == token and h.get("externalReferenceId") == reference
    ):
        raise bad_request("DUPLICATE_AUTHORIZATION_HOLD", f"Hold {reference!r} exists on this card")
    account = fake.store["deposits"].get(str(card["accountKey"])) or {}
    available = query.as_decimal((account.get("balances") or {}).get("availableBalance")) or Decimal(0)
    if not body.get("advice") and amount > available:
        raise bad_request("INSUFFICIENT_BALANCE", "The hold is more than the available balance")
    record = {k: v for k, v in body.items() if k not in ("cardToken", "status", "encodedKey")}
    record.update(cardToken=token, amount=amount)
    hold = fake.create("authorizationholds", record)
    hold_on_account(fake, hold, amount)
    return json_response(201, query.render(fake.kinds["authorizationholds"], hold, "FULL"))


def _pending(hold: Record) -> None:
    if hold.get("status") != "PENDING":
        raise bad_request(
            "INVALID_AUTHORIZATION_HOLD_STATE", f"The hold is {hold.get('status')}, not PENDING"
        )


def _reverse_hold(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``DELETE /cards/{token}/authorizationholds/{reference}``: the hold is REVERSED, its amount released."""
    query.check_params(request, set())
    hold = require_hold(fake, request.path_params["token"], request.path_params["reference"])
    _pending(hold)
    hold_on_account(fake, hold, -(query.as_decimal(hold.get("amount")) or Decimal(0)))
    fake.store["authorizationholds"].put({**hold, "status": "REVERSED"})
    return no_content()


def _adjust_hold(sign: int) -> Callable[[FakeMambu, FakeRequest], FakeResponse]:
    def adjust(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        """``:increase`` / ``:decrease`` (``AuthorizationHoldAmountAdjustmentRequest``): 204. A decrease to
        zero or below reverses the hold (seed 001)."""
        query.check_params(request, set())
        hold = require_hold(fake, request.path_params["token"], request.path_params["reference"])
        _pending(hold)
        amount = _amount(request.json_object())
        current = query.as_decimal(hold.get("amount")) or Decimal(0)
        if sign < 0 and amount >= current:
            hold_on_account(fake, hold, -current)
            fake.store["authorizationholds"].put({**hold, "status": "REVERSED"})
            return no_content()
        hold_on_account(fake, hold, sign * amount)
        fake.store["authorizationholds"].put({**hold, "amount": current + sign * amount})
        return no_content()

    return adjust


def install(fake: FakeMambu) -> None:
    """Register the card and authorization hold kinds and their read routes."""
    fake.add_kind(card_kind())
    fake.add_kind(hold_kind())
    fake.router.add("GET", "/deposits/{id}/cards", _cards)
    fake.router.add("GET", "/deposits/{id}/authorizationholds", _holds)
    fake.router.add("POST", "/deposits/{id}/cards", _create_card)
    fake.router.add("DELETE", "/deposits/{id}/cards/{token}", _delete_card)
    fake.router.add("POST", "/cards/{token}/authorizationholds", _create_hold)
    fake.router.add("DELETE", "/cards/{token}/authorizationholds/{reference}", _reverse_hold)
    fake.router.add("POST", "/cards/{token}/authorizationholds/{reference}:increase", _adjust_hold(1))
    fake.router.add("POST", "/cards/{token}/authorizationholds/{reference}:decrease", _adjust_hold(-1))
