"""Large documents are decoded with the cyclic GC paused, and the caller's GC setting is kept."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

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


class _Watching:
    """The module's decoder, recording whether the cyclic GC was on while it ran."""

    def __init__(self, decoder: Any) -> None:
        self.decoder = decoder
        self.gc_on: list[bool] = []

    def decode(self, data: bytes | str) -> Any:
        self.gc_on.append(gc.isenabled())
        return self.decoder.decode(data)


def test_large_document_is_decoded_without_collections_and_gc_comes_back(
    gc_enabled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only the decoding itself is watched (coverage and other tests may collect around it).
    watching = _Watching(_json._decoder)
    monkeypatch.setattr(_json, "_decoder", watching)
    assert len(LARGE) >= _json.GC_PAUSE_BYTES
    rows = _json.loads(LARGE)
    small = _json.loads(b'{"amount": 2.50}')
    assert watching.gc_on == [False, True]  # paused for the large document only
    assert gc.isenabled()
    assert len(rows) == 5000 and rows[7] == {"k": "7", "amount": Decimal("1.7"), "tags": []}
    assert small == {"amount": Decimal("2.50")}


def test_a_bad_large_document_still_raises_and_gc_comes_back(gc_enabled: None) -> None:
    with pytest.raises(_json.DecodeError):
        _json.loads(LARGE[:-1])
    assert gc.isenabled()


def test_gc_switched_off_by_the_caller_stays_off(gc_enabled: None) -> None:
    gc.disable()
    _json.loads(LARGE)
    assert not gc.isenabled()
