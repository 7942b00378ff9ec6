"""``mambu-async backup``: trigger Mambu's database backup and/or download the latest one to a file.

The download streams to disk (see ``mambu_download_database_backup``), so an archive of any size needs no
more memory than one chunk.
"""

from __future__ import annotations

from typing import TextIO

from mambu_async.export.exit_codes import ExitCode
from mambu_async.export.run import PROG
from mambu_async.export.tenant import TenantOptions, open_tenant

__all__ = ["run_backup"]


async def run_backup(
    *, trigger: bool, callback: str | None, out: str | None, options: TenantOptions, stderr: TextIO
) -> int:
    """Trigger a backup (``trigger``, with Mambu's ``callback``), then download LATEST into ``out``."""
    announce = f"{PROG}: MAMBU_BASE_URL is not set: using the embedded emulator's demo tenant"
    async with open_tenant(options, stderr=stderr, announce=announce) as conn:
        if trigger:
            answer = await conn.mambu_trigger_database_backup(callback)
            state = answer.get("state") if isinstance(answer, dict) else answer
            print(f"{PROG}: database backup triggered (state {state})", file=stderr, flush=True)
        if out is not None:
            result = await conn.mambu_download_database_backup(out)
            print(
                f"{PROG}: wrote {result['size']:,} bytes to {result['path']} "
                f"(Mambu's file {result['fileName']}, last modified {result['lastModified']})",
                file=stderr,
                flush=True,
            )
    return ExitCode.OK
