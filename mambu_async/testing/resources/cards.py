"""Deposit cards and authorization holds: ``GET /deposits/{id}/cards`` and
``GET /deposits/{id}/authorizationholds`` (deposit_accounts.json ``getAllCards``,
``getAllAuthorizationHolds``).

A card is only its ``referenceToken`` (the ``Card`` definition); holds are ``AuthorizationHold``
documents listed with ``offset``/``limit``/``paginationDetails`` and an optional ``status`` (PENDING,
REVERSED, SETTLED, EXPIRED), without ``detailsLevel``. An unknown account is 404
``INVALID_DEPOSIT_ACCOUNT_ID``. [INFERRED] Cards and holds come oldest first; the card list also pages
when asked to (its OpenAPI operation documents the ``Items-*`` headers); the fake keeps which account a
card belongs to beside it (never rendered), and a hold belongs to the account of its ``cardToken``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mambu_async.testing import query
from mambu_async.testing.apierror import bad_request
from mambu_async.testing.kinds import EntityKind
from mambu_async.testing.messages import FakeRequest, FakeResponse, list_response
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
    account = fake.require("deposits", request.path_params["id"])
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


def install(fake: FakeMambu) -> None:
    """Register the card and authorization hold kinds and their read routes."""
    fake.add_kind(card_kind())
    fake.add_kind(hold_kind())
    fake.router.add("GET", "/deposits/{id}/cards", _cards)
    fake.router.add("GET", "/deposits/{id}/authorizationholds", _holds)
