"""Anonymizing an exited client (v1 ``POST /clients/{clientId}/action`` ``{"action": "ANONYMIZE"}``,
S2:L7082-7175): GDPR's right to be forgotten.

Only an ``EXITED`` client may be anonymized (400 ``CLIENT_DOES_NOT_HAVE_EXITED_STATE``, code 3760); an
unknown client is 404 ``INVALID_CLIENT_ID`` (301), which is also what the old id answers afterwards, since
the client gets a new id. The answer is the ExecutionStatus ``{"returnCode": 0, "returnStatus":
"SUCCESS"}``. The effects are those the seed lists:

- the client: first and last name obfuscated; middle name, gender, notes, email address, birth date,
  home and mobile phones, addresses, assigned branch, centre and credit officer, identification
  documents, portal settings, custom field values and the profile picture and signature removed; its
  attachments, comments, activities, tasks and notification messages deleted; a new id;
- its loan accounts: name obfuscated; notes and custom field values removed; attachments, comments,
  activities and notification messages deleted; transactions lose their notes (Mambu's transaction
  comments) and custom field values; guarantees keep their amount but the asset name is obfuscated and
  their custom field values removed;
- its deposit accounts: likewise (name obfuscated, notes, custom field values, attachments, comments,
  activities, messages; transactions' notes and custom field values);
- its credit arrangements (lines of credit): notes, custom field values and attachments removed;
- guarantees of other accounts in which the client is the guarantor: asset name obfuscated, custom field
  values removed.

[INFERRED] An obfuscated value is a fixed-length text derived from the record's key (the seed does not
say what Mambu writes); the new id is drawn like any generated client id; no activity is recorded for the
anonymization itself (the client's activities are what it erases); an ``action`` other than
``ANONYMIZE`` is 400 ``INVALID_PARAMETERS``. Repayment notes do not exist in the fake's schedules, so there
is nothing to erase there.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from mambu_async.testing import query
from mambu_async.testing.resources.v1 import SUCCESS, v1_error, v1_json, v1_route
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu
    from mambu_async.testing.messages import FakeRequest, FakeResponse

__all__ = ["install"]

CLIENT_FIELDS_REMOVED = (
    "middleName",
    "gender",
    "notes",
    "emailAddress",
    "birthDate",
    "homePhone",
    "mobilePhone",
    "mobilePhone2",
    "addresses",
    "assignedBranchKey",
    "assignedCentreKey",
    "assignedUserKey",
    "idDocuments",
    "portalSettings",
    "profilePictureKey",
    "profileSignatureKey",
)
"""Client fields the seed says are deleted (S2:L7097-7103)."""


def obfuscated(key: str, field: str) -> str:
    """The text an obfuscated ``field`` of the record ``key`` becomes."""
    return "ANON-" + hashlib.sha256(f"{key}/{field}".encode()).hexdigest()[:12].upper()


def _without_custom_values(record: Record, *removed: str) -> Record:
    """``record`` without ``removed`` fields and custom field sets (``_Set`` keys)."""
    return {k: v for k, v in record.items() if k not in removed and not k.startswith("_")}


def _guarantees(record: Record, client_key: str | None) -> list[Any] | None:
    """The account's guarantees, obfuscated: all of them (``client_key`` None) or where the client is
    the guarantor."""
    found = record.get("guarantees")
    if not isinstance(found, list):
        return None
    out: list[Any] = []
    for item in found:
        if isinstance(item, dict) and (client_key is None or item.get("guarantorKey") == client_key):
            item = _without_custom_values(item)
            if item.get("assetName"):
                item["assetName"] = obfuscated(str(item.get("encodedKey") or record["encodedKey"]), "asset")
        out.append(item)
    return out


def _delete_owned(fake: FakeMambu, owner_keys: set[str]) -> None:
    """Documents (and their content) and comments whose owner is one of ``owner_keys``."""
    for document in fake.store["documents"].find(lambda d: d.get("ownerKey") in owner_keys):
        fake.store["documents"].remove(document["encodedKey"])
        fake.store["documentfiles"].remove(document["encodedKey"])
    for comment in fake.store["comments"].find(lambda c: c.get("ownerKey") in owner_keys):
        fake.store["comments"].remove(comment["encodedKey"])


def _delete_activities(fake: FakeMambu, client: str, loans: set[str], deposits: set[str]) -> None:
    def concerned(stored: Record) -> bool:
        activity = stored["item"]["activity"]
        return (
            activity.get("clientKey") == client
            or activity.get("loanAccountKey") in loans
            or activity.get("savingsAccountKey") in deposits
        )

    for stored in fake.store["activities"].find(concerned):
        fake.store["activities"].remove(stored["encodedKey"])


def _delete_messages(fake: FakeMambu, client: str, loans: set[str], deposits: set[str]) -> None:
    def concerned(message: Record) -> bool:
        return (
            message.get("clientKey") == client
            or message.get("loanAccountKey") in loans
            or message.get("depositAccountKey") in deposits
        )

    for message in fake.store["communicationmessages"].find(concerned):
        fake.store["communicationmessages"].remove(message["encodedKey"])


def _accounts(fake: FakeMambu, collection: str, client: str, name_field: str) -> set[str]:
    """Anonymize the client's accounts of ``collection``; their keys."""
    keys: set[str] = set()
    owned = fake.store[collection].find(
        lambda a: a.get("accountHolderKey") == client and a.get("accountHolderType", "CLIENT") == "CLIENT"
    )
    for account in owned:
        changed = _without_custom_values(account, "notes")
        if changed.get(name_field):
            changed[name_field] = obfuscated(account["encodedKey"], name_field)
        guarantees = _guarantees(account, None)
        if guarantees is not None:
            changed["guarantees"] = guarantees
        fake.store[collection].put(changed)
        keys.add(account["encodedKey"])
    return keys


def _transactions(fake: FakeMambu, collection: str, accounts: set[str]) -> None:
    for tx in fake.store[collection].find(lambda t: t.get("parentAccountKey") in accounts):
        fake.store[collection].put(_without_custom_values(tx, "notes"))


def anonymize(fake: FakeMambu, client: Record) -> None:
    """Apply the seed's effects of anonymizing ``client`` (an EXITED client) to the store."""
    key = client["encodedKey"]
    for asset in ("PROFILE_PICTURE", "SIGNATURE"):
        stored = fake.store["clientassets"].by_id(f"{key}/{asset}")
        if stored is not None:
            fake.store["clientassets"].remove(stored["encodedKey"])
    id_documents = {
        str(d["encodedKey"])
        for d in client.get("idDocuments") or ()
        if isinstance(d, dict) and d.get("encodedKey")
    }
    changed = _without_custom_values(client, *CLIENT_FIELDS_REMOVED)
    for field in ("firstName", "lastName"):
        changed[field] = obfuscated(key, field)
    changed["id"] = fake.new_id("clients")
    changed["lastModifiedDate"] = fake.clock.iso()
    fake.store["clients"].put(changed)
    loans = _accounts(fake, "loans", key, "loanName")
    deposits = _accounts(fake, "deposits", key, "name")
    _transactions(fake, "loantransactions", loans)
    _transactions(fake, "deposittransactions", deposits)
    arrangements = set()
    for arrangement in fake.store["creditarrangements"].find(lambda a: a.get("holderKey") == key):
        fake.store["creditarrangements"].put(_without_custom_values(arrangement, "notes"))
        arrangements.add(arrangement["encodedKey"])
    for collection in ("loans", "deposits"):
        for account in fake.store[collection].find(
            lambda a: any(
                isinstance(g, dict) and g.get("guarantorKey") == key for g in a.get("guarantees") or ()
            )
        ):
            fake.store[collection].put({**account, "guarantees": _guarantees(account, key)})
    _delete_owned(fake, {key, *id_documents, *loans, *deposits})
    for document in fake.store["documents"].find(lambda d: d.get("ownerKey") in arrangements):
        fake.store["documents"].remove(document["encodedKey"])
        fake.store["documentfiles"].remove(document["encodedKey"])
    _delete_activities(fake, key, loans, deposits)
    _delete_messages(fake, key, loans, deposits)
    for task in fake.store["tasks"].find(lambda t: t.get("taskLinkKey") == key):
        fake.store["tasks"].remove(task["encodedKey"])


def _action(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, set())
    client = fake.require("clients", request.path_params["id"])
    action = request.json_object().get("action")
    if action != "ANONYMIZE":
        raise v1_error(400, "INVALID_PARAMETERS", f"action must be ANONYMIZE, got {action!r}")
    if client.get("state") != "EXITED":
        raise v1_error(400, "CLIENT_DOES_NOT_HAVE_EXITED_STATE", "Only an exited client can be anonymized")
    anonymize(fake, client)
    return v1_json(200, SUCCESS)


def install(fake: FakeMambu) -> None:
    """Register ``POST /clients/{id}/action``."""
    fake.router.add("POST", "/clients/{id}/action", v1_route(_action))
