"""Owners of comments and documents: Mambu's ``ownerType`` names and the kinds they point to."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mambu_async.testing.apierror import bad_request
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

#: ``ownerType`` → collection. The other documented owner types (ID_DOCUMENT, LINE_OF_CREDIT,
#: GL_JOURNAL_ENTRY) are not held by the fake and answer 400.
OWNER_KINDS = {
    "CLIENT": "clients",
    "GROUP": "groups",
    "LOAN_PRODUCT": "loanproducts",
    "SAVINGS_PRODUCT": "depositproducts",
    "CENTRE": "centres",
    "BRANCH": "branches",
    "USER": "users",
    "LOAN_ACCOUNT": "loans",
    "DEPOSIT_ACCOUNT": "deposits",
}


def resolve_owner(fake: FakeMambu, owner_type: Any, owner_ref: Any) -> Record:
    """The owner record (400 for an unknown type, the owner kind's 404 for an unknown id or key)."""
    if owner_type not in OWNER_KINDS:
        raise bad_request(
            "INVALID_PARAMETERS", f"ownerType must be one of {list(OWNER_KINDS)}, got {owner_type!r}"
        )
    if not isinstance(owner_ref, str) or not owner_ref:
        raise bad_request("INVALID_PARAMETERS", "the owner id or encodedKey is missing")
    return fake.require(OWNER_KINDS[owner_type], owner_ref)


def acting_user_key(fake: FakeMambu) -> str | None:
    """The encodedKey of the user named like the fake's API user, if one exists."""
    for user in fake.store["users"].values():
        if user.get("username") == fake.username:
            return str(user["encodedKey"])
    return None
