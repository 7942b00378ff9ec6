"""Output formats of ``export``: one record in, the complete bytes of its line (or CSV row) out.

* ``jsonl``: one compact JSON document per line, exactly as Mambu sent it (``Decimal`` amounts keep
  every digit, unknown keys and custom field sets verbatim).
* ``csv``: a fixed header derived from the entity's model, so every export of an entity has the same
  columns whatever the data: scalar fields are columns named by their wire key, nested objects become
  dotted columns (``balances.principalBalance``), arrays and free-form objects are JSON cells. Two
  trailing columns keep everything else: ``customFieldSets`` (a JSON object of the tenant's ``_Set``
  keys) and ``unknownFields`` (a JSON object of any other key by dotted path), so nothing is lost.
  Amounts are printed exactly (``Decimal`` in fixed notation), booleans as ``true``/``false``.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import types
import typing
from decimal import Decimal
from typing import Any, Protocol, Union

from mambu_async import _json
from mambu_async.entities.model import MambuModel, model_fields

__all__ = ["FORMATS", "CsvFormat", "JsonlFormat", "RecordFormat", "csv_columns", "make_format"]

CUSTOM_COLUMN = "customFieldSets"
UNKNOWN_COLUMN = "unknownFields"


class RecordFormat(Protocol):
    """How records become bytes."""

    def header(self) -> bytes:
        """Bytes at the start of a new file (may be empty)."""
        ...

    def encode(self, record: dict[str, Any]) -> bytes:
        """One complete record, line terminator included."""
        ...


class JsonlFormat:
    """JSON Lines."""

    def header(self) -> bytes:
        """Nothing: JSON Lines has no header."""
        return b""

    def encode(self, record: dict[str, Any]) -> bytes:
        """One record as a JSON line."""
        return _json.dumps(record) + b"\n"


def _model_of(tp: Any) -> type[MambuModel] | None:
    """The model class of ``Model`` / ``Model | None``; ``None`` for anything else (lists included)."""
    if isinstance(tp, type):
        return tp if issubclass(tp, MambuModel) else None
    origin = typing.get_origin(tp)
    if origin is Union or origin is types.UnionType:
        models = [_model_of(arg) for arg in typing.get_args(tp) if arg is not type(None)]
        if len(models) == 1:
            return models[0]
    return None


def _is_json_cell(tp: Any) -> bool:
    """Arrays and free-form objects are JSON cells."""
    origin = typing.get_origin(tp)
    if origin in (list, dict, tuple, set):
        return True
    if origin is Union or origin is types.UnionType:
        return any(_is_json_cell(arg) for arg in typing.get_args(tp))
    return tp in (list, dict, typing.Any)


# A column tree: wire key -> column index (a leaf) or a nested tree (a value object).
Tree = dict[str, Union[int, "Tree"]]


def _build(cls: type[MambuModel], prefix: str, columns: list[str], seen: tuple[type, ...]) -> Tree:
    tree: Tree = {}
    for spec in model_fields(cls).values():
        path = f"{prefix}{spec.wire}"
        nested = _model_of(spec.type)
        if nested is not None and nested not in seen and not _is_json_cell(spec.type):
            tree[spec.wire] = _build(nested, f"{path}.", columns, (*seen, nested))
        else:
            tree[spec.wire] = len(columns)
            columns.append(path)
    return tree


def csv_columns(cls: type[MambuModel]) -> tuple[list[str], Tree]:
    """The fixed CSV header for ``cls`` and the tree that places a record's values in it."""
    columns: list[str] = []
    tree = _build(cls, "", columns, (cls,))
    columns.extend([CUSTOM_COLUMN, UNKNOWN_COLUMN])
    return columns, tree


def cell(value: Any) -> str:
    """A scalar as CSV text: exact decimals, ``true``/``false``, JSON for anything structured."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, str):
        return value
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, int | dt.date):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    return _json.dumps(value).decode()


class CsvFormat:
    """CSV with the model's fixed header (RFC 4180 quoting, CRLF rows, UTF-8)."""

    def __init__(self, cls: type[MambuModel]) -> None:
        self.columns, self._tree = csv_columns(cls)
        self._custom = len(self.columns) - 2
        self._unknown = len(self.columns) - 1

    def _row(self, cells: list[str]) -> bytes:
        buffer = io.StringIO()
        csv.writer(buffer).writerow(cells)
        return buffer.getvalue().encode()

    def header(self) -> bytes:
        """The header row."""
        return self._row(self.columns)

    def _place(
        self, doc: dict[str, Any], tree: Tree, prefix: str, cells: list[str], unknown: dict[str, Any]
    ) -> None:
        for key, value in doc.items():
            node = tree.get(key)
            if node is None:
                unknown[f"{prefix}{key}"] = value
            elif isinstance(node, int):
                cells[node] = cell(value)
            elif isinstance(value, dict):
                self._place(value, node, f"{prefix}{key}.", cells, unknown)
            elif value is not None:
                unknown[f"{prefix}{key}"] = value  # not the object the model expects: kept verbatim

    def encode(self, record: dict[str, Any]) -> bytes:
        """One record as a CSV row in the header's column order."""
        cells = [""] * len(self.columns)
        custom = {k: v for k, v in record.items() if k.startswith("_")}
        unknown: dict[str, Any] = {}
        plain = {k: v for k, v in record.items() if not k.startswith("_")} if custom else record
        self._place(plain, self._tree, "", cells, unknown)
        if custom:
            cells[self._custom] = _json.dumps(custom).decode()
        if unknown:
            cells[self._unknown] = _json.dumps(unknown).decode()
        return self._row(cells)


FORMATS = ("jsonl", "csv")


def make_format(name: str, cls: type[MambuModel]) -> RecordFormat:
    """The writer for ``--format``."""
    if name == "csv":
        return CsvFormat(cls)
    return JsonlFormat()
