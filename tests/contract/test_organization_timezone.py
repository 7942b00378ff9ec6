"""``/setup/organization`` reports the timezone the tenant was made with."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mambu_async.testing import FakeMambu


@pytest.fixture
def mambu_fake() -> FakeMambu:
    """A tenant in Lisbon, frozen on a winter morning."""
    lisbon = ZoneInfo("Europe/Lisbon")
    return FakeMambu(timezone="Europe/Lisbon", now=dt.datetime(2024, 3, 1, 9, 0, tzinfo=lisbon))


async def test_organization_timezone_is_the_tenants(mambu_connector: Any) -> None:
    organization = await mambu_connector.mambu_get_organization()
    assert organization["timeZoneID"] == "Europe/Lisbon"
