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

The fixtures need no configuration: the async one is declared with pytest-asyncio's own decorator, so it
works in strict mode (tests marked ``@pytest.mark.asyncio``) as in auto mode; pytest-asyncio comes with
the ``testing`` extra.
"""

from __future__ import annotations

import warnings
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import pytest

_Function = TypeVar("_Function", bound=Callable[..., Any])


def _async_fixture(function: _Function) -> _Function:
    """pytest-asyncio's fixture decorator (works in strict and auto mode), or pytest's without it."""
    try:
        import pytest_asyncio
    except ImportError:  # pragma: no cover - without pytest-asyncio no async test can run anyway
        return cast(_Function, pytest.fixture(function))
    return cast(_Function, pytest_asyncio.fixture(function))

if TYPE_CHECKING:
    from mambu_async.connector.operations import MambuOperations
    from mambu_async.testing import FakeConnector, FakeMambu

EMULATOR_BASE_URL = "http://127.0.0.1/api"
"""Where ``mambu_rest_connector`` believes the emulator lives (loopback, so plain http is allowed)."""


_UNSET_LOOP_SCOPE_WARNING = r'The configuration option "asyncio_default_fixture_loop_scope" is unset'


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Keep pytest-asyncio quiet about an unset fixture loop scope in a project with no configuration.

    pytest-asyncio warns while it is configured (right after this hook) that the default loop scope of
    async fixtures will change; this plugin's fixtures are function-scoped, so the change does not concern
    them, and installing the package must not make a project's first run print a deprecation. Only that
    one warning, only during configuration and only when the option is unset, is ignored: a project that
    sets ``asyncio_default_fixture_loop_scope`` is left alone.
    """
    try:
        scope = config.getini("asyncio_default_fixture_loop_scope")
    except ValueError:  # pytest-asyncio is not installed
        return
    if not scope:
        warnings.filterwarnings(
            "ignore", message=_UNSET_LOOP_SCOPE_WARNING, category=pytest.PytestDeprecationWarning
        )


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


@_async_fixture
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
