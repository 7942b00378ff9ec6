"""The fake tenant's in-memory store: one :class:`Collection` per entity kind, with an undo journal.

Records are plain wire-JSON dicts (Mambu's camelCase, amounts as ``Decimal``), indexed by
``encodedKey`` and by ``id``. A stored record is never mutated in place: copy it, change the copy and
:meth:`Collection.put` it back, so that :meth:`Store.atomic` can undo a rejected write completely.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

Record = dict[str, Any]

_MISSING: Any = object()


class Collection:
    """The records of one kind, by ``encodedKey`` (insertion order kept) and by ``id``."""

    def __init__(self, store: Store, kind: str) -> None:
        self._store = store
        self.kind = kind
        self._by_key: dict[str, Record] = {}
        self._by_id: dict[str, str] = {}
        self.top_numeric_id = 0
        """The highest numeric ``id`` (``7`` or ``"7"``) this collection ever held, removed or undone too."""

    def __len__(self) -> int:
        return len(self._by_key)

    def __contains__(self, ref: object) -> bool:
        return isinstance(ref, str) and self.get(ref) is not None

    def get(self, ref: str) -> Record | None:
        """The record whose ``encodedKey`` or ``id`` is ``ref`` (the stored object: do not mutate)."""
        record = self._by_key.get(ref)
        if record is not None:
            return record
        key = self._by_id.get(ref)
        return self._by_key.get(key) if key is not None else None

    def get_copy(self, ref: str) -> Record | None:
        """A deep copy of :meth:`get`, safe to change and :meth:`put` back."""
        record = self.get(ref)
        return copy.deepcopy(record) if record is not None else None

    def by_id(self, ident: str) -> Record | None:
        """The record with this ``id`` only (not an encodedKey)."""
        key = self._by_id.get(ident)
        return self._by_key.get(key) if key is not None else None

    def values(self) -> list[Record]:
        """Every record, oldest first."""
        return list(self._by_key.values())

    def find(self, predicate: Callable[[Record], bool]) -> list[Record]:
        """The records ``predicate`` accepts, oldest first."""
        return [r for r in self._by_key.values() if predicate(r)]

    def put(self, record: Record) -> Record:
        """Insert or replace ``record`` (by its ``encodedKey``); journaled."""
        key = record.get("encodedKey")
        if not isinstance(key, str) or not key:
            raise ValueError(f"{self.kind}: a stored record needs an encodedKey")
        old = self._by_key.get(key)
        self._store._remember(self, key, old)
        if old is not None and "id" in old:
            self._by_id.pop(str(old["id"]), None)
        self._by_key[key] = record
        if record.get("id") is not None:
            self._index_id(record["id"], key)
        return record

    def remove(self, key: str) -> Record | None:
        """Delete by ``encodedKey``; journaled. Returns the removed record."""
        old = self._by_key.get(key)
        if old is None:
            return None
        self._store._remember(self, key, old)
        del self._by_key[key]
        if old.get("id") is not None:
            self._by_id.pop(str(old["id"]), None)
        return old

    def _restore(self, key: str, record: Record | None) -> None:
        current = self._by_key.pop(key, None)
        if current is not None and current.get("id") is not None:
            self._by_id.pop(str(current["id"]), None)
        if record is not None:
            self._by_key[key] = record
            if record.get("id") is not None:
                self._index_id(record["id"], key)

    def _index_id(self, ident: Any, key: str) -> None:
        text = str(ident)
        self._by_id[text] = key
        if text.isdigit() and not isinstance(ident, bool):
            self.top_numeric_id = max(self.top_numeric_id, int(text))

    def clear(self) -> None:
        """Remove everything (not journaled; for ``reset``)."""
        self._by_key.clear()
        self._by_id.clear()
        self.top_numeric_id = 0


class Store:
    """Every collection of the tenant, plus the journal behind :meth:`atomic`."""

    def __init__(self) -> None:
        self._collections: dict[str, Collection] = {}
        self._journal: list[tuple[Collection, str, Record | None]] | None = None
        self._seen: set[tuple[str, str]] = set()
        self.version = 0
        """Grows on every change (a cache of derived data is valid while it stays the same)."""

    def __getitem__(self, kind: str) -> Collection:
        collection = self._collections.get(kind)
        if collection is None:
            collection = self._collections[kind] = Collection(self, kind)
        return collection

    def kinds(self) -> list[str]:
        """Names of the collections that exist."""
        return list(self._collections)

    def holds_key(self, key: str) -> bool:
        """Whether a record of any kind has this ``encodedKey`` (Mambu's keys are unique tenant-wide)."""
        return any(key in collection._by_key for collection in self._collections.values())

    def _remember(self, collection: Collection, key: str, old: Record | None) -> None:
        self.version += 1
        if self._journal is None or (collection.kind, key) in self._seen:
            return
        self._seen.add((collection.kind, key))
        self._journal.append((collection, key, old))

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """Undo every ``put``/``remove`` made inside the block if it raises (nesting joins the outer)."""
        if self._journal is not None:
            yield
            return
        self._journal = []
        self._seen = set()
        try:
            yield
        except BaseException:
            for collection, key, old in reversed(self._journal):
                collection._restore(key, old)
            self.version += 1
            raise
        finally:
            self._journal = None
            self._seen = set()

    def clear(self) -> None:
        """Forget every record."""
        self._collections.clear()
