"""Index rate sources and their rates: ``GET /indexratesources[/{id}]``, ``GET
/indexratesources/{id}/indexrates``.

Not in the seeds; from Mambu's published v2 reference [INFERRED]: a source has ``encodedKey, id, name,
type`` (INTEREST_RATE, TAX_RATE, WITHHOLDING_TAX_RATE, PRINCIPAL_TAX_RATE), ``notes``, ``creationDate``,
``lastModifiedDate``; a rate has ``encodedKey, id, rate, startDate`` (date-time), ``notes``, ``userKey``
and ``assignedIndexRateSourceKey``. An unknown source is 404 ``INVALID_INDEX_RATE_SOURCE_ID``; rates are
listed by ``startDate``, newest first, and both lists page like every v2 list.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from mambu_async.testing import query
from mambu_async.testing.apierror import bad_request
from mambu_async.testing.kinds import EntityKind, Field
from mambu_async.testing.messages import FakeRequest, FakeResponse
from mambu_async.testing.resources.crud import register_crud
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
