"""Comments: ``GET /comments?ownerType=&ownerKey=`` and ``POST /comments`` (api-semantics §9.2, [EXT])."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mambu_async.testing import query
from mambu_async.testing.kinds import EntityKind, Field
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response
from mambu_async.testing.resources.crud import create_record, list_records
from mambu_async.testing.resources.owners import acting_user_key, resolve_owner
from mambu_async.testing.schema import Schema
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu


def install(fake: FakeMambu) -> None:
    """Register the comment kind and routes."""

    def link_owner(fake: FakeMambu, record: Record) -> None:
        owner = resolve_owner(fake, record.get("ownerType"), record.get("ownerKey"))
        record["ownerKey"] = owner["encodedKey"]
        user = acting_user_key(fake)
        if user is not None:
            record["userKey"] = user

    kind = fake.add_kind(
        EntityKind(
            name="comments",
            prefix="comments",
            label="Comment",
            not_found="OBJECT_NOT_FOUND",
            schema=Schema.inline("Comment"),
            id_style="none",
            sort_by={"creationDate": Field.at("creationDate", "datetime")},
            on_create=[link_owner],
        )
    )

    def list_comments(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        owner = resolve_owner(fake, request.param("ownerType"), request.param("ownerKey"))
        records = fake.store["comments"].find(lambda c: c.get("ownerKey") == owner["encodedKey"])
        return list_records(fake, kind, request, records, extra_params=("ownerType", "ownerKey"))

    def post_comment(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, set())
        record = create_record(fake, kind, request.json())
        return json_response(201, query.render(kind, record, "FULL"))

    fake.router.add("GET", "/comments", list_comments)
    fake.router.add("POST", "/comments", post_comment)
