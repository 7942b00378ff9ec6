"""Testing support: FakeMambu (an in-memory tenant), FakeConnector and the emulator.

Importing this package needs no optional dependency; ``emulator_app`` imports starlette when called.
"""

from mambu_async.testing.backend import DEFAULT_API_KEY, DEFAULT_PASSWORD, DEFAULT_USERNAME, FakeMambu
from mambu_async.testing.clock import FakeClock
from mambu_async.testing.connector import FakeConnector
from mambu_async.testing.emulator import emulator_app

__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_PASSWORD",
    "DEFAULT_USERNAME",
    "FakeClock",
    "FakeConnector",
    "FakeMambu",
    "emulator_app",
]
