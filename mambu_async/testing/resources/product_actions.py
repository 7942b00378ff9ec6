"""``POST /depositproducts/{id}:batchUpdate`` (depositproducts.json ``batchUpdate``).

The body is ``DepositProductAction`` ``{"action": "UPDATE_INTEREST_SETTINGS"}`` (the only action);
the answer is 202 ``DepositProductActionResponse`` ``{"state": "QUEUED"}``. Mambu updates every
existing deposit account of the product with the product's interest-related fields "at the end of day
job execution". [INFERRED] The fake has no end-of-day job: it applies the update at once, copying the
product's default interest rate (``interestSettings.interestRateSettings.interestRate.defaultValue``)
into each account's ``interestSettings.interestRateSettings.interestRate``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mambu_async.testing import query
from mambu_async.testing.apierror import bad_request
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

ACTIONS = ("UPDATE_INTEREST_SETTINGS",)


def _batch_update(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, set())
    product = fake.require("depositproducts", request.path_params["id"])
    body = request.json_object()
    if body.get("action") not in ACTIONS:
        raise bad_request("INVALID_PARAMETERS", f"action must be one of {list(ACTIONS)}")
    unknown = sorted(set(body) - {"action"})
    if unknown:
        raise bad_request("INVALID_PARAMETERS", f"Unknown properties: {', '.join(unknown)}")
    rate_settings = (product.get("interestSettings") or {}).get("interestRateSettings") or {}
    rate = (rate_settings.get("interestRate") or {}).get("defaultValue")
    if rate is not None:
        for account in fake.store["deposits"].find(
            lambda a: a.get("productTypeKey") == product["encodedKey"]
        ):
            interest = dict(account.get("interestSettings") or {})
            settings = dict(interest.get("interestRateSettings") or {})
            if settings.get("interestRate") == rate:
                continue
            settings["interestRate"] = rate
            interest["interestRateSettings"] = settings
            fake.store["deposits"].put(
                {**account, "interestSettings": interest, "lastModifiedDate": fake.clock.iso()}
            )
    return json_response(202, {"state": "QUEUED"})


def install(fake: FakeMambu) -> None:
    """Register the deposit product batch update route."""
    fake.router.add("POST", "/depositproducts/{id}:batchUpdate", _batch_update)
