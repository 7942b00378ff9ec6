"""Pre-request validation and argument rendering shared by every connector.

Everything here raises :class:`~mambu_async.errors.MambuValidationError` (a ``ValueError``) before a
request is sent, so ``MambuConnectorREST`` and ``FakeConnector`` refuse bad input identically.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal, cast

from mambu_async.errors import MambuValidationError

DetailsLevel = Literal["BASIC", "FULL"]
"""How much of an entity Mambu returns: ``BASIC`` leaves out custom fields and nested data."""

DETAILS_LEVELS: tuple[DetailsLevel, ...] = ("BASIC", "FULL")
PAGINATION_DETAILS = ("ON", "OFF")
SORT_ORDERS = ("ASC", "DESC")
MAX_PAGE_LIMIT = 1000

#: v2 ``FilterCriteria.operator`` (clients.json / deposit_transactions.json) plus ``BEFORE_INCLUSIVE``
#: and ``AFTER_INCLUSIVE``, which later Mambu versions accept (api-semantics §5.2).
SEARCH_OPERATORS: dict[str, str] = {
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

PATCH_OPS = ("ADD", "REPLACE", "REMOVE", "MOVE")

#: Owner types accepted by comments and documents (api-semantics §9.1-9.2).
OWNER_TYPES = (
    "CLIENT",
    "GROUP",
    "LOAN_PRODUCT",
    "SAVINGS_PRODUCT",
    "CENTRE",
    "BRANCH",
    "USER",
    "LOAN_ACCOUNT",
    "DEPOSIT_ACCOUNT",
    "ID_DOCUMENT",
    "LINE_OF_CREDIT",
    "GL_JOURNAL_ENTRY",
)

#: ``:changeState`` actions by URL prefix (api-semantics §7.2-7.3).
STATE_ACTIONS: dict[str, tuple[str, ...]] = {
    "loans": (
        "REQUEST_APPROVAL",
        "SET_INCOMPLETE",
        "APPROVE",
        "UNDO_APPROVE",
        "REJECT",
        "WITHDRAW",
        "CLOSE",
        "UNDO_REJECT",
        "UNDO_WITHDRAW",
        "UNDO_CLOSE",
    ),
    "deposits": ("APPROVE", "UNDO_APPROVE", "LOCK", "UNLOCK"),
    # Inferred (api-semantics §7.4): only APPROVE is documented; the rest mirror the loan actions.
    "creditarrangements": (
        "APPROVE",
        "UNDO_APPROVE",
        "REJECT",
        "WITHDRAW",
        "CLOSE",
        "UNDO_REJECT",
        "UNDO_WITHDRAW",
        "UNDO_CLOSE",
    ),
}

#: Document extensions Mambu accepts (api-semantics §9.1, S3:L131-137).
DOCUMENT_EXTENSIONS = frozenset(
    {
        "JPG", "JPEG", "PNG", "GIF", "BMP", "TIFF", "DOC", "DOCX", "DOCM", "DOT", "DOTX", "DOTM", "XLS",
        "XLSX", "XLSB", "PPTX", "PPT", "PPS", "PPSX", "ODT", "OTT", "FODT", "PDF", "XML", "TXT", "CSV",
        "PROPERTIES", "MSG", "TIF", "ZIP", "RTF", "XLSM", "ODS", "ODP", "EML", "EMLX", "HTML", "MHT",
        "MHTML", "XPS", "NUMBERS", "KEY", "PAGES", "YAML", "JSON", "JASPER", "JRXML",
    }
)
#: Largest document Mambu accepts (50 MiB, api-semantics §4.3).
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
_DOCUMENT_NAME_FORBIDDEN = set('/<>|:&?*[]#\\"\'`')

#: Query parameter names that would put a credential in a URL.
SECRET_QUERY_NAMES = frozenset({"user", "username", "pwd", "password", "apikey", "api_key", "token"})

_ACTION_RE = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
_PREFIX_FORBIDDEN = re.compile(r"[?#\s%\x00-\x1f\x7f]|(?:^|/)\.\.?(?:/|$)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

_SORT_BY_RE = re.compile(r"^(?:[\w.]+:(?:ASC|DESC),)*[\w.]+:(?:ASC|DESC)$")


def fail(message: str) -> MambuValidationError:
    """The validation error for ``message`` (raise it)."""
    return MambuValidationError(message)


def require_id(value: Any, name: str = "entid") -> str:
    """A non-empty id or encodedKey as ``str``: not ``.`` or ``..`` (escaping leaves them as they are,
    and the URL would climb out of the entity's path) and without control characters."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise fail(f"{name} must be a non-empty string, got {type(value).__name__}")
    text = str(value)
    if not text.strip():
        raise fail(f"{name} must not be empty")
    if text in (".", ".."):
        raise fail(f"{name} {text!r} is not an id (it would change the URL's path)")
    if _CONTROL.search(text):
        raise fail(f"{name} {text!r} must not contain control characters")
    return text


def require_prefix(prefix: Any) -> str:
    """A non-empty URL prefix without surrounding slashes (no query, fragment, space or dot segment)."""
    if not isinstance(prefix, str) or not prefix.strip("/ "):
        raise fail("prefix must be a non-empty string such as 'loans'")
    stripped = prefix.strip("/")
    if _PREFIX_FORBIDDEN.search(stripped):
        raise fail(f"prefix {prefix!r} must be a plain path such as 'loans' or 'deposits/transactions'")
    return stripped


def check_action_name(action: Any) -> str:
    """A ``:{action}`` suffix such as ``payOff`` (letters and digits only)."""
    if not isinstance(action, str) or not _ACTION_RE.match(action):
        raise fail(f"action must be a name such as 'payOff', got {action!r}")
    return action


def check_text(value: Any, name: str, *, optional: bool = True) -> str | None:
    """A free-text argument (notes, comment text): a ``str``, or ``None`` when optional."""
    if value is None and optional:
        return None
    if not isinstance(value, str) or (not optional and not value.strip()):
        raise fail(f"{name} must be a {'' if optional else 'non-empty '}string")
    return value


def check_date(value: Any, name: str) -> str | None:
    """A date argument: a ``str`` sent verbatim, a ``date``, or an aware ``datetime`` (``None`` kept)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        rendered = render_value(value, name)
        assert isinstance(rendered, str)
        return rendered
    raise fail(f"{name} must be a date, an aware datetime or an ISO string, got {type(value).__name__}")


def check_body(attrs: Any, name: str = "attrs") -> dict[str, Any]:
    """A JSON object body, rendered for the wire."""
    if not isinstance(attrs, Mapping):
        raise fail(f"{name} must be a dictionary, got {type(attrs).__name__}")
    rendered = render_value(attrs, name)
    assert isinstance(rendered, dict)
    return rendered


def check_query_names(params: Mapping[str, Any]) -> None:
    """Refuse query parameters that would carry credentials in the URL."""
    for key in params:
        if str(key).lower() in SECRET_QUERY_NAMES:
            raise fail(f"{key!r} cannot be a query parameter: credentials belong to the connector")


def check_document_file_name(file_name: Any) -> str:
    """A document's file name: exactly one extension from Mambu's list, no forbidden characters."""
    if not isinstance(file_name, str) or not file_name.strip():
        raise fail("the document needs a file name such as 'contract.pdf'")
    if len(file_name) > 256:
        raise fail("document file name must be at most 256 characters")
    bad = sorted(set(file_name) & _DOCUMENT_NAME_FORBIDDEN)
    if bad:
        raise fail(f"document file name {file_name!r} contains forbidden characters {bad}")
    if file_name.count(".") != 1 or file_name.startswith(".") or file_name.endswith("."):
        raise fail(f"document file name {file_name!r} must have exactly one extension")
    extension = file_name.rsplit(".", 1)[1].upper()
    if extension not in DOCUMENT_EXTENSIONS:
        raise fail(f"document type {extension!r} is not accepted by Mambu")
    return file_name


def check_document_size(size: int) -> None:
    """At most :data:`MAX_DOCUMENT_BYTES`."""
    if size > MAX_DOCUMENT_BYTES:
        raise fail(f"document is {size} bytes; Mambu accepts at most {MAX_DOCUMENT_BYTES}")


def check_choice(value: Any, name: str, allowed: Sequence[str]) -> str:
    """``value`` when it is one of ``allowed``."""
    if value not in allowed:
        raise fail(f"{name} must be one of {list(allowed)}, got {value!r}")
    return str(value)


def check_offset_limit(offset: Any, limit: Any, *, max_limit: int | None = None) -> None:
    """Offsets and limits are non-negative ints (``None`` allowed)."""
    for name, value in (("offset", offset), ("limit", limit)):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise fail(f"{name} must be an integer, got {type(value).__name__}")
        if value < 0:
            raise fail(f"{name} must not be negative, got {value}")
    if max_limit is not None and limit is not None and limit > max_limit:
        raise fail(f"limit must be at most {max_limit}, got {limit}")


def check_sort_by(sort_by: Any) -> str | None:
    """Mambu's ``field1:ASC,field2:DESC`` syntax."""
    if sort_by is None:
        return None
    if not isinstance(sort_by, str) or not _SORT_BY_RE.match(sort_by):
        raise fail(f"sortBy must look like 'field1:ASC,field2:DESC', got {sort_by!r}")
    return sort_by


def check_details_level(value: Any, name: str = "details_level") -> DetailsLevel:
    """``"BASIC"`` or ``"FULL"``."""
    return cast(DetailsLevel, check_choice(value, name, DETAILS_LEVELS))


def pick_details_level(
    detailsLevel: Any, details_level: Any, default: DetailsLevel = "BASIC"
) -> DetailsLevel:
    """The level a connector operation was given as MambuPy's ``detailsLevel`` or as ``details_level``
    (``default`` when neither); both with different values is refused."""
    if detailsLevel is not None and details_level is not None and detailsLevel != details_level:
        raise fail(f"give detailsLevel or details_level, not both ({detailsLevel!r} and {details_level!r})")
    if details_level is not None:
        return check_details_level(details_level)
    return check_details_level(default if detailsLevel is None else detailsLevel, "detailsLevel")


def render_value(value: Any, path: str = "value") -> Any:
    """``value`` as wire JSON: dates as ISO strings, ``Decimal``/``int`` kept as numbers.

    A naive ``datetime``, a ``float`` or a ``Decimal`` NaN/Infinity is refused: Mambu's offset and
    money must not be guessed; so is a value nested too deeply to encode.
    """
    try:
        return _render(value, path)
    except RecursionError:
        raise fail(f"{path}: nested too deeply to send") from None


def _render(value: Any, path: str) -> Any:
    if isinstance(value, Decimal) and not value.is_finite():
        raise fail(f"{path}: {value} is not an amount; pass a finite Decimal")
    if value is None or isinstance(value, str | bool | int | Decimal):
        return value
    if isinstance(value, float):
        raise fail(f"{path}: float {value!r} would lose money digits; pass a Decimal or a str")
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise fail(f"{path}: naive datetime {value.isoformat()} has no offset; pass an aware one")
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _render(v, f"{path}.{k}") for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_render(v, f"{path}[{i}]") for i, v in enumerate(value)]
    raise fail(f"{path}: cannot send a {type(value).__name__} to Mambu")


def render_query_value(value: Any, name: str) -> str:
    """A query parameter's string form (same rules as :func:`render_value`)."""
    rendered = render_value(value, name)
    if isinstance(rendered, bool):
        return "true" if rendered else "false"
    if isinstance(rendered, dict | list):
        raise fail(f"{name}: a query parameter cannot hold a {type(value).__name__}")
    return str(rendered)


def render_filters(filters: Any) -> dict[str, str]:
    """``filters`` dict as query parameters, ``None`` values dropped."""
    if filters is None:
        return {}
    if not isinstance(filters, Mapping):
        raise fail("filters must be a dictionary")
    return {
        str(k): render_query_value(v, str(k)) for k, v in filters.items() if v is not None
    }


def _criterion_value(value: Any, path: str) -> str:
    rendered = render_value(value, path)
    if isinstance(rendered, bool):
        return "true" if rendered else "false"
    if isinstance(rendered, dict | list):
        raise fail(f"{path} must be a scalar")
    return str(rendered)


def check_filter_criteria(criteria: Any) -> list[dict[str, Any]] | None:
    """Validate and render ``filterCriteria``: known operator, the values its arity needs."""
    if criteria is None:
        return None
    if not isinstance(criteria, list | tuple):
        raise fail("filterCriteria must be a list of {field, operator, value...} dicts")
    out: list[dict[str, Any]] = []
    for i, raw in enumerate(criteria):
        where = f"filterCriteria[{i}]"
        if not isinstance(raw, Mapping):
            raise fail(f"{where} must be a dict")
        unknown = set(raw) - {"field", "operator", "value", "secondValue", "values"}
        if unknown:
            raise fail(f"{where} has unknown keys {sorted(unknown)}")
        field = raw.get("field")
        if not isinstance(field, str) or not field:
            raise fail(f"{where}.field must be a non-empty string")
        operator = raw.get("operator")
        if operator not in SEARCH_OPERATORS:
            raise fail(f"{where}.operator must be one of {list(SEARCH_OPERATORS)}, got {operator!r}")
        arity = SEARCH_OPERATORS[operator]
        item: dict[str, Any] = {"field": field, "operator": operator}
        if arity in ("one", "two"):
            if raw.get("value") is None:
                raise fail(f"{where}: operator {operator} needs a value")
            item["value"] = _criterion_value(raw["value"], f"{where}.value")
        if arity == "two":
            if raw.get("secondValue") is None:
                raise fail(f"{where}: operator BETWEEN needs a secondValue")
            item["secondValue"] = _criterion_value(raw["secondValue"], f"{where}.secondValue")
        if arity == "list":
            values = raw.get("values")
            if not isinstance(values, list | tuple) or not values:
                raise fail(f"{where}: operator IN needs a non-empty values list")
            item["values"] = [_criterion_value(v, f"{where}.values") for v in values]
        out.append(item)
    return out


def check_sorting_criteria(sorting: Any) -> dict[str, str] | None:
    """Validate ``sortingCriteria`` ``{field, order}``."""
    if sorting is None:
        return None
    if not isinstance(sorting, Mapping):
        raise fail("sortingCriteria must be a dict {field, order}")
    unknown = set(sorting) - {"field", "order"}
    if unknown:
        raise fail(f"sortingCriteria has unknown keys {sorted(unknown)}")
    field = sorting.get("field")
    if not isinstance(field, str) or not field:
        raise fail("sortingCriteria.field must be a non-empty string")
    out = {"field": field}
    if sorting.get("order") is not None:
        out["order"] = check_choice(sorting["order"], "sortingCriteria.order", SORT_ORDERS)
    return out


def check_patch_ops(fields: Any) -> list[dict[str, Any]]:
    """JSON-patch operations from ``(op, path[, value])`` tuples or dicts, ``op`` upper-cased."""
    if not isinstance(fields, list | tuple) or not fields:
        raise fail("fields must be a non-empty list of (op, path[, value]) operations")
    out: list[dict[str, Any]] = []
    for i, raw in enumerate(fields):
        where = f"fields[{i}]"
        if isinstance(raw, Mapping):
            op, path = raw.get("op"), raw.get("path")
            has_value = "value" in raw
            value = raw.get("value")
            source = raw.get("from")
        elif isinstance(raw, list | tuple) and len(raw) in (2, 3):
            op, path = raw[0], raw[1]
            has_value = len(raw) == 3
            value = raw[2] if has_value else None
            source = None
        else:
            raise fail(f"{where} must be (op, path[, value]) or a dict with op and path")
        if not isinstance(op, str) or op.upper() not in PATCH_OPS:
            raise fail(f"{where}.op must be one of {list(PATCH_OPS)} (any case), got {op!r}")
        if not isinstance(path, str) or not path.strip("/"):
            raise fail(f"{where}.path must be a non-empty string")
        item: dict[str, Any] = {"op": op.upper(), "path": "/" + path.lstrip("/")}
        if item["op"] == "MOVE":
            if not isinstance(source, str) or not source.strip("/"):
                raise fail(f"{where}: MOVE needs a 'from' path")
            item["from"] = "/" + source.lstrip("/")
        elif item["op"] in ("ADD", "REPLACE"):
            if not has_value:
                raise fail(f"{where}: {item['op']} needs a value")
            item["value"] = render_value(value, f"{where}.value")
        out.append(item)
    return out


def check_state_action(prefix: str, action: Any) -> str:
    """``action`` when the entity at ``prefix`` accepts it in ``:changeState``."""
    allowed = STATE_ACTIONS.get(prefix.split("/")[0])
    if allowed is None:
        raise fail(f"{prefix!r} has no :changeState; allowed prefixes: {list(STATE_ACTIONS)}")
    return check_choice(action, "action", allowed)


def check_amount(amount: Any, name: str = "amount") -> Decimal | int:
    """A money amount: ``Decimal``, ``int`` or a numeric ``str`` (never a float)."""
    if isinstance(amount, bool) or amount is None:
        raise fail(f"{name} must be a Decimal amount")
    if isinstance(amount, float):
        raise fail(f"{name}: float {amount!r} would lose money digits; pass a Decimal or a str")
    if isinstance(amount, Decimal | int):
        value: Decimal | int = amount
    elif isinstance(amount, str):
        try:
            value = Decimal(amount)
        except ArithmeticError:
            raise fail(f"{name} must be numeric, got {amount!r}") from None
    else:
        raise fail(f"{name} must be a Decimal amount, got {type(amount).__name__}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise fail(f"{name} must be finite, got {amount!r}")
    return value


def pick_allowed(kwargs: Mapping[str, Any], allowed: Iterable[str] | None) -> dict[str, Any]:
    """``kwargs`` limited to ``allowed`` names (all of them when ``allowed`` is ``None``)."""
    if allowed is None:
        return dict(kwargs)
    names = set(allowed)
    extra = sorted(set(kwargs) - names)
    if extra:
        raise fail(f"fields {extra} are not allowed here; allowed: {sorted(names)}")
    return dict(kwargs)
