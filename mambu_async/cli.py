"""The ``mambu-async`` command (also ``python -m mambu_async``)."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mambu-async", description="Tools for Mambu's REST API v2.")
    commands = parser.add_subparsers(dest="command", required=True)
    emulator = commands.add_parser("emulator", help="serve an in-memory Mambu tenant over HTTP under /api")
    emulator.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    emulator.add_argument("--port", type=int, default=8889, help="port to listen on (default 8889)")
    emulator.add_argument("--demo", action="store_true", help="start with the demo tenant's data")
    emulator.set_defaults(handler=_run_emulator)
    return parser


def _run_emulator(args: argparse.Namespace) -> int:
    import uvicorn

    from mambu_async.testing import FakeMambu, emulator_app

    fake = FakeMambu()
    if args.demo:
        populate = getattr(importlib.import_module("mambu_async.testing.factories"), "populate_demo", None)
        if populate is None:
            print("mambu-async: the demo tenant factory is not available in this version", file=sys.stderr)
            return 2
        populate(fake)
    print(
        f"Mambu emulator on http://{args.host}:{args.port}/api "
        f"(user {fake.username!r}; password and apiKey: see FakeMambu's documented defaults)"
    )
    uvicorn.run(emulator_app(fake), host=args.host, port=args.port, log_level="warning")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _build_parser().parse_args(argv)
    status: int = args.handler(args)
    return status
