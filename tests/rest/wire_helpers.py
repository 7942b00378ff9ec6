"""Constants and helpers shared by the REST connector's wire tests."""

from __future__ import annotations

import json
from typing import Any

import httpx

TENANT = "https://acme.mambu.com"
BASE = f"{TENANT}/api"
USERNAME = "api-user"
PASSWORD = "pa55-Secret-Word-7781"
API_KEY = "a1b2c3d4-key-0000-9999-SECRETAPIKEY"


class SleepRecorder:
    """An injected ``sleep`` that records the delays and never waits."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def body_of(request: httpx.Request) -> Any:
    """The request's JSON body, decoded with the standard library (numbers as they were written)."""
    return json.loads(request.content.decode("utf-8"), parse_float=str)


def query_of(request: httpx.Request) -> list[tuple[str, str]]:
    """The request's query pairs in order."""
    return list(request.url.params.multi_items())


def rest_error(code: int, reason: str, source: str | None = None) -> dict[str, Any]:
    """Mambu's ``ErrorResponse`` (``{"errors": [RestError]}``) as the OpenAPI files define it."""
    entry: dict[str, Any] = {"errorCode": code, "errorReason": reason}
    if source is not None:
        entry["errorSource"] = source
    return {"errors": [entry]}
