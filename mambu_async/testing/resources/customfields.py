"""Custom field metadata: ``GET /customfields/{id}``, ``GET /customfieldsets``,
``GET /customfieldsets/{id}/customfields`` (api-semantics §9.3).

Mambu's v2 API only reads these, so the fake answers ``POST`` with 501 as well; tests and factories
define sets and fields with ``fake.create("customfieldsets", {"id": "_Set", "availableFor": "CLIENT",
"fieldSetType": "STANDARD" | "GROUPED", "displaySettings": {"displayName": ...}})`` and
``fake.create("customfields", {"id": ..., "customFieldSetId": "_Set", "type": "NUMBER", ...})``.
Values then live inside entities as ``"_Set": {"field": value}`` (a list for GROUPED sets).

Sets are served as Mambu's ``CustomFieldSetMeta``: ``fieldSetType`` (default ``STANDARD``),
``displaySettings`` (``builtIn`` false, ``displayName`` defaulting to the id, ``position`` the set's
place among those available for the same entity, from 0) and ``customFields``, the ``{encodedKey, id}``
of the set's fields in creation order (kept by the fake as fields are defined or removed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mambu_async.testing import query
from mambu_async.testing.apierror import bad_request
from mambu_async.testing.kinds import EntityKind, Field, QueryFilter
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response
from mambu_async.testing.resources.crud import list_records
from mambu_async.testing.schema import Schema
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu


def install(fake: FakeMambu) -> None:
    """Register the custom field kinds and their read routes."""
    set_schema = Schema.inline("CustomFieldSetMeta")

    def set_defaults(fake: FakeMambu, record: Record) -> None:
        if not str(record.get("id", "")).startswith("_"):
            raise bad_request("INVALID_CUSTOM_FIELD_SET_ID", "A custom field set id starts with '_'")
        record.setdefault("fieldSetType", "STANDARD")
        available_for = record["availableFor"]
        siblings = fake.store["customfieldsets"].find(lambda s: s.get("availableFor") == available_for)
        record["displaySettings"] = {
            "builtIn": False,
            "displayName": str(record["id"]).lstrip("_").replace("_", " "),
            "position": len(siblings),
            **(record.get("displaySettings") or {}),
        }
        record["customFields"] = []

    sets = fake.add_kind(
        EntityKind(
            name="customfieldsets",
            prefix="customfieldsets",
            label="Custom field set",
            not_found="INVALID_CUSTOM_FIELD_SET_ID",
            schema=set_schema,
            id_style="required",
            id_in_use="INVALID_CUSTOM_FIELD_SET_ID",
            filters={
                "availableFor": QueryFilter(
                    Field.at("availableFor", "enum", set_schema.enum_of("availableFor"))
                )
            },
            on_create=[set_defaults],
        )
    )

    def field_defaults(fake: FakeMambu, record: Record) -> None:
        cf_set = fake.store["customfieldsets"].get(str(record.get("customFieldSetId")))
        if cf_set is None:
            raise bad_request("INVALID_CUSTOM_FIELD_SET_ID", "customFieldSetId does not name a set")
        record["customFieldSetId"] = cf_set["id"]
        record.setdefault("state", "ACTIVE")
        record.setdefault("availableFor", cf_set.get("availableFor"))

    def list_in_set(fake: FakeMambu, field: Record, old: Record | None) -> None:
        if old is None:
            _update_members(fake, field, keep=True)

    def drop_from_set(fake: FakeMambu, field: Record) -> None:
        _update_members(fake, field, keep=False)

    fields = fake.add_kind(
        EntityKind(
            name="customfields",
            prefix="customfields",
            label="Custom field",
            not_found="INVALID_CUSTOM_FIELD_ID",
            schema=Schema.inline("CustomFieldMeta"),
            id_style="required",
            id_in_use="INVALID_CUSTOM_FIELD_ID",
            on_create=[field_defaults],
            after_write=[list_in_set],
            after_delete=[drop_from_set],
        )
    )

    def get_field(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, {"detailsLevel"})
        query.details_level(request)
        return json_response(
            200, query.render(fields, fake.require("customfields", request.path_params["id"]), "FULL")
        )

    def list_sets(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        return list_records(fake, sets, request, fake.store["customfieldsets"].values())

    def get_set(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, {"detailsLevel"})
        query.details_level(request)
        return json_response(
            200, query.render(sets, fake.require("customfieldsets", request.path_params["id"]), "FULL")
        )

    def fields_of_set(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        cf_set = fake.require("customfieldsets", request.path_params["id"])
        records = fake.store["customfields"].find(lambda d: d.get("customFieldSetId") == cf_set["id"])
        return list_records(fake, fields, request, records)

    fake.router.add("GET", "/customfields/{id}", get_field)
    fake.router.add("GET", "/customfieldsets", list_sets)
    fake.router.add("GET", "/customfieldsets/{id}", get_set)
    fake.router.add("GET", "/customfieldsets/{id}/customfields", fields_of_set)


def _update_members(fake: FakeMambu, field: Record, *, keep: bool) -> None:
    """Add ``field`` to (or drop it from) its set's ``customFields``."""
    cf_set = fake.store["customfieldsets"].get_copy(str(field.get("customFieldSetId")))
    if cf_set is None:
        return
    members = [m for m in cf_set.get("customFields") or () if m.get("encodedKey") != field["encodedKey"]]
    if keep:
        members.append({"encodedKey": field["encodedKey"], "id": field["id"]})
    cf_set["customFields"] = members
    fake.store["customfieldsets"].put(cf_set)
