"""Deposit products: ``MambuDepositProduct`` and its settings value objects.

The entity's attributes, value objects and enums are generated from Mambu's ``depositproducts.json`` into
:mod:`mambu_async.entities.generated.depositproducts` (``python tools/generate_models.py``) and re-exported
here; this module adds the entity's endpoints, list filters, search fields and behaviours.
Documents and comments about a deposit product use Mambu's owner type ``SAVINGS_PRODUCT``.
"""

from __future__ import annotations

import attrs

from mambu_async.entities.base import WritableMixin
from mambu_async.entities.behaviours.bundles import ProductBehaviours
from mambu_async.entities.behaviours.product_actions import DepositProductActionsMixin
from mambu_async.entities.generated.depositproducts import *  # noqa: F403  (the value objects and enums)
from mambu_async.entities.generated.depositproducts import DepositProduct


@attrs.define(slots=False, kw_only=True)
class MambuDepositProduct(DepositProduct, WritableMixin, ProductBehaviours, DepositProductActionsMixin):
    """Mambu's ``DepositProduct`` (depositproducts.json) with the endpoints and behaviours of
    ``/depositproducts``.

    The attributes, and which are required on create or read-only, are those of :class:`DepositProduct`.
    """

    _prefix = "depositproducts"
    _owner_type = "SAVINGS_PRODUCT"
    #: ``sortBy`` fields (as for loan products; depositproducts.json documents no list).
    _sort_by_fields = (
        "id",
        "productName",
        "creationDate",
        "lastModifiedDate",
    )
