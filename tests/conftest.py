"""Suite-wide fixtures: this suite's tenants stand still at a fixed instant (tests move them with advance)
and refuse query parameters an endpoint does not declare, so the library is seen to send only those."""

from __future__ import annotations

import pytest

from mambu_async.testing import FakeMambu
from mambu_async.testing.clock import DEFAULT_NOW


@pytest.fixture
def mambu_fake() -> FakeMambu:
    """The plugin's empty tenant, frozen at ``DEFAULT_NOW`` so dates in assertions are fixed, strict about
    query parameters (Mambu ignores undeclared ones; a misspelt one must fail here)."""
    fake = FakeMambu(now=DEFAULT_NOW)
    fake.strict_params = True
    return fake
