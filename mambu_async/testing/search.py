"""``POST /{prefix}:search``: Mambu's filter operators and ``sortingCriteria`` (api-semantics §5).

Criteria are ANDed. Every value is a string on the wire. Fields are the documented search names
(``clientState``, ``birthdate``, ``branchKey``...), mapped to the entity's properties by the kind's
``search_fields``, or a custom field ``_Set.field`` (typed by its definition when one exists).

[INFERRED] semantics, as api-semantics §5.2 proposes: ``EQUALS``/``STARTS_WITH``/``IN`` ignore case
(the ``*_CASE_SENSITIVE`` variants do not); ``MORE_THAN``/``LESS_THAN``/``AFTER``/``BEFORE`` are strict;
``BETWEEN`` includes both ends; a date-only value compares calendar days in the tenant's timezone;
``TODAY``/``THIS_WEEK`` (Monday first)/``THIS_MONTH``/``THIS_YEAR``/``LAST_DAYS n`` (today and the n days
before) use the fake's clock; ``EMPTY`` matches a missing, ``null`` or empty value; a list-valued field
(group membership, a grouped custom field set) matches when any element does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from mambu_async.testing.apierror import bad_request
from mambu_async.testing.kinds import EntityKind, Field, path_getter
from mambu_async.testing.query import as_decimal, as_instant
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

Predicate = Callable[[Record], bool]

OPERATOR_ARITY: dict[str, str] = {
    "EQUALS": "one",
    "EQUALS_CASE_SENSITIVE": "one",
    "DIFFERENT_THAN": "one",
    "MORE_THAN": "one",
    "LESS_THAN": "one",
    "BETWEEN": "two",
    "ON": "one",
    "AFTER": "one",
    "AFTER_INCLUSIVE": "one",
    "BEFORE": "one",
    "BEFORE_INCLUSIVE": "one",
    "STARTS_WITH": "one",
    "STARTS_WITH_CASE_SENSITIVE": "one",
    "IN": "list",
    "TODAY": "none",
    "THIS_WEEK": "none",
    "THIS_MONTH": "none",
    "THIS_YEAR": "none",
    "LAST_DAYS": "one",
    "EMPTY": "none",
    "NOT_EMPTY": "none",
}

_TEXT = ("string", "enum", "key")
_NUMBERS = ("number", "integer")
_DATES = ("date", "datetime")
_ANY = (*_TEXT, *_NUMBERS, *_DATES, "boolean")

#: Which field types each operator applies to (the type table of api-semantics §5.2).
OPERATOR_TYPES: dict[str, tuple[str, ...]] = {
    "EQUALS": _ANY,
    "EQUALS_CASE_SENSITIVE": (*_TEXT, *_NUMBERS, "boolean"),
    "DIFFERENT_THAN": _ANY,
    "MORE_THAN": _NUMBERS,
    "LESS_THAN": _NUMBERS,
    "BETWEEN": (*_NUMBERS, *_DATES),
    "ON": _DATES,
    "AFTER": _DATES,
    "AFTER_INCLUSIVE": _DATES,
    "BEFORE": _DATES,
    "BEFORE_INCLUSIVE": _DATES,
    "STARTS_WITH": _TEXT,
    "STARTS_WITH_CASE_SENSITIVE": _TEXT,
    "IN": _ANY,
    "TODAY": _DATES,
    "THIS_WEEK": _DATES,
    "THIS_MONTH": _DATES,
    "THIS_YEAR": _DATES,
    "LAST_DAYS": _DATES,
    "EMPTY": _ANY,
    "NOT_EMPTY": _ANY,
}

_CF_TYPES = {
    "NUMBER": "number",
    "DATE": "date",
    "DATE_TIME": "datetime",
    "CHECKBOX": "boolean",
    "SELECTION": "string",
    "FREE_TEXT": "string",
}


def resolve_field(
    fake: FakeMambu, kind: EntityKind, name: Any, table: dict[str, Field], reason: str
) -> Field:
    """The field a criterion names: a documented search name or ``_Set.field``; 400 otherwise."""
    if not isinstance(name, str) or not name:
        raise bad_request(reason, "field must be a non-empty string")
    field = table.get(name)
    if field is not None:
        return field
    if kind.custom_fields_for and name.startswith("_") and name.count(".") == 1:
        set_id, field_id = name.split(".")
        definition = _custom_field(fake, set_id, field_id)
        field_type = _CF_TYPES.get(str(definition.get("type")), "string") if definition else "string"
        return Field(path_getter(name), field_type)
    allowed = ", ".join(table)
    raise bad_request(reason, f"{name!r} is not a searchable field of {kind.label}; allowed: {allowed}")


def _custom_field(fake: FakeMambu, set_id: str, field_id: str) -> Record | None:
    cf_set = fake.store["customfieldsets"].by_id(set_id)
    if cf_set is None:
        return None
    for definition in fake.store["customfields"].values():
        if definition.get("id") == field_id and definition.get("customFieldSetId") in (
            cf_set.get("id"),
            cf_set.get("encodedKey"),
        ):
            return definition
    return None


def compile_criteria(fake: FakeMambu, kind: EntityKind, criteria: Any) -> Predicate:
    """One predicate for the whole ``filterCriteria`` list (400 on any bad criterion)."""
    if criteria is None:
        return lambda record: True
    if not isinstance(criteria, list):
        raise bad_request("INVALID_PARAMETERS", "filterCriteria must be an array")
    predicates = [_compile_one(fake, kind, i, c) for i, c in enumerate(criteria)]
    return lambda record: all(p(record) for p in predicates)


def _compile_one(fake: FakeMambu, kind: EntityKind, index: int, criterion: Any) -> Predicate:
    where = f"filterCriteria[{index}]"
    if not isinstance(criterion, dict):
        raise bad_request("INVALID_PARAMETERS", f"{where} must be an object")
    field = resolve_field(fake, kind, criterion.get("field"), kind.search_fields, "INVALID_FILTER_SELECTION")
    operator = criterion.get("operator")
    if operator not in OPERATOR_ARITY:
        raise bad_request("INVALID_FILTER_ELEMENT", f"{where}: unknown operator {operator!r}")
    if field.type not in OPERATOR_TYPES[operator]:
        raise bad_request(
            "INVALID_FILTER_ELEMENT",
            f"{where}: operator {operator} does not apply to {criterion['field']} ({field.type})",
        )
    arity = OPERATOR_ARITY[operator]
    value = criterion.get("value")
    second = criterion.get("secondValue")
    values = criterion.get("values")
    if arity in ("one", "two") and (value is None or isinstance(value, dict | list)):
        raise bad_request("INVALID_FILTER_VALUE", f"{where}: operator {operator} needs a value")
    if arity == "two" and (second is None or isinstance(second, dict | list)):
        raise bad_request("INVALID_FILTER_SECOND_VALUE", f"{where}: BETWEEN needs a secondValue")
    if arity == "list" and (not isinstance(values, list) or not values):
        raise bad_request("INVALID_FILTER_VALUES", f"{where}: IN needs a non-empty values list")
    tz = fake.clock.now().tzinfo or dt.UTC
    test = _operator(fake, field, operator, value, second, values, where, tz)
    getter = field.getter

    def predicate(record: Record) -> bool:
        raw = getter(record)
        if operator in ("EMPTY", "NOT_EMPTY"):
            empty = raw is None or raw == "" or raw == []
            return empty if operator == "EMPTY" else not empty
        items = raw if isinstance(raw, list) else [raw]
        matched = any(item is not None and test(item) for item in items)
        return not matched if operator == "DIFFERENT_THAN" else matched

    return predicate


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _operator(
    fake: FakeMambu,
    field: Field,
    operator: str,
    value: Any,
    second: Any,
    values: Any,
    where: str,
    tz: dt.tzinfo,
) -> Callable[[Any], bool]:
    kind = field.type
    if operator in ("EMPTY", "NOT_EMPTY"):
        return lambda item: True
    if operator in ("TODAY", "THIS_WEEK", "THIS_MONTH", "THIS_YEAR"):
        return compile_relative(fake, operator)
    if operator == "IN":
        wanted = [_check_scalar(field, v, where, "INVALID_FILTER_VALUES") for v in values]
        tests = [_equality(kind, w, case_sensitive=False, where=where, tz=tz) for w in wanted]
        return lambda item: any(t(item) for t in tests)
    text = _check_scalar(field, value, where, "INVALID_FILTER_VALUE")
    if operator in ("EQUALS", "DIFFERENT_THAN"):
        return _equality(kind, text, case_sensitive=False, where=where, tz=tz)
    if operator == "EQUALS_CASE_SENSITIVE":
        return _equality(kind, text, case_sensitive=True, where=where, tz=tz)
    if operator == "STARTS_WITH":
        folded = text.casefold()
        return lambda item: _text(item).casefold().startswith(folded)
    if operator == "STARTS_WITH_CASE_SENSITIVE":
        return lambda item: _text(item).startswith(text)
    if kind in _NUMBERS:
        low = _number(text, where, "INVALID_FILTER_VALUE")
        if operator == "MORE_THAN":
            return lambda item: _cmp_number(item, lambda n: n > low)
        if operator == "LESS_THAN":
            return lambda item: _cmp_number(item, lambda n: n < low)
        second_text = _check_scalar(field, second, where, "INVALID_FILTER_SECOND_VALUE")
        high = _number(second_text, where, "INVALID_FILTER_SECOND_VALUE")
        return lambda item: _cmp_number(item, lambda n: low <= n <= high)
    return _date_operator(fake, operator, text, second, where, tz)


def _check_scalar(field: Field, value: Any, where: str, reason: str) -> str:
    if isinstance(value, dict | list) or value is None:
        raise bad_request(reason, f"{where}: values must be strings")
    text = _text(value)
    if field.enum and text not in field.enum:
        raise bad_request(reason, f"{where}: {text!r} is not one of {list(field.enum)}")
    return text


def _number(text: str, where: str, reason: str) -> Decimal:
    number = as_decimal(text)
    if number is None:
        raise bad_request(reason, f"{where}: {text!r} is not a number")
    return number


def _cmp_number(item: Any, test: Callable[[Decimal], bool]) -> bool:
    number = as_decimal(item)
    return number is not None and test(number)


def _equality(
    kind: str, text: str, *, case_sensitive: bool, where: str, tz: dt.tzinfo
) -> Callable[[Any], bool]:
    if kind in _NUMBERS:
        wanted = _number(text, where, "INVALID_FILTER_VALUE")
        return lambda item: _cmp_number(item, lambda n: n == wanted)
    if kind == "boolean":
        if text.lower() not in ("true", "false"):
            raise bad_request("INVALID_FILTER_VALUE", f"{where}: {text!r} is not true or false")
        flag = text.lower() == "true"
        return lambda item: (item if isinstance(item, bool) else str(item).lower() == "true") == flag
    if kind in _DATES:
        when = _date_value(text, where, "INVALID_FILTER_VALUE", tz)
        return lambda item: _same(item, when, tz)
    folded = text if case_sensitive else text.casefold()
    return lambda item: (_text(item) if case_sensitive else _text(item).casefold()) == folded


_When = tuple[dt.date, dt.datetime | None]


def _date_value(text: str, where: str, reason: str, tz: dt.tzinfo) -> _When:
    when = as_instant(text, tz)
    if when is None:
        raise bad_request(reason, f"{where}: {text!r} is not a date (YYYY-MM-DD) or a date-time with offset")
    return when


def _same(item: Any, when: _When, tz: dt.tzinfo) -> bool:
    got = as_instant(item, tz)
    if got is None:
        return False
    if when[1] is None or got[1] is None:
        return got[0] == when[0]
    return got[1] == when[1]


def _compare(item: Any, when: _When, tz: dt.tzinfo) -> int | None:
    """-1, 0, 1 comparing ``item`` to ``when`` (by day when either side is date-only)."""
    got = as_instant(item, tz)
    if got is None:
        return None
    if when[1] is None or got[1] is None:
        a: Any = got[0]
        b: Any = when[0]
    else:
        a, b = got[1], when[1]
    return int((a > b) - (a < b))


def _date_operator(
    fake: FakeMambu, operator: str, text: str, second: Any, where: str, tz: dt.tzinfo
) -> Callable[[Any], bool]:
    today = fake.clock.now().astimezone(tz).date()
    if operator == "LAST_DAYS":
        if not text.strip().isdigit():
            raise bad_request(
                "INVALID_FILTER_VALUE", f"{where}: LAST_DAYS needs a number of days, got {text!r}"
            )
        start = today - dt.timedelta(days=int(text))
        return lambda item: _day_between(item, start, today, tz)
    when = _date_value(text, where, "INVALID_FILTER_VALUE", tz)
    if operator == "ON":
        return lambda item: _day_between(item, when[0], when[0], tz)
    if operator in ("AFTER", "AFTER_INCLUSIVE", "BEFORE", "BEFORE_INCLUSIVE"):
        allowed = {
            "AFTER": (1,),
            "AFTER_INCLUSIVE": (0, 1),
            "BEFORE": (-1,),
            "BEFORE_INCLUSIVE": (-1, 0),
        }[operator]
        return lambda item: _compare(item, when, tz) in allowed
    if operator == "BETWEEN":
        if second is None or isinstance(second, dict | list):
            raise bad_request("INVALID_FILTER_SECOND_VALUE", f"{where}: BETWEEN needs a secondValue")
        upper = _date_value(_text(second), where, "INVALID_FILTER_SECOND_VALUE", tz)
        return lambda item: _compare(item, when, tz) in (0, 1) and _compare(item, upper, tz) in (-1, 0)
    raise bad_request("INVALID_FILTER_ELEMENT", f"{where}: unsupported operator {operator}")


def relative_period(operator: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The inclusive day range of ``TODAY``/``THIS_WEEK``/``THIS_MONTH``/``THIS_YEAR``."""
    if operator == "TODAY":
        return today, today
    if operator == "THIS_WEEK":
        start = today - dt.timedelta(days=today.weekday())
        return start, start + dt.timedelta(days=6)
    if operator == "THIS_MONTH":
        start = today.replace(day=1)
        following = (start + dt.timedelta(days=32)).replace(day=1)
        return start, following - dt.timedelta(days=1)
    return today.replace(month=1, day=1), today.replace(month=12, day=31)


def _day_between(item: Any, start: dt.date, end: dt.date, tz: dt.tzinfo) -> bool:
    got = as_instant(item, tz)
    return got is not None and start <= got[0] <= end


def compile_relative(fake: FakeMambu, operator: str) -> Callable[[Any], bool]:
    """The test of a no-value date operator against the fake's clock."""
    tz = fake.clock.now().tzinfo or dt.UTC
    start, end = relative_period(operator, fake.clock.now().astimezone(tz).date())
    return lambda item: _day_between(item, start, end, tz)


def sorting_keys(fake: FakeMambu, kind: EntityKind, sorting: Any) -> list[tuple[Field, bool]]:
    """``sortingCriteria`` as sort keys (order defaults to DESC, as documented)."""
    if sorting is None:
        return []
    if not isinstance(sorting, dict):
        raise bad_request("INVALID_PARAMETERS", "sortingCriteria must be an object {field, order}")
    order = sorting.get("order", "DESC")
    if order not in ("ASC", "DESC"):
        raise bad_request(
            "INVALID_SORTING_ORDER", f"sortingCriteria.order must be ASC or DESC, got {order!r}"
        )
    field = resolve_field(fake, kind, sorting.get("field"), kind.sorting_fields, "INVALID_SORTING_COLUMN")
    return [(field, order == "DESC")]
