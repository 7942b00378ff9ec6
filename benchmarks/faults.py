"""Fault-suite benchmark: a bulk pull and concurrent repayments through a fault-injecting proxy.

Run from the repository root::

    .venv/bin/python -m benchmarks.faults                          # 50,000 loans, 1,000 repayments
    .venv/bin/python -m benchmarks.faults --records 5000 --repayments 200 --page-size 1000

The emulator (a demo tenant) is served by uvicorn on a loopback socket; ``benchmarks.fault_proxy``
sits between it and ``MambuConnectorREST`` and injects 10 % 429s, 5 % 500/502/503/504, 2 % connection
resets before the request is forwarded and 2 % responses lost after the emulator committed the write.
It prints, for the pull: records, lost, duplicated and how often it resumed from its cursor; for the
repayments (``MambuLoan.repay``, each with its own idempotency key, then a re-read of the loan):
postings expected and found, postings doubled, calls that failed although their posting exists; the
errors that reached the caller, by class; and the faults injected. Backoff is shortened (50 ms base,
0.5 s cap) so the run takes seconds, not minutes; nothing else differs from the defaults.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import time
from decimal import Decimal
from urllib.parse import urlsplit

from benchmarks.fault_proxy import FaultMix, FaultProxy
from mambu_async import MambuConnectorREST, MambuError, MambuWriteCommittedError
from mambu_async.entities.loan import MambuLoan
from mambu_async.testing import FakeMambu, emulator_app
from mambu_async.testing.factories import build_demo_tenant
from mambu_async.testing.loopback import serve_asgi

AMOUNT = Decimal("10.25")
MAX_RESUMES = 10


async def _pull(
    conn: MambuConnectorREST, page_size: int, errors: collections.Counter[str]
) -> tuple[list[str], int]:
    got: list[str] = []
    cursor: str | None = None
    resumes = 0
    while True:
        stream = conn.mambu_iterate("loans", detailsLevel="FULL", page_size=page_size, cursor=cursor)
        try:
            async for record in stream:
                got.append(record["encodedKey"])
            return got, resumes
        except MambuError as exc:
            errors[f"pull: {type(exc).__name__}"] += 1
            if resumes == MAX_RESUMES:
                return got, resumes
            resumes += 1
            cursor = stream.cursor  # continue right after the last record received


async def _repay(conn: MambuConnectorREST, loan_id: str, note: str, errors: collections.Counter[str]) -> bool:
    """Repay once; True when the call reported success (or MambuWriteCommittedError)."""
    try:
        loan = await MambuLoan.get(loan_id, connector=conn)
    except MambuError as exc:
        errors[f"repay (read before): {type(exc).__name__}"] += 1
        return False
    try:
        await loan.repay(AMOUNT, note)
    except MambuWriteCommittedError:
        errors["repay: MambuWriteCommittedError (posted, re-read failed)"] += 1
        return True
    except MambuError as exc:
        errors[f"repay: {type(exc).__name__}"] += 1
        return False
    return True


async def run(records: int, repayments: int, page_size: int, seed: int) -> None:
    fake = FakeMambu()
    build_demo_tenant(fake, clients=max(1, records // 20), loans=records, deposits=0, seed=seed)
    active = [r["id"] for r in fake.store["loans"].values() if r.get("accountState") == "ACTIVE"]
    targets = active[:repayments]
    errors: collections.Counter[str] = collections.Counter()
    async with serve_asgi(emulator_app(fake)) as url:
        upstream = urlsplit(url).port
        assert upstream is not None
        proxy = FaultProxy(upstream, FaultMix(), seed=seed)
        async with proxy as port, MambuConnectorREST(
            f"http://127.0.0.1:{port}",
            username=fake.username,
            password=fake.password,
            backoff_base=0.05,
            backoff_max=0.5,
        ) as conn:
            started = time.perf_counter()
            got, resumes = await _pull(conn, page_size, errors)
            pull_time = time.perf_counter() - started
            pull_faults = dict(proxy.injected)
            proxy.injected.clear()
            started = time.perf_counter()
            notes = [f"fault-suite {i}" for i in range(len(targets))]
            calls = [_repay(conn, lid, n, errors) for lid, n in zip(targets, notes, strict=True)]
            ok = await asyncio.gather(*calls)
            repay_time = time.perf_counter() - started
            repay_faults = dict(proxy.injected)
    expected = {r["encodedKey"] for r in fake.store["loans"].values()}
    posted = collections.Counter(
        t.get("notes") for t in fake.store["loantransactions"].values() if t.get("type") == "REPAYMENT"
    )
    found = sum(1 for n in notes if posted[n] >= 1)
    doubled = sum(1 for n in notes if posted[n] > 1)
    failed_but_posted = sum(1 for n, good in zip(notes, ok, strict=True) if not good and posted[n])
    print(f"bulk pull ({pull_time:.1f}s, concurrency {conn.max_concurrency}, {page_size} FULL loans a page)")
    print(f"  records expected   {len(expected):>8,}")
    print(f"  records received   {len(got):>8,}")
    print(f"  lost               {len(expected - set(got)):>8,}")
    print(f"  duplicated         {len(got) - len(set(got)):>8,}")
    print(f"  resumed by cursor  {resumes:>8,}")
    print(f"  faults injected    {_faults(pull_faults)}")
    print(f"repayments ({repay_time:.1f}s, {len(targets):,} concurrent MambuLoan.repay)")
    print(f"  postings expected  {len(targets):>8,}")
    print(f"  postings found     {found:>8,}")
    print(f"  posted twice       {doubled:>8,}")
    print(f"  failed but posted  {failed_but_posted:>8,}")
    print(f"  faults injected    {_faults(repay_faults)}")
    print("errors that reached the caller, by class")
    for name, count in sorted(errors.items()) or [("(none)", 0)]:
        print(f"  {name:<58} {count:>5,}")


def _faults(injected: dict[str, int]) -> str:
    total = sum(injected.values())
    order = ("forwarded", "429", "5xx", "reset", "lost after commit")
    return f"{total:,} requests: " + ", ".join(f"{injected.get(k, 0):,} {k}" for k in order)


def main() -> None:
    """Parse the options and run the suite."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--repayments", type=int, default=1_000)
    parser.add_argument("--page-size", type=int, default=250, help="pull page size (more pages, more faults)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    asyncio.run(run(args.records, args.repayments, args.page_size, args.seed))


if __name__ == "__main__":
    main()
