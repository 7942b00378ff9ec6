"""The organisation: ``GET /setup/organization`` and the holidays under ``/organization/holidays``.

Mambu's v2 reference serves the organisation details at ``/setup/organization`` and the holidays at
``/organization/holidays/general`` (list; one by ``holidayIdentifier``, its id or encodedKey) and
``/organization/holidays/nonworkingdays`` (``{"nonWorkingDays": [...]}``), and both together at
``GET``/``PUT /organization/holidays`` (``{"holidays": [...], "nonWorkingDays": [...]}``, the whole
configuration MambuPy's ``MambuHolidays`` reads and writes back). The seeds do not describe
these documents; the fields follow Mambu's published reference [INFERRED]: the organisation's
``institutionName``, ``timeZoneID``, ``currency``, ``dateFormat``, ``dateTimeFormat``,
``decimalSeparator``, contact fields and dates; a holiday's ``id`` (an integer), ``name``, ``date``
(date-only), ``isAnnuallyRecurring`` and ``creationDate`` (as branch holidays are in seed 001).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mambu_async.testing import query
from mambu_async.testing.apierror import bad_request
from mambu_async.testing.kinds import EntityKind, Field
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response
from mambu_async.testing.resources.crud import register_crud
from mambu_async.testing.schema import is_date
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

ORGANIZATION = "organization"
"""Collection holding the one organisation record."""
NON_WORKING_DAYS = "nonworkingdays"
"""Collection holding the one non-working-days record."""
WEEK_DAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")


def tenant_timezone(fake: FakeMambu) -> str:
    """The tenant's timezone id (``FakeMambu(timezone=...)``), the one place the organization reads it."""
    return fake.timezone_id


def organization(fake: FakeMambu) -> Record:
    """The organisation details, stored on first use; ``timeZoneID`` is always :func:`tenant_timezone`."""
    stored = fake.store[ORGANIZATION].values()
    if stored:
        record = dict(stored[0])
    else:
        now = fake.clock.iso()
        record = {
            "encodedKey": fake.new_key(),
            "institutionName": "Fake Mambu",
            "currency": "EUR",
            "dateFormat": "dd-MM-yyyy",
            "dateTimeFormat": "dd-MM-yyyy HH:mm:ss",
            "decimalSeparator": "POINT",
            "emailAddress": "admin@example.com",
            "phoneNumber": "+351 210 000 000",
            "address": {"line1": "1 Main Street", "city": "Lisbon", "country": "Portugal"},
            "creationDate": now,
            "lastModifiedDate": now,
        }
        fake.store[ORGANIZATION].put(dict(record))
    record["timeZoneID"] = tenant_timezone(fake)
    return record


def _get_organization(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, set())
    return json_response(200, organization(fake))


def _non_working_days(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """[INFERRED] A tenant starts with Saturday and Sunday as its non-working days."""
    query.check_params(request, set())
    stored = fake.store[NON_WORKING_DAYS].values()
    days = stored[0]["nonWorkingDays"] if stored else ["SATURDAY", "SUNDAY"]
    return json_response(200, {"nonWorkingDays": list(days)})


def _holidays(fake: FakeMambu) -> Record:
    """The whole holidays configuration: the general holidays by date and the non-working days."""
    holidays = sorted(fake.store["holidays"].values(), key=lambda h: (str(h.get("date")), h.get("id") or 0))
    stored = fake.store[NON_WORKING_DAYS].values()
    days = stored[0]["nonWorkingDays"] if stored else ["SATURDAY", "SUNDAY"]
    return {"holidays": [dict(h) for h in holidays], "nonWorkingDays": list(days)}


def _get_holidays(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, set())
    return json_response(200, _holidays(fake))


def _put_holidays(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """Replace the configuration: holidays sent with the id or encodedKey of a stored one keep it (and
    its creation date), others are created, stored ones not sent are removed; the non-working days are
    replaced when sent. [INFERRED] from MambuPy's use (a full configuration is sent, "not just the
    changes") and Mambu's "full update" meaning of PUT."""
    query.check_params(request, set())
    body = request.json()
    sent = body.get("holidays") if isinstance(body, dict) else None
    if not isinstance(sent, list) or not all(isinstance(h, dict) for h in sent):
        raise bad_request("INVALID_HOLIDAY_SETUP", "holidays must be an array of holidays")
    days = body.get("nonWorkingDays")
    if days is not None:
        if not isinstance(days, list):
            raise bad_request("INVALID_HOLIDAY_SETUP", "nonWorkingDays must be an array of week days")
        set_non_working_days(fake, [str(d) for d in days])
    holidays = fake.store["holidays"]
    kept: set[str] = set()
    for item in sent:
        ref = item.get("encodedKey") or item.get("id")
        old = holidays.get(str(ref)) if ref is not None else None
        fields = {k: item[k] for k in ("name", "date", "isAnnuallyRecurring") if item.get(k) is not None}
        if old is None:
            kept.add(fake.create("holidays", fields)["encodedKey"])
            continue
        record = {**old, **fields}
        _check_holiday(fake, record, old)
        holidays.put(record)
        kept.add(record["encodedKey"])
    for old in holidays.values():
        if old["encodedKey"] not in kept:
            holidays.remove(old["encodedKey"])
    return json_response(200, _holidays(fake))


def set_non_working_days(fake: FakeMambu, days: list[str]) -> None:
    """Replace the organisation's non-working days (for factories and tests)."""
    unknown = [d for d in days if d not in WEEK_DAYS]
    if unknown:
        raise bad_request("INVALID_HOLIDAY_SETUP", f"not days of the week: {unknown}")
    stored = fake.store[NON_WORKING_DAYS].values()
    key = stored[0]["encodedKey"] if stored else fake.new_key()
    fake.store[NON_WORKING_DAYS].put({"encodedKey": key, "nonWorkingDays": list(days)})


def _check_holiday(fake: FakeMambu, new: Record, old: Record | None) -> None:
    date = new.get("date")
    if not isinstance(date, str) or not is_date(date):
        raise bad_request("INVALID_HOLIDAY_SETUP", "date must be a date (YYYY-MM-DD)")
    if not isinstance(new.get("name"), str) or not new["name"].strip():
        raise bad_request("INVALID_HOLIDAY_SETUP", "name must not be empty")


def holiday_kind() -> EntityKind:
    """General holidays: ``GET /organization/holidays/general`` and ``.../{holidayIdentifier}``.

    [INFERRED] listed by date, oldest first; ``isAnnuallyRecurring`` defaults to false; an unknown
    identifier is 404 ``INVALID_HOLIDAY_SETUP`` (Mambu's RestError names no holiday-not-found reason).
    """
    return EntityKind(
        name="holidays",
        prefix="organization/holidays/general",
        label="Holiday",
        not_found="INVALID_HOLIDAY_SETUP",
        id_style="int",
        server_fields=("encodedKey", "creationDate"),
        sort_by={"date": Field.at("date", "date")},
        default_sort=(("date", False),),
        on_create=[lambda fake, r: r.setdefault("isAnnuallyRecurring", False)],
        validators=[_check_holiday],
    )


def install(fake: FakeMambu) -> None:
    """Register the organisation and holiday routes."""
    register_crud(fake, fake.add_kind(holiday_kind()), "list get")
    fake.router.add("GET", "/organization/holidays/nonworkingdays", _non_working_days)
    fake.router.add("GET", "/organization/holidays", _get_holidays)
    fake.router.add("PUT", "/organization/holidays", _put_holidays)
    fake.router.add("GET", "/setup/organization", _get_organization)
