"""pytest plugin (``pytest11`` entry point): fixtures for testing against FakeMambu.

- ``mambu_fake``: a fresh, empty :class:`~mambu_async.testing.FakeMambu` per test, its clock on real
  time (override the fixture with ``FakeMambu(now=...)`` for a frozen one).
- ``mambu_fake_connector``: a :class:`~mambu_async.testing.FakeConnector` on ``mambu_fake``.
- ``mambu_rest_connector``: a ``MambuConnectorREST`` on ``emulator_app(mambu_fake)`` through
  ``httpx.ASGITransport`` (no socket, no network); needs the ``emulator`` extra.
- ``mambu_connector``: runs the test once per connector (ids ``fake`` and ``rest``), both on the same
  ``mambu_fake``.

Nothing heavy is imported when pytest loads the plugin; the library is imported inside the fixtures.
Connectors get a sleep that returns at once, so retry backoff never waits.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from mambu_async.connector.operations import MambuOperations
    from mambu_async.testing import FakeConnector, FakeMambu

EMULATOR_BASE_URL = "http://127.0.0.1/api"
"""Where ``mambu_rest_connector`` believes the emulator lives (loopback, so plain http is allowed)."""


async def _no_sleep(seconds: float) -> None:
    return None


@pytest.fixture
def mambu_fake() -> FakeMambu:
    """A fresh, empty in-memory Mambu tenant (its clock follows real time in UTC)."""
    from mambu_async.testing import FakeMambu

    return FakeMambu()


@pytest.fixture
def mambu_fake_connector(mambu_fake: FakeMambu) -> FakeConnector:
    """A FakeConnector on ``mambu_fake`` (authenticated with the fake's own credentials)."""
    from mambu_async.testing import FakeConnector

    return FakeConnector(mambu_fake, sleep=_no_sleep)


@pytest.fixture
async def mambu_rest_connector(mambu_fake: FakeMambu) -> AsyncIterator[Any]:
    """A MambuConnectorREST bound to ``emulator_app(mambu_fake)`` through ``httpx.ASGITransport``."""
    import httpx

    from mambu_async.connector.rest import MambuConnectorREST
    from mambu_async.testing import emulator_app

    transport = httpx.ASGITransport(app=emulator_app(mambu_fake))
    connector = MambuConnectorREST(
        EMULATOR_BASE_URL,
        username=mambu_fake.username,
        password=mambu_fake.password,
        transport=transport,
        sleep=_no_sleep,
    )
    async with connector:
        yield connector


@pytest.fixture(params=["fake", "rest"])
def mambu_connector(request: pytest.FixtureRequest) -> MambuOperations:
    """The test runs once with the FakeConnector and once with the REST connector on the emulator."""
    name = "mambu_fake_connector" if request.param == "fake" else "mambu_rest_connector"
    connector: MambuOperations = request.getfixturevalue(name)
    return connector
