"""A response whose body is still on the wire: what a download operation reads in chunks.

:class:`StreamedResponse` is an :class:`~mambu_async.connector.wire.ApiResponse` with an empty
``content`` and the body as an async iterator of byte chunks, so a file of any size (a database
backup) passes through without being held in memory. Error statuses never stream: their (small) body
is read into ``content`` so the usual error mapping applies.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Protocol

import attrs

from mambu_async.connector.wire import ApiResponse

__all__ = ["DatabaseBackupBody", "StreamedResponse", "chunks_of"]


class Releasable(Protocol):
    """What a streamed response releases when closed: a slot of the connector's concurrency limit."""

    def release(self) -> None: ...


@attrs.frozen
class StreamedResponse(ApiResponse):
    """A 2xx response whose body is read from ``chunks``; ``close()`` releases the connection."""

    chunks: AsyncIterator[bytes]
    close: Callable[[], Awaitable[None]]

    def releasing(self, slot: Releasable) -> StreamedResponse:
        """This response, whose ``close()`` also releases ``slot`` (once) after closing the body."""
        released = False
        close_body = self.close

        async def close() -> None:
            nonlocal released
            try:
                await close_body()
            finally:
                if not released:
                    released = True
                    slot.release()

        return attrs.evolve(self, close=close)


@attrs.frozen
class DatabaseBackupBody:
    """An open backup download: what the headers say, and the archive's bytes as they arrive.

    ``file_name`` comes from ``Content-Disposition``, ``last_modified`` (Mambu's text, verbatim) from
    ``Last-Modified``, ``content_length`` from ``Content-Length`` (``None`` when absent). Iterate
    ``chunks`` once, inside the ``async with`` that opened it.
    """

    file_name: str | None
    last_modified: str | None
    content_type: str | None
    content_length: int | None
    chunks: AsyncIterator[bytes] = attrs.field(repr=False)


async def chunks_of(content: bytes, chunk_size: int) -> AsyncIterator[bytes]:
    """``content`` cut into pieces of at most ``chunk_size`` bytes (for a body already in memory)."""
    view = memoryview(content)
    for start in range(0, len(view), chunk_size):
        yield bytes(view[start : start + chunk_size])
