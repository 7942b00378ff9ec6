"""Clients: ``MambuClient`` and its value objects (addresses, id documents, portal settings).

The entity's attributes, value objects and enums are generated from Mambu's ``clients.json`` into
:mod:`mambu_async.entities.generated.clients` (``python tools/generate_models.py``) and re-exported
here; this module adds the entity's endpoints, list filters, search fields and behaviours.
"""

from __future__ import annotations

import attrs

from mambu_async.entities.base import SearchableMixin, WritableMixin
from mambu_async.entities.behaviours.bundles import ClientBehaviours
from mambu_async.entities.generated.clients import *  # noqa: F403  (the value objects and enums)
from mambu_async.entities.generated.clients import Client, ClientRole
from mambu_async.search_fields import CLIENT_FILTER_FIELDS, CLIENT_SORTING_FIELDS


@attrs.define(slots=False, kw_only=True)
class MambuClient(Client, WritableMixin, SearchableMixin, ClientBehaviours):
    """Mambu's ``Client`` (clients.json) with the endpoints and behaviours of ``/clients``.

    The attributes, and which are required on create or read-only, are those of :class:`Client`.
    """

    _prefix = "clients"
    _owner_type = "CLIENT"
    #: ``GET /clients`` query filters (clients.json).
    _filter_keys = (
        "firstName",
        "lastName",
        "idNumber",
        "branchId",
        "centreId",
        "creditOfficerUsername",
        "state",
        "birthDate",
    )
    #: ``sortBy`` fields of ``GET /clients`` (clients.json).
    _sort_by_fields = (
        "firstName",
        "lastName",
        "creationDate",
        "lastModifiedDate",
    )
    #: ``ClientFilterCriteria.field`` (:mod:`mambu_async.search_fields`).
    _search_fields = CLIENT_FILTER_FIELDS
    #: ``ClientSortingCriteria.field`` (:mod:`mambu_async.search_fields`).
    _search_sort_fields = CLIENT_SORTING_FIELDS

    async def get_role(self) -> ClientRole:
        """``GET /clients/{id}/role``: the client's role (its client type: ``can_guarantee``...)."""
        connector = self._require_connector()
        return ClientRole.from_wire(await connector.mambu_get_client_role(self._entity_id()))
