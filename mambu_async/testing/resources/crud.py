"""Generic create / read / list / search / PUT / PATCH / DELETE for an :class:`EntityKind`.

The write path of every kind: the body as sent is checked against the kind's OpenAPI definition
(required, types, enums, formats, read-only), then ``on_create`` fills defaults, custom field values are
checked against their definitions, the kind's ``validators`` run, and only then is the record stamped
(encodedKey, dates from the fake's clock) and stored; ``after_write`` hooks run last. PUT is a full
replace: read-only, server and locked fields omitted from the body keep their stored values, sent back
unchanged they are accepted, changed they are refused. PATCH applies the operations to the stored
record and goes through the same checks as PUT.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from mambu_async.testing import query
from mambu_async.testing.apierror import ApiError, bad_request
from mambu_async.testing.kinds import EntityKind
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response, no_content, without_nulls
from mambu_async.testing.patch import apply_operations, parse_operations
from mambu_async.testing.resources import custom_values
from mambu_async.testing.schema import Problems, equivalent, is_date, is_datetime
from mambu_async.testing.search import compile_criteria, sorting_keys
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu


# -- custom field values ---------------------------------------------------------------------------


def check_custom_fields(fake: FakeMambu, kind: EntityKind, record: Record) -> Problems:
    """Problems of the ``_Set`` values whose set is defined in the fake (undefined sets are free-form).

    [INFERRED] Mambu refuses unknown fields (``INVALID_CUSTOM_FIELD_ID``), a set of the wrong shape
    (``INCONSISTENT_VALUE_WITH_SET_TYPE``: an object for STANDARD, an array for GROUPED) and values that do
    not fit the field type (``INCONSISTENT_VALUE_WITH_CUSTOM_FIELD_TYPE``); required, deactivated,
    linked, patterned and unique fields and group indexes follow :mod:`.custom_values`.
    """
    problems: Problems = []
    all_fields = fake.store["customfields"].values()
    for key, value in record.items():
        if not key.startswith("_") or value is None:
            continue
        cf_set = fake.store["customfieldsets"].by_id(key)
        if cf_set is None:
            continue
        if kind.custom_fields_for and cf_set.get("availableFor") not in (None, kind.custom_fields_for):
            problems.append(("INVALID_CUSTOM_FIELD_SET_ID", f"{key} is not available for {kind.label}"))
            continue
        grouped = cf_set.get("fieldSetType") == "GROUPED"
        if grouped and not isinstance(value, list):
            problems.append(("INCONSISTENT_VALUE_WITH_SET_TYPE", f"{key} is a grouped set: send an array"))
            continue
        if not grouped and not isinstance(value, dict):
            problems.append(("INCONSISTENT_VALUE_WITH_SET_TYPE", f"{key} is a single set: send an object"))
            continue
        definitions = {
            d.get("id"): d
            for d in all_fields
            if d.get("customFieldSetId") in (cf_set.get("id"), cf_set.get("encodedKey"))
        }
        entries = value if isinstance(value, list) else [value]
        if grouped:
            problems.extend(custom_values.index_problems(key, entries))
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict):
                problems.append(("INCONSISTENT_VALUE_WITH_SET_TYPE", f"{key}[{index}] must be an object"))
                continue
            for field_id, field_value in entry.items():
                if field_id.startswith("_"):
                    continue
                definition = definitions.get(field_id)
                if definition is None:
                    problems.append(("INVALID_CUSTOM_FIELD_ID", f"{key}.{field_id} is not a field of {key}"))
                elif field_value is not None and not _fits(definition, field_value):
                    problems.append(
                        (
                            "INCONSISTENT_VALUE_WITH_CUSTOM_FIELD_TYPE",
                            f"{key}.{field_id}: {field_value!r} does not fit type {definition.get('type')}",
                        )
                    )
                else:
                    path = f"{key}[{index}].{field_id}" if grouped else f"{key}.{field_id}"
                    problems.extend(
                        custom_values.value_problems(fake, kind, record, path, definition, field_value)
                    )
    if not problems:
        sets = fake.store["customfieldsets"].values()
        problems.extend(custom_values.required_problems(fake, kind, record, sets, all_fields))
    return problems


def _fits(definition: Record, value: Any) -> bool:
    field_type = definition.get("type")
    if field_type == "NUMBER":
        return query.as_decimal(value) is not None
    if field_type == "CHECKBOX":
        return isinstance(value, bool) or str(value).upper() in ("TRUE", "FALSE")
    if field_type == "DATE":
        return isinstance(value, str) and is_date(value)
    if field_type == "DATE_TIME":
        return isinstance(value, str) and is_datetime(value)
    if field_type == "SELECTION":
        options = {
            str(option.get("value"))
            for group in definition.get("selectionOptions") or []
            for option in (group.get("availableOptions") or [])
            if isinstance(option, dict)
        }
        return not options or str(value) in options
    return isinstance(value, str | int | Decimal | bool)


# -- writes ----------------------------------------------------------------------------------------


def _raise(problems: Problems) -> None:
    if problems:
        raise ApiError(400, problems)


def _fill_nested_keys(fake: FakeMambu, kind: EntityKind, record: Record, old: Record | None) -> None:
    """encodedKeys for new array entries that have one (addresses, idDocuments, ...)."""
    if kind.schema is None:
        return
    for name, node in kind.schema.properties().items():
        value = record.get(name)
        if not isinstance(value, list):
            continue
        items = kind.schema.resolve(kind.schema.resolve(node).get("items", {}))
        props = items.get("properties", {})
        if "encodedKey" not in props:
            continue
        for entry in value:
            if isinstance(entry, dict):
                if not entry.get("encodedKey"):
                    entry["encodedKey"] = fake.new_key()
                if "parentKey" in props:
                    entry["parentKey"] = record["encodedKey"]
                if "clientKey" in props and name == "idDocuments":
                    entry["clientKey"] = record["encodedKey"]


def _check_id(fake: FakeMambu, kind: EntityKind, record: Record, old: Record | None) -> None:
    if kind.id_style == "int":
        return
    ident = record.get("id")
    if ident is None:
        return
    if not isinstance(ident, str) or not ident.strip():
        raise bad_request("INVALID_PARAMETERS", f"Property id of {kind.label} must be a non-empty string")
    other = fake.store[kind.name].get(ident)
    if other is not None and (old is None or other["encodedKey"] != old["encodedKey"]):
        raise bad_request(kind.id_in_use, f"{kind.label} id {ident!r} is already in use")


def create_record(fake: FakeMambu, kind: EntityKind, body: Any) -> Record:
    """Validate and store a new entity of ``kind`` from a request body; returns the stored record."""
    if not isinstance(body, dict):
        raise bad_request("INVALID_JSON_SYNTAX", "The request body must be a JSON object")
    record: Record = without_nulls(body)
    if kind.schema is not None:
        kind.schema.coerce_numbers(record)
    problems: Problems = kind.schema.check(record, None) if kind.schema is not None else []
    schema_ro = kind.schema.read_only() if kind.schema is not None else set()
    for name in kind.server_fields:
        if record.get(name) is not None and name not in schema_ro:
            reason = "ENCODED_KEY_MUST_BE_EMPTY_ON_CREATE" if name == "encodedKey" else "INVALID_PARAMETERS"
            problems.append((reason, f"Property {name} is read-only"))
    _raise(problems)
    if kind.id_style == "int":
        record["id"] = fake.new_int_id(kind.name)
    elif kind.id_style == "string" and record.get("id") is None:
        record["id"] = fake.new_id(kind.name)
    _check_id(fake, kind, record, None)
    for fill in kind.on_create:
        fill(fake, record)
    _raise(check_custom_fields(fake, kind, record))
    custom_values.number_groups(record)
    for validator in kind.validators:
        validator(fake, record, None)
    now = fake.clock.iso()
    record["encodedKey"] = fake.new_key()
    if "creationDate" in kind.server_fields:
        record["creationDate"] = now
    if "lastModifiedDate" in kind.server_fields:
        record["lastModifiedDate"] = now
    _fill_nested_keys(fake, kind, record, None)
    fake.store[kind.name].put(record)
    for hook in kind.after_write:
        hook(fake, record, None)
    return record


def replace_record(fake: FakeMambu, kind: EntityKind, old: Record, body: Any) -> Record:
    """Validate and store a full replacement of ``old`` (PUT, or a patched copy)."""
    if not isinstance(body, dict):
        raise bad_request("INVALID_JSON_SYNTAX", "The request body must be a JSON object")
    record: Record = without_nulls(body)
    # [INFERRED] lastModifiedDate is the server's to write: a stale one sent back is ignored, not refused.
    record.pop("lastModifiedDate", None)
    if kind.schema is not None:
        kind.schema.coerce_numbers(record)
    problems: Problems = kind.schema.check(record, old) if kind.schema is not None else []
    schema_ro = kind.schema.read_only() if kind.schema is not None else set()
    unchangeable = [n for n in (*kind.server_fields, *kind.locked_fields) if n not in schema_ro]
    if kind.id_style == "int":
        unchangeable.append("id")
    for name in unchangeable:
        if name not in record:
            continue
        if not equivalent(record[name], old.get(name)):
            problems.append(("INVALID_PARAMETERS", f"Property {name} is read-only and cannot be changed"))
        elif name in old:
            record[name] = copy.deepcopy(old[name])
    _raise(problems)
    for name in (*kind.server_fields, *kind.locked_fields, *schema_ro, "id"):
        if name not in record and name in old:
            record[name] = copy.deepcopy(old[name])
    _check_id(fake, kind, record, old)
    _raise(check_custom_fields(fake, kind, record))
    custom_values.number_groups(record)
    for validator in kind.validators:
        validator(fake, record, old)
    if "lastModifiedDate" in kind.server_fields:
        record["lastModifiedDate"] = fake.clock.iso()
    _fill_nested_keys(fake, kind, record, old)
    fake.store[kind.name].put(record)
    for hook in kind.after_write:
        hook(fake, record, old)
    return record


def patch_record(fake: FakeMambu, kind: EntityKind, old: Record, body: Any) -> Record:
    """Apply JSON-patch operations to ``old`` and store the result with PUT's checks."""
    operations = parse_operations(body)
    return replace_record(fake, kind, old, apply_operations(old, operations))


def delete_record(fake: FakeMambu, kind: EntityKind, record: Record) -> None:
    """Remove ``record`` when the kind's delete guards allow it."""
    for guard in kind.delete_guards:
        guard(fake, record)
    fake.store[kind.name].remove(record["encodedKey"])
    for hook in kind.after_delete:
        hook(fake, record)


# -- handlers --------------------------------------------------------------------------------------


def list_records(
    fake: FakeMambu,
    kind: EntityKind,
    request: FakeRequest,
    records: Iterable[Record],
    extra_params: Iterable[str] = (),
) -> FakeResponse:
    """A ``GET`` list over ``records``: filters, ``sortBy``, paging, detail level.

    ``extra_params`` are query parameters the caller already handled (e.g. the owner of comments).
    """
    allowed = set(query.PAGING_PARAMS) | query.filter_params(kind) | set(extra_params)
    if kind.sort_by:
        allowed.add("sortBy")
    query.check_params(request, allowed)
    page = query.paging(request)
    level = query.details_level(request)
    keys = query.parse_sort_by(kind, request.param("sortBy"))
    chosen = query.apply_filters(fake, kind, request, list(records))
    ordered = query.sort_records(chosen, keys, fake.clock.now().tzinfo or dt.UTC)
    return query.respond_page(kind, ordered, page, level)


def search_records(
    fake: FakeMambu, kind: EntityKind, request: FakeRequest, records: Iterable[Record]
) -> FakeResponse:
    """``POST :search`` over ``records``: ``filterCriteria``, ``sortingCriteria``, paging."""
    query.check_params(request, query.PAGING_PARAMS)
    page = query.paging(request)
    level = query.details_level(request)
    body = request.json_object() if request.body and request.body.strip() else {}
    unknown = sorted(set(body) - {"filterCriteria", "sortingCriteria"})
    if unknown:
        raise bad_request("INVALID_PARAMETERS", f"Unknown search properties: {', '.join(unknown)}")
    predicate = compile_criteria(fake, kind, body.get("filterCriteria"))
    keys = sorting_keys(fake, kind, body.get("sortingCriteria"))
    chosen = [r for r in records if predicate(r)]
    ordered = query.sort_records(chosen, keys, fake.clock.now().tzinfo or dt.UTC)
    return query.respond_page(kind, ordered, page, level)


def register_crud(
    fake: FakeMambu, kind: EntityKind, operations: str = "list get create put patch delete"
) -> None:
    """Register the generic routes of ``kind`` under its prefix (``search`` too when asked)."""
    wanted = set(operations.split())
    prefix = "/" + kind.prefix
    one = prefix + "/{id}"

    def get_one(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, {"detailsLevel"})
        level = query.details_level(request)
        return json_response(
            200, query.render(kind, fake.require(kind.name, request.path_params["id"]), level)
        )

    def get_all(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        return list_records(fake, kind, request, fake.store[kind.name].values())

    def search(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        return search_records(fake, kind, request, fake.store[kind.name].values())

    def create(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, set())
        record = create_record(fake, kind, request.json())
        return json_response(201, query.render(kind, record, "FULL"))

    def put(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, set())
        old = fake.require(kind.name, request.path_params["id"])
        record = replace_record(fake, kind, old, request.json())
        return json_response(200, query.render(kind, record, "FULL"))

    def patch(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, set())
        old = fake.require(kind.name, request.path_params["id"])
        patch_record(fake, kind, old, request.json())
        return no_content()

    def delete(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, set())
        delete_record(fake, kind, fake.require(kind.name, request.path_params["id"]))
        return no_content()

    table = {
        "list": ("GET", prefix, get_all),
        "get": ("GET", one, get_one),
        "search": ("POST", prefix + ":search", search),
        "create": ("POST", prefix, create),
        "put": ("PUT", one, put),
        "patch": ("PATCH", one, patch),
        "delete": ("DELETE", one, delete),
    }
    for name in wanted:
        method, template, handler = table[name]
        fake.router.add(method, template, handler)
