"""A fault-injecting HTTP/1.1 proxy on a loopback socket, between a client and an upstream server.

Each request read from the client is, by a seeded draw: answered 429 (``Retry-After: 0``) or 500/502/
503/504 without reaching upstream; reset (the client's connection is aborted before forwarding); lost
after commit (forwarded, upstream answers, then the client's connection is aborted); or forwarded
and its answer relayed. Bodies are framed by ``Content-Length`` (requests) and ``Content-Length`` or
chunked encoding (answers); one upstream connection per client connection.
"""

from __future__ import annotations

import asyncio
import collections
import random

import attrs

STATUS_BODY = b'{"errors":[{"errorCode":6,"errorReason":"INTERNAL_ERROR"}]}'
RATE_BODY = b'{"errors":[{"errorCode":7,"errorReason":"API_NOT_AUTHORIZED"}]}'


@attrs.define
class FaultMix:
    """Probabilities of each fault per request (the rest is forwarded)."""

    rate_limited: float = 0.10
    server_error: float = 0.05  # 500, 502, 503, 504 in turn
    reset: float = 0.02
    lost_after_commit: float = 0.02


class _Closed(Exception):
    pass


async def _read_head(reader: asyncio.StreamReader) -> tuple[bytes, dict[str, str]]:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, ConnectionError) as exc:
        raise _Closed from exc
    headers: dict[str, str] = {}
    for line in head.split(b"\r\n")[1:]:
        if b":" in line:
            name, _, value = line.partition(b":")
            headers[name.decode("latin-1").strip().lower()] = value.decode("latin-1").strip()
    return head, headers


async def _read_body(reader: asyncio.StreamReader, headers: dict[str, str]) -> bytes:
    try:
        if headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size_line = await reader.readuntil(b"\r\n")
                size = int(size_line.split(b";")[0], 16)
                data = await reader.readexactly(size + 2)
                chunks.append(size_line + data)
                if size == 0:
                    return b"".join(chunks)
        return await reader.readexactly(int(headers.get("content-length", "0")))
    except (asyncio.IncompleteReadError, ConnectionError) as exc:
        raise _Closed from exc


def _answer(status: int, reason: str, body: bytes, extra: str = "") -> bytes:
    return (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n{extra}"
        f"content-length: {len(body)}\r\n\r\n"
    ).encode() + body


class FaultProxy:
    """``async with FaultProxy(upstream_port, mix, seed) as port:`` proxies 127.0.0.1:port to upstream."""

    def __init__(self, upstream_port: int, mix: FaultMix, *, seed: int = 0) -> None:
        self.upstream_port = upstream_port
        self.mix = mix
        self.rng = random.Random(seed)
        self.injected: collections.Counter[str] = collections.Counter()
        self._server: asyncio.Server | None = None
        self._errors = 0

    async def __aenter__(self) -> int:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port: int = self._server.sockets[0].getsockname()[1]
        return port

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()

    def _draw(self) -> str:
        roll, mix = self.rng.random(), self.mix
        for name, share in (
            ("429", mix.rate_limited),
            ("5xx", mix.server_error),
            ("reset", mix.reset),
            ("lost after commit", mix.lost_after_commit),
        ):
            if roll < share:
                return name
            roll -= share
        return "forwarded"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        try:
            while True:
                head, headers = await _read_head(reader)
                body = await _read_body(reader, headers)
                fault = self._draw()
                self.injected[fault] += 1
                if fault == "429":
                    writer.write(_answer(429, "Too Many Requests", RATE_BODY, "retry-after: 0\r\n"))
                elif fault == "5xx":
                    status = (500, 502, 503, 504)[self.injected[fault] % 4]
                    writer.write(_answer(status, "Error", STATUS_BODY))
                elif fault == "reset":
                    writer.transport.abort()
                    return
                else:
                    if upstream is None:
                        upstream = await asyncio.open_connection("127.0.0.1", self.upstream_port)
                    up_reader, up_writer = upstream
                    up_writer.write(head + body)
                    answer_head, answer_headers = await _read_head(up_reader)
                    answer_body = await _read_body(up_reader, answer_headers)
                    if fault == "lost after commit":
                        writer.transport.abort()
                        return
                    writer.write(answer_head + answer_body)
                await writer.drain()
        except (_Closed, ConnectionError):
            pass
        finally:
            if upstream is not None:
                upstream[1].transport.abort()
            writer.transport.abort()
