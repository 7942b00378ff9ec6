"""The behaviour set of each entity class defined elsewhere (one base to add to each class).

``MambuClient(..., ClientBehaviours)``, ``MambuLoan(..., LoanBehaviours)``,
``MambuDeposit(..., DepositBehaviours)``, ``MambuLoanProduct(..., ProductBehaviours)``.
"""

from __future__ import annotations

from mambu_async.entities.behaviours.client_assets import ClientAssetsMixin
from mambu_async.entities.behaviours.comments import CommentableMixin
from mambu_async.entities.behaviours.documents import AttachableMixin
from mambu_async.entities.behaviours.holders import AnonymizableMixin, CreditArrangementHolderMixin
from mambu_async.entities.behaviours.operations import DepositOperationsMixin, LoanOperationsMixin
from mambu_async.entities.behaviours.related import (
    AccountHolderMixin,
    AssignedBranchMixin,
    AssignedCentreMixin,
    AssignedUserMixin,
    ClientGroupsMixin,
)
from mambu_async.entities.behaviours.states import DepositStatesMixin, LoanStatesMixin

__all__ = ["ClientBehaviours", "DepositBehaviours", "LoanBehaviours", "ProductBehaviours"]


class ClientBehaviours(
    CommentableMixin,
    AttachableMixin,
    AssignedBranchMixin,
    AssignedCentreMixin,
    AssignedUserMixin,
    ClientGroupsMixin,
    ClientAssetsMixin,
    CreditArrangementHolderMixin,
    AnonymizableMixin,
):
    """Comments, documents, the assigned branch, centre and user, the client's groups, its profile
    picture and signature, its credit arrangements, and anonymization."""


class LoanBehaviours(
    LoanStatesMixin,
    LoanOperationsMixin,
    CommentableMixin,
    AttachableMixin,
    AccountHolderMixin,
    AssignedBranchMixin,
    AssignedCentreMixin,
    AssignedUserMixin,
):
    """State changes, money movements, schedule, comments, documents and related look-ups of a loan."""


class DepositBehaviours(
    DepositStatesMixin,
    DepositOperationsMixin,
    CommentableMixin,
    AttachableMixin,
    AccountHolderMixin,
    AssignedBranchMixin,
    AssignedCentreMixin,
    AssignedUserMixin,
):
    """State changes, money movements, comments, documents and related look-ups of a deposit account."""


class ProductBehaviours(CommentableMixin, AttachableMixin):
    """Comments and documents of a product."""
