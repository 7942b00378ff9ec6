"""Custom field definitions and sets drive the validation of values on entities, on create, PUT and
PATCH, through both connectors."""

from __future__ import annotations

from typing import Any

import pytest

from mambu_async import MambuBadRequestError
from mambu_async.testing import FakeMambu


@pytest.fixture
def defined(mambu_fake: FakeMambu) -> FakeMambu:
    fake = mambu_fake
    fake.create("users", {"id": "U1", "username": "officer", "firstName": "Olga"})
    fake.create("customfieldsets", {"id": "_KYC", "availableFor": "CLIENT"})
    for field in (
        {"id": "taxId", "type": "FREE_TEXT", "usage": [{"required": True}]},
        {
            "id": "risk",
            "type": "SELECTION",
            "selectionOptions": [{"availableOptions": [{"value": "LOW"}, {"value": "HIGH"}]}],
        },
        {"id": "income", "type": "NUMBER"},
        {"id": "pep", "type": "CHECKBOX"},
        {"id": "checked", "type": "DATE"},
        {"id": "officer", "type": "USER_LINK"},
        {"id": "postcode", "type": "FREE_TEXT", "valueValidationSettings": {"validationPattern": "####-@@"}},
        {"id": "passport", "type": "FREE_TEXT", "valueValidationSettings": {"unique": True}},
        {"id": "legacy", "type": "FREE_TEXT", "state": "INACTIVE", "usage": [{"required": True}]},
    ):
        fake.create("customfields", {**field, "customFieldSetId": "_KYC"})
    fake.create("customfieldsets", {"id": "_Refs", "availableFor": "CLIENT", "fieldSetType": "GROUPED"})
    fake.create(
        "customfields",
        {"id": "name", "customFieldSetId": "_Refs", "type": "FREE_TEXT", "usage": [{"required": True}]},
    )
    fake.create("customfields", {"id": "phone", "customFieldSetId": "_Refs", "type": "FREE_TEXT"})
    fake.create("customfieldsets", {"id": "_Loan", "availableFor": "LOAN_ACCOUNT"})
    return fake


def _client(**custom: Any) -> dict[str, Any]:
    return {"id": "C1", "firstName": "Ana", "lastName": "Lopez", "_KYC": {"taxId": "T-1"}, **custom}


async def _refused(call: Any, reason: str) -> None:
    with pytest.raises(MambuBadRequestError) as caught:
        await call
    assert [e.reason for e in caught.value.errors] == [reason]


async def test_valid_values_are_stored_verbatim(mambu_connector: Any, defined: FakeMambu) -> None:
    kyc = {
        "taxId": "T-1",
        "risk": "HIGH",
        "income": "1250.50",
        "pep": "FALSE",
        "checked": "2024-01-02",
        "officer": "U1",
        "postcode": "1000-AB",
        "passport": "P1",
    }
    refs = [{"_index": "0", "name": "Bo", "phone": "1"}, {"_index": "1", "name": "Cy"}]
    created = await mambu_connector.mambu_create("clients", _client(_KYC=kyc, _Refs=refs))
    assert created["_KYC"] == kyc and created["_Refs"] == refs
    got = await mambu_connector.mambu_get("C1", "clients", "FULL")
    assert got["_KYC"] == kyc and got["_Refs"] == refs


@pytest.mark.parametrize(
    ("custom", "reason"),
    [
        ({"_KYC": {"risk": "LOW"}}, "REQUIRED_CUSTOM_FIELD_MISSING"),
        ({"_KYC": {"taxId": "  "}}, "REQUIRED_CUSTOM_FIELD_MISSING"),
        ({"_KYC": {"taxId": "T", "risk": "MEDIUM"}}, "INCONSISTENT_VALUE_WITH_CUSTOM_FIELD_TYPE"),
        ({"_KYC": {"taxId": "T", "income": "a lot"}}, "INCONSISTENT_VALUE_WITH_CUSTOM_FIELD_TYPE"),
        ({"_KYC": {"taxId": "T", "pep": "maybe"}}, "INCONSISTENT_VALUE_WITH_CUSTOM_FIELD_TYPE"),
        ({"_KYC": {"taxId": "T", "checked": "02/01/2024"}}, "INCONSISTENT_VALUE_WITH_CUSTOM_FIELD_TYPE"),
        ({"_KYC": {"taxId": "T", "nope": "x"}}, "INVALID_CUSTOM_FIELD_ID"),
        ({"_KYC": {"taxId": "T", "officer": "NOBODY"}}, "INVALID_CUSTOM_FIELD_LINKED_ENTITY_KEY"),
        ({"_KYC": {"taxId": "T", "postcode": "10000-A"}}, "INCONSISTENT_CUSTOM_FIELD_VALUE_WITH_PATTERN"),
        ({"_KYC": {"taxId": "T", "postcode": "1000-A1"}}, "INCONSISTENT_CUSTOM_FIELD_VALUE_WITH_PATTERN"),
        ({"_KYC": {"taxId": "T", "legacy": "x"}}, "CUSTOM_FIELD_DEACTIVATED"),
        ({"_KYC": [{"taxId": "T"}]}, "INCONSISTENT_VALUE_WITH_SET_TYPE"),
        ({"_Refs": {"name": "Bo"}}, "INCONSISTENT_VALUE_WITH_SET_TYPE"),
        ({"_Refs": [{"name": "Bo"}, {"phone": "2"}]}, "REQUIRED_CUSTOM_FIELD_MISSING"),
        (
            {"_Refs": [{"_index": "0", "name": "Bo"}, {"_index": "0", "name": "Cy"}]},
            "INVALID_CUSTOM_FIELD_GROUP_INDEX",
        ),
        ({"_Refs": [{"_index": "-1", "name": "Bo"}]}, "INVALID_CUSTOM_FIELD_GROUP_INDEX"),
        ({"_Loan": {}}, "INVALID_CUSTOM_FIELD_SET_ID"),
    ],
)
async def test_create_refuses_what_the_definitions_forbid(
    mambu_connector: Any, defined: FakeMambu, custom: dict[str, Any], reason: str
) -> None:
    body = _client()
    body.update(custom)
    await _refused(mambu_connector.mambu_create("clients", body), reason)
    assert len(defined.store["clients"]) == 0


async def test_unique_values_and_updates(mambu_connector: Any, defined: FakeMambu) -> None:
    c = mambu_connector
    await c.mambu_create("clients", _client(_KYC={"taxId": "T-1", "passport": "P1"}))
    other = {"id": "C2", "firstName": "Bo", "lastName": "Ek", "_KYC": {"taxId": "T-2", "passport": "P1"}}
    await _refused(c.mambu_create("clients", other), "DUPLICATE_CUSTOM_FIELD_VALUES")
    await c.mambu_create("clients", {**other, "_KYC": {"taxId": "T-2", "passport": "P2"}})
    # PUT the client back unchanged: its own value is no duplicate
    full = await c.mambu_get("C1", "clients", "FULL")
    await c.mambu_update("C1", "clients", full)
    await _refused(
        c.mambu_update("C1", "clients", {**full, "_KYC": {"taxId": "T-1", "passport": "P2"}}),
        "DUPLICATE_CUSTOM_FIELD_VALUES",
    )
    await _refused(
        c.mambu_update("C1", "clients", {**full, "_KYC": {"passport": "P1"}}), "REQUIRED_CUSTOM_FIELD_MISSING"
    )


async def test_patch_goes_through_the_same_rules(mambu_connector: Any, defined: FakeMambu) -> None:
    c = mambu_connector
    await c.mambu_create("clients", _client(_Refs=[{"_index": "0", "name": "Bo"}]))
    await _refused(
        c.mambu_patch("C1", "clients", [("remove", "_KYC/taxId")]), "REQUIRED_CUSTOM_FIELD_MISSING"
    )
    await _refused(
        c.mambu_patch("C1", "clients", [("add", "_KYC/risk", "MEDIUM")]),
        "INCONSISTENT_VALUE_WITH_CUSTOM_FIELD_TYPE",
    )
    await _refused(
        c.mambu_patch("C1", "clients", [("add", "_Refs/1", {"_index": "0", "name": "Cy"})]),
        "INVALID_CUSTOM_FIELD_GROUP_INDEX",
    )
    await c.mambu_patch(
        "C1", "clients", [("add", "_KYC/risk", "LOW"), ("add", "_Refs/1", {"_index": "1", "name": "Cy"})]
    )
    got = await c.mambu_get("C1", "clients", "FULL")
    assert got["_KYC"] == {"taxId": "T-1", "risk": "LOW"}
    assert [r["name"] for r in got["_Refs"]] == ["Bo", "Cy"]


async def test_required_for_one_product_only(mambu_connector: Any, defined: FakeMambu) -> None:
    fake = defined
    fake.create("clients", _client())
    products = [
        fake.create(
            "loanproducts",
            {"id": pid, "name": pid, "type": "FIXED_TERM_LOAN", "creditArrangementSettings": {}},
        )
        for pid in ("LP1", "LP2")
    ]
    fake.create(
        "customfields",
        {
            "id": "purpose",
            "customFieldSetId": "_Loan",
            "type": "FREE_TEXT",
            "usage": [{"objectKey": products[0]["encodedKey"], "required": True}],
        },
    )
    loan = {
        "accountHolderKey": "C1",
        "accountHolderType": "CLIENT",
        "loanAmount": 100,
        "scheduleSettings": {"gracePeriod": 0, "repaymentInstallments": 1},
    }
    await _refused(
        mambu_connector.mambu_create("loans", {**loan, "productTypeKey": "LP1"}),
        "REQUIRED_CUSTOM_FIELD_MISSING",
    )
    await mambu_connector.mambu_create(
        "loans", {**loan, "productTypeKey": "LP1", "_Loan": {"purpose": "Seeds"}}
    )
    await mambu_connector.mambu_create("loans", {**loan, "productTypeKey": "LP2"})


async def test_custom_field_sets_have_mambus_meta_shape(mambu_connector: Any, defined: FakeMambu) -> None:
    sets = await mambu_connector.mambu_get_all("customfieldsets", filters={"availableFor": "CLIENT"})
    kyc, refs = sets
    assert set(kyc) == {
        "encodedKey",
        "id",
        "availableFor",
        "fieldSetType",
        "displaySettings",
        "customFields",
        "creationDate",
        "lastModifiedDate",
    }
    assert (kyc["fieldSetType"], refs["fieldSetType"]) == ("STANDARD", "GROUPED")
    assert kyc["displaySettings"] == {"builtIn": False, "displayName": "KYC", "position": 0}
    assert refs["displaySettings"]["position"] == 1
    fields = {f["id"]: f["encodedKey"] for f in defined.store["customfields"].values()}
    assert refs["customFields"] == [
        {"encodedKey": fields["name"], "id": "name"},
        {"encodedKey": fields["phone"], "id": "phone"},
    ]
    assert [f["id"] for f in kyc["customFields"]] == [
        "taxId",
        "risk",
        "income",
        "pep",
        "checked",
        "officer",
        "postcode",
        "passport",
        "legacy",
    ]
    loan_set = await mambu_connector.mambu_get("_Loan", "customfieldsets")
    assert loan_set["customFields"] == [] and loan_set["displaySettings"]["position"] == 0
    assert "usage" not in loan_set and "name" not in loan_set


async def test_a_grouped_set_takes_rows_and_a_standard_set_an_object(
    mambu_connector: Any, defined: FakeMambu
) -> None:
    client = _client(_Refs=[{"name": "Bo", "_index": "0"}])
    created = await mambu_connector.mambu_create("clients", client)
    assert created["_Refs"][0]["name"] == "Bo"
    await _refused(
        mambu_connector.mambu_create("clients", _client(id="C9", _Refs={"name": "Bo"})),
        "INCONSISTENT_VALUE_WITH_SET_TYPE",
    )
    await _refused(
        mambu_connector.mambu_create("clients", {**_client(id="C8"), "_KYC": [{"taxId": "T"}]}),
        "INCONSISTENT_VALUE_WITH_SET_TYPE",
    )


async def test_grouped_rows_written_without_index_come_back_with_one(
    mambu_connector: Any, defined: FakeMambu
) -> None:
    from mambu_async.entities import MambuClient

    refs = [{"name": "Bo", "phone": "1"}, {"name": "Cy"}]
    created = await mambu_connector.mambu_create("clients", _client(_Refs=refs))
    assert created["_Refs"] == [{"_index": "0", "name": "Bo", "phone": "1"}, {"_index": "1", "name": "Cy"}]
    await mambu_connector.mambu_patch("C1", "clients", [("add", "_Refs/2", {"name": "Di"})])
    client = await MambuClient.get("C1", connector=mambu_connector)
    rows = client.custom_fields["_Refs"]
    assert [row["_index"] for row in rows] == ["0", "1", "2"]  # README: rows, each with its "_index"
    assert client.custom_fields.value("_Refs", "name", index=2) == "Di"
