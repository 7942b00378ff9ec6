"""``MambuEntity`` and its behaviour mixins: entities delegate every request to a connector.

An entity class is an attrs model (:class:`~mambu_async.entities.model.MambuModel`: lazy, lossless,
change-tracked) plus class-level configuration; it reaches Mambu only through the ``mambu_*`` operations
of the connector passed as ``connector=`` (class methods) or remembered by the instance (the one it was
read with, or ``MambuClient(..., connector=c)``, or ``entity.connector = c``).

Reading: ``await E.get(id, connector=c)`` (FULL by default), ``await E.get_all(connector=c, ...)`` (a
list, BASIC by default), ``E.iterate(connector=c, ...)`` (an async iterator with ``aclose()``, streaming
every match), ``await E.search(connector=c, filter_criteria=[F(...)...])`` (searchable entities).
Writing (:class:`WritableMixin`): ``create()``, ``update()`` (PUT of the complete loaded document with the
changes applied; refused on a BASIC-loaded entity), ``patch(fields=None)`` (JSON-patch of exactly the
changed attributes and custom fields), ``delete()``.

Extension points (for more entities and behaviours):

- **A new entity**: subclass ``MambuEntity`` (plus the mixins it supports) with
  ``@attrs.define(slots=False, kw_only=True)``; declare its wire fields as attributes defaulting to
  ``None`` (camelCase keys are derived; ``attrs.field(default=None, metadata={"wire": "productID"})``
  overrides), and set the class variables: ``_prefix`` (URL prefix, e.g. ``"groups"``), ``_owner_type``
  (Mambu's owner type for comments/documents, e.g. ``"GROUP"``), ``_filter_keys`` (the ``GET`` list
  filters), ``_sort_by_fields`` (``sortBy`` fields; ``None`` = unchecked, ``()`` = not sortable),
  ``_search_fields`` / ``_search_sort_fields`` (``filterCriteria`` / ``sortingCriteria`` fields).
  Value objects subclass ``MambuModel`` the same way. Export the class from ``entities/__init__.py``.
- **A new behaviour**: a mixin class deriving from :class:`MambuEntity` without new attrs fields
  (like :class:`WritableMixin`), whose methods use ``self._require_connector()``, ``self._entity_id()``
  (encodedKey, else id, as loaded), ``type(self)._prefix`` / ``_owner_type`` and call one
  ``mambu_*`` operation; after a write that returns the entity call ``self._reload(data)``; if the write
  returns nothing but changed state, ``await self.refresh()``. Typical next mixins: commentable
  (``mambu_get_comments`` / ``mambu_comment``), attachable (``mambu_upload_document`` /
  ``mambu_get_documents_metadata``), state change (``mambu_change_state`` checked with
  ``validation.check_state_action``), loan operations (``mambu_make_disbursement`` ...).
- **Different wire rules for one entity**: override ``_from_response`` (how a decoded dict becomes an
  instance) or the ``get``/``get_all`` class methods (e.g. an entity only readable at FULL).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Self, TypeVar

import attrs

from mambu_async.connector.base import MambuConnector, RequestTimeout
from mambu_async.connector.validation import DetailsLevel, check_details_level
from mambu_async.entities.custom_values import CustomFields
from mambu_async.entities.model import MambuModel, PatchOp, apply_ops, model_fields
from mambu_async.entities.search import (
    Criterion,
    F,
    Sort,
    check_fields,
    render_criteria,
    render_sort_by,
    render_sorting,
)
from mambu_async.entities.serde import is_strict, to_camel
from mambu_async.errors import MambuResponseError, MambuValidationError

if TYPE_CHECKING:
    from mambu_async.connector.base import EntityStream, PageInfo

__all__ = [
    "EntityIterator",
    "MambuBasicDetailsError",
    "MambuEntity",
    "SearchOnlyMixin",
    "SearchableMixin",
    "WritableMixin",
]

E = TypeVar("E", bound="MambuEntity")

FilterCriteria = Sequence[Criterion | Mapping[str, Any]] | Criterion
SortSpec = str | Sort | Sequence[Sort]


def _custom_fields(value: Any) -> CustomFields:
    """``custom_fields`` as assigned: a mapping of set id to fields (or rows), else refused."""
    if isinstance(value, CustomFields):
        return value
    if not isinstance(value, Mapping):
        raise MambuValidationError(
            f"custom_fields must map set ids to their fields, e.g. {{'_Set': {{'field': 'value'}}}}, "
            f"got {type(value).__name__}"
        )
    return CustomFields(value)


class MambuBasicDetailsError(MambuValidationError):
    """``update()`` on an entity loaded with BASIC details would erase what BASIC left out."""


@attrs.define(slots=False, kw_only=True)
class MambuEntity(MambuModel):
    """An entity Mambu serves under ``/{_prefix}``; see the module docstring for the extension points."""

    _prefix: ClassVar[str] = ""
    _owner_type: ClassVar[str | None] = None
    _filter_keys: ClassVar[tuple[str, ...]] = ()
    _sort_by_fields: ClassVar[tuple[str, ...] | None] = None
    _search_fields: ClassVar[tuple[str, ...] | None] = None
    _search_sort_fields: ClassVar[tuple[str, ...] | None] = None

    connector: MambuConnector | None = attrs.field(
        default=None, eq=False, repr=False, metadata={"local": True}
    )
    """The connector instance methods use."""

    custom_fields: CustomFields = attrs.field(factory=CustomFields, repr=False, metadata={"local": True})
    """Custom field sets by set id (``_Set``): a dict of fields, or a list of rows for grouped sets
    (assigning any mapping of sets stores it as :class:`CustomFields`)."""

    _details_level: DetailsLevel | None = attrs.field(
        default=None, init=False, eq=False, repr=False, metadata={"local": True}
    )

    # --- model hooks -------------------------------------------------------------------------------

    def __getattr__(self, name: str) -> Any:
        if name == "custom_fields" and "_raw" in self.__dict__:
            found = CustomFields.from_document(self.__dict__["_raw"])
            self.__dict__["custom_fields"] = found
            return found
        return super().__getattr__(name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "custom_fields":
            value = _custom_fields(value)
        super().__setattr__(name, value)

    def _allows_extra_key(self, key: str) -> bool:
        return key.startswith("_")

    def to_wire(self) -> dict[str, Any]:
        """The complete document: loaded keys and custom field sets verbatim, changes applied."""
        doc = super().to_wire()
        custom = self.__dict__.get("custom_fields")
        if custom is not None:
            for key in [k for k in doc if k.startswith("_")]:
                del doc[key]
            doc.update(custom.to_wire())
        return doc

    def diff(self, prefix: str = "") -> list[PatchOp]:
        """Patch operations for every attribute and custom field changed since load."""
        ops = super().diff(prefix)
        custom = self.__dict__.get("custom_fields")
        if custom is not None:
            ops.extend(custom.diff(self._raw))
        return ops

    def _reload(self, data: dict[str, Any]) -> None:
        super()._reload(data)
        self.__dict__.pop("custom_fields", None)

    @property
    def details_level(self) -> DetailsLevel | None:
        """``"BASIC"`` or ``"FULL"`` as last read from Mambu (``None`` for an entity built locally)."""
        return self._details_level

    # --- plumbing for mixins -------------------------------------------------------------------

    @classmethod
    def _from_response(cls, data: Any, connector: MambuConnector, details_level: DetailsLevel | None) -> Self:
        """An instance over one decoded entity from ``connector``."""
        if not isinstance(data, dict):
            raise MambuResponseError(
                f"expected a {cls.__name__} object, got {type(data).__name__}", body=data
            )
        # Outside strict mode, from_wire's lazy construction in one step (a bulk pull builds one per record).
        obj = cls.from_wire(data) if is_strict() else cls._lazy(data, cls.__name__)
        state = obj.__dict__
        state["connector"] = connector
        state["_details_level"] = details_level
        return obj

    def _require_connector(self) -> MambuConnector:
        connector = self.connector
        if connector is None:
            raise MambuValidationError(
                f"{type(self).__name__} has no connector: pass connector= or set entity.connector"
            )
        return connector

    def _entity_id(self) -> str:
        """The encodedKey (else id) the entity was loaded with: stable even if ``id`` is being changed."""
        for key in ("encodedKey", "id"):
            value = self._raw.get(key)
            if value:
                return str(value)
        for name in ("encoded_key", "id"):
            value = getattr(self, name, None)
            if value:
                return str(value)
        raise MambuValidationError(f"{type(self).__name__} has no id or encodedKey yet (create() it first)")

    @classmethod
    def _check_details_level(cls, details_level: Any) -> DetailsLevel:
        return check_details_level(details_level)

    @classmethod
    def _check_filters(cls, filters: Mapping[str, Any] | None) -> dict[str, Any] | None:
        if filters is None:
            return None
        if not isinstance(filters, Mapping):
            raise MambuValidationError("filters must be a dict of Mambu's list filters")
        if not cls._filter_keys and filters:
            raise MambuValidationError(f"{cls.__name__} lists take no filters")
        check_fields(filters, cls._filter_keys, "filter")
        return dict(filters)

    # --- reading ---------------------------------------------------------------------------------

    @classmethod
    async def get(
        cls,
        entid: str,
        *,
        connector: MambuConnector,
        details_level: DetailsLevel = "FULL",
        timeout: RequestTimeout | None = None,
    ) -> Self:
        """``GET /{prefix}/{entid}`` (id or encodedKey); ``timeout`` applies to this call only."""
        level = cls._check_details_level(details_level)
        data = await connector_for_call(connector, timeout).mambu_get(entid, cls._prefix, level)
        return cls._from_response(data, connector, level)

    @classmethod
    async def get_all(
        cls,
        *,
        connector: MambuConnector,
        filters: Mapping[str, Any] | None = None,
        offset: int | None = None,
        limit: int | None = None,
        sort_by: SortSpec | None = None,
        details_level: DetailsLevel = "BASIC",
        timeout: RequestTimeout | None = None,
    ) -> list[Self]:
        """``GET /{prefix}`` with Mambu's list filters; ``limit=None`` reads every match into a list."""
        level = cls._check_details_level(details_level)
        rows = await connector_for_call(connector, timeout).mambu_get_all(
            cls._prefix,
            filters=cls._check_filters(filters),
            offset=offset,
            limit=limit,
            detailsLevel=level,
            sortBy=render_sort_by(sort_by, cls._sort_by_fields),
        )
        if not isinstance(rows, list):
            raise MambuResponseError(
                f"expected a list of {cls.__name__}, got {type(rows).__name__}", body=rows
            )
        return [cls._from_response(row, connector, level) for row in rows]

    @classmethod
    def iterate(
        cls,
        *,
        connector: MambuConnector,
        filters: Mapping[str, Any] | None = None,
        filter_criteria: FilterCriteria | None = None,
        sorting_criteria: Sort | Mapping[str, Any] | None = None,
        sort_by: SortSpec | None = None,
        details_level: DetailsLevel = "BASIC",
        concurrency: int | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
        on_page: Callable[[PageInfo], None] | None = None,
        timeout: RequestTimeout | None = None,
    ) -> EntityIterator[Self]:
        """Stream every match as entities (not awaited): ``async for loan in MambuLoan.iterate(...)``.

        ``filters``/``sort_by`` use the ``GET`` list; ``filter_criteria``/``sorting_criteria`` the search
        endpoint of searchable entities. Close early with ``await it.aclose()`` (or ``async with``).
        ``timeout`` applies to each page request of this pull.
        """
        level = cls._check_details_level(details_level)
        criteria = sorting = None
        if filter_criteria is not None or sorting_criteria is not None:
            if not issubclass(cls, SearchableMixin):
                raise MambuValidationError(f"{cls.__name__} has no search: use filters= and sort_by=")
            criteria = render_criteria(_as_list(filter_criteria), cls._search_fields)
            sorting = render_sorting(sorting_criteria, cls._search_sort_fields)
        stream = connector_for_call(connector, timeout).mambu_iterate(
            cls._prefix,
            filters=cls._check_filters(filters),
            filterCriteria=criteria,
            sortingCriteria=sorting,
            sortBy=render_sort_by(sort_by, cls._sort_by_fields),
            detailsLevel=level,
            concurrency=concurrency,
            page_size=page_size,
            cursor=cursor,
            on_page=on_page,
        )
        return EntityIterator(stream, cls, connector, level)

    async def refresh(
        self, details_level: DetailsLevel | None = None, *, timeout: RequestTimeout | None = None
    ) -> Self:
        """Re-read the entity (at ``details_level``, else the level it was read with, else FULL).

        Unsaved local changes are discarded.
        """
        level = self._check_details_level(details_level or self._details_level or "FULL")
        connector = connector_for_call(self._require_connector(), timeout)
        data = await connector.mambu_get(self._entity_id(), type(self)._prefix, level)
        if not isinstance(data, dict):
            raise MambuResponseError(f"expected a {type(self).__name__} object", body=data)
        self._reload(data)
        self.__dict__["_details_level"] = level
        return self


class WritableMixin(MambuEntity):
    """``create`` / ``update`` / ``patch`` / ``delete``."""

    async def create(self, *, timeout: RequestTimeout | None = None) -> Self:
        """``POST /{prefix}`` with this entity; the instance becomes the created entity (FULL)."""
        connector = connector_for_call(self._require_connector(), timeout)
        doc = self.to_wire()
        data = await connector.mambu_create(type(self)._prefix, doc)
        self._reload(data if isinstance(data, dict) else doc)
        self.__dict__["_details_level"] = "FULL"
        return self

    async def update(self, *, timeout: RequestTimeout | None = None) -> Self:
        """``PUT`` the complete loaded document with the changes applied (unknown keys verbatim).

        Refused on an entity read with BASIC details (it would erase what BASIC left out): use
        :meth:`patch` or ``refresh(details_level="FULL")`` first.
        """
        if self._details_level == "BASIC":
            raise MambuBasicDetailsError(
                f"{type(self).__name__} was read with BASIC details: update() would erase custom fields "
                "and nested data; use patch() or refresh(details_level='FULL') first"
            )
        connector = connector_for_call(self._require_connector(), timeout)
        doc = self.to_wire()
        data = await connector.mambu_update(self._entity_id(), type(self)._prefix, doc)
        self._reload(data if isinstance(data, dict) else doc)
        return self

    def changes(self, fields: Sequence[str] | None = None) -> list[PatchOp]:
        """The JSON-patch operations :meth:`patch` would send (nothing is sent)."""
        ops = self.diff()
        if fields is None:
            return ops
        if isinstance(fields, str) or not isinstance(fields, Iterable):
            raise MambuValidationError("fields must be a list of names, e.g. ['loan_name', '_Set.field']")
        selected: list[PatchOp] = []
        matchers = [self._path_matcher(name) for name in fields]
        for op in ops:
            if any(match(op["path"]) for match in matchers):
                selected.append(op)
        return selected

    def _path_matcher(self, name: str) -> Callable[[str], bool]:
        """Which patch paths belong to ``name`` (``loan_name``, ``loanName``, ``a.b``, ``_Set[.field]``)."""
        if not isinstance(name, str) or not name:
            raise MambuValidationError(f"a field to patch is a non-empty name, got {name!r}")
        if name.startswith("_"):
            set_id, _, field = name.partition(".")
            if not field:
                return lambda p: p == f"/{set_id}" or p.startswith(f"/{set_id}/")
            return lambda p: (
                p == f"/{set_id}" or (p.startswith(f"/{set_id}/") and p.rsplit("/", 1)[-1] == field)
            )
        head, *rest = name.split(".")
        fields = model_fields(type(self))
        spec = fields.get(head) or next((s for s in fields.values() if s.wire == head), None)
        if spec is None:
            raise MambuValidationError(
                f"{type(self).__name__} has no field {head!r} to patch; custom fields are named '_Set.field'"
            )
        prefix = "/" + "/".join([spec.wire, *(to_camel(part) for part in rest)])
        return lambda p: p == prefix or p.startswith(prefix + "/")

    async def patch(
        self, fields: Sequence[str] | None = None, *, timeout: RequestTimeout | None = None
    ) -> list[PatchOp]:
        """``PATCH`` exactly what changed since load (or the changed ones among ``fields``).

        One changed attribute is one operation: REPLACE, ADD when the field was absent, REMOVE when set to
        ``None``; custom fields use Mambu's paths ``/_Set/field`` and ``/_Set/0/field``. Nothing is sent
        when nothing changed. Returns the operations sent.
        """
        ops = self.changes(fields)
        if not ops:
            return []
        connector = connector_for_call(self._require_connector(), timeout)
        await connector.mambu_patch(self._entity_id(), type(self)._prefix, ops)
        apply_ops(self._raw, ops)
        return ops

    async def delete(self, *, timeout: RequestTimeout | None = None) -> None:
        """``DELETE /{prefix}/{id}``."""
        connector = connector_for_call(self._require_connector(), timeout)
        await connector.mambu_delete(self._entity_id(), type(self)._prefix)


class SearchableMixin(MambuEntity):
    """``search`` through ``POST /{prefix}:search``."""

    @classmethod
    async def search(
        cls,
        *,
        connector: MambuConnector,
        filter_criteria: FilterCriteria | None = None,
        sorting_criteria: Sort | Mapping[str, Any] | None = None,
        offset: int | None = None,
        limit: int | None = None,
        details_level: DetailsLevel = "BASIC",
        timeout: RequestTimeout | None = None,
    ) -> list[Self]:
        """Matches of ``filter_criteria`` (``[F("loanAmount").more_than(1000), ...]``, combined with AND)."""
        level = cls._check_details_level(details_level)
        rows = await connector_for_call(connector, timeout).mambu_search(
            cls._prefix,
            filterCriteria=render_criteria(_as_list(filter_criteria), cls._search_fields),
            sortingCriteria=render_sorting(sorting_criteria, cls._search_sort_fields),
            offset=offset,
            limit=limit,
            detailsLevel=level,
        )
        if not isinstance(rows, list):
            raise MambuResponseError(
                f"expected a list of {cls.__name__}, got {type(rows).__name__}", body=rows
            )
        return [cls._from_response(row, connector, level) for row in rows]

    @classmethod
    def search_field(cls, field: str) -> F:
        """A search field checked now: ``MambuLoan.search_field("loanAmount").more_than(5)``."""
        check_fields([field], cls._search_fields, "search field")
        return F(field)


def connector_for_call(connector: MambuConnector, timeout: RequestTimeout | None) -> MambuConnector:
    """The connector one call goes through: ``connector`` itself, or a copy with that call's timeout
    (sharing its connections and concurrency limit). Entities keep the original."""
    return connector if timeout is None else connector.with_options(timeout=timeout)


def _as_list(criteria: FilterCriteria | None) -> Sequence[Criterion | Mapping[str, Any]] | None:
    if isinstance(criteria, Criterion):
        return [criteria]
    return criteria


class SearchOnlyMixin(SearchableMixin):
    """An entity Mambu lists only through ``POST /{prefix}:search``."""

    @classmethod
    async def get_all(
        cls,
        *,
        connector: MambuConnector,
        filters: Mapping[str, Any] | None = None,
        offset: int | None = None,
        limit: int | None = None,
        sort_by: SortSpec | None = None,
        details_level: DetailsLevel = "BASIC",
        timeout: RequestTimeout | None = None,
    ) -> list[Self]:
        """Every entry (Mambu lists them only through ``:search``): a search without criteria."""
        connector = connector_for_call(connector, timeout)
        cls._check_filters(filters)
        return await cls.search(connector=connector, offset=offset, limit=limit, details_level=details_level)


class EntityIterator(Generic[E]):
    """Entities streamed from a connector's ``mambu_iterate``; an async iterator with ``aclose()``."""

    def __init__(
        self, stream: EntityStream, cls: type[E], connector: MambuConnector, details_level: DetailsLevel
    ) -> None:
        self._stream = stream
        self._cls = cls
        self._connector = connector
        self._details_level = details_level
        # A stream that can build each entity itself (the pull engine's) saves a step per record.
        map_records = getattr(stream, "map_records", None)
        self._built_by_stream = callable(map_records)
        if self._built_by_stream:
            assert map_records is not None
            self._stream = map_records(self._build)

    def _build(self, data: Any) -> E:
        return self._cls._from_response(data, self._connector, self._details_level)

    def __aiter__(self) -> AsyncIterator[E]:
        if self._built_by_stream:
            stream: AsyncIterator[E] = self._stream.__aiter__()
            return stream
        return self

    async def __anext__(self) -> E:
        data = await self._stream.__anext__()
        if self._built_by_stream:
            built: E = data
            return built
        return self._build(data)

    async def aclose(self) -> None:
        """Stop the pull and release what it holds."""
        await self._stream.aclose()

    @property
    def cursor(self) -> str | None:
        """Token to resume the pull after the last completed window (see ``mambu_iterate``)."""
        return self._stream.cursor

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
