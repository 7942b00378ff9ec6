"""The shared pre-request validation and rendering (used by every connector)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from mambu_async.connector import validation as v
from mambu_async.errors import MambuValidationError

CET = dt.timezone(dt.timedelta(hours=1))


def test_require_id_accepts_strings_and_ints() -> None:
    assert v.require_id("L1") == "L1"
    assert v.require_id(42) == "42"


@pytest.mark.parametrize("bad", ["", "  ", None, True, 1.5, [], b"L1"])
def test_require_id_refuses(bad: Any) -> None:
    with pytest.raises(MambuValidationError):
        v.require_id(bad)


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("loans", "loans"), ("/loans/", "loans"), ("deposits/transactions", "deposits/transactions")],
)
def test_require_prefix(prefix: str, expected: str) -> None:
    assert v.require_prefix(prefix) == expected


@pytest.mark.parametrize(
    "bad", ["", "/", None, "loans?x=1", "loans#a", "my loans", "../users", "loans/..", "a%2F"]
)
def test_require_prefix_refuses(bad: Any) -> None:
    with pytest.raises(MambuValidationError):
        v.require_prefix(bad)


def test_check_offset_limit() -> None:
    v.check_offset_limit(None, None)
    v.check_offset_limit(0, 1000, max_limit=1000)
    for offset, limit, cap in ((-1, None, None), (None, -1, None), ("1", None, None), (0, 1001, 1000)):
        with pytest.raises(MambuValidationError):
            v.check_offset_limit(offset, limit, max_limit=cap)


def test_check_sort_by() -> None:
    assert v.check_sort_by("firstName:ASC,_Set.field:DESC") == "firstName:ASC,_Set.field:DESC"
    assert v.check_sort_by(None) is None
    for bad in ("firstName", "firstName:asc", "a:ASC,", 5):
        with pytest.raises(MambuValidationError):
            v.check_sort_by(bad)


def test_render_value() -> None:
    rendered = v.render_value(
        {
            "when": dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=CET),
            "day": dt.date(2024, 1, 2),
            "money": Decimal("1.10"),
            "items": [1, "x", None, True],
        }
    )
    assert rendered == {
        "when": "2024-01-02T03:04:05+01:00",
        "day": "2024-01-02",
        "money": Decimal("1.10"),
        "items": [1, "x", None, True],
    }


@pytest.mark.parametrize("bad", [1.5, dt.datetime(2024, 1, 1), {1, 2}, object()])
def test_render_value_refuses(bad: Any) -> None:
    with pytest.raises(MambuValidationError):
        v.render_value({"x": bad})


def test_render_filters_drops_none() -> None:
    assert v.render_filters({"a": "x", "b": None, "c": 3, "d": True, "e": dt.date(2024, 1, 1)}) == {
        "a": "x",
        "c": "3",
        "d": "true",
        "e": "2024-01-01",
    }


def test_filter_criteria_by_arity() -> None:
    criteria = v.check_filter_criteria(
        [
            {"field": "a", "operator": "EQUALS", "value": 5},
            {"field": "b", "operator": "BETWEEN", "value": dt.date(2024, 1, 1), "secondValue": "2024-02-01"},
            {"field": "c", "operator": "IN", "values": ["x", "y"]},
            {"field": "d", "operator": "EMPTY"},
        ]
    )
    assert criteria == [
        {"field": "a", "operator": "EQUALS", "value": "5"},
        {"field": "b", "operator": "BETWEEN", "value": "2024-01-01", "secondValue": "2024-02-01"},
        {"field": "c", "operator": "IN", "values": ["x", "y"]},
        {"field": "d", "operator": "EMPTY"},
    ]


@pytest.mark.parametrize(
    "bad",
    [
        {"field": "a", "operator": "LIKE", "value": "x"},
        {"field": "a", "operator": "EQUALS"},
        {"field": "", "operator": "EMPTY"},
        {"field": "a", "operator": "IN", "values": []},
        {"field": "a", "operator": "EQUALS", "value": "x", "extra": 1},
    ],
)
def test_filter_criteria_refuses(bad: dict[str, Any]) -> None:
    with pytest.raises(MambuValidationError):
        v.check_filter_criteria([bad])


def test_patch_ops() -> None:
    assert v.check_patch_ops([("replace", "a", 1), {"op": "Remove", "path": "/b"}]) == [
        {"op": "REPLACE", "path": "/a", "value": 1},
        {"op": "REMOVE", "path": "/b"},
    ]


def test_state_actions_per_prefix() -> None:
    assert v.check_state_action("loans", "REQUEST_APPROVAL") == "REQUEST_APPROVAL"
    assert v.check_state_action("deposits", "LOCK") == "LOCK"
    assert v.check_state_action("creditarrangements", "APPROVE") == "APPROVE"
    for prefix, action in (("loans", "LOCK"), ("deposits", "CLOSE"), ("clients", "APPROVE")):
        with pytest.raises(MambuValidationError):
            v.check_state_action(prefix, action)


def test_check_amount() -> None:
    assert v.check_amount("10.50") == Decimal("10.50")
    assert v.check_amount(3) == 3
    for bad in (1.0, None, True, "abc", Decimal("NaN"), [1]):
        with pytest.raises(MambuValidationError):
            v.check_amount(bad)


def test_check_date() -> None:
    assert v.check_date("2024-01-01", "d") == "2024-01-01"
    assert v.check_date(dt.date(2024, 1, 1), "d") == "2024-01-01"
    assert v.check_date(dt.datetime(2024, 1, 1, tzinfo=dt.UTC), "d") == "2024-01-01T00:00:00+00:00"
    assert v.check_date(None, "d") is None
    for bad in (dt.datetime(2024, 1, 1), 20240101, 1.5):
        with pytest.raises(MambuValidationError):
            v.check_date(bad, "d")


def test_check_text_and_action_name() -> None:
    assert v.check_text(None, "notes") is None
    assert v.check_text("x", "text", optional=False) == "x"
    with pytest.raises(MambuValidationError):
        v.check_text(None, "text", optional=False)
    assert v.check_action_name("payOff") == "payOff"
    for bad in ("pay off", ":payOff", "", None):
        with pytest.raises(MambuValidationError):
            v.check_action_name(bad)


def test_check_body_and_query_names() -> None:
    assert v.check_body({"a": Decimal("1")}) == {"a": Decimal("1")}
    with pytest.raises(MambuValidationError):
        v.check_body([1])
    v.check_query_names({"branchId": "x"})
    with pytest.raises(MambuValidationError):
        v.check_query_names({"pwd": "x"})


@pytest.mark.parametrize("name", ["contract.pdf", "photo.JPG", "data.csv"])
def test_document_file_names(name: str) -> None:
    assert v.check_document_file_name(name) == name


@pytest.mark.parametrize(
    "name", ["", "noext", "a.b.pdf", "a.exe", "a?b.pdf", ".pdf", "x" * 300 + ".pdf", None]
)
def test_document_file_names_refused(name: Any) -> None:
    with pytest.raises(MambuValidationError):
        v.check_document_file_name(name)


def test_document_size() -> None:
    v.check_document_size(v.MAX_DOCUMENT_BYTES)
    with pytest.raises(MambuValidationError):
        v.check_document_size(v.MAX_DOCUMENT_BYTES + 1)


def test_pick_allowed() -> None:
    assert v.pick_allowed({"a": 1}, None) == {"a": 1}
    assert v.pick_allowed({"a": 1}, ["a", "b"]) == {"a": 1}
    with pytest.raises(MambuValidationError):
        v.pick_allowed({"c": 1}, ["a"])
