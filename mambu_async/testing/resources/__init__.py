"""The core resources of the fake: each module registers its entity kinds and routes on a FakeMambu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mambu_async.testing.resources import (
    accounting,
    cards,
    comments,
    communications,
    credit_arrangements,
    customfields,
    documents,
    entities,
    index_rates,
    organization,
    product_actions,
    transactions,
)

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu


def install(fake: FakeMambu) -> None:
    """Register every core entity kind and route on ``fake``."""
    for module in (entities, transactions, customfields, comments, documents):
        module.install(fake)
    for extra in (organization, credit_arrangements, accounting, index_rates, communications, cards):
        extra.install(fake)
    product_actions.install(fake)
