"""Entities structure every document shape Mambu's OpenAPI files allow, and write it back unchanged.

Documents are generated from the definitions (``Client``, ``LoanAccount``, ``DepositAccount``,
``LoanProduct``, ``DepositProduct``, ``DepositTransaction``): every property present with a
spec-valid value, every optional property ``null``, only the required properties, enum values the
files do not list yet (Mambu adds values over time), and seeded random mixes of all of these. For each,
the entity class reads every declared attribute without error and ``to_wire()`` gives back the decoded
document exactly (date-times written as Mambu sent them: ``Z``, ``+0200``, fractions), with no patch
operation from ``diff()``.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mambu_async import _json
from mambu_async.entities import (
    MambuClient,
    MambuDeposit,
    MambuDepositProduct,
    MambuDepositTransaction,
    MambuLoan,
    MambuLoanProduct,
    MambuModel,
)
from mambu_async.entities.model import model_fields

SPEC_DIR = Path(__file__).resolve().parents[2] / "mambu_async" / "testing" / "openapi"

ENTITIES: list[tuple[type[MambuModel], str, str]] = [
    (MambuClient, "clients", "Client"),
    (MambuLoan, "loans", "LoanAccount"),
    (MambuDeposit, "deposit_accounts", "DepositAccount"),
    (MambuLoanProduct, "loanproducts", "LoanProduct"),
    (MambuDepositProduct, "depositproducts", "DepositProduct"),
    (MambuDepositTransaction, "deposit_transactions", "DepositTransaction"),
]

MAX_DEPTH = 8
DATETIMES = (
    "2024-03-05T10:11:12+02:00",
    "2023-12-31T23:59:59Z",
    "2024-01-01T00:00:00-05:00",
    "2024-01-01T00:00:00.123+0530",
    "2024-06-30T12:00:00.5Z",
)
NUMBERS = ("12345678901234567.89", "0.000001", "7", "-0.5", "1.50", "0", "1E+2")


def _definitions(file: str) -> dict[str, Any]:
    definitions: dict[str, Any] = json.loads((SPEC_DIR / f"{file}.json").read_text())["definitions"]
    return definitions


class Generator:
    """Spec-valid sample documents for one definition (deterministic)."""

    def __init__(
        self,
        definitions: dict[str, Any],
        *,
        nulls: bool = False,
        required_only: bool = False,
        odd_enums: bool = False,
        seed: int | None = None,
    ) -> None:
        self.definitions = definitions
        self.nulls = nulls
        self.required_only = required_only
        self.odd_enums = odd_enums
        self.rng = random.Random(seed) if seed is not None else None
        self.counter = 0

    def pick(self, count: int) -> int:
        """An index below ``count``: seeded random, else round robin."""
        return self.rng.randrange(count) if self.rng is not None else self.counter % count

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = self.definitions[node["$ref"].rsplit("/", 1)[-1]]
        return node

    def value(self, node: dict[str, Any], depth: int) -> Any:
        node = self.resolve(node)
        self.counter += 1
        kind = node.get("type", "object" if "properties" in node else None)
        if kind == "object":
            return self.document(node, depth + 1)
        if kind == "array":
            if depth >= MAX_DEPTH:
                return []
            return [self.value(node.get("items", {}), depth + 1)]
        if kind == "string":
            if "enum" in node:
                enum = [*node["enum"], "SOME_FUTURE_VALUE"] if self.rng is not None else node["enum"]
                return "SOME_FUTURE_VALUE" if self.odd_enums else enum[self.pick(len(enum))]
            fmt = node.get("format")
            if fmt == "date-time":
                return DATETIMES[self.pick(len(DATETIMES))]
            if fmt == "date":
                return ("2024-02-29", "1999-12-31")[self.pick(2)]
            return ("text", "", "ünïcødé ✓", "a/b:c")[self.pick(4)] + str(self.counter)
        if kind == "number":
            return _json.loads(NUMBERS[self.pick(len(NUMBERS))].encode())
        if kind == "integer":
            return (self.counter, 0, -1, 2**31 - 1)[self.pick(4)]
        if kind == "boolean":
            return self.pick(2) == 0
        return {"free": ["form", self.counter]}

    def document(self, node: dict[str, Any], depth: int = 0) -> dict[str, Any]:
        node = self.resolve(node)
        required = set(node.get("required", ()))
        out: dict[str, Any] = {}
        for name, sub in node.get("properties", {}).items():
            if depth >= MAX_DEPTH and name not in required:
                continue
            if name in required:
                out[name] = self.value(sub, depth)
            elif self.rng is not None:
                choice = self.pick(3)
                if choice:
                    out[name] = None if choice == 1 else self.value(sub, depth)
            elif self.nulls:
                out[name] = None
            elif not self.required_only:
                out[name] = self.value(sub, depth)
        return out


VARIANTS: dict[str, dict[str, Any]] = {
    "full": {"nulls": False, "required_only": False, "odd_enums": False},
    "nulls": {"nulls": True, "required_only": False, "odd_enums": False},
    "required": {"nulls": False, "required_only": True, "odd_enums": False},
    "new-enum-values": {"nulls": False, "required_only": False, "odd_enums": True},
    **{f"random-{seed}": {"seed": seed} for seed in range(12)},
}


def _documents(file: str, definition: str, variant: str) -> dict[str, Any]:
    definitions = _definitions(file)
    doc = Generator(definitions, **VARIANTS[variant]).document(definitions[definition])
    # Custom field sets and a key Mambu may add later ride along in every document.
    doc["_Extra_Set"] = {"field_one": "a", "grouped": [{"_index": "0", "x": "1"}]}
    doc["someFutureField"] = {"nested": [1, "2", None]}
    decoded: dict[str, Any] = _json.loads(_json.dumps(doc))
    return decoded


def _walk(value: Any) -> Iterator[MambuModel]:
    if isinstance(value, MambuModel):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


def _read_everything(entity: MambuModel) -> None:
    """Read every declared attribute, depth first (structures every typed value)."""
    for name in model_fields(type(entity)):
        for child in _walk(getattr(entity, name)):
            _read_everything(child)


CASES = [
    pytest.param(cls, file, definition, variant, id=f"{definition}-{variant}")
    for cls, file, definition in ENTITIES
    for variant in VARIANTS
]


@pytest.mark.parametrize(("cls", "file", "definition", "variant"), CASES)
def test_entities_round_trip_every_documented_shape(
    cls: type[MambuModel], file: str, definition: str, variant: str
) -> None:
    doc = _documents(file, definition, variant)
    entity = cls.from_wire(copy.deepcopy(doc))
    _read_everything(entity)
    assert entity.to_wire() == doc
    assert entity.diff() == []
    assert _json.loads(_json.dumps(entity.to_wire())) == doc
