"""Rules on custom field values beyond their type: required fields, deactivated fields, links to other
entities, validation patterns, unique values and the indexes of grouped sets (api-semantics §9.3-9.4).

Each check returns ``(errorReason, errorSource)`` problems; :func:`~.crud.check_custom_fields` runs them
on every create, PUT and PATCH, so a value removed by a PATCH is checked like one left out of a POST.
[INFERRED] The reasons are the members of Mambu's errorReason enum that name each rule:

- a field whose ``usage`` says ``required`` (for every record, or for those whose product / role key is
  the usage's ``objectKey``) must hold a value: ``REQUIRED_CUSTOM_FIELD_MISSING``; in a grouped set every
  group must hold it;
- a field in ``state`` ``INACTIVE`` takes no value: ``CUSTOM_FIELD_DEACTIVATED``;
- ``CLIENT_LINK`` / ``GROUP_LINK`` / ``USER_LINK`` values name an existing client, group or user (id or
  encodedKey): ``INVALID_CUSTOM_FIELD_LINKED_ENTITY_KEY``;
- ``valueValidationSettings.validationPattern`` uses Mambu's mask (``#`` a digit, ``@`` a letter, ``$`` a
  letter or digit, anything else itself): ``INCONSISTENT_CUSTOM_FIELD_VALUE_WITH_PATTERN``;
  ``valueValidationSettings.unique``: no other entity of the kind holds the value:
  ``DUPLICATE_CUSTOM_FIELD_VALUES``;
- a group's ``_index`` is a non-negative integer, unique in its set: ``INVALID_CUSTOM_FIELD_GROUP_INDEX``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from mambu_async.testing.schema import Problems
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu
    from mambu_async.testing.kinds import EntityKind

_LINK_KINDS = {"CLIENT_LINK": "clients", "GROUP_LINK": "groups", "USER_LINK": "users"}
_OBJECT_KEYS = ("productTypeKey", "clientRoleKey", "groupRoleKey", "transactionChannelKey")
"""Record keys a ``usage`` entry's ``objectKey`` may name (product, client or group role, channel)."""


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _matches_mask(pattern: str, value: str) -> bool:
    if len(pattern) != len(value):
        return False
    for mask, char in zip(pattern, value, strict=True):
        if mask == "#" and not char.isdigit():
            return False
        if mask == "@" and not char.isalpha():
            return False
        if mask == "$" and not char.isalnum():
            return False
        if mask not in "#@$" and mask != char:
            return False
    return True


def value_problems(
    fake: FakeMambu, kind: EntityKind, record: Record, path: str, definition: Record, value: Any
) -> Problems:
    """Problems of one value (``path`` is ``_Set.field`` or ``_Set[i].field``) beyond its type."""
    if _blank(value):
        return []
    if definition.get("state") == "INACTIVE":
        return [("CUSTOM_FIELD_DEACTIVATED", f"{path} is deactivated")]
    linked = _LINK_KINDS.get(str(definition.get("type")))
    if linked is not None and (not isinstance(value, str) or fake.store[linked].get(value) is None):
        return [("INVALID_CUSTOM_FIELD_LINKED_ENTITY_KEY", f"{path}: no {linked[:-1]} {value!r}")]
    settings = definition.get("valueValidationSettings") or {}
    pattern = settings.get("validationPattern")
    if isinstance(pattern, str) and pattern and not _matches_mask(pattern, str(value)):
        return [
            ("INCONSISTENT_CUSTOM_FIELD_VALUE_WITH_PATTERN", f"{path}: {value!r} does not fit {pattern!r}")
        ]
    if settings.get("unique") and _held_elsewhere(fake, kind, record, path, str(definition.get("id")), value):
        return [("DUPLICATE_CUSTOM_FIELD_VALUES", f"{path}: {value!r} is already used")]
    return []


def _held_elsewhere(
    fake: FakeMambu, kind: EntityKind, record: Record, path: str, field: str, value: Any
) -> bool:
    set_id = path.split(".", 1)[0].split("[", 1)[0]
    for other in fake.store[kind.name].values():
        if other.get("encodedKey") == record.get("encodedKey") and record.get("encodedKey"):
            continue
        held = other.get(set_id)
        entries = held if isinstance(held, list) else [held]
        if any(isinstance(e, dict) and e.get(field) == value for e in entries):
            return True
    return False


def index_problems(set_id: str, entries: list[Any]) -> Problems:
    """``_index`` of each group of a grouped set: a non-negative integer, once per set."""
    seen: set[int] = set()
    for position, entry in enumerate(entries):
        if not isinstance(entry, dict) or "_index" not in entry:
            continue
        raw = entry["_index"]
        text = str(raw).strip() if isinstance(raw, int | str) and not isinstance(raw, bool) else ""
        if not text.isdigit() or int(text) in seen:
            return [("INVALID_CUSTOM_FIELD_GROUP_INDEX", f"{set_id}[{position}]._index {raw!r} is not valid")]
        seen.add(int(text))
    return []


def number_groups(record: Record) -> None:
    """Give each group of a grouped set (a ``_Set`` list of objects) that has no ``_index`` the lowest free
    one, as a string, in place.

    [INFERRED] Mambu returns every group with its ``_index`` (MambuPy's parser skips the ``_index`` key it
    finds in each group entry, api-semantics §9.4), including groups written without one; a new group
    takes the first index its set does not use yet.
    """
    for key, value in record.items():
        if not key.startswith("_") or not isinstance(value, list):
            continue
        used = {str(entry["_index"]) for entry in value if isinstance(entry, dict) and "_index" in entry}
        free = (str(n) for n in range(len(value) + len(used) + 1) if str(n) not in used)
        for entry in value:
            if isinstance(entry, dict) and "_index" not in entry:
                entry["_index"] = next(free)


def _object_keys(fake: FakeMambu, record: Record) -> set[Any]:
    """The record's product / role keys, as sent (id or key) and as the product's encodedKey."""
    owners = {record.get(name) for name in _OBJECT_KEYS if record.get(name)}
    product = record.get("productTypeKey")
    if isinstance(product, str):
        for collection in ("loanproducts", "depositproducts"):
            found = fake.store[collection].get(product)
            if found is not None:
                owners.add(found["encodedKey"])
    return owners


def _required_for(definition: Record, owners: set[Any]) -> bool:
    for usage in definition.get("usage") or ():
        if isinstance(usage, dict) and usage.get("required"):
            object_key = usage.get("objectKey")
            if not object_key or object_key in owners:
                return True
    return False


def required_problems(
    fake: FakeMambu, kind: EntityKind, record: Record, sets: Iterable[Record], fields: Iterable[Record]
) -> Problems:
    """Required fields of the kind's defined sets left without a value."""
    if not kind.custom_fields_for:
        return []
    owners = _object_keys(fake, record)
    usable = {s.get("id"): s for s in sets if s.get("availableFor") in (None, kind.custom_fields_for)}
    keys = {s.get("encodedKey"): s.get("id") for s in usable.values()}
    problems: Problems = []
    for definition in fields:
        set_id = keys.get(definition.get("customFieldSetId"), definition.get("customFieldSetId"))
        cf_set = usable.get(set_id)
        if cf_set is None or definition.get("state") == "INACTIVE" or not _required_for(definition, owners):
            continue
        field = definition.get("id")
        held = record.get(str(set_id))
        if cf_set.get("fieldSetType") == "GROUPED":
            missing = isinstance(held, list) and any(
                isinstance(e, dict) and _blank(e.get(field)) for e in held
            )
        else:
            missing = not isinstance(held, dict) or _blank(held.get(field))
        if missing:
            problems.append(("REQUIRED_CUSTOM_FIELD_MISSING", f"{set_id}.{field} is required"))
    return problems
