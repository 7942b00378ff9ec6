"""Related entities (the branch, user, centre, product or holder an entity points at), looked up lazily.

``await loan.get_assigned_branch()`` reads the key the entity holds *now* (``assigned_branch_key``),
so assigning a new key makes the next call fetch the new branch. Look-ups go through the entity's own
connector and are cached per connector (:func:`related_cache`): the same key read twice — by one entity
or by many, e.g. the branch of every loan in a page — is fetched once, and concurrent look-ups of one
key share a single request (the first caller's request; later callers await the same future). Failures
are not cached. Each call returns a fresh entity over a copy of the cached document, so changing one
result never changes another. Pass ``refresh=True`` to fetch again, or :func:`clear_related_cache`.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from mambu_async.connector.base import MambuConnector
from mambu_async.connector.validation import DetailsLevel
from mambu_async.entities.base import MambuEntity
from mambu_async.entities.serde import copy_json
from mambu_async.errors import MambuResponseError, MambuValidationError

if TYPE_CHECKING:
    from mambu_async.entities.branch import MambuBranch
    from mambu_async.entities.centre import MambuCentre
    from mambu_async.entities.client import MambuClient
    from mambu_async.entities.group import MambuGroup
    from mambu_async.entities.user import MambuUser

__all__ = [
    "AccountHolderMixin",
    "AssignedBranchMixin",
    "AssignedCentreMixin",
    "AssignedUserMixin",
    "ClientGroupsMixin",
    "RelatedCache",
    "RelatedMixin",
    "clear_related_cache",
    "related_cache",
]

E = TypeVar("E", bound=MambuEntity)
_CacheKey = tuple[str, str, str]


class RelatedCache:
    """Documents of related entities read through one connector, by ``(prefix, key, details level)``."""

    def __init__(self) -> None:
        self._entries: dict[_CacheKey, asyncio.Future[Any]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        """Forget every cached document (requests in flight still answer their callers)."""
        self._entries.clear()

    async def fetch(
        self,
        connector: MambuConnector,
        prefix: str,
        key: str,
        details_level: DetailsLevel,
        *,
        refresh: bool = False,
    ) -> dict[str, Any]:
        """The decoded entity ``prefix/key`` (a private copy), fetched once however many ask."""
        slot = (prefix, key, details_level)
        future = self._entries.get(slot)
        loop = asyncio.get_running_loop()
        if future is None or refresh or (not future.done() and future.get_loop() is not loop):
            future = loop.create_task(connector.mambu_get(key, prefix, details_level))
            self._entries[slot] = future
            future.add_done_callback(lambda done: self._settle(slot, done))
        data = await asyncio.shield(future)
        if not isinstance(data, dict):
            raise MambuResponseError(f"expected an object at {prefix}/{key}", body=data)
        copied: dict[str, Any] = copy_json(data)
        return copied

    def _settle(self, slot: _CacheKey, done: asyncio.Future[Any]) -> None:
        """A failed or cancelled look-up leaves the cache, so the next caller tries again."""
        failed = done.cancelled() or done.exception() is not None
        if failed and self._entries.get(slot) is done:
            del self._entries[slot]


_CACHES: weakref.WeakKeyDictionary[MambuConnector, RelatedCache] = weakref.WeakKeyDictionary()


def related_cache(connector: MambuConnector) -> RelatedCache:
    """The related-entity cache of ``connector`` (created on first use, dropped with the connector)."""
    cache = _CACHES.get(connector)
    if cache is None:
        cache = _CACHES[connector] = RelatedCache()
    return cache


def clear_related_cache(connector: MambuConnector) -> None:
    """Forget the related entities ``connector`` has looked up."""
    cache = _CACHES.get(connector)
    if cache is not None:
        cache.clear()


class RelatedMixin(MambuEntity):
    """Look-ups of related entities through this entity's connector (cached per connector)."""

    async def _related(
        self,
        cls: type[E],
        key: Any,
        *,
        details_level: DetailsLevel = "FULL",
        refresh: bool = False,
    ) -> E | None:
        """The ``cls`` entity with id or encodedKey ``key`` (``None`` when the key is empty)."""
        if key is None or key == "":
            return None
        if not isinstance(key, str):
            raise MambuValidationError(f"{cls.__name__} key must be a string, got {type(key).__name__}")
        level = cls._check_details_level(details_level)
        connector = self._require_connector()
        data = await related_cache(connector).fetch(connector, cls._prefix, key, level, refresh=refresh)
        return cls._from_response(data, connector, level)

    async def _related_many(
        self,
        cls: type[E],
        keys: Iterable[Any],
        *,
        details_level: DetailsLevel = "FULL",
        refresh: bool = False,
    ) -> list[E]:
        """``cls`` entities for ``keys`` in order, fetched concurrently (empty keys skipped)."""
        found = await asyncio.gather(
            *(self._related(cls, k, details_level=details_level, refresh=refresh) for k in keys if k)
        )
        return [entity for entity in found if entity is not None]


class AssignedBranchMixin(RelatedMixin):
    """``get_assigned_branch()`` from ``assigned_branch_key``."""

    async def get_assigned_branch(
        self, *, details_level: DetailsLevel = "FULL", refresh: bool = False
    ) -> MambuBranch | None:
        """The branch this entity is assigned to (``None`` when unassigned)."""
        from mambu_async.entities.branch import MambuBranch

        key = getattr(self, "assigned_branch_key", None)
        return await self._related(MambuBranch, key, details_level=details_level, refresh=refresh)


class AssignedCentreMixin(RelatedMixin):
    """``get_assigned_centre()`` from ``assigned_centre_key``."""

    async def get_assigned_centre(
        self, *, details_level: DetailsLevel = "FULL", refresh: bool = False
    ) -> MambuCentre | None:
        """The centre this entity is assigned to (``None`` when unassigned)."""
        from mambu_async.entities.centre import MambuCentre

        key = getattr(self, "assigned_centre_key", None)
        return await self._related(MambuCentre, key, details_level=details_level, refresh=refresh)


class AssignedUserMixin(RelatedMixin):
    """``get_assigned_user()`` from ``assigned_user_key`` (the credit officer)."""

    async def get_assigned_user(
        self, *, details_level: DetailsLevel = "FULL", refresh: bool = False
    ) -> MambuUser | None:
        """The user this entity is assigned to (``None`` when unassigned)."""
        from mambu_async.entities.user import MambuUser

        key = getattr(self, "assigned_user_key", None)
        return await self._related(MambuUser, key, details_level=details_level, refresh=refresh)


class ClientGroupsMixin(RelatedMixin):
    """``get_groups()`` from a client's ``group_keys``."""

    async def get_groups(
        self, *, details_level: DetailsLevel = "FULL", refresh: bool = False
    ) -> list[MambuGroup]:
        """The groups the client is a member of, fetched concurrently (empty with BASIC details)."""
        from mambu_async.entities.group import MambuGroup

        keys = getattr(self, "group_keys", None) or []
        return await self._related_many(MambuGroup, keys, details_level=details_level, refresh=refresh)


class AccountHolderMixin(RelatedMixin):
    """``get_account_holder()``: the client or group named by ``account_holder_key`` and its type."""

    async def get_account_holder(
        self, *, details_level: DetailsLevel = "FULL", refresh: bool = False
    ) -> MambuClient | MambuGroup | None:
        """The holder: a :class:`MambuClient` (type ``CLIENT``) or a :class:`MambuGroup` (``GROUP``)."""
        from mambu_async.entities.client import MambuClient
        from mambu_async.entities.group import MambuGroup

        key = getattr(self, "account_holder_key", None)
        holder_type = getattr(self, "account_holder_type", None)
        holder_cls: type[MambuClient] | type[MambuGroup]
        if holder_type == "CLIENT":
            holder_cls = MambuClient
        elif holder_type == "GROUP":
            holder_cls = MambuGroup
        elif key is None:
            return None
        else:
            raise MambuValidationError(f"unknown account holder type {holder_type!r} (CLIENT or GROUP)")
        return await self._related(holder_cls, key, details_level=details_level, refresh=refresh)
