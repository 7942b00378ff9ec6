"""Error body parsing and the status → class mapping."""

from __future__ import annotations

import pytest

from mambu_async import errors as e


def test_v2_body_keeps_every_entry() -> None:
    body = {
        "errors": [
            {"errorCode": 4, "errorReason": "INVALID_PARAMETERS", "errorSource": "amount"},
            {"errorCode": 903, "errorReason": "INVALID_CUSTOM_FIELD_ID"},
        ]
    }
    err = e.error_for_status(400, body, method="POST", url="https://t.mambu.com/api/loans?apiKey=s3cr3t")
    assert isinstance(err, e.MambuBadRequestError)
    assert [(d.code, d.reason, d.source) for d in err.errors] == [
        (4, "INVALID_PARAMETERS", "amount"),
        (903, "INVALID_CUSTOM_FIELD_ID", None),
    ]
    assert err.status_code == 400 and err.method == "POST"
    assert "s3cr3t" not in str(err) and "s3cr3t" not in repr(err) and "s3cr3t" not in (err.url or "")


def test_bare_v2_object_with_string_code() -> None:
    err = e.error_for_status(400, {"errorCode": "4", "errorReason": "INVALID_PARAMETERS"})
    assert err.error_code == 4 and err.error_reason == "INVALID_PARAMETERS"


def test_v1_body() -> None:
    err = e.error_for_status(404, {"returnCode": 970, "returnStatus": "INVALID_DOCUMENT_ID"})
    assert isinstance(err, e.MambuNotFoundError)
    assert err.error_code == 970 and err.error_reason == "INVALID_DOCUMENT_ID"


def test_v1_body_with_string_code() -> None:
    err = e.error_for_status(404, {"returnCode": "301", "returnStatus": "INVALID_CLIENT_ID"})
    assert err.error_code == 301 and err.error_reason == "INVALID_CLIENT_ID"


def test_html_body_keeps_the_page_but_not_in_the_message() -> None:
    page = "<html><body><h1>502 Bad Gateway</h1></body></html>"
    err = e.error_for_status(502, page)
    assert isinstance(err, e.MambuServerError) and err.body == page
    assert "<html>" not in str(err) and "non-JSON" in str(err)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (401, e.MambuAuthenticationError),
        (403, e.MambuPermissionError),
        (409, e.MambuConflictError),
        (429, e.MambuRateLimitError),
        (500, e.MambuServerError),
        (502, e.MambuServerError),
        (501, e.MambuNotImplementedError),
    ],
)
def test_status_classes(status: int, cls: type[e.MambuError]) -> None:
    assert type(e.error_for_status(status, None)) is cls


@pytest.mark.parametrize("body", [None, "", "<html>oops</html>", [1, 2], {"message": "Unauthorized"}])
def test_odd_bodies_never_raise(body: object) -> None:
    err = e.error_for_status(401, body)
    assert err.status_code == 401 and err.errors == [] and err.body == body


def test_decode_error_body() -> None:
    assert e.decode_error_body(b"") is None
    assert e.decode_error_body(b"not json") == "not json"
    assert e.decode_error_body(b'{"errors":[]}') == {"errors": []}
