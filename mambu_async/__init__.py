"""mambu_async: an asyncio client library for Mambu's REST API v2."""

from mambu_async._version import __version__
from mambu_async.connector.base import (
    MambuConnector,
    MambuConnectorReader,
    MambuConnectorWriter,
)
from mambu_async.connector.rest import MambuConnectorREST
from mambu_async.entities import (
    F,
    MambuClient,
    MambuCustomField,
    MambuDeposit,
    MambuFieldError,
    MambuLoan,
    MambuLoanProduct,
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
)

__all__ = [
    "F",
    "MambuAuthenticationError",
    "MambuBadRequestError",
    "MambuClient",
    "MambuConflictError",
    "MambuConnectionError",
    "MambuConnector",
    "MambuConnectorREST",
    "MambuConnectorReader",
    "MambuConnectorWriter",
    "MambuCustomField",
    "MambuDeposit",
    "MambuError",
    "MambuErrorDetail",
    "MambuFieldError",
    "MambuLoan",
    "MambuLoanProduct",
    "MambuNotFoundError",
    "MambuNotImplementedError",
    "MambuPermissionError",
    "MambuRateLimitError",
    "MambuResponseError",
    "MambuServerError",
    "MambuTimeoutError",
    "MambuValidationError",
    "__version__",
]
