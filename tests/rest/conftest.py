"""Fixtures for the REST connector's wire tests: respx routes, recorded sleeps, known secrets."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import respx
from wire_helpers import API_KEY, BASE, PASSWORD, TENANT, USERNAME, SleepRecorder

from mambu_async import MambuConnectorREST


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False, assert_all_mocked=True) as router:
        yield router


@pytest.fixture
async def conn(sleeps: SleepRecorder) -> AsyncIterator[MambuConnectorREST]:
    connector = MambuConnectorREST(
        TENANT, username=USERNAME, password=PASSWORD, sleep=sleeps, random=lambda: 0.0
    )
    async with connector:
        yield connector


@pytest.fixture
async def key_conn(sleeps: SleepRecorder) -> AsyncIterator[MambuConnectorREST]:
    connector = MambuConnectorREST(BASE, api_key=API_KEY, sleep=sleeps, random=lambda: 0.0)
    async with connector:
        yield connector
