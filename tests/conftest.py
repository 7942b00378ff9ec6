"""Suite-wide fixtures: this suite's tenants stand still at a fixed instant (tests move them with advance)."""

from __future__ import annotations

import pytest

from mambu_async.testing import FakeMambu
from mambu_async.testing.clock import DEFAULT_NOW


@pytest.fixture
def mambu_fake() -> FakeMambu:
    """The plugin's empty tenant, frozen at ``DEFAULT_NOW`` so dates in assertions are fixed."""
    return FakeMambu(now=DEFAULT_NOW)
