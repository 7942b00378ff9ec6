"""OpenAPI-shaped documents built from Mambu's swagger definitions (every property filled)."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources
from typing import Any

SPEC_PACKAGE = "mambu_async.testing"
"""Mambu's v2 OpenAPI files ship with the testing package (``openapi/*.json``)."""


def definitions(spec: str) -> dict[str, Any]:
    """The ``definitions`` of ``openapi/{spec}.json``."""
    text = resources.files(SPEC_PACKAGE).joinpath("openapi", f"{spec}.json").read_text()
    result: dict[str, Any] = json.loads(text)["definitions"]
    return result


def _value(spec: dict[str, Any], defs: dict[str, Any], depth: int) -> Any:
    if "$ref" in spec:
        return document(defs, spec["$ref"].rsplit("/", 1)[-1], depth + 1)
    kind, fmt = spec.get("type"), spec.get("format")
    if "enum" in spec:
        return spec["enum"][-1]
    if kind == "array":
        item = _value(spec.get("items", {}), defs, depth)
        return [] if item is None else [item]
    if kind == "object":
        return {"anything": "kept"}
    if kind == "number":
        return Decimal("12345678901234567.891234")  # more digits than a float holds
    if kind == "integer":
        return 7
    if kind == "boolean":
        return True
    if fmt == "date-time":
        return "2024-03-05T10:11:12+05:30"
    if fmt == "date":
        return "2024-03-05"
    return "text"


def document(defs: dict[str, Any], name: str, depth: int = 0) -> dict[str, Any] | None:
    """A document of definition ``name`` with every property set (nesting bounded)."""
    if depth > 6:
        return None
    out: dict[str, Any] = {}
    for key, spec in defs[name].get("properties", {}).items():
        if key.startswith("_"):
            continue
        value = _value(spec, defs, depth)
        if value is not None:
            out[key] = value
    return out


def full(spec: str, name: str) -> dict[str, Any]:
    """A FULL document of ``name``, with a standard and a grouped custom field set and an unknown key."""
    doc = document(definitions(spec), name)
    assert doc is not None
    doc["_Personal"] = {"nickname": "Ana", "isPep": "FALSE", "income": Decimal("15000.50")}
    doc["_References"] = [{"_index": "0", "name": "Bob"}, {"_index": "1", "name": "Eve"}]
    doc["someFutureField"] = {"nested": [1, 2]}
    return doc
