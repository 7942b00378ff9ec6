"""Loan products: ``MambuLoanProduct`` and its settings value objects.

The entity's attributes, value objects and enums are generated from Mambu's ``loanproducts.json`` into
:mod:`mambu_async.entities.generated.loanproducts` (``python tools/generate_models.py``) and re-exported
here; this module adds the entity's endpoints, list filters, search fields and behaviours.
"""

from __future__ import annotations

import attrs

from mambu_async.entities.base import WritableMixin
from mambu_async.entities.behaviours.bundles import ProductBehaviours
from mambu_async.entities.generated.loanproducts import *  # noqa: F403  (the value objects and enums)
from mambu_async.entities.generated.loanproducts import LoanProduct


@attrs.define(slots=False, kw_only=True)
class MambuLoanProduct(LoanProduct, WritableMixin, ProductBehaviours):
    """Mambu's ``LoanProduct`` (loanproducts.json) with the endpoints and behaviours of ``/loanproducts``.

    The attributes, and which are required on create or read-only, are those of :class:`LoanProduct`.
    """

    _prefix = "loanproducts"
    _owner_type = "LOAN_PRODUCT"
    #: ``sortBy`` fields of ``GET /loanproducts`` (loanproducts.json).
    _sort_by_fields = (
        "id",
        "productName",
        "creationDate",
        "lastModifiedDate",
    )
