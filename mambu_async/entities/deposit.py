"""Deposit accounts: ``MambuDeposit`` and its value objects (balances, interest, overdraft).

The entity's attributes, value objects and enums are generated from Mambu's ``deposit_accounts.json`` into
:mod:`mambu_async.entities.generated.deposit_accounts` (``python tools/generate_models.py``) and re-exported
here; this module adds the entity's endpoints, list filters, search fields and behaviours.
"""

from __future__ import annotations

import attrs

from mambu_async.entities.base import SearchableMixin, WritableMixin
from mambu_async.entities.behaviours.bundles import DepositBehaviours
from mambu_async.entities.generated.deposit_accounts import *  # noqa: F403  (the value objects and enums)
from mambu_async.entities.generated.deposit_accounts import DepositAccount
from mambu_async.search_fields import DEPOSIT_FILTER_FIELDS, DEPOSIT_SORTING_FIELDS


@attrs.define(slots=False, kw_only=True)
class MambuDeposit(DepositAccount, WritableMixin, SearchableMixin, DepositBehaviours):
    """Mambu's ``DepositAccount`` (deposit_accounts.json) with the endpoints and behaviours of ``/deposits``.

    The attributes, and which are required on create or read-only, are those of :class:`DepositAccount`.
    """

    _prefix = "deposits"
    _owner_type = "DEPOSIT_ACCOUNT"
    #: ``GET /deposits`` query filters (deposit_accounts.json).
    _filter_keys = (
        "creditOfficerUsername",
        "branchId",
        "centreId",
        "accountState",
        "accountHolderType",
        "accountHolderId",
    )
    #: ``sortBy`` fields: not in deposit_accounts.json (inferred from Mambu's v2 docs).
    _sort_by_fields = (
        "creationDate",
        "lastModifiedDate",
        "id",
        "name",
    )
    #: ``DepositAccountFilterCriteria.field`` (:mod:`mambu_async.search_fields`).
    _search_fields = DEPOSIT_FILTER_FIELDS
    #: ``DepositAccountSortingCriteria.field`` (:mod:`mambu_async.search_fields`).
    _search_sort_fields = DEPOSIT_SORTING_FIELDS
