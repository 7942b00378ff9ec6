"""mambu_async: an asyncio client library for Mambu's REST API v2.

The connector ABCs and the errors are imported with the package; ``MambuConnectorREST`` (httpx) and
the entity classes on first use (``from mambu_async import MambuLoan`` imports what MambuLoan needs).
"""

from typing import TYPE_CHECKING

from mambu_async._lazy import lazy_exports
from mambu_async._version import __version__
from mambu_async.connector.base import (
    MambuConnector,
    MambuConnectorReader,
    MambuConnectorWriter,
)
from mambu_async.errors import (
    MambuAuthenticationError,
    MambuBadRequestError,
    MambuConflictError,
    MambuConnectionError,
    MambuError,
    MambuErrorDetail,
    MambuNotFoundError,
    MambuNotImplementedError,
    MambuPermissionError,
    MambuRateLimitError,
    MambuResponseError,
    MambuServerError,
    MambuTimeoutError,
    MambuValidationError,
    MambuWriteCommittedError,
)

if TYPE_CHECKING:
    from mambu_async.connector.rest import MambuConnectorREST
    from mambu_async.entities import (
        F,
        MambuBranch,
        MambuCentre,
        MambuClient,
        MambuComment,
        MambuCustomField,
        MambuCustomFieldSet,
        MambuDeposit,
        MambuDepositProduct,
        MambuDepositTransaction,
        MambuDocument,
        MambuFieldError,
        MambuGroup,
        MambuInstallment,
        MambuLoan,
        MambuLoanProduct,
        MambuLoanTransaction,
        MambuRole,
        MambuTask,
        MambuUser,
    )
else:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "MambuConnectorREST": "mambu_async.connector.rest",
            "F": "mambu_async.entities.search",
            "MambuBranch": "mambu_async.entities.branch",
            "MambuCentre": "mambu_async.entities.centre",
            "MambuClient": "mambu_async.entities.client",
            "MambuComment": "mambu_async.entities.comment",
            "MambuCustomField": "mambu_async.entities.custom_fields",
            "MambuCustomFieldSet": "mambu_async.entities.custom_field_sets",
            "MambuDeposit": "mambu_async.entities.deposit",
            "MambuDepositProduct": "mambu_async.entities.deposit_product",
            "MambuDepositTransaction": "mambu_async.entities.transaction",
            "MambuDocument": "mambu_async.entities.document",
            "MambuFieldError": "mambu_async.entities.serde",
            "MambuGroup": "mambu_async.entities.group",
            "MambuInstallment": "mambu_async.entities.installment",
            "MambuLoan": "mambu_async.entities.loan",
            "MambuLoanProduct": "mambu_async.entities.product",
            "MambuLoanTransaction": "mambu_async.entities.transaction",
            "MambuRole": "mambu_async.entities.role",
            "MambuTask": "mambu_async.entities.task",
            "MambuUser": "mambu_async.entities.user",
        },
        globals(),
    )

__all__ = [
    "F",
    "MambuAuthenticationError",
    "MambuBadRequestError",
    "MambuBranch",
    "MambuCentre",
    "MambuClient",
    "MambuComment",
    "MambuConflictError",
    "MambuConnectionError",
    "MambuConnector",
    "MambuConnectorREST",
    "MambuConnectorReader",
    "MambuConnectorWriter",
    "MambuCustomField",
    "MambuCustomFieldSet",
    "MambuDeposit",
    "MambuDepositProduct",
    "MambuDepositTransaction",
    "MambuDocument",
    "MambuError",
    "MambuErrorDetail",
    "MambuFieldError",
    "MambuGroup",
    "MambuInstallment",
    "MambuLoan",
    "MambuLoanProduct",
    "MambuLoanTransaction",
    "MambuNotFoundError",
    "MambuNotImplementedError",
    "MambuPermissionError",
    "MambuRateLimitError",
    "MambuResponseError",
    "MambuRole",
    "MambuServerError",
    "MambuTask",
    "MambuTimeoutError",
    "MambuUser",
    "MambuValidationError",
    "MambuWriteCommittedError",
    "__version__",
]
