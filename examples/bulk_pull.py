"""Pull every loan (FULL details) into a JSON Lines file, resumable after a failure.

Usage::

    python examples/bulk_pull.py loans.jsonl              # a fresh pull
    python examples/bulk_pull.py loans.jsonl CURSOR       # continue after the last record written

The tenant comes from ``MAMBU_BASE_URL`` and ``MAMBU_API_KEY`` (try ``mambu-async emulator --demo``).
Pages are fetched concurrently under the connector's limit, in a stable order, each record exactly once
even while the tenant changes; memory stays flat whatever the size. Amounts are written as JSON numbers
with every digit (``Decimal``, never ``float``). The ``mambu-async export`` command does the same with a
progress bar and CSV.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import BinaryIO

import msgspec

from mambu_async import MambuConnectorREST, MambuError, MambuLoan
from mambu_async.connector.base import PageInfo

_ENCODER = msgspec.json.Encoder(decimal_format="number")


def report(page: PageInfo) -> None:
    """Progress on stderr: one line per page."""
    print(f"page at offset {page.offset}: {page.count} loans in {page.latency:.2f}s", file=sys.stderr)


async def pull(out: BinaryIO, cursor: str | None = None) -> int:
    """Write every loan to ``out`` (after ``cursor`` when given); the number written.

    On a failure the error is raised after saying which cursor continues after the last loan written.
    """
    written = 0
    async with MambuConnectorREST.from_env() as connector:
        stream = MambuLoan.iterate(connector=connector, details_level="FULL", cursor=cursor, on_page=report)
        try:
            async with stream:
                async for loan in stream:
                    out.write(_ENCODER.encode(loan.to_wire()) + b"\n")
                    written += 1
        except MambuError as exc:
            print(f"stopped: {exc}\nresume with the cursor {stream.cursor}", file=sys.stderr)
            raise
    return written


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    out, cursor = Path(argv[0]), argv[1] if len(argv) == 2 else None
    with open(out, "ab" if cursor else "wb") as handle:
        count = asyncio.run(pull(handle, cursor))
    print(f"wrote {count:,} loans to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
