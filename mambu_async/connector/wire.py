"""The seam between the shared operation layer and a transport.

``connector/operations.py`` turns every ``mambu_*`` call into an :class:`ApiRequest` (validated, ids
escaped, ``None`` parameters dropped, JSON rendered) and decodes the :class:`ApiResponse`;
``MambuConnectorREST`` sends the request over httpx, ``FakeConnector`` hands it to ``FakeMambu``
in-process. Both therefore send the same requests and decode the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs


@attrs.frozen
class UploadFile:
    """The ``file`` part of a multipart document upload."""

    file_name: str
    content: bytes
    content_type: str


@attrs.frozen
class ApiRequest:
    """One request to Mambu's v2 API.

    ``path`` starts with ``/`` and is relative to the API root (``/api``), ids already escaped;
    ``params`` keep order and may repeat a name; ``body`` is JSON bytes (with ``Content-Type:
    application/json``) or ``None``; ``form`` + ``upload`` make a multipart body instead.
    ``retry_safe`` says whether the operation may be retried after it might have reached the server.
    """

    method: str
    path: str
    params: tuple[tuple[str, str], ...] = ()
    body: bytes | None = None
    form: Mapping[str, str] | None = None
    upload: UploadFile | None = None
    idempotency_key: str | None = None
    retry_safe: bool = True
    accept: str = "application/vnd.mambu.v2+json"


@attrs.frozen
class ApiResponse:
    """A response: status, headers with lower-case names, raw body."""

    status_code: int
    headers: Mapping[str, str]
    content: bytes
