"""Which tenant the command talks to: the one in ``MAMBU_*`` variables, else the embedded emulator.

With no ``MAMBU_BASE_URL`` the command builds a deterministic demo tenant (``testing.factories``) in
this process and talks to it through ``MambuConnectorREST`` over ``httpx.ASGITransport`` (the same
HTTP path as a real tenant, without a socket); without the ``emulator`` extra (starlette) it falls back
to the in-process ``FakeConnector``.
"""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import AsyncIterator, Callable, Mapping
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from mambu_async.config import ENV_BASE_URL, MambuSettings
from mambu_async.connector.rest import MambuConnectorREST
from mambu_async.errors import MambuValidationError
from mambu_async.export.exit_codes import CliError, ExitCode

if TYPE_CHECKING:
    import datetime as dt

    from mambu_async.testing import FakeConnector, FakeMambu

__all__ = ["DEMO_LOANS", "TenantOptions", "build_demo", "open_tenant"]

DEMO_LOANS = 20_000
"""Loans in the embedded demo tenant (with half as many clients and deposits): a few seconds to export."""

EMBEDDED_URL = "http://localhost"


def build_demo(
    loans: int = DEMO_LOANS, *, now: dt.datetime | None = None, timezone: str | None = None
) -> FakeMambu:
    """A fresh FakeMambu holding the deterministic demo tenant, dated from its clock (real time in
    ``timezone``, or frozen at ``now``)."""
    from mambu_async.testing import FakeMambu
    from mambu_async.testing.factories import build_demo_tenant

    fake = FakeMambu(now=now, timezone=timezone)
    clients = max(1, loans // 2)
    build_demo_tenant(fake, clients=clients, loans=loans, deposits=loans // 2)
    return fake


@attrs.define
class TenantOptions:
    """How connectors are made (tests inject a transport, a fake sleep, or their own demo tenant)."""

    env: Mapping[str, str]
    connector_options: dict[str, Any] = attrs.field(factory=dict)
    """Extra keyword arguments for every connector built (``transport=``, ``sleep=``...)."""
    demo: Callable[[], FakeMambu] = build_demo
    """Builds the embedded tenant when no ``MAMBU_BASE_URL`` is set."""

    def configured(self) -> bool:
        """Whether the environment names a tenant."""
        return bool(self.env.get(ENV_BASE_URL, "").strip())


def _settings(env: Mapping[str, str]) -> MambuSettings:
    try:
        return MambuSettings.from_env(env)
    except MambuValidationError as exc:  # the message names the variable to fix
        raise CliError(ExitCode.CONFIG, f"tenant configuration: {exc}") from None


def embedded_connector(fake: FakeMambu, options: Mapping[str, Any]) -> MambuConnectorREST | FakeConnector:
    """A connector to ``fake``: REST over the ASGI emulator (the fake's scripted faults apply)."""
    from mambu_async.testing import FakeConnector

    if importlib.util.find_spec("starlette") is None:
        return FakeConnector(fake, **options)
    import httpx

    from mambu_async.testing import emulator_app

    transport = httpx.ASGITransport(app=emulator_app(fake))
    return MambuConnectorREST(
        EMBEDDED_URL, api_key=fake.api_key, transport=transport, **{"max_concurrency": 8, **options}
    )


@contextlib.asynccontextmanager
async def open_tenant(
    options: TenantOptions, *, stderr: TextIO, concurrency: int | None = None, announce: str | None = None
) -> AsyncIterator[MambuConnectorREST | FakeConnector]:
    """The connector for this run; closed on exit.

    ``announce`` is said on stderr when the embedded emulator is used (``None``: say nothing).
    """
    extra = dict(options.connector_options)
    if concurrency is not None:
        extra["max_concurrency"] = max(concurrency, int(extra.get("max_concurrency", 0)))
    connector: MambuConnectorREST | FakeConnector
    if options.configured():
        settings = _settings(options.env)
        kwargs = {**settings.connector_kwargs(), **extra}
        try:
            connector = MambuConnectorREST(**kwargs)
        except MambuValidationError as exc:
            raise CliError(ExitCode.CONFIG, f"tenant configuration: {exc}") from None
    else:
        if announce:
            print(announce, file=stderr, flush=True)
        try:
            fake = options.demo()
        except ImportError as exc:  # pragma: no cover - the testing package ships with the library
            raise CliError(ExitCode.MISSING_EXTRA, f"the embedded emulator is unavailable: {exc}") from None
        connector = embedded_connector(fake, extra)
    try:
        yield connector
    finally:
        await connector.aclose()
