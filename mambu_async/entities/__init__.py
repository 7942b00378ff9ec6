"""Typed, lossless entities over the connector: clients, loans, deposits, products, ..."""

from mambu_async.entities.base import (
    EntityIterator,
    MambuBasicDetailsError,
    MambuEntity,
    SearchableMixin,
    WritableMixin,
)
from mambu_async.entities.behaviours import clear_related_cache
from mambu_async.entities.branch import MambuBranch
from mambu_async.entities.centre import MambuCentre
from mambu_async.entities.client import MambuClient
from mambu_async.entities.comment import MambuComment
from mambu_async.entities.custom_field_sets import MambuCustomFieldSet
from mambu_async.entities.custom_fields import MambuCustomField
from mambu_async.entities.custom_values import CustomFields
from mambu_async.entities.deposit import MambuDeposit
from mambu_async.entities.deposit_product import MambuDepositProduct
from mambu_async.entities.document import MambuDocument
from mambu_async.entities.group import MambuGroup
from mambu_async.entities.installment import MambuInstallment
from mambu_async.entities.loan import MambuLoan
from mambu_async.entities.model import MambuModel
from mambu_async.entities.product import MambuLoanProduct
from mambu_async.entities.role import MambuRole
from mambu_async.entities.search import Criterion, F, Sort, asc, desc
from mambu_async.entities.serde import MambuFieldError, converter, strict
from mambu_async.entities.task import MambuTask
from mambu_async.entities.transaction import MambuDepositTransaction, MambuLoanTransaction
from mambu_async.entities.user import MambuUser

__all__ = [
    "Criterion",
    "CustomFields",
    "EntityIterator",
    "F",
    "MambuBasicDetailsError",
    "MambuBranch",
    "MambuCentre",
    "MambuClient",
    "MambuComment",
    "MambuCustomField",
    "MambuCustomFieldSet",
    "MambuDeposit",
    "MambuDepositProduct",
    "MambuDepositTransaction",
    "MambuDocument",
    "MambuEntity",
    "MambuFieldError",
    "MambuGroup",
    "MambuInstallment",
    "MambuLoan",
    "MambuLoanProduct",
    "MambuLoanTransaction",
    "MambuModel",
    "MambuRole",
    "MambuTask",
    "MambuUser",
    "SearchableMixin",
    "Sort",
    "WritableMixin",
    "asc",
    "clear_related_cache",
    "converter",
    "desc",
    "strict",
]
