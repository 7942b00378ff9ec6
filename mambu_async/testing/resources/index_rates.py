"""Index rate sources and their rates: ``GET /indexratesources[/{id}]``, ``GET
/indexratesources/{id}/indexrates``.

Not in the seeds; from Mambu's published v2 reference [INFERRED]: a source has ``encodedKey, id, name,
type`` (INTEREST_RATE, TAX_RATE, WITHHOLDING_TAX_RATE, PRINCIPAL_TAX_RATE), ``notes``, ``creationDate``,
``lastModifiedDate``; a rate has ``encodedKey, id, rate, startDate`` (date-time), ``notes``, ``userKey``
and ``assignedIndexRateSourceKey``. An unknown source is 404 ``INVALID_INDEX_RATE_SOURCE_ID``; rates are
listed by ``startDate``, newest first, and both lists page like every v2 list.

``POST /indexratesources/{id}/indexrates`` creates a rate: v2 takes the ``IndexRate`` ``{rate, startDate,
notes}`` and answers 201 with it; v1 (S2:L11843-11895, the same path with a v1 Accept header) takes
``{"indexRate": {startDate, rate, notes}}`` (``rate`` a numeric string, ``startDate`` a date) and answers
200 with the rate or a v1 error body. ``rate`` and ``startDate`` are required (``INVALID_PARAMETERS``,
``INVALID_INDEX_RATE_START_DATE`` as S2 documents for a bad start date). [INFERRED] A start date on or
before the newest rate's is also ``INVALID_INDEX_RATE_START_DATE`` (a rate applies from its start until the
next one begins, so the history is only extended forward); a date-only start is midnight in the tenant's
timezone; ``userKey`` is left out (the API user is not a tenant user).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from mambu_async.testing import query
from mambu_async.testing.apierror import bad_request
from mambu_async.testing.kinds import EntityKind, Field
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response
from mambu_async.testing.resources.crud import create_record, register_crud
from mambu_async.testing.resources.v1 import is_v1, v1_json, v1_route
from mambu_async.testing.schema import is_date
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

_START = Field.at("startDate", "datetime")
SOURCE_TYPES = ("INTEREST_RATE", "TAX_RATE", "WITHHOLDING_TAX_RATE", "PRINCIPAL_TAX_RATE")


def _check_source(fake: FakeMambu, new: Record, old: Record | None) -> None:
    if new.get("type") not in SOURCE_TYPES:
        raise bad_request("INVALID_PARAMETERS", f"type must be one of {list(SOURCE_TYPES)}")


def _check_rate(fake: FakeMambu, new: Record, old: Record | None) -> None:
    source = fake.store["indexratesources"].get(str(new.get("assignedIndexRateSourceKey")))
    if source is None:
        raise bad_request("INVALID_INDEX_RATE_SOURCE_ID", "assignedIndexRateSourceKey names no source")
    new["assignedIndexRateSourceKey"] = source["encodedKey"]
    if query.as_decimal(new.get("rate")) is None:
        raise bad_request("INVALID_PARAMETERS", "rate must be a number")
    if not isinstance(new.get("startDate"), str):
        raise bad_request("INVALID_INDEX_RATE_START_DATE", "startDate is required")


def _start_of(fake: FakeMambu, value: object) -> str:
    """A rate's ``startDate`` as a date-time (a date is midnight in the tenant's timezone)."""
    if isinstance(value, str) and is_date(value):
        midnight = dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), fake.clock.now().tzinfo)
        return midnight.isoformat(timespec="seconds")
    tz = fake.clock.now().tzinfo or dt.UTC
    if not isinstance(value, str) or query.as_instant(value, tz) is None:
        raise bad_request("INVALID_INDEX_RATE_START_DATE", "startDate must be a date or a date-time")
    return value


def _create_rate(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /indexratesources/{id}/indexrates`` in either version (see the module docstring)."""
    query.check_params(request, set())
    source = fake.require("indexratesources", request.path_params["id"])
    v1 = is_v1(request)
    body = request.json_object()
    if v1:
        inner = body.get("indexRate")
        if not isinstance(inner, dict):
            raise bad_request("INVALID_PARAMETERS", "indexRate is required")
        body = inner
    rate = query.as_decimal(body.get("rate"))
    if rate is None:
        raise bad_request("INVALID_PARAMETERS", "rate is required and must be a number")
    if body.get("startDate") is None:
        raise bad_request("INVALID_INDEX_RATE_START_DATE", "startDate is required")
    start = _start_of(fake, body["startDate"])
    tz = fake.clock.now().tzinfo or dt.UTC
    source_key = source["encodedKey"]
    mine = fake.store["indexrates"].find(lambda r: r.get("assignedIndexRateSourceKey") == source_key)
    newest = max((query.sort_key(_START, r, tz) for r in mine), default=None)
    if newest is not None and query.sort_key(_START, {"startDate": start}, tz) <= newest:
        raise bad_request(
            "INVALID_INDEX_RATE_START_DATE", "startDate must be after the start of the newest rate"
        )
    record = create_record(
        fake,
        fake.kinds["indexrates"],
        {**body, "rate": rate, "startDate": start, "assignedIndexRateSourceKey": source["encodedKey"]},
    )
    rendered = query.render(fake.kinds["indexrates"], record, "FULL")
    return v1_json(200, rendered) if v1 else json_response(201, rendered)


def install(fake: FakeMambu) -> None:
    """Register the index rate kinds and their read routes."""
    sources = fake.add_kind(
        EntityKind(
            name="indexratesources",
            prefix="indexratesources",
            label="Index rate source",
            not_found="INVALID_INDEX_RATE_SOURCE_ID",
            default_sort=(),
            validators=[_check_source],
        )
    )
    rates = fake.add_kind(
        EntityKind(
            name="indexrates",
            prefix="indexratesources/{id}/indexrates",
            label="Index rate",
            not_found="NO_INDEX_RATE_AVAILABLE",
            server_fields=("encodedKey",),
            validators=[_check_rate],
        )
    )
    register_crud(fake, sources, "list get")

    def list_rates(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        source = fake.require("indexratesources", request.path_params["id"])
        mine = fake.store["indexrates"].find(
            lambda r: r.get("assignedIndexRateSourceKey") == source["encodedKey"]
        )
        query.check_params(request, query.PAGING_PARAMS)
        tz = fake.clock.now().tzinfo or dt.UTC
        ordered = query.sort_records(mine, [(_START, True)], tz)
        return query.respond_page(rates, ordered, query.paging(request), query.details_level(request))

    fake.router.add("GET", "/indexratesources/{id}/indexrates", list_rates)

    def create_either(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        return (v1_route(_create_rate) if is_v1(request) else _create_rate)(fake, request)

    fake.router.add("POST", "/indexratesources/{id}/indexrates", create_either)
