"""Typed, lossless entities over the connector: clients, loans, deposits, products, ..."""

from mambu_async.entities.base import (
    EntityIterator,
    MambuBasicDetailsError,
    MambuEntity,
    SearchableMixin,
    WritableMixin,
)
from mambu_async.entities.custom_values import CustomFields
from mambu_async.entities.model import MambuModel
from mambu_async.entities.search import Criterion, F, Sort, asc, desc
from mambu_async.entities.serde import MambuFieldError, converter, strict

__all__ = [
    "Criterion",
    "CustomFields",
    "EntityIterator",
    "F",
    "MambuBasicDetailsError",
    "MambuEntity",
    "MambuFieldError",
    "MambuModel",
    "SearchableMixin",
    "Sort",
    "WritableMixin",
    "asc",
    "converter",
    "desc",
    "strict",
]
