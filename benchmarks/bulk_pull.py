"""Bulk-pull benchmark: mambu_async vs MambuPy 2.5.1 vs plain httpx over loopback HTTPS.

Run from the repository root::

    .venv/bin/python -m benchmarks.bulk_pull                      # N = 20,000 and 100,000; 0 and 50 ms
    .venv/bin/python -m benchmarks.bulk_pull --sizes 20000 --latencies 50

MambuPy is not a dependency of this project. Install it into its own venv and point the benchmark at
that Python (without it the MambuPy rows are skipped with a note)::

    python3 -m venv /tmp/mambupy-venv && /tmp/mambupy-venv/bin/pip install MambuPy==2.5.1
    MAMBUPY_PYTHON=/tmp/mambupy-venv/bin/python .venv/bin/python -m benchmarks.bulk_pull

Each size/latency pair starts a fresh server process (``benchmarks.server``: pre-rendered FULL loans of
about 2.4 KB, a trustme certificate, the latency injected per response) and runs every contender in its
own process (``benchmarks.contenders``), which reports wall time, CPU time and peak RSS. The server's
own CPU time during each run is reported too: it stays well below the wall time, so the server is not
the bottleneck. The table goes to stdout and to ``benchmarks/results/`` (git-ignored).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import socket
import ssl
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
CONTENDERS = ("httpx", "mambu_async", "mambupy")


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
def _server(n: int, latency_ms: float, cert: str, key: str) -> Iterator[int]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.server", "--port", str(port), "--n", str(n),
         "--latency-ms", str(latency_ms), "--cert", cert, "--key", key],
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


def _server_cpu(port: int, ca: str) -> float:
    context = ssl.create_default_context(cafile=ca)
    with urllib.request.urlopen(f"https://localhost:{port}/_stats", context=context) as response:
        return float(json.load(response)["cpu"])


def _mambupy_python() -> str | None:
    candidate = os.environ.get("MAMBUPY_PYTHON") or sys.executable
    probe = subprocess.run([candidate, "-c", "import MambuPy"], capture_output=True)
    return candidate if probe.returncode == 0 else None


def _run(python: str, name: str, port: int, n: int, ca: str, concurrency: int) -> dict[str, Any]:
    done = subprocess.run(
        [python, "-m", "benchmarks.contenders", name, "--port", str(port), "--n", str(n), "--ca", ca,
         "--concurrency", str(concurrency)],
        cwd=ROOT, capture_output=True, text=True,
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--latencies", type=float, nargs="+", default=[0.0, 50.0])
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--contenders", nargs="+", choices=CONTENDERS, default=list(CONTENDERS))
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    ca, cert, key = _certificates(RESULTS)
    mambupy = _mambupy_python() if "mambupy" in args.contenders else None
    notes: list[str] = []
    if "mambupy" in args.contenders and mambupy is None:
        notes.append("MambuPy rows skipped: install MambuPy==2.5.1 in a venv and set MAMBUPY_PYTHON")
    rows: list[dict[str, Any]] = []
    for latency in args.latencies:
        for n in args.sizes:
            with _server(n, latency, cert, key) as port:
                base: dict[str, Any] = {}
                for name in args.contenders:
                    python = mambupy if name == "mambupy" else sys.executable
                    if python is None:
                        continue
                    before = _server_cpu(port, ca)
                    result = _run(python, name, port, n, ca, args.concurrency)
                    result["server_cpu"] = _server_cpu(port, ca) - before
                    if name == "httpx":
                        base = result
                    row = {"n": n, "latency_ms": latency, "contender": name, **result}
                    if "error" not in result and base and "error" not in base:
                        row["wall_x"] = result["wall"] / base["wall"]
                        row["cpu_x"] = result["cpu"] / base["cpu"]
                    rows.append(row)
                    print(_line(row), flush=True)
    table = _table(rows, notes)
    print()
    print(table)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"bulk_pull-{stamp}.txt").write_text(table + "\n")
    (RESULTS / f"bulk_pull-{stamp}.json").write_text(json.dumps(rows, indent=1) + "\n")


def _line(row: dict[str, Any]) -> str:
    if "error" in row:
        return f"{row['n']:>7} {row['latency_ms']:>5.0f}ms {row['contender']:<12} ERROR {row['error']}"
    ratio = f"{row['wall_x']:>6.2f}x {row['cpu_x']:>6.2f}x" if "wall_x" in row else f"{'':>7} {'':>7}"
    return (
        f"{row['n']:>7} {row['latency_ms']:>5.0f}ms {row['contender']:<12} {row['records']:>7} "
        f"{row['wall']:>8.2f}s {row['cpu']:>8.2f}s {row['rss_mb']:>8.0f}MB {ratio} {row['server_cpu']:>8.2f}s"
    )


def _table(rows: list[dict[str, Any]], notes: list[str]) -> str:
    head = (
        f"{'N':>7} {'lat':>7} {'contender':<12} {'records':>7} {'wall':>9} {'cpu':>9} {'peakRSS':>10} "
        f"{'wall/hx':>7} {'cpu/hx':>7} {'srv cpu':>9}"
    )
    return "\n".join([head, "-" * len(head), *(_line(r) for r in rows), *notes])


if __name__ == "__main__":
    main()
