"""mambu_async: an asyncio client library for Mambu's REST API v2."""

from mambu_async._version import __version__
from mambu_async.connector.base import (
    MambuConnector,
    MambuConnectorReader,
    MambuConnectorWriter,
)
from mambu_async.connector.rest import MambuConnectorREST
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
    "MambuAuthenticationError",
    "MambuBadRequestError",
    "MambuConflictError",
    "MambuConnectionError",
    "MambuConnector",
    "MambuConnectorREST",
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
