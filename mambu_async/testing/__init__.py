"""Testing support: FakeMambu (an in-memory tenant), FakeConnector and the emulator.

Importing this package needs no optional dependency and imports nothing heavy (the pytest plugin loads
it with pytest): each name is imported from its module on first use; ``emulator_app`` imports starlette
when called.
"""

from typing import TYPE_CHECKING

from mambu_async._lazy import lazy_exports

if TYPE_CHECKING:
    from mambu_async.testing.backend import DEFAULT_API_KEY, DEFAULT_PASSWORD, DEFAULT_USERNAME, FakeMambu
    from mambu_async.testing.clock import FakeClock
    from mambu_async.testing.connector import FakeConnector
    from mambu_async.testing.emulator import emulator_app
else:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "DEFAULT_API_KEY": "mambu_async.testing.backend",
            "DEFAULT_PASSWORD": "mambu_async.testing.backend",
            "DEFAULT_USERNAME": "mambu_async.testing.backend",
            "FakeClock": "mambu_async.testing.clock",
            "FakeConnector": "mambu_async.testing.connector",
            "FakeMambu": "mambu_async.testing.backend",
            "emulator_app": "mambu_async.testing.emulator",
        },
        globals(),
    )

__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_PASSWORD",
    "DEFAULT_USERNAME",
    "FakeClock",
    "FakeConnector",
    "FakeMambu",
    "emulator_app",
]
