"""``MambuCustomFieldSet``: a custom field set definition (``/customfieldsets``).

Mambu v2 ``CustomFieldSet``: ``id`` (starts with ``_``, the key the set's values use inside entities),
``encodedKey, name, notes, availableFor, usage`` (``SINGLE``/``GROUPED``), ``displaySettings``,
dates. ``GET /customfieldsets`` takes no filters and no ``sortBy``, only ``availableFor``;
``GET /customfieldsets/{id}/customfields`` lists the set's fields (api-semantics §9.3).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any, Self

import attrs

from mambu_async.connector.base import MambuConnector, RequestTimeout
from mambu_async.connector.validation import DetailsLevel, check_choice
from mambu_async.entities.base import MambuEntity, SortSpec, connector_for_call
from mambu_async.entities.custom_fields import MambuCustomField
from mambu_async.errors import MambuResponseError, MambuValidationError

__all__ = ["CustomFieldSetAvailableFor", "CustomFieldSetUsage", "MambuCustomFieldSet"]


class CustomFieldSetAvailableFor(enum.StrEnum):
    """Values of ``CustomFieldSet.availableFor``: the kind of entity the set's fields belong to."""

    CLIENT = "CLIENT"
    GROUP = "GROUP"
    CREDIT_ARRANGEMENT = "CREDIT_ARRANGEMENT"
    LOAN_ACCOUNT = "LOAN_ACCOUNT"
    GUARANTOR = "GUARANTOR"
    ASSET = "ASSET"
    DEPOSIT_ACCOUNT = "DEPOSIT_ACCOUNT"
    DEPOSIT_PRODUCT = "DEPOSIT_PRODUCT"
    TRANSACTION_CHANNEL = "TRANSACTION_CHANNEL"
    TRANSACTION_TYPE = "TRANSACTION_TYPE"
    BRANCH = "BRANCH"
    CENTRE = "CENTRE"
    USER = "USER"


class CustomFieldSetUsage(enum.StrEnum):
    """Values of ``CustomFieldSet.usage``: one value per field, or rows of values."""

    SINGLE = "SINGLE"
    GROUPED = "GROUPED"


@attrs.define(slots=False, kw_only=True)
class MambuCustomFieldSet(MambuEntity):
    """A custom field set; ``await field_set.get_custom_fields()`` reads its field definitions."""

    _prefix = "customfieldsets"
    _sort_by_fields = ()

    id: str | None = None
    encoded_key: str | None = None
    name: str | None = None
    notes: str | None = None
    available_for: CustomFieldSetAvailableFor | str | None = None
    usage: CustomFieldSetUsage | str | None = None
    display_settings: dict[str, Any] | None = None
    creation_date: dt.datetime | None = None
    last_modified_date: dt.datetime | None = None

    @classmethod
    async def get_all(
        cls,
        *,
        connector: MambuConnector,
        filters: Mapping[str, Any] | None = None,
        offset: int | None = None,
        limit: int | None = None,
        sort_by: SortSpec | None = None,
        details_level: DetailsLevel = "BASIC",
        timeout: RequestTimeout | None = None,
        available_for: str | None = None,
    ) -> list[Self]:
        """``GET /customfieldsets?availableFor=``: the sets (of one kind of entity, when given).

        Mambu's list takes no filters and no ``sortBy``; passing them is an error.
        """
        if filters or sort_by is not None:
            raise MambuValidationError("custom field sets take no filters or sort_by: use available_for=")
        level = cls._check_details_level(details_level)
        kind = None
        if available_for is not None:
            kind = check_choice(available_for, "available_for", tuple(CustomFieldSetAvailableFor))
        rows = await connector_for_call(connector, timeout).mambu_get_all(
            cls._prefix, offset=offset, limit=limit, detailsLevel=level, availableFor=kind
        )
        if not isinstance(rows, list):
            raise MambuResponseError("expected a list of custom field sets", body=rows)
        return [cls._from_response(row, connector, level) for row in rows]

    async def get_custom_fields(
        self, *, offset: int | None = None, limit: int | None = None, details_level: DetailsLevel = "BASIC"
    ) -> list[MambuCustomField]:
        """``GET /customfieldsets/{id}/customfields``: the definitions of the set's fields."""
        level = self._check_details_level(details_level)
        connector = self._require_connector()
        rows = await connector.mambu_get_all(
            f"{self._prefix}/{self._entity_id()}/customfields", offset=offset, limit=limit, detailsLevel=level
        )
        if not isinstance(rows, list):
            raise MambuResponseError("expected a list of custom fields", body=rows)
        return [MambuCustomField._from_response(row, connector, level) for row in rows]
