"""The one JSON codec: non-integer numbers decode to ``Decimal``, ``Decimal`` encodes as a number.

msgspec keeps every digit both ways (``float_hook=Decimal``, ``decimal_format="number"``) and is
several times faster than the standard library with ``parse_float=Decimal``, which matters to bulk
pulls (see ``benchmarks/``).

Large documents (a page of 1000 FULL loans is about 2.4 MB) are decoded with the cyclic garbage
collector paused: decoded JSON holds no reference cycles, so every collection that the decoder's
allocations trigger only walks the half-built result again and frees nothing. On a bulk pull that was
about a tenth of the CPU time. The collector is left alone when the caller had switched it off.
"""

from __future__ import annotations

import gc
from decimal import Decimal
from typing import Any

import msgspec

_decoder = msgspec.json.Decoder(float_hook=Decimal)

#: Documents at least this long are decoded with the cyclic GC paused (see the module docstring).
GC_PAUSE_BYTES = 64 * 1024


def _enc_hook(obj: Any) -> Any:
    raise TypeError(f"cannot encode {type(obj).__name__} as JSON")


_encoder = msgspec.json.Encoder(decimal_format="number", enc_hook=_enc_hook)


def loads(data: bytes | str) -> Any:
    """Decode JSON; floats become ``Decimal``. Raises ``msgspec.DecodeError`` on bad input."""
    if len(data) < GC_PAUSE_BYTES or not gc.isenabled():
        return _decoder.decode(data)
    gc.disable()
    try:
        return _decoder.decode(data)
    finally:
        gc.enable()


def dumps(obj: Any) -> bytes:
    """Encode JSON; ``Decimal`` as a number, ``date``/``datetime`` as ISO strings."""
    return _encoder.encode(obj)


def to_wire(obj: Any) -> Any:
    """The JSON value ``obj`` becomes after a round trip through the wire (a deep copy)."""
    return _decoder.decode(_encoder.encode(obj))


DecodeError = msgspec.DecodeError

__all__ = ["DecodeError", "dumps", "loads", "to_wire"]
