"""The one cattrs converter between Mambu's wire JSON and typed model values.

Scalars follow Mambu's documented formats (api-semantics §10): money and rates are ``Decimal`` (never
float), date-times are aware and keep the offset Mambu sent, date-only fields are ``datetime.date``,
enums are ``StrEnum`` members — a value the enum does not know is kept as a plain ``str`` (Mambu adds
values over time), except in :func:`strict` mode, which the test suite uses to catch model drift (unknown
keys and unknown enum values are refused there).

Model classes (:class:`~mambu_async.entities.model.MambuModel`) are structured lazily by a hook factory
registered on :data:`converter` in ``model.py``; their camelCase wire keys come from the attribute names
(:func:`to_camel`) unless a field's metadata names the key (``metadata={"wire": "productID"}``).

A value that does not fit its type raises :class:`MambuFieldError` (a ``MambuResponseError``) naming the
field's path in the document, e.g. ``MambuLoan.disbursementDetails.expectedDisbursementDate``.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import enum
import re
import types
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

import cattrs

from mambu_async.errors import MambuResponseError

__all__ = [
    "Malformed",
    "MambuFieldError",
    "converter",
    "copy_json",
    "format_datetime",
    "is_strict",
    "strict",
    "to_camel",
    "to_snake",
]

converter = cattrs.Converter()
"""The library's one converter: ``converter.structure(wire, Type)`` / ``converter.unstructure(obj)``."""

_STRICT: contextvars.ContextVar[bool] = contextvars.ContextVar("mambu_async_strict", default=False)


@contextlib.contextmanager
def strict(enabled: bool = True) -> Iterator[None]:
    """Within this block, refuse unknown keys and unknown enum values and structure eagerly."""
    token = _STRICT.set(enabled)
    try:
        yield
    finally:
        _STRICT.reset(token)


def is_strict() -> bool:
    """Whether :func:`strict` mode is on in the current context."""
    return _STRICT.get()


class MambuFieldError(MambuResponseError):
    """A value in Mambu's document does not fit the documented type; ``path`` names where."""

    def __init__(self, path: str, reason: str, value: Any = None) -> None:
        shown = repr(value)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        super().__init__(f"malformed value at {path}: {reason} (got {shown})", body=value)
        self.path = path
        self.value = value


class Malformed(Exception):
    """Raised by hooks without knowing the path; the model layer turns it into ``MambuFieldError``."""

    def __init__(self, reason: str, value: Any, where: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.value = value
        self.where = where

    def at(self, path: str) -> MambuFieldError:
        """The public error for this failure below ``path``."""
        return MambuFieldError(path + self.where, self.reason, self.value)


_CAMEL_RE = re.compile(r"_([a-z0-9])")
_SNAKE_RE = re.compile(r"(?<=[a-z0-9])([A-Z])|(?<=[A-Z])([A-Z])(?=[a-z])")


def to_camel(name: str) -> str:
    """``loan_amount`` → ``loanAmount`` (Mambu's key for an attribute)."""
    return _CAMEL_RE.sub(lambda m: m.group(1).upper(), name)


def to_snake(name: str) -> str:
    """``loanAmount`` → ``loan_amount``; ``productID`` → ``product_id``."""
    return _SNAKE_RE.sub(lambda m: "_" + (m.group(1) or m.group(2)), name).lower()


def copy_json(value: Any) -> Any:
    """A deep copy of decoded JSON (dicts, lists, scalars)."""
    if isinstance(value, dict):
        return {k: copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [copy_json(v) for v in value]
    return value


def format_datetime(value: dt.datetime) -> str:
    """ISO 8601 with the offset, seconds or milliseconds as Mambu writes them."""
    if value.microsecond == 0:
        return value.isoformat(timespec="seconds")
    if value.microsecond % 1000 == 0:
        return value.isoformat(timespec="milliseconds")
    return value.isoformat()


# --- scalar structure hooks (raise Malformed; the model layer adds the path) -------------------------


def _structure_str(value: Any, cls: Any) -> Any:
    if cls is not str and isinstance(cls, type) and issubclass(cls, enum.Enum):
        return _structure_enum(value, cls)  # a StrEnum dispatches as its str base
    if isinstance(value, str):
        return value
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return str(value)
    raise Malformed("expected a string", value)


def _structure_int(value: Any, _: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"[+-]?\d+", value.strip()):
        return int(value)
    raise Malformed("expected an integer", value)


def _structure_bool(value: Any, _: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise Malformed("expected a boolean", value)


def _structure_decimal(value: Any, _: Any) -> Decimal:
    if isinstance(value, bool):
        raise Malformed("expected a number", value)
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise Malformed("expected a number", value) from None
    else:
        raise Malformed("expected a number", value)
    if not result.is_finite():
        raise Malformed("expected a finite number", value)
    return result


def _structure_datetime(value: Any, _: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, str) and len(value) > 10:
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            raise Malformed("expected an ISO 8601 date-time", value) from None
    else:
        raise Malformed("expected an ISO 8601 date-time", value)
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise Malformed("date-time has no offset", value)
    return parsed


def _structure_date(value: Any, _: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise Malformed("expected a date YYYY-MM-DD", value)


def _structure_any(value: Any, _: Any) -> Any:
    return copy_json(value)


def _structure_dict(value: Any, _: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Malformed("expected an object", value)
    result: dict[str, Any] = copy_json(value)
    return result


converter.register_structure_hook(str, _structure_str)
converter.register_structure_hook(int, _structure_int)
converter.register_structure_hook(bool, _structure_bool)
converter.register_structure_hook(Decimal, _structure_decimal)
converter.register_structure_hook(dt.datetime, _structure_datetime)
converter.register_structure_hook(dt.date, _structure_date)
converter.register_structure_hook_func(lambda t: t is Any, _structure_any)


def _is_dict_type(tp: Any) -> bool:
    return tp is dict or typing.get_origin(tp) is dict


converter.register_structure_hook_func(_is_dict_type, _structure_dict)


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def _structure_enum(value: Any, enum_cls: Any) -> Any:
    """The member for ``value``; a value the enum does not know is kept as a ``str`` (not in strict mode)."""
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(value)
    except ValueError:
        if isinstance(value, str) and not _STRICT.get():
            return value
        raise Malformed(f"not a {enum_cls.__name__} value", value) from None


converter.register_structure_hook(enum.Enum, _structure_enum)


def _is_list(tp: Any) -> bool:
    return typing.get_origin(tp) is list


def _list_hook(tp: Any) -> Callable[[Any, Any], list[Any]]:
    (item_type,) = typing.get_args(tp) or (Any,)
    item_hook = converter.get_structure_hook(item_type)

    def structure(value: Any, _: Any) -> list[Any]:
        if not isinstance(value, list):
            raise Malformed("expected a list", value)
        out = []
        for i, item in enumerate(value):
            try:
                out.append(None if item is None else item_hook(item, item_type))
            except Malformed as exc:
                raise Malformed(exc.reason, exc.value, f"[{i}]{exc.where}") from None
        return out

    return structure


converter.register_structure_hook_factory(_is_list, _list_hook)


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


def _union_hook(tp: Any) -> Callable[[Any, Any], Any]:
    members = [m for m in typing.get_args(tp) if m is not type(None)]
    enums = [m for m in members if _is_enum(m)]
    # ``SomeEnum | str``: the enum, or the unknown value kept as a str.
    chosen = enums[0] if enums else members[0]
    if len(members) - len(enums) > 1 or len(enums) > 1:
        raise TypeError(f"unsupported union {tp!r}: use Optional[X] or Enum | str")
    inner = _structure_enum if enums else converter.get_structure_hook(chosen)

    def structure(value: Any, _: Any) -> Any:
        return None if value is None else inner(value, chosen)

    return structure


converter.register_structure_hook_factory(_is_union, _union_hook)

# --- unstructure hooks (typed value → wire JSON) ------------------------------------------------------

converter.register_unstructure_hook(Decimal, lambda v: v)
converter.register_unstructure_hook(dt.datetime, format_datetime)
converter.register_unstructure_hook(dt.date, lambda v: v.isoformat())
converter.register_unstructure_hook_func(_is_enum, lambda v: v.value)
