"""Only the library's own errors escape the connector: odd bodies, a closed connector, verify=False."""

from __future__ import annotations

import logging

import pytest
import respx
from wire_helpers import TENANT

from mambu_async import MambuConnectorREST, MambuError, MambuResponseError
from mambu_async.connector import rest


async def test_json_nested_too_deeply_is_a_response_error(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    mock.get("/clients/C1").respond(200, content=b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(MambuResponseError, match="not valid JSON") as caught:
        await conn.mambu_get("C1", "clients")
    assert caught.value.status_code == 200


async def test_error_body_nested_too_deeply_is_kept_as_text(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    mock.get("/clients/C1").respond(400, content=b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(MambuError) as caught:
        await conn.mambu_get("C1", "clients")
    assert caught.value.status_code == 400 and isinstance(caught.value.body, str)


async def test_a_closed_connector_raises_a_mambu_error_without_sending(mock: respx.MockRouter) -> None:
    route = mock.route()
    conn = MambuConnectorREST(TENANT, api_key="k")
    await conn.aclose()
    with pytest.raises(MambuError, match="connector is closed"):
        await conn.mambu_get("C1", "clients")
    assert not route.called


def test_verify_false_logs_a_warning_once(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rest, "_warned_unverified", False)
    with caplog.at_level(logging.WARNING, logger="mambu_async"):
        MambuConnectorREST(TENANT, api_key="k", verify=False)
        MambuConnectorREST(TENANT, api_key="k", verify=False)
        MambuConnectorREST(TENANT, api_key="k")
    warnings = [r for r in caplog.records if "verify=False" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING

