"""One contender of the bulk-pull benchmark, run in its own process.

``python -m benchmarks.contenders NAME --host H --port P --n N --ca CA [--concurrency C]`` pulls all
``N`` loans (FULL) and prints one JSON line: records, wall seconds, CPU seconds, peak RSS in MB.

- ``httpx``: plain ``httpx.AsyncClient``, the same pages at the same concurrency, JSON decoding only.
- ``mambu_async``: ``MambuLoan.iterate(details_level="FULL")``: an entity built for every record.
- ``mambupy``: MambuPy 2.5.1's ``MambuLoan.get_all(detailsLevel="FULL")``, configured through
  ``MAMBUPY_*`` variables, page size 1000 (run with a Python that has MambuPy installed).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sys
import time
from typing import Any

PAGE = 1000


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def run_httpx(base: str, n: int, ca: str, concurrency: int) -> int:
    import httpx

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    count = 0
    offsets = iter(range(0, n + PAGE, PAGE))  # up to the first short page, as a pager must
    async with httpx.AsyncClient(verify=ca, limits=limits, timeout=60) as client:

        async def worker() -> None:
            nonlocal count
            for offset in offsets:
                response = await client.post(
                    f"{base}/api/loans:search",
                    params={"offset": offset, "limit": PAGE, "detailsLevel": "FULL"},
                    json={"sortingCriteria": {"field": "encodedKey", "order": "ASC"}},
                )
                count += len(json.loads(response.content))

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return count


async def run_mambu_async(base: str, n: int, ca: str, concurrency: int) -> int:
    from mambu_async import MambuConnectorREST, MambuLoan

    count = 0
    async with MambuConnectorREST(
        f"{base}/api", username="bench", password="bench", verify=ca, max_concurrency=concurrency
    ) as connector:
        async for _ in MambuLoan.iterate(connector=connector, details_level="FULL"):
            count += 1
    return count


def run_mambupy(host: str, port: int, ca: str) -> int:
    os.environ.update(
        {
            "MAMBUPY_APIURL": f"{host}:{port}",
            "MAMBUPY_APIUSER": "bench",
            "MAMBUPY_APIPWD": "bench",
            "MAMBUPY_APIPAGINATION": str(PAGE),
            "REQUESTS_CA_BUNDLE": ca,
        }
    )
    from MambuPy.api.mambuloan import MambuLoan

    loans: Any = MambuLoan.get_all(detailsLevel="FULL")
    return len(loans)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("name", choices=["httpx", "mambu_async", "mambupy"])
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--ca", required=True)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    base = f"https://{args.host}:{args.port}"
    cpu0, wall0 = _cpu(), time.perf_counter()
    if args.name == "httpx":
        count = asyncio.run(run_httpx(base, args.n, args.ca, args.concurrency))
    elif args.name == "mambu_async":
        count = asyncio.run(run_mambu_async(base, args.n, args.ca, args.concurrency))
    else:
        count = run_mambupy(args.host, args.port, args.ca)
    wall, cpu = time.perf_counter() - wall0, _cpu() - cpu0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    json.dump({"records": count, "wall": wall, "cpu": cpu, "rss_mb": peak_mb}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
