"""``MambuCustomFieldSet``: a custom field set definition (``/customfieldsets``).

Mambu v2 ``CustomFieldSetMeta``: ``id`` (starts with ``_``, the key the set's values use inside entities),
``encodedKey``, ``availableFor``, ``description``, ``fieldSetType`` (``STANDARD``: one value per field;
``GROUPED``: rows of values), ``displaySettings`` (``builtIn``, ``displayName``, ``position``),
``customFields`` (the ``{encodedKey, id}`` of the set's fields) and dates. ``GET /customfieldsets``
takes no filters and no ``sortBy``, only ``availableFor``; ``GET /customfieldsets/{id}/customfields``
lists the set's field definitions (api-semantics §9.3).
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
from mambu_async.entities.model import MambuModel
from mambu_async.errors import MambuResponseError, MambuValidationError

__all__ = [
    "CustomFieldIdentity",
    "CustomFieldSetAvailableFor",
    "CustomFieldSetDisplaySettings",
    "CustomFieldSetType",
    "MambuCustomFieldSet",
]


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


class CustomFieldSetType(enum.StrEnum):
    """Values of ``CustomFieldSetMeta.fieldSetType``: one value per field, or rows of values."""

    STANDARD = "STANDARD"
    GROUPED = "GROUPED"


@attrs.define(slots=False, kw_only=True)
class CustomFieldSetDisplaySettings(MambuModel):
    """How the set shows in Mambu: ``built_in`` (a Mambu set, not the tenant's), name and position."""

    built_in: bool | None = None
    display_name: str | None = None
    position: int | None = None


@attrs.define(slots=False, kw_only=True)
class CustomFieldIdentity(MambuModel):
    """One field of a set, as the set lists it."""

    encoded_key: str | None = None
    id: str | None = None


@attrs.define(slots=False, kw_only=True)
class MambuCustomFieldSet(MambuEntity):
    """A custom field set; ``await field_set.get_custom_fields()`` reads its field definitions."""

    _prefix = "customfieldsets"
    _sort_by_fields = ()

    id: str | None = None
    encoded_key: str | None = None
    description: str | None = None
    available_for: CustomFieldSetAvailableFor | str | None = None
    field_set_type: CustomFieldSetType | str | None = None
    display_settings: CustomFieldSetDisplaySettings | None = None
    fields: list[CustomFieldIdentity] | None = attrs.field(default=None, metadata={"wire": "customFields"})
    """The set's fields (``customFields``); their definitions: :meth:`get_custom_fields`."""
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
