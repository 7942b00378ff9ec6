"""The search builder: ``F("loanAmount").between(a, b)`` and friends, and per-entity field checks.

``F(field)`` names a Mambu search field (camelCase as Mambu spells it, a dotted path such as
``balances.principalBalance``, or a custom field ``_Set.field``); each operator of Mambu's v2
``FilterCriteria`` is a method, so an operator cannot be misspelled. Values are rendered as Mambu
expects them in search bodies (all strings: ``Decimal`` → ``"1234.50"``, ``date`` → ``"2024-01-31"``,
aware ``datetime`` → ISO with offset, ``bool`` → ``"true"``). The field itself is checked against the
entity's allowed search fields when the search is made (``MambuLoan.search(...)``), or at once with
``MambuLoan.F("loanAmount")``.

Sorting: ``F("creationDate").asc()`` / ``.desc()`` (or :func:`asc` / :func:`desc`) give a
:class:`Sort`, usable as ``sorting_criteria=`` of a search or, alone or in a list, as ``sort_by=`` of
``get_all`` (rendered ``creationDate:ASC,id:DESC``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from mambu_async.connector.validation import (
    check_filter_criteria,
    check_sort_by,
    check_sorting_criteria,
    render_value,
)
from mambu_async.errors import MambuValidationError

__all__ = [
    "Criterion",
    "F",
    "Sort",
    "asc",
    "check_fields",
    "desc",
    "render_criteria",
    "render_sort_by",
    "render_sorting",
]

_CUSTOM_FIELD_RE = re.compile(r"^_\w+\.\w+$")


def _text(value: Any, name: str) -> str:
    rendered = render_value(value, name)
    if isinstance(rendered, bool):
        return "true" if rendered else "false"
    if rendered is None or isinstance(rendered, dict | list):
        raise MambuValidationError(f"{name}: a search value must be a scalar, got {value!r}")
    return str(rendered)


@attrs.frozen
class Criterion:
    """One rendered ``filterCriteria`` entry."""

    field: str
    operator: str
    value: str | None = None
    second_value: str | None = None
    values: tuple[str, ...] | None = None

    def to_wire(self) -> dict[str, Any]:
        """``{"field", "operator", "value"/"secondValue"/"values"}`` as Mambu's body wants it."""
        out: dict[str, Any] = {"field": self.field, "operator": self.operator}
        if self.value is not None:
            out["value"] = self.value
        if self.second_value is not None:
            out["secondValue"] = self.second_value
        if self.values is not None:
            out["values"] = list(self.values)
        return out


@attrs.frozen
class Sort:
    """``sortingCriteria`` ``{field, order}``; also one ``field:ORDER`` term of ``sortBy``."""

    field: str
    order: str = "ASC"

    def to_wire(self) -> dict[str, str]:
        """Mambu's ``sortingCriteria`` object."""
        return {"field": self.field, "order": self.order}

    def __str__(self) -> str:
        return f"{self.field}:{self.order}"


def asc(field: str) -> Sort:
    """Ascending sort on ``field``."""
    return Sort(_check_name(field), "ASC")


def desc(field: str) -> Sort:
    """Descending sort on ``field``."""
    return Sort(_check_name(field), "DESC")


def _check_name(field: Any) -> str:
    if not isinstance(field, str) or not re.fullmatch(r"[\w.]+", field):
        raise MambuValidationError(
            f"a search field is a name such as 'loanAmount' or '_Set.field', got {field!r}"
        )
    return field


@attrs.frozen
class F:
    """A search field; its methods build :class:`Criterion` objects (one per Mambu operator)."""

    name: str = attrs.field(converter=_check_name)

    def _one(self, operator: str, value: Any) -> Criterion:
        return Criterion(self.name, operator, _text(value, f"{self.name} {operator}"))

    def equals(self, value: Any) -> Criterion:
        """``EQUALS`` (case-insensitive for text)."""
        return self._one("EQUALS", value)

    def equals_case_sensitive(self, value: Any) -> Criterion:
        """``EQUALS_CASE_SENSITIVE``."""
        return self._one("EQUALS_CASE_SENSITIVE", value)

    def different_than(self, value: Any) -> Criterion:
        """``DIFFERENT_THAN``."""
        return self._one("DIFFERENT_THAN", value)

    def more_than(self, value: Any) -> Criterion:
        """``MORE_THAN`` (numbers)."""
        return self._one("MORE_THAN", value)

    def less_than(self, value: Any) -> Criterion:
        """``LESS_THAN`` (numbers)."""
        return self._one("LESS_THAN", value)

    def between(self, low: Any, high: Any) -> Criterion:
        """``BETWEEN`` low and high (numbers, dates)."""
        where = f"{self.name} BETWEEN"
        return Criterion(self.name, "BETWEEN", _text(low, where), _text(high, where))

    def on(self, value: Any) -> Criterion:
        """``ON`` a day (dates)."""
        return self._one("ON", value)

    def after(self, value: Any) -> Criterion:
        """``AFTER`` (dates)."""
        return self._one("AFTER", value)

    def after_inclusive(self, value: Any) -> Criterion:
        """``AFTER_INCLUSIVE`` (dates; later Mambu versions)."""
        return self._one("AFTER_INCLUSIVE", value)

    def before(self, value: Any) -> Criterion:
        """``BEFORE`` (dates)."""
        return self._one("BEFORE", value)

    def before_inclusive(self, value: Any) -> Criterion:
        """``BEFORE_INCLUSIVE`` (dates; later Mambu versions)."""
        return self._one("BEFORE_INCLUSIVE", value)

    def starts_with(self, value: Any) -> Criterion:
        """``STARTS_WITH`` (text, case-insensitive)."""
        return self._one("STARTS_WITH", value)

    def starts_with_case_sensitive(self, value: Any) -> Criterion:
        """``STARTS_WITH_CASE_SENSITIVE``."""
        return self._one("STARTS_WITH_CASE_SENSITIVE", value)

    def in_(self, values: Iterable[Any]) -> Criterion:
        """``IN`` a non-empty list of values (enums, keys)."""
        if isinstance(values, str | bytes) or not isinstance(values, Iterable):
            raise MambuValidationError(f"{self.name} IN needs a list of values, got {values!r}")
        rendered = tuple(_text(v, f"{self.name} IN") for v in values)
        if not rendered:
            raise MambuValidationError(f"{self.name} IN needs at least one value")
        return Criterion(self.name, "IN", values=rendered)

    def last_days(self, days: int) -> Criterion:
        """``LAST_DAYS``: within the last ``days`` days."""
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise MambuValidationError(f"{self.name} LAST_DAYS needs a non-negative int, got {days!r}")
        return self._one("LAST_DAYS", days)

    def today(self) -> Criterion:
        """``TODAY``."""
        return Criterion(self.name, "TODAY")

    def this_week(self) -> Criterion:
        """``THIS_WEEK``."""
        return Criterion(self.name, "THIS_WEEK")

    def this_month(self) -> Criterion:
        """``THIS_MONTH``."""
        return Criterion(self.name, "THIS_MONTH")

    def this_year(self) -> Criterion:
        """``THIS_YEAR``."""
        return Criterion(self.name, "THIS_YEAR")

    def empty(self) -> Criterion:
        """``EMPTY``: null or absent."""
        return Criterion(self.name, "EMPTY")

    def not_empty(self) -> Criterion:
        """``NOT_EMPTY``."""
        return Criterion(self.name, "NOT_EMPTY")

    def asc(self) -> Sort:
        """Ascending sort on this field."""
        return Sort(self.name, "ASC")

    def desc(self) -> Sort:
        """Descending sort on this field."""
        return Sort(self.name, "DESC")


def check_fields(names: Iterable[str], allowed: Sequence[str] | None, what: str) -> None:
    """Refuse names outside ``allowed`` (custom fields ``_Set.field`` always pass; ``None`` allows all)."""
    if allowed is None:
        return
    for name in names:
        if name not in allowed and not _CUSTOM_FIELD_RE.match(name):
            raise MambuValidationError(f"{what} {name!r} is not allowed; allowed: {sorted(allowed)}")


def render_criteria(
    criteria: Sequence[Criterion | Mapping[str, Any]] | None, allowed: Sequence[str] | None
) -> list[dict[str, Any]] | None:
    """``filterCriteria`` from criteria or dicts, operators and fields checked."""
    if criteria is None:
        return None
    if isinstance(criteria, Criterion | Mapping):
        criteria = [criteria]
    if not isinstance(criteria, list | tuple):
        raise MambuValidationError("filter_criteria must be a list of F(...) criteria")
    raw = [c.to_wire() if isinstance(c, Criterion) else c for c in criteria]
    checked = check_filter_criteria(raw) or []
    check_fields((c["field"] for c in checked), allowed, "search field")
    return checked


def render_sorting(
    sorting: Sort | Mapping[str, Any] | None, allowed: Sequence[str] | None
) -> dict[str, Any] | None:
    """``sortingCriteria`` from a :class:`Sort` or a dict, field checked."""
    if sorting is None:
        return None
    checked = check_sorting_criteria(sorting.to_wire() if isinstance(sorting, Sort) else sorting)
    assert checked is not None
    check_fields([checked["field"]], allowed, "sort field")
    return checked


def render_sort_by(sort_by: str | Sort | Sequence[Sort] | None, allowed: Sequence[str] | None) -> str | None:
    """``sortBy`` (``field:ASC,other:DESC``) from a string or sorts, fields checked."""
    if sort_by is None:
        return None
    if isinstance(sort_by, Sort):
        text = str(sort_by)
    elif isinstance(sort_by, str):
        text = sort_by
    elif isinstance(sort_by, list | tuple) and all(isinstance(s, Sort) for s in sort_by):
        text = ",".join(str(s) for s in sort_by)
    else:
        raise MambuValidationError(f"sort_by must be 'field:ASC' or F('field').asc(), got {sort_by!r}")
    checked = check_sort_by(text)
    assert checked is not None
    if allowed is not None and not allowed:
        raise MambuValidationError("this entity's list cannot be sorted (no sortBy in Mambu's API)")
    check_fields((term.split(":")[0] for term in checked.split(",")), allowed, "sortBy field")
    return checked
