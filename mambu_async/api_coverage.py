"""Which operation of Mambu's reference documents mambu_async covers, and how.

One row per operation that Mambu's API documents describe (API v2, API v1, the v1 attachments API and
the Mambu Functions API), keyed by the method and path exactly as the document writes them. A row names
the connector call that performs it, the entity method built on it, and the contract test that runs it
on both connectors (the in-process fake and the REST connector against the emulator); a row without a
call says why. README's coverage table is rendered from :data:`OPERATIONS` by
``python tools/api_coverage.py --write``.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

V2 = "v2"
V1 = "v1"
ATTACHMENTS = "v1 attachments"
FUNCTIONS = "functions"

SEEDS = (V2, V1, ATTACHMENTS, FUNCTIONS)
"""The documents, in the order the table lists them."""


@attrs.frozen
class Operation:
    """One documented operation and how mambu_async covers it."""

    seed: str
    """Which document describes it (:data:`SEEDS`)."""
    method: str
    path: str
    """Method and path as the document writes them."""
    call: str | None = None
    """The connector call that performs it (``None``: not covered, see ``note``)."""
    entity: str | None = None
    """The entity method built on the call, if any."""
    test: str | None = None
    """``tests/...py::test_name``: the contract test that runs the call on both connectors."""
    note: str = ""
    """Why the operation is not covered, or how it maps (a v1 operation served by its v2 equivalent)."""

    @property
    def supported(self) -> bool:
        """True when a connector call performs the operation."""
        return self.call is not None

    @property
    def key(self) -> tuple[str, str, str]:
        """``(seed, method, path)``: what identifies the row."""
        return (self.seed, self.method, self.path)


_CRUD = "tests/contract/test_crud.py::test_crud_by_id_and_encoded_key"
_LISTS = "tests/contract/test_lists.py::test_client_filters"
_SEARCH = "tests/contract/test_search.py::test_criteria_are_anded_and_keys_map"
_COMMENTS = "tests/contract/test_attachments.py::test_comments"
_OWNER_COMMENTS = "tests/behaviours/test_comments_documents.py::test_comments_on_every_owner"
_OWNER_DOCS = "tests/behaviours/test_comments_documents.py::test_documents_on_every_owner"
_DOCS = "tests/contract/test_attachments.py::test_documents"
_DOC_DELETE = "tests/contract/test_documents.py::test_delete_rules"
_DOC_DOWNLOAD = "tests/contract/test_documents.py::test_download_returns_the_exact_bytes"
_DOC_LIST = "tests/contract/test_documents.py::test_metadata_pages_in_upload_order_per_owner"
_GROUP_SEARCH = "tests/behaviours/test_models.py::test_group_members_and_roles"
_BACKUP = (
    "tests/contract/test_database_backup.py::test_trigger_answers_queued_and_download_is_the_tenant_snapshot"
)
_CURRENCY = "tests/contract/test_currencies.py::test_entities_read_write_and_iterate"
_RATES = "tests/contract/test_currencies.py::test_a_new_rate_ends_the_current_one"
_FIELDS = "tests/contract/test_attachments.py::test_custom_field_metadata"
_CF_PATCH = "tests/contract/test_custom_fields.py::test_patch_goes_through_the_same_rules"
_V1_CF = "tests/contract/test_v1_operations.py::test_custom_information_values_one_at_a_time"


def _v2() -> Iterator[Operation]:
    """Mambu API v2 (the partial reference: branches, cards, centres, clients, ...)."""
    yield Operation(V2, "GET", "/branches", "mambu_get_all('branches')", "MambuBranch.get_all", _CRUD)
    yield Operation(V2, "GET", "/branches/{branchId}", "mambu_get(id, 'branches')", "MambuBranch.get", _CRUD)
    yield Operation(V2, "GET", "/centres", "mambu_get_all('centres')", "MambuCentre.get_all", _CRUD)
    yield Operation(V2, "GET", "/centres/{centreId}", "mambu_get(id, 'centres')", "MambuCentre.get", _CRUD)
    yield Operation(V2, "GET", "/clients", "mambu_get_all('clients')", "MambuClient.get_all", _LISTS)
    yield Operation(V2, "GET", "/clients/{clientId}", "mambu_get(id, 'clients')", "MambuClient.get", _CRUD)
    yield Operation(V2, "POST", "/clients", "mambu_create('clients', body)", "MambuClient.create", _CRUD)
    yield Operation(
        V2, "PUT", "/clients/{clientId}", "mambu_update(id, 'clients', body)", "MambuClient.update", _CRUD
    )
    yield Operation(
        V2, "PATCH", "/clients/{clientId}", "mambu_patch(id, 'clients', ops)", "MambuClient.patch", _CRUD
    )
    yield Operation(
        V2, "DELETE", "/clients/{clientId}", "mambu_delete(id, 'clients')", "MambuClient.delete", _CRUD
    )
    yield Operation(
        V2,
        "GET",
        "/customfields/{customfieldId}",
        "mambu_get_customfield(id)",
        "MambuCustomField.get",
        _FIELDS,
    )
    yield Operation(
        V2,
        "GET",
        "/customfieldsets/{customFieldSetId}/customfields",
        "mambu_get_all('customfieldsets/{id}/customfields')",
        "MambuCustomFieldSet.get_custom_fields",
        _FIELDS,
    )
    for method, call, entity in (
        ("GET", "mambu_get(id, 'depositproducts')", "MambuDepositProduct.get"),
        ("PUT", "mambu_update(id, 'depositproducts', body)", "MambuDepositProduct.update"),
        ("PATCH", "mambu_patch(id, 'depositproducts', ops)", "MambuDepositProduct.patch"),
        ("DELETE", "mambu_delete(id, 'depositproducts')", "MambuDepositProduct.delete"),
    ):
        yield Operation(V2, method, "/depositproducts/{depositProductId}", call, entity, _CRUD)
    yield Operation(
        V2,
        "POST",
        "/depositproducts",
        "mambu_create('depositproducts', body)",
        "MambuDepositProduct.create",
        _CRUD,
    )
    yield Operation(V2, "POST", "/database/backup", "mambu_trigger_database_backup(callback)", None, _BACKUP)
    yield Operation(
        V2,
        "GET",
        "/database/backup/{databaseBackupVersion}",
        "mambu_download_database_backup(destination)",
        None,
        _BACKUP,
        "streamed to a file; mambu_open_database_backup streams chunks",
    )
    yield from _v2_tenant()


def _v2_tenant() -> Iterator[Operation]:
    """Cards, communications and credit arrangements."""
    writes = "tests/contract/test_tenant_writes.py::"
    reads = "tests/contract/test_tenant_reads.py::"
    holds = "/cards/{cardReferenceToken}/authorizationholds"
    hold = holds + "/{authorizationHoldExternalReferenceId}"
    card_moves = writes + "test_cards_and_holds_move_the_available_balance"
    settle = writes + "test_card_transactions_settle_holds_and_reverse"
    for method, path, call, entity, test in (
        ("POST", holds, "mambu_create_authorization_hold(token, body)", None, card_moves),
        ("DELETE", hold, "mambu_reverse_authorization_hold(token, id)", None, card_moves),
        (
            "POST",
            hold + ":decrease",
            "mambu_adjust_authorization_hold(token, id, 'decrease', amount)",
            None,
            card_moves,
        ),
        (
            "POST",
            hold + ":increase",
            "mambu_adjust_authorization_hold(token, id, 'increase', amount)",
            None,
            card_moves,
        ),
        (
            "POST",
            "/cards/{cardReferenceToken}/financialtransactions",
            "mambu_make_card_transaction(token, body)",
            None,
            settle,
        ),
        (
            "POST",
            "/cards/{cardReferenceToken}/financialtransactions/{cardTransactionExternalReferenceId}:decrease",
            "mambu_reverse_card_transaction(token, id, amount)",
            None,
            settle,
        ),
        (
            "GET",
            "/communications/messages/{encodedKey}",
            "mambu_get(key, 'communications/messages')",
            "MambuCommunicationMessage.get",
            reads + "test_communication_messages_search_and_get",
        ),
        (
            "POST",
            "/communications/messages:search",
            "mambu_search_communications(criteria)",
            "MambuCommunicationMessage.search",
            reads + "test_communication_messages_search_and_get",
        ),
    ):
        yield Operation(V2, method, path, call, entity, test)
    lifecycle = writes + "test_credit_arrangement_lifecycle"
    arrangement = "/creditarrangements/{creditArrangementId}"
    for method, path, call, entity, test in (
        (
            "GET",
            "/creditarrangements",
            "mambu_get_all('creditarrangements')",
            "MambuCreditArrangement.get_all",
            reads + "test_credit_arrangements_list_search_and_accounts",
        ),
        (
            "POST",
            "/creditarrangements",
            "mambu_create('creditarrangements', body)",
            "MambuCreditArrangement.create",
            lifecycle,
        ),
        ("GET", arrangement, "mambu_get(id, 'creditarrangements')", "MambuCreditArrangement.get", lifecycle),
        (
            "PUT",
            arrangement,
            "mambu_update(id, 'creditarrangements', body)",
            "MambuCreditArrangement.update",
            lifecycle,
        ),
        (
            "PATCH",
            arrangement,
            "mambu_patch(id, 'creditarrangements', ops)",
            "MambuCreditArrangement.patch",
            lifecycle,
        ),
        (
            "DELETE",
            arrangement,
            "mambu_delete(id, 'creditarrangements')",
            "MambuCreditArrangement.delete",
            lifecycle,
        ),
        (
            "POST",
            arrangement + ":changeState",
            "mambu_change_state(id, 'creditarrangements', action)",
            "MambuCreditArrangement.change_state",
            lifecycle,
        ),
    ):
        yield Operation(V2, method, path, call, entity, test)
    messages = "tests/contract/test_communication_writes.py::"
    yield Operation(
        V2,
        "POST",
        "/communications/messages",
        "mambu_send_communication(message)",
        "MambuCommunicationMessage.send",
        messages + "test_send_delivers_to_the_recipients_address",
    )
    yield Operation(
        V2,
        "POST",
        "/communications/messages:resend",
        "mambu_resend_communications(encodedKeys)",
        "MambuCommunicationMessage.resend",
        messages + "test_resend_delivers_failed_messages_again",
    )


def _v1_owned(owner: str, ident: str, entity: str) -> Iterator[Operation]:
    """v1's per-owner comments, documents and custom information, mapped onto v2's calls."""
    owner_type = {"clients": "CLIENT", "groups": "GROUP", "branches": "BRANCH", "centres": "CENTRE"}[owner]
    base = f"/{owner}/{{{ident}}}"
    yield Operation(
        V1,
        "GET",
        f"{base}/comments",
        f"mambu_get_comments(id, '{owner_type}')",
        f"{entity}.get_comments",
        _OWNER_COMMENTS,
        "v2: GET /comments?ownerType=...",
    )
    yield Operation(
        V1,
        "POST",
        f"{base}/comments",
        f"mambu_comment(id, '{owner_type}', text)",
        f"{entity}.comment",
        _OWNER_COMMENTS,
        "v2: POST /comments",
    )
    yield Operation(
        V1,
        "GET",
        f"{base}/documents",
        f"mambu_get_documents_metadata(id, '{owner_type}')",
        f"{entity}.get_attachments_metadata",
        _DOC_LIST,
        "v2: GET /documents/documentsMetadata",
    )
    yield Operation(
        V1,
        "POST",
        f"{base}/documents",
        f"mambu_upload_document(id, '{owner_type}', ...)",
        f"{entity}.attach_document",
        _OWNER_DOCS,
        "v2: POST /documents (multipart)",
    )
    yield Operation(
        V1,
        "GET",
        f"{base}/documents/{{documentId}}",
        "mambu_download_document(documentId)",
        "MambuDocument.download",
        _DOC_DOWNLOAD,
        "v2: GET /documents/{documentId}",
    )
    yield Operation(
        V1,
        "DELETE",
        f"{base}/documents/{{documentId}}",
        "mambu_delete_document(documentId)",
        "MambuDocument.delete",
        _DOC_DELETE,
        "v2: DELETE /documents/{documentId}",
    )
    field = f"{base}/custominformation/{{customFieldId}}"
    row = f"{field}/{{customFieldGroupSetIndex}}"
    v1 = "sent with v1's conventions"
    yield Operation(
        V1, "GET", field, f"mambu_get_custom_information('{owner}', id, fieldId)", None, _V1_CF, v1
    )
    yield Operation(
        V1,
        "PATCH",
        f"{base}/custominformation",
        f"mambu_set_custom_information('{owner}', id, values)",
        None,
        _V1_CF,
        v1,
    )
    for path in (field, row):
        yield Operation(
            V1,
            "PATCH",
            path,
            f"mambu_update_custom_information('{owner}', id, fieldId, value)",
            f"{entity}.patch",
            _V1_CF,
            v1,
        )
        yield Operation(
            V1,
            "DELETE",
            path,
            f"mambu_delete_custom_information('{owner}', id, fieldId)",
            f"{entity}.patch",
            _V1_CF,
            v1,
        )


def _v1() -> Iterator[Operation]:
    """Mambu API v1: operations with a v2 equivalent are performed through it."""
    yield from _v1_owned("clients", "clientId", "MambuClient")
    yield from _v1_owned("groups", "groupId", "MambuGroup")
    yield from _v1_owned("branches", "branchId", "MambuBranch")
    yield from _v1_owned("centres", "centreId", "MambuCentre")
    for path, call, entity, test in (
        ("/branches", "mambu_get_all('branches')", "MambuBranch.get_all", _CRUD),
        ("/branches/{branchId}", "mambu_get(id, 'branches')", "MambuBranch.get", _CRUD),
        ("/centres", "mambu_get_all('centres')", "MambuCentre.get_all", _CRUD),
        ("/centres/{centreId}", "mambu_get(id, 'centres')", "MambuCentre.get", _CRUD),
        ("/clients", "mambu_get_all('clients')", "MambuClient.get_all", _LISTS),
        ("/clients/{clientId}", "mambu_get(id, 'clients')", "MambuClient.get", _CRUD),
        ("/groups", "mambu_get_all('groups')", "MambuGroup.get_all", _CRUD),
        ("/groups/{groupId}", "mambu_get(id, 'groups')", "MambuGroup.get", _CRUD),
        ("/customfields/{customFieldId}", "mambu_get_customfield(id)", "MambuCustomField.get", _FIELDS),
        ("/customfieldsets", "mambu_get_all('customfieldsets')", "MambuCustomFieldSet.get_all", _FIELDS),
        ("/clients/{clientId}/loans/{loanAccountId}", "mambu_get(id, 'loans')", "MambuLoan.get", _CRUD),
        (
            "/clients/{clientId}/savings/{savingsAccountId}",
            "mambu_get(id, 'deposits')",
            "MambuDeposit.get",
            _CRUD,
        ),
        (
            "/clients/{clientId}/savings",
            "mambu_get_all('deposits', filters={'accountHolderId': id})",
            "MambuDeposit.get_all",
            "tests/contract/test_lists.py::test_loan_filters",
        ),
        (
            "/api/clients?firstName=Trevor&lastName=Linden",
            "mambu_get_all('clients', filters=...)",
            "MambuClient.get_all",
            _LISTS,
        ),
        ("/api/groups/?branchId=DB", "mambu_get_all('groups', filters=...)", "MambuGroup.get_all", _LISTS),
        (
            "/api/groups/?centreId=DC&fullDetails=true",
            "mambu_get_all('groups', filters=..., detailsLevel='FULL')",
            "MambuGroup.get_all",
            _LISTS,
        ),
        (
            "/clients?resultType=BASIC&viewfilter={viewfilter}",
            "mambu_get_all('clients')",
            "MambuClient.get_all",
            _LISTS,
        ),
        (
            "/clients?resultType=FULL_DETAILS&viewfilter={viewfilter}",
            "mambu_get_all('clients', detailsLevel='FULL')",
            "MambuClient.get_all",
            _LISTS,
        ),
        (
            "/clients?resultType=SUMMARY&viewfilter={viewfilter}",
            "mambu_get_all('clients')",
            "MambuClient.get_all",
            _LISTS,
        ),
    ):
        yield Operation(V1, "GET", path, call, entity, test, "performed through API v2")
    for method, path, call, entity, test in (
        ("POST", "/clients", "mambu_create('clients', body)", "MambuClient.create", _CRUD),
        ("POST", "/clients/{clientId}", "mambu_update(id, 'clients', body)", "MambuClient.update", _CRUD),
        ("PATCH", "/clients/{clientId}", "mambu_patch(id, 'clients', ops)", "MambuClient.patch", _CRUD),
        ("POST", "/groups", "mambu_create('groups', body)", "MambuGroup.create", _CRUD),
        ("PATCH", "/groups/{groupId}", "mambu_patch(id, 'groups', ops)", "MambuGroup.patch", _CRUD),
        (
            "POST",
            "/api/clients?firstName=Trevor&lastName=Linden&emailAddress=trevor.linden%40mambu.com",
            "mambu_create('clients', body)",
            "MambuClient.create",
            _CRUD,
        ),
        ("POST", "/clients/search", "mambu_search('clients', criteria)", "MambuClient.search", _SEARCH),
        ("POST", "/api/clients/search", "mambu_search('clients', criteria)", "MambuClient.search", _SEARCH),
        ("POST", "/groups/search", "mambu_search('groups', criteria)", "MambuGroup.search", _GROUP_SEARCH),
        (
            "POST",
            "/api/groups/search",
            "mambu_search('groups', criteria)",
            "MambuGroup.search",
            _GROUP_SEARCH,
        ),
        (
            "POST",
            "/api/loans/search",
            "mambu_search('loans', criteria)",
            "MambuLoan.search",
            "tests/contract/test_search.py::test_loan_and_deposit_search",
        ),
        (
            "POST",
            "/api/savings/search",
            "mambu_search('deposits', criteria)",
            "MambuDeposit.search",
            "tests/contract/test_search.py::test_loan_and_deposit_search",
        ),
        (
            "POST",
            "/api/loans/transactions/search",
            "mambu_search('loans/transactions', criteria)",
            "MambuLoanTransaction.search",
            "tests/contract/test_attachments.py::test_transactions_reads",
        ),
    ):
        yield Operation(V1, method, path, call, entity, test, "performed through API v2")
    yield from _v1_money()
    yield from _v1_only()
    v2 = "performed through API v2"
    gl = "tests/contract/test_tenant_reads.py::test_gl_accounts_need_a_type_and_carry_balances"
    yield Operation(
        V1,
        "GET",
        "/glaccounts",
        "mambu_get_all('glaccounts', filters={'type': ...})",
        "MambuGLAccount.get_all",
        gl,
        v2,
    )
    yield Operation(
        V1,
        "GET",
        "/glaccounts/{glAccountId}",
        "mambu_get(glCode, 'glaccounts')",
        "MambuGLAccount.get",
        gl,
        v2,
    )
    yield Operation(
        V1,
        "POST",
        "/api/gljournalentries/search",
        "mambu_search('gljournalentries', criteria)",
        "MambuGLJournalEntry.search",
        "tests/contract/test_tenant_reads.py::test_journal_entries_and_interest_accruals_search",
        v2,
    )
    yield Operation(
        V1,
        "POST",
        "/api/notifications/messages/search",
        "mambu_search_communications(criteria)",
        "MambuCommunicationMessage.search",
        "tests/contract/test_tenant_reads.py::test_communication_messages_search_and_get",
        v2,
    )
    holders = "tests/contract/test_holder_reads_and_index_rates.py::"
    lines = holders + "test_credit_arrangements_of_a_client_or_group"
    for method, path, call, entity, test, note in (
        (
            "GET",
            "/glaccounts/{glAccountId}/gljournalentries",
            "mambu_get_gl_journal_entries(glCode, from, to)",
            "MambuGLAccount.get_journal_entries",
            holders + "test_journal_entries_of_one_gl_account_between_dates",
            "v2: POST /gljournalentries:search (glAccountId, bookingDate BETWEEN)",
        ),
        (
            "POST",
            "/indexratesources/{indexRateSourceId}/indexrates",
            "mambu_create_index_rate(sourceId, rate, startDate, notes)",
            "MambuIndexRateSource.create_index_rate",
            holders + "test_create_index_rate_extends_the_history",
            "v2: the same path with the IndexRate body",
        ),
        (
            "GET",
            "/clients/{clientId}/linesofcredit",
            "mambu_get_credit_arrangements('clients', id)",
            "MambuClient.get_credit_arrangements",
            lines,
            "v2: GET /clients/{clientId}/creditarrangements",
        ),
        (
            "GET",
            "/groups/{groupId}/linesofcredit",
            "mambu_get_credit_arrangements('groups', id)",
            "MambuGroup.get_credit_arrangements",
            lines,
            "v2: GET /groups/{groupId}/creditarrangements",
        ),
        (
            "POST",
            "/api/linesofcredit/search",
            "mambu_search('creditarrangements', criteria)",
            "MambuCreditArrangement.search",
            holders + "test_lines_of_credit_search_by_state_and_exposure",
            "v2: POST /creditarrangements:search",
        ),
    ):
        yield Operation(V1, method, path, call, entity, test, note)


def _v1_money() -> Iterator[Operation]:
    """v1's currencies, exchange rates and database backups, performed through their v2 equivalents."""
    v2 = "performed through API v2"
    yield Operation(
        V1, "GET", "/currencies", "mambu_get_all('currencies')", "MambuCurrency.get_all", _CURRENCY, v2
    )
    yield Operation(
        V1,
        "GET",
        "/currencies/{currencyCode}",
        "mambu_get(code, 'currencies')",
        "MambuCurrency.get",
        _CURRENCY,
        v2,
    )
    yield Operation(
        V1,
        "GET",
        "/currencies/{currencyCode}/rates",
        "mambu_get_exchange_rates(code)",
        "MambuCurrency.get_exchange_rates",
        _RATES,
        v2,
    )
    yield Operation(
        V1,
        "POST",
        "/currencies/{currencyCode}/rates",
        "mambu_create_exchange_rate(code, buyRate, sellRate)",
        "MambuCurrency.set_exchange_rate",
        _RATES,
        v2,
    )
    yield Operation(
        V1, "GET", "/database/backup/LATEST", "mambu_download_database_backup(destination)", None, _BACKUP, v2
    )
    yield Operation(
        V1, "POST", "/database/backup", "mambu_trigger_database_backup(callback)", None, _BACKUP, v2
    )


def _v1_only() -> Iterator[Operation]:
    """Operations only API v1 has, sent with v1's conventions."""
    v1 = "sent with v1's conventions"
    docs = "tests/contract/test_v1_operations.py::test_v1_document_round_trip_and_the_shared_store"
    yield Operation(V1, "GET", "/documents", "mambu_v1_get_documents(ownerType, ownerId)", None, docs, v1)
    yield Operation(
        V1, "POST", "/documents", "mambu_v1_upload_document(ownerType, id, source, name)", None, docs, v1
    )
    yield Operation(V1, "GET", "/documents/{documentId}", "mambu_v1_download_document(id)", None, docs, v1)
    yield Operation(V1, "DELETE", "/documents/{documentId}", "mambu_v1_delete_document(id)", None, docs, v1)
    assets = "tests/contract/test_v1_operations.py::test_client_profile_picture_and_signature"
    entity_assets = "tests/behaviours/test_client_assets.py::test_picture_and_signature_round_trip"
    for asset, name in (("PROFILE_PICTURE", "profile_picture"), ("SIGNATURE", "signature")):
        path = f"/clients/{{clientID}}/documents/{asset}"
        for method, call, test in (
            ("GET", f"mambu_get_client_asset(id, '{asset}')", assets),
            ("POST", f"mambu_set_client_asset(id, '{asset}', source)", assets),
            ("DELETE", f"mambu_delete_client_asset(id, '{asset}')", entity_assets),
        ):
            verb = {"GET": "get", "POST": "set", "DELETE": "delete"}[method]
            yield Operation(V1, method, path, call, f"MambuClient.{verb}_{name}", test, v1)
    tests = "tests/contract/test_v1_operations.py::"
    for path, call, entity, test in (
        (
            "/activities",
            "mambu_get_activities(from, to, filters)",
            "MambuActivity.get_all",
            "activities_follow_the_writes",
        ),
        (
            "/api/search?query=john&type=[CLIENT,USER]&limit=10",
            "mambu_global_search(query, types, limit)",
            None,
            "global_search_groups_matches_by_type",
        ),
        ("/clienttypes", "mambu_get_client_types(for_type)", None, "client_types_start_with_mambus_defaults"),
        ("/grouprolenames", "mambu_get_group_role_names()", None, "group_role_names"),
        ("/indicators/{INDICATOR}", "mambu_get_indicator(name)", None, "indicators_count_and_sum_the_tenant"),
    ):
        yield Operation(V1, "GET", path, call, entity, f"{tests}test_{test}", v1)
    anonymize = "tests/contract/test_client_anonymize.py::"
    yield Operation(
        V1,
        "POST",
        "/clients/{clientId}/action",
        "mambu_anonymize_client(id)",
        "MambuClient.anonymize",
        anonymize + "test_anonymize_erases_what_the_seed_lists",
        v1,
    )
    yield Operation(
        V1,
        "GET",
        "/images/{imageId}",
        "mambu_get_image(imageId, size)",
        None,
        anonymize + "test_images_by_picture_and_signature_key",
        v1,
    )


def _attachments() -> Iterator[Operation]:
    """The v1 attachments API (its examples name concrete ids)."""
    owners = (
        ("/api/branches/b123/documents", "BRANCH", "MambuBranch"),
        ("/api/centres/c123/documents", "CENTRE", "MambuCentre"),
        ("/api/clients/1/documents", "CLIENT", "MambuClient"),
        ("/api/clients/1/documents?offset=0&limit=5", "CLIENT", "MambuClient"),
        ("/api/clients/8a13732d44cd56800144cf0311550077/documents", "CLIENT", "MambuClient"),
        ("/api/groups/2/documents", "GROUP", "MambuGroup"),
        ("/api/loanProducts/LDP/documents", "LOAN_PRODUCT", "MambuLoanProduct"),
        ("/api/loans/3/documents", "LOAN_ACCOUNT", "MambuLoan"),
        ("/api/savings/2344/documents", "DEPOSIT_ACCOUNT", "MambuDeposit"),
        ("/api/savingsProducts/SDP/documents", "DEPOSIT_PRODUCT", "MambuDepositProduct"),
        ("/api/users/demo/documents", "USER", "MambuUser"),
    )
    v1 = "sent with v1's conventions"
    docs = "tests/contract/test_v1_operations.py::test_v1_document_round_trip_and_the_shared_store"
    for path, owner_type, _ in owners:
        call = f"mambu_v1_get_documents('{owner_type}', id, offset, limit)"
        yield Operation(ATTACHMENTS, "GET", path, call, None, docs, v1)
    for path in ("/api/documents/10", "/api/documents/8a13732d44bde36e0144bfc1e74100a9"):
        yield Operation(ATTACHMENTS, "GET", path, "mambu_v1_download_document(id)", None, docs, v1)
    for path in ("/api/documents/1", "/api/documents/8aa0f78f444f763601444f7fb89e0001"):
        yield Operation(ATTACHMENTS, "DELETE", path, "mambu_v1_delete_document(id)", None, docs, v1)


def _functions() -> Iterator[Operation]:
    """The Mambu Functions API."""
    tests = "tests/contract/test_functions.py::"
    for method, path, call, method_of_entity, test in (
        (
            "GET",
            "/mambu-functions",
            "mambu_get_functions(extensionPointId)",
            "get_all",
            "test_list_filters_by_extension_point_and_pages",
        ),
        (
            "POST",
            "/mambu-functions",
            "mambu_create_function(name, extensionPointId, version, code)",
            "create",
            "test_create_then_get_answers_the_mambu_function_schema",
        ),
        (
            "GET",
            "/mambu-functions/{functionName}",
            "mambu_get_function(name)",
            "get",
            "test_create_then_get_answers_the_mambu_function_schema",
        ),
        (
            "PUT",
            "/mambu-functions/{functionName}",
            "mambu_update_function(name, version, code)",
            "update",
            "test_update_replaces_version_and_code",
        ),
        (
            "DELETE",
            "/mambu-functions/{functionName}",
            "mambu_delete_function(name)",
            "delete",
            "test_delete_schedules_the_removal_for_24_hours",
        ),
    ):
        yield Operation(FUNCTIONS, method, path, call, f"MambuFunction.{method_of_entity}", tests + test)


OPERATIONS: tuple[Operation, ...] = (*_v2(), *_v1(), *_attachments(), *_functions())
"""Every documented operation, in table order."""
