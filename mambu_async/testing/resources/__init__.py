"""The core resources of the fake: each module registers its entity kinds and routes on a FakeMambu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mambu_async.testing.resources import (
    backup,
    comments,
    currencies,
    customfields,
    documents,
    entities,
    functions,
    transactions,
    v1,
)

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu


def install(fake: FakeMambu) -> None:
    """Register every core entity kind and route on ``fake``."""
    modules = (entities, transactions, customfields, comments, documents, backup, currencies, functions, v1)
    for module in modules:
        module.install(fake)
