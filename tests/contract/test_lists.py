"""GET list filters, sortBy, paging and the pagination headers, on both fronts."""

from __future__ import annotations

from typing import Any

import pytest

from mambu_async import MambuBadRequestError
from mambu_async.testing import FakeMambu

from .conftest import Raw, reasons


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"state": "ACTIVE"}, ["C1"]),
        ({"branchId": "BR2"}, ["C2"]),
        ({"creditOfficerUsername": "officer"}, ["C1"]),
        ({"firstName": "bob"}, ["C2"]),
        ({"birthDate": "1990-04-26"}, ["C1"]),
    ],
)
async def test_client_filters(
    mambu_connector: Any, tenant: dict[str, Any], filters: dict[str, str], expected: list[str]
) -> None:
    found = await mambu_connector.mambu_get_all("clients", filters=filters)
    assert [c["id"] for c in found] == expected


async def test_branch_filter_takes_the_encoded_key(mambu_connector: Any, tenant: dict[str, Any]) -> None:
    found = await mambu_connector.mambu_get_all(
        "clients", filters={"branchId": tenant["branch"]["encodedKey"]}
    )
    assert [c["id"] for c in found] == ["C1"]


async def test_sort_by(mambu_connector: Any, tenant: dict[str, Any]) -> None:
    default = await mambu_connector.mambu_get_all("clients")
    assert [c["id"] for c in default] == ["C2", "C1"]  # lastModifiedDate:DESC
    asc = await mambu_connector.mambu_get_all("clients", sortBy="firstName:ASC")
    assert [c["id"] for c in asc] == ["C1", "C2"]
    with pytest.raises(MambuBadRequestError) as err:
        await mambu_connector.mambu_get_all("clients", sortBy="emailAddress:ASC")
    assert err.value.error_reason == "INVALID_SORTING_COLUMN"


async def test_loan_filters(mambu_connector: Any, tenant: dict[str, Any]) -> None:
    body = {
        "accountHolderType": "CLIENT",
        "productTypeKey": "LP1",
        "loanAmount": 100,
        "scheduleSettings": {"gracePeriod": 0},
    }
    first = await mambu_connector.mambu_create("loans", {**body, "accountHolderKey": "C1"})
    await mambu_connector.mambu_create(
        "loans", {**body, "accountHolderKey": "C2", "accountState": "PARTIAL_APPLICATION"}
    )
    mine = await mambu_connector.mambu_get_all("loans", filters={"accountHolderId": "C1"})
    assert [x["id"] for x in mine] == [first["id"]]
    pending = await mambu_connector.mambu_get_all("loans", filters={"accountState": "PARTIAL_APPLICATION"})
    assert [x["accountHolderKey"] for x in pending] == [tenant["bob"]["encodedKey"]]
    with pytest.raises(MambuBadRequestError) as err:
        await mambu_connector.mambu_get_all("loans", filters={"accountState": "SLEEPING"})
    assert err.value.error_reason == "INVALID_PARAMETERS"


async def test_paging_with_limit_none_and_offsets(mambu_connector: Any, mambu_fake: FakeMambu) -> None:
    for i in range(7):
        mambu_fake.create("branches", {"id": f"B{i}", "name": f"Branch {i}"})
    everything = await mambu_connector.mambu_get_all("branches", sortBy="id:ASC")
    assert [b["id"] for b in everything] == [f"B{i}" for i in range(7)]
    page = await mambu_connector.mambu_get_all("branches", sortBy="id:ASC", offset=2, limit=3)
    assert [b["id"] for b in page] == ["B2", "B3", "B4"]


async def test_pagination_headers(raw: Raw, mambu_fake: FakeMambu) -> None:
    for i in range(5):
        mambu_fake.create("branches", {"id": f"B{i}", "name": f"Branch {i}"})
    status, headers, body = await raw(
        "GET", "/branches", params=[("offset", "1"), ("limit", "2"), ("paginationDetails", "ON")]
    )
    assert status == 200 and len(body) == 2
    assert (headers["items-offset"], headers["items-limit"], headers["items-total"]) == ("1", "2", "5")
    status, headers, body = await raw("GET", "/branches")
    assert status == 200 and len(body) == 5 and "items-total" not in headers
    status, headers, body = await raw(
        "POST",
        "/clients:search",
        params=[("paginationDetails", "ON"), ("limit", "0")],
        json={"filterCriteria": []},
    )
    assert status == 200 and body == [] and headers["items-total"] == "0"


async def test_default_limit_is_fifty(raw: Raw, mambu_fake: FakeMambu) -> None:
    for i in range(55):
        mambu_fake.create("userroles", {"name": f"Role {i}"})
    status, headers, body = await raw("GET", "/userroles", params=[("paginationDetails", "ON")])
    assert status == 200 and len(body) == 50 and headers["items-total"] == "55"


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ([("limit", "1001")], "OUT_OF_BOUNDS_PAGINATION_LIMIT_VALUE"),
        ([("limit", "-1")], "INVALID_PAGINATION_LIMIT_VALUE"),
        ([("limit", "ten")], "INVALID_PAGINATION_LIMIT_VALUE"),
        ([("offset", "-1")], "INVALID_PAGINATION_OFFSET_VALUE"),
        ([("detailsLevel", "ALL")], "INVALID_PARAMETERS"),
        ([("paginationDetails", "YES")], "INVALID_PARAMETERS"),
        ([("state", "SLEEPING")], "INVALID_PARAMETERS"),
        ([("birthDate", "26/04/1990")], "INVALID_DATE"),
        ([("sortBy", "firstName")], "INVALID_PARAMETERS"),
        ([("sortBy", "firstName:UP")], "INVALID_SORTING_ORDER"),
        ([("sortBy", "notes:ASC")], "INVALID_SORTING_COLUMN"),
    ],
)
async def test_bad_list_parameters(
    raw: Raw, tenant: dict[str, Any], params: list[tuple[str, str]], reason: str
) -> None:
    status, _, body = await raw("GET", "/clients", params=params)
    assert status == 400
    assert reasons(body) == [reason]
