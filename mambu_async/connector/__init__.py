"""Connectors: the async interfaces and their implementations.

``MambuConnectorREST`` (and with it httpx) is imported on first use.
"""

from typing import TYPE_CHECKING

from mambu_async._lazy import lazy_exports
from mambu_async.connector.base import (
    MambuConnector,
    MambuConnectorReader,
    MambuConnectorWriter,
)

if TYPE_CHECKING:
    from mambu_async.connector.rest import MambuConnectorREST
else:
    __getattr__, __dir__ = lazy_exports(
        __name__, {"MambuConnectorREST": "mambu_async.connector.rest"}, globals()
    )

__all__ = ["MambuConnector", "MambuConnectorREST", "MambuConnectorReader", "MambuConnectorWriter"]
