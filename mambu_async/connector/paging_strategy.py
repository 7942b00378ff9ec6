"""How each entity is pulled in bulk: the one per-entity strategy table.

A bulk pull is exactly-once only when it pages over a **unique, immutable** sort key (bulk-pull
lessons §5.1-5.3). Where Mambu has a ``:search`` endpoint we sort it on such a key with
``sortingCriteria``; otherwise we ``GET`` with ``sortBy`` on the best key the endpoint accepts.

Sources: clients.json ``ClientSortingCriteria`` lists ``encodedKey``; deposit_transactions.json
``DepositTransactionSortingCriteria`` has ``id`` but not ``encodedKey``. ``POST /loans:search``,
``/deposits:search``, ``/groups:search`` and ``/loans/transactions:search`` are not in the OpenAPI files
here; [INFERRED] from Mambu's public API and api-semantics §5.3 they accept ``encodedKey`` (accounts,
groups) and ``id`` (transactions, as deposit transactions) like their documented siblings. ``GET`` sort
fields follow api-semantics §2.1 and MambuPy's ``_sortBy_fields`` (``id`` for loans, deposits,
branches, centres, products). [INFERRED] Credit arrangements are searched on ``encodedKey``; GL journal
entries and the interest accrual breakdown on their integer ``entryId`` (as bulk extractors sort them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from mambu_async.errors import MambuValidationError

SortKey = Callable[[Any], Any]


#: Order of ``encodedKey``: Mambu's keys are fixed-length lower-case hex, so code-point order (the
#: builtin itself, so a page's keys are converted at C speed).
text_key: SortKey = str


def natural_key(value: Any) -> Any:
    """Order of ``id`` when the server sorts numeric ids (transactions, sequences) by number."""
    text = str(value)
    return (0, int(text), "") if text.isdigit() else (1, 0, text.casefold())


def folded_key(value: Any) -> Any:
    """Order of ``id`` when the server sorts ids as case-insensitive text."""
    return str(value).casefold()


@attrs.frozen
class PullStrategy:
    """How one entity's bulk pull pages.

    ``search_key``: the unique immutable ``sortingCriteria`` field for ``POST {prefix}:search`` (``None``:
    the entity has no search endpoint); ``get_key``: the unique ``sortBy`` field for ``GET {prefix}``
    (``None``: the GET cannot be sorted on a unique key, so the pull deduplicates with a seen-set);
    ``date_field``: the immutable date that ``window=`` partitions on (search only).
    """

    search_key: str | None = None
    get_key: str | None = None
    date_field: str | None = "creationDate"


_ACCOUNTS = PullStrategy(search_key="encodedKey", get_key="id")
_TRANSACTIONS = PullStrategy(search_key="id", get_key=None)

#: The per-entity table (DESIGN.md "Pagination and bulk pulls").
STRATEGIES: dict[str, PullStrategy] = {
    "clients": PullStrategy(search_key="encodedKey", get_key=None),
    "groups": PullStrategy(search_key="encodedKey", get_key=None),
    "loans": _ACCOUNTS,
    "deposits": _ACCOUNTS,
    "loans/transactions": _TRANSACTIONS,
    "deposits/transactions": _TRANSACTIONS,
    "branches": PullStrategy(get_key="id"),
    "centres": PullStrategy(get_key="id"),
    "loanproducts": PullStrategy(get_key="id"),
    "depositproducts": PullStrategy(get_key="id"),
    "creditarrangements": PullStrategy(search_key="encodedKey"),
    "gljournalentries": PullStrategy(search_key="entryId"),
    "accounting/interestaccrual": PullStrategy(search_key="entryId"),
}

_UNKNOWN = PullStrategy(date_field=None)

#: Sort fields whose values are unique and never change, with the orders the server may use for them.
#: [INFERRED] Mambu does not document how it orders string ids; the engine starts with the first order
#: and switches to the next when a page (a contiguous run of the server's order) contradicts it.
UNIQUE_KEYS: dict[str, tuple[SortKey, ...]] = {
    "encodedKey": (text_key,),
    "id": (natural_key, folded_key),
    "entryId": (natural_key,),
}


def strategy_for(prefix: str) -> PullStrategy:
    """The strategy for ``prefix`` (an unknown prefix is a plain unsorted GET, deduplicated by key)."""
    return STRATEGIES.get(prefix, _UNKNOWN)


@attrs.frozen
class PullPlan:
    """The resolved query of one pull: endpoint, the sort sent on every page and how to compare keys."""

    search: bool
    key_field: str | None
    key_order: tuple[SortKey, ...] | None
    descending: bool
    sortBy: str | None
    sortingCriteria: dict[str, Any] | None


def plan_pull(
    prefix: str,
    *,
    filters: dict[str, Any] | None,
    filterCriteria: list[dict[str, Any]] | None,
    sortingCriteria: dict[str, Any] | None,
    sortBy: str | None,
) -> PullPlan:
    """Choose the endpoint and sort for a pull.

    ``filterCriteria``/``sortingCriteria`` mean ``:search``; ``filters``/``sortBy`` mean ``GET``; neither
    means the entity's default. A caller's sort on a unique key (``encodedKey``/``id``, either order)
    keeps the keyed exactly-once mode; any other caller sort is honoured but deduplicated by a seen-set.
    """
    strategy = strategy_for(prefix)
    if (filters or sortBy) and (filterCriteria or sortingCriteria):
        raise MambuValidationError(
            "pass filters/sortBy (GET) or filterCriteria/sortingCriteria (:search), not both"
        )
    use_search = bool(filterCriteria or sortingCriteria) or (
        strategy.search_key is not None and not (filters or sortBy)
    )
    if use_search:
        if sortingCriteria is None:
            if strategy.search_key is None:
                return PullPlan(True, None, None, False, None, None)
            sortingCriteria = {"field": strategy.search_key, "order": "ASC"}
        field = str(sortingCriteria.get("field"))
        descending = sortingCriteria.get("order", "DESC") == "DESC"  # Mambu's default order is DESC
        order = UNIQUE_KEYS.get(field)
        return PullPlan(True, field if order else None, order, descending, None, dict(sortingCriteria))
    if sortBy is None:
        if strategy.get_key is None:
            return PullPlan(False, None, None, False, None, None)
        sortBy = f"{strategy.get_key}:ASC"
    fields = sortBy.split(",")
    field, _, direction = fields[0].partition(":")
    order = UNIQUE_KEYS.get(field)
    return PullPlan(False, field if order else None, order, direction == "DESC", sortBy, None)
