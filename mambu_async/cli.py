"""The ``mambu-async`` command (also ``python -m mambu_async``).

Commands: ``export`` (stream every record of an entity to JSON Lines or CSV, with progress and resume),
``get`` (one entity as JSON), ``backup`` (trigger the database backup and/or download the latest one),
``emulator`` (serve an in-memory tenant over HTTP) and ``demo`` (a guided export against the embedded
emulator). The tenant comes from ``MAMBU_BASE_URL`` and ``MAMBU_API_KEY`` (or
``MAMBU_USERNAME`` + ``MAMBU_PASSWORD``); without ``MAMBU_BASE_URL``, ``export`` and ``get`` use the
embedded emulator with a demo tenant. Exit codes: :class:`mambu_async.export.exit_codes.ExitCode`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import logging
import os
import socket
import sys
import traceback
import zoneinfo
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NoReturn, Protocol, TextIO

import attrs

from mambu_async._version import __version__
from mambu_async.connector.validation import DETAILS_LEVELS
from mambu_async.export.exit_codes import CliError, ExitCode, classify, one_line
from mambu_async.export.formats import FORMATS
from mambu_async.export.run import PROG, ExportRequest, get_entity, run_export
from mambu_async.export.shape import DEFAULT_DETAILS
from mambu_async.export.tenant import DEMO_LOANS, TenantOptions, build_demo

if TYPE_CHECKING:
    from mambu_async.testing import FakeMambu

__all__ = ["Runtime", "main"]

EMULATOR_DEMO_LOANS = 1_000
"""Loans in ``emulator --demo`` without a number."""

DEMO_OUT = "mambu-demo-loans.jsonl"
"""Where ``demo`` writes its export without ``--out``: in the current directory."""


class DemoBuilder(Protocol):
    """Builds a demo tenant of ``loans`` loans on a clock frozen at ``now`` or following real time."""

    def __call__(
        self, loans: int, *, now: dt.datetime | None = None, timezone: str | None = None
    ) -> FakeMambu: ...


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``; a taken port is the ``PORT_UNAVAILABLE`` exit code."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family)
    except OSError as exc:
        raise CliError(
            ExitCode.PORT_UNAVAILABLE,
            f"cannot listen on {host}:{port}: {os.strerror(exc.errno) if exc.errno else exc} "
            "(choose another --port)",
        ) from None


def _serve(app: Any, listener: socket.socket) -> None:
    import uvicorn

    uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[listener])


@attrs.define
class Runtime:
    """The command's surroundings; tests replace them (no sockets, no real streams, no sleeping)."""

    env: Mapping[str, str] = attrs.field(factory=lambda: dict(os.environ))
    stdout: BinaryIO = attrs.field(factory=lambda: sys.stdout.buffer)
    stderr: TextIO = attrs.field(factory=lambda: sys.stderr)
    connector_options: dict[str, Any] = attrs.field(factory=dict)
    """Extra keyword arguments for every connector (``transport=``, ``sleep=``...)."""
    build_demo: DemoBuilder = build_demo
    """Builds the embedded demo tenant with that many loans (and the clock options)."""
    bind: Callable[[str, int], socket.socket] = _bind
    """Opens the emulator's listening socket (before it says where to connect)."""
    serve: Callable[[Any, socket.socket], None] = _serve
    """Runs the emulator's ASGI app on that socket (uvicorn by default)."""
    tty: bool | None = None
    """Progress bar (``True``) or plain lines (``False``); ``None``: a bar when stderr is a terminal."""

    def tenant(self, *, embedded: bool = False) -> TenantOptions:
        """Where the command's connector comes from: the environment, or the embedded demo tenant."""
        env = {} if embedded else self.env
        return TenantOptions(env, dict(self.connector_options), lambda: self.build_demo(DEMO_LOANS))


def _instant(text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an ISO date-time with an offset, got {text!r}") from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(f"expected a date-time with an offset (+00:00), got {text!r}")
    return value


def _timezone(text: str) -> str:
    try:
        zoneinfo.ZoneInfo(text)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise argparse.ArgumentTypeError(f"expected an IANA timezone (Europe/Berlin), got {text!r}") from None
    return text


class _Parser(argparse.ArgumentParser):
    """argparse that reports a mistake as one line and the usage exit code."""

    def error(self, message: str) -> NoReturn:
        raise CliError(ExitCode.USAGE, f"{self.prog}: {message} (see {self.prog} --help)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number (0-65535), got {text!r}")
    return value


def _details(text: str) -> str:
    return text.upper()


_VERBOSE = ("-v", "--verbose")
_VERBOSE_OPTIONS: dict[str, Any] = {
    "action": "store_true",
    "help": "also print each retry (what failed and how long it waits)",
}


@contextlib.contextmanager
def _library_log(stream: TextIO, verbose: bool) -> Iterator[None]:
    """The library's log lines on ``stream`` as ``mambu-async: ...``: retries only when ``verbose``.

    Without it nothing the library logs reaches the terminal (not even through logging's last-resort
    handler); errors are reported by the command itself. The logger is restored afterwards.
    """
    logger = logging.getLogger("mambu_async")
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(f"{PROG}: %(message)s"))
    handler.setLevel(logging.WARNING if verbose else logging.CRITICAL + 1)
    saved = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    if verbose and not logger.isEnabledFor(logging.WARNING):
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``mambu-async``."""
    parser = _Parser(
        prog=PROG,
        description="Export, inspect and emulate Mambu tenants (Mambu REST API v2).",
        epilog="Tenant: MAMBU_BASE_URL with MAMBU_API_KEY or MAMBU_USERNAME + MAMBU_PASSWORD; "
        "without MAMBU_BASE_URL, export and get use the embedded emulator's demo tenant.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    export = commands.add_parser("export", help="stream every record of an entity to JSON Lines or CSV")
    export.add_argument("entity", metavar="ENTITY", help="loans, clients, deposits, loanproducts, ...")
    export.add_argument(
        "--filter", action="append", default=[], metavar="K=V", help="a list filter (repeatable)"
    )
    export.add_argument(
        "--search", metavar="JSON", help="search criteria: a JSON list of {field, operator, value}"
    )
    export.add_argument("--sort", metavar="FIELD[:ASC|DESC]", help="sort field (unique keys resume exactly)")
    export.add_argument(
        "--details",
        type=_details,
        choices=DETAILS_LEVELS,
        help=f"{DEFAULT_DETAILS} (default: every field, with custom fields and addresses) or BASIC "
        "(leaves out custom fields and addresses)",
    )
    export.add_argument("--format", choices=FORMATS, help="jsonl (default) or csv (default for --out *.csv)")
    export.add_argument("--out", type=Path, metavar="FILE", help="output file (default: stdout)")
    export.add_argument("--concurrency", type=_positive, metavar="N", help="pages in flight (default 8)")
    export.add_argument(
        "--resume", metavar="CURSOR", help="continue an interrupted export (token or .cursor file)"
    )

    export.add_argument(*_VERBOSE, **_VERBOSE_OPTIONS)

    get = commands.add_parser("get", help="one entity as JSON")
    get.add_argument("entity", metavar="ENTITY")
    get.add_argument("id", metavar="ID", help="id or encodedKey")
    get.add_argument("--details", type=_details, choices=DETAILS_LEVELS, default="FULL")
    get.add_argument(*_VERBOSE, **_VERBOSE_OPTIONS)

    emulator = commands.add_parser("emulator", help="serve an in-memory Mambu tenant over HTTP under /api")
    emulator.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    emulator.add_argument("--port", type=_port, default=8889, help="port to listen on (default 8889)")
    emulator.add_argument(
        "--demo",
        type=_positive,
        nargs="?",
        const=EMULATOR_DEMO_LOANS,
        metavar="N",
        help=f"start with a demo tenant of N loans (default {EMULATOR_DEMO_LOANS:,})",
    )
    emulator.add_argument(
        "--now",
        type=_instant,
        metavar="DATETIME",
        help="freeze the tenant's clock at this ISO date-time with offset (default: real time)",
    )
    emulator.add_argument(
        "--timezone",
        type=_timezone,
        metavar="ZONE",
        help="the tenant's timezone, an IANA name (default: the offset of --now, else UTC)",
    )

    backup = commands.add_parser("backup", help="trigger the database backup and/or download the latest one")
    backup.add_argument("--trigger", action="store_true", help="ask Mambu to start a database backup")
    backup.add_argument("--callback", metavar="URL", help="with --trigger: URL Mambu calls when it is ready")
    backup.add_argument(
        "--out",
        metavar="PATH",
        help="download LATEST to this file or directory (a name ending in / is a directory)",
    )

    demo = commands.add_parser("demo", help="a guided export against the embedded emulator")
    demo.add_argument("--loans", type=_positive, default=DEMO_LOANS, metavar="N", help="demo tenant size")
    demo.add_argument(
        "--out", type=Path, metavar="FILE", help=f"where the export goes (default: {DEMO_OUT} here)"
    )
    demo.add_argument(*_VERBOSE, **_VERBOSE_OPTIONS)
    return parser


def _export(args: argparse.Namespace, argv: Sequence[str], rt: Runtime) -> int:
    request = ExportRequest(
        entity=args.entity,
        filters=args.filter,
        search=args.search,
        sort=args.sort,
        details=args.details,
        format=args.format,
        out=args.out,
        concurrency=args.concurrency,
        resume=args.resume,
        argv=argv,
    )
    return asyncio.run(run_export(request, rt.tenant(), stdout=rt.stdout, stderr=rt.stderr, tty=rt.tty))


def _get(args: argparse.Namespace, argv: Sequence[str], rt: Runtime) -> int:
    return asyncio.run(
        get_entity(args.entity, args.id, args.details, rt.tenant(), stdout=rt.stdout, stderr=rt.stderr)
    )


def _backup(args: argparse.Namespace, argv: Sequence[str], rt: Runtime) -> int:
    from mambu_async.export.backup import run_backup

    if not args.trigger and args.out is None:
        raise CliError(ExitCode.USAGE, f"{PROG} backup: give --trigger, --out PATH, or both")
    if args.callback is not None and not args.trigger:
        raise CliError(ExitCode.USAGE, f"{PROG} backup: --callback goes with --trigger")
    return asyncio.run(
        run_backup(
            trigger=args.trigger, callback=args.callback, out=args.out, options=rt.tenant(), stderr=rt.stderr
        )
    )


def _emulator(args: argparse.Namespace, argv: Sequence[str], rt: Runtime) -> int:
    from mambu_async.testing import FakeMambu, emulator_app

    clock = {"now": args.now, "timezone": args.timezone}
    fake = rt.build_demo(args.demo, **clock) if args.demo else FakeMambu(**clock)
    try:
        app = emulator_app(fake)
        if rt.serve is _serve:
            import uvicorn  # noqa: F401 - fail now, with the message below, if it is missing
    except ImportError as exc:
        raise CliError(
            ExitCode.MISSING_EXTRA,
            f"the emulator needs the 'emulator' extra ({exc.name} is missing): "
            "pip install 'mambu-async[emulator]'",
        ) from None
    listener = rt.bind(args.host, args.port)
    port = listener.getsockname()[1]  # the one the system chose for --port 0
    host = f"[{args.host}]" if ":" in args.host else args.host
    what = f"a demo tenant of {args.demo:,} loans" if args.demo else "an empty tenant"
    running = "frozen" if fake.clock.frozen else "real time"
    print(
        f"{PROG}: serving {what} on http://{host}:{port}/api (Ctrl-C to stop); "
        f"tenant time {fake.clock.iso()} ({fake.timezone_id}, {running}). "
        "Connect with:\n"
        f"  MAMBU_BASE_URL=http://{host}:{port}\n"
        f"  MAMBU_API_KEY={fake.api_key}\n"
        f"  (or MAMBU_USERNAME={fake.username} MAMBU_PASSWORD={fake.password})",
        file=rt.stderr,
        flush=True,
    )
    with listener:
        rt.serve(app, listener)
    return ExitCode.OK


def _demo(args: argparse.Namespace, argv: Sequence[str], rt: Runtime) -> int:
    err = rt.stderr
    out: Path = args.out or Path(DEMO_OUT)
    print(f"Step 1/3: building a demo tenant in memory ({args.loans:,} loans and more)...", file=err)
    fake = rt.build_demo(args.loans)
    options = rt.tenant(embedded=True)
    options.demo = lambda: fake
    print(
        "Step 2/3: exporting every loan through the emulator's HTTP API, as from a real tenant:\n"
        f"  $ {PROG} export loans --out {out}",
        file=err,
        flush=True,
    )
    request = ExportRequest(entity="loans", out=out, argv=["export", "loans", "--out", str(out)])
    asyncio.run(run_export(request, options, stdout=rt.stdout, stderr=err, tty=rt.tty))
    print("Step 3/3: the first record, as Mambu sent it (amounts are exact decimals):", file=err)
    with open(out, "rb") as handle:
        first = handle.readline().decode().strip()
    print(f"  {first[:300]}{'...' if len(first) > 300 else ''}", file=err)
    print(
        "Next:\n"
        f"  {PROG} export clients --out clients.csv           # CSV with a fixed header\n"
        f"  {PROG} export loans --filter accountState=ACTIVE  # a list filter, to stdout\n"
        f"  {PROG} emulator --demo                              # serve the demo tenant on :8889\n"
        "  MAMBU_BASE_URL=https://TENANT.mambu.com MAMBU_API_KEY=... "
        f"{PROG} export loans --out loans.jsonl",
        file=err,
        flush=True,
    )
    return ExitCode.OK


_COMMANDS: dict[str, Callable[[argparse.Namespace, Sequence[str], Runtime], int]] = {
    "export": _export,
    "get": _get,
    "backup": _backup,
    "emulator": _emulator,
    "demo": _demo,
}


def main(argv: Sequence[str] | None = None, *, runtime: Runtime | None = None) -> int:
    """Run the command line; returns the exit status (see ``ExitCode``)."""
    rt = runtime or Runtime()
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(words)
        with _library_log(rt.stderr, getattr(args, "verbose", False)):
            return int(_COMMANDS[args.command](args, words, rt))
    except CliError as exc:
        if not exc.reported:
            text = exc.message if exc.message.startswith(PROG) else f"{PROG}: {exc.message}"
            print(text, file=rt.stderr)
        return int(exc.code)
    except KeyboardInterrupt:  # a stopped export has said where it stopped
        return int(ExitCode.INTERRUPTED)
    except Exception as exc:
        code = classify(exc)
        if code is ExitCode.UNEXPECTED:
            if rt.env.get("MAMBU_ASYNC_DEBUG"):
                traceback.print_exc(file=rt.stderr)
            print(f"{PROG}: unexpected error: {one_line(exc)} (MAMBU_ASYNC_DEBUG=1 shows the traceback)",
                  file=rt.stderr)
        else:
            print(f"{PROG}: {one_line(exc)}", file=rt.stderr)
        return int(code)
