"""Mambu's rules for uploaded documents (api-semantics §4.3, §9.1): size, names, extensions, content.

Checked in this order, each refused with 400 and the errorReason of Mambu's enum:

- the file is larger than the tenant's limit (Mambu: 50 MiB, ``FakeMambu.max_document_bytes``) →
  ``MAX_FILE_SIZE_EXCEEDED``;
- the file name or the document's ``name`` is longer than 256 characters → ``MAX_FILENAME_LENGTH_EXCEEDED``;
- either holds one of ``/ < > | : & ? * [ ] # \\ " '`` → ``INVALID_FILENAME``;
- the file name has no extension or more than one → ``INVALID_FILE_EXTENSION``;
- the extension is not in Mambu's list → ``FILE_EXTENSION_NOT_ALLOWED``;
- the content does not look like the extension says → ``INCONSISTENT_EXTENSION_WITH_FILE_CONTENT``
  (v1 code 973, "Invalid extension with file content").

[INFERRED] The sources name the rules (S3:L128-137, S2:L9785-9789) but not which reason goes with the
name rules; the reasons above are the enum members that say so. The content check is the cheap one a
server can make: formats with a fixed signature (PDF, PNG, JPEG, GIF, BMP, TIFF, ZIP-based Office and
OpenDocument files, OLE2 Office files, RTF) must start with it; text formats (TXT, CSV, JSON, XML, HTML,
YAML, PROPERTIES) must not start with a binary signature, and JSON must parse.
"""

from __future__ import annotations

import json

from mambu_async.connector.validation import DOCUMENT_EXTENSIONS, MAX_DOCUMENT_BYTES
from mambu_async.testing.apierror import bad_request

__all__ = ["MAX_DOCUMENT_BYTES", "MAX_NAME_LENGTH", "check_document"]

MAX_NAME_LENGTH = 256
"""Longest document (file) name Mambu accepts (S3:L128)."""

FORBIDDEN_CHARACTERS = frozenset("/<>|:&?*[]#\\\"'")
"""Characters a document name may not hold (S3:L128-130)."""

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2 = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "PDF": (b"%PDF-",),
    "PNG": (b"\x89PNG\r\n\x1a\n",),
    "JPG": (b"\xff\xd8\xff",),
    "JPEG": (b"\xff\xd8\xff",),
    "GIF": (b"GIF87a", b"GIF89a"),
    "BMP": (b"BM",),
    "TIF": (b"II*\x00", b"MM\x00*"),
    "TIFF": (b"II*\x00", b"MM\x00*"),
    "RTF": (b"{\\rtf",),
    "ZIP": _ZIP,
    **dict.fromkeys(
        ("DOCX", "DOCM", "DOTX", "DOTM", "XLSX", "XLSM", "XLSB", "PPTX", "PPSX", "ODT", "OTT", "ODS", "ODP"),
        _ZIP,
    ),
    **dict.fromkeys(("DOC", "DOT", "XLS", "PPT", "PPS", "MSG"), _OLE2),
}
_TEXT = frozenset({"TXT", "CSV", "JSON", "XML", "HTML", "YAML", "PROPERTIES"})
_BINARY_SIGNATURES = tuple({sig for sigs in _SIGNATURES.values() for sig in sigs if sig not in (b"BM",)})


def _check_name(text: str, what: str) -> None:
    if len(text) > MAX_NAME_LENGTH:
        raise bad_request(
            "MAX_FILENAME_LENGTH_EXCEEDED", f"The {what} is longer than {MAX_NAME_LENGTH} characters"
        )
    bad = sorted(set(text) & FORBIDDEN_CHARACTERS)
    if bad:
        raise bad_request("INVALID_FILENAME", f"The {what} {text!r} holds forbidden characters {bad}")


def _consistent(extension: str, content: bytes) -> bool:
    signatures = _SIGNATURES.get(extension)
    if signatures is not None:
        return content.startswith(signatures)
    if extension in _TEXT:
        if content.startswith(_BINARY_SIGNATURES) or b"\x00" in content[:1024]:
            return False
        if extension == "JSON":
            try:
                json.loads(content.decode("utf-8-sig"))
            except (UnicodeDecodeError, ValueError):
                return False
    return True


def check_document(file_name: str, title: str, content: bytes, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> str:
    """Refuse an upload Mambu would refuse; returns the extension (lower case) for the ``type``."""
    if len(content) > max_bytes:
        raise bad_request(
            "MAX_FILE_SIZE_EXCEEDED", f"The file has {len(content)} bytes; at most {max_bytes} are accepted"
        )
    _check_name(file_name, "file name")
    _check_name(title, "document name")
    stem, dot, extension = file_name.rpartition(".")
    if not dot or not stem or not extension or "." in stem:
        raise bad_request(
            "INVALID_FILE_EXTENSION", f"The file name {file_name!r} must have exactly one extension"
        )
    upper = extension.upper()
    if upper not in DOCUMENT_EXTENSIONS:
        raise bad_request("FILE_EXTENSION_NOT_ALLOWED", f"Files of type {extension!r} are not accepted")
    if not _consistent(upper, content):
        raise bad_request("INCONSISTENT_EXTENSION_WITH_FILE_CONTENT", "Invalid extension with file content")
    return extension.lower()
