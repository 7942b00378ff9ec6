"""Value objects that several of Mambu's OpenAPI files define identically.

``BranchSettings``, ``CreditArrangementSettings`` and ``DecimalInterval`` are the same definitions in
``loanproducts.json`` and ``depositproducts.json``; ``MonthAndDay`` is the same in
``depositproducts.json`` and ``deposit_accounts.json``. Each is kept once here and used by both.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from mambu_async.entities.model import MambuModel


class CreditArrangementSettingsCreditArrangementRequirement(enum.StrEnum):
    """Values of ``CreditArrangementSettingsCreditArrangementRequirement`` (loanproducts.json,
    depositproducts.json)."""

    OPTIONAL = "OPTIONAL"
    REQUIRED = "REQUIRED"
    NOT_REQUIRED = "NOT_REQUIRED"


@attrs.define(slots=False, kw_only=True)
class BranchSettings(MambuModel):
    """Mambu's ``BranchSettings`` (loanproducts.json, depositproducts.json): holds information about
    branch availability for the product.
    """

    available_product_branches: list[str] | None = None
    for_all_branches: bool | None = None


@attrs.define(slots=False, kw_only=True)
class CreditArrangementSettings(MambuModel):
    """Mambu's ``CreditArrangementSettings`` (loanproducts.json, depositproducts.json): the funding
    settings, holds the settings regarding the funding for the loan product.
    """

    credit_arrangement_requirement: CreditArrangementSettingsCreditArrangementRequirement | str | None = None


@attrs.define(slots=False, kw_only=True)
class DecimalInterval(MambuModel):
    """Mambu's ``DecimalInterval`` (loanproducts.json, depositproducts.json): decimal constraints, like
    min/max/default."""

    default_value: Decimal | None = None
    max_value: Decimal | None = None
    min_value: Decimal | None = None


@attrs.define(slots=False, kw_only=True)
class MonthAndDay(MambuModel):
    """Mambu's ``MonthAndDay`` (depositproducts.json, deposit_accounts.json): wrapper for month and day
    for instances where the year isn't needed.
    """

    day: int | None = None
    month: int | None = None
