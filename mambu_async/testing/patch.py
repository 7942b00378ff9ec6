"""Mambu's JSON-patch (``PATCH /{prefix}/{id}``, api-semantics §6) applied to a copy of a record.

``op`` is accepted in any case (MambuPy sends lower case); ``path`` with or without the leading ``/``;
custom fields as ``/_Set/field`` and, for grouped sets, ``/_Set/{index}/field``; ``-`` appends to an
array. [INFERRED] semantics: ADD sets a value, creating missing objects on the way (a custom field set
included); REPLACE needs the target to exist; REMOVE of a missing target does nothing; MOVE needs
``from`` to exist and moves its value to ``path``.
"""

from __future__ import annotations

import copy
from typing import Any

from mambu_async.testing.apierror import bad_request
from mambu_async.testing.store import Record

PATCH_OPS = ("ADD", "REPLACE", "REMOVE", "MOVE")


def parse_operations(body: Any) -> list[dict[str, Any]]:
    """The operations of a PATCH body, ``op`` upper-cased (400 on a malformed one)."""
    if not isinstance(body, list):
        raise bad_request("INVALID_JSON_SYNTAX", "A PATCH body must be an array of operations")
    if not body:
        raise bad_request("INVALID_PARAMETERS", "A PATCH body needs at least one operation")
    out: list[dict[str, Any]] = []
    for i, raw in enumerate(body):
        if not isinstance(raw, dict):
            raise bad_request("INVALID_PARAMETERS", f"operation [{i}] must be an object")
        op = raw.get("op")
        if not isinstance(op, str) or op.upper() not in PATCH_OPS:
            raise bad_request("INVALID_PARAMETERS", f"operation [{i}]: op must be one of {list(PATCH_OPS)}")
        path = raw.get("path")
        if not isinstance(path, str) or not path.strip("/"):
            raise bad_request("INVALID_PARAMETERS", f"operation [{i}]: path must be a non-empty string")
        item = {"op": op.upper(), "path": path, "value": raw.get("value")}
        if item["op"] in ("ADD", "REPLACE") and "value" not in raw:
            raise bad_request("INVALID_PARAMETERS", f"operation [{i}]: {item['op']} needs a value")
        if item["op"] == "MOVE":
            source = raw.get("from")
            if not isinstance(source, str) or not source.strip("/"):
                raise bad_request("INVALID_PARAMETERS", f"operation [{i}]: MOVE needs a 'from' path")
            item["from"] = source
        out.append(item)
    return out


def tokens(path: str) -> list[str]:
    """The segments of a patch path (``/a/b`` or ``a/b``; ``~1``/``~0`` unescaped)."""
    return [t.replace("~1", "/").replace("~0", "~") for t in path.strip().lstrip("/").split("/")]


def _index(token: str, size: int, *, allow_end: bool, path: str) -> int:
    if token == "-" and allow_end:
        return size
    if not token.isdigit():
        raise bad_request("INVALID_PARAMETERS", f"{path}: {token!r} is not an array index")
    index = int(token)
    if index > size or (index == size and not allow_end):
        raise bad_request("INVALID_CUSTOM_FIELD_GROUP_INDEX", f"{path}: index {index} is out of range")
    return index


def _parent(doc: Record, parts: list[str], path: str, *, create: bool) -> Any:
    node: Any = doc
    for pos, part in enumerate(parts[:-1]):
        nxt_is_index = parts[pos + 1].isdigit() or parts[pos + 1] == "-"
        if isinstance(node, dict):
            if part not in node or node[part] is None:
                if not create:
                    return None
                node[part] = [] if nxt_is_index else {}
            node = node[part]
        elif isinstance(node, list):
            index = _index(part, len(node), allow_end=create, path=path)
            if index == len(node):
                node.append({})
            node = node[index]
        else:
            raise bad_request("INVALID_PARAMETERS", f"{path}: {part!r} is not an object")
    return node


def _get(doc: Record, parts: list[str], path: str) -> tuple[bool, Any]:
    parent = _parent(doc, parts, path, create=False)
    last = parts[-1]
    if isinstance(parent, dict):
        return (last in parent, parent.get(last))
    if isinstance(parent, list) and last.isdigit() and int(last) < len(parent):
        return True, parent[int(last)]
    return False, None


def _set(doc: Record, parts: list[str], value: Any, path: str) -> None:
    parent = _parent(doc, parts, path, create=True)
    last = parts[-1]
    if isinstance(parent, dict):
        parent[last] = value
    elif isinstance(parent, list):
        index = _index(last, len(parent), allow_end=True, path=path)
        if index == len(parent):
            parent.append(value)
        else:
            parent[index] = value
    else:
        raise bad_request("INVALID_PARAMETERS", f"{path}: the parent is not an object")


def _remove(doc: Record, parts: list[str], path: str) -> None:
    parent = _parent(doc, parts, path, create=False)
    last = parts[-1]
    if isinstance(parent, dict):
        parent.pop(last, None)
    elif isinstance(parent, list) and last.isdigit() and int(last) < len(parent):
        del parent[int(last)]


def apply_operations(record: Record, operations: list[dict[str, Any]]) -> Record:
    """A patched deep copy of ``record`` (the original is untouched)."""
    doc = copy.deepcopy(record)
    for item in operations:
        path = item["path"]
        parts = tokens(path)
        op = item["op"]
        if op == "ADD":
            _set(doc, parts, copy.deepcopy(item["value"]), path)
        elif op == "REPLACE":
            exists, _ = _get(doc, parts, path)
            if not exists:
                raise bad_request("INVALID_PARAMETERS", f"REPLACE {path}: the field does not exist")
            _set(doc, parts, copy.deepcopy(item["value"]), path)
        elif op == "REMOVE":
            _remove(doc, parts, path)
        else:
            source = tokens(item["from"])
            exists, value = _get(doc, source, item["from"])
            if not exists:
                raise bad_request("INVALID_PARAMETERS", f"MOVE from {item['from']}: the field does not exist")
            _remove(doc, source, item["from"])
            _set(doc, parts, value, path)
    return doc
