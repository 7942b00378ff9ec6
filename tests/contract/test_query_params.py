"""Query parameters an endpoint does not declare are ignored, as Mambu does; their values still count."""

from __future__ import annotations

import datetime as dt

import pytest

from mambu_async.testing import FakeMambu

from .conftest import Raw, reasons
from .test_tenant_reads import seed_small_tenant

# What tap-mambu adds to every request it sends to a real tenant.
TAP_EXTRAS = [("detailsLevel", "FULL"), ("paginationDetails", "OFF"), ("colour", "red")]


@pytest.fixture
def seeded(mambu_fake: FakeMambu) -> FakeMambu:
    mambu_fake.strict_params = False  # as Mambu (the suite's tenants are strict)
    return seed_small_tenant(mambu_fake)


@pytest.mark.parametrize(
    ("path", "params", "count"),
    [
        ("/installments", [("dueFrom", "2024-01-01"), ("dueTo", "2024-12-31")], 6),
        ("/clients", [], 2),
        ("/deposits/D1/cards", [], 1),
        ("/organization/holidays/general", [], 3),
    ],
)
async def test_undeclared_parameters_are_ignored(
    raw: Raw, seeded: FakeMambu, path: str, params: list[tuple[str, str]], count: int
) -> None:
    status, _, body = await raw("GET", path, params=[*params, *TAP_EXTRAS])
    assert status == 200, body
    assert len(body) == count


async def test_v1_activities_take_the_taps_extras(raw: Raw, mambu_fake: FakeMambu) -> None:
    mambu_fake.strict_params = False
    mambu_fake.clock.set(dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC))
    mambu_fake.create("clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez"})
    params = [("from", "2024-03-01"), ("to", "2024-03-02"), ("offset", "0"), ("limit", "220"), *TAP_EXTRAS]
    status, _, body = await raw("GET", "/activities", params=params)
    assert status == 200, body
    assert [a["activity"]["type"] for a in body] == ["CLIENT_CREATED"]


async def test_bad_values_of_standard_parameters_are_still_refused(raw: Raw, seeded: FakeMambu) -> None:
    status, _, body = await raw("GET", "/clients", params=[("detailsLevel", "ALL"), ("colour", "red")])
    assert status == 400 and reasons(body) == ["INVALID_PARAMETERS"]
    due = [("dueFrom", "2024-01-01"), ("dueTo", "2024-12-31")]
    status, _, body = await raw("GET", "/installments", params=[*due, ("paginationDetails", "YES")])
    assert status == 400 and reasons(body) == ["INVALID_PARAMETERS"]


async def test_strict_tenant_refuses_undeclared_parameters(raw: Raw, seeded: FakeMambu) -> None:
    seeded.strict_params = True
    status, _, body = await raw("GET", "/clients", params=[("colour", "red")])
    assert status == 400 and reasons(body) == ["PARAMETER_NOT_ALLOWED"]
    due = [("dueFrom", "2024-01-01"), ("dueTo", "2024-12-31")]
    status, _, body = await raw("GET", "/installments", params=[*due, ("detailsLevel", "FULL")])
    assert status == 200, body


def test_a_new_tenant_ignores_undeclared_parameters() -> None:
    fake = FakeMambu()
    assert fake.strict_params is False
    response = fake.dispatch("GET", "/clients", [("colour", "red")], fake.auth_headers())
    assert response.status == 200
