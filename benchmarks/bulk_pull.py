"""Bulk-pull benchmark: mambu_async against plain httpx (orjson, msgspec, stdlib json) and MambuPy,
over loopback HTTPS.

Run from the repository root (``pip install -e '.[dev,bench]'``)::

    .venv/bin/python -m benchmarks.bulk_pull                      # N = 20,000 and 100,000; 0 and 50 ms
    .venv/bin/python -m benchmarks.bulk_pull --sizes 20000 --latencies 50 --repeat 5
    .venv/bin/python -m benchmarks.bulk_pull --profile --sizes 100000 --latencies 0   # where CPU goes
    .venv/bin/python -m benchmarks.bulk_pull --tenant realistic --sizes 50000         # concurrency

MambuPy is not a dependency of this project. Install it into its own venv and point the benchmark at
that Python (without it the MambuPy rows are skipped with a note)::

    python3 -m venv /tmp/mambupy-venv && /tmp/mambupy-venv/bin/pip install MambuPy==2.5.1
    MAMBUPY_PYTHON=/tmp/mambupy-venv/bin/python .venv/bin/python -m benchmarks.bulk_pull

Each size/latency pair starts a fresh server process (``benchmarks.server``: pre-rendered FULL loans of
about 2.4 KB, a trustme certificate). Every contender runs in its own process
(``benchmarks.contenders``); the contenders take turns (``--repeat`` rounds, the order rotating each
round) and the table shows each one's **median** wall time, CPU time, peak RSS and start-up (imports
and client, counted in wall and CPU for every contender alike and also shown apart), the requests it
sent and the bytes it had to decode (counted by the server), and its ratios to the fastest plain
httpx row in wall time and in CPU time. The server's CPU time shows it is not the bottleneck.

``--tenant realistic`` serves like Mambu under load (server time per record, a few workers, 429 with
Retry-After above a concurrency limit: see ``benchmarks/server.py``) and reports mambu_async's
throughput at fixed concurrency 1, 4, 8, 16, 32 and with ``max_concurrency="auto"``.

Tables go to stdout and to ``benchmarks/results/`` (git-ignored).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import socket
import ssl
import statistics
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
PLAIN = ("orjson", "msgspec", "json")
CONTENDERS = (*PLAIN, "mambu_async", "mambupy")
LEVELS = ("1", "4", "8", "16", "32", "auto")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _certificates(folder: Path) -> tuple[str, str, str]:
    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert("localhost", "127.0.0.1")
    paths = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    ca.cert_pem.write_to_path(str(paths[0]))
    cert.cert_chain_pems[0].write_to_path(str(paths[1]))
    cert.private_key_pem.write_to_path(str(paths[2]))
    return str(paths[0]), str(paths[1]), str(paths[2])


@contextlib.contextmanager
def _server(n: int, cert: str, key: str, options: list[str]) -> Iterator[int]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.server", "--port", str(port), "--n", str(n),
         "--cert", cert, "--key", key, *options],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None
        if proc.stdout.readline().strip() != "ready":
            raise RuntimeError("benchmark server did not start")
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _server_stats(port: int, ca: str) -> dict[str, float]:
    context = ssl.create_default_context(cafile=ca)
    with urllib.request.urlopen(f"https://localhost:{port}/_stats", context=context) as response:
        stats: dict[str, float] = json.load(response)
        return stats


def _mambupy_python() -> str | None:
    candidate = os.environ.get("MAMBUPY_PYTHON") or sys.executable
    probe = subprocess.run([candidate, "-c", "import MambuPy"], capture_output=True)
    return candidate if probe.returncode == 0 else None


def _run(
    python: str, name: str, port: int, n: int, ca: str, concurrency: str, *, profile: bool = False
) -> dict[str, Any]:
    before = _server_stats(port, ca)
    command = [python, "-m", "benchmarks.contenders", name, "--port", str(port), "--n", str(n), "--ca", ca,
               "--concurrency", concurrency]
    done = subprocess.run(
        [*command, "--profile"] if profile else command, cwd=ROOT, capture_output=True, text=True
    )
    if profile:
        print(done.stderr)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    after = _server_stats(port, ca)
    for item in ("requests", "bytes", "rejected"):
        result[item] = after[item] - before[item]
    result["server_cpu"] = after["cpu"] - before["cpu"]
    return result


def _median(results: list[dict[str, Any]]) -> dict[str, Any]:
    good = [r for r in results if "error" not in r]
    if not good:
        return results[-1]
    keys = ("wall", "cpu", "rss_mb", "startup", "startup_cpu", "server_cpu", "requests", "bytes", "rejected")
    row = {key: statistics.median(r[key] for r in good) for key in keys}
    row["records"] = min(r["records"] for r in good)
    row["runs"] = len(good)
    return row


def machine() -> str:
    """What produced the figures: CPU, cores, load, Python and library versions."""
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    versions = []
    for module in ("httpx", "orjson", "msgspec"):
        with contextlib.suppress(ImportError):
            versions.append(f"{module} {__import__(module).__version__}")
    return (
        f"{cpu}, {os.cpu_count()} cores, load {load} at start; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {', '.join(versions)}"
    )


def compare(args: argparse.Namespace, ca: str, cert: str, key: str, mambupy: str | None) -> str:
    rows: list[dict[str, Any]] = []
    for latency in args.latencies:
        for n in args.sizes:
            options = ["--latency-ms", str(latency)]
            with _server(n, cert, key, options) as port:
                if args.profile:
                    _run(sys.executable, "mambu_async", port, n, ca, str(args.concurrency), profile=True)
                    continue
                names = [c for c in args.contenders if c != "mambupy" or mambupy is not None]
                runs: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
                for round_ in range(args.repeat):
                    shift = round_ % len(names)
                    for name in names[shift:] + names[:shift]:
                        python = mambupy if name == "mambupy" and mambupy else sys.executable
                        runs[name].append(_run(python, name, port, n, ca, str(args.concurrency)))
                group = [{"n": n, "latency_ms": latency, "contender": c, **_median(runs[c])} for c in names]
                plain = [r for r in group if r["contender"] in PLAIN and "error" not in r]
                best_wall = min((r["wall"] for r in plain), default=None)
                best_cpu = min((r["cpu"] for r in plain), default=None)
                for row in group:
                    if "error" not in row and best_wall and best_cpu:
                        row["wall_x"], row["cpu_x"] = row["wall"] / best_wall, row["cpu"] / best_cpu
                    print(_line(row), flush=True)
                rows.extend(group)
    if args.profile:
        return ""
    notes = [
        f"machine: {args.machine}",
        f"concurrency {args.concurrency}, page 1000, medians of {args.repeat} interleaved runs; "
        "x = ratio to the fastest plain httpx row (wall, and CPU, separately)",
    ]
    if "mambupy" in args.contenders and mambupy is None:
        notes.append("MambuPy rows skipped: install MambuPy==2.5.1 in a venv and set MAMBUPY_PYTHON")
    _save("bulk_pull", rows)
    return _table(rows, notes)


def throughput(args: argparse.Namespace, ca: str, cert: str, key: str) -> str:
    n = args.sizes[0]
    options = ["--tenant", "realistic", "--workers", str(args.workers), "--limit", str(args.limit)]
    rows: list[dict[str, Any]] = []
    with _server(n, cert, key, options) as port:
        runs: dict[str, list[dict[str, Any]]] = {level: [] for level in LEVELS}
        for round_ in range(args.repeat):
            shift = round_ % len(LEVELS)
            for level in LEVELS[shift:] + LEVELS[:shift]:
                runs[level].append(_run(sys.executable, "mambu_async", port, n, ca, level))
        for level in LEVELS:
            row = {"n": n, "concurrency": level, **_median(runs[level])}
            if "error" not in row:
                row["per_s"] = row["records"] / (row["wall"] - row["startup"])
            rows.append(row)
            print(_throughput_line(row), flush=True)
    _save("throughput", rows)
    head = f"{'N':>7} {'concurrency':>11} {'records/s':>10} {'wall':>8} {'requests':>8} {'429s':>6}"
    notes = [
        f"machine: {args.machine}",
        f"tenant: {args.workers} workers, 429 + Retry-After: 1 above {args.limit} requests in flight, "
        f"0.4 ms per FULL record (400 ms per page of 1,000); medians of {args.repeat} runs",
    ]
    return "\n".join([head, "-" * len(head), *(_throughput_line(r) for r in rows), *notes])


def _save(kind: str, rows: list[dict[str, Any]]) -> None:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"{kind}-{stamp}.json").write_text(json.dumps(rows, indent=1) + "\n")


def _throughput_line(row: dict[str, Any]) -> str:
    if "error" in row:
        return f"{row['n']:>7} {row['concurrency']:>11} ERROR {row['error']}"
    return (
        f"{row['n']:>7} {row['concurrency']:>11} {row['per_s']:>10.0f} {row['wall']:>7.2f}s "
        f"{row['requests']:>8.0f} {row['rejected']:>6.0f}"
    )


def _line(row: dict[str, Any]) -> str:
    where = f"{row['n']:>7} {row['latency_ms']:>5.0f}ms {row['contender']:<12}"
    if "error" in row:
        return f"{where} ERROR {row['error']}"
    ratio = f"{row['wall_x']:>6.2f}x {row['cpu_x']:>6.2f}x" if "wall_x" in row else f"{'':>7} {'':>7}"
    return (
        f"{where} {row['records']:>7} {row['wall']:>7.2f}s {row['cpu']:>7.2f}s {ratio} "
        f"{row['startup']:>6.2f}s {row['startup_cpu']:>6.2f}s {row['rss_mb']:>6.0f}MB "
        f"{row['requests']:>5.0f} {row['bytes'] / 1e6:>7.1f}MB {row['server_cpu']:>6.2f}s"
    )


def _table(rows: list[dict[str, Any]], notes: list[str]) -> str:
    head = (
        f"{'N':>7} {'lat':>7} {'contender':<12} {'records':>7} {'wall':>8} {'cpu':>8} {'wall x':>7} "
        f"{'cpu x':>7} {'start':>7} {'st.cpu':>7} {'peakRSS':>8} {'reqs':>5} {'decoded':>9} {'srv cpu':>7}"
    )
    return "\n".join([head, "-" * len(head), *(_line(r) for r in rows), *notes])


def main() -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--latencies", type=float, nargs="+", default=[0.0, 50.0])
    parser.add_argument("--concurrency", default="8", help="a number, or 'auto' for mambu_async")
    parser.add_argument("--contenders", nargs="+", choices=CONTENDERS, default=list(CONTENDERS))
    parser.add_argument("--repeat", type=int, default=3, help="interleaved rounds (medians are shown)")
    parser.add_argument("--profile", action="store_true", help="profile mambu_async's pull (cProfile)")
    parser.add_argument("--tenant", choices=["fast", "realistic"], default="fast")
    parser.add_argument("--workers", type=int, default=8, help="realistic tenant: requests worked at once")
    parser.add_argument("--limit", type=int, default=12, help="realistic tenant: 429 above this many")
    args = parser.parse_args()
    args.machine = machine()  # the load average before the benchmark adds its own
    RESULTS.mkdir(parents=True, exist_ok=True)
    ca, cert, key = _certificates(RESULTS)
    if args.tenant == "realistic":
        table = throughput(args, ca, cert, key)
    else:
        mambupy = _mambupy_python() if "mambupy" in args.contenders and not args.profile else None
        table = compare(args, ca, cert, key, mambupy)
    if table:
        print()
        print(table)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        (RESULTS / f"{args.tenant}-{stamp}.txt").write_text(table + "\n")


if __name__ == "__main__":
    main()
