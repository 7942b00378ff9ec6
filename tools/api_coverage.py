"""README's API coverage table, rendered from ``mambu_async.api_coverage.OPERATIONS``.

    python tools/api_coverage.py --write            rewrite the table in README.rst
    python tools/api_coverage.py --check            exit 1 when README's table is stale
    python tools/api_coverage.py --extract SEEDS    rewrite tools/seed_operations.txt from Mambu's
                                                    reference documents (the folder of seed files)

``tools/seed_operations.txt`` lists every operation the reference documents describe, one
``<seed> <METHOD> <path>`` per line; the test suite checks that each has a row in the registry.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mambu_async.api_coverage import OPERATIONS, SEEDS, Operation  # noqa: E402

README = ROOT / "README.rst"
SEED_OPERATIONS = ROOT / "tools" / "seed_operations.txt"
BEGIN = ".. api-coverage-begin"
END = ".. api-coverage-end"

SEED_FILES = {"001": "v2", "002": "v1", "003": "v1 attachments", "004": "functions"}
"""Which reference document each seed file number holds."""

_OPERATION_LINE = re.compile(r"^(GET|POST|PUT|PATCH|DELETE) (/\S*)$")


def extract(seeds: Path) -> list[str]:
    """``<seed> <METHOD> <path>`` for every operation heading in the reference documents."""
    found: set[tuple[int, str, str, str]] = set()
    for file in sorted(seeds.glob("*.txt")):
        seed = SEED_FILES.get(file.name[:3])
        if seed is None:
            continue
        for line in file.read_text(encoding="utf-8").splitlines():
            match = _OPERATION_LINE.match(line.strip())
            if match:
                found.add((SEEDS.index(seed), seed, match.group(1), match.group(2)))
    return [f"{seed}\t{method}\t{path}" for _, seed, method, path in sorted(found)]


def seed_operations() -> list[tuple[str, str, str]]:
    """The committed list of documented operations."""
    rows = []
    for line in SEED_OPERATIONS.read_text(encoding="utf-8").splitlines():
        seed, method, path = line.split("\t")
        rows.append((seed, method, path))
    return rows


def _cell(text: str) -> str:
    return text.replace("|", "\\|") if text else ""


def render() -> str:
    """The reStructuredText table, between its markers."""
    lines = [BEGIN, "", ".. list-table::", "   :header-rows: 1", "   :widths: 8 30 28 20 14", ""]
    lines += [
        "   * - Source",
        "     - Operation",
        "     - mambu_async call (connector)",
        "     - Entity method",
        "     - Fake / emulator",
    ]
    for op in OPERATIONS:
        lines += [
            f"   * - {op.seed}",
            f"     - ``{op.method} {op.path}``",
            f"     - {_call_cell(op)}",
            f"     - {'``' + op.entity + '``' if op.entity else ''}",
            f"     - {'served' if op.supported else ''}",
        ]
    supported = sum(op.supported for op in OPERATIONS)
    lines += ["", f"{supported} of {len(OPERATIONS)} documented operations are covered.", "", END]
    return "\n".join(lines)


def _call_cell(op: Operation) -> str:
    call = f"``{op.call}``" if op.call else "—"
    return f"{call} ({_cell(op.note)})" if op.note else call


def readme_with_table(text: str) -> str:
    """README's text with the table between the markers replaced by a fresh rendering."""
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[:start] + render() + text[end:]


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true", help="rewrite README's table")
    group.add_argument("--check", action="store_true", help="exit 1 when README's table is stale")
    group.add_argument("--extract", type=Path, metavar="SEEDS", help="rewrite seed_operations.txt")
    args = parser.parse_args(argv)
    if args.extract:
        SEED_OPERATIONS.write_text("\n".join(extract(args.extract)) + "\n", encoding="utf-8")
        return 0
    text = README.read_text(encoding="utf-8")
    fresh = readme_with_table(text)
    if args.write:
        README.write_text(fresh, encoding="utf-8")
        return 0
    if fresh != text:
        print(
            "README.rst's API coverage table is stale: run python tools/api_coverage.py --write",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
