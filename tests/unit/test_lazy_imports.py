"""The packages import their heavy exports on first use (PEP 562), and every export still resolves."""

from __future__ import annotations

import json
import subprocess
import sys
from types import ModuleType

import pytest

import mambu_async
import mambu_async.connector
import mambu_async.entities
import mambu_async.testing


def _loaded_after(statement: str) -> set[str]:
    """The ``mambu_async``/httpx/starlette modules a fresh interpreter holds after ``statement``."""
    code = (
        f"{statement}\nimport json, sys\n"
        "roots = {'mambu_async', 'httpx', 'starlette'}\n"
        "print(json.dumps([m for m in sys.modules if m.split('.')[0] in roots]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return set(json.loads(done.stdout))


def test_importing_the_package_loads_no_transport_and_no_entity() -> None:
    loaded = _loaded_after("import mambu_async")
    assert "httpx" not in loaded
    assert not any(m.startswith(("mambu_async.entities", "mambu_async.connector.rest")) for m in loaded)


def test_one_entity_loads_only_what_it_needs() -> None:
    loaded = _loaded_after("from mambu_async import MambuLoan")
    assert "mambu_async.entities.loan" in loaded
    assert "httpx" not in loaded
    assert not loaded & {"mambu_async.entities.product", "mambu_async.entities.deposit_product"}


def test_the_pytest_plugin_imports_nothing_heavy() -> None:
    loaded = _loaded_after("import mambu_async.testing.pytest_plugin")
    assert not loaded & {"httpx", "starlette", "mambu_async.testing.backend", "mambu_async.entities"}


PACKAGES = [mambu_async, mambu_async.connector, mambu_async.entities, mambu_async.testing]


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.__name__)
def test_every_export_resolves_and_is_listed(package: ModuleType) -> None:
    names: list[str] = package.__all__
    for name in names:
        assert getattr(package, name) is not None
    assert set(names) <= set(dir(package))
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        package.Nope  # noqa: B018


def test_package_and_module_exports_are_the_same_objects() -> None:
    from mambu_async.connector.rest import MambuConnectorREST
    from mambu_async.entities.loan import MambuLoan
    from mambu_async.testing.backend import FakeMambu

    assert mambu_async.MambuLoan is mambu_async.entities.MambuLoan is MambuLoan
    assert mambu_async.MambuConnectorREST is mambu_async.connector.MambuConnectorREST is MambuConnectorREST
    assert mambu_async.testing.FakeMambu is FakeMambu
