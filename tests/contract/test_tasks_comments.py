"""Tasks linked to owners and comments per owner, on both connectors."""

from __future__ import annotations

from typing import Any

import pytest

from mambu_async import MambuBadRequestError, MambuNotFoundError, MambuValidationError
from mambu_async.testing import FakeMambu


@pytest.fixture
def owners(mambu_fake: FakeMambu) -> dict[str, Any]:
    fake = mambu_fake
    branch = fake.create("branches", {"id": "BR1", "name": "Main"})
    ana = fake.create("clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez"})
    bob = fake.create("clients", {"id": "C2", "firstName": "Bob", "lastName": "Brown"})
    group = fake.create("groups", {"id": "G1", "groupName": "Weavers"})
    user = fake.create("users", {"id": "U1", "username": "officer", "firstName": "Olga"})
    return {"branch": branch, "ana": ana, "bob": bob, "group": group, "user": user}


def _task(title: str, **link: Any) -> dict[str, Any]:
    return {"title": title, "dueDate": "2024-02-01", **link}


def _reason(caught: pytest.ExceptionInfo[Any]) -> str:
    return str(caught.value.errors[0].reason)


async def test_tasks_link_to_existing_owners(mambu_connector: Any, owners: dict[str, Any]) -> None:
    c = mambu_connector
    by_id = await c.mambu_create("tasks", _task("Call Ana", taskLinkType="CLIENT", taskLinkKey="C1"))
    assert by_id["taskLinkKey"] == owners["ana"]["encodedKey"] and by_id["status"] == "OPEN"
    key = owners["group"]["encodedKey"]
    by_key = await c.mambu_create("tasks", _task("Visit", taskLinkType="GROUP", taskLinkKey=key))
    assert by_key["taskLinkKey"] == key
    await c.mambu_create("tasks", _task("Audit", taskLinkType="BRANCH", taskLinkKey="BR1"))
    await c.mambu_create("tasks", _task("Call Bob", taskLinkType="CLIENT", taskLinkKey="C2"))
    await c.mambu_create("tasks", _task("Unlinked"))
    cases = [
        (_task("x", taskLinkType="CLIENT", taskLinkKey="NOPE"), "INVALID_CLIENT_ID"),
        (_task("x", taskLinkType="GROUP", taskLinkKey="C1"), "INVALID_GROUP_ID"),
        (_task("x", taskLinkType="CLIENT"), "INVALID_PARAMETERS"),
        (_task("x", taskLinkKey="C1"), "INVALID_PARAMETERS"),
        (_task("x", taskLinkType="GL_JOURNAL_ENTRY", taskLinkKey="J1"), "INVALID_PARAMETERS"),
        (_task("x", taskLinkType="SPACESHIP", taskLinkKey="C1"), "INVALID_PARAMETERS"),
    ]
    for body, reason in cases:
        with pytest.raises(MambuBadRequestError) as caught:
            await c.mambu_create("tasks", body)
        assert _reason(caught) == reason, body
    assert [t["title"] for t in await c.mambu_get_all("tasks", filters={"clientId": "C1"})] == ["Call Ana"]
    assert [t["title"] for t in await c.mambu_get_all("tasks", filters={"groupId": "G1"})] == ["Visit"]
    assert len(await c.mambu_get_all("tasks")) == 5


async def test_task_state_changes_by_put_and_patch(mambu_connector: Any, owners: dict[str, Any]) -> None:
    c = mambu_connector
    task = await c.mambu_create("tasks", _task("Call Ana", taskLinkType="CLIENT", taskLinkKey="C1"))
    task_id = str(task["id"])
    await c.mambu_patch(task_id, "tasks", [("replace", "status", "COMPLETED")])
    assert [t["title"] for t in await c.mambu_get_all("tasks", filters={"status": "COMPLETED"})] == [
        "Call Ana"
    ]
    full = await c.mambu_get(task_id, "tasks", "FULL")
    reopened = await c.mambu_update(task_id, "tasks", {**full, "status": "OPEN"})
    assert reopened["status"] == "OPEN" and reopened["taskLinkKey"] == owners["ana"]["encodedKey"]
    with pytest.raises(MambuBadRequestError):
        await c.mambu_patch(task_id, "tasks", [("replace", "status", "DONE")])
    with pytest.raises(MambuBadRequestError) as relinked:
        await c.mambu_update(task_id, "tasks", {**full, "taskLinkKey": "NOPE"})
    assert _reason(relinked) == "INVALID_CLIENT_ID"
    await c.mambu_patch(task_id, "tasks", [("replace", "taskLinkKey", "C2")])
    assert [t["title"] for t in await c.mambu_get_all("tasks", filters={"clientId": "C2"})] == ["Call Ana"]
    with pytest.raises(MambuBadRequestError) as attached:
        await c.mambu_delete("C2", "clients")
    assert _reason(attached) == "HAS_TASK_ATTACHED"
    await c.mambu_delete(task_id, "tasks")
    await c.mambu_delete("C2", "clients")


async def test_comments_per_owner_in_order_with_paging(
    mambu_connector: Any, mambu_fake: FakeMambu, owners: dict[str, Any]
) -> None:
    c = mambu_connector
    for n in range(5):
        await c.mambu_comment("C1", "CLIENT", f"note {n}")
        mambu_fake.clock.advance(minutes=1)
    await c.mambu_comment(owners["group"]["encodedKey"], "GROUP", "group note")
    await c.mambu_comment("officer", "USER", "user note")
    await c.mambu_comment("BR1", "BRANCH", "branch note")
    texts = [x["text"] for x in await c.mambu_get_comments(owners["ana"]["encodedKey"], "CLIENT")]
    assert texts == [f"note {n}" for n in range(5)]
    page = await c.mambu_get_comments("C1", "CLIENT", offset=1, limit=2, paginationDetails="ON")
    assert [x["text"] for x in page] == ["note 1", "note 2"]
    assert await c.mambu_get_comments("C1", "CLIENT", offset=5, limit=2) == []
    assert [x["text"] for x in await c.mambu_get_comments("G1", "GROUP")] == ["group note"]
    assert [x["text"] for x in await c.mambu_get_comments("U1", "USER")] == ["user note"]
    assert await c.mambu_get_comments("C2", "CLIENT") == []
    assert {x["ownerType"] for x in await c.mambu_get_comments("BR1", "BRANCH")} == {"BRANCH"}


async def test_comment_owner_rules(
    mambu_connector: Any, mambu_fake: FakeMambu, owners: dict[str, Any]
) -> None:
    c = mambu_connector
    with pytest.raises(MambuNotFoundError) as missing:
        await c.mambu_comment("NOPE", "CLIENT", "x")
    assert _reason(missing) == "INVALID_CLIENT_ID"
    with pytest.raises(MambuNotFoundError):
        await c.mambu_comment("C1", "LOAN_ACCOUNT", "a client is no loan")
    with pytest.raises(MambuNotFoundError):
        await c.mambu_get_comments("NOPE", "GROUP")
    for held_elsewhere in ("ID_DOCUMENT", "LINE_OF_CREDIT", "GL_JOURNAL_ENTRY"):
        with pytest.raises(MambuBadRequestError) as bad_type:
            await c.mambu_comment("C1", held_elsewhere, "x")
        assert _reason(bad_type) == "INVALID_PARAMETERS"
    with pytest.raises(MambuValidationError):
        await c.mambu_comment("C1", "PLANET", "x")
    assert len(mambu_fake.store["comments"]) == 0
