"""Every search operator, the search-name mapping, custom fields and sortingCriteria, on both connectors."""

from __future__ import annotations

from typing import Any

import pytest

from mambu_async import MambuBadRequestError


async def _ids(
    connector: Any, criteria: list[dict[str, Any]], sorting: dict[str, str] | None = None
) -> list[str]:
    found = await connector.mambu_search("clients", criteria, sorting)
    return [c["id"] for c in found]


def c(field: str, operator: str, value: Any = None, second: Any = None, values: Any = None) -> dict[str, Any]:
    out: dict[str, Any] = {"field": field, "operator": operator}
    if value is not None:
        out["value"] = value
    if second is not None:
        out["secondValue"] = second
    if values is not None:
        out["values"] = values
    return out


# tenant: Ana (C1, ACTIVE, created 2024-01-15, born 1990-04-26, score 7.5),
#         bob (C2, INACTIVE, created 2024-01-16, score 12)
CASES = [
    (c("firstName", "EQUALS", "ANA"), ["C1"]),
    (c("firstName", "EQUALS_CASE_SENSITIVE", "ana"), []),
    (c("firstName", "EQUALS_CASE_SENSITIVE", "Ana"), ["C1"]),
    (c("clientState", "DIFFERENT_THAN", "ACTIVE"), ["C2"]),
    (c("_Personal.score", "MORE_THAN", "8"), ["C2"]),
    (c("_Personal.score", "LESS_THAN", "8"), ["C1"]),
    (c("_Personal.score", "BETWEEN", "7.5", "12"), ["C1", "C2"]),
    (c("creationDate", "BETWEEN", "2024-01-16", "2024-01-31"), ["C2"]),
    (c("creationDate", "ON", "2024-01-15"), ["C1"]),
    (c("creationDate", "AFTER", "2024-01-15"), ["C2"]),
    (c("creationDate", "BEFORE", "2024-01-16"), ["C1"]),
    (c("creationDate", "AFTER", "2024-01-15T09:00:00+00:00"), ["C2"]),
    (c("creationDate", "BEFORE_INCLUSIVE", "2024-01-16"), ["C1", "C2"]),
    (c("lastName", "STARTS_WITH", "lo"), ["C1"]),
    (c("lastName", "STARTS_WITH_CASE_SENSITIVE", "lo"), []),
    (c("clientState", "IN", values=["ACTIVE", "EXITED"]), ["C1"]),
    (c("creationDate", "TODAY"), ["C2"]),
    (c("creationDate", "THIS_WEEK"), ["C1", "C2"]),
    (c("creationDate", "THIS_MONTH"), ["C1", "C2"]),
    (c("creationDate", "THIS_YEAR"), ["C1", "C2"]),
    (c("creationDate", "LAST_DAYS", "0"), ["C2"]),
    (c("creationDate", "LAST_DAYS", "1"), ["C1", "C2"]),
    (c("middleName", "EMPTY"), ["C1", "C2"]),
    (c("emailAddress", "NOT_EMPTY"), ["C1"]),
    (c("birthdate", "ON", "1990-04-26"), ["C1"]),
    (c("fullName", "EQUALS", "ana lopez"), ["C1"]),
    (c("_Personal.nickname", "STARTS_WITH", "bob"), ["C2"]),
]


@pytest.mark.parametrize(
    ("criterion", "expected"), CASES, ids=[f"{x['operator']}-{x['field']}" for x, _ in CASES]
)
async def test_operator(
    mambu_connector: Any, tenant: dict[str, Any], criterion: dict[str, Any], expected: list[str]
) -> None:
    found = await _ids(mambu_connector, [criterion], {"field": "id", "order": "ASC"})
    assert found == expected


async def test_criteria_are_anded_and_keys_map(mambu_connector: Any, tenant: dict[str, Any]) -> None:
    criteria = [
        c("branchKey", "EQUALS", tenant["branch"]["encodedKey"]),
        c("creditOfficerKey", "EQUALS", tenant["user"]["encodedKey"]),
        c("clientState", "EQUALS", "ACTIVE"),
    ]
    assert await _ids(mambu_connector, criteria) == ["C1"]
    assert await _ids(mambu_connector, [*criteria, c("lastName", "EQUALS", "Brown")]) == []


async def test_grouped_custom_field(mambu_connector: Any, tenant: dict[str, Any]) -> None:
    await mambu_connector.mambu_patch(
        "C2", "clients", [("add", "/_Refs", [{"name": "x"}, {"name": "Ref two"}])]
    )
    assert await _ids(mambu_connector, [c("_Refs.name", "EQUALS", "ref two")]) == ["C2"]


@pytest.mark.parametrize(
    ("sorting", "expected"),
    [
        ({"field": "firstName", "order": "ASC"}, ["C1", "C2"]),
        ({"field": "firstName", "order": "DESC"}, ["C2", "C1"]),
        ({"field": "creationDate"}, ["C2", "C1"]),
        ({"field": "_Personal.score", "order": "ASC"}, ["C1", "C2"]),
    ],
)
async def test_sorting_criteria(
    mambu_connector: Any, tenant: dict[str, Any], sorting: dict[str, str], expected: list[str]
) -> None:
    assert await _ids(mambu_connector, [], sorting) == expected


@pytest.mark.parametrize(
    ("criteria", "sorting", "reason"),
    [
        ([c("favouriteColour", "EQUALS", "x")], None, "INVALID_FILTER_SELECTION"),
        ([c("firstName", "MORE_THAN", "1")], None, "INVALID_FILTER_ELEMENT"),
        ([c("clientState", "EQUALS", "SLEEPING")], None, "INVALID_FILTER_VALUE"),
        ([c("creationDate", "ON", "yesterday")], None, "INVALID_FILTER_VALUE"),
        ([c("_Personal.score", "MORE_THAN", "many")], None, "INVALID_FILTER_VALUE"),
        ([], {"field": "notes", "order": "ASC"}, "INVALID_SORTING_COLUMN"),
    ],
)
async def test_bad_criteria(
    mambu_connector: Any, tenant: dict[str, Any], criteria: list[dict[str, Any]], sorting: Any, reason: str
) -> None:
    with pytest.raises(MambuBadRequestError) as err:
        await mambu_connector.mambu_search("clients", criteria, sorting)
    assert err.value.error_reason == reason


async def test_loan_and_deposit_search(mambu_connector: Any, tenant: dict[str, Any]) -> None:
    loan = await mambu_connector.mambu_create(
        "loans",
        {
            "accountHolderKey": "C1",
            "accountHolderType": "CLIENT",
            "productTypeKey": "LP1",
            "loanAmount": 900,
            "scheduleSettings": {"gracePeriod": 0},
        },
    )
    found = await mambu_connector.mambu_search(
        "loans", [c("loanAmount", "MORE_THAN", "500"), c("accountState", "IN", values=["PENDING_APPROVAL"])]
    )
    assert [x["id"] for x in found] == [loan["id"]]
    assert loan["accountHolderKey"] == tenant["ana"]["encodedKey"]
    deposit = await mambu_connector.mambu_create(
        "deposits",
        {"accountHolderKey": "C2", "accountHolderType": "CLIENT", "productTypeKey": "DP1", "name": "Pot"},
    )
    found = await mambu_connector.mambu_search("deposits", [c("accountType", "EQUALS", "REGULAR_SAVINGS")])
    assert [x["id"] for x in found] == [deposit["id"]]
