"""``MambuOrganization`` (``GET /setup/organization``) and ``MambuHoliday``
(``/organization/holidays/general``).

Fields from Mambu's v2 reference [INFERRED: the seeds do not describe them]: the organisation's
``institutionName``, ``timeZoneID``, ``currency``, ``dateFormat``, ``dateTimeFormat``,
``decimalSeparator``, ``emailAddress``, ``phoneNumber``, ``address``; a holiday's integer ``id``,
``name``, ``date`` (date-only) and ``isAnnuallyRecurring``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any, Self

import attrs

from mambu_async.connector.base import JSON, MambuConnector, RequestTimeout
from mambu_async.connector.validation import DetailsLevel
from mambu_async.entities.base import (
    FilterCriteria,
    MambuEntity,
    connector_for_call,
)
from mambu_async.entities.streams import StreamedMixin
from mambu_async.errors import MambuResponseError

__all__ = ["MambuHoliday", "MambuOrganization"]


@attrs.define(slots=False, kw_only=True)
class MambuOrganization(StreamedMixin):
    """The organisation's details: ``await MambuOrganization.get(connector=c)`` (one per tenant).

    ``time_zone_id`` is the tenant's timezone ("Organization Time" in Mambu's field notes).
    """

    _prefix = "setup/organization"
    _export_name = "organization"

    encoded_key: str | None = None
    institution_name: str | None = None
    time_zone_id: str | None = attrs.field(default=None, metadata={"wire": "timeZoneID"})
    currency: str | None = None
    date_format: str | None = None
    date_time_format: str | None = None
    decimal_separator: str | None = None
    email_address: str | None = None
    phone_number: str | None = None
    address: dict[str, Any] | None = None
    creation_date: dt.datetime | None = None
    last_modified_date: dt.datetime | None = None

    @classmethod
    async def get(
        cls,
        entid: str | None = None,
        *,
        connector: MambuConnector,
        details_level: DetailsLevel = "FULL",
        timeout: RequestTimeout | None = None,
    ) -> Self:
        """``GET /setup/organization`` (there is one organisation: ``entid`` is not used)."""
        connector = connector_for_call(connector, timeout)
        level = cls._check_details_level(details_level)
        return cls._from_response(await connector.mambu_get_organization(), connector, level)

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
        """The organisation as a stream of one record (what ``mambu-async export organization`` writes)."""

        async def one() -> AsyncIterator[JSON]:
            yield await connector.mambu_get_organization()

        return one()

    @classmethod
    async def get_non_working_days(cls, *, connector: MambuConnector) -> list[str]:
        """``GET /organization/holidays/nonworkingdays``: the days of the week (``SATURDAY``...)."""
        data = await connector.mambu_get_nonworkingdays()
        days = data.get("nonWorkingDays") if isinstance(data, dict) else None
        if not isinstance(days, list):
            raise MambuResponseError("expected {'nonWorkingDays': [...]}", body=data)
        return [str(day) for day in days]


@attrs.define(slots=False, kw_only=True)
class MambuHoliday(MambuEntity):
    """A general holiday of the organisation; ``get`` takes its id or encodedKey."""

    _prefix = "organization/holidays/general"
    _export_name = "holidays"
    _sort_by_fields = ()

    id: int | None = None
    encoded_key: str | None = None
    name: str | None = None
    date: dt.date | None = None
    is_annually_recurring: bool | None = None
    creation_date: dt.datetime | None = None
