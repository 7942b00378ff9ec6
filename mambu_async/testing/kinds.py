"""What the fake knows about each entity kind: prefix, schema, fields to filter/search/sort, hooks."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu
    from mambu_async.testing.schema import Schema

FieldType = str
"""``string`` (case-insensitive text), ``enum``, ``key``, ``number``, ``integer``, ``date``,
``datetime`` or ``boolean``: decides which search operators apply and how values compare."""

Getter = Callable[[Record], Any]

Hook = Callable[["FakeMambu", Record, "Record | None"], None]
"""``hook(fake, new_record, old_record_or_None)``."""
DeleteHook = Callable[["FakeMambu", Record], None]


def path_getter(path: str) -> Getter:
    """A getter for a dotted path (``balances.principalDue``); lists along the way yield lists."""
    parts = path.split(".")

    def get(record: Record) -> Any:
        values: list[Any] = [record]
        for part in parts:
            nxt: list[Any] = []
            for value in values:
                if isinstance(value, dict):
                    item = value.get(part)
                    if isinstance(item, list) and part != parts[-1]:
                        nxt.extend(item)
                    elif item is not None:
                        nxt.append(item)
                elif isinstance(value, list):
                    nxt.extend(v.get(part) for v in value if isinstance(v, dict) and v.get(part) is not None)
            values = nxt
        if not values:
            return None
        return values[0] if len(values) == 1 else values

    return get


@attrs.define
class Field:
    """A field that can be filtered, searched or sorted: how to read it and what type it is."""

    getter: Getter
    type: FieldType = "string"
    enum: tuple[str, ...] = ()

    @classmethod
    def at(cls, path: str, type: FieldType = "string", enum: tuple[str, ...] = ()) -> Field:
        """The field at a dotted ``path`` of the record."""
        return cls(path_getter(path), type, enum)


@attrs.define
class QueryFilter:
    """A ``GET /{prefix}?name=value`` filter: the field it reads and how the value is resolved.

    ``resolve`` turns the query value into what is compared (e.g. a branch id into its key);
    it may raise ``ApiError``. ``match`` overrides equality.
    """

    field: Field
    resolve: Callable[[FakeMambu, str], Any] | None = None
    match: Callable[[Any, Any], bool] | None = None
    variant_param: str | None = None
    """A companion query parameter saying which relation the value means (``branchIdType``); it is
    allowed only together with this filter."""
    variants: dict[str, QueryFilter] = attrs.field(factory=dict)
    """``variant_param`` value → the filter applied instead of this one."""


@attrs.define
class EntityKind:
    """The rules of one entity kind in the fake."""

    name: str
    """Collection name (``clients``, ``loantransactions``...)."""
    prefix: str
    """URL prefix (``clients``, ``loans/transactions``)."""
    label: str
    """What error texts call one of them (``Client``)."""
    not_found: str
    """errorReason of the 404 for an unknown id or key."""
    schema: Schema | None = None
    id_in_use: str = "INVALID_PARAMETERS"
    id_style: str = "string"
    """``string`` (generated like ``ABC123`` when absent), ``int`` (1, 2, ...), or ``required``."""
    server_fields: tuple[str, ...] = ("encodedKey", "creationDate", "lastModifiedDate")
    """Set by the fake, read-only for clients."""
    locked_fields: tuple[str, ...] = ()
    """Writable on create only (PUT/PATCH may send them unchanged, not change them)."""
    full_only: tuple[str, ...] = ()
    """Keys returned only with ``detailsLevel=FULL`` (custom field sets ``_X`` always are)."""
    filters: dict[str, QueryFilter] = attrs.field(factory=dict)
    sort_by: dict[str, Field] = attrs.field(factory=dict)
    """Fields ``sortBy`` accepts on ``GET``."""
    default_sort: tuple[tuple[str, bool], ...] = ()
    """``(field in sort_by, descending)`` applied when no ``sortBy`` is sent."""
    search_fields: dict[str, Field] = attrs.field(factory=dict)
    sorting_fields: dict[str, Field] = attrs.field(factory=dict)
    """Fields ``sortingCriteria`` accepts in ``:search``."""
    alt_lookup: Callable[[FakeMambu, str], Record | None] | None = None
    """Another way to address one (users by ``username``)."""
    custom_fields_for: str | None = None
    """``availableFor`` value of its custom field sets (``CLIENT``), if it has custom fields."""
    on_create: list[Callable[[FakeMambu, Record], None]] = attrs.field(factory=list)
    validators: list[Hook] = attrs.field(factory=list)
    after_write: list[Hook] = attrs.field(factory=list)
    delete_guards: list[DeleteHook] = attrs.field(factory=list)
    after_delete: list[DeleteHook] = attrs.field(factory=list)
