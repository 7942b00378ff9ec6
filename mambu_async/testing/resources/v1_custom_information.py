"""v1 custom information of clients, groups, branches and centres, one value at a time
(S2:L1869-2179, L3651-3963, L7201-7536, L11232-11570).

The values are the v2 record's custom field sets (``_Set: {field: value}``, grouped sets as rows with an
``_index``); every change goes through the same checks as a v2 PUT (types, required fields, patterns...).

- ``GET /{owner}/{id}/custominformation/{field}`` → the field's value records ``[{parentKey,
  customFieldKey, customField, customFieldID, value, customFieldSetGroupIndex, indexInList}]`` (one per
  group row of a grouped set, ``-1`` for a single set); ``[]`` when the field holds no value.
- ``PATCH /{owner}/{id}/custominformation`` ``{"customInformation": [{customFieldID, value,
  customFieldSetGroupIndex}]}`` sets each value; a grouped field without its index adds a new group row.
- ``PATCH .../custominformation/{field}`` ``{"value"}`` and ``DELETE .../custominformation/{field}`` set or
  remove a single set's value; ``.../{field}/{index}`` the value of one group row.

Unknown fields (or fields of another entity's sets) are 404 ``INVALID_CUSTOM_FIELD_ID`` (903); a grouped
field addressed without its index, or an index the record does not hold, is 400
``INVALID_CUSTOM_FIELD_GROUP_INDEX`` (916) with the field id as ``errorSource``, as documented. Writes
answer 200 ``SUCCESS``.

[INFERRED] Deleting the last value of a group row keeps the row (with its ``_index``); deleting the last
value of a single set leaves the set empty.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from mambu_async.testing import query
from mambu_async.testing.apierror import bad_request, not_found
from mambu_async.testing.messages import FakeRequest, FakeResponse
from mambu_async.testing.resources.crud import replace_record
from mambu_async.testing.resources.v1 import SUCCESS, v1_json, v1_route
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

__all__ = ["install"]

OWNERS = ("clients", "groups", "branches", "centres")


def _definition(fake: FakeMambu, owner_kind: str, field_ref: str) -> tuple[Record, Record]:
    """The field's definition and its set, when the set is available for ``owner_kind``."""
    definition = fake.store["customfields"].get(field_ref)
    cf_set = (
        fake.store["customfieldsets"].get(str(definition.get("customFieldSetId"))) if definition else None
    )
    wanted = fake.kinds[owner_kind].custom_fields_for
    if definition is None or cf_set is None or (wanted and cf_set.get("availableFor") not in (None, wanted)):
        raise not_found("INVALID_CUSTOM_FIELD_ID", f"{field_ref} is not a custom field of this entity")
    return definition, cf_set


def _v1_definition(definition: Record, cf_set: Record) -> Record:
    return {
        "encodedKey": definition.get("encodedKey"),
        "id": definition.get("id"),
        "name": definition.get("name", definition.get("id")),
        "dataType": definition.get("type"),
        "state": "NORMAL" if definition.get("state", "ACTIVE") == "ACTIVE" else definition.get("state"),
        "customFieldSet": {
            "encodedKey": cf_set.get("encodedKey"),
            "id": cf_set.get("id"),
            "name": (cf_set.get("displaySettings") or {}).get("displayName"),
            "usage": "GROUPED" if _grouped(cf_set) else "SINGLE",  # v1's names for v2's fieldSetType
        },
    }


def _grouped(cf_set: Record) -> bool:
    return cf_set.get("fieldSetType") == "GROUPED"


def _row(rows: list[Any], index: str, field_id: str) -> dict[str, Any]:
    for row in rows:
        if isinstance(row, dict) and str(row.get("_index")) == index:
            return row
    raise bad_request("INVALID_CUSTOM_FIELD_GROUP_INDEX", field_id)


def _set_value(record: Record, definition: Record, cf_set: Record, value: Any, index: str | None) -> None:
    set_id, field_id = str(cf_set["id"]), str(definition["id"])
    if not _grouped(cf_set):
        if index is not None:
            raise bad_request("INVALID_CUSTOM_FIELD_GROUP_INDEX", field_id)
        values = record.setdefault(set_id, {})
        values[field_id] = value
        return
    rows = record.setdefault(set_id, [])
    if index is None:
        taken = {int(r["_index"]) for r in rows if isinstance(r, dict) and str(r.get("_index", "")).isdigit()}
        rows.append({"_index": str(max(taken, default=-1) + 1), field_id: value})
        return
    _row(rows, index, field_id)[field_id] = value


def _remove_value(record: Record, definition: Record, cf_set: Record, index: str | None) -> None:
    set_id, field_id = str(cf_set["id"]), str(definition["id"])
    if _grouped(cf_set) != (index is not None):
        raise bad_request("INVALID_CUSTOM_FIELD_GROUP_INDEX", field_id)
    if index is None:
        values = record.get(set_id)
        if not isinstance(values, dict) or field_id not in values:
            raise not_found("INVALID_CUSTOM_FIELD_ID", f"{field_id} holds no value")
        del values[field_id]
        return
    row = _row(record.get(set_id) or [], index, field_id)
    if field_id not in row:
        raise not_found("INVALID_CUSTOM_FIELD_ID", f"{field_id} holds no value in group {index}")
    del row[field_id]


def _text(value: Any, field_id: str) -> str:
    """v1 values are strings (S2:L7245); [INFERRED] a JSON number is taken as its text."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise bad_request("INVALID_PARAMETERS", f"the value of {field_id} must be a string")
    return str(value)


def install(fake: FakeMambu) -> None:
    """Register the ``custominformation`` routes of clients, groups, branches and centres."""

    def routes(owner_kind: str) -> None:
        kind = fake.kinds[owner_kind]

        def change(fake: FakeMambu, request: FakeRequest) -> tuple[Record, Record]:
            query.check_params(request, set())
            old = fake.require(owner_kind, request.path_params["id"])
            return old, copy.deepcopy(old)

        def read(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
            query.check_params(request, set())
            record = fake.require(owner_kind, request.path_params["id"])
            definition, cf_set = _definition(fake, owner_kind, request.path_params["field"])
            field_id = str(definition["id"])
            stored = record.get(str(cf_set["id"]))
            rows = stored if isinstance(stored, list) else [stored] if isinstance(stored, dict) else []
            out: list[Record] = []
            for row in rows:
                if not isinstance(row, dict) or row.get(field_id) is None:
                    continue
                group = (
                    int(row["_index"]) if _grouped(cf_set) and str(row.get("_index", "")).isdigit() else -1
                )
                out.append(
                    {
                        "parentKey": record["encodedKey"],
                        "customFieldKey": definition.get("encodedKey"),
                        "customField": _v1_definition(definition, cf_set),
                        "value": str(row[field_id]),
                        "indexInList": -1,
                        "customFieldID": field_id,
                        "customFieldSetGroupIndex": group,
                    }
                )
            return v1_json(200, out)

        def patch_many(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
            old, record = change(fake, request)
            entries = request.json_object().get("customInformation")
            if not isinstance(entries, list) or not entries:
                raise bad_request("INVALID_PARAMETERS", "customInformation must be a non-empty array")
            for entry in entries:
                if not isinstance(entry, dict) or not isinstance(entry.get("customFieldID"), str):
                    raise bad_request("INVALID_PARAMETERS", "each entry needs customFieldID and value")
                definition, cf_set = _definition(fake, owner_kind, entry["customFieldID"])
                index = entry.get("customFieldSetGroupIndex")
                value = _text(entry.get("value"), entry["customFieldID"])
                _set_value(record, definition, cf_set, value, None if index is None else str(index))
            replace_record(fake, kind, old, record)
            return v1_json(200, SUCCESS)

        def patch_one(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
            old, record = change(fake, request)
            definition, cf_set = _definition(fake, owner_kind, request.path_params["field"])
            index = request.path_params.get("index")
            if _grouped(cf_set) and index is None:
                raise bad_request("INVALID_CUSTOM_FIELD_GROUP_INDEX", str(definition["id"]))
            value = _text(request.json_object().get("value"), str(definition["id"]))
            _set_value(record, definition, cf_set, value, index)
            replace_record(fake, kind, old, record)
            return v1_json(200, SUCCESS)

        def delete_one(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
            old, record = change(fake, request)
            definition, cf_set = _definition(fake, owner_kind, request.path_params["field"])
            _remove_value(record, definition, cf_set, request.path_params.get("index"))
            replace_record(fake, kind, old, record)
            return v1_json(200, SUCCESS)

        base = f"/{owner_kind}/{{id}}/custominformation"
        fake.router.add("PATCH", base, v1_route(patch_many))
        fake.router.add("GET", f"{base}/{{field}}", v1_route(read))
        for suffix in ("/{field}", "/{field}/{index}"):
            fake.router.add("PATCH", base + suffix, v1_route(patch_one))
            fake.router.add("DELETE", base + suffix, v1_route(delete_one))

    for owner_kind in OWNERS:
        if owner_kind in fake.kinds:
            routes(owner_kind)
