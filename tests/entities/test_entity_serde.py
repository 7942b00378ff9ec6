"""The converter and lazy models: Decimal, offsets, dates, enums, unknown keys, strict mode, error paths."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from samples import full

from mambu_async import MambuResponseError, _json
from mambu_async.entities import (
    MambuClient,
    MambuDeposit,
    MambuFieldError,
    MambuLoan,
    MambuLoanProduct,
    converter,
    strict,
)
from mambu_async.entities.client import Address, ClientState
from mambu_async.entities.loan import DisbursementDetails, LoanAccountState
from mambu_async.entities.serde import to_camel, to_snake

ENTITIES = [
    ("clients", "Client", MambuClient),
    ("loans", "LoanAccount", MambuLoan),
    ("deposit_accounts", "DepositAccount", MambuDeposit),
    ("loanproducts", "LoanProduct", MambuLoanProduct),
]


@pytest.mark.parametrize(("spec", "name", "cls"), ENTITIES)
def test_openapi_document_round_trips_with_every_field_typed(spec: str, name: str, cls: type) -> None:
    doc = full(spec, name)
    future = doc.pop("someFutureField")
    wire = _json.to_wire(doc)
    with strict():  # every documented property is modelled, every value fits its type
        entity = cls.from_wire(_json.to_wire(doc))
    entity.check_strict()
    assert entity.custom_fields["_Personal"]["income"] == Decimal("15000.50")
    assert entity.to_wire() == wire
    assert entity.diff() == []
    doc["someFutureField"] = future
    assert cls.from_wire(_json.to_wire(doc)).to_wire()["someFutureField"] == future


def test_money_keeps_more_digits_than_a_float() -> None:
    raw = _json.loads(
        b'{"id": "L1", "loanAmount": 12345678901234567.891234, "balances": {"principalDue": 0.1}}'
    )
    loan = MambuLoan.from_wire(raw)
    assert loan.loan_amount == Decimal("12345678901234567.891234")
    assert isinstance(loan.balances.principal_due, Decimal)
    loan.loan_amount = loan.loan_amount + Decimal("0.000001")
    assert _json.dumps(loan.to_wire()).count(b"12345678901234567.891235") == 1


def test_datetimes_keep_mambus_offset_and_dates_stay_dates() -> None:
    client = MambuClient.from_wire(
        {
            "creationDate": "2024-03-05T10:11:12+05:30",
            "birthDate": "1987-04-26",
            "approvedDate": "2024-01-01T00:00:00.250-06:00",
        }
    )
    assert client.creation_date == dt.datetime(
        2024, 3, 5, 10, 11, 12, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))
    )
    assert client.creation_date.utcoffset() == dt.timedelta(hours=5, minutes=30)
    assert client.birth_date == dt.date(1987, 4, 26)
    client.birth_date = dt.date(1987, 4, 27)
    wire = client.to_wire()
    assert wire["creationDate"] == "2024-03-05T10:11:12+05:30"
    assert wire["approvedDate"] == "2024-01-01T00:00:00.250-06:00"
    assert wire["birthDate"] == "1987-04-27"


def test_enums_known_and_unknown() -> None:
    loan = MambuLoan.from_wire({"accountState": "ACTIVE", "accountSubState": "SOMETHING_NEW"})
    assert loan.account_state is LoanAccountState.ACTIVE
    assert loan.account_state == "ACTIVE"
    assert loan.account_sub_state == "SOMETHING_NEW"
    assert loan.to_wire() == {"accountState": "ACTIVE", "accountSubState": "SOMETHING_NEW"}
    with strict(), pytest.raises(MambuFieldError, match=r"MambuLoan\.accountSubState"):
        MambuLoan.from_wire({"accountSubState": "SOMETHING_NEW"})


def test_unknown_keys_kept_verbatim_and_refused_in_strict_mode() -> None:
    raw = {"id": "C1", "newThing": {"a": [1, 2]}, "addresses": [{"city": "X", "geo": "unknown"}]}
    client = MambuClient.from_wire(_json.to_wire(raw))
    client.addresses[0].city = "Y"
    assert client.to_wire() == {
        "id": "C1",
        "newThing": {"a": [1, 2]},
        "addresses": [{"city": "Y", "geo": "unknown"}],
    }
    with strict(), pytest.raises(MambuFieldError) as caught:
        MambuClient.from_wire(_json.to_wire(raw))
    assert caught.value.path == "MambuClient.newThing"


@pytest.mark.parametrize(
    ("raw", "read", "path"),
    [
        (
            {"disbursementDetails": {"expectedDisbursementDate": "soon"}},
            lambda e: e.disbursement_details.expected_disbursement_date,
            "MambuLoan.disbursementDetails.expectedDisbursementDate",
        ),
        ({"loanAmount": "12x"}, lambda e: e.loan_amount, "MambuLoan.loanAmount"),
        ({"creationDate": "2024-01-01T00:00:00"}, lambda e: e.creation_date, "MambuLoan.creationDate"),
        ({"balances": ["not", "an", "object"]}, lambda e: e.balances, "MambuLoan.balances"),
        (
            {"guarantors": [{}, {"amount": True}]},
            lambda e: e.guarantors[1].amount,
            "MambuLoan.guarantors[1].amount",
        ),
        (
            {"arrearsTolerancePeriod": "3.5"},
            lambda e: e.arrears_tolerance_period,
            "MambuLoan.arrearsTolerancePeriod",
        ),
        ({"allowOffset": "maybe"}, lambda e: e.allow_offset, "MambuLoan.allowOffset"),
    ],
)
def test_malformed_value_names_its_path(raw: dict, read: object, path: str) -> None:
    loan = MambuLoan.from_wire(raw)
    with pytest.raises(MambuFieldError) as caught:
        read(loan)  # type: ignore[operator]
    assert isinstance(caught.value, MambuResponseError)
    assert caught.value.path == path
    assert path in str(caught.value)


def test_malformed_value_found_at_once_in_strict_mode() -> None:
    with strict(), pytest.raises(MambuFieldError, match=r"MambuClient\.addresses\[0\]\.latitude"):
        MambuClient.from_wire({"addresses": [{"latitude": "north"}]})


def test_the_one_converter_structures_and_unstructures_models() -> None:
    client = converter.structure({"id": "C1", "state": "ACTIVE", "addresses": [{"city": "X"}]}, MambuClient)
    assert client.state is ClientState.ACTIVE
    assert client.addresses == [Address(city="X")]
    assert converter.unstructure(client) == {"id": "C1", "state": "ACTIVE", "addresses": [{"city": "X"}]}
    details = converter.structure({"firstRepaymentDate": "2024-02-01T00:00:00+01:00"}, DisbursementDetails)
    assert details.first_repayment_date.utcoffset() == dt.timedelta(hours=1)


def test_entities_built_locally_write_only_what_is_set() -> None:
    client = MambuClient(first_name="Ana", last_name="Lopez", birth_date=dt.date(1990, 5, 1))
    client.custom_fields.set("_Personal", "isPep", True)
    assert client.to_wire() == {
        "firstName": "Ana",
        "lastName": "Lopez",
        "birthDate": "1990-05-01",
        "_Personal": {"isPep": "TRUE"},
    }
    assert client.details_level is None


def test_camel_and_snake_names() -> None:
    assert to_camel("expected_disbursement_date") == "expectedDisbursementDate"
    assert to_snake("expectedDisbursementDate") == "expected_disbursement_date"
    assert to_snake("productID") == "product_id"


def test_reading_fields_is_lazy() -> None:
    loan = MambuLoan.from_wire({"id": "L1", "loanAmount": "bad"})
    assert loan.id == "L1"  # the malformed amount is only an error when read
    assert "loan_amount" not in loan.__dict__
    assert not hasattr(loan, "no_such_field")
