"""Large documents are decoded with the cyclic GC paused, and the caller's GC setting is kept."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from decimal import Decimal

import pytest

from mambu_async import _json

LARGE = b"[" + b",".join(b'{"k":"%d","amount":1.%d,"tags":[]}' % (i, i) for i in range(5000)) + b"]"


@pytest.fixture
def gc_enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_large_document_is_decoded_without_collections_and_gc_comes_back(gc_enabled: None) -> None:
    assert len(LARGE) >= _json.GC_PAUSE_BYTES
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.collect()
    gc.callbacks.append(count)
    try:
        rows = _json.loads(LARGE)
    finally:
        gc.callbacks.remove(count)
    assert collections == []
    assert gc.isenabled()
    assert len(rows) == 5000 and rows[7] == {"k": "7", "amount": Decimal("1.7"), "tags": []}


def test_a_bad_large_document_still_raises_and_gc_comes_back(gc_enabled: None) -> None:
    with pytest.raises(_json.DecodeError):
        _json.loads(LARGE[:-1])
    assert gc.isenabled()


def test_gc_switched_off_by_the_caller_stays_off(gc_enabled: None) -> None:
    gc.disable()
    _json.loads(LARGE)
    assert not gc.isenabled()
