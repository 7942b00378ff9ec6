"""Typed, lossless entities over the connector: clients, loans, deposits, products, ...

Each name is imported from its module on first use, so ``from mambu_async.entities import MambuLoan``
loads only what loans need.
"""

from typing import TYPE_CHECKING

from mambu_async._lazy import lazy_exports

# The behaviour mixins first: they import the transaction and installment classes, whose modules import
# the mixins back; loading the package first keeps that cycle in the one order that works.
from mambu_async.entities import behaviours as _behaviours  # noqa: F401

if TYPE_CHECKING:
    from mambu_async.entities.accounting import (
        MambuGLAccount,
        MambuGLJournalEntry,
        MambuInterestAccrualBreakdown,
    )
    from mambu_async.entities.activity import MambuActivity
    from mambu_async.entities.base import (
        EntityIterator,
        MambuBasicDetailsError,
        MambuEntity,
        SearchableMixin,
        WritableMixin,
    )
    from mambu_async.entities.behaviours import clear_related_cache
    from mambu_async.entities.branch import MambuBranch
    from mambu_async.entities.card import MambuAuthorizationHold, MambuCard
    from mambu_async.entities.centre import MambuCentre
    from mambu_async.entities.client import MambuClient
    from mambu_async.entities.comment import MambuComment
    from mambu_async.entities.communication import MambuCommunicationMessage
    from mambu_async.entities.credit_arrangement import MambuCreditArrangement
    from mambu_async.entities.currency import MambuCurrency, MambuExchangeRate
    from mambu_async.entities.custom_field_sets import MambuCustomFieldSet
    from mambu_async.entities.custom_fields import MambuCustomField
    from mambu_async.entities.custom_values import CustomFields
    from mambu_async.entities.deposit import MambuDeposit
    from mambu_async.entities.deposit_product import MambuDepositProduct
    from mambu_async.entities.document import MambuDocument
    from mambu_async.entities.function import MambuFunction
    from mambu_async.entities.group import MambuGroup
    from mambu_async.entities.index_rate import MambuIndexRate, MambuIndexRateSource
    from mambu_async.entities.installment import MambuInstallment
    from mambu_async.entities.loan import MambuLoan
    from mambu_async.entities.model import MambuModel
    from mambu_async.entities.organization import MambuHoliday, MambuOrganization
    from mambu_async.entities.product import MambuLoanProduct
    from mambu_async.entities.role import MambuRole
    from mambu_async.entities.search import Criterion, F, Sort, asc, desc
    from mambu_async.entities.serde import MambuFieldError, converter, strict
    from mambu_async.entities.task import MambuTask
    from mambu_async.entities.transaction import MambuDepositTransaction, MambuLoanTransaction
    from mambu_async.entities.user import MambuUser
else:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "Criterion": "mambu_async.entities.search",
            "CustomFields": "mambu_async.entities.custom_values",
            "EntityIterator": "mambu_async.entities.base",
            "F": "mambu_async.entities.search",
            "MambuAuthorizationHold": "mambu_async.entities.card",
            "MambuBasicDetailsError": "mambu_async.entities.base",
            "MambuActivity": "mambu_async.entities.activity",
            "MambuBranch": "mambu_async.entities.branch",
            "MambuCard": "mambu_async.entities.card",
            "MambuCentre": "mambu_async.entities.centre",
            "MambuClient": "mambu_async.entities.client",
            "MambuComment": "mambu_async.entities.comment",
            "MambuCurrency": "mambu_async.entities.currency",
            "MambuCommunicationMessage": "mambu_async.entities.communication",
            "MambuCreditArrangement": "mambu_async.entities.credit_arrangement",
            "MambuCustomField": "mambu_async.entities.custom_fields",
            "MambuCustomFieldSet": "mambu_async.entities.custom_field_sets",
            "MambuDeposit": "mambu_async.entities.deposit",
            "MambuDepositProduct": "mambu_async.entities.deposit_product",
            "MambuDepositTransaction": "mambu_async.entities.transaction",
            "MambuDocument": "mambu_async.entities.document",
            "MambuEntity": "mambu_async.entities.base",
            "MambuExchangeRate": "mambu_async.entities.currency",
            "MambuFieldError": "mambu_async.entities.serde",
            "MambuFunction": "mambu_async.entities.function",
            "MambuGLAccount": "mambu_async.entities.accounting",
            "MambuGLJournalEntry": "mambu_async.entities.accounting",
            "MambuGroup": "mambu_async.entities.group",
            "MambuHoliday": "mambu_async.entities.organization",
            "MambuIndexRate": "mambu_async.entities.index_rate",
            "MambuIndexRateSource": "mambu_async.entities.index_rate",
            "MambuInstallment": "mambu_async.entities.installment",
            "MambuInterestAccrualBreakdown": "mambu_async.entities.accounting",
            "MambuLoan": "mambu_async.entities.loan",
            "MambuLoanProduct": "mambu_async.entities.product",
            "MambuLoanTransaction": "mambu_async.entities.transaction",
            "MambuModel": "mambu_async.entities.model",
            "MambuOrganization": "mambu_async.entities.organization",
            "MambuRole": "mambu_async.entities.role",
            "MambuTask": "mambu_async.entities.task",
            "MambuUser": "mambu_async.entities.user",
            "SearchableMixin": "mambu_async.entities.base",
            "Sort": "mambu_async.entities.search",
            "WritableMixin": "mambu_async.entities.base",
            "asc": "mambu_async.entities.search",
            "clear_related_cache": "mambu_async.entities.behaviours.related",
            "converter": "mambu_async.entities.serde",
            "desc": "mambu_async.entities.search",
            "strict": "mambu_async.entities.serde",
        },
        globals(),
    )

__all__ = [
    "Criterion",
    "CustomFields",
    "EntityIterator",
    "F",
    "MambuActivity",
    "MambuAuthorizationHold",
    "MambuBasicDetailsError",
    "MambuBranch",
    "MambuCard",
    "MambuCentre",
    "MambuClient",
    "MambuComment",
    "MambuCommunicationMessage",
    "MambuCreditArrangement",
    "MambuCurrency",
    "MambuCustomField",
    "MambuCustomFieldSet",
    "MambuDeposit",
    "MambuDepositProduct",
    "MambuDepositTransaction",
    "MambuDocument",
    "MambuEntity",
    "MambuExchangeRate",
    "MambuFieldError",
    "MambuFunction",
    "MambuGLAccount",
    "MambuGLJournalEntry",
    "MambuGroup",
    "MambuHoliday",
    "MambuIndexRate",
    "MambuIndexRateSource",
    "MambuInstallment",
    "MambuInterestAccrualBreakdown",
    "MambuLoan",
    "MambuLoanProduct",
    "MambuLoanTransaction",
    "MambuModel",
    "MambuOrganization",
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
