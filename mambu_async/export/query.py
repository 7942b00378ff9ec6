"""What the command line asks for: the entity by name, and the query (``--filter``, ``--search``, ``--sort``).

Everything is checked here, before any request, so each mistake gets its own message (naming the allowed
values) and its own exit code (:mod:`mambu_async.export.exit_codes`).
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Sequence
from typing import Any

import attrs

from mambu_async import entities as _entities
from mambu_async.connector.paging_strategy import STRATEGIES, PullPlan, plan_pull
from mambu_async.connector.validation import SEARCH_OPERATORS, SORT_ORDERS
from mambu_async.entities.base import MambuEntity, SearchableMixin
from mambu_async.entities.search import check_fields, render_criteria, render_sorting
from mambu_async.errors import MambuValidationError
from mambu_async.export.exit_codes import CliError, ExitCode

__all__ = ["ExportQuery", "entity_classes", "exportable_names", "parse_query", "resolve_entity"]


def _cli_name(prefix: str) -> str:
    """``loans`` → ``loans``; ``loans/transactions`` → ``loan-transactions``."""
    head, _, tail = prefix.partition("/")
    return f"{head.removesuffix('s')}-{tail}" if tail else head


def _subclasses(cls: type[MambuEntity]) -> list[type[MambuEntity]]:
    out: list[type[MambuEntity]] = []
    for sub in cls.__subclasses__():
        out.extend([sub, *_subclasses(sub)])
    return out


def entity_classes() -> dict[str, type[MambuEntity]]:
    """Every entity class of :mod:`mambu_async.entities` (each module imported) by command-line name."""
    for module in pkgutil.iter_modules(_entities.__path__):
        importlib.import_module(f"{_entities.__name__}.{module.name}")
    found: dict[str, type[MambuEntity]] = {}
    for cls in _subclasses(MambuEntity):
        if cls.__module__.startswith(_entities.__name__) and cls.__dict__.get("_prefix"):
            found.setdefault(getattr(cls, "_export_name", None) or _cli_name(cls._prefix), cls)
    return dict(sorted(found.items()))


#: List endpoints without a unique sort key (pulled unsorted, deduplicated by key; small in practice).
_PLAIN_LISTS = frozenset(
    {
        "users",
        "userroles",
        "tasks",
        "customfieldsets",
        "currencies",
        "organization/holidays/general",
        "indexratesources",
    }
)


def exportable_names() -> list[str]:
    """Names ``export`` accepts: entities with a list endpoint, or streamed by their own reader."""
    listable = STRATEGIES.keys() | _PLAIN_LISTS
    return [
        name
        for name, cls in entity_classes().items()
        if cls._prefix in listable or getattr(cls, "_streamed", False)
    ]


def _aliases(name: str, cls: type[MambuEntity]) -> set[str]:
    singular = "-".join(part.removesuffix("s") for part in name.split("-"))
    return {name, singular, cls.__name__.lower().removeprefix("mambu"), name.replace("-", "")}


def resolve_entity(raw: str, *, export: bool) -> tuple[str, type[MambuEntity]]:
    """The canonical name and class for ``raw`` (``loans``, ``loan``, ``MambuLoan``, ...)."""
    wanted = raw.strip().lower().replace("_", "-")
    classes = entity_classes()
    allowed = exportable_names() if export else list(classes)
    forms = {wanted, wanted.replace("-", ""), wanted.removeprefix("mambu")}
    for name in allowed:
        cls = classes[name]
        if forms & _aliases(name, cls):
            return name, cls
    raise CliError(ExitCode.UNKNOWN_ENTITY, f"unknown entity {raw!r}; allowed: {', '.join(allowed)}")


@attrs.frozen
class ExportQuery:
    """The checked query, in the arguments ``Entity.iterate`` takes (``None`` = not given)."""

    filters: dict[str, str] | None = None
    filter_criteria: list[dict[str, Any]] | None = None
    sorting_criteria: dict[str, Any] | None = None
    sort_by: str | None = None

    def plan(self, prefix: str) -> PullPlan:
        """Which endpoint and sort the pull uses (decides whether resuming is exactly-once)."""
        return plan_pull(
            prefix,
            filters=self.filters,
            filterCriteria=self.filter_criteria,
            sortingCriteria=self.sorting_criteria,
            sortBy=self.sort_by,
        )


def _allowed(values: Sequence[str] | None) -> str:
    return ", ".join(sorted(values or ())) or "none"


def _parse_filters(name: str, cls: type[MambuEntity], pairs: Sequence[str]) -> dict[str, str] | None:
    if not pairs:
        return None
    keys = cls._filter_keys
    filters: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise CliError(ExitCode.USAGE, f"--filter takes KEY=VALUE, got {pair!r}")
        if key not in keys:
            raise CliError(
                ExitCode.UNKNOWN_FILTER_FIELD,
                f"unknown filter field {key!r} for {name}; allowed: {_allowed(keys)}",
            )
        filters[key] = value
    return filters


def _load_search(name: str, text: str) -> tuple[list[Any], Any]:
    """``--search``: a JSON list of criteria, or ``{"filterCriteria": [...], "sortingCriteria": {...}}``."""
    try:
        raw = json.loads(text)
    except ValueError as exc:
        raise CliError(ExitCode.BAD_SEARCH, f"--search is not valid JSON: {exc}") from None
    sorting: Any = None
    if isinstance(raw, dict) and ("filterCriteria" in raw or "sortingCriteria" in raw):
        unknown = set(raw) - {"filterCriteria", "sortingCriteria"}
        if unknown:
            raise CliError(ExitCode.BAD_SEARCH, f"--search has unknown keys {sorted(unknown)}")
        sorting = raw.get("sortingCriteria")
        raw = raw.get("filterCriteria") or []
    elif isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
        raise CliError(
            ExitCode.BAD_SEARCH,
            '--search must be a JSON list of criteria such as '
            '[{"field": "loanAmount", "operator": "MORE_THAN", "value": "1000"}]',
        )
    return raw, sorting


def _check_criteria(name: str, cls: type[MambuEntity], criteria: list[Any]) -> list[dict[str, Any]]:
    fields = cls._search_fields
    for i, criterion in enumerate(criteria):
        field = criterion.get("field")
        if not isinstance(field, str) or not field:
            raise CliError(ExitCode.BAD_SEARCH, f"--search criterion {i} has no \"field\"")
        try:
            check_fields([field], fields, "search field")
        except MambuValidationError:
            raise CliError(
                ExitCode.UNKNOWN_FILTER_FIELD,
                f"unknown search field {field!r} for {name}; allowed: {_allowed(fields)} "
                "(or a custom field '_Set.field')",
            ) from None
        operator = criterion.get("operator")
        if operator not in SEARCH_OPERATORS:
            raise CliError(
                ExitCode.UNKNOWN_OPERATOR,
                f"unknown search operator {operator!r}; allowed: {', '.join(SEARCH_OPERATORS)}",
            )
    try:
        return render_criteria(criteria, fields) or []
    except MambuValidationError as exc:
        raise CliError(ExitCode.BAD_SEARCH, f"--search: {exc}") from None


def _check_sort(name: str, allowed: Sequence[str] | None, field: str) -> None:
    if allowed is not None and not allowed:
        raise CliError(ExitCode.UNKNOWN_SORT_FIELD, f"{name} cannot be sorted")
    try:
        check_fields([field], allowed, "sort field")
    except MambuValidationError:
        raise CliError(
            ExitCode.UNKNOWN_SORT_FIELD,
            f"unknown sort field {field!r} for {name}; allowed: {_allowed(allowed)}",
        ) from None


def _parse_sort(text: str) -> tuple[str, str]:
    field, _, order = text.partition(":")
    order = (order or "ASC").upper()
    if not field or order not in SORT_ORDERS:
        raise CliError(ExitCode.USAGE, f"--sort takes FIELD or FIELD:ASC / FIELD:DESC, got {text!r}")
    return field, order


def parse_query(
    name: str,
    cls: type[MambuEntity],
    *,
    filters: Sequence[str] = (),
    search: str | None = None,
    sort: str | None = None,
) -> ExportQuery:
    """Check ``--filter``/``--search``/``--sort`` against what ``cls`` allows."""
    checked_filters = _parse_filters(name, cls, filters)
    if search is None:
        if sort is None:
            return ExportQuery(filters=checked_filters)
        field, order = _parse_sort(sort)
        _check_sort(name, cls._sort_by_fields, field)
        return ExportQuery(filters=checked_filters, sort_by=f"{field}:{order}")
    if checked_filters:
        raise CliError(ExitCode.USAGE, "give --filter (list filters) or --search (search criteria), not both")
    if not issubclass(cls, SearchableMixin):
        raise CliError(ExitCode.USAGE, f"{name} has no search endpoint: use --filter")
    raw, sorting = _load_search(name, search)
    criteria = _check_criteria(name, cls, raw)
    if sort is not None:
        if sorting is not None:
            raise CliError(ExitCode.USAGE, "give the sort in --search's sortingCriteria or --sort, not both")
        field, order = _parse_sort(sort)
        sorting = {"field": field, "order": order}
    if sorting is not None:
        if not isinstance(sorting, dict) or not isinstance(sorting.get("field"), str):
            raise CliError(
                ExitCode.BAD_SEARCH, '--search sortingCriteria must be {"field": ..., "order": ...}'
            )
        _check_sort(name, cls._search_sort_fields, sorting["field"])
        try:
            sorting = render_sorting(sorting, cls._search_sort_fields)
        except MambuValidationError as exc:
            raise CliError(ExitCode.BAD_SEARCH, f"--search: {exc}") from None
    return ExportQuery(filter_criteria=criteria, sorting_criteria=sorting)
