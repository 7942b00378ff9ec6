"""The core resources of the fake: each module registers its entity kinds and routes on a FakeMambu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mambu_async.testing.resources import (
    accounting,
    backup,
    cards,
    comments,
    communications,
    credit_arrangements,
    currencies,
    customfields,
    documents,
    entities,
    functions,
    index_rates,
    organization,
    product_actions,
    transactions,
    v1,
)

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu


def install(fake: FakeMambu) -> None:
    """Register every core entity kind and route on ``fake``."""
    core = (entities, transactions, customfields, comments, documents, backup, currencies, functions, v1)
    for module in core:
        module.install(fake)
    for extra in (organization, credit_arrangements, accounting, index_rates, communications, cards):
        extra.install(fake)
    product_actions.install(fake)
