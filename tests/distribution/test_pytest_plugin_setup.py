"""The pytest plugin needs no setup: a throw-away project with only the package installed and the README's
test file passes in pytest-asyncio's strict and auto modes, without a deprecation warning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.docs.readme import python_blocks


def _readme_test_file() -> str:
    found = [block.code for block in python_blocks() if "def test_" in block.code]
    assert len(found) == 1, "README.rst should hold exactly one complete test file"
    return found[0]


def _project(tmp_path: Path) -> Path:
    """A directory with the README's test file and no pytest configuration at all."""
    project = tmp_path / "newcomer"
    project.mkdir()
    (project / "test_clients.py").write_text(_readme_test_file(), encoding="utf-8")
    return project


@pytest.mark.parametrize("mode", ["strict", "auto"])
def test_readme_test_file_passes_in_a_project_without_configuration(tmp_path: Path, mode: str) -> None:
    project = _project(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTHON"))}
    args = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--rootdir", str(project), "-rA"]
    if mode == "auto":
        args += ["-o", "asyncio_mode=auto"]  # as a project setting it would; strict is the default
    done = subprocess.run(
        [*args, "-W", "error::DeprecationWarning", str(project)],
        cwd=project, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "2 passed" in output and "[fake]" in output and "[rest]" in output
    assert "Warning" not in output and "warnings summary" not in output
    assert f"mode=Mode.{mode.upper()}" in output or f"mode={mode}" in output
