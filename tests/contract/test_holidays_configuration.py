"""The whole holidays configuration at ``/organization/holidays`` (MambuPy's ``MambuHolidays``)."""

from __future__ import annotations

from mambu_async.testing import FakeMambu

from .conftest import Raw
from .test_tenant_reads import seed_small_tenant


async def test_get_answers_holidays_and_non_working_days(raw: Raw, mambu_fake: FakeMambu) -> None:
    seed_small_tenant(mambu_fake)
    status, _, body = await raw("GET", "/organization/holidays")
    assert status == 200, body
    assert [h["name"] for h in body["holidays"]] == ["New Year", "Labour Day", "Christmas"]
    assert body["nonWorkingDays"] == ["SATURDAY", "SUNDAY"]
    _, _, general = await raw("GET", "/organization/holidays/general")
    assert body["holidays"] == general


async def test_put_replaces_the_configuration(raw: Raw, mambu_fake: FakeMambu) -> None:
    seed_small_tenant(mambu_fake)
    _, _, before = await raw("GET", "/organization/holidays")
    kept = {**before["holidays"][0], "name": "New Year's Day"}
    sent = {"holidays": [kept, {"name": "Carnival", "date": "2024-02-13"}], "nonWorkingDays": ["SUNDAY"]}
    status, _, body = await raw("PUT", "/organization/holidays", json=sent)
    assert status == 200, body
    assert [(h["name"], h["date"]) for h in body["holidays"]] == [
        ("New Year's Day", "2024-01-01"),
        ("Carnival", "2024-02-13"),
    ]
    assert body["holidays"][0]["encodedKey"] == kept["encodedKey"]
    assert body["holidays"][0]["creationDate"] == kept["creationDate"]
    assert body["nonWorkingDays"] == ["SUNDAY"]
    _, _, after = await raw("GET", "/organization/holidays")
    assert after == body


async def test_put_refuses_a_bad_configuration_and_keeps_the_old(raw: Raw, mambu_fake: FakeMambu) -> None:
    seed_small_tenant(mambu_fake)
    _, _, before = await raw("GET", "/organization/holidays")
    for sent in (
        {"holidays": [{"name": "Someday", "date": "soon"}]},
        {"holidays": [], "nonWorkingDays": ["FUNDAY"]},
        {"nonWorkingDays": ["SUNDAY"]},
    ):
        status, _, body = await raw("PUT", "/organization/holidays", json=sent)
        assert status == 400 and body["errors"][0]["errorReason"] == "INVALID_HOLIDAY_SETUP", sent
    _, _, after = await raw("GET", "/organization/holidays")
    assert after == before
