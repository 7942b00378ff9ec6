"""Progress of an export on stderr: a rich progress bar on a terminal, plain periodic lines otherwise.

Both show the records written, the rate and, when the total is known, the percentage and the time left.
``rich`` comes with the ``cli`` extra; without it the plain lines are used everywhere.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol, TextIO

__all__ = ["PlainProgress", "Progress", "RichProgress", "make_progress"]


class Progress(Protocol):
    """What the export reports to."""

    def start(self, total: int | None, completed: int = 0) -> None:
        """Begin, with the expected total (if known) and what an earlier run already wrote."""

    def advance(self, count: int) -> None:
        """Count ``count`` more records written."""

    def stop(self, ok: bool) -> None:
        """End the display; ``ok`` says whether the export finished."""


def _eta(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class PlainProgress:
    """One line every ``interval`` seconds (and a last one at the end), for logs and pipes."""

    def __init__(
        self,
        stream: TextIO,
        label: str,
        *,
        interval: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.label = label
        self.interval = interval
        self.clock = clock
        self.total: int | None = None
        self.completed = 0
        self._base = 0
        self._started = 0.0
        self._last = 0.0

    def start(self, total: int | None, completed: int = 0) -> None:
        """Begin counting (see :class:`Progress`)."""
        self.total = total
        self.completed = self._base = completed
        self._started = self._last = self.clock()

    def line(self) -> str:
        """The current status line."""
        elapsed = max(self.clock() - self._started, 1e-9)
        rate = (self.completed - self._base) / elapsed
        text = f"{self.label}: {self.completed:,}"
        if self.total is not None:
            share = 100.0 * self.completed / self.total if self.total else 100.0
            text += f" / {self.total:,} ({share:.0f}%)"
        text += f", {rate:,.0f}/s"
        if self.total is not None and rate > 0 and self.completed < self.total:
            text += f", ETA {_eta((self.total - self.completed) / rate)}"
        return text

    def advance(self, count: int) -> None:
        """Count records; print a line when ``interval`` has passed."""
        self.completed += count
        now = self.clock()
        if now - self._last >= self.interval:
            self._last = now
            print(self.line(), file=self.stream, flush=True)

    def stop(self, ok: bool) -> None:
        """Print the last line with the outcome and the time taken."""
        status = "done" if ok else "stopped"
        took = _eta(self.clock() - self._started)
        print(f"{self.line()} - {status} in {took}", file=self.stream, flush=True)


class RichProgress:
    """A live bar: records written / total, percentage, rate, elapsed and time left."""

    def __init__(self, stream: TextIO, label: str) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            ProgressColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as _Progress
        from rich.text import Text

        class CountColumn(ProgressColumn):
            """Records written / total, with the thousands separators of every other message."""

            def render(self, task: Any) -> Text:
                done = f"{int(task.completed):,}"
                text = done if task.total is None else f"{done}/{int(task.total):,}"
                return Text(text, style="progress.download")

        class RateColumn(ProgressColumn):
            def render(self, task: Any) -> Text:
                speed = task.finished_speed or task.speed
                return Text(f"{speed:,.0f}/s" if speed else "-/s", style="progress.data.speed")

        self.label = label
        self._progress = _Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            CountColumn(),
            TaskProgressColumn(),
            RateColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(file=stream),
            transient=False,
        )
        self._task: Any = None

    def start(self, total: int | None, completed: int = 0) -> None:
        """Show the bar (see :class:`Progress`)."""
        self._progress.start()
        self._task = self._progress.add_task(self.label, total=total, completed=completed)

    def advance(self, count: int) -> None:
        """Move the bar by ``count`` records."""
        self._progress.advance(self._task, count)

    def stop(self, ok: bool) -> None:
        """Complete the bar when the export finished, and hide it."""
        if ok and self._task is not None:
            task = self._progress.tasks[0]
            if task.total is None or task.completed >= task.total:
                self._progress.update(self._task, total=task.completed)
        self._progress.stop()


def make_progress(stream: TextIO, label: str, *, rich: bool | None = None) -> Progress:
    """A bar when ``stream`` is a terminal and rich is installed (``rich=`` forces the choice)."""
    if rich is None:
        rich = bool(getattr(stream, "isatty", lambda: False)())
    if rich:
        try:
            return RichProgress(stream, label)
        except ImportError:
            pass
    return PlainProgress(stream, label)
