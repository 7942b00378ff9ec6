"""Request bodies checked against Mambu's own OpenAPI (swagger 2.0) definitions.

The six published v2 files (clients, loans, deposit accounts and transactions, loan and deposit
products) ship in ``mambu_async/testing/openapi/`` and are read on first use. Entities those files do not
describe (branches, centres, users, roles, groups, custom field metadata, comments, documents, tasks)
get compact definitions in :data:`INLINE_DEFINITIONS`, written in the same dialect from Mambu's v2
reference and api-semantics §9-10 ([INFERRED] where the sources are silent).

A check collects every problem (Mambu answers with all of them) as ``(reason, source)`` pairs:
missing required properties, wrong JSON types, values outside an enum, bad ``date``/``date-time``
text (v2 requires the offset), read-only properties sent on create or changed on update.

Before the check, :meth:`Schema.coerce_numbers` turns numbers sent as JSON strings (``"1000"``, ``"5"``)
into numbers where the definition says ``number`` or ``integer``: Mambu accepts them and stores numbers
(a widely used client sends every scalar as a string). A read-only property sent back on update with an
:func:`equivalent` value (``"0"`` for ``0``, the same instant in another offset) is not a change and
keeps its stored value.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any

import attrs

Problems = list[tuple[str, str]]

OPENAPI_FILES = (
    "clients",
    "loans",
    "deposit_accounts",
    "deposit_transactions",
    "loanproducts",
    "depositproducts",
)

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$")

_INT64 = 2**63
#: ``format`` → the bound of a signed integer of that width (Mambu's Java ``int``/``long`` fields).
_INT_BOUNDS = {"int32": 2**31, "int64": _INT64}

_S = {"type": "string"}
_RO_S = {"type": "string", "readOnly": True}
_DT = {"type": "string", "format": "date-time"}
_RO_DT = {"type": "string", "format": "date-time", "readOnly": True}
_ACTIVE_INACTIVE = {"type": "string", "enum": ["ACTIVE", "INACTIVE"]}
_ADDRESSES = {"type": "array", "items": {"$ref": "#/definitions/Address"}}

#: Definitions for the kinds the OpenAPI files leave out ([INFERRED] from Mambu's v2 reference).
INLINE_DEFINITIONS: dict[str, Any] = {
    "Address": {
        "type": "object",
        "properties": {
            "encodedKey": _RO_S,
            "parentKey": _RO_S,
            "line1": _S,
            "line2": _S,
            "city": _S,
            "region": _S,
            "postcode": _S,
            "country": _S,
            "latitude": {"type": "number"},
            "longitude": {"type": "number"},
            "indexInList": {"type": "integer"},
        },
    },
    "Branch": {
        "type": "object",
        "required": ["name"],
        "properties": {
            "encodedKey": _RO_S,
            "id": _S,
            "name": _S,
            "state": _ACTIVE_INACTIVE,
            "phoneNumber": _S,
            "emailAddress": _S,
            "notes": _S,
            "creationDate": _RO_DT,
            "lastModifiedDate": _RO_DT,
            "addresses": _ADDRESSES,
            "branchHolidays": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "encodedKey": _RO_S,
                        "name": _S,
                        "date": {"type": "string", "format": "date"},
                        "isAnnuallyRecurring": {"type": "boolean"},
                        "creationDate": _RO_DT,
                    },
                },
            },
        },
    },
    "Centre": {
        "type": "object",
        "required": ["name"],
        "properties": {
            "encodedKey": _RO_S,
            "id": _S,
            "name": _S,
            "state": _ACTIVE_INACTIVE,
            "notes": _S,
            "meetingDay": {
                "type": "string",
                "enum": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"],
            },
            "assignedBranchKey": _S,
            "creationDate": _RO_DT,
            "lastModifiedDate": _RO_DT,
            "addresses": _ADDRESSES,
        },
    },
    "User": {
        "type": "object",
        "required": ["username", "firstName"],
        "properties": {
            "encodedKey": _RO_S,
            "id": _S,
            "username": _S,
            "firstName": _S,
            "lastName": _S,
            "email": _S,
            "title": _S,
            "homePhone": _S,
            "mobilePhone": _S,
            "notes": _S,
            "language": _S,
            "userState": {"type": "string", "enum": ["ACTIVE", "INACTIVE", "LOCKED"]},
            "assignedBranchKey": _S,
            "role": {"type": "object", "properties": {"encodedKey": _S, "id": _S}},
            "access": {"type": "object"},
            "twoFactorAuthentication": {"type": "boolean"},
            "transactionLimits": {"type": "object"},
            "lastLoggedInDate": _RO_DT,
            "creationDate": _RO_DT,
            "lastModifiedDate": _RO_DT,
        },
    },
    "Role": {
        "type": "object",
        "required": ["name"],
        "properties": {
            "encodedKey": _RO_S,
            "id": _S,
            "name": _S,
            "notes": _S,
            "access": {"type": "object"},
            "permissions": {"type": "object"},
            "creationDate": _RO_DT,
            "lastModifiedDate": _RO_DT,
        },
    },
    "Group": {
        "type": "object",
        "required": ["groupName"],
        "properties": {
            "encodedKey": _RO_S,
            "id": _S,
            "groupName": _S,
            "notes": _S,
            "emailAddress": _S,
            "homePhone": _S,
            "mobilePhone": _S,
            "preferredLanguage": _S,
            "assignedBranchKey": _S,
            "assignedCentreKey": _S,
            "assignedUserKey": _S,
            "groupRoleKey": _S,
            "loanCycle": {"type": "integer", "readOnly": True},
            "migrationEventKey": _RO_S,
            "creationDate": _RO_DT,
            "lastModifiedDate": _RO_DT,
            "addresses": _ADDRESSES,
            "groupMembers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["clientKey"],
                    "properties": {
                        "clientKey": _S,
                        "roles": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "encodedKey": _RO_S,
                                    "groupRoleNameKey": _S,
                                    "roleName": _S,
                                    "roleNameId": _S,
                                },
                            },
                        },
                    },
                },
            },
            "groupRoles": {"type": "array", "items": {"type": "object"}},
        },
    },
    "CustomFieldSetMeta": {
        "type": "object",
        "required": ["id", "availableFor"],
        "properties": {
            "encodedKey": _RO_S,
            "id": _S,
            "description": _S,
            "availableFor": {
                "type": "string",
                "enum": [
                    "CLIENT",
                    "GROUP",
                    "CREDIT_ARRANGEMENT",
                    "LOAN_ACCOUNT",
                    "GUARANTOR",
                    "ASSET",
                    "DEPOSIT_ACCOUNT",
                    "DEPOSIT_PRODUCT",
                    "TRANSACTION_CHANNEL",
                    "TRANSACTION_TYPE",
                    "BRANCH",
                    "CENTRE",
                    "USER",
                ],
            },
            "fieldSetType": {"type": "string", "enum": ["STANDARD", "GROUPED"]},
            "displaySettings": {
                "type": "object",
                "properties": {
                    "builtIn": {"type": "boolean"},
                    "displayName": _S,
                    "position": {"type": "integer", "format": "int32"},
                },
            },
            "customFields": {
                "type": "array",
                "readOnly": True,
                "items": {"type": "object", "properties": {"encodedKey": _RO_S, "id": _S}},
            },
            "creationDate": _RO_DT,
            "lastModifiedDate": _RO_DT,
        },
    },
    "CustomFieldMeta": {
        "type": "object",
        "required": ["id", "type", "customFieldSetId"],
        "properties": {
            "encodedKey": _RO_S,
            "id": _S,
            "customFieldSetId": _S,
            "type": {
                "type": "string",
                "enum": [
                    "FREE_TEXT",
                    "SELECTION",
                    "NUMBER",
                    "CHECKBOX",
                    "DATE",
                    "DATE_TIME",
                    "CLIENT_LINK",
                    "GROUP_LINK",
                    "USER_LINK",
                ],
            },
            "state": _ACTIVE_INACTIVE,
            "availableFor": _S,
            "displaySettings": {"type": "object"},
            "usage": {"type": "array", "items": {"type": "object"}},
            "selectionOptions": {"type": "array", "items": {"type": "object"}},
            "valueValidationSettings": {"type": "object"},
            "editRights": {"type": "object"},
            "viewRights": {"type": "object"},
            "dependentFieldKey": _S,
            "creationDate": _RO_DT,
            "lastModifiedDate": _RO_DT,
        },
    },
    "Comment": {
        "type": "object",
        "required": ["ownerKey", "ownerType", "text"],
        "properties": {
            "encodedKey": _RO_S,
            "ownerKey": _S,
            "ownerType": {
                "type": "string",
                "enum": [
                    "CLIENT",
                    "GROUP",
                    "LOAN_PRODUCT",
                    "SAVINGS_PRODUCT",
                    "CENTRE",
                    "BRANCH",
                    "USER",
                    "LOAN_ACCOUNT",
                    "DEPOSIT_ACCOUNT",
                    "ID_DOCUMENT",
                    "LINE_OF_CREDIT",
                    "GL_JOURNAL_ENTRY",
                ],
            },
            "text": _S,
            "userKey": _RO_S,
            "creationDate": _RO_DT,
            "lastModifiedDate": _RO_DT,
        },
    },
    "Task": {
        "type": "object",
        "required": ["title", "dueDate"],
        "properties": {
            "encodedKey": _RO_S,
            "id": {"type": "integer"},
            "title": _S,
            "description": _S,
            "dueDate": {"type": "string", "format": "date"},
            "status": {"type": "string", "enum": ["OPEN", "COMPLETED"]},
            "assignedUserKey": _S,
            "createdByUserKey": _RO_S,
            "createdByFullName": _RO_S,
            "taskLinkKey": _S,
            "taskLinkType": {
                "type": "string",
                "enum": [
                    "CLIENT",
                    "GROUP",
                    "LOAN_PRODUCT",
                    "SAVINGS_PRODUCT",
                    "CENTRE",
                    "BRANCH",
                    "USER",
                    "LOAN_ACCOUNT",
                    "DEPOSIT_ACCOUNT",
                    "ID_DOCUMENT",
                    "LINE_OF_CREDIT",
                    "GL_JOURNAL_ENTRY",
                ],
            },
            "templateKey": _S,
            "creationDate": _RO_DT,
            "lastModifiedDate": _RO_DT,
        },
    },
    "LoanTransaction": {
        "type": "object",
        "properties": {
            "encodedKey": _RO_S,
            "id": _S,
            "externalId": _S,
            "parentAccountKey": _S,
            "type": _S,
            "amount": {"type": "number"},
            "valueDate": _DT,
            "bookingDate": _DT,
            "creationDate": _RO_DT,
            "notes": _S,
        },
    },
}


@cache
def _openapi(name: str) -> dict[str, Any]:
    text = resources.files("mambu_async.testing.openapi").joinpath(f"{name}.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def openapi(name: str) -> dict[str, Any]:
    """The parsed OpenAPI document ``name`` (one of :data:`OPENAPI_FILES`)."""
    return _openapi(name)


@attrs.frozen
class Schema:
    """One definition and the document its ``$ref`` point into."""

    definitions: dict[str, Any] = attrs.field(eq=False, repr=False)
    name: str

    @classmethod
    def from_file(cls, file: str, name: str) -> Schema:
        """The definition ``name`` of OpenAPI file ``file``."""
        return cls(openapi(file)["definitions"], name)

    @classmethod
    def inline(cls, name: str) -> Schema:
        """A definition of :data:`INLINE_DEFINITIONS`."""
        return cls(INLINE_DEFINITIONS, name)

    @property
    def root(self) -> dict[str, Any]:
        """The definition itself."""
        node: dict[str, Any] = self.definitions[self.name]
        return node

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        """``node`` with a ``$ref`` followed."""
        seen = 0
        while "$ref" in node and seen < 20:
            ref = str(node["$ref"]).rsplit("/", 1)[-1]
            target = self.definitions.get(ref) or INLINE_DEFINITIONS.get(ref) or {}
            node = target
            seen += 1
        return node

    def properties(self) -> dict[str, Any]:
        """Top-level properties."""
        props: dict[str, Any] = self.root.get("properties", {})
        return props

    def property_schema(self, dotted: str) -> dict[str, Any] | None:
        """The resolved schema at a dotted property path (through arrays), or ``None``."""
        node: dict[str, Any] | None = self.root
        for part in dotted.split("."):
            if node is None:
                return None
            node = self.resolve(node)
            if node.get("type") == "array":
                node = self.resolve(node.get("items", {}))
            node = node.get("properties", {}).get(part)
        return self.resolve(node) if node is not None else None

    def read_only(self) -> set[str]:
        """Top-level read-only property names."""
        return {
            k for k, v in self.properties().items() if self.resolve(v).get("readOnly") or v.get("readOnly")
        }

    def enum_of(self, dotted: str) -> tuple[str, ...]:
        """The enum of a property, if any."""
        node = self.property_schema(dotted)
        return tuple(node.get("enum", ())) if node else ()

    def coerce_numbers(self, body: dict[str, Any]) -> None:
        """Numeric strings in ``number``/``integer`` properties of ``body`` become numbers, in place, and
        ``date-time`` values lose any fraction of a second (Mambu stores seconds)."""
        _coerce(self, self.root, body)

    def check(self, body: dict[str, Any], old: dict[str, Any] | None) -> Problems:
        """Every problem of ``body`` (a create when ``old`` is ``None``, else a full update of ``old``)."""
        problems: Problems = []
        _check_object(self, self.root, body, old, "", problems, creating=old is None)
        return problems


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _check_object(
    schema: Schema,
    node: dict[str, Any],
    value: Any,
    old: Any,
    path: str,
    problems: Problems,
    *,
    creating: bool,
) -> None:
    node = schema.resolve(node)
    if not isinstance(value, dict):
        problems.append(("INVALID_PARAMETERS", f"Property {path or 'body'} must be an object"))
        return
    old_dict = old if isinstance(old, dict) else None
    for name in node.get("required", ()):
        if value.get(name) is None:
            problems.append(("INVALID_PARAMETERS", f"Property {_join(path, name)} may not be null"))
    for name, sub in node.get("properties", {}).items():
        if name not in value:
            continue
        sub_value = value[name]
        where = _join(path, name)
        if sub.get("readOnly") or schema.resolve(sub).get("readOnly"):
            if creating or old_dict is None:
                if sub_value is not None:
                    reason = (
                        "ENCODED_KEY_MUST_BE_EMPTY_ON_CREATE"
                        if name == "encodedKey"
                        else "INVALID_PARAMETERS"
                    )
                    problems.append((reason, f"Property {where} is read-only"))
            elif not equivalent(sub_value, old_dict.get(name)):
                problems.append(
                    ("INVALID_PARAMETERS", f"Property {where} is read-only and cannot be changed")
                )
            elif name in old_dict:
                value[name] = copy.deepcopy(old_dict[name])
            continue
        if sub_value is None:
            continue
        old_sub = old_dict.get(name) if old_dict is not None else None
        _check_value(schema, sub, sub_value, old_sub, where, problems, creating=creating)


def _check_value(
    schema: Schema,
    node: dict[str, Any],
    value: Any,
    old: Any,
    path: str,
    problems: Problems,
    *,
    creating: bool,
) -> None:
    node = schema.resolve(node)
    kind = node.get("type")
    if kind == "object" or (kind is None and "properties" in node):
        _check_object(schema, node, value, old, path, problems, creating=creating)
    elif kind == "array":
        if not isinstance(value, list):
            problems.append(("INVALID_PARAMETERS", f"Property {path} must be an array"))
            return
        items = node.get("items", {})
        old_list = old if isinstance(old, list) else []
        for i, item in enumerate(value):
            if item is None:
                continue
            old_item = old_list[i] if i < len(old_list) else None
            # A new array entry is a creation even inside an update.
            _check_value(
                schema, items, item, old_item, f"{path}[{i}]", problems, creating=creating or old_item is None
            )
    elif kind == "string":
        if not isinstance(value, str):
            problems.append(("INVALID_PARAMETERS", f"Property {path} must be a string"))
            return
        enum = node.get("enum")
        if enum and value not in enum:
            problems.append(("INVALID_PARAMETERS", f"Property {path}: {value!r} is not one of {enum}"))
        fmt = node.get("format")
        if fmt == "date" and not is_date(value):
            problems.append(("INVALID_DATE", f"Property {path}: {value!r} is not a date (YYYY-MM-DD)"))
        elif fmt == "date-time" and not is_datetime(value):
            problems.append(("INVALID_DATE", f"Property {path}: {value!r} is not a date-time with an offset"))
    elif kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            problems.append(("INVALID_PARAMETERS", f"Property {path} must be a number"))
    elif kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(("INVALID_PARAMETERS", f"Property {path} must be an integer"))
        elif not -(bound := _INT_BOUNDS.get(str(node.get("format")), _INT64)) <= value < bound:
            problems.append(("INVALID_PARAMETERS", f"Property {path}: {value} does not fit its integer type"))
    elif kind == "boolean" and not isinstance(value, bool):
        problems.append(("INVALID_PARAMETERS", f"Property {path} must be a boolean"))


def _coerce(schema: Schema, node: dict[str, Any], value: Any) -> Any:
    """``value`` with numeric strings made numbers and date-times cut to seconds where ``node`` says so."""
    node = schema.resolve(node)
    kind = node.get("type")
    if kind in ("number", "integer") and isinstance(value, str):
        number = _number_text(value, integer=kind == "integer")
        return value if number is None else number
    is_text = isinstance(value, str)
    if kind == "string" and node.get("format") == "date-time" and is_text and is_datetime(value):
        return _FRACTION_RE.sub(r"\1", value)
    if isinstance(value, dict) and (kind == "object" or "properties" in node):
        for name, sub in node.get("properties", {}).items():
            if value.get(name) is not None:
                value[name] = _coerce(schema, sub, value[name])
    elif isinstance(value, list) and kind == "array":
        items = node.get("items", {})
        value[:] = [_coerce(schema, items, item) if item is not None else None for item in value]
    return value


_FRACTION_RE = re.compile(r"(T\d{2}:\d{2}:\d{2})\.\d+")


def _number_text(text: str, *, integer: bool) -> int | Decimal | None:
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    if integer:
        return int(number) if number == number.to_integral_value() and "." not in text else None
    return number


def equivalent(sent: Any, stored: Any) -> bool:
    """Whether a value sent back equals the stored one as Mambu compares them: numbers by value (a JSON
    string or a number), date-times by instant (any offset), objects and arrays member by member."""
    if sent == stored:
        return True
    if isinstance(sent, dict) and isinstance(stored, dict):
        return sent.keys() == stored.keys() and all(equivalent(sent[k], stored[k]) for k in sent)
    if isinstance(sent, list) and isinstance(stored, list):
        return len(sent) == len(stored) and all(equivalent(a, b) for a, b in zip(sent, stored, strict=True))
    if _is_number(stored) and (_is_number(sent) or isinstance(sent, str)):
        number = _number_text(sent, integer=False) if isinstance(sent, str) else sent
        return number is not None and Decimal(number) == Decimal(stored)
    if isinstance(sent, str) and isinstance(stored, str):
        sent_at, stored_at = _sent_back_instant(sent), parse_datetime(stored)
        return sent_at is not None and sent_at == stored_at
    return False


_ZONE_NAME_RE = re.compile(r"(?:UTC|GMT)([+-]\d{2}:\d{2})?$")


def _sent_back_instant(text: str) -> dt.datetime | None:
    """The instant of a date-time sent back for comparison with the stored one.

    [INFERRED] Beside Mambu's own forms, the zone may be written by name, ``UTC``/``GMT`` or
    ``UTC+hh:mm``: MambuPy re-serialises a date it read as ``+00:00`` with the zone's name
    (``2026-12-03T08:39:54UTC``), and an unchanged read-only date sent back so is the same instant.
    """
    named = _ZONE_NAME_RE.search(text)
    if named is None:
        return parse_datetime(text)
    return parse_datetime(text[: named.start()] + (named.group(1) or "+00:00"))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def is_date(text: str) -> bool:
    """``YYYY-MM-DD`` naming a real day."""
    if not _DATE_RE.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_datetime(text: str) -> bool:
    """An ISO date-time with a UTC offset (v2 validates the timezone)."""
    return parse_datetime(text) is not None


def parse_datetime(text: str) -> dt.datetime | None:
    """An aware datetime from Mambu's text (``+03:00``, ``+0300`` or ``Z``), else ``None``."""
    if not isinstance(text, str) or not _DATETIME_RE.match(text):
        return None
    fixed = text[:-1] + "+00:00" if text.endswith("Z") else text
    if re.search(r"[+-]\d{4}$", fixed):
        fixed = fixed[:-2] + ":" + fixed[-2:]
    try:
        value = dt.datetime.fromisoformat(fixed)
    except ValueError:
        return None
    return value if value.tzinfo is not None else None
