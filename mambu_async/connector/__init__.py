"""Connectors: the async interfaces and their implementations."""

from mambu_async.connector.base import (
    MambuConnector,
    MambuConnectorReader,
    MambuConnectorWriter,
)
from mambu_async.connector.rest import MambuConnectorREST

__all__ = ["MambuConnector", "MambuConnectorREST", "MambuConnectorReader", "MambuConnectorWriter"]
