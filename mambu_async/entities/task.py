"""``MambuTask``: a task for a user, optionally linked to a client, group, account or product (``/tasks``).

Fields from Mambu's v2 ``Task``: ``encodedKey, id`` (an integer), ``title, description, dueDate``
(date-only), ``status`` (``OPEN``/``COMPLETED``), ``assignedUserKey, createdByUserKey,
createdByFullName, taskLinkKey, taskLinkType, templateKey, creationDate, lastModifiedDate``.
``GET /tasks`` filters by ``username``, ``clientId``, ``groupId`` and ``status``.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from mambu_async.connector.validation import DetailsLevel
from mambu_async.entities.base import MambuEntity, WritableMixin
from mambu_async.entities.behaviours.related import AssignedUserMixin

__all__ = ["MambuTask", "TaskLinkType", "TaskStatus"]


class TaskStatus(enum.StrEnum):
    """Values of ``Task.status``."""

    OPEN = "OPEN"
    COMPLETED = "COMPLETED"


class TaskLinkType(enum.StrEnum):
    """Values of ``Task.taskLinkType``: what the task is about."""

    CLIENT = "CLIENT"
    GROUP = "GROUP"
    LOAN_PRODUCT = "LOAN_PRODUCT"
    SAVINGS_PRODUCT = "SAVINGS_PRODUCT"
    LOAN_ACCOUNT = "LOAN_ACCOUNT"
    DEPOSIT_ACCOUNT = "DEPOSIT_ACCOUNT"
    BRANCH = "BRANCH"
    CENTRE = "CENTRE"
    USER = "USER"


def _link_class(link_type: str) -> type[MambuEntity] | None:
    """The entity class for a ``taskLinkType`` (imported here: those modules import this package)."""
    from mambu_async.entities.branch import MambuBranch
    from mambu_async.entities.centre import MambuCentre
    from mambu_async.entities.client import MambuClient
    from mambu_async.entities.deposit import MambuDeposit
    from mambu_async.entities.deposit_product import MambuDepositProduct
    from mambu_async.entities.group import MambuGroup
    from mambu_async.entities.loan import MambuLoan
    from mambu_async.entities.product import MambuLoanProduct
    from mambu_async.entities.user import MambuUser

    classes: dict[str, type[MambuEntity]] = {
        "CLIENT": MambuClient,
        "GROUP": MambuGroup,
        "LOAN_PRODUCT": MambuLoanProduct,
        "SAVINGS_PRODUCT": MambuDepositProduct,
        "LOAN_ACCOUNT": MambuLoan,
        "DEPOSIT_ACCOUNT": MambuDeposit,
        "BRANCH": MambuBranch,
        "CENTRE": MambuCentre,
        "USER": MambuUser,
    }
    return classes.get(link_type)


@attrs.define(slots=False, kw_only=True)
class MambuTask(WritableMixin, AssignedUserMixin):
    """A task; ``await task.get_task_link()`` reads what it is about, ``get_assigned_user()`` whose it is.

    Required on create: ``title``, ``dueDate``. Read-only: ``encodedKey``, ``createdByUserKey``,
    ``createdByFullName``, ``creationDate``, ``lastModifiedDate``.
    """

    _prefix = "tasks"
    #: ``GET /tasks`` query filters.
    _filter_keys = ("username", "clientId", "groupId", "status")
    #: ``sortBy`` fields of ``GET /tasks``.
    _sort_by_fields = ("id", "title", "dueDate", "status", "creationDate", "lastModifiedDate")

    id: int | None = None
    encoded_key: str | None = None
    title: str | None = None
    description: str | None = None
    due_date: dt.date | None = None
    status: TaskStatus | str | None = None
    assigned_user_key: str | None = None
    created_by_user_key: str | None = None
    created_by_full_name: str | None = None
    task_link_key: str | None = None
    task_link_type: TaskLinkType | str | None = None
    template_key: str | None = None
    creation_date: dt.datetime | None = None
    last_modified_date: dt.datetime | None = None

    async def get_task_link(
        self, *, details_level: DetailsLevel = "FULL", refresh: bool = False
    ) -> MambuEntity | None:
        """The client, group, account, product, branch, centre or user the task is linked to."""
        if self.task_link_key is None:
            return None
        cls = _link_class(str(self.task_link_type))
        if cls is None:
            return None
        return await self._related(cls, self.task_link_key, details_level=details_level, refresh=refresh)
