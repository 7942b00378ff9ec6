"""``emulator_app(fake)``: a Starlette ASGI app serving a FakeMambu as Mambu's v2 API under ``/api``.

Starlette is imported when the app is built, so ``mambu_async.testing`` imports without the
``emulator`` extra. The app has no startup events (all state lives in ``fake``). Every request under
``/api`` goes to :meth:`FakeMambu.dispatch` with the raw (still percent-encoded) path, so ids holding
``/`` or ``:`` address the same entity as in-process; anything else answers a Mambu-shaped 404. The
handler is the router's default app rather than a path route, so no request (whatever its method, or an
escaped newline in an id) can reach Starlette's own plain-text 404/405.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from mambu_async.connector.wire import UploadFile
from mambu_async.testing.apierror import api_error
from mambu_async.testing.messages import error_response

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

    from mambu_async.testing.backend import FakeMambu

__all__ = ["emulator_app"]

def emulator_app(fake: FakeMambu) -> Starlette:
    """The ASGI app serving ``fake`` (requires the ``emulator`` extra: starlette)."""
    from starlette.applications import Starlette
    from starlette.datastructures import UploadFile as StarletteUpload
    from starlette.responses import Response
    from starlette.routing import request_response

    async def handle(request: Request) -> Response:
        raw = request.scope.get("raw_path") or request.url.path.encode()
        path = raw.decode("latin-1").split("?", 1)[0]
        root = request.scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root) :]
        if path != "/api" and not path.startswith("/api/"):
            path = ""
        params = parse_qsl(request.url.query, keep_blank_values=True)
        headers = {k.lower(): v for k, v in request.headers.items()}
        body: bytes | None = None
        form: dict[str, str] | None = None
        upload: UploadFile | None = None
        if headers.get("content-type", "").startswith("multipart/form-data"):
            try:
                parsed = await request.form()
            except Exception:
                return _render(
                    error_response(api_error(400, "INVALID_PARAMETERS", "Malformed multipart body"))
                )
            form = {}
            for key, value in parsed.multi_items():
                if isinstance(value, StarletteUpload):
                    content = await value.read()
                    upload = UploadFile(
                        value.filename or "file", content, value.content_type or "application/octet-stream"
                    )
                else:
                    form[key] = str(value)
        else:
            body = await request.body() or None
        if not path:
            return _render(error_response(api_error(404, "INVALID_API_OPERATION", "Not under /api")))
        response = await fake.dispatch_async(
            request.method, path[len("/api") :] or "/", params, headers, body, form=form, upload=upload
        )
        return _render(response)

    def _render(response: Any) -> Response:
        return Response(content=response.body, status_code=response.status, headers=dict(response.headers))

    app = Starlette()
    app.router.default = request_response(handle)
    return app
