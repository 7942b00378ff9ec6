"""Fixtures for the banking rule tests."""

from __future__ import annotations

import pytest
from banking_helpers import Call, caller

from mambu_async.testing.backend import FakeMambu
from mambu_async.testing.clock import DEFAULT_NOW


@pytest.fixture
def fake() -> FakeMambu:
    return FakeMambu(now=DEFAULT_NOW)


@pytest.fixture
def call(fake: FakeMambu) -> Call:
    return caller(fake)
