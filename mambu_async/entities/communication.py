"""``MambuCommunicationMessage``: an email, SMS, webhook or task message Mambu sent or queued (seed 001
"Communications").

Fields are the seed's ``CommunicationMessage``. ``get`` takes the encodedKey only; ``search`` sends the
criteria as the bare array ``POST /communications/messages:search`` takes (no sorting: oldest first).
``send(...)`` posts a new EMAIL, SMS or WEB_HOOK message; ``await message.resend()`` queues a FAILED one
again.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import AsyncIterator, Mapping
from typing import Any, Self

import attrs

from mambu_async.connector.base import JSON, MambuConnector, RequestTimeout
from mambu_async.connector.validation import DetailsLevel
from mambu_async.entities.base import (
    FilterCriteria,
    SearchOnlyMixin,
    _as_list,
    connector_for_call,
)
from mambu_async.entities.search import Sort, render_criteria
from mambu_async.entities.streams import StreamedMixin, paged

__all__ = ["CommunicationMessageState", "CommunicationMessageType", "MambuCommunicationMessage"]


class CommunicationMessageType(enum.StrEnum):
    """Values of ``CommunicationMessage.type``."""

    EMAIL = "EMAIL"
    SMS = "SMS"
    WEB_HOOK = "WEB_HOOK"
    EVENT_STREAM = "EVENT_STREAM"
    TASK = "TASK"


class CommunicationMessageState(enum.StrEnum):
    """Values of ``CommunicationMessage.state``."""

    SENT = "SENT"
    QUEUED = "QUEUED"
    QUEUED_FOR_STREAM = "QUEUED_FOR_STREAM"
    WAITING = "WAITING"
    FAILED = "FAILED"


@attrs.define(slots=False, kw_only=True)
class MambuCommunicationMessage(SearchOnlyMixin, StreamedMixin):
    """A communication message; ``search(filter_criteria=[F("state").equals("FAILED")])``."""

    _prefix = "communications/messages"
    _stream_searchable = True
    _sort_by_fields = ()

    encoded_key: str | None = None
    type: CommunicationMessageType | str | None = None
    state: CommunicationMessageState | str | None = None
    event: str | None = None
    subject: str | None = None
    body: str | None = None
    destination: str | None = None
    sender_key: str | None = None
    client_key: str | None = None
    group_key: str | None = None
    user_key: str | None = None
    loan_account_key: str | None = None
    deposit_account_key: str | None = None
    repayment_key: str | None = None
    template_key: str | None = None
    reference_id: str | None = None
    num_retries: int | None = None
    failure_reason: str | None = None
    failure_cause: str | None = None
    creation_date: dt.datetime | None = None
    send_date: dt.datetime | None = None

    @classmethod
    async def send(
        cls,
        *,
        connector: MambuConnector,
        type: CommunicationMessageType | str,
        body: str,
        subject: str | None = None,
        destination: str | None = None,
        client_key: str | None = None,
        group_key: str | None = None,
        user_key: str | None = None,
        loan_account_key: str | None = None,
        deposit_account_key: str | None = None,
        sender_key: str | None = None,
        timeout: RequestTimeout | None = None,
    ) -> Self:
        """``POST /communications/messages``: send a message to a client, group or user (ids or keys),
        or to ``destination``; the message as Mambu stored it (``state`` SENT, or FAILED with its
        ``failure_reason``)."""
        connector = connector_for_call(connector, timeout)
        fields = {
            "type": str(type),
            "body": body,
            "subject": subject,
            "destination": destination,
            "clientKey": client_key,
            "groupKey": group_key,
            "userKey": user_key,
            "loanAccountKey": loan_account_key,
            "depositAccountKey": deposit_account_key,
            "senderKey": sender_key,
        }
        message = {name: value for name, value in fields.items() if value is not None}
        data = await connector.mambu_send_communication(message)
        return cls._from_response(data, connector, "FULL")

    @classmethod
    async def resend_all(
        cls, messages: list[Self], *, connector: MambuConnector, timeout: RequestTimeout | None = None
    ) -> None:
        """``POST /communications/messages:resend``: queue these FAILED messages again (read them back,
        or ``refresh()`` each, to see their new state)."""
        connector = connector_for_call(connector, timeout)
        await connector.mambu_resend_communications([message._entity_id() for message in messages])

    async def resend(self) -> Self:
        """Resend this FAILED message, then re-read it (``state``, ``num_retries``)."""
        await self._require_connector().mambu_resend_communications([self._entity_id()])
        return await self.refresh()

    @classmethod
    async def search(
        cls,
        *,
        connector: MambuConnector,
        filter_criteria: FilterCriteria | None = None,
        sorting_criteria: Sort | Mapping[str, Any] | None = None,
        offset: int | None = None,
        limit: int | None = None,
        details_level: DetailsLevel = "BASIC",
        timeout: RequestTimeout | None = None,
    ) -> list[Self]:
        """``POST /communications/messages:search`` (Mambu takes no sorting here)."""
        connector = connector_for_call(connector, timeout)
        cls._check_stream_args(
            filter_criteria=None, sorting_criteria=sorting_criteria, sort_by=None, cursor=None
        )
        level = cls._check_details_level(details_level)
        criteria = render_criteria(_as_list(filter_criteria), cls._search_fields)
        rows = await connector.mambu_search_communications(criteria, offset, limit, level)
        return cls._build_all(rows, connector, level)

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
        """Every match of ``filter_criteria``, page after page."""
        criteria = render_criteria(_as_list(filter_criteria), cls._search_fields)

        async def fetch(offset: int, limit: int) -> list[JSON]:
            rows: list[JSON] = await connector.mambu_search_communications(criteria, offset, limit, level)
            return rows

        return paged(fetch, page_size)
