"""Plain ``pytest`` (the console script, which does not put the current directory on ``sys.path``) collects
the whole suite, exactly as ``python -m pytest`` does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.docs.readme import ROOT


def _collected(command: list[str]) -> list[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTHON"))}
    done = subprocess.run(
        [*command, "--collect-only", "-q", "-p", "no:cacheprovider", "-p", "no:randomly"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "errors during collection" not in done.stdout
    return [line for line in done.stdout.splitlines() if line.startswith("tests/")]


def test_plain_pytest_collects_the_whole_suite() -> None:
    plain = _collected([str(Path(sys.executable).with_name("pytest"))])
    assert plain == _collected([sys.executable, "-m", "pytest"])
    assert any(line.startswith("tests/cli/") for line in plain)  # imports `tests.cli.conftest`
    assert any(line.startswith("tests/rest/") for line in plain)  # imports `wire_helpers`
