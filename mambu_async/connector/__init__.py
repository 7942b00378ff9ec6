"""Connectors: the async interfaces and their implementations."""

from mambu_async.connector.base import (
    MambuConnector,
    MambuConnectorReader,
    MambuConnectorWriter,
)

__all__ = ["MambuConnector", "MambuConnectorReader", "MambuConnectorWriter"]
