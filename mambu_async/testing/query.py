"""List semantics shared by every ``GET /{prefix}`` and ``:search``: paging, detail level, sorting.

Mambu's rules (api-semantics §2): ``offset`` default 0, ``limit`` default 50 and at most 1000,
``paginationDetails=ON`` adds ``items-offset``/``items-limit``/``items-total`` headers (lower-case on
the wire), ``detailsLevel`` BASIC|FULL (FULL adds custom field sets, addresses and other related
objects), ``sortBy=field:ASC,field2:DESC`` on the fields each endpoint lists. Query values are checked
against the OpenAPI enums and formats; a bad one is a 400 with Mambu's reason.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import attrs

from mambu_async.testing.apierror import bad_request
from mambu_async.testing.kinds import EntityKind, Field, QueryFilter
from mambu_async.testing.messages import FakeRequest, FakeResponse, list_response
from mambu_async.testing.schema import parse_datetime
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
PAGING_PARAMS = frozenset({"offset", "limit", "paginationDetails", "detailsLevel"})


@attrs.frozen
class Paging:
    """Validated ``offset``/``limit``/``paginationDetails``."""

    offset: int
    limit: int
    details: bool


def _int_param(request: FakeRequest, name: str, reason: str) -> int | None:
    raw = request.param(name)
    if raw is None:
        return None
    text = raw.strip()
    if not text.lstrip("-").isdigit():
        raise bad_request(reason, f"{name} must be an integer, got {raw!r}")
    value = int(text)
    if value < 0:
        raise bad_request(reason, f"{name} must not be negative, got {value}")
    if value > 2**31 - 1:
        raise bad_request(reason, f"{name} is out of range (int32), got {value}")
    return value


def enum_param(
    request: FakeRequest, name: str, allowed: Sequence[str], default: str | None = None
) -> str | None:
    """Query parameter ``name`` checked against its OpenAPI enum."""
    raw = request.param(name)
    if raw is None:
        return default
    if raw not in allowed:
        raise bad_request("INVALID_PARAMETERS", f"{name} must be one of {list(allowed)}, got {raw!r}")
    return raw


def paging(request: FakeRequest) -> Paging:
    """``offset``/``limit``/``paginationDetails`` of the request (400 on a bad value)."""
    offset = _int_param(request, "offset", "INVALID_PAGINATION_OFFSET_VALUE")
    limit = _int_param(request, "limit", "INVALID_PAGINATION_LIMIT_VALUE")
    if limit is not None and limit > MAX_LIMIT:
        raise bad_request(
            "OUT_OF_BOUNDS_PAGINATION_LIMIT_VALUE", f"limit must be at most {MAX_LIMIT}, got {limit}"
        )
    details = enum_param(request, "paginationDetails", ("ON", "OFF"), "OFF") == "ON"
    return Paging(offset or 0, DEFAULT_LIMIT if limit is None else limit, details)


def details_level(request: FakeRequest) -> str:
    """``detailsLevel`` (BASIC unless FULL is asked for)."""
    return enum_param(request, "detailsLevel", ("BASIC", "FULL"), "BASIC") or "BASIC"


def check_params(request: FakeRequest, allowed: Iterable[str]) -> None:
    """400 ``PARAMETER_NOT_ALLOWED`` for a query parameter the endpoint does not take, in strict mode only.

    [INFERRED] Mambu ignores parameters an endpoint does not declare: tap-mambu sends
    ``detailsLevel``/``paginationDetails`` on every list (v2 and v1 ``/activities``) against real
    tenants. The reason is documented for v1 extras, so a tenant with ``strict_params`` (a test that
    wants a misspelt filter to fail loudly) refuses them; the paging/detail parameters are always taken.
    Values of declared parameters are checked by their readers regardless.
    """
    if not request.strict_params:
        return
    extra = sorted(request.param_names() - set(allowed) - PAGING_PARAMS)
    if extra:
        raise bad_request("PARAMETER_NOT_ALLOWED", f"Unknown query parameters: {', '.join(extra)}")


def render(kind: EntityKind, record: Record, level: str) -> Record:
    """A copy of ``record`` for the response: BASIC drops custom field sets and ``full_only`` keys."""
    if level == "FULL":
        return copy.deepcopy(record)
    return {
        k: copy.deepcopy(v) for k, v in record.items() if not k.startswith("_") and k not in kind.full_only
    }


def respond_page(kind: EntityKind, records: Sequence[Record], page: Paging, level: str) -> FakeResponse:
    """The list response for ``records`` (already filtered and sorted)."""
    chosen = records[page.offset : page.offset + page.limit]
    return list_response(
        [render(kind, r, level) for r in chosen],
        offset=page.offset,
        limit=page.limit,
        total=len(records),
        details=page.details,
    )


# -- values and ordering ---------------------------------------------------------------------------


def as_decimal(value: Any) -> Decimal | None:
    """A number from a stored value or a criterion string, else ``None``."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


def as_instant(value: Any, tz: dt.tzinfo) -> tuple[dt.date, dt.datetime | None] | None:
    """``(local date, instant or None)`` from a stored or criterion date / date-time text."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if len(text) == 10:
        try:
            return dt.date.fromisoformat(text), None
        except ValueError:
            return None
    parsed = parse_datetime(text)
    if parsed is None:
        return None
    return parsed.astimezone(tz).date(), parsed


def sort_key(field: Field, record: Record, tz: dt.tzinfo) -> tuple[int, Any]:
    """A comparable key for ``field`` of ``record`` (missing values first)."""
    value = field.getter(record)
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None or value == "":
        return (0, "")
    if field.type in ("number", "integer"):
        number = as_decimal(value)
        return (1, number) if number is not None else (2, str(value))
    if field.type in ("date", "datetime"):
        when = as_instant(value, tz)
        if when is not None:
            day, instant = when
            return (
                1,
                instant.timestamp() if instant else dt.datetime.combine(day, dt.time(), tz).timestamp(),
            )
        return (2, str(value))
    if isinstance(value, bool):
        return (1, int(value))
    return (1, str(value).casefold())


def sort_records(records: list[Record], keys: Sequence[tuple[Field, bool]], tz: dt.tzinfo) -> list[Record]:
    """``records`` ordered by ``(field, descending)`` keys, ties kept in creation order."""
    out = list(records)
    for field, descending in reversed(keys):
        out.sort(key=functools.partial(sort_key, field, tz=tz), reverse=descending)
    return out


def parse_sort_by(kind: EntityKind, text: str | None) -> list[tuple[Field, bool]]:
    """``sortBy`` on a ``GET`` list: fields from ``kind.sort_by`` (400 otherwise)."""
    if text is None:
        return [(kind.sort_by[name], desc) for name, desc in kind.default_sort if name in kind.sort_by]
    keys: list[tuple[Field, bool]] = []
    for part in text.split(","):
        name, sep, order = part.strip().partition(":")
        if not sep or not name:
            raise bad_request(
                "INVALID_PARAMETERS", f"sortBy must look like field:ASC,field2:DESC, got {text!r}"
            )
        if order not in ("ASC", "DESC"):
            raise bad_request("INVALID_SORTING_ORDER", f"sortBy order must be ASC or DESC, got {order!r}")
        field = kind.sort_by.get(name)
        if field is None:
            raise bad_request(
                "INVALID_SORTING_COLUMN",
                f"sortBy field {name!r} is not sortable; allowed: {', '.join(kind.sort_by) or 'none'}",
            )
        keys.append((field, order == "DESC"))
    return keys


def apply_filters(
    fake: FakeMambu, kind: EntityKind, request: FakeRequest, records: list[Record]
) -> list[Record]:
    """Keep the records matching every ``kind.filters`` query parameter sent (AND)."""
    for name, spec in kind.filters.items():
        raw = request.param(name)
        spec = _variant(spec, name, raw, request)
        if raw is None:
            continue
        if spec.field.enum and raw not in spec.field.enum:
            raise bad_request(
                "INVALID_PARAMETERS", f"{name} must be one of {list(spec.field.enum)}, got {raw!r}"
            )
        if spec.field.type == "date" and as_instant(raw, dt.UTC) is None:
            raise bad_request("INVALID_DATE", f"{name} must be a date (YYYY-MM-DD), got {raw!r}")
        wanted = spec.resolve(fake, raw) if spec.resolve else raw
        match: Callable[[Any, Any], bool] = spec.match or _equal
        getter = spec.field.getter
        records = [r for r in records if match(getter(r), wanted)]
    return records


def filter_params(kind: EntityKind) -> set[str]:
    """The query parameters ``kind``'s filters take (their companion parameters included)."""
    names = set(kind.filters)
    names.update(spec.variant_param for spec in kind.filters.values() if spec.variant_param)
    return names


def _variant(spec: QueryFilter, name: str, raw: str | None, request: FakeRequest) -> QueryFilter:
    """The filter ``spec`` stands for, given its companion parameter (400 when misused)."""
    if spec.variant_param is None:
        return spec
    chosen = request.param(spec.variant_param)
    if chosen is None:
        return spec
    if raw is None:
        raise bad_request("INVALID_PARAMETERS", f"{spec.variant_param} is only allowed together with {name}")
    variant = spec.variants.get(chosen)
    if variant is None:
        raise bad_request(
            "INVALID_PARAMETERS",
            f"{spec.variant_param} must be one of {list(spec.variants)}, got {chosen!r}",
        )
    return variant


def _equal(value: Any, wanted: Any) -> bool:
    if isinstance(value, list):
        return any(_equal(v, wanted) for v in value)
    if wanted is None:
        return False
    return value is not None and str(value) == str(wanted)
