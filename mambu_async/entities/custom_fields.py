"""``MambuCustomField``: a custom field definition (``GET /customfields/{id}``, ``CustomFieldMeta``).

Definitions tell how to read a value typed: :meth:`MambuCustomField.to_python` turns Mambu's stored form
into ``bool`` (CHECKBOX ``"TRUE"``/``"FALSE"``), ``Decimal`` (NUMBER), ``date`` (DATE) or ``str``
(FREE_TEXT, SELECTION, ``*_LINK`` encoded keys). Field list from api-semantics §9.3 (Mambu's v2
custom field docs).
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

import attrs

from mambu_async.entities.base import MambuEntity
from mambu_async.entities.custom_values import render_custom_value
from mambu_async.entities.serde import Malformed, converter

__all__ = ["CustomFieldAvailableFor", "CustomFieldState", "CustomFieldType", "MambuCustomField"]


class CustomFieldType(enum.StrEnum):
    """``CustomFieldMeta.type``."""

    FREE_TEXT = "FREE_TEXT"
    SELECTION = "SELECTION"
    NUMBER = "NUMBER"
    CHECKBOX = "CHECKBOX"
    DATE = "DATE"
    CLIENT_LINK = "CLIENT_LINK"
    GROUP_LINK = "GROUP_LINK"
    USER_LINK = "USER_LINK"


class CustomFieldAvailableFor(enum.StrEnum):
    """``CustomFieldMeta.availableFor``."""

    CLIENT = "CLIENT"
    GROUP = "GROUP"
    CREDIT_ARRANGEMENT = "CREDIT_ARRANGEMENT"
    LOAN_ACCOUNT = "LOAN_ACCOUNT"
    GUARANTOR = "GUARANTOR"
    ASSET = "ASSET"
    DEPOSIT_ACCOUNT = "DEPOSIT_ACCOUNT"
    TRANSACTION_CHANNEL = "TRANSACTION_CHANNEL"
    BRANCH = "BRANCH"
    CENTRE = "CENTRE"
    USER = "USER"


class CustomFieldState(enum.StrEnum):
    """``CustomFieldMeta.state``."""

    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"


@attrs.define(slots=False, kw_only=True)
class MambuCustomField(MambuEntity):
    """A custom field definition; read values typed with :meth:`to_python`."""

    _prefix = "customfields"

    id: str | None = None
    encoded_key: str | None = None
    creation_date: dt.datetime | None = None
    last_modified_date: dt.datetime | None = None
    type: CustomFieldType | str | None = None
    available_for: CustomFieldAvailableFor | str | None = None
    state: CustomFieldState | str | None = None
    display_settings: dict[str, Any] | None = None
    usage: list[dict[str, Any]] | None = None
    selection_options: list[dict[str, Any]] | None = None
    edit_rights: dict[str, Any] | None = None
    view_rights: dict[str, Any] | None = None
    value_validation_settings: dict[str, Any] | None = None
    dependent_field_key: str | None = None

    def to_python(self, value: Any) -> Any:
        """``value`` as stored by Mambu, typed by this definition (``None`` stays ``None``).

        A value that does not fit the type raises ``MambuFieldError`` naming this field.
        """
        if value is None:
            return None
        kinds: dict[str, Any] = {
            CustomFieldType.CHECKBOX: bool,
            CustomFieldType.NUMBER: Decimal,
            CustomFieldType.DATE: dt.date,
        }
        target = kinds.get(str(self.type))
        if target is None:
            return value
        try:
            return converter.structure(value, target)
        except Malformed as exc:
            raise exc.at(f"customfield {self.id}") from None

    def to_wire_value(self, value: Any) -> Any:
        """A Python value in the form Mambu stores for this field (``True`` → ``"TRUE"``)."""
        return render_custom_value(value, f"customfield {self.id}")
