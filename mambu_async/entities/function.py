"""``MambuFunction``: a Mambu Function, custom code Mambu runs at an extension point (seed 004).

The Functions API lives under ``/api/mambu-functions`` and answers the ``MambuFunction`` schema: ``name``
(the function's id), ``state`` (its deployment state), ``version``, ``lastModifiedDate`` (UTC) and
``extensionPointId``. The code itself is write-only: :meth:`MambuFunction.create` and
:meth:`MambuFunction.update` take the source and the connector sends it base64-encoded.

    fn = await MambuFunction.create(
        connector=c, name="fee-1", extension_point_id="DEPOSIT_FEE_AMOUNT", version="v1",
        code="exports.default = async (input) => input.totalBalance * 0.01;",
    )
    if fn.state is FunctionState.ACTIVE: ...
    await fn.update(version="v2", code=new_source)
    await fn.delete()          # state REMOVING; Mambu removes it after 24 hours
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Self

import attrs

from mambu_async.connector.base import MambuConnector
from mambu_async.entities.model import MambuModel
from mambu_async.errors import MambuResponseError, MambuValidationError

__all__ = ["FunctionState", "MambuFunction"]


class FunctionState(enum.StrEnum):
    """``MambuFunction.state``: where the function's deployment stands."""

    CREATE_PENDING = "CREATE_PENDING"
    UPDATE_PENDING = "UPDATE_PENDING"
    ACTIVE = "ACTIVE"
    FAILED = "FAILED"
    REMOVING = "REMOVING"


@attrs.define(slots=False, kw_only=True)
class MambuFunction(MambuModel):
    """A deployed Mambu Function. Read-only fields: all (write through :meth:`create` / :meth:`update`)."""

    name: str | None = None
    state: FunctionState | str | None = None
    version: str | None = None
    last_modified_date: dt.datetime | None = None
    extension_point_id: str | None = None

    connector: MambuConnector | None = attrs.field(
        default=None, eq=False, repr=False, metadata={"local": True}
    )
    """The connector instance methods use."""

    @classmethod
    def _from_response(cls, data: Any, connector: MambuConnector) -> Self:
        if not isinstance(data, dict):
            raise MambuResponseError(f"expected a MambuFunction object, got {type(data).__name__}", body=data)
        obj = cls.from_wire(data)
        obj.__dict__["connector"] = connector
        return obj

    def _require(self) -> tuple[MambuConnector, str]:
        if self.connector is None:
            raise MambuValidationError("MambuFunction has no connector: pass connector= or set fn.connector")
        name = self._raw.get("name") or self.name
        if not name:
            raise MambuValidationError("MambuFunction has no name yet (create() it first)")
        return self.connector, str(name)

    @classmethod
    async def get(cls, name: str, *, connector: MambuConnector) -> Self:
        """``GET /mambu-functions/{name}``."""
        return cls._from_response(await connector.mambu_get_function(name), connector)

    @classmethod
    async def get_all(
        cls,
        *,
        connector: MambuConnector,
        extension_point_id: str | None = None,
        offset: int | None = None,
        limit: int | None = None,
    ) -> list[Self]:
        """``GET /mambu-functions`` (of one extension point when given); ``limit=None`` reads them all."""
        rows = await connector.mambu_get_functions(extension_point_id, offset, limit)
        return [cls._from_response(row, connector) for row in rows]

    @classmethod
    async def create(
        cls,
        *,
        connector: MambuConnector,
        name: str,
        extension_point_id: str,
        version: str,
        code: str | bytes,
        language_id: str = "es2020",
    ) -> Self:
        """``POST /mambu-functions``: deploy ``code`` (the source) as ``name`` at the extension point."""
        data = await connector.mambu_create_function(name, extension_point_id, version, code, language_id)
        return cls._from_response(data, connector)

    async def refresh(self) -> Self:
        """Re-read the function (to follow a pending deployment's ``state``)."""
        connector, name = self._require()
        data = await connector.mambu_get_function(name)
        if not isinstance(data, dict):
            raise MambuResponseError("expected a MambuFunction object", body=data)
        self._reload(data)
        return self

    async def update(self, *, version: str, code: str | bytes, language_id: str = "es2020") -> Self:
        """``PUT /mambu-functions/{name}`` with a new version of the code; the instance follows."""
        connector, name = self._require()
        data = await connector.mambu_update_function(name, version, code, language_id)
        if not isinstance(data, dict):
            raise MambuResponseError("expected a MambuFunction object", body=data)
        self._reload(data)
        return self

    async def delete(self) -> None:
        """``DELETE /mambu-functions/{name}``: schedules the removal (the function turns ``REMOVING``)."""
        connector, name = self._require()
        await connector.mambu_delete_function(name)
