"""FakeMambu: one in-memory Mambu tenant (store + Mambu's rules), served by thin fronts.

``FakeConnector`` (in-process) and ``emulator_app`` (ASGI, under ``/api``) both call
:meth:`FakeMambu.dispatch`; nothing else holds state. The design follows moto: the backend owns state and
rules and raises wire-accurate errors; fronts only translate.

Internal API (for modules that plug rules into the backend)
-----------------------------------------------------------
Extension modules (``mambu_async.testing.banking`` and friends) are plain modules with an
``install(fake: FakeMambu) -> None`` function. ``FakeMambu.__init__`` installs the core resources and then
every importable module named in :data:`EXTENSION_MODULES` (a missing one is skipped), so each new
``FakeMambu`` gets its own routes, hooks and middleware.

``fake.store`` (:class:`~mambu_async.testing.store.Store`)
    ``fake.store["loans"]`` is the :class:`~mambu_async.testing.store.Collection` of that kind:
    ``.get(id_or_key)``, ``.get_copy(ref)``, ``.by_id(id)``, ``.values()``, ``.find(pred)``,
    ``.put(record)``, ``.remove(encoded_key)``. Records are wire-JSON dicts (camelCase, ``Decimal``
    amounts, ISO date strings). Never mutate a stored record: ``get_copy`` → change → ``put``. Every
    request runs inside ``store.atomic()``, so a handler that raises leaves the store unchanged.
    Collection names: ``clients groups branches centres users userroles loanproducts depositproducts
    loans deposits loantransactions deposittransactions customfieldsets customfields comments documents
    documentfiles tasks``.

``fake.kinds`` (``dict[str, EntityKind]``, see :mod:`mambu_async.testing.kinds`)
    Per entity kind: URL prefix, schema (from the OpenAPI files), not-found reason, filters, search
    and sort fields, BASIC-vs-FULL keys, and hook lists a module may append to:
    ``on_create`` (fill defaults / derived values on the new record before validation),
    ``validators`` ``(fake, new, old_or_None)`` (raise ``ApiError`` to refuse a create/PUT/PATCH),
    ``after_write`` ``(fake, new, old_or_None)`` (keep other records consistent),
    ``delete_guards`` ``(fake, record)`` and ``after_delete`` ``(fake, record)``.
    ``fake.require(kind, ref)`` returns the stored record or raises the kind's 404;
    ``fake.create(kind, data)`` creates through the same rules as ``POST`` (for factories and seeding).

Errors: ``raise api_error(status, reason, source)`` / ``bad_request(reason, source)`` /
    ``not_found(reason, source)`` from :mod:`mambu_async.testing.apierror`; the dispatcher renders
    ``{"errors": [{"errorCode", "errorReason", "errorSource"}]}`` with the right status.

Clock: ``fake.clock`` (:class:`~mambu_async.testing.clock.FakeClock`): ``now()``, ``today()``,
    ``iso()`` (Mambu's date-time text), ``advance(days=..)``, ``freeze()``. It follows real time in the
    tenant's timezone (``fake.timezone``) unless frozen.

Ids: ``fake.new_key()`` (32 hex, deterministic from ``seed``, unused by any record), ``fake.new_id(kind)``
    (an unused Mambu-looking string id), ``fake.new_int_id(kind)`` (above every numeric id the kind ever
    held, for transactions, documents and tasks).

Routes: ``fake.router.add(method, template, handler)``, ``handler(fake, request) -> FakeResponse``,
    template like ``/loans/{id}:changeState`` (see :mod:`mambu_async.testing.router`). Unregistered
    routes answer 501 ``METHOD_NOT_IMPLEMENTED``. Responses: ``json_response``, ``no_content``,
    ``list_response`` from :mod:`mambu_async.testing.messages`; ``request.json_object()`` parses a body
    with Mambu's 400 on malformed JSON; list query handling is in :mod:`mambu_async.testing.query`.

Middleware: ``fake.add_middleware(mw)`` with ``mw(request, call_next) -> FakeResponse``; it runs after
    authentication and around routing (idempotency replay, scripted faults). Later additions run
    outermost.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import importlib
import logging
import random
import string
import zoneinfo
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from mambu_async.connector.validation import MAX_DOCUMENT_BYTES
from mambu_async.connector.wire import UploadFile
from mambu_async.errors import MambuConnectionError
from mambu_async.testing.apierror import ApiError, api_error, not_found
from mambu_async.testing.clock import FakeClock
from mambu_async.testing.messages import FakeRequest, FakeResponse, error_response
from mambu_async.testing.router import Router
from mambu_async.testing.store import Record, Store

if TYPE_CHECKING:
    import datetime as dt

    from mambu_async.testing.faults import FaultPlan
    from mambu_async.testing.kinds import EntityKind

logger = logging.getLogger("mambu_async.testing")

Middleware = Callable[[FakeRequest, Callable[[FakeRequest], FakeResponse]], FakeResponse]
"""``mw(request, call_next)``: wraps the routed handler."""

#: Modules whose ``install(fake)`` runs for every new FakeMambu, when importable.
EXTENSION_MODULES: tuple[str, ...] = ("mambu_async.testing.banking", "mambu_async.testing.action_bodies")

DEFAULT_USERNAME = "mambu"
"""The user name a FakeMambu accepts unless told otherwise."""
DEFAULT_PASSWORD = "mambu-fake-password"
"""The password a FakeMambu accepts unless told otherwise."""
DEFAULT_API_KEY = "fake-api-key-0000000000000000000000"
"""The ``apiKey`` header value a FakeMambu accepts unless told otherwise."""

_ID_ALPHABET = string.ascii_uppercase

MAMBU_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
"""The HTTP methods Mambu's v2 serves; any other answers 405."""


class FakeMambu:
    """One in-memory Mambu tenant. Starts empty; demo data comes only from the factory.

    The clock (``fake.clock``) follows real time in ``timezone`` (a ``tzinfo`` or an IANA name such as
    ``"Europe/Berlin"``; default: the zone of ``now``, else UTC); ``now`` freezes it at that instant for
    deterministic tests. ``seed`` makes ids and encodedKeys deterministic. ``username``/``password``
    (Basic) and ``api_key`` (the ``apiKey`` header) are the
    credentials it accepts, kept as attributes (defaults: :data:`DEFAULT_USERNAME`,
    :data:`DEFAULT_PASSWORD`, :data:`DEFAULT_API_KEY`).
    """

    faults: FaultPlan
    """Scripted faults (rate limits, 5xx, lost responses, latency), set up with the banking rules."""

    def __init__(
        self,
        *,
        now: dt.datetime | None = None,
        timezone: dt.tzinfo | str | None = None,
        seed: int = 0,
        username: str = DEFAULT_USERNAME,
        password: str = DEFAULT_PASSWORD,
        api_key: str | None = DEFAULT_API_KEY,
    ) -> None:
        self.username = username
        self.password = password
        self.api_key = api_key
        self.seed = seed
        self.max_document_bytes = MAX_DOCUMENT_BYTES
        """Largest document upload accepted (Mambu's 50 MiB; a test may lower it)."""
        self.strict_params = False
        """Refuse query parameters an endpoint does not declare (400 ``PARAMETER_NOT_ALLOWED``) instead
        of ignoring them as Mambu does: a test may switch it on so a misspelt filter fails loudly."""
        self.clock = FakeClock(now, timezone=timezone)
        self.store = Store()
        self.router = Router()
        self.kinds: dict[str, EntityKind] = {}
        self._middleware: list[Middleware] = []
        self._rng = random.Random(seed)
        self._int_ids: dict[str, int] = {}
        self._install()

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={len(self.store[k])}" for k in self.store.kinds() if len(self.store[k]))
        return f"FakeMambu(now={self.clock.iso()}, {counts or 'empty'})"

    @property
    def timezone(self) -> dt.tzinfo:
        """The tenant's timezone (what its clock shows)."""
        return self.clock.timezone

    @property
    def timezone_id(self) -> str:
        """The tenant's timezone as Mambu names it (an IANA id such as ``Europe/Berlin``, or ``UTC``)."""
        zone = self.clock.timezone
        return zone.key if isinstance(zone, zoneinfo.ZoneInfo) else str(zone)

    # -- set-up ------------------------------------------------------------------------------------

    def _install(self) -> None:
        from mambu_async.testing.resources import install as install_core

        install_core(self)
        for name in EXTENSION_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name is not None and name.startswith(exc.name):
                    continue
                raise
            install = getattr(module, "install", None)
            if callable(install):
                install(self)

    def add_kind(self, kind: EntityKind) -> EntityKind:
        """Register an entity kind (replacing one of the same name)."""
        self.kinds[kind.name] = kind
        return kind

    def add_middleware(self, middleware: Middleware) -> None:
        """Wrap routing with ``middleware`` (runs after authentication)."""
        self._middleware.append(middleware)

    def reset(self) -> None:
        """Forget every record (credentials, clock and extensions stay)."""
        self.store.clear()
        self._rng = random.Random(self.seed)
        self._int_ids.clear()

    # -- ids ---------------------------------------------------------------------------------------

    def new_key(self) -> str:
        """A fresh 32-hex encodedKey, unused by any record of any kind (deterministic for a given seed
        and history).

        Checked, not assumed: a key already stored (records put with keys drawn from another
        generator seeded like this one, as the demo tenant factory once did) would otherwise make a
        create silently replace that record, and its id then answers 404.
        """
        while True:
            key = f"{self._rng.getrandbits(128):032x}"
            if not self.store.holds_key(key):
                return key

    def new_id(self, kind: str) -> str:
        """A fresh, unused string id for ``kind`` (three letters and three digits, as Mambu shows)."""
        collection = self.store[kind]
        while True:
            letters = "".join(self._rng.choice(_ID_ALPHABET) for _ in range(3))
            candidate = f"{letters}{self._rng.randrange(1000):03d}"
            if collection.get(candidate) is None:
                return candidate

    def new_int_id(self, kind: str) -> int:
        """The next integer id for ``kind`` (transactions, documents, tasks): above every numeric id the
        kind holds or ever held, whoever stored it (a factory, a test, an earlier request), so ids never
        collide and keep increasing."""
        value = max(self._int_ids.get(kind, 0), self.store[kind].top_numeric_id) + 1
        self._int_ids[kind] = value
        return value

    # -- Python-level access (factories, tests) -----------------------------------------------------

    def kind(self, name: str) -> EntityKind:
        """The :class:`EntityKind` called ``name`` (``KeyError`` if unknown)."""
        return self.kinds[name]

    def require(self, kind: str, ref: str) -> Record:
        """The stored record of ``kind`` with id or encodedKey ``ref``, else the kind's Mambu 404."""
        record = self.store[kind].get(ref)
        spec = self.kinds.get(kind)
        if record is None and spec is not None and spec.alt_lookup is not None:
            record = spec.alt_lookup(self, ref)
        if record is None:
            reason = spec.not_found if spec is not None else "OBJECT_NOT_FOUND"
            raise not_found(reason, f"{spec.label if spec else kind} {ref!r} was not found")
        return record

    def create(self, kind: str, data: Mapping[str, Any]) -> Record:
        """Create an entity with the same rules as ``POST``; returns the stored record (FULL).

        Raises :class:`~mambu_async.testing.apierror.ApiError` when Mambu would refuse it.
        """
        from mambu_async.testing.resources.crud import create_record

        with self.store.atomic():
            record = create_record(self, self.kinds[kind], dict(data))
        return record

    def get(self, kind: str, ref: str) -> Record:
        """A copy of the stored record (``ApiError`` 404 when missing)."""
        import copy

        record: Record = copy.deepcopy(self.require(kind, ref))
        return record

    # -- the dispatch entry point ------------------------------------------------------------------

    def dispatch(
        self,
        method: str,
        path: str,
        params: Iterable[tuple[str, str]] = (),
        headers: Mapping[str, str] | None = None,
        body: bytes | None = None,
        *,
        form: Mapping[str, str] | None = None,
        upload: UploadFile | None = None,
    ) -> FakeResponse:
        """Answer one request as Mambu would.

        ``path`` is relative to ``/api`` and still percent-encoded (``/clients/A%2FB``); ``headers`` carry
        the auth (``Authorization: Basic ...`` or ``apiKey``) and ``Idempotency-Key``; ``body`` is the raw
        JSON, or ``form`` + ``upload`` a multipart body. Failures become Mambu error bodies; the one
        exception is a scripted network fault (``fake.faults``), raised as the library's
        ``MambuConnectionError``/``MambuTimeoutError`` as if the connection had failed.
        """
        request = FakeRequest(
            method=method.upper(),
            path="/" + path.lstrip("/"),
            params=tuple((str(k), str(v)) for k, v in params),
            headers={k.lower(): v for k, v in (headers or {}).items()},
            body=body,
            form=form,
            upload=upload,
            strict_params=self.strict_params,
        )
        try:
            self._authenticate(request)
            call: Callable[[FakeRequest], FakeResponse] = self._route
            for middleware in self._middleware:
                call = _wrap(middleware, call)
            return call(request)
        except ApiError as error:
            return error_response(error)
        except MambuConnectionError:
            raise  # a scripted network fault: the front reports it as a failed connection
        except Exception:
            logger.exception("FakeMambu failed on %s %s", request.method, request.path)
            return error_response(api_error(500, "INTERNAL_ERROR"))

    async def dispatch_async(
        self,
        method: str,
        path: str,
        params: Iterable[tuple[str, str]] = (),
        headers: Mapping[str, str] | None = None,
        body: bytes | None = None,
        *,
        form: Mapping[str, str] | None = None,
        upload: UploadFile | None = None,
    ) -> FakeResponse:
        """:meth:`dispatch`, then the latency scripted for the request (``fake.faults``, on its injectable
        sleep): what the async fronts call."""
        response = self.dispatch(method, path, params, headers, body, form=form, upload=upload)
        faults = getattr(self, "faults", None)
        if faults is not None:
            await faults.pay_latency()
        return response

    def _route(self, request: FakeRequest) -> FakeResponse:
        found = self.router.resolve(request.method, request.path)
        if found is None and request.method == "HEAD":
            found = self.router.resolve("GET", request.path)
        if found is None:
            raise self._unrouted(request)
        route, path_params = found
        request.path_params = path_params
        try:
            with self.store.atomic():
                response = route.handler(self, request)
        except ApiError as error:
            response = error_response(error)
        if request.method == "HEAD":
            return FakeResponse(response.status, response.headers)
        return response

    def _unrouted(self, request: FakeRequest) -> ApiError:
        """405 for a method Mambu never serves, 501 for an operation the fake does not implement.

        [INFERRED] Mambu's v2 serves GET, POST, PUT, PATCH and DELETE (HEAD as GET); any other method
        (TRACE, OPTIONS, CONNECT...) is refused with 405 and its ``INVALID_API_OPERATION`` body, with
        ``Allow`` naming what the path serves.
        """
        if request.method in MAMBU_METHODS:
            what = f"{request.method} {request.path} is not implemented"
            return api_error(501, "METHOD_NOT_IMPLEMENTED", what)
        allowed = self.router.methods_for(request.path)
        what = f"Method {request.method} is not allowed on {request.path}"
        error = api_error(405, "INVALID_API_OPERATION", what)
        if allowed:
            error.headers["allow"] = ", ".join(allowed)
        return error

    def _authenticate(self, request: FakeRequest) -> None:
        key = request.headers.get("apikey")
        if key is not None:
            if self.api_key is not None and hmac.compare_digest(key.encode(), self.api_key.encode()):
                return
            raise api_error(401, "INVALID_CREDENTIALS", "Invalid API key")
        auth = request.headers.get("authorization")
        if not auth:
            raise api_error(401, "INVALID_BASIC_AUTHORIZATION", "Missing authorization")
        scheme, _, token = auth.partition(" ")
        if scheme.lower() != "basic" or not token.strip():
            raise api_error(401, "INVALID_BASIC_AUTHORIZATION", "Basic authorization expected")
        try:
            decoded = base64.b64decode(token.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise api_error(401, "INVALID_BASIC_AUTHORIZATION", "Malformed basic authorization") from None
        user, sep, password = decoded.partition(":")
        if not sep:
            raise api_error(401, "INVALID_BASIC_AUTHORIZATION", "Malformed basic authorization")
        if hmac.compare_digest(user.encode(), self.username.encode()) and hmac.compare_digest(
            password.encode(), self.password.encode()
        ):
            return
        raise api_error(401, "INVALID_CREDENTIALS", "Invalid credentials")

    def auth_headers(self) -> dict[str, str]:
        """Headers that authenticate as this tenant's Basic user."""
        token = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
        return {"authorization": f"Basic {token}"}


def _wrap(
    middleware: Middleware, call_next: Callable[[FakeRequest], FakeResponse]
) -> Callable[[FakeRequest], FakeResponse]:
    def call(request: FakeRequest) -> FakeResponse:
        return middleware(request, call_next)

    return call
