"""The Mambu Functions API on both connectors (FakeConnector and REST → emulator): list, create, get,
replace, delete, the deployment states and the API's own errors."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import pytest

from mambu_async import (
    MambuBadRequestError,
    MambuConflictError,
    MambuFunction,
    MambuNotFoundError,
    MambuValidationError,
)
from mambu_async.entities.function import FunctionState
from mambu_async.testing import FakeMambu
from mambu_async.testing.resources.functions import set_function_state

from .conftest import Raw

SOURCE = "exports.default = async function(input) { return input.totalBalance * 0.01; }"


async def _create(connector: Any, name: str = "fee-1", point: str = "DEPOSIT_FEE_AMOUNT") -> Any:
    return await connector.mambu_create_function(name, point, "v1", SOURCE)


async def test_create_then_get_answers_the_mambu_function_schema(
    mambu_connector: Any, mambu_fake: FakeMambu
) -> None:
    mambu_fake.clock.set(dt.datetime(2023, 5, 8, 8, 53, 52, tzinfo=dt.timezone(dt.timedelta(hours=2))))
    created = await _create(mambu_connector)
    expected = {
        "name": "fee-1",
        "state": "ACTIVE",
        "version": "v1",
        "lastModifiedDate": "2023-05-08T06:53:52Z",
        "extensionPointId": "DEPOSIT_FEE_AMOUNT",
    }
    assert created == expected
    assert await mambu_connector.mambu_get_function("fee-1") == expected


async def test_list_filters_by_extension_point_and_pages(mambu_connector: Any) -> None:
    for name in ("c-fn", "a-fn", "b-fn"):
        await _create(mambu_connector, name)
    await _create(mambu_connector, "loan-fn", "LOAN_FEE_AMOUNT")
    every = await mambu_connector.mambu_get_functions()
    assert [f["name"] for f in every] == ["a-fn", "b-fn", "c-fn", "loan-fn"]
    deposit = await mambu_connector.mambu_get_functions("DEPOSIT_FEE_AMOUNT")
    assert [f["name"] for f in deposit] == ["a-fn", "b-fn", "c-fn"]
    page = await mambu_connector.mambu_get_functions(None, 1, 2)
    assert [f["name"] for f in page] == ["b-fn", "c-fn"]


async def test_list_without_limit_reads_every_page(mambu_fake: FakeMambu) -> None:
    from mambu_async.testing import FakeConnector

    connector = FakeConnector(mambu_fake, page_size=2)
    for index in range(5):
        await _create(connector, f"fn-{index}")
    assert [f["name"] for f in await connector.mambu_get_functions()] == [f"fn-{i}" for i in range(5)]


async def test_the_code_is_stored_base64_and_never_answered(
    mambu_connector: Any, mambu_fake: FakeMambu
) -> None:
    await _create(mambu_connector)
    stored = mambu_fake.store["mambufunctions"].by_id("fee-1")
    assert stored is not None
    assert base64.b64decode(stored["_code"]["code"]).decode() == SOURCE
    assert "functionCode" not in await mambu_connector.mambu_get_function("fee-1")


async def test_a_taken_name_is_a_conflict_with_the_functions_code(mambu_connector: Any) -> None:
    await _create(mambu_connector)
    with pytest.raises(MambuConflictError) as caught:
        await _create(mambu_connector)
    assert caught.value.error_reason == "MFUNCTION_ALREADY_EXISTS"
    assert caught.value.error_code == 30000


async def test_update_replaces_version_and_code(mambu_connector: Any, mambu_fake: FakeMambu) -> None:
    await _create(mambu_connector)
    mambu_fake.clock.advance(hours=1)
    updated = await mambu_connector.mambu_update_function("fee-1", "v2", b"exports.default = async () => 2;")
    assert updated["version"] == "v2"
    assert updated["state"] == "ACTIVE"
    stored = mambu_fake.store["mambufunctions"].by_id("fee-1")
    assert stored is not None
    assert base64.b64decode(stored["_code"]["code"]) == b"exports.default = async () => 2;"


async def test_pending_functions_refuse_updates_and_deletes(
    mambu_connector: Any, mambu_fake: FakeMambu
) -> None:
    await _create(mambu_connector)
    set_function_state(mambu_fake, "fee-1", "UPDATE_PENDING")
    with pytest.raises(MambuConflictError) as caught:
        await mambu_connector.mambu_update_function("fee-1", "v2", SOURCE)
    assert (caught.value.error_reason, caught.value.error_code) == ("MFUNCTION_OPERATION_IN_PROGRESS", 30003)
    with pytest.raises(MambuBadRequestError) as refused:
        await mambu_connector.mambu_delete_function("fee-1")
    assert refused.value.error_reason == "MFUNCTION_OPERATION_IN_PROGRESS"


async def test_delete_schedules_the_removal_for_24_hours(mambu_connector: Any, mambu_fake: FakeMambu) -> None:
    await _create(mambu_connector)
    assert await mambu_connector.mambu_delete_function("fee-1") is None
    assert (await mambu_connector.mambu_get_function("fee-1"))["state"] == "REMOVING"
    mambu_fake.clock.advance(hours=1)
    assert await mambu_connector.mambu_delete_function("fee-1") is None  # already scheduled: done
    with pytest.raises(MambuConflictError) as busy:
        await mambu_connector.mambu_update_function("fee-1", "v2", SOURCE)
    assert busy.value.error_reason == "MFUNCTION_OPERATION_IN_PROGRESS"
    with pytest.raises(MambuConflictError) as caught:
        await _create(mambu_connector)
    assert caught.value.error_reason == "MFUNCTION_ALREADY_EXISTS"
    mambu_fake.clock.advance(hours=22, minutes=59)
    assert [f["name"] for f in await mambu_connector.mambu_get_functions()] == ["fee-1"]
    mambu_fake.clock.advance(minutes=1)
    assert await mambu_connector.mambu_get_functions() == []
    with pytest.raises(MambuNotFoundError) as missing:
        await mambu_connector.mambu_get_function("fee-1")
    assert missing.value.error_reason == "OBJECT_NOT_FOUND"
    assert (await _create(mambu_connector))["state"] == "ACTIVE"


async def test_unknown_function_is_not_found_on_every_operation(mambu_connector: Any) -> None:
    for call in (
        mambu_connector.mambu_get_function("nope"),
        mambu_connector.mambu_update_function("nope", "v1", SOURCE),
        mambu_connector.mambu_delete_function("nope"),
    ):
        with pytest.raises(MambuNotFoundError):
            await call


async def test_bad_arguments_fail_before_any_request(mambu_connector: Any, mambu_fake: FakeMambu) -> None:
    with pytest.raises(MambuValidationError):
        await mambu_connector.mambu_create_function("", "DEPOSIT_FEE_AMOUNT", "v1", SOURCE)
    with pytest.raises(MambuValidationError):
        await mambu_connector.mambu_create_function("f", "DEPOSIT_FEE_AMOUNT", "v1", SOURCE, "python")
    with pytest.raises(MambuValidationError):
        await mambu_connector.mambu_create_function("f", "DEPOSIT_FEE_AMOUNT", "v1", 42)
    with pytest.raises(MambuValidationError):
        await mambu_connector.mambu_update_function("f", "v1", b"   ")
    with pytest.raises(MambuValidationError):
        await mambu_connector.mambu_get_functions(limit=-1)
    assert len(mambu_fake.store["mambufunctions"]) == 0


async def test_unsupported_extension_point_has_its_code(mambu_connector: Any) -> None:
    with pytest.raises(MambuBadRequestError) as caught:
        await _create(mambu_connector, "f", "deposit fee")
    assert (caught.value.error_reason, caught.value.error_code) == (
        "MFUNCTION_UNSUPPORTED_EXTENSION_POINT",
        30006,
    )


@pytest.mark.parametrize(
    ("body", "wrong"),
    [
        ({"extensionPointId": "DEPOSIT_FEE_AMOUNT", "version": "v1"}, "name"),
        ({"name": "f", "version": "v1"}, "extensionPointId"),
        ({"name": "f", "extensionPointId": "DEPOSIT_FEE_AMOUNT"}, "version"),
        (
            {"name": "f", "extensionPointId": "DEPOSIT_FEE_AMOUNT", "version": "v1", "code": "x"},
            "functionCode",
        ),
    ],
)
async def test_the_fake_refuses_incomplete_creates(raw: Raw, body: dict[str, Any], wrong: str) -> None:
    full = {"functionCode": {"languageId": "es2020", "code": base64.b64encode(b"x").decode()}, **body}
    if wrong == "functionCode":
        del full["functionCode"]
    status, _, answer = await raw("POST", "/mambu-functions", json=full)
    assert status == 400
    assert answer["errors"][0]["errorReason"] == "INVALID_PARAMETERS"
    assert wrong in answer["errors"][0]["errorSource"]


async def test_the_fake_refuses_code_that_is_not_base64(raw: Raw) -> None:
    body = {
        "name": "f",
        "extensionPointId": "DEPOSIT_FEE_AMOUNT",
        "version": "v1",
        "functionCode": {"languageId": "es2020", "code": "not base64!"},
    }
    status, _, answer = await raw("POST", "/mambu-functions", json=body)
    assert (status, answer["errors"][0]["errorReason"]) == (400, "INVALID_PARAMETERS")


async def test_pagination_details_headers(raw: Raw, mambu_connector: Any) -> None:
    for name in ("a", "b", "c"):
        await _create(mambu_connector, name)
    status, headers, body = await raw(
        "GET", "/mambu-functions", params=[("offset", "1"), ("limit", "1"), ("paginationDetails", "ON")]
    )
    assert status == 200
    assert [f["name"] for f in body] == ["b"]
    assert (headers["items-offset"], headers["items-limit"], headers["items-total"]) == ("1", "1", "3")


async def test_entity_create_update_refresh_delete(mambu_connector: Any, mambu_fake: FakeMambu) -> None:
    fn = await MambuFunction.create(
        connector=mambu_connector,
        name="fee-1",
        extension_point_id="DEPOSIT_FEE_AMOUNT",
        version="v1",
        code=SOURCE,
    )
    assert fn.state is FunctionState.ACTIVE
    assert fn.last_modified_date is not None and fn.last_modified_date.utcoffset() == dt.timedelta(0)
    await fn.update(version="v2", code=SOURCE)
    assert fn.version == "v2"
    set_function_state(mambu_fake, "fee-1", "FAILED")
    await fn.refresh()
    assert fn.state is FunctionState.FAILED
    listed = await MambuFunction.get_all(connector=mambu_connector, extension_point_id="DEPOSIT_FEE_AMOUNT")
    assert [f.name for f in listed] == ["fee-1"]
    await fn.delete()
    again = await MambuFunction.get("fee-1", connector=mambu_connector)
    assert again.state is FunctionState.REMOVING
    assert again.extension_point_id == "DEPOSIT_FEE_AMOUNT"


async def test_entity_without_connector_or_name_fails_clearly() -> None:
    with pytest.raises(MambuValidationError):
        await MambuFunction(name="f").delete()
