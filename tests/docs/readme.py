"""The code blocks of README.rst: ``.. code-block:: python`` directives and ``::`` literal blocks."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.rst"


@attrs.frozen
class Block:
    """One code block: the line it starts on (1-based), its dedented text, and whether it says Python."""

    line: int
    code: str
    python: bool

    @property
    def name(self) -> str:
        return f"README.rst:{self.line}"


def blocks(text: str | None = None) -> list[Block]:
    """Every code block of the README in order."""
    lines = (README.read_text(encoding="utf-8") if text is None else text).splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        directive = re.match(r"\s*\.\. code-block::\s*(\w+)", line)
        literal = line.rstrip().endswith("::") and not line.lstrip().startswith("..")
        if not (directive or literal):
            i += 1
            continue
        indent = len(line) - len(line.lstrip())
        j = i + 1
        body: list[str] = []
        while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > indent):
            body.append(lines[j])
            j += 1
        while body and not body[-1].strip():
            body.pop()
        start = next((k for k, b in enumerate(body) if b.strip()), len(body))
        if body[start:]:
            code = textwrap.dedent("\n".join(body[start:])) + "\n"
            found.append(Block(i + 2 + start, code, bool(directive and directive.group(1) == "python")))
        i = j
    return found


def python_blocks() -> list[Block]:
    """The blocks marked ``.. code-block:: python``."""
    return [block for block in blocks() if block.python]
