"""A loopback HTTPS server of pre-rendered loans, in its own process.

``python -m benchmarks.server --port P --n N --cert C --key K [--latency-ms L] [--tenant realistic]``
serves ``GET /api/loans`` and ``POST /api/loans:search`` (``offset``/``limit``/``detailsLevel`` from
the query string; the search body is read and ignored: the loans are pre-sorted by encodedKey, the
order a bulk pull asks for). ``paginationDetails=ON`` adds Mambu's ``items-total`` header. HTTP/1.1
keep-alive, nothing else.

Two tenant profiles:

- ``fast`` (default): every response waits ``L`` ms, nothing more (a network latency; the server does
  no work), so the client's own cost shows.
- ``realistic``: like Mambu under load. A page costs server time proportional to its size and details
  level (``--ms-per-full``/``--ms-per-basic`` per record, 0.4 and 0.1 ms by default: 400 ms per
  1,000 FULL loans); the tenant works on ``--workers`` requests at once and queues the others; above
  ``--limit`` requests in flight it answers ``429`` with ``Retry-After: 1`` at once.

``GET /_stats`` returns the server's CPU seconds, requests answered, body bytes sent and 429s, so the
benchmark can report what each contender asked for and shows the server is not the bottleneck.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import ssl
from urllib.parse import parse_qs, urlsplit

from benchmarks.loans import rendered_loans


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class LoanServer:
    def __init__(self, n: int, args: argparse.Namespace) -> None:
        self.rows = rendered_loans(n)
        self.latency = args.latency_ms / 1000
        self.realistic = args.tenant == "realistic"
        self.per_record = {"FULL": args.ms_per_full / 1000, "BASIC": args.ms_per_basic / 1000}
        self.workers = asyncio.Semaphore(args.workers)
        self.limit = args.limit
        self.in_flight = 0
        self.stats = {"requests": 0, "bytes": 0, "rejected": 0}

    async def answer(self, target: str) -> tuple[bytes, bytes, dict[str, str]]:
        """Status line, body and extra headers for one API request."""
        query = parse_qs(urlsplit(target).query)
        offset = int(query.get("offset", ["0"])[0])
        limit = int(query.get("limit", ["50"])[0])
        rows = self.rows[offset : offset + limit] if "/api/loans" in target else []
        headers = {}
        if query.get("paginationDetails", ["OFF"])[0] == "ON":
            headers["items-total"] = str(len(self.rows))
        if self.realistic:
            if self.in_flight > self.limit:
                self.stats["rejected"] += 1
                body = b'{"errors":[{"errorCode":429,"errorReason":"TOO_MANY_REQUESTS"}]}'
                return b"429 Too Many Requests", body, {"Retry-After": "1"}
            level = query.get("detailsLevel", ["BASIC"])[0]
            async with self.workers:
                await asyncio.sleep(max(1, len(rows)) * self.per_record.get(level, self.per_record["BASIC"]))
        elif self.latency:
            await asyncio.sleep(self.latency)
        return b"200 OK", b"[" + b",".join(rows) + b"]", headers

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                line = await reader.readline()
                if not line:
                    return
                _method, target, _ = line.decode("latin-1").split(" ", 2)
                length = 0
                while True:
                    header = await reader.readline()
                    if header in (b"\r\n", b"\n", b""):
                        break
                    name, _, value = header.decode("latin-1").partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value.strip())
                if length:
                    await reader.readexactly(length)
                if target.startswith("/_stats"):
                    status, body, headers = b"200 OK", json.dumps({"cpu": _cpu(), **self.stats}).encode(), {}
                    ctype = b"application/json"
                else:
                    self.in_flight += 1
                    try:
                        status, body, headers = await self.answer(target)
                    finally:
                        self.in_flight -= 1
                    self.stats["requests"] += 1
                    self.stats["bytes"] += len(body)
                    ctype = b"application/vnd.mambu.v2+json"
                extra = b"".join(f"{k}: {v}\r\n".encode() for k, v in headers.items())
                writer.write(
                    b"HTTP/1.1 " + status + b"\r\nContent-Type: " + ctype + b"\r\nContent-Length: "
                    + str(len(body)).encode() + b"\r\n" + extra + b"Connection: keep-alive\r\n\r\n" + body
                )
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, ssl.SSLError):
            return
        finally:
            writer.close()


async def serve(args: argparse.Namespace) -> None:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    app = LoanServer(args.n, args)
    server = await asyncio.start_server(app.handle, "127.0.0.1", args.port, ssl=context, backlog=256)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


def parser() -> argparse.ArgumentParser:
    """The server's options (the benchmark driver passes them through)."""
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--latency-ms", type=float, default=0.0)
    p.add_argument("--tenant", choices=["fast", "realistic"], default="fast")
    p.add_argument("--ms-per-full", type=float, default=0.4)
    p.add_argument("--ms-per-basic", type=float, default=0.1)
    p.add_argument("--workers", type=int, default=8)
    p.add_argument("--limit", type=int, default=12)
    return p


def main() -> None:
    asyncio.run(serve(parser().parse_args()))


if __name__ == "__main__":
    main()
