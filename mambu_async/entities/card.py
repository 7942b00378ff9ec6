"""``MambuCard`` (``GET /deposits/{id}/cards``) and ``MambuAuthorizationHold``
(``GET /deposits/{id}/authorizationholds``).

Their fields are the generated ``Card`` and ``AuthorizationHold`` of deposit_accounts.json (a card is only
its ``referenceToken``: Mambu stores no card details). Both are read per deposit account
(``for_deposit``); ``iterate`` reads every deposit account's in turn.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from decimal import Decimal
from typing import Any, ClassVar, Self

import attrs

from mambu_async.connector.base import JSON, MambuConnector
from mambu_async.connector.validation import DetailsLevel
from mambu_async.entities.base import FilterCriteria
from mambu_async.entities.generated.deposit_accounts import AuthorizationHold, AuthorizationHoldStatus, Card
from mambu_async.entities.serde import to_camel
from mambu_async.entities.streams import StreamedMixin, paged
from mambu_async.errors import MambuResponseError, MambuValidationError

__all__ = ["AuthorizationHoldStatus", "MambuAuthorizationHold", "MambuCard"]


class DepositChildMixin(StreamedMixin):
    """A list Mambu serves under each deposit account."""

    _paged: ClassVar[bool] = True

    @classmethod
    async def _fetch(
        cls,
        connector: MambuConnector,
        deposit_id: str,
        filters: Mapping[str, Any],
        offset: int | None,
        limit: int | None,
    ) -> list[JSON]:
        raise NotImplementedError

    @classmethod
    async def for_deposit(
        cls,
        deposit_id: str,
        *,
        connector: MambuConnector,
        filters: Mapping[str, Any] | None = None,
        offset: int | None = None,
        limit: int | None = None,
    ) -> list[Self]:
        """The records of one deposit account (id or encodedKey); ``limit=None`` reads them all."""
        chosen = cls._check_filters(filters) or {}
        rows = await cls._fetch(connector, deposit_id, chosen, offset, limit)
        return cls._build_all(rows, connector, "FULL")

    @classmethod
    def _records(
        cls,
        connector: MambuConnector,
        filters: dict[str, Any],
        *,
        level: DetailsLevel,
        page_size: int | None,
        filter_criteria: FilterCriteria | None,
    ) -> AsyncIterator[JSON]:
        """Every deposit account's records, account by account (accounts in ``id`` order)."""
        from mambu_async.entities.deposit import MambuDeposit

        async def records() -> AsyncIterator[JSON]:
            accounts = MambuDeposit.iterate(connector=connector, sort_by="id:ASC", page_size=page_size)
            async for account in accounts:
                deposit_id = account._entity_id()
                if not cls._paged:
                    for row in await cls._fetch(connector, deposit_id, filters, None, None):
                        yield row
                    continue

                async def fetch(offset: int, limit: int, deposit_id: str = deposit_id) -> list[JSON]:
                    return await cls._fetch(connector, deposit_id, filters, offset, limit)

                async for row in paged(fetch, page_size):
                    yield row

        return records()


@attrs.define(slots=False, kw_only=True)
class MambuCard(Card, DepositChildMixin):
    """A card reference of a deposit account: ``await MambuCard.for_deposit("D1", connector=c)``."""

    _prefix = "cards"
    _paged = False
    _sort_by_fields = ()

    @classmethod
    async def create_for(cls, deposit_id: str, reference_token: str, *, connector: MambuConnector) -> Self:
        """``POST /deposits/{deposit_id}/cards``: attach a card reference to a deposit account."""
        data = await connector.mambu_create_card(deposit_id, reference_token)
        return cls._from_response(data, connector, "FULL")

    @classmethod
    async def delete_for(cls, deposit_id: str, reference_token: str, *, connector: MambuConnector) -> None:
        """``DELETE /deposits/{deposit_id}/cards/{reference_token}`` (refused while it has holds)."""
        await connector.mambu_delete_card(deposit_id, reference_token)

    @classmethod
    async def _fetch(
        cls,
        connector: MambuConnector,
        deposit_id: str,
        filters: Mapping[str, Any],
        offset: int | None,
        limit: int | None,
    ) -> list[JSON]:
        rows: list[JSON] = await connector.mambu_get_cards(deposit_id)
        return rows


@attrs.define(slots=False, kw_only=True)
class MambuAuthorizationHold(AuthorizationHold, DepositChildMixin):
    """An authorization hold on a deposit account, by card; ``filters={"status": "PENDING"}``."""

    _prefix = "authorizationholds"
    _filter_keys = ("status",)
    _sort_by_fields = ()

    @classmethod
    async def create(
        cls,
        card_token: str,
        *,
        connector: MambuConnector,
        external_reference_id: str,
        amount: Decimal | int | str,
        advice: bool = False,
        **fields: Any,
    ) -> Self:
        """``POST /cards/{card_token}/authorizationholds``: hold ``amount`` on the card's account.

        Further fields (``currency_code``, ``card_acceptor``, ``user_transaction_time``...) are keywords in
        snake_case or camelCase.
        """
        body: dict[str, Any] = {to_camel(k): v for k, v in fields.items()}
        body.update(externalReferenceId=external_reference_id, amount=amount, advice=advice)
        data = await connector.mambu_create_authorization_hold(card_token, body)
        return cls._from_response(data, connector, "FULL")

    def _hold_ref(self) -> tuple[MambuConnector, str, str]:
        if not self.card_token or not self.external_reference_id:
            raise MambuValidationError("the hold needs its card_token and external_reference_id")
        return self._require_connector(), self.card_token, self.external_reference_id

    async def reverse(self) -> Self:
        """``DELETE /cards/{token}/authorizationholds/{ref}``: release the held amount."""
        connector, token, reference = self._hold_ref()
        await connector.mambu_reverse_authorization_hold(token, reference)
        self.status = AuthorizationHoldStatus.REVERSED
        return self

    async def increase(self, amount: Decimal | int | str) -> Self:
        """``:increase`` the held amount (``amount`` then shows the new total)."""
        connector, token, reference = self._hold_ref()
        await connector.mambu_adjust_authorization_hold(token, reference, "increase", amount)
        self.amount = (self.amount or Decimal(0)) + Decimal(amount)
        return self

    async def decrease(self, amount: Decimal | int | str) -> Self:
        """``:decrease`` the held amount; down to zero or below, Mambu reverses the hold."""
        connector, token, reference = self._hold_ref()
        await connector.mambu_adjust_authorization_hold(token, reference, "decrease", amount)
        left = (self.amount or Decimal(0)) - Decimal(amount)
        if left <= 0:
            self.status = AuthorizationHoldStatus.REVERSED
        else:
            self.amount = left
        return self

    async def settle(
        self, external_reference_id: str, amount: Decimal | int | str | None = None, **fields: Any
    ) -> dict[str, Any]:
        """Settle the hold with a card financial transaction (a withdrawal of ``amount``, by default the
        held amount); returns Mambu's card transaction document. Further fields (``card_acceptor``,
        ``transaction_channel_id``...) are keywords in snake_case or camelCase."""
        connector, token, reference = self._hold_ref()
        body: dict[str, Any] = {to_camel(k): val for k, val in fields.items()}
        body.update(
            externalReferenceId=external_reference_id,
            externalAuthorizationReferenceId=reference,
            amount=self.amount if amount is None else amount,
            advice=bool(body.get("advice", False)),
        )
        data = await connector.mambu_make_card_transaction(token, body)
        self.status = AuthorizationHoldStatus.SETTLED
        if not isinstance(data, dict):
            raise MambuResponseError("expected the card transaction", body=data)
        return data

    @classmethod
    async def _fetch(
        cls,
        connector: MambuConnector,
        deposit_id: str,
        filters: Mapping[str, Any],
        offset: int | None,
        limit: int | None,
    ) -> list[JSON]:
        rows: list[JSON] = await connector.mambu_get_authorization_holds(
            deposit_id, filters.get("status"), offset, limit
        )
        return rows
