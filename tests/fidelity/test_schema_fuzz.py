"""Property-based run of the emulator against Mambu's OpenAPI files (schemathesis, in the ``dev`` extra).

For every operation the emulator implements (``IMPLEMENTED``), schemathesis generates requests from the
swagger files and checks the answers: no 5xx, a documented status code, a documented content type when
there is a body, headers and body valid against the declared schema; in negative mode, a request that
breaks the schema must be refused. Path ids point at entities of a small demo tenant most of the time.
A few examples per operation, derandomized, so the run is quick and repeatable; the deterministic
regression tests for what such runs found live in ``test_schema_emulator.py``.
"""

from __future__ import annotations

import base64
import functools
import json
import random
from typing import Any

import pytest
import schemathesis
from test_openapi_fidelity import IMPLEMENTED, SPEC_DIR, SPECS

from mambu_async.testing import FakeMambu, emulator_app
from mambu_async.testing.clock import DEFAULT_NOW
from mambu_async.testing.factories import build_demo_tenant

EXAMPLES = 2
# PatchOperation.value is declared ``type: object`` but documented as any value (even null), so a
# "schema-violating" array value there is valid for Mambu.
NEGATIVE_SKIP = {("PATCH", t) for m, t in IMPLEMENTED if m == "PATCH"}


def _tenant() -> tuple[FakeMambu, dict[str, list[str]]]:
    fake = FakeMambu(now=DEFAULT_NOW)
    demo = build_demo_tenant(fake, clients=4, loans=10, deposits=7)
    ids = {
        "clientId": list(demo.clients),
        "loanAccountId": list(demo.loans),
        "depositAccountId": list(demo.deposits),
        "loanProductId": list(demo.loan_products),
        "depositProductId": list(demo.deposit_products),
        "depositTransactionId": [r["id"] for r in fake.store["deposittransactions"].values()][:10],
    }
    return fake, ids


@functools.cache
def _raw(name: str) -> str:
    return (SPEC_DIR / f"{name}.json").read_text()


def _operation(name: str, key: tuple[str, str], app: Any) -> Any:
    schema = schemathesis.openapi.from_dict(json.loads(_raw(name)))
    schema.app = app
    for result in schema.get_all_operations():
        op = result.ok()
        if (op.method.upper(), op.path) == key:
            return op
    raise LookupError(key)


def _cases() -> list[Any]:
    out = []
    for name in SPECS:
        schema = schemathesis.openapi.from_dict(json.loads(_raw(name)))
        for result in schema.get_all_operations():
            op = result.ok()
            key = (op.method.upper(), op.path)
            if key in IMPLEMENTED:
                out.append(pytest.param(name, key, id=" ".join(key)))
    return out


@pytest.mark.parametrize("negative", [False, True], ids=["valid", "invalid"])
@pytest.mark.parametrize(("name", "key"), _cases())
def test_emulator_answers_fit_the_openapi_files(name: str, key: tuple[str, str], negative: bool) -> None:
    from hypothesis import HealthCheck, Phase, given, settings
    from schemathesis import GenerationMode
    from schemathesis import checks as c

    if negative and key in NEGATIVE_SKIP:
        pytest.skip("PatchOperation.value takes any JSON value")
    fake, ids = _tenant()
    operation = _operation(name, key, emulator_app(fake))
    auth = "Basic " + base64.b64encode(f"{fake.username}:{fake.password}".encode()).decode()
    rng = random.Random(0)
    mode = GenerationMode.NEGATIVE if negative else GenerationMode.POSITIVE

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        for name in case.path_parameters or {}:
            if name in ids and rng.random() < 0.8:
                case.path_parameters[name] = rng.choice(ids[name])
        case.headers = {**(case.headers or {}), "Authorization": auth}
        response = case.call()
        checks = [c.not_a_server_error, c.status_code_conformance, c.response_schema_conformance]
        checks.append(c.response_headers_conformance)
        if response.status_code != 204:
            checks.append(c.content_type_conformance)
        if negative:
            checks.append(c.negative_data_rejection)
        case.validate_response(response, checks=checks)

    run()
