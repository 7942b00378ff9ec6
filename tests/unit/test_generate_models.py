"""The entity models are the output of ``tools/generate_models.py`` over the packaged OpenAPI files.

``--check`` fails (and so does this suite, in CI) when a generated module differs from what the generator
writes now; a field Mambu adds to a file shows up as a typed attribute after regenerating.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import attrs
import pytest

from mambu_async.entities import (
    MambuAuthorizationHold,
    MambuCard,
    MambuClient,
    MambuDeposit,
    MambuDepositProduct,
    MambuDepositTransaction,
    MambuDocument,
    MambuLoan,
    MambuLoanProduct,
    MambuModel,
)
from mambu_async.entities.generated import (
    clients,
    deposit_accounts,
    deposit_transactions,
    depositproducts,
    loanproducts,
    loans,
)
from mambu_async.entities.model import model_fields

REPO = Path(__file__).resolve().parents[2]
GENERATOR = REPO / "tools" / "generate_models.py"
OPENAPI = REPO / "mambu_async" / "testing" / "openapi"
GENERATED = REPO / "mambu_async" / "entities" / "generated"


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(GENERATOR), *map(str, args)], capture_output=True, text=True, timeout=120
    )


def test_generated_models_are_current() -> None:
    done = _run("--check")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("entity", "generated"),
    [
        (MambuClient, clients.Client),
        (MambuLoan, loans.LoanAccount),
        (MambuDeposit, deposit_accounts.DepositAccount),
        (MambuDepositTransaction, deposit_transactions.DepositTransaction),
        (MambuLoanProduct, loanproducts.LoanProduct),
        (MambuDepositProduct, depositproducts.DepositProduct),
        (MambuCard, deposit_accounts.Card),
        (MambuAuthorizationHold, deposit_accounts.AuthorizationHold),
    ],
    ids=lambda c: c.__name__,
)
def test_entities_are_the_generated_models_plus_behaviour(
    entity: type[MambuModel], generated: type[MambuModel]
) -> None:
    assert issubclass(entity, generated)
    own = {name: (s.wire, s.type) for name, s in model_fields(entity).items()}
    assert own == {name: (s.wire, s.type) for name, s in model_fields(generated).items()}


def test_documents_are_the_generated_model_plus_the_v1_names() -> None:
    assert issubclass(MambuDocument, clients.Document)
    generated = {name: (s.wire, s.type) for name, s in model_fields(clients.Document).items()}
    own = {name: (s.wire, s.type) for name, s in model_fields(MambuDocument).items()}
    assert {name: own[name] for name in generated} == generated
    assert set(own) - set(generated) == {
        "document_holder_key",
        "document_holder_type",
        "original_filename",
        "description",
        "created_by_user_key",
        "user_name",
    }


def _load(name: str, path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The module at ``path``, imported as ``name`` for this test only."""
    module_spec = importlib.util.spec_from_file_location(name, path)
    assert module_spec is not None and module_spec.loader is not None
    module = importlib.util.module_from_spec(module_spec)
    monkeypatch.setitem(sys.modules, name, module)
    module_spec.loader.exec_module(module)
    return module


def _spec_copy(tmp_path: Path) -> Path:
    spec_dir = tmp_path / "openapi"
    shutil.copytree(OPENAPI, spec_dir)
    return spec_dir


def test_a_field_mambu_adds_makes_check_fail_and_regenerates_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec_dir = _spec_copy(tmp_path)
    spec = json.loads((spec_dir / "loans.json").read_text())
    loan = spec["definitions"]["LoanAccount"]["properties"]
    loan["redrawLimit"] = {"type": "number", "description": "A field Mambu added later"}
    loan["accountState"]["enum"].append("FROZEN")
    (spec_dir / "loans.json").write_text(json.dumps(spec))
    out = tmp_path / "generated"
    shutil.copytree(GENERATED, out)

    stale = _run("--check", "--openapi", spec_dir, "--output", out)
    assert stale.returncode == 1
    assert "+    redraw_limit: Decimal | None = None" in stale.stdout
    assert "loans.py" in stale.stderr

    assert _run("--openapi", spec_dir, "--output", out).returncode == 0
    assert _run("--check", "--openapi", spec_dir, "--output", out).returncode == 0
    module = _load("regenerated_loans", out / "loans.py", monkeypatch)

    account = module.LoanAccount.from_wire({"redrawLimit": "1500.25", "accountState": "FROZEN"})
    assert account.redraw_limit == Decimal("1500.25")
    assert account.account_state is module.LoanAccountState.FROZEN
    assert attrs.fields_dict(module.LoanAccount)["redraw_limit"].default is None


def test_a_generated_file_edited_by_hand_is_stale(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    shutil.copytree(GENERATED, out)
    path = out / "clients.py"
    path.write_text(path.read_text().replace("    notes: str | None = None\n", ""))

    done = _run("--check", "--output", out)
    assert done.returncode == 1
    assert "clients.py" in done.stderr
    assert _run("--output", out).returncode == 0
    assert path.read_text() == (GENERATED / "clients.py").read_text()


def test_an_openapi_file_without_roots_is_refused(tmp_path: Path) -> None:
    spec_dir = _spec_copy(tmp_path)
    (spec_dir / "cards.json").write_text(json.dumps({"definitions": {}}))

    done = _run("--check", "--openapi", spec_dir)
    assert done.returncode == 2
    assert "cards.json: add its entity definitions to ROOTS" in done.stderr


def test_a_definition_two_files_share_is_written_once_and_renamed_ones_stay_apart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    generator = _load("generate_models", GENERATOR, monkeypatch)
    monkeypatch.setitem(generator.ROOTS, "loans", ("LoanAccount", "AuthorizationHold"))
    monkeypatch.setitem(generator.ROOTS, "deposit_accounts", ("DepositAccount", "AuthorizationHold"))

    files = generator.generate(OPENAPI)

    assert "class AuthorizationHold(MambuModel):" in files["shared.py"]
    assert "Mambu's ``CardAcceptor`` (deposit_accounts.json, loans.json)" in files["shared.py"]
    assert "from mambu_async.entities.generated.shared import" in files["loans.py"]
    assert '    "AuthorizationHold",\n' in files["loans.py"]
    assert "class AuthorizationHold(" not in files["loans.py"] + files["deposit_accounts.py"]
    assert "class DepositCardAcceptor(MambuModel):" in files["deposit_transactions.py"]
    assert files["deposit_transactions.py"] == (GENERATED / "deposit_transactions.py").read_text()
