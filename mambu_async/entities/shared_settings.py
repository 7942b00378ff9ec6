"""Value objects that several of Mambu's OpenAPI files define identically.

``BranchSettings``, ``CreditArrangementSettings`` and ``DecimalInterval`` are the same definitions in
``loanproducts.json`` and ``depositproducts.json``; ``MonthAndDay`` is the same in
``depositproducts.json`` and ``deposit_accounts.json``. Each is generated once, into
:mod:`mambu_async.entities.generated.shared` (``python tools/generate_models.py``), and re-exported here.
"""

from mambu_async.entities.generated.shared import *  # noqa: F403  (the value objects and enums)
