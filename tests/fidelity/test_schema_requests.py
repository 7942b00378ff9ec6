"""Every request the REST connector sends, checked by an independent server built from Mambu's OpenAPI files.

A respx router stands in for a Mambu tenant nobody here wrote: it matches each request to its operation
in the six swagger files (basePath ``/api``) and refuses anything the files do not allow: an unknown path
or method, an undeclared query parameter, a value outside a query enum or not an integer, a body that
breaks the body schema (types, enums, ``date``/``date-time`` formats, required properties) or carries a
top-level property the schema does not name (custom field sets ``_Xxx`` excepted), a body where none is
taken, an ``Idempotency-Key`` where none is declared or that is not a UUID, a missing ``Accept``,
``Content-Type`` or Basic authorization. Then it answers with the operation's documented success status.

The scenario calls every connector operation that maps to an operation of the files, with every enum
value the connector accepts for query parameters and state actions.
"""

from __future__ import annotations

import base64
import copy
import json
import re
import uuid
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import respx

from mambu_async import MambuConnectorREST

SPEC_DIR = Path(__file__).resolve().parents[2] / "mambu_async" / "testing" / "openapi"
FILES = ("clients", "loans", "deposit_accounts", "deposit_transactions", "loanproducts", "depositproducts")
BASE = "https://tenant.example.com/api"
USER, PASSWORD = "reader", "s3cret"

KNOWN_GAPS: frozenset[str] = frozenset()
"""Request discrepancies found and accepted (each explained)."""


class Operation:
    def __init__(self, spec: dict[str, Any], template: str, method: str, op: dict[str, Any]) -> None:
        self.spec = spec
        self.template = template
        self.method = method.upper()
        self.op = op
        self.regex = re.compile(re.sub(r"\\\{[^}]+\\\}", "[^/:]+", re.escape(template)) + r"\Z")
        self.literals = len(re.sub(r"\{[^}]+\}", "", template))
        self.params = {p["name"]: p for p in op.get("parameters", [])}

    @property
    def name(self) -> str:
        return f"{self.method} {self.template}"


def _operations() -> list[Operation]:
    out = []
    for file in FILES:
        spec = json.loads((SPEC_DIR / f"{file}.json").read_text())
        assert spec["basePath"] == "/api"
        for template, ops in spec["paths"].items():
            out.extend(Operation(spec, template, m, op) for m, op in ops.items() if m != "parameters")
    return out


OPERATIONS = _operations()


def _jsonschema(node: Any) -> Any:
    if isinstance(node, list):
        return [_jsonschema(n) for n in node]
    if not isinstance(node, dict):
        return node
    return {k: _jsonschema(v) for k, v in node.items() if not k.startswith("x-")}


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})\Z")
_FORMATS = jsonschema.FormatChecker(formats=())
_FORMATS.checks("date")(lambda v: not isinstance(v, str) or bool(_DATE.match(v)))
_FORMATS.checks("date-time")(lambda v: not isinstance(v, str) or bool(_DATETIME.match(v)))


def _schema_problems(op: Operation, schema: dict[str, Any], body: Any) -> list[str]:
    definitions = copy.deepcopy(op.spec["definitions"])
    # PatchOperation.value is declared ``type: object`` but documented as "the value of the field, can
    # be null": any JSON value.
    definitions["PatchOperation"]["properties"]["value"] = {}
    root = _jsonschema({"definitions": definitions, **schema})
    validator = jsonschema.Draft4Validator(root, format_checker=_FORMATS)
    problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]
    resolved = schema
    while "$ref" in resolved:
        resolved = definitions[resolved["$ref"].rsplit("/", 1)[-1]]
    if isinstance(body, dict) and "properties" in resolved:
        problems += [
            f"undeclared body property {key}"
            for key in body
            if key not in resolved["properties"] and not key.startswith("_")
        ]
    return problems


class IndependentMambu:
    """The checking server: records every problem, answers the documented success."""

    def __init__(self) -> None:
        self.problems: set[str] = set()
        self.seen: set[str] = set()

    def find(self, method: str, path: str) -> Operation | None:
        matches = [o for o in OPERATIONS if o.method == method and o.regex.match(path)]
        return max(matches, key=lambda o: o.literals) if matches else None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        raw_path = request.url.raw_path.decode("ascii").split("?", 1)[0]
        assert raw_path.startswith("/api/")
        op = self.find(request.method, raw_path[len("/api") :])
        if op is None:
            self.problems.add(f"{request.method} {raw_path}: no such operation in the OpenAPI files")
            return httpx.Response(
                404, json={"errors": [{"errorCode": 3, "errorReason": "INVALID_API_OPERATION"}]}
            )
        self.seen.add(op.name)
        self.problems.update(f"{op.name}: {p}" for p in self.check(op, request))
        return self.answer(op)

    def check(self, op: Operation, request: httpx.Request) -> Iterator[str]:
        headers = request.headers
        if headers.get("accept") != "application/vnd.mambu.v2+json":
            yield f"Accept is {headers.get('accept')!r}"
        expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        if headers.get("authorization") != expected:
            yield "no Basic authorization"
        for name, value in httpx.QueryParams(request.url.query).multi_items():
            declared = op.params.get(name)
            if declared is None or declared["in"] != "query":
                yield f"undeclared query parameter {name}"
            elif "enum" in declared and value not in declared["enum"]:
                yield f"{name}={value} outside {declared['enum']}"
            elif declared.get("type") == "integer" and not re.fullmatch(r"\d+", value):
                yield f"{name}={value} is not a non-negative integer"
        key = headers.get("idempotency-key")
        if key is not None:
            if "Idempotency-Key" not in op.params:
                yield "Idempotency-Key where none is declared"
            else:
                try:
                    uuid.UUID(key)
                except ValueError:
                    yield f"Idempotency-Key {key!r} is not a UUID"
        body_param = next((p for p in op.params.values() if p["in"] == "body"), None)
        if body_param is None:
            if request.content:
                yield "a body the operation does not take"
            return
        if not request.content:
            if body_param.get("required"):
                yield "the required body is missing"
            return
        if not headers.get("content-type", "").startswith("application/json"):
            yield f"Content-Type is {headers.get('content-type')!r}"
        yield from _schema_problems(op, body_param["schema"], json.loads(request.content))

    def answer(self, op: Operation) -> httpx.Response:
        status = next(int(s) for s in op.op["responses"] if s.startswith("2"))
        schema = op.op["responses"][str(status)].get("schema")
        headers = {"content-type": "application/vnd.mambu.v2+json;charset=UTF-8"}
        if schema is None:
            return httpx.Response(status)
        if schema.get("type") == "array":
            return httpx.Response(status, json=[], headers={**headers, "items-total": "0"})
        document = {**_minimal(op.spec["definitions"], schema), "encodedKey": "8a19" + "0" * 28, "id": "X1"}
        return httpx.Response(status, json=document, headers=headers)


def _minimal(definitions: dict[str, Any], node: dict[str, Any]) -> Any:
    """The smallest spec-valid value: required properties only, first enum value."""
    while "$ref" in node:
        node = definitions[node["$ref"].rsplit("/", 1)[-1]]
    kind = node.get("type", "object")
    if kind == "object":
        props = node.get("properties", {})
        return {name: _minimal(definitions, props[name]) for name in node.get("required", ())}
    if kind == "array":
        return []
    if "enum" in node:
        return node["enum"][0]
    samples = {"string": "x", "number": 1, "integer": 1, "boolean": True}
    if node.get("format") == "date-time":
        return "2024-01-02T03:04:05+02:00"
    return "2024-01-02" if node.get("format") == "date" else samples.get(kind, "x")


@pytest.fixture
def server() -> Iterator[IndependentMambu]:
    mambu = IndependentMambu()
    with respx.mock(assert_all_mocked=True) as router:
        router.route(host="tenant.example.com").mock(side_effect=mambu)
        yield mambu


@pytest.fixture
async def conn() -> AsyncIterator[MambuConnectorREST]:
    async def no_sleep(_: float) -> None:
        return None

    async with MambuConnectorREST(BASE, username=USER, password=PASSWORD, sleep=no_sleep, max_retries=0) as c:
        yield c


LOAN_ACTIONS = (
    "REQUEST_APPROVAL",
    "SET_INCOMPLETE",
    "APPROVE",
    "UNDO_APPROVE",
    "REJECT",
    "WITHDRAW",
    "CLOSE",
    "UNDO_REJECT",
    "UNDO_WITHDRAW",
    "UNDO_CLOSE",
)
DEPOSIT_ACTIONS = ("APPROVE", "UNDO_APPROVE", "LOCK", "UNLOCK")
ENTITY_PREFIXES = ("clients", "loans", "deposits", "loanproducts", "depositproducts")


async def test_every_request_fits_the_openapi_files(
    server: IndependentMambu, conn: MambuConnectorREST
) -> None:
    # reads
    for prefix in (*ENTITY_PREFIXES, "deposits/transactions"):
        for level in ("BASIC", "FULL"):
            await conn.mambu_get("A/B 1", prefix, level)
    for level in ("BASIC", "FULL"):
        for pagination in ("ON", "OFF"):
            await conn.mambu_get_all(
                "clients",
                filters={
                    "firstName": "Ana",
                    "lastName": "Li",
                    "idNumber": "9",
                    "branchId": "B1",
                    "centreId": "C",
                    "creditOfficerUsername": "u",
                    "state": "ACTIVE",
                    "birthDate": "1990-01-02",
                },
                offset=5,
                limit=10,
                paginationDetails=pagination,
                detailsLevel=level,
                sortBy="lastName:ASC",
            )
            await conn.mambu_get_all(
                "deposits/D1/transactions",
                offset=0,
                limit=3,
                paginationDetails=pagination,
                detailsLevel=level,
            )
    for state in (
        "PARTIAL_APPLICATION",
        "PENDING_APPROVAL",
        "APPROVED",
        "ACTIVE",
        "ACTIVE_IN_ARREARS",
        "CLOSED",
    ):
        await conn.mambu_get_all(
            "loans",
            filters={
                "accountState": state,
                "accountHolderType": "CLIENT",
                "accountHolderId": "C1",
                "branchId": "B",
                "centreId": "C",
                "creditOfficerUsername": "u",
            },
            limit=2,
        )
    for state in (
        "PENDING_APPROVAL",
        "ACTIVE",
        "MATURED",
        "LOCKED",
        "DORMANT",
        "CLOSED_WRITTEN_OFF",
        "WITHDRAWN",
    ):
        await conn.mambu_get_all(
            "deposits", filters={"accountState": state, "accountHolderType": "GROUP"}, limit=2
        )
    await conn.mambu_get_all("loanproducts", sortBy="name:DESC", limit=4)
    await conn.mambu_search(
        "clients",
        [
            {"field": "lastName", "operator": "EQUALS", "value": "Li"},
            {
                "field": "creationDate",
                "operator": "BETWEEN",
                "value": "2024-01-01",
                "secondValue": "2024-02-01",
            },
            {"field": "clientState", "operator": "IN", "values": ["ACTIVE", "INACTIVE"]},
        ],
        {"field": "creationDate", "order": "DESC"},
        offset=0,
        limit=50,
        paginationDetails="ON",
        detailsLevel="FULL",
    )
    await conn.mambu_search(
        "deposits/transactions",
        [
            {"field": "amount", "operator": "MORE_THAN", "value": "10"},
            {"field": "type", "operator": "EQUALS", "value": "DEPOSIT"},
        ],
        {"field": "valueDate", "order": "ASC"},
        limit=5,
    )
    # writes
    bodies: dict[str, dict[str, Any]] = {
        "clients": {
            "firstName": "Ana",
            "lastName": "Li",
            "birthDate": "1990-01-02",
            "_Personal_Set": {"hobby": "chess"},
        },
        "loans": {
            "accountHolderKey": "k",
            "accountHolderType": "CLIENT",
            "productTypeKey": "p",
            "loanAmount": Decimal("1000.50"),
            "interestSettings": {"interestRate": Decimal("7.5")},
            "scheduleSettings": {
                "gracePeriod": 0,
                "repaymentInstallments": 12,
                "repaymentPeriodUnit": "MONTHS",
            },
        },
        "deposits": {
            "accountHolderKey": "k",
            "accountHolderType": "GROUP",
            "productTypeKey": "p",
            "name": "Savings",
            "accountType": "REGULAR_SAVINGS",
        },
        "loanproducts": {
            "id": "LP1",
            "name": "Micro",
            "type": "FIXED_TERM_LOAN",
            "creditArrangementSettings": {"creditArrangementRequirement": "OPTIONAL"},
        },
        "depositproducts": {
            "id": "DP1",
            "name": "Save",
            "type": "REGULAR_SAVINGS",
            "state": "ACTIVE",
            "accountingSettings": {"accountingMethod": "NONE"},
            "newAccountSettings": {"idGeneratorType": "INCREMENTAL_NUMBER", "idPattern": "0"},
        },
    }
    for prefix, body in bodies.items():
        await conn.mambu_create(prefix, body)
        await conn.mambu_update(
            "X:1", prefix, {"id": "X:1", **body, "creationDate": "2024-01-01T00:00:00+02:00"}
        )
        await conn.mambu_patch(
            "X1",
            prefix,
            [
                ("replace", "notes", "n"),
                ("add", "notes", None),
                {"op": "remove", "path": "notes"},
                {"op": "move", "from": "/x", "path": "notes"},
            ],
        )
        await conn.mambu_delete("X1", prefix)
    for action in LOAN_ACTIONS:
        await conn.mambu_change_state("L1", "loans", action, "why")
    for action in DEPOSIT_ACTIONS:
        await conn.mambu_change_state("D1", "deposits", action)
    await conn.mambu_action(
        "L1", "loans", "payOff", {"notes": "n", "payOffAdjustableAmounts": {"interestPaid": Decimal("1.5")}}
    )
    await conn.mambu_action("L1", "loans", "undoReschedule", {"notes": "n"})
    await conn.mambu_action(
        "L1",
        "loans",
        "changeInterestRate",
        {"interestRate": Decimal("3"), "valueDate": "2024-01-01T00:00:00+00:00"},
    )
    await conn.mambu_action("D1", "deposits", "startMaturity", {"maturityDate": "2024-12-31", "notes": "m"})
    await conn.mambu_action("D1", "deposits", "undoMaturity")
    await conn.mambu_make_deposit("D1", Decimal("10.25"), "in", valueDate="2024-01-15T09:00:00+01:00")
    await conn.mambu_make_withdrawal("D1", 5, "out")
    await conn.mambu_make_transfer(
        "D1", Decimal("2"), {"linkedAccountType": "LOAN", "linkedAccountId": "L1"}, "t"
    )
    await conn.mambu_make_deposit_fee("D1", Decimal("1"), "fee")
    await conn.mambu_deposittransaction_adjust("T1", "undo")

    assert sorted(server.problems - KNOWN_GAPS) == [], "\n".join(sorted(server.problems - KNOWN_GAPS))
    expected = {
        "GET /clients",
        "POST /clients:search",
        "POST /deposits/transactions:search",
        "GET /loanproducts",
        "POST /loans/{loanAccountId}:payOff",
        "POST /deposits/{depositAccountId}:startMaturity",
        "POST /deposits/{depositAccountId}/transfer-transactions",
        "PATCH /depositproducts/{depositProductId}",
    }
    assert expected <= server.seen


async def test_entity_writes_fit_the_openapi_files(
    server: IndependentMambu, conn: MambuConnectorREST
) -> None:
    from mambu_async import MambuClient, MambuDeposit, MambuLoan

    client = await MambuClient.get("C1", connector=conn)
    client.notes = "changed"
    await client.patch()
    await client.update()
    loan = await MambuLoan.get("L1", connector=conn)
    await loan.change_state("APPROVE", notes="ok")
    deposit = await MambuDeposit.get("D1", connector=conn)
    await deposit.change_state("LOCK")
    await MambuClient.get_all(connector=conn, limit=3)
    await MambuClient.search(
        connector=conn, filter_criteria=[{"field": "lastName", "operator": "EQUALS", "value": "Li"}], limit=2
    )
    problems = sorted(p for p in server.problems if "no such operation" not in p)
    assert problems == [], "\n".join(problems)


async def test_loan_product_lists_leave_out_the_undeclared_default_details_level(
    conn: MambuConnectorREST,
) -> None:
    """loanproducts.json declares no ``detailsLevel`` on ``GET /loanproducts``: BASIC (the default) is
    not sent; FULL, asked for explicitly, still is."""
    with respx.mock(assert_all_mocked=True) as router:
        route = router.get(f"{BASE}/loanproducts").respond(200, json=[])
        await conn.mambu_get_all("loanproducts", limit=5)
        await conn.mambu_get_all("loanproducts", limit=None)
        await conn.mambu_get_all("loanproducts", limit=5, detailsLevel="FULL")
    sent = [call.request.url.params.get("detailsLevel") for call in route.calls]
    assert sent == [None, None, "FULL"]
