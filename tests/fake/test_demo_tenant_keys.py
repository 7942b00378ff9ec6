"""The demo tenant's encodedKeys are unique across every kind, as Mambu's are."""

from __future__ import annotations

from mambu_async.testing import FakeMambu
from mambu_async.testing.factories import build_demo_tenant


def test_encoded_keys_are_unique_across_kinds() -> None:
    fake = FakeMambu()
    build_demo_tenant(fake, clients=20, loans=30, deposits=10)
    keys = [r["encodedKey"] for kind in fake.store.kinds() for r in fake.store[kind].values()]
    assert len(keys) > 100
    assert len(keys) == len(set(keys))


def test_same_arguments_build_the_same_tenant() -> None:
    first, second = FakeMambu(), FakeMambu()
    build_demo_tenant(first, clients=5, loans=5, deposits=5)
    build_demo_tenant(second, clients=5, loans=5, deposits=5)
    assert [r["encodedKey"] for r in first.store["loans"].values()] == [
        r["encodedKey"] for r in second.store["loans"].values()
    ]
