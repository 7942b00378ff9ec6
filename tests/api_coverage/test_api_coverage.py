"""The API coverage registry is complete, honest and what README shows."""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

import mambu_async
from mambu_async.api_coverage import OPERATIONS, Operation
from mambu_async.connector.base import MambuConnector

ROOT = Path(__file__).resolve().parents[2]
BOTH_CONNECTORS = {"mambu_connector", "raw", "connector"}
"""Fixtures that run a test once per connector (in-process fake and REST over the emulator)."""


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("api_coverage_tool", ROOT / "tools" / "api_coverage.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("api_coverage_tool", module)
    spec.loader.exec_module(module)
    return module


@cache
def _test_function(node: str) -> tuple[ast.AsyncFunctionDef | ast.FunctionDef, str]:
    """The test function and its source, with the source of the module's helpers it calls."""
    file, name = node.split("::")
    source = (ROOT / file).read_text(encoding="utf-8")
    functions = {
        item.name: item
        for item in ast.parse(source).body
        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    if name not in functions:
        raise AssertionError(f"{node} does not exist")
    test = functions[name]
    called = {n.func.id for n in ast.walk(test) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    parts = [test] + [functions[c] for c in sorted(called) if c in functions and c != name]
    return test, "\n".join(ast.get_source_segment(source, part) or "" for part in parts)


def test_every_documented_operation_has_one_row() -> None:
    documented = _tool().seed_operations()
    keys = [op.key for op in OPERATIONS]
    assert len(keys) == len(set(keys)), "an operation has two rows"
    assert sorted(set(documented) - set(keys)) == []
    assert sorted(set(keys) - set(documented)) == []


def test_the_committed_operation_list_matches_the_documents() -> None:
    seeds = ROOT.parent / "shared" / "reference" / "seeds"
    if not seeds.is_dir():
        pytest.skip("Mambu's reference documents are not beside this checkout")
    tool = _tool()
    assert tool.extract(seeds) == (ROOT / "tools" / "seed_operations.txt").read_text().splitlines()


@pytest.mark.parametrize("op", [op for op in OPERATIONS if op.supported], ids=lambda op: " ".join(op.key))
def test_supported_rows_name_a_real_call_entity_and_contract_test(op: Operation) -> None:
    assert op.call is not None and op.test is not None
    method = op.call.split("(")[0]
    assert callable(getattr(MambuConnector, method, None)), f"{method} is not a connector operation"
    if op.entity:
        cls_name, attribute = op.entity.split(".")
        assert hasattr(getattr(mambu_async, cls_name), attribute), op.entity
    function, source = _test_function(op.test)
    params = {a.arg for a in function.args.args}
    assert params & BOTH_CONNECTORS, f"{op.test} does not run on both connectors"
    entity_method = op.entity.split(".")[1] if op.entity else None
    named = {method} | ({entity_method} if entity_method else set())
    assert any(re.search(rf"\b{name}\b", source) for name in named), f"{op.test} never calls {named}"


def test_rows_without_a_call_say_why() -> None:
    assert all(op.note for op in OPERATIONS if not op.supported)


def test_readme_table_is_fresh() -> None:
    tool = _tool()
    text = (ROOT / "README.rst").read_text(encoding="utf-8")
    assert tool.readme_with_table(text) == text, "run python tools/api_coverage.py --write"
