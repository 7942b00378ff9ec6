"""A loopback HTTPS server of pre-rendered FULL loans, in its own process.

``python -m benchmarks.server --port P --n N --latency-ms L --cert C --key K`` serves
``GET /api/loans`` and ``POST /api/loans:search`` (``offset``/``limit`` from the query string; the
search body is read and ignored: the loans are pre-sorted by encodedKey, the order a bulk pull asks
for). Every response waits ``L`` ms first. ``GET /_stats`` returns the server's own CPU seconds so
the benchmark shows the server is not the bottleneck. HTTP/1.1 keep-alive, nothing else.
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
    def __init__(self, n: int, latency: float) -> None:
        self.rows = rendered_loans(n)
        self.latency = latency

    def page(self, target: str) -> bytes:
        query = parse_qs(urlsplit(target).query)
        offset = int(query.get("offset", ["0"])[0])
        limit = int(query.get("limit", ["50"])[0])
        return b"[" + b",".join(self.rows[offset : offset + limit]) + b"]"

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
                    body = json.dumps({"cpu": _cpu()}).encode()
                    ctype = b"application/json"
                else:
                    if self.latency:
                        await asyncio.sleep(self.latency)
                    body = self.page(target) if "/api/loans" in target else b"[]"
                    ctype = b"application/vnd.mambu.v2+json"
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype + b"\r\nContent-Length: "
                    + str(len(body)).encode() + b"\r\nConnection: keep-alive\r\n\r\n" + body
                )
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, ssl.SSLError):
            return
        finally:
            writer.close()


async def serve(port: int, n: int, latency_ms: float, cert: str, key: str) -> None:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    app = LoanServer(n, latency_ms / 1000)
    server = await asyncio.start_server(app.handle, "127.0.0.1", port, ssl=context, backlog=256)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    args = parser.parse_args()
    asyncio.run(serve(args.port, args.n, args.latency_ms, args.cert, args.key))


if __name__ == "__main__":
    main()
