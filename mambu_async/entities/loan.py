"""Loan accounts: ``MambuLoan`` and its value objects (balances, disbursement details, settings).

The entity's attributes, value objects and enums are generated from Mambu's ``loans.json`` into
:mod:`mambu_async.entities.generated.loans` (``python tools/generate_models.py``) and re-exported
here; this module adds the entity's endpoints, list filters, search fields and behaviours.
"""

from __future__ import annotations

import attrs

from mambu_async.entities.base import SearchableMixin, WritableMixin
from mambu_async.entities.behaviours.bundles import LoanBehaviours
from mambu_async.entities.generated.loans import *  # noqa: F403  (the value objects and enums)
from mambu_async.entities.generated.loans import LoanAccount
from mambu_async.search_fields import LOAN_FILTER_FIELDS, LOAN_SORTING_FIELDS


@attrs.define(slots=False, kw_only=True)
class MambuLoan(LoanAccount, WritableMixin, SearchableMixin, LoanBehaviours):
    """Mambu's ``LoanAccount`` (loans.json) with the endpoints and behaviours of ``/loans``.

    The attributes, and which are required on create or read-only, are those of :class:`LoanAccount`.
    """

    _prefix = "loans"
    _owner_type = "LOAN_ACCOUNT"
    #: ``GET /loans`` query filters (loans.json).
    _filter_keys = (
        "creditOfficerUsername",
        "branchId",
        "centreId",
        "accountState",
        "accountHolderType",
        "accountHolderId",
    )
    #: ``sortBy`` fields: not in loans.json; Mambu's v2 docs and MambuPy accept these (inferred).
    _sort_by_fields = (
        "creationDate",
        "lastModifiedDate",
        "id",
        "loanName",
    )
    #: ``LoanAccountFilterCriteria.field`` (:mod:`mambu_async.search_fields`).
    _search_fields = LOAN_FILTER_FIELDS
    #: ``LoanAccountSortingCriteria.field`` (:mod:`mambu_async.search_fields`).
    _search_sort_fields = LOAN_SORTING_FIELDS
