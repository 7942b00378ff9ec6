"""v1 operations without a v2 equivalent on both connectors (FakeConnector and REST → emulator):
base64 documents, a client's picture and signature, activities, indicators, the global search, client
types, group role names and custom information values."""

from __future__ import annotations

import base64
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from mambu_async import (
    MambuActivity,
    MambuBadRequestError,
    MambuClient,
    MambuNotFoundError,
    MambuNotImplementedError,
    MambuServerError,
    MambuValidationError,
)
from mambu_async.testing import FakeMambu
from mambu_async.testing.resources.v1_lookups import add_client_type, add_group_role_name

from .conftest import Raw

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
TEXT = b"thanks for checking, we're all fine here"


@pytest.fixture
def ana(mambu_fake: FakeMambu) -> dict[str, Any]:
    return mambu_fake.create(
        "clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez", "state": "ACTIVE"}
    )


# -- documents --------------------------------------------------------------------------------------


async def test_v1_document_round_trip_and_the_shared_store(mambu_connector: Any, ana: dict[str, Any]) -> None:
    created = await mambu_connector.mambu_v1_upload_document(
        "CLIENT", ana["encodedKey"], TEXT, "status", notes="all fine", file_name="status.txt"
    )
    assert created["documentHolderKey"] == ana["encodedKey"]
    assert created["documentHolderType"] == "CLIENT"
    assert (created["name"], created["type"], created["fileSize"]) == ("status", "txt", len(TEXT))
    assert created["originalFilename"] == "status.txt"
    assert created["description"] == "all fine"
    assert created["creationDate"].endswith("+0000")
    assert await mambu_connector.mambu_v1_download_document(str(created["id"])) == TEXT
    # The same document through v2: listed and downloaded.
    listed = await mambu_connector.mambu_get_documents_metadata("C1", "CLIENT")
    assert [d["encodedKey"] for d in listed] == [created["encodedKey"]]
    assert await mambu_connector.mambu_download_document(created["encodedKey"]) == TEXT
    v1_listed = await mambu_connector.mambu_v1_get_documents("CLIENT", "C1")
    assert [d["id"] for d in v1_listed] == [created["id"]]
    status = await mambu_connector.mambu_v1_delete_document(created["encodedKey"])
    assert status == {"returnCode": 0, "returnStatus": "SUCCESS"}
    assert await mambu_connector.mambu_get_documents_metadata("C1", "CLIENT") == []


async def test_v1_document_errors_are_v1_bodies(mambu_connector: Any, ana: dict[str, Any]) -> None:
    with pytest.raises(MambuBadRequestError) as caught:
        await mambu_connector.mambu_v1_download_document("999")
    assert (caught.value.error_code, caught.value.error_reason) == (970, "INVALID_DOCUMENT_ID")
    assert caught.value.body == {
        "returnCode": 970,
        "returnStatus": "INVALID_DOCUMENT_ID",
        "errorSource": "Document '999' was not found",
    }
    with pytest.raises(MambuNotFoundError) as missing:
        await mambu_connector.mambu_v1_delete_document("999")
    assert missing.value.body["returnStatus"] == "INVALID_DOCUMENT_ID"
    with pytest.raises(MambuBadRequestError) as mismatch:
        await mambu_connector.mambu_v1_upload_document("CLIENT", "C1", TEXT, "scan", file_name="scan.pdf")
    assert (mismatch.value.error_code, mismatch.value.error_reason) == (
        973,
        "INCONSISTENT_EXTENSION_WITH_FILE_CONTENT",
    )
    with pytest.raises(MambuBadRequestError) as owner:
        await mambu_connector.mambu_v1_get_documents("CLIENT", "nobody")
    assert (owner.value.error_reason, owner.value.error_source) == ("INVALID_PARAMETERS", "wrong owner id")
    with pytest.raises(MambuServerError) as bad_type:
        await mambu_connector.mambu_v1_get_documents("LINE_OF_CREDIT", "C1")
    assert (bad_type.value.status_code, bad_type.value.error_code) == (500, 6)


async def test_v1_upload_rules(raw: Raw, mambu_fake: FakeMambu, ana: dict[str, Any]) -> None:
    headers = {"accept": "application/json", **mambu_fake.auth_headers()}
    no_name = {"document": {"documentHolderKey": "C1", "documentHolderType": "CLIENT", "type": "TXT"}}
    status, _, body = await raw("POST", "/documents", json={**no_name, "documentContent": "eA=="})
    assert (status, body) == (
        400,
        {"returnCode": 4, "returnStatus": "INVALID_PARAMETERS", "errorSource": "document name is required"},
    )
    wrong_extension = {
        "document": {
            "documentHolderKey": "C1",
            "documentHolderType": "CLIENT",
            "name": "a.pdf",
            "type": "txt",
        },
        "documentContent": "eA==",
    }
    status, _, body = await raw("POST", "/documents", json=wrong_extension)
    assert (status, body["returnStatus"]) == (400, "INVALID_FILE_EXTENSION")
    plain = {
        "document": {
            "documentHolderKey": "C1",
            "documentHolderType": "CLIENT",
            "name": "note",
            "type": "txt",
        },
        "documentContent": "eA==",
    }
    status, response_headers, body = await raw("POST", "/documents", json=plain, headers=headers)
    assert status == 200
    assert response_headers["content-type"].startswith("application/json")
    assert body["originalFilename"] == "note.txt"


async def test_client_profile_picture_and_signature(
    mambu_connector: Any, mambu_fake: FakeMambu, ana: dict[str, Any]
) -> None:
    for asset in ("PROFILE_PICTURE", "SIGNATURE"):
        with pytest.raises(MambuNotFoundError):
            await mambu_connector.mambu_get_client_asset("C1", asset)
        status = await mambu_connector.mambu_set_client_asset("C1", asset, PNG, file_name="me.png")
        assert status == {"returnCode": 0, "returnStatus": "SUCCESS"}
        assert await mambu_connector.mambu_get_client_asset("C1", asset) == PNG
    client = await mambu_connector.mambu_get("C1", "clients", "FULL")
    assert client["profilePictureKey"] and client["profileSignatureKey"]
    replaced = PNG + b"v2"
    await mambu_connector.mambu_set_client_asset(
        "C1", "PROFILE_PICTURE", replaced, name="face", file_name="me.png"
    )
    assert await mambu_connector.mambu_get_client_asset("C1", "PROFILE_PICTURE") == replaced
    await mambu_connector.mambu_delete_client_asset("C1", "SIGNATURE")
    with pytest.raises(MambuNotFoundError):
        await mambu_connector.mambu_get_client_asset("C1", "SIGNATURE")
    assert "profileSignatureKey" not in await mambu_connector.mambu_get("C1", "clients", "FULL")
    with pytest.raises(MambuBadRequestError) as not_image:
        await mambu_connector.mambu_set_client_asset("C1", "SIGNATURE", TEXT, file_name="sig.txt")
    assert not_image.value.error_reason == "FILE_EXTENSION_NOT_ALLOWED"
    with pytest.raises(MambuNotFoundError):
        await mambu_connector.mambu_get_client_asset("C404", "SIGNATURE")
    with pytest.raises(MambuValidationError):
        await mambu_connector.mambu_get_client_asset("C1", "AVATAR")


# -- activities -------------------------------------------------------------------------------------


async def test_activities_follow_the_writes(mambu_connector: Any, mambu_fake: FakeMambu) -> None:
    mambu_fake.clock.set(dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC))
    branch = mambu_fake.create("branches", {"id": "BR1", "name": "Main"})
    await mambu_connector.mambu_create(
        "clients",
        {"id": "C1", "firstName": "Ana", "lastName": "Lopez", "assignedBranchKey": branch["encodedKey"]},
    )
    mambu_fake.clock.advance(days=1)
    await mambu_connector.mambu_patch("C1", "clients", [("REPLACE", "lastName", "Diaz")])
    mambu_fake.create("clients", {"id": "C2", "firstName": "Bob", "lastName": "Brown"})

    every = await mambu_connector.mambu_get_activities("2024-03-01", dt.date(2024, 3, 2))
    assert [a["activity"]["type"] for a in every] == [
        "BRANCH_CREATED",
        "CLIENT_CREATED",
        "CLIENT_EDITED",
        "CLIENT_CREATED",
    ]
    created = every[1]
    assert created["clientName"] == "Ana Lopez"
    assert created["branchName"] == "Main"
    assert created["activity"]["branchKey"] == branch["encodedKey"]
    assert created["activity"]["timestamp"] == "2024-03-01T09:00:00+0000"

    first_day = await mambu_connector.mambu_get_activities(dt.date(2024, 3, 1), dt.date(2024, 3, 1))
    assert len(first_day) == 2
    by_client = await mambu_connector.mambu_get_activities("2024-03-01", "2024-03-02", {"clientID": "C1"})
    assert [a["clientName"] for a in by_client] == ["Ana Lopez", "Ana Diaz"]
    paged = await mambu_connector.mambu_get_activities("2024-03-01", "2024-03-02", None, 1, 2)
    assert [a["activity"]["type"] for a in paged] == ["CLIENT_CREATED", "CLIENT_EDITED"]

    items = await MambuActivity.get_all(
        connector=mambu_connector, from_date="2024-03-02", to_date="2024-03-02", filters={"clientID": "C2"}
    )
    assert len(items) == 1
    assert items[0].client_name == "Bob Brown"
    assert items[0].activity is not None
    assert items[0].activity.type == "CLIENT_CREATED"
    assert items[0].activity.timestamp == dt.datetime(2024, 3, 2, 9, 0, tzinfo=dt.UTC)
    assert items[0].activity.transaction_id == 4


async def test_activities_of_deleted_accounts_name_their_holder(
    mambu_connector: Any, mambu_fake: FakeMambu
) -> None:
    mambu_fake.clock.set(dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC))
    group = mambu_fake.create("groups", {"id": "G1", "groupName": "Weavers"})
    await mambu_connector.mambu_delete("G1", "groups")
    rows = await mambu_connector.mambu_get_activities(
        "2024-03-01", "2024-03-01", {"groupID": group["encodedKey"]}
    )
    assert [(r["activity"]["type"], r["groupName"]) for r in rows] == [
        ("GROUP_CREATED", "Weavers"),
        ("GROUP_DELETED", "Weavers"),
    ]


async def test_activities_need_both_dates(mambu_connector: Any, raw: Raw) -> None:
    with pytest.raises(MambuValidationError):
        await mambu_connector.mambu_get_activities(None, "2024-01-01")
    with pytest.raises(MambuValidationError):
        await mambu_connector.mambu_get_activities("2024-01-01", "2024-01-02", {"clientKey": "x"})
    status, _, body = await raw("GET", "/activities", params=[("from", "2024-01-01")])
    assert (status, body["returnStatus"], body["returnCode"]) == (400, "INVALID_PARAMETERS", 4)


# -- indicators, search, client types, group role names ---------------------------------------------


async def test_indicators_count_and_sum_the_tenant(mambu_connector: Any, mambu_fake: FakeMambu) -> None:
    mambu_fake.create("clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez", "state": "ACTIVE"})
    mambu_fake.create("clients", {"id": "C2", "firstName": "Bob", "lastName": "Brown", "state": "INACTIVE"})
    assert await mambu_connector.mambu_get_indicator("NUM_CLIENTS") == 2
    assert await mambu_connector.mambu_get_indicator("NUM_ACTIVE_CLIENTS") == 1
    assert await mambu_connector.mambu_get_indicator("GROSS_LOAN_PORTFOLIO") == 0
    assert await mambu_connector.mambu_get_indicator("TOTAL_DEPOSITS") == Decimal(0)
    with pytest.raises(MambuNotImplementedError):
        await mambu_connector.mambu_get_indicator("PAR_30_DAYS")
    with pytest.raises(MambuBadRequestError) as unknown:
        await mambu_connector.mambu_get_indicator("NUM_DRAGONS")
    assert unknown.value.body["returnStatus"] == "INVALID_PARAMETERS"
    with pytest.raises(MambuValidationError):
        await mambu_connector.mambu_get_indicator("num clients")


async def test_indicators_over_the_demo_tenant_sum_balances(
    mambu_connector: Any, mambu_fake: FakeMambu
) -> None:
    from mambu_async.testing.factories import build_demo_tenant

    build_demo_tenant(mambu_fake)
    outstanding = [
        loan
        for loan in mambu_fake.store["loans"].values()
        if loan["accountState"] in ("ACTIVE", "ACTIVE_IN_ARREARS")
    ]
    expected = sum((Decimal(str(loan["balances"]["principalBalance"])) for loan in outstanding), Decimal(0))
    assert await mambu_connector.mambu_get_indicator("NUM_LOANS_OUTSTANDING") == len(outstanding)
    assert await mambu_connector.mambu_get_indicator("GROSS_LOAN_PORTFOLIO") == expected


async def test_global_search_groups_matches_by_type(mambu_connector: Any, mambu_fake: FakeMambu) -> None:
    mambu_fake.create("clients", {"id": "517706810", "firstName": "John", "lastName": "Demo"})
    mambu_fake.create("branches", {"id": "BR1", "name": "Johnstown"})
    found = await mambu_connector.mambu_global_search("john", ["CLIENT", "USER"], 10)
    assert set(found) >= {
        "CLIENT",
        "USER",
        "CREDIT_OFFICER",
        "BRANCH",
        "LOAN_ACCOUNT",
        "GROUP",
        "LINE_OF_CREDIT",
    }
    assert found["CLIENT"] == [
        {
            "selectionType": "CLIENT",
            "displayString": "John Demo",
            "resultID": "517706810",
            "resultKey": mambu_fake.get("clients", "517706810")["encodedKey"],
        }
    ]
    assert found["BRANCH"] == []
    every = await mambu_connector.mambu_global_search("JOHN")
    assert [hit["displayString"] for hit in every["BRANCH"]] == ["Johnstown"]
    with pytest.raises(MambuValidationError):
        await mambu_connector.mambu_global_search("john", ["PLANET"])


async def test_client_types_start_with_mambus_defaults(mambu_connector: Any, mambu_fake: FakeMambu) -> None:
    defaults = await mambu_connector.mambu_get_client_types()
    assert [(t["id"], t["clientType"], t["index"]) for t in defaults] == [
        ("client", "CLIENT", -1),
        ("group", "GROUP", -1),
    ]
    add_client_type(mambu_fake, "Guarantor", "Guarantor", canOpenAccounts=False, requireID=True)
    clients_only = await mambu_connector.mambu_get_client_types("CLIENTS")
    assert [t["id"] for t in clients_only] == ["client", "Guarantor"]
    assert clients_only[1]["requireID"] is True
    assert [t["id"] for t in await mambu_connector.mambu_get_client_types("GROUPS")] == ["group"]
    with pytest.raises(MambuValidationError):
        await mambu_connector.mambu_get_client_types("PEOPLE")


async def test_client_types_bad_for_is_the_documented_error(raw: Raw) -> None:
    status, _, body = await raw("GET", "/clienttypes", params=[("for", "PEOPLE")])
    assert (status, body) == (
        400,
        {"returnCode": 4, "returnStatus": "INVALID_PARAMETERS", "errorSource": "invalid for parameter"},
    )


async def test_group_role_names(mambu_connector: Any, mambu_fake: FakeMambu) -> None:
    assert await mambu_connector.mambu_get_group_role_names() == []
    president = add_group_role_name(mambu_fake, "President")
    add_group_role_name(mambu_fake, "Treasurer")
    names = await mambu_connector.mambu_get_group_role_names()
    assert names == [
        {"encodedKey": president["encodedKey"], "name": "President"},
        {"encodedKey": names[1]["encodedKey"], "name": "Treasurer"},
    ]


# -- custom information -----------------------------------------------------------------------------


@pytest.fixture
def fields(mambu_fake: FakeMambu, ana: dict[str, Any]) -> None:
    mambu_fake.create("customfieldsets", {"id": "_Personal", "availableFor": "CLIENT"})
    mambu_fake.create(
        "customfields", {"id": "nickname", "customFieldSetId": "_Personal", "type": "FREE_TEXT"}
    )
    mambu_fake.create("customfields", {"id": "score", "customFieldSetId": "_Personal", "type": "NUMBER"})
    mambu_fake.create(
        "customfieldsets", {"id": "_Refs", "availableFor": "CLIENT", "fieldSetType": "GROUPED"}
    )
    mambu_fake.create("customfields", {"id": "ref_name", "customFieldSetId": "_Refs", "type": "FREE_TEXT"})
    mambu_fake.create("customfieldsets", {"id": "_BranchInfo", "availableFor": "BRANCH"})
    mambu_fake.create(
        "customfields", {"id": "region", "customFieldSetId": "_BranchInfo", "type": "FREE_TEXT"}
    )


@pytest.mark.usefixtures("fields")
async def test_custom_information_values_one_at_a_time(mambu_connector: Any, mambu_fake: FakeMambu) -> None:
    success = {"returnCode": 0, "returnStatus": "SUCCESS"}
    values = [
        {"customFieldID": "nickname", "value": "Annie"},
        {"customFieldID": "score", "value": Decimal("7.50")},
        {"customFieldID": "ref_name", "value": "Carla"},
    ]
    assert await mambu_connector.mambu_set_custom_information("clients", "C1", values) == success
    stored = mambu_fake.get("clients", "C1")
    assert stored["_Personal"] == {"nickname": "Annie", "score": "7.50"}
    assert stored["_Refs"] == [{"_index": "0", "ref_name": "Carla"}]

    records = await mambu_connector.mambu_get_custom_information("clients", "C1", "nickname")
    assert [(r["value"], r["customFieldID"], r["customFieldSetGroupIndex"]) for r in records] == [
        ("Annie", "nickname", -1)
    ]
    assert records[0]["parentKey"] == stored["encodedKey"]
    assert records[0]["customField"]["customFieldSet"]["id"] == "_Personal"

    await mambu_connector.mambu_set_custom_information(
        "clients", "C1", [{"customFieldID": "ref_name", "value": "Dora"}]
    )
    await mambu_connector.mambu_update_custom_information("clients", "C1", "ref_name", "Carmen", 0)
    await mambu_connector.mambu_update_custom_information("clients", "C1", "nickname", "Ana B")
    grouped = await mambu_connector.mambu_get_custom_information("clients", "C1", "ref_name")
    assert [(r["value"], r["customFieldSetGroupIndex"]) for r in grouped] == [("Carmen", 0), ("Dora", 1)]

    await mambu_connector.mambu_delete_custom_information("clients", "C1", "ref_name", 1)
    await mambu_connector.mambu_delete_custom_information("clients", "C1", "score")
    stored = mambu_fake.get("clients", "C1")
    assert stored["_Personal"] == {"nickname": "Ana B"}
    assert stored["_Refs"] == [{"_index": "0", "ref_name": "Carmen"}, {"_index": "1"}]
    assert await mambu_connector.mambu_get_custom_information("clients", "C1", "score") == []


@pytest.mark.usefixtures("fields")
async def test_custom_information_errors_are_the_documented_ones(
    mambu_connector: Any, mambu_fake: FakeMambu
) -> None:
    with pytest.raises(MambuNotFoundError) as unknown:
        await mambu_connector.mambu_update_custom_information("clients", "C1", "nope", "x")
    assert (unknown.value.error_code, unknown.value.error_reason) == (903, "INVALID_CUSTOM_FIELD_ID")
    with pytest.raises(MambuNotFoundError):
        await mambu_connector.mambu_get_custom_information("clients", "C1", "region")
    with pytest.raises(MambuBadRequestError) as grouped:
        await mambu_connector.mambu_update_custom_information("clients", "C1", "ref_name", "x")
    assert grouped.value.body == {
        "returnCode": 916,
        "returnStatus": "INVALID_CUSTOM_FIELD_GROUP_INDEX",
        "errorSource": "ref_name",
    }
    with pytest.raises(MambuBadRequestError) as bad_index:
        await mambu_connector.mambu_delete_custom_information("clients", "C1", "ref_name", 5)
    assert bad_index.value.error_code == 916
    with pytest.raises(MambuBadRequestError) as bad_number:
        await mambu_connector.mambu_update_custom_information("clients", "C1", "score", "many")
    assert bad_number.value.error_reason == "INCONSISTENT_VALUE_WITH_CUSTOM_FIELD_TYPE"
    assert "score" not in mambu_fake.get("clients", "C1").get("_Personal", {})
    branch = mambu_fake.create("branches", {"id": "BR1", "name": "Main"})
    await mambu_connector.mambu_update_custom_information("branches", branch["encodedKey"], "region", "North")
    assert mambu_fake.get("branches", "BR1")["_BranchInfo"] == {"region": "North"}
    with pytest.raises(MambuValidationError):
        await mambu_connector.mambu_update_custom_information("loans", "L1", "x", "y")
    with pytest.raises(MambuValidationError):
        await mambu_connector.mambu_set_custom_information(
            "clients", "C1", [{"customFieldID": "x", "value": 1.5}]
        )
    with pytest.raises(MambuValidationError):
        await mambu_connector.mambu_delete_custom_information("clients", "C1", "ref_name", -1)


async def test_v1_documents_of_one_owner(raw: Raw, mambu_fake: FakeMambu, ana: dict[str, Any]) -> None:
    bob = mambu_fake.create("clients", {"id": "C2", "firstName": "Bob", "lastName": "Brown"})
    body = {
        "document": {
            "documentHolderKey": "ignored",
            "documentHolderType": "CLIENT",
            "name": "notes",
            "type": "TXT",
        },
        "documentContent": base64.b64encode(TEXT).decode(),
    }
    status, headers, created = await raw("POST", "/clients/C1/documents", json=body)
    assert status == 201
    assert headers["content-type"].startswith("application/json")
    assert (created["documentHolderKey"], created["originalFilename"]) == (ana["encodedKey"], "notes.txt")
    status, _, listed = await raw("GET", "/clients/C1/documents", params=[("offset", "0"), ("limit", "5")])
    assert (status, [d["id"] for d in listed]) == (200, [created["id"]])
    status, _, content = await raw("GET", f"/clients/{ana['encodedKey']}/documents/{created['id']}")
    assert (status, base64.b64decode(content)) == (200, TEXT)
    status, _, refused = await raw("DELETE", f"/clients/{bob['id']}/documents/{created['id']}")
    assert (status, refused) == (
        400,
        {
            "returnCode": 970,
            "returnStatus": "INVALID_DOCUMENT_ID",
            "errorSource": f"Document '{created['id']}' was not found",
        },
    )
    status, _, done = await raw("DELETE", f"/clients/C1/documents/{created['encodedKey']}")
    assert (status, done) == (200, {"returnCode": 0, "returnStatus": "SUCCESS"})
    status, _, listed = await raw("GET", "/clients/C1/documents")
    assert (status, listed) == (200, [])


async def test_v1_documents_of_a_user_by_username(raw: Raw, mambu_fake: FakeMambu) -> None:
    role = mambu_fake.create("userroles", {"id": "R1", "name": "Officer"})
    mambu_fake.create(
        "users", {"username": "demo", "firstName": "Max", "role": {"encodedKey": role["encodedKey"]}}
    )
    body = {"document": {"name": "photo", "type": "png"}, "documentContent": base64.b64encode(PNG).decode()}
    status, _, created = await raw("POST", "/users/demo/documents", json=body)
    assert (status, created["documentHolderType"], created["type"]) == (201, "USER", "png")
    status, _, missing = await raw("GET", "/users/nobody/documents")
    assert status == 404
    assert missing["returnStatus"] == "INVALID_USER_ID"


@pytest.mark.usefixtures("fields")
async def test_custom_information_takes_numbers_as_their_text(raw: Raw, mambu_fake: FakeMambu) -> None:
    status, _, body = await raw(
        "PATCH",
        "/clients/C1/custominformation",
        json={"customInformation": [{"customFieldID": "score", "value": Decimal("7.25")}]},
    )
    assert (status, body) == (200, {"returnCode": 0, "returnStatus": "SUCCESS"})
    assert mambu_fake.get("clients", "C1")["_Personal"] == {"score": "7.25"}
    status, _, body = await raw("PATCH", "/clients/C1/custominformation/score", json={"value": None})
    assert (status, body["returnStatus"]) == (400, "INVALID_PARAMETERS")


async def test_global_search_finds_credit_officers_among_users(
    mambu_connector: Any, mambu_fake: FakeMambu
) -> None:
    role = mambu_fake.create("userroles", {"id": "R1", "name": "Officer"})
    for username, officer in (("johnty", True), ("johnny", False)):
        mambu_fake.create(
            "users",
            {
                "username": username,
                "firstName": "John",
                "isCreditOfficer": officer,
                "role": {"encodedKey": role["encodedKey"]},
            },
        )
    users = await mambu_connector.mambu_global_search("john", ["USER"])
    assert sorted(hit["displayString"] for hit in users["USER"]) == ["John", "John"]
    assert [hit["resultID"] for hit in users["CREDIT_OFFICER"]] == ["johnty"]
    officers = await mambu_connector.mambu_global_search("john", ["CREDIT_OFFICER"])
    assert ([h["resultID"] for h in officers["CREDIT_OFFICER"]], officers["USER"]) == (["johnty"], [])


async def test_a_clients_role_is_its_client_type_as_v2_answers_it(
    mambu_connector: Any, mambu_fake: FakeMambu
) -> None:
    plain = mambu_fake.create("clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez"})
    guarantor = add_client_type(mambu_fake, "Guarantor", "Guarantor", canOpenAccounts=False, requireID=True)
    mambu_fake.create(
        "clients",
        {"id": "C2", "firstName": "Bo", "lastName": "Ek", "clientRoleKey": guarantor["encodedKey"]},
    )
    default = await mambu_connector.mambu_get_client_role(plain["encodedKey"])
    assert (default["id"], default["clientType"], default["canGuarantee"]) == ("client", "CLIENT", True)
    assert "index" not in default and default["creationDate"].endswith("+00:00")
    role = await MambuClient(id="C2", connector=mambu_connector).get_role()
    assert (role.id, role.name, role.can_open_accounts, role.require_id) == (
        "Guarantor",
        "Guarantor",
        False,
        True,
    )
    assert role.creation_date is not None and role.creation_date.tzinfo is not None
    with pytest.raises(MambuNotFoundError):
        await mambu_connector.mambu_get_client_role("C404")
