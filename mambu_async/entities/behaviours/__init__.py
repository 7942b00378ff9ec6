"""Behaviour mixins entities combine: comments, documents, state changes, money movements, related look-ups.

Each mixin derives from :class:`~mambu_async.entities.base.MambuEntity`, adds no wire fields and reaches
Mambu only through the ``mambu_*`` operations of the entity's connector.
"""

from mambu_async.entities.behaviours.bundles import (
    ClientBehaviours,
    DepositBehaviours,
    LoanBehaviours,
    ProductBehaviours,
)
from mambu_async.entities.behaviours.comments import CommentableMixin
from mambu_async.entities.behaviours.documents import AttachableMixin
from mambu_async.entities.behaviours.operations import DepositOperationsMixin, LoanOperationsMixin
from mambu_async.entities.behaviours.related import (
    AccountHolderMixin,
    AssignedBranchMixin,
    AssignedCentreMixin,
    AssignedUserMixin,
    ClientGroupsMixin,
    RelatedCache,
    RelatedMixin,
    clear_related_cache,
    related_cache,
)
from mambu_async.entities.behaviours.states import DepositStatesMixin, LoanStatesMixin, StateChangeMixin

__all__ = [
    "AccountHolderMixin",
    "AssignedBranchMixin",
    "AssignedCentreMixin",
    "AssignedUserMixin",
    "AttachableMixin",
    "ClientBehaviours",
    "ClientGroupsMixin",
    "CommentableMixin",
    "DepositBehaviours",
    "DepositOperationsMixin",
    "DepositStatesMixin",
    "LoanBehaviours",
    "LoanOperationsMixin",
    "LoanStatesMixin",
    "ProductBehaviours",
    "RelatedCache",
    "RelatedMixin",
    "StateChangeMixin",
    "clear_related_cache",
    "related_cache",
]
