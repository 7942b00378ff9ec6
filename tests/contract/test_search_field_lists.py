"""The search fields a user may send are one list: the entities' client-side check and the fake's
``:search`` both read :mod:`mambu_async.search_fields`, so a documented field is accepted by both (on
either connector) and neither can drift from the other."""

from __future__ import annotations

from typing import Any

import pytest

from mambu_async import search_fields
from mambu_async.entities import (
    F,
    MambuClient,
    MambuDeposit,
    MambuDepositTransaction,
    MambuGroup,
    MambuLoan,
    MambuLoanTransaction,
)
from mambu_async.entities.base import SearchableMixin
from mambu_async.errors import MambuValidationError
from mambu_async.testing import FakeMambu
from mambu_async.testing.factories import build_demo_tenant
from mambu_async.testing.schema import openapi

ENTITIES: list[tuple[type[SearchableMixin], str, tuple[str, ...], tuple[str, ...]]] = [
    (MambuLoan, "loans", search_fields.LOAN_FILTER_FIELDS, search_fields.LOAN_SORTING_FIELDS),
    (MambuDeposit, "deposits", search_fields.DEPOSIT_FILTER_FIELDS, search_fields.DEPOSIT_SORTING_FIELDS),
    (MambuClient, "clients", search_fields.CLIENT_FILTER_FIELDS, search_fields.CLIENT_SORTING_FIELDS),
    (MambuGroup, "groups", search_fields.GROUP_FILTER_FIELDS, search_fields.GROUP_SORTING_FIELDS),
    (
        MambuLoanTransaction,
        "loantransactions",
        search_fields.LOAN_TRANSACTION_FILTER_FIELDS,
        search_fields.LOAN_TRANSACTION_SORTING_FIELDS,
    ),
    (
        MambuDepositTransaction,
        "deposittransactions",
        search_fields.DEPOSIT_TRANSACTION_FILTER_FIELDS,
        search_fields.DEPOSIT_TRANSACTION_SORTING_FIELDS,
    ),
]


@pytest.mark.parametrize(
    ("entity", "kind", "filters", "sorts"), ENTITIES, ids=lambda v: getattr(v, "__name__", "")
)
def test_the_entity_and_the_fake_read_the_same_lists(
    entity: type[SearchableMixin], kind: str, filters: tuple[str, ...], sorts: tuple[str, ...]
) -> None:
    assert entity._search_fields is filters and entity._search_sort_fields is sorts
    fake_kind = FakeMambu().kind(kind)
    assert list(fake_kind.search_fields) == list(filters)
    assert list(fake_kind.sorting_fields) == list(sorts)
    assert len(set(filters)) == len(filters) and len(set(sorts)) == len(sorts)


def _enum(file: str, definition: str) -> list[str]:
    return list(openapi(file)["definitions"][definition]["properties"]["field"]["enum"])


def test_the_lists_the_openapi_files_hold_are_their_enums() -> None:
    assert (
        *_enum("clients", "ClientFilterCriteria"),
        "mobilePhoneNumber2",
    ) == search_fields.CLIENT_FILTER_FIELDS
    assert list(search_fields.CLIENT_SORTING_FIELDS) == _enum("clients", "ClientSortingCriteria")
    assert list(search_fields.DEPOSIT_TRANSACTION_FILTER_FIELDS) == _enum(
        "deposit_transactions", "DepositTransactionFilterCriteria"
    )
    assert list(search_fields.DEPOSIT_TRANSACTION_SORTING_FIELDS) == _enum(
        "deposit_transactions", "DepositTransactionSortingCriteria"
    )


# fields the entities and the fake used to disagree on, plus one plain documented field per entity
ACCEPTED: list[tuple[type[SearchableMixin], str, str]] = [
    (MambuLoan, "balances.interestBalance", "NOT_EMPTY"),
    (MambuLoan, "balance.interestBalance", "NOT_EMPTY"),
    (MambuLoan, "hasSettlementAccount", "EMPTY"),
    (MambuLoan, "tranches.parentAccountKey", "EMPTY"),
    (MambuLoan, "lastAccountAppraisalDate", "NOT_EMPTY"),
    (MambuLoan, "disbursementDetails.firstRepaymentDate", "NOT_EMPTY"),
    (MambuDeposit, "lockedDate", "EMPTY"),
    (MambuDeposit, "creditArrangementKey", "EMPTY"),
    (MambuDeposit, "productCategory", "EMPTY"),
    (MambuDeposit, "taxApplied", "EMPTY"),
    (MambuClient, "mobilePhoneNumber2", "EMPTY"),
    (MambuGroup, "numberOfMembers", "NOT_EMPTY"),
    (MambuLoanTransaction, "bookingDate", "NOT_EMPTY"),
    (MambuLoanTransaction, "parentAccountHolderKey", "NOT_EMPTY"),
    (MambuDepositTransaction, "affectedAmounts.fundsAmount", "NOT_EMPTY"),
]


@pytest.mark.parametrize(("entity", "field", "operator"), ACCEPTED, ids=lambda v: getattr(v, "__name__", v))
async def test_a_documented_field_is_accepted_client_side_and_by_the_fake(
    mambu_connector: Any, mambu_fake: FakeMambu, entity: type[SearchableMixin], field: str, operator: str
) -> None:
    build_demo_tenant(mambu_fake, clients=3, loans=4, deposits=3, groups=1)
    criterion = F(field).empty() if operator == "EMPTY" else F(field).not_empty()
    found = await entity.search(connector=mambu_connector, filter_criteria=[criterion], limit=5)
    assert isinstance(found, list)
    assert all(isinstance(row, entity) for row in found)


@pytest.mark.parametrize("field", ["tranches.expectedDisbursementDate", "loanAmmount"])
def test_an_undocumented_loan_field_is_refused_before_any_request(field: str) -> None:
    with pytest.raises(MambuValidationError, match=field):
        MambuLoan.search_field(field)
