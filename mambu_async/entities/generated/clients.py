# Generated from Mambu's OpenAPI files by tools/generate_models.py: do not edit.
# Regenerate with `python tools/generate_models.py` (`--check`, run by the tests, fails when stale).
"""Mambu's ``clients.json`` definitions: ``Client``, ``Document``, ``ClientRole`` and the value objects it
references.

Money and rates are ``Decimal``, date-times aware ``datetime``, dates ``datetime.date``; enums are
``StrEnum`` (a value Mambu adds later is kept as a ``str``). Properties starting with ``_`` are custom
field sets (``MambuEntity.custom_fields``). Entities subclass these models and add their behaviour
(``mambu_async/entities/*.py``).
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import attrs

from mambu_async.entities.model import MambuModel

__all__ = [
    "Address",
    "Client",
    "ClientGender",
    "ClientPreferredLanguage",
    "ClientRole",
    "ClientRoleClientType",
    "ClientState",
    "Document",
    "DocumentOwnerType",
    "IdentificationDocument",
    "PortalSettings",
    "PortalSettingsPortalState",
]


class DocumentOwnerType(enum.StrEnum):
    """Values of ``Document.ownerType`` (clients.json)."""

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


class PortalSettingsPortalState(enum.StrEnum):
    """Values of ``PortalSettings.portalState`` (clients.json)."""

    ENABLED = "ENABLED"
    DISABLED = "DISABLED"


class ClientGender(enum.StrEnum):
    """Values of ``Client.gender`` (clients.json)."""

    MALE = "MALE"
    FEMALE = "FEMALE"


class ClientPreferredLanguage(enum.StrEnum):
    """Values of ``Client.preferredLanguage`` (clients.json)."""

    ENGLISH = "ENGLISH"
    PORTUGESE = "PORTUGESE"
    SPANISH = "SPANISH"
    RUSSIAN = "RUSSIAN"
    FRENCH = "FRENCH"
    GEORGIAN = "GEORGIAN"
    CHINESE = "CHINESE"
    INDONESIAN = "INDONESIAN"
    ROMANIAN = "ROMANIAN"
    BURMESE = "BURMESE"
    GERMAN = "GERMAN"
    PHRASE = "PHRASE"


class ClientState(enum.StrEnum):
    """Values of ``Client.state`` (clients.json)."""

    PENDING_APPROVAL = "PENDING_APPROVAL"
    INACTIVE = "INACTIVE"
    ACTIVE = "ACTIVE"
    EXITED = "EXITED"
    BLACKLISTED = "BLACKLISTED"
    REJECTED = "REJECTED"


class ClientRoleClientType(enum.StrEnum):
    """Values of ``ClientRole.clientType`` (clients.json)."""

    CLIENT = "CLIENT"
    GROUP = "GROUP"


@attrs.define(slots=False, kw_only=True)
class Address(MambuModel):
    """Mambu's ``Address`` (clients.json): address Data Transfer Object.

    Read-only: ``encodedKey``, ``parentKey``.
    """

    encoded_key: str | None = None
    city: str | None = None
    country: str | None = None
    index_in_list: int | None = None
    latitude: Decimal | None = None
    line1: str | None = None
    line2: str | None = None
    longitude: Decimal | None = None
    parent_key: str | None = None
    postcode: str | None = None
    region: str | None = None


@attrs.define(slots=False, kw_only=True)
class Document(MambuModel):
    """Mambu's ``Document`` (clients.json): holds information regarding the documents uploaded as
    attachments.

    Required on create: ``id``, ``name``, ``type``.

    Read-only: ``encodedKey``, ``creationDate``, ``lastModifiedDate``, ``ownerKey``, ``ownerType``.
    """

    id: int | None = None
    encoded_key: str | None = None
    creation_date: dt.datetime | None = None
    file_name: str | None = None
    file_size: int | None = None
    last_modified_date: dt.datetime | None = None
    location: str | None = None
    name: str | None = None
    notes: str | None = None
    owner_key: str | None = None
    owner_type: DocumentOwnerType | str | None = None
    type: str | None = None


@attrs.define(slots=False, kw_only=True)
class IdentificationDocument(MambuModel):
    """Mambu's ``IdentificationDocument`` (clients.json): an Id document represents a document that can be
    used to identify a person like a passport, a drivers license an id card etc.

    Required on create: ``documentId``, ``documentType``.

    Read-only: ``encodedKey``, ``clientKey``.
    """

    encoded_key: str | None = None
    attachments: list[Document] | None = None
    client_key: str | None = None
    document_id: str | None = None
    document_type: str | None = None
    identification_document_template_key: str | None = None
    index_in_list: int | None = None
    issuing_authority: str | None = None
    valid_until: dt.date | None = None


@attrs.define(slots=False, kw_only=True)
class PortalSettings(MambuModel):
    """Mambu's ``PortalSettings`` (clients.json): portal settings for an individual client.

    Read-only: ``encodedKey``.
    """

    encoded_key: str | None = None
    last_logged_in_date: dt.datetime | None = None
    portal_state: PortalSettingsPortalState | str | None = None


@attrs.define(slots=False, kw_only=True)
class Client(MambuModel):
    """Mambu's ``Client`` (clients.json): a person that uses the services of the bank. Clients may have
    associated information such as their address, custom fields or identification documents.

    Required on create: ``firstName``, ``lastName``.

    Read-only: ``encodedKey``, ``activationDate``, ``approvedDate``, ``closedDate``, ``creationDate``,
    ``groupLoanCycle``, ``lastModifiedDate``, ``loanCycle``, ``migrationEventKey``, ``profilePictureKey``,
    ``profileSignatureKey``.
    """

    id: str | None = None
    encoded_key: str | None = None
    activation_date: dt.datetime | None = None
    addresses: list[Address] | None = None
    approved_date: dt.datetime | None = None
    assigned_branch_key: str | None = None
    assigned_centre_key: str | None = None
    assigned_user_key: str | None = None
    birth_date: dt.date | None = None
    client_role_key: str | None = None
    closed_date: dt.datetime | None = None
    creation_date: dt.datetime | None = None
    email_address: str | None = None
    first_name: str | None = None
    gender: ClientGender | str | None = None
    group_keys: list[str] | None = None
    group_loan_cycle: int | None = None
    home_phone: str | None = None
    id_documents: list[IdentificationDocument] | None = None
    last_modified_date: dt.datetime | None = None
    last_name: str | None = None
    loan_cycle: int | None = None
    middle_name: str | None = None
    migration_event_key: str | None = None
    mobile_phone: str | None = None
    notes: str | None = None
    portal_settings: PortalSettings | None = None
    preferred_language: ClientPreferredLanguage | str | None = None
    profile_picture_key: str | None = None
    profile_signature_key: str | None = None
    state: ClientState | str | None = None


@attrs.define(slots=False, kw_only=True)
class ClientRole(MambuModel):
    """Mambu's ``ClientRole`` (clients.json): describes the role of a client/group in the system.

    Read-only: ``encodedKey``, ``creationDate``.
    """

    id: str | None = None
    encoded_key: str | None = None
    can_guarantee: bool | None = None
    can_open_accounts: bool | None = None
    client_type: ClientRoleClientType | str | None = None
    creation_date: dt.datetime | None = None
    description: str | None = None
    name: str | None = None
    require_id: bool | None = attrs.field(default=None, metadata={"wire": "requireID"})
    use_default_address: bool | None = None
