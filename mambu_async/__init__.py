"""mambu_async: an asyncio client library for Mambu's REST API v2."""

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
)

__version__ = "0.1.0"

__all__ = [
    "MambuAuthenticationError",
    "MambuBadRequestError",
    "MambuConflictError",
    "MambuConnectionError",
    "MambuConnector",
    "MambuConnectorReader",
    "MambuConnectorWriter",
    "MambuError",
    "MambuErrorDetail",
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
