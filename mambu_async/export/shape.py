"""What shapes an export's output, recorded in its checkpoint so that a resume cannot mix data.

An export's records depend on the entity, the details level, the format and the query (filters, search,
sort). The checkpoint and the printed resume token carry all of them: ``--resume`` fills an option left
out from the checkpoint, and refuses (exit code ``BAD_CURSOR``) an option given with another value.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from mambu_async.export.exit_codes import CliError, ExitCode

__all__ = ["DEFAULT_DETAILS", "ExportShape"]

DEFAULT_DETAILS = "FULL"
"""``export`` reads every field (custom fields and addresses included) unless told ``--details BASIC``."""

_OPTIONS = {
    "entity": "ENTITY",
    "details": "--details",
    "format": "--format",
    "filters": "--filter",
    "search": "--search",
    "sort": "--sort",
}


def _normal_search(text: str) -> str:
    try:
        return json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"))
    except ValueError:
        return text.strip()


def _normal_sort(text: str) -> str:
    field, _, order = text.partition(":")
    return f"{field.strip()}:{(order.strip() or 'ASC').upper()}"


def _normal_filters(pairs: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted(f"{k.strip()}={v}" for k, _, v in (pair.partition("=") for pair in pairs)))


@attrs.frozen
class ExportShape:
    """Entity, details level, format and query of one export (``None``/empty: not given)."""

    entity: str
    details: str | None = None
    format: str | None = None
    filters: tuple[str, ...] = ()
    search: str | None = None
    sort: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The shape as recorded in a checkpoint."""
        return {
            "entity": self.entity,
            "details": self.details,
            "format": self.format,
            "filters": list(self.filters),
            "search": self.search,
            "sort": self.sort,
        }

    @classmethod
    def from_json(cls, raw: object) -> ExportShape | None:
        """A shape read back from a checkpoint (``None`` if it holds none or a malformed one)."""
        if not isinstance(raw, Mapping) or not isinstance(raw.get("entity"), str):
            return None
        filters = raw.get("filters") or []
        if not isinstance(filters, list) or not all(isinstance(f, str) for f in filters):
            return None
        text = {key: raw.get(key) for key in ("details", "format", "search", "sort")}
        if not all(value is None or isinstance(value, str) for value in text.values()):
            return None
        entity = raw["entity"]
        return cls(entity, text["details"], text["format"], tuple(filters), text["search"], text["sort"])

    def _compared(self, name: str) -> object:
        value = getattr(self, name)
        if not value:
            return None
        if name == "filters":
            return _normal_filters(value)
        if name == "search":
            return _normal_search(value)
        if name == "sort":
            return _normal_sort(value)
        return value.upper() if name in ("details", "format") else value

    def resumed_with(self, asked: ExportShape) -> ExportShape:
        """The shape a resume runs with: this checkpoint's, which ``asked`` may repeat but not change.

        An option left out of ``asked`` is taken from the checkpoint; one given with another value (or
        given where the interrupted export had none) raises ``CliError(BAD_CURSOR)`` naming it.
        """
        for name, option in _OPTIONS.items():
            mine, theirs = self._compared(name), asked._compared(name)
            if theirs is not None and mine != theirs:
                used = f"{option} {_shown(getattr(self, name))}" if mine is not None else f"no {option}"
                raise CliError(
                    ExitCode.BAD_CURSOR,
                    f"--resume: the interrupted export used {used}, not {option} "
                    f"{_shown(getattr(asked, name))}; omit {option} to continue it as it was, "
                    "or start a new export without --resume",
                )
        return attrs.evolve(
            asked,
            details=asked.details or self.details,
            format=asked.format or self.format,
            filters=asked.filters or self.filters,
            search=asked.search or self.search,
            sort=asked.sort or self.sort,
        )


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return " ".join(value)
    return str(value)
