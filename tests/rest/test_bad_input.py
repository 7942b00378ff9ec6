"""Bad input raises MambuValidationError (a ValueError) before any request is sent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import respx

from mambu_async import MambuConnectorREST, MambuValidationError

NAIVE = dt.datetime(2024, 1, 1, 12, 0)
Call = Callable[[MambuConnectorREST], Awaitable[Any]]

CASES: dict[str, Call] = {
    "empty id": lambda c: c.mambu_get("", "loans"),
    "blank id": lambda c: c.mambu_get("  ", "loans"),
    "None id": lambda c: c.mambu_get(None, "loans"),  # type: ignore[arg-type]
    "float id": lambda c: c.mambu_get(1.5, "loans"),  # type: ignore[arg-type]
    "empty prefix": lambda c: c.mambu_get("L1", ""),
    "None prefix": lambda c: c.mambu_get_all(None),  # type: ignore[arg-type]
    "prefix with query": lambda c: c.mambu_get_all("loans?x=1"),
    "prefix with dot segment": lambda c: c.mambu_get("L1", "loans/../users"),
    "negative offset": lambda c: c.mambu_get_all("loans", offset=-1),
    "negative limit": lambda c: c.mambu_search("loans", limit=-5),
    "string limit": lambda c: c.mambu_get_all("loans", limit="10"),  # type: ignore[arg-type]
    "bool offset": lambda c: c.mambu_get_all("loans", offset=True),
    "detailsLevel": lambda c: c.mambu_get("L1", "loans", "ALL"),
    "detailsLevel lower case": lambda c: c.mambu_get_all("loans", detailsLevel="full"),
    "paginationDetails": lambda c: c.mambu_get_all("loans", paginationDetails="YES"),
    "search paginationDetails": lambda c: c.mambu_search("loans", paginationDetails="on"),
    "sortBy syntax": lambda c: c.mambu_get_all("clients", sortBy="firstName"),
    "sortBy order": lambda c: c.mambu_get_all("clients", sortBy="firstName:UP"),
    "filters not a dict": lambda c: c.mambu_get_all("clients", filters=[("a", "b")]),  # type: ignore[arg-type]
    "naive datetime filter": lambda c: c.mambu_get_all("clients", filters={"birthDate": NAIVE}),
    "unknown operator": lambda c: c.mambu_search(
        "clients", [{"field": "id", "operator": "LIKE", "value": "x"}]
    ),
    "misspelt EMPTY": lambda c: c.mambu_search("clients", [{"field": "id", "operator": "EMTPY"}]),
    "BETWEEN without second value": lambda c: c.mambu_search(
        "clients", [{"field": "creationDate", "operator": "BETWEEN", "value": "2024-01-01"}]
    ),
    "IN without values": lambda c: c.mambu_search("clients", [{"field": "id", "operator": "IN"}]),
    "unknown sort order": lambda c: c.mambu_search("clients", None, {"field": "id", "order": "UP"}),
    "sortingCriteria without field": lambda c: c.mambu_search("clients", None, {"order": "ASC"}),
    "unknown state action": lambda c: c.mambu_change_state("L1", "loans", "LOCK"),
    "lower-case state action": lambda c: c.mambu_change_state("D1", "deposits", "approve"),
    "changeState on clients": lambda c: c.mambu_change_state("C1", "clients", "APPROVE"),
    "bad action name": lambda c: c.mambu_action("L1", "loans", "pay/off"),
    "naive valueDate": lambda c: c.mambu_make_repayment("L1", Decimal("1"), valueDate=NAIVE),
    "naive disbursement date": lambda c: c.mambu_make_disbursement("L1", firstRepaymentDate=NAIVE),
    "naive datetime in a body": lambda c: c.mambu_create("clients", {"birthDate": NAIVE}),
    "naive datetime in a patch": lambda c: c.mambu_patch("C1", "clients", [("REPLACE", "x", NAIVE)]),
    "float amount": lambda c: c.mambu_make_repayment("L1", 10.5),
    "float in a body": lambda c: c.mambu_update("C1", "clients", {"income": 10.5}),
    "float deposit": lambda c: c.mambu_make_deposit("D1", 0.1),
    "non-numeric amount": lambda c: c.mambu_make_withdrawal("D1", "ten"),
    "missing amount": lambda c: c.mambu_make_fee("L1", None),
    "infinite amount": lambda c: c.mambu_make_repayment("L1", Decimal("Infinity")),
    "float kwarg amount": lambda c: c.mambu_make_disbursement("L1", amount=100.0),
    "date as int": lambda c: c.mambu_make_repayment("L1", Decimal("1"), valueDate=20240101),
    "notes not text": lambda c: c.mambu_loanaccount_writeoff("L1", 42),  # type: ignore[arg-type]
    "field not allowed": lambda c: c.mambu_make_repayment("L1", Decimal("1"), None, None, ["notes"], foo=1),
    "naive datetime kwarg": lambda c: c.mambu_make_deposit("D1", Decimal("1"), bookingDate=NAIVE),
    "installment number": lambda c: c.mambu_make_fee("L1", Decimal("1"), 0),
    "transfer without account": lambda c: c.mambu_make_transfer(
        "D1", Decimal("1"), {"linkedAccountType": "LOAN"}
    ),
    "transfer account type": lambda c: c.mambu_make_transfer(
        "D1", Decimal("1"), {"linkedAccountType": "CARD", "linkedAccountId": "X"}
    ),
    "adjust extra field": lambda c: c.mambu_deposittransaction_adjust("T1", amount=1),
    "patch op": lambda c: c.mambu_patch("C1", "clients", [("UPSERT", "x", 1)]),
    "patch empty": lambda c: c.mambu_patch("C1", "clients", []),
    "patch add without value": lambda c: c.mambu_patch("C1", "clients", [("ADD", "x")]),
    "attrs not a dict": lambda c: c.mambu_create("clients", ["a"]),  # type: ignore[arg-type]
    "comment owner type": lambda c: c.mambu_comment("C1", "PERSON", "hi"),
    "empty comment": lambda c: c.mambu_comment("C1", "CLIENT", " "),
    "comments owner type": lambda c: c.mambu_get_comments("C1", "client"),
    "documents owner type": lambda c: c.mambu_get_documents_metadata("C1", "LOAN"),
    "upload owner type": lambda c: c.mambu_upload_document("NOBODY", "C1", b"x", "n", file_name="a.pdf"),
    "upload without file name": lambda c: c.mambu_upload_document("CLIENT", "C1", b"x", "n"),
    "upload two extensions": lambda c: c.mambu_upload_document(
        "CLIENT", "C1", b"x", "n", file_name="a.tar.gz"
    ),
    "upload bad type": lambda c: c.mambu_upload_document("CLIENT", "C1", b"x", "n", file_name="a.exe"),
    "upload bad characters": lambda c: c.mambu_upload_document(
        "CLIENT", "C1", b"x", "n", file_name="a#b.pdf"
    ),
    "upload too big": lambda c: c.mambu_upload_document(
        "CLIENT", "C1", b"0" * (50 * 1024 * 1024 + 1), "n", file_name="a.pdf"
    ),
    "upload missing file": lambda c: c.mambu_upload_document("CLIENT", "C1", Path("/no/such/file.pdf"), "n"),
    "upload empty title": lambda c: c.mambu_upload_document("CLIENT", "C1", b"x", "", file_name="a.pdf"),
    "idempotency key not a UUID": lambda c: c.mambu_create("clients", {}, idempotency_key="abc"),
    "fetch_page limit above 1000": lambda c: c.fetch_page("loans", offset=0, limit=1001, search=False),
    "fetch_page negative offset": lambda c: c.fetch_page("loans", offset=-1, limit=10, search=True),
    "download empty id": lambda c: c.mambu_download_document(""),
    "delete document empty id": lambda c: c.mambu_delete_document(""),
    "schedule None id": lambda c: c.mambu_loanaccount_getSchedule(None),  # type: ignore[arg-type]
    "customfield empty id": lambda c: c.mambu_get_customfield(""),
    "id dot": lambda c: c.mambu_get(".", "clients"),
    "delete id dot dot": lambda c: c.mambu_delete("..", "clients"),
    "update id dot dot": lambda c: c.mambu_update("..", "loans", {"id": "L1"}),
    "id with a newline": lambda c: c.mambu_get("C1\nX", "clients"),
    "id with a NUL": lambda c: c.mambu_delete("C\x001", "clients"),
    "prefix with a control character": lambda c: c.mambu_get("C1", "clie\x01nts"),
    "prefix dot dot": lambda c: c.mambu_get_all("loans/.."),
    "NaN amount": lambda c: c.mambu_make_deposit("D1", Decimal("NaN")),
    "Infinity in a patch": lambda c: c.mambu_patch(
        "L1", "loans", [("REPLACE", "loanAmount", Decimal("Infinity"))]
    ),
    "NaN in a body": lambda c: c.mambu_update("L1", "loans", {"loanAmount": Decimal("-NaN")}),
    "body nested too deeply": lambda c: c.mambu_create("clients", _deep(50_000)),
}


def _deep(depth: int) -> dict[str, Any]:
    """A dict nested ``depth`` levels (built without recursion)."""
    root: dict[str, Any] = {}
    node = root
    for _ in range(depth):
        node["a"] = {}
        node = node["a"]
    return root


@pytest.mark.parametrize("call", list(CASES.values()), ids=list(CASES))
async def test_bad_input_fails_before_any_request(
    mock: respx.MockRouter, conn: MambuConnectorREST, call: Call
) -> None:
    route = mock.route()
    with pytest.raises(MambuValidationError) as caught:
        await call(conn)
    assert isinstance(caught.value, ValueError)
    assert caught.value.status_code is None
    assert not route.called


@pytest.mark.parametrize(
    "options",
    [
        {"max_concurrency": 0},
        {"page_size": 0},
        {"max_retries": -1},
        {"timeout": 0},
        {"timeout": "30"},
        {"retry_after_cap": -1},
    ],
)
def test_bad_connector_options(options: dict[str, Any]) -> None:
    with pytest.raises(MambuValidationError):
        MambuConnectorREST("https://acme.mambu.com", api_key="k", **options)
