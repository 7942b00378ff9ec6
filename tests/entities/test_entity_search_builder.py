"""The search builder: operators as methods, Mambu's string values, per-entity field checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from mambu_async import MambuValidationError
from mambu_async.entities import F, MambuClient, MambuLoan, asc, desc
from mambu_async.entities.search import render_criteria, render_sort_by, render_sorting


def test_values_render_as_mambu_strings() -> None:
    tz = dt.timezone(dt.timedelta(hours=2))
    assert F("loanAmount").between(Decimal("1000.50"), 2000).to_wire() == {
        "field": "loanAmount",
        "operator": "BETWEEN",
        "value": "1000.50",
        "secondValue": "2000",
    }
    assert (
        F("creationDate").after(dt.datetime(2024, 1, 1, 8, 0, tzinfo=tz)).value == "2024-01-01T08:00:00+02:00"
    )
    assert F("birthdate").on(dt.date(1990, 5, 1)).value == "1990-05-01"
    assert F("_Set.isPep").equals(True).to_wire() == {
        "field": "_Set.isPep",
        "operator": "EQUALS",
        "value": "true",
    }
    assert F("accountState").in_(["ACTIVE", "CLOSED"]).to_wire()["values"] == ["ACTIVE", "CLOSED"]
    assert F("lastName").starts_with("Lo").operator == "STARTS_WITH"
    assert F("notes").empty().to_wire() == {"field": "notes", "operator": "EMPTY"}
    assert F("creationDate").last_days(7).value == "7"


def test_bad_values_fail_before_sending() -> None:
    with pytest.raises(MambuValidationError, match="float"):
        F("loanAmount").more_than(1.5)
    with pytest.raises(MambuValidationError, match="naive"):
        F("creationDate").before(dt.datetime(2024, 1, 1))
    with pytest.raises(MambuValidationError):
        F("accountState").in_([])
    with pytest.raises(MambuValidationError):
        F("bad field!")


def test_fields_checked_per_entity() -> None:
    assert render_criteria([F("loanAmount").more_than(5)], MambuLoan._search_fields) == [
        {"field": "loanAmount", "operator": "MORE_THAN", "value": "5"}
    ]
    with pytest.raises(MambuValidationError, match="'loanAmmount' is not allowed"):
        render_criteria([F("loanAmmount").more_than(5)], MambuLoan._search_fields)
    with pytest.raises(MambuValidationError, match="operator"):
        render_criteria([{"field": "id", "operator": "EQUAL", "value": "1"}], MambuLoan._search_fields)
    assert MambuClient.search_field("_Personal.nickname").equals("x").field == "_Personal.nickname"
    with pytest.raises(MambuValidationError, match="allowed"):
        MambuClient.search_field("nickname")


def test_sorts() -> None:
    assert render_sorting(F("lastName").asc(), MambuClient._search_sort_fields) == {
        "field": "lastName",
        "order": "ASC",
    }
    with pytest.raises(MambuValidationError):
        render_sorting(desc("clientAddress"), MambuClient._search_sort_fields)
    assert render_sort_by([asc("creationDate"), desc("lastName")], MambuClient._sort_by_fields) == (
        "creationDate:ASC,lastName:DESC"
    )
    assert render_sort_by("firstName:DESC", MambuClient._sort_by_fields) == "firstName:DESC"
    with pytest.raises(MambuValidationError, match="sortBy field 'id'"):
        render_sort_by("id:ASC", MambuClient._sort_by_fields)
    with pytest.raises(MambuValidationError):
        render_sort_by("firstName:UP", MambuClient._sort_by_fields)
