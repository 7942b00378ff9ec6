"""``MambuComment``: a comment on a client, group, account, product, branch, centre or user.

Mambu v2 serves comments under ``/comments`` (``GET ?ownerType=&ownerKey=``, ``POST {ownerKey,
ownerType, text}``; api-semantics §9.2). The v2 fields are ``encodedKey``, ``ownerKey``, ``ownerType``,
``text``, ``userKey``, ``creationDate`` and ``lastModifiedDate``; v1 answers name the owner ``parentKey``,
kept here too. Comments are written through the owner (``await client.comment("...")``, see
:class:`~mambu_async.entities.behaviours.CommentableMixin`).
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from mambu_async.entities.model import MambuModel

__all__ = ["MambuComment", "OwnerType"]


class OwnerType(enum.StrEnum):
    """Who a comment or a document belongs to (``ownerType``; the v2 ``DocumentOwnerType`` values)."""

    CLIENT = "CLIENT"
    GROUP = "GROUP"
    LOAN_PRODUCT = "LOAN_PRODUCT"
    SAVINGS_PRODUCT = "SAVINGS_PRODUCT"
    CENTRE = "CENTRE"
    BRANCH = "BRANCH"
    USER = "USER"
    LOAN_ACCOUNT = "LOAN_ACCOUNT"
    DEPOSIT_ACCOUNT = "DEPOSIT_ACCOUNT"
    ID_DOCUMENT = "ID_DOCUMENT"
    LINE_OF_CREDIT = "LINE_OF_CREDIT"
    GL_JOURNAL_ENTRY = "GL_JOURNAL_ENTRY"


@attrs.define(slots=False, kw_only=True)
class MambuComment(MambuModel):
    """One comment: its ``text``, who wrote it (``user_key``) and what it is about (``owner_key``).

    Read-only: ``encodedKey``, ``userKey``, ``creationDate``, ``lastModifiedDate``.
    """

    encoded_key: str | None = None
    owner_key: str | None = None
    owner_type: OwnerType | str | None = None
    parent_key: str | None = None
    text: str | None = None
    user_key: str | None = None
    creation_date: dt.datetime | None = None
    last_modified_date: dt.datetime | None = None
