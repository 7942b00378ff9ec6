"""Typed, lossless entities over the connector: clients, loans, deposits, products, ..."""

from mambu_async.entities.base import (
    EntityIterator,
    MambuBasicDetailsError,
    MambuEntity,
    SearchableMixin,
    WritableMixin,
)
from mambu_async.entities.client import MambuClient
from mambu_async.entities.custom_fields import MambuCustomField
from mambu_async.entities.custom_values import CustomFields
from mambu_async.entities.deposit import MambuDeposit
from mambu_async.entities.loan import MambuLoan
from mambu_async.entities.model import MambuModel
from mambu_async.entities.product import MambuLoanProduct
from mambu_async.entities.search import Criterion, F, Sort, asc, desc
from mambu_async.entities.serde import MambuFieldError, converter, strict

__all__ = [
    "Criterion",
    "CustomFields",
    "EntityIterator",
    "F",
    "MambuBasicDetailsError",
    "MambuClient",
    "MambuCustomField",
    "MambuDeposit",
    "MambuEntity",
    "MambuFieldError",
    "MambuLoan",
    "MambuLoanProduct",
    "MambuModel",
    "SearchableMixin",
    "Sort",
    "WritableMixin",
    "asc",
    "converter",
    "desc",
    "strict",
]
