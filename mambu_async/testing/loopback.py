"""Serving an ASGI app (the emulator, say) on a real loopback socket, for tests and benchmarks that
must go through the network stack (httpcore's connection pool, TCP resets) rather than
``httpx.ASGITransport``. Needs the ``emulator`` extra (uvicorn)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

__all__ = ["serve_asgi"]


@contextlib.asynccontextmanager
async def serve_asgi(app: Any, *, host: str = "127.0.0.1") -> AsyncIterator[str]:
    """Serve ``app`` with uvicorn on ``host`` and a free port; yields the base URL
    (``http://127.0.0.1:PORT``) and stops the server on exit."""
    import uvicorn

    config = uvicorn.Config(app, host=host, port=0, log_level="warning", lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()  # startup failed: raise its error
            raise RuntimeError("the loopback server stopped before it started")
        await asyncio.sleep(0)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        await task
