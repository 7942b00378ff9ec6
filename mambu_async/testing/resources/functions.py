"""The Mambu Functions API (seed 004) on the fake: ``/mambu-functions`` (served under ``/api``).

- ``GET /mambu-functions`` lists functions (``extensionPointId`` filter, ``offset``/``limit``/
  ``paginationDetails`` with the ``Items-*`` headers), ``GET /mambu-functions/{name}`` reads one;
  404 ``OBJECT_NOT_FOUND`` for an unknown name.
- ``POST`` creates from ``{name, extensionPointId, version, functionCode: {languageId, code}}`` → 201; a
  taken name (even one being removed) is 409 ``MFUNCTION_ALREADY_EXISTS``.
- ``PUT /mambu-functions/{name}`` replaces ``version`` and ``functionCode`` → 200.
- ``DELETE`` schedules the removal → 204: the function shows ``REMOVING`` and is gone once the fake's
  clock has moved 24 hours on ("The actual removal will happen after 24 hours").
- A function whose state is ``CREATE_PENDING``, ``UPDATE_PENDING`` or ``REMOVING`` refuses PUT with 409
  ``MFUNCTION_OPERATION_IN_PROGRESS`` ("another concurrent operation on the same function").

Responses are the ``MambuFunction`` schema only (``name, state, version, lastModifiedDate,
extensionPointId``): the code is stored, never answered. Errors carry the Functions API's codes.

[INFERRED] where the seed is silent:

- deployment is instant: a created or updated function is ``ACTIVE`` (a test may store another state
  with :func:`set_function_state` to exercise the pending rules);
- ``name``, ``extensionPointId``, ``version`` and ``functionCode`` (``languageId`` ``es2020``, ``code``
  non-empty base64) are required on create, ``version`` and ``functionCode`` on PUT; a missing or wrong
  one is 400 ``INVALID_PARAMETERS``; keys outside the schema are ignored;
- the seed names only ``DEPOSIT_FEE_AMOUNT`` as an extension point, so any UPPER_SNAKE id is accepted and
  anything else is 400 ``MFUNCTION_UNSUPPORTED_EXTENSION_POINT``;
- DELETE documents no 409: a function being deployed refuses it with 400
  ``MFUNCTION_OPERATION_IN_PROGRESS``, and deleting a function already ``REMOVING`` answers 204 again and
  keeps its removal time (so a DELETE retried after a lost response is not reported as failed);
- the list is in name order; ``lastModifiedDate`` is UTC with a ``Z`` as in the seed's examples;
- the error codes not shown in the seed follow its numbering (30000 + position in the errorReason enum:
  the documented 30000, 30002 and 30003 sit at positions 0, 2 and 3).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from mambu_async.testing import query
from mambu_async.testing.apierror import ApiError
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response, list_response, no_content
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

__all__ = ["FUNCTION_ERROR_CODES", "FUNCTION_STATES", "install", "set_function_state"]

COLLECTION = "mambufunctions"
"""Store collection of the functions (``id`` = name; ``_code`` and ``_removeAt`` are never answered)."""

FUNCTION_STATES = ("CREATE_PENDING", "UPDATE_PENDING", "ACTIVE", "FAILED", "REMOVING")
"""``MambuFunction.state`` values."""

FUNCTION_ERROR_CODES: dict[str, int] = {
    "MFUNCTION_ALREADY_EXISTS": 30000,
    "MFUNCTION_SERVICE_NOT_READY": 30001,
    "MFUNCTION_INTERNAL_ERROR": 30002,
    "MFUNCTION_OPERATION_IN_PROGRESS": 30003,
    "MFUNCTION_MAX_FUNCTION_COUNT_LIMIT_REACHED": 30004,
    "MFUNCTION_INTERNAL_LIMIT_REACHED": 30005,
    "MFUNCTION_UNSUPPORTED_EXTENSION_POINT": 30006,
    "MFUNCTION_MAPPED_FUNCTION_CANNOT_BE_DELETED": 30007,
}
"""errorReason → errorCode of the Functions API (30000, 30002, 30003 documented; the rest inferred)."""

REMOVAL_GRACE = dt.timedelta(hours=24)
"""How long a deleted function stays in ``REMOVING``."""

_BUSY = frozenset({"CREATE_PENDING", "UPDATE_PENDING", "REMOVING"})
_LANGUAGES = ("es2020",)
_EXTENSION_POINT = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$")
_PUBLIC = ("name", "state", "version", "lastModifiedDate", "extensionPointId")


class FunctionApiError(ApiError):
    """An :class:`ApiError` whose entries carry the Functions API's ``MFUNCTION_*`` codes."""

    def body(self) -> dict[str, Any]:
        """The error body, with the Functions API's code for each ``MFUNCTION_*`` reason."""
        body = super().body()
        for entry in body["errors"]:
            code = FUNCTION_ERROR_CODES.get(entry["errorReason"])
            if code is not None:
                entry["errorCode"] = code
        return body


def _error(status: int, reason: str, source: str) -> FunctionApiError:
    return FunctionApiError(status, [(reason, source)])


def _utc_now(fake: FakeMambu) -> str:
    return fake.clock.now().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _view(record: Record) -> Record:
    return {key: record[key] for key in _PUBLIC if key in record}


def _purge_removed(fake: FakeMambu) -> None:
    """Drop the functions whose removal grace period has passed."""
    now = fake.clock.now()
    collection = fake.store[COLLECTION]
    for record in collection.find(lambda r: r.get("_removeAt") is not None):
        if dt.datetime.fromisoformat(str(record["_removeAt"])) <= now:
            collection.remove(record["encodedKey"])


def _require(fake: FakeMambu, name: str) -> Record:
    _purge_removed(fake)
    record = fake.store[COLLECTION].by_id(name)
    if record is None:
        raise _error(404, "OBJECT_NOT_FOUND", f"Mambu Function {name!r} was not found")
    return record


def _text(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _error(400, "INVALID_PARAMETERS", f"{key} is required and must be a non-empty string")
    return value


def _code(body: dict[str, Any]) -> dict[str, str]:
    code = body.get("functionCode")
    if not isinstance(code, dict):
        raise _error(400, "INVALID_PARAMETERS", "functionCode is required: {languageId, code}")
    language = code.get("languageId")
    if language not in _LANGUAGES:
        raise _error(400, "INVALID_PARAMETERS", f"functionCode.languageId must be one of {list(_LANGUAGES)}")
    text = code.get("code")
    try:
        source = base64.b64decode(text, validate=True) if isinstance(text, str) else b""
    except (binascii.Error, ValueError):
        raise _error(400, "INVALID_PARAMETERS", "functionCode.code must be base64") from None
    if not source.strip():
        raise _error(400, "INVALID_PARAMETERS", "functionCode.code must hold the function's code in base64")
    return {"languageId": str(language), "code": str(text)}


def set_function_state(fake: FakeMambu, name: str, state: str) -> None:
    """Put the function ``name`` in ``state`` (one of :data:`FUNCTION_STATES`), as a deployment would."""
    if state not in FUNCTION_STATES:
        raise ValueError(f"state must be one of {FUNCTION_STATES}")
    with fake.store.atomic():
        record = _require(fake, name)
        changed = dict(record, state=state)
        fake.store[COLLECTION].put(changed)


def install(fake: FakeMambu) -> None:
    """Register the ``/mambu-functions`` routes."""

    def list_functions(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, {"extensionPointId", "offset", "limit", "paginationDetails"})
        page = query.paging(request)
        _purge_removed(fake)
        point = request.param("extensionPointId")
        records = fake.store[COLLECTION].find(lambda r: point is None or r.get("extensionPointId") == point)
        records.sort(key=lambda r: str(r["name"]))
        chosen = [_view(r) for r in records[page.offset : page.offset + page.limit]]
        return list_response(
            chosen, offset=page.offset, limit=page.limit, total=len(records), details=page.details
        )

    def create(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, set())
        body = request.json_object()
        name = _text(body, "name")
        point = _text(body, "extensionPointId")
        version = _text(body, "version")
        code = _code(body)
        if not _EXTENSION_POINT.match(point):
            raise _error(400, "MFUNCTION_UNSUPPORTED_EXTENSION_POINT", f"Unknown extension point {point!r}")
        _purge_removed(fake)
        if fake.store[COLLECTION].by_id(name) is not None:
            raise _error(409, "MFUNCTION_ALREADY_EXISTS", f"A Mambu Function named {name!r} already exists")
        record: Record = {
            "encodedKey": fake.new_key(),
            "id": name,
            "name": name,
            "state": "ACTIVE",
            "version": version,
            "lastModifiedDate": _utc_now(fake),
            "extensionPointId": point,
            "_code": code,
        }
        fake.store[COLLECTION].put(record)
        return json_response(201, _view(record))

    def get_one(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, set())
        return json_response(200, _view(_require(fake, request.path_params["name"])))

    def busy(record: Record) -> None:
        if record.get("state") in _BUSY:
            raise _error(
                409,
                "MFUNCTION_OPERATION_IN_PROGRESS",
                f"Mambu Function {record['name']!r} is {record['state']}: another operation is in progress",
            )

    def replace(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, set())
        record = _require(fake, request.path_params["name"])
        body = request.json_object()
        version = _text(body, "version")
        code = _code(body)
        busy(record)
        changed = dict(record, state="ACTIVE", version=version, _code=code, lastModifiedDate=_utc_now(fake))
        fake.store[COLLECTION].put(changed)
        return json_response(200, _view(changed))

    def delete(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, set())
        record = _require(fake, request.path_params["name"])
        if record.get("state") == "REMOVING":
            return no_content()
        if record.get("state") in _BUSY:
            raise _error(
                400,
                "MFUNCTION_OPERATION_IN_PROGRESS",
                f"Mambu Function {record['name']!r} is {record['state']}: another operation is in progress",
            )
        removal = (fake.clock.now() + REMOVAL_GRACE).isoformat()
        fake.store[COLLECTION].put(
            dict(record, state="REMOVING", lastModifiedDate=_utc_now(fake), _removeAt=removal)
        )
        return no_content()

    fake.router.add("GET", "/mambu-functions", list_functions)
    fake.router.add("POST", "/mambu-functions", create)
    fake.router.add("GET", "/mambu-functions/{name}", get_one)
    fake.router.add("PUT", "/mambu-functions/{name}", replace)
    fake.router.add("DELETE", "/mambu-functions/{name}", delete)
