"""A web service that holds one connector for the whole process.

The connector is opened when the app starts and closed when it stops: every request shares its
connection pool and its concurrency limit (never open a connector per request). Run it against the
demo tenant::

    mambu-async emulator --demo                    # in one shell; it prints the MAMBU_* values
    MAMBU_BASE_URL=http://127.0.0.1:8889 MAMBU_API_KEY=... python examples/web_service.py
    curl http://127.0.0.1:8000/loans/L000004

Needs the ``emulator`` extra (starlette and uvicorn); any ASGI framework works the same way.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from mambu_async import MambuConnectorREST, MambuLoan, MambuNotFoundError, MambuValidationError


@contextlib.asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    """One connector for the life of the process."""
    async with MambuConnectorREST.from_env() as connector:
        app.state.mambu = connector
        yield


async def loan_summary(request: Request) -> JSONResponse:
    """``GET /loans/{loan_id}``: a few fields of one loan (amounts as exact decimal strings)."""
    connector: MambuConnectorREST = request.app.state.mambu
    try:
        loan = await MambuLoan.get(request.path_params["loan_id"], connector=connector, timeout=10)
    except MambuNotFoundError:
        return JSONResponse({"error": "no such loan"}, status_code=404)
    except MambuValidationError as exc:
        return JSONResponse({"error": str(exc)}, status_code=400)
    balances = loan.balances
    return JSONResponse(
        {
            "id": loan.id,
            "state": str(loan.account_state),
            "amount": str(loan.loan_amount),
            "principalBalance": str(balances.principal_balance) if balances else None,
            "purpose": loan.custom_fields.value("_Loan_Info", "purpose"),
        }
    )


app = Starlette(routes=[Route("/loans/{loan_id}", loan_summary)], lifespan=lifespan)


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=8000)
