# Generated from Mambu's OpenAPI files by tools/generate_models.py: do not edit.
# Regenerate with `python tools/generate_models.py` (`--check`, run by the tests, fails when stale).
"""The definitions several of Mambu's OpenAPI files define identically: ``MonthAndDay``
(deposit_accounts.json, depositproducts.json), ``BranchSettings`` (depositproducts.json,
loanproducts.json), ``CreditArrangementSettings`` (depositproducts.json, loanproducts.json),
``DecimalInterval`` (depositproducts.json, loanproducts.json).

Money and rates are ``Decimal``, date-times aware ``datetime``, dates ``datetime.date``; enums are
``StrEnum`` (a value Mambu adds later is kept as a ``str``). Properties starting with ``_`` are custom
field sets (``MambuEntity.custom_fields``). Entities subclass these models and add their behaviour
(``mambu_async/entities/*.py``).
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from mambu_async.entities.model import MambuModel

__all__ = [
    "BranchSettings",
    "CreditArrangementSettings",
    "CreditArrangementSettingsCreditArrangementRequirement",
    "DecimalInterval",
    "MonthAndDay",
]


class CreditArrangementSettingsCreditArrangementRequirement(enum.StrEnum):
    """Values of ``CreditArrangementSettings.creditArrangementRequirement`` (depositproducts.json,
    loanproducts.json).
    """

    OPTIONAL = "OPTIONAL"
    REQUIRED = "REQUIRED"
    NOT_REQUIRED = "NOT_REQUIRED"


@attrs.define(slots=False, kw_only=True)
class MonthAndDay(MambuModel):
    """Mambu's ``MonthAndDay`` (deposit_accounts.json, depositproducts.json): wrapper for month and day
    for instances where the year isn't needed.
    """

    day: int | None = None
    month: int | None = None


@attrs.define(slots=False, kw_only=True)
class BranchSettings(MambuModel):
    """Mambu's ``BranchSettings`` (depositproducts.json, loanproducts.json): holds information about
    branch availability for the product.
    """

    available_product_branches: list[str] | None = None
    for_all_branches: bool | None = None


@attrs.define(slots=False, kw_only=True)
class CreditArrangementSettings(MambuModel):
    """Mambu's ``CreditArrangementSettings`` (depositproducts.json, loanproducts.json): the funding
    settings, holds the settings regarding the funding for the loan product.
    """

    credit_arrangement_requirement: CreditArrangementSettingsCreditArrangementRequirement | str | None = None


@attrs.define(slots=False, kw_only=True)
class DecimalInterval(MambuModel):
    """Mambu's ``DecimalInterval`` (depositproducts.json, loanproducts.json): decimal constraints, like
    min/max/default.
    """

    default_value: Decimal | None = None
    max_value: Decimal | None = None
    min_value: Decimal | None = None
