"""Change tracking: exactly the changed attributes and custom fields become patch operations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from mambu_async import MambuValidationError, _json
from mambu_async.entities import MambuClient, MambuCustomField, MambuLoan
from mambu_async.entities.client import Address


def loaded_loan() -> MambuLoan:
    return MambuLoan.from_wire(
        _json.to_wire(
            {
                "id": "L1",
                "encodedKey": "8a1",
                "loanName": "Car",
                "notes": "old",
                "loanAmount": Decimal("1000.00"),
                "creationDate": "2024-01-02T03:04:05.000-06:00",
                "disbursementDetails": {"expectedDisbursementDate": "2024-02-01T00:00:00-06:00", "fees": []},
                "_Loan_Info": {"purpose": "car", "approved": "FALSE"},
                "_Collateral": [{"_index": "0", "kind": "car", "value": 10}, {"_index": "1", "kind": "boat"}],
            }
        )
    )


def test_reading_every_field_changes_nothing() -> None:
    loan = loaded_loan()
    _ = (loan.loan_name, loan.creation_date, loan.disbursement_details.expected_disbursement_date)
    _ = loan.custom_fields["_Collateral"][0]["kind"]
    assert loan.changes() == []


def test_one_changed_field_is_one_replace() -> None:
    loan = loaded_loan()
    loan.loan_name = "Truck"
    assert loan.changes() == [{"op": "REPLACE", "path": "/loanName", "value": "Truck"}]


def test_absent_field_is_added_and_none_removes() -> None:
    loan = loaded_loan()
    loan.arrears_tolerance_period = 3
    loan.notes = None
    assert loan.changes() == [
        {"op": "ADD", "path": "/arrearsTolerancePeriod", "value": 3},
        {"op": "REMOVE", "path": "/notes"},
    ]


def test_nested_value_object_change_uses_its_path() -> None:
    loan = loaded_loan()
    new_date = dt.datetime(2024, 3, 1, tzinfo=dt.timezone(dt.timedelta(hours=-6)))
    loan.disbursement_details.expected_disbursement_date = new_date
    assert loan.changes() == [
        {
            "op": "REPLACE",
            "path": "/disbursementDetails/expectedDisbursementDate",
            "value": "2024-03-01T00:00:00-06:00",
        }
    ]


def test_replaced_list_is_one_operation() -> None:
    client = MambuClient.from_wire({"id": "C1", "addresses": [{"city": "A", "indexInList": 0}]})
    client.addresses.append(Address(city="B"))
    assert client.changes() == [
        {"op": "REPLACE", "path": "/addresses", "value": [{"city": "A", "indexInList": 0}, {"city": "B"}]}
    ]


def test_custom_field_paths_standard_and_grouped() -> None:
    loan = loaded_loan()
    loan.custom_fields["_Loan_Info"]["approved"] = True
    loan.custom_fields["_Collateral"][1]["kind"] = "plane"
    loan.custom_fields.set("_New_Set", "flag", "x")
    assert loan.changes() == [
        {"op": "REPLACE", "path": "/_Loan_Info/approved", "value": "TRUE"},
        {"op": "REPLACE", "path": "/_Collateral/1/kind", "value": "plane"},
        {"op": "ADD", "path": "/_New_Set", "value": {"flag": "x"}},
    ]


def test_changes_limited_to_named_fields() -> None:
    loan = loaded_loan()
    loan.loan_name = "Truck"
    loan.notes = "new"
    loan.custom_fields["_Loan_Info"]["purpose"] = "home"
    loan.custom_fields["_Collateral"][0]["kind"] = "van"
    assert loan.changes(["loan_name", "_Collateral.kind"]) == [
        {"op": "REPLACE", "path": "/loanName", "value": "Truck"},
        {"op": "REPLACE", "path": "/_Collateral/0/kind", "value": "van"},
    ]
    assert loan.changes(["notes", "_Loan_Info"]) == [
        {"op": "REPLACE", "path": "/notes", "value": "new"},
        {"op": "REPLACE", "path": "/_Loan_Info/purpose", "value": "home"},
    ]
    with pytest.raises(MambuValidationError, match="no field 'loan_nmae'"):
        loan.changes(["loan_nmae"])


def test_update_document_keeps_unknown_keys_and_sets() -> None:
    raw = _json.to_wire(
        {"id": "C1", "firstName": "Ana", "futureKey": [1], "_S": {"a": "1"}, "_G": [{"_index": "0"}]}
    )
    client = MambuClient.from_wire(_json.to_wire(raw))
    client.first_name = "Ana Maria"
    assert client.to_wire() == {**raw, "firstName": "Ana Maria"}


def test_custom_fields_read_raw_or_typed() -> None:
    loan = loaded_loan()
    assert loan.custom_fields["_Loan_Info"]["approved"] == "FALSE"
    assert loan.custom_fields.value("_Collateral", "kind", index=1) == "boat"
    assert loan.custom_fields["_Collateral"][1]["_index"] == "1"
    checkbox = MambuCustomField.from_wire({"id": "approved", "type": "CHECKBOX"})
    number = MambuCustomField.from_wire({"id": "value", "type": "NUMBER"})
    date = MambuCustomField.from_wire({"id": "since", "type": "DATE"})
    assert loan.custom_fields.typed("_Loan_Info", "approved", checkbox) is False
    assert loan.custom_fields.typed("_Collateral", "value", number, index=0) == Decimal(10)
    assert date.to_python("2024-05-06") == dt.date(2024, 5, 6)
    assert checkbox.to_wire_value(True) == "TRUE"
    with pytest.raises(MambuValidationError, match="grouped set"):
        loan.custom_fields.value("_Collateral", "kind")
