"""One contender of the bulk-pull benchmark, run in its own process.

``python -m benchmarks.contenders NAME --port P --n N --ca CA [--concurrency C|auto] [--profile]``
pulls all ``N`` loans (FULL) and prints one JSON line: records, ``startup`` (seconds to import the
libraries and build the client), ``wall`` and ``cpu`` (from before the imports to the last record:
start-up included, for every contender alike), ``startup_cpu``, peak RSS in MB.

Contenders:

- ``orjson``, ``msgspec``, ``json``: what a user would write by hand with plain ``httpx.AsyncClient``:
  the first page asks ``paginationDetails=ON`` for the total, then the other pages go out at the same
  concurrency, and each body is decoded with ``orjson.loads``, a ``msgspec.json.Decoder()`` or the
  standard library's ``json.loads``. Records are counted, nothing else (no entity, no dedup, no drift
  check: the data must not change during the pull).
- ``mambu_async``: ``MambuLoan.iterate(details_level="FULL")``: an entity over every record, exactly
  once in key order even if the tenant changes during the pull.
- ``mambupy``: MambuPy 2.5.1's ``MambuLoan.get_all(detailsLevel="FULL")`` (synchronous, one page after
  another), configured through ``MAMBUPY_*`` variables, page size 1000 (run with a Python that has
  MambuPy installed).

``--profile`` runs the contender under cProfile and prints the functions taking the most CPU to
stderr (the JSON line still goes to stdout).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

PAGE = 1000
PLAIN = ("orjson", "msgspec", "json")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Clock:
    """Start-up (imports and client) and total, in wall and CPU seconds, from one origin."""

    def __init__(self) -> None:
        self.wall0, self.cpu0 = time.perf_counter(), _cpu()
        self.startup = self.startup_cpu = 0.0

    def ready(self) -> None:
        self.startup = time.perf_counter() - self.wall0
        self.startup_cpu = _cpu() - self.cpu0


def _decoder(name: str) -> Callable[[bytes], Any]:
    if name == "orjson":
        import orjson

        return orjson.loads
    if name == "msgspec":
        import msgspec

        return msgspec.json.Decoder().decode
    import json

    return json.loads


async def run_plain(name: str, base: str, n: int, ca: str, concurrency: int, clock: Clock) -> int:
    import httpx

    decode = _decoder(name)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    url = f"{base}/api/loans:search"
    body = {"sortingCriteria": {"field": "encodedKey", "order": "ASC"}}
    count = 0
    async with httpx.AsyncClient(verify=ca, limits=limits, timeout=120) as client:
        clock.ready()

        async def page(offset: int, details: str = "OFF") -> httpx.Response:
            params = {"offset": offset, "limit": PAGE, "detailsLevel": "FULL", "paginationDetails": details}
            return await client.post(url, params=params, json=body)

        first = await page(0, "ON")
        count += len(decode(first.content))
        total = int(first.headers["items-total"])
        offsets = iter(range(PAGE, total, PAGE))

        async def worker() -> None:
            nonlocal count
            for offset in offsets:
                records = decode((await page(offset)).content)
                count += len(records)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return count


async def run_mambu_async(base: str, ca: str, concurrency: int | str, clock: Clock) -> int:
    from mambu_async import MambuConnectorREST, MambuLoan

    count = 0
    async with MambuConnectorREST(
        f"{base}/api", username="bench", password="bench", verify=ca, max_concurrency=concurrency,
        timeout=120,
    ) as connector:
        clock.ready()
        async for _ in MambuLoan.iterate(connector=connector, details_level="FULL"):
            count += 1
    return count


def run_mambupy(host: str, port: int, ca: str, clock: Clock) -> int:
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

    clock.ready()
    loans: Any = MambuLoan.get_all(detailsLevel="FULL")
    return len(loans)


def _pull(args: argparse.Namespace, clock: Clock) -> int:
    base = f"https://{args.host}:{args.port}"
    concurrency = args.concurrency if args.concurrency == "auto" else int(args.concurrency)
    if args.name in PLAIN:
        fixed = 8 if concurrency == "auto" else int(concurrency)
        return asyncio.run(run_plain(args.name, base, args.n, args.ca, fixed, clock))
    if args.name == "mambu_async":
        return asyncio.run(run_mambu_async(base, args.ca, concurrency, clock))
    return run_mambupy(args.host, args.port, args.ca, clock)


def main() -> None:
    clock = Clock()
    parser = argparse.ArgumentParser()
    parser.add_argument("name", choices=[*PLAIN, "mambu_async", "mambupy"])
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--ca", required=True)
    parser.add_argument("--concurrency", default="8")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        count = profiler.runcall(_pull, args, clock)
        stats = pstats.Stats(profiler, stream=sys.stderr).strip_dirs()
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats(25)
    else:
        count = _pull(args, clock)
    wall, cpu = time.perf_counter() - clock.wall0, _cpu() - clock.cpu0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "records": count, "startup": clock.startup, "startup_cpu": clock.startup_cpu,
        "wall": wall, "cpu": cpu, "rss_mb": peak_mb,
    }
    import json  # after the clock stops: the stdlib json contender must not get it for free

    print(json.dumps(result))


if __name__ == "__main__":
    main()
