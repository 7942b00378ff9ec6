"""``mambu-async export`` against the embedded emulator: formats, queries, progress, stdout vs --out."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from mambu_async import _json
from mambu_async.entities import MambuClient, MambuLoan
from mambu_async.export.formats import csv_columns
from mambu_async.export.query import exportable_names
from mambu_async.export.sink import checkpoint_path
from tests.cli.conftest import Cli, ids_in_store, read_jsonl, sequence_of


def test_export_without_tenant_uses_the_embedded_demo_and_writes_every_loan(cli: Cli) -> None:
    out = cli.tmp / "loans.jsonl"
    result = cli.run("export", "loans", "--out", str(out))
    assert result.code == 0, result.stderr
    assert "MAMBU_BASE_URL is not set" in result.stderr
    assert result.stdout == b""
    records = read_jsonl(out)
    assert set(sequence_of(records)) == ids_in_store(cli.fake, "loans")
    assert len(records) == len(ids_in_store(cli.fake, "loans"))
    keys = [r["encodedKey"] for r in records]
    assert keys == sorted(keys)  # the stable order of the pull
    assert not checkpoint_path(out).exists()
    assert f"exported {len(records):,} loans to {out}" in result.stderr


def test_amounts_keep_every_digit(cli: Cli) -> None:
    out = cli.tmp / "loans.jsonl"
    assert cli.run("export", "loans", "--out", str(out), "--details", "full").code == 0
    stored = {r["id"]: r for r in cli.fake.store["loans"].values()}
    for record in read_jsonl(out):
        assert record["loanAmount"] == stored[record["id"]]["loanAmount"]
        for key, value in stored[record["id"]].get("balances", {}).items():
            assert record["balances"][key] == value
            assert not isinstance(record["balances"][key], float)


#: Amounts a float would change: trailing zero cents, more digits than a double holds.
CENTS = [Decimal("1200.10"), Decimal("0.05"), Decimal("1234567890123456.78"), Decimal("99.90")]


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_amounts_with_cents_are_written_digit_for_digit(fresh_cli: Cli, suffix: str) -> None:
    loans = list(fresh_cli.fake.store["loans"].values())[: len(CENTS)]
    for loan, amount in zip(loans, CENTS, strict=True):
        loan["loanAmount"] = amount
        loan.setdefault("balances", {})["principalBalance"] = amount - Decimal("0.01")
    out = fresh_cli.tmp / f"loans{suffix}"
    assert fresh_cli.run("export", "loans", "--out", str(out), "--details", "FULL").code == 0
    text = out.read_text(encoding="utf-8")
    for amount in CENTS:  # the file's text, not a decoded value: 0.10 and 0.1 would compare equal
        if suffix == ".jsonl":
            assert f'"loanAmount":{amount}' in text
            assert f'"principalBalance":{amount - Decimal("0.01")}' in text
        else:
            assert f",{amount}," in text


def test_plain_progress_on_stderr_data_on_stdout_without_out(cli: Cli) -> None:
    result = cli.run("export", "loans")
    assert result.code == 0
    assert len(result.lines()) == len(ids_in_store(cli.fake, "loans"))
    total = len(ids_in_store(cli.fake, "loans"))
    assert f"loans (FULL details): {total:,} / {total:,} (100%)" in result.stderr
    assert "done" in result.stderr


def test_progress_bar_on_a_terminal(cli: Cli) -> None:
    result = cli.run("export", "loans", "--out", str(cli.tmp / "l.jsonl"), tty=True)
    assert result.code == 0
    total = len(ids_in_store(cli.fake, "loans"))
    assert f"{total}/{total}" in result.stderr  # rich's M-of-N column, drawn on stderr
    assert "100%" in result.stderr


def test_filter_keeps_only_matching_loans(cli: Cli) -> None:
    result = cli.run("export", "loans", "--filter", "accountState=ACTIVE")
    assert result.code == 0, result.stderr
    expected = ids_in_store(cli.fake, "loans", lambda r: r["accountState"] == "ACTIVE")
    assert expected and set(sequence_of(result.lines())) == expected


def test_search_criteria_and_sort(cli: Cli) -> None:
    search = '[{"field": "accountState", "operator": "IN", "values": ["APPROVED", "CLOSED"]}]'
    result = cli.run("export", "loans", "--search", search, "--sort", "id:DESC")
    assert result.code == 0, result.stderr
    expected = ids_in_store(cli.fake, "loans", lambda r: r["accountState"] in ("APPROVED", "CLOSED"))
    ids = sequence_of(result.lines())
    assert set(ids) == expected and len(ids) == len(expected)
    assert ids == sorted(ids, reverse=True)


def test_search_object_form_with_sorting_criteria(cli: Cli) -> None:
    search = (
        '{"filterCriteria": [{"field": "loanAmount", "operator": "MORE_THAN", "value": "20000"}],'
        ' "sortingCriteria": {"field": "id", "order": "ASC"}}'
    )
    result = cli.run("export", "loans", "--search", search)
    assert result.code == 0, result.stderr
    expected = ids_in_store(cli.fake, "loans", lambda r: Decimal(str(r["loanAmount"])) > 20000)
    assert set(sequence_of(result.lines())) == expected


def test_csv_has_the_models_fixed_header_and_exact_cells(cli: Cli) -> None:
    out = cli.tmp / "loans.csv"  # the extension picks CSV
    result = cli.run("export", "loans", "--out", str(out), "--details", "FULL")
    assert result.code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    header, _ = csv_columns(MambuLoan)
    assert list(rows[0].keys()) == header
    assert "balances.principalBalance" in header and "scheduleSettings.repaymentInstallments" in header
    stored = {r["id"]: r for r in cli.fake.store["loans"].values()}
    assert len(rows) == len(stored)
    for row in rows:
        loan = stored[row["id"]]
        assert Decimal(row["loanAmount"]) == Decimal(str(loan["loanAmount"]))
        balance = loan.get("balances", {}).get("principalBalance")
        if balance is not None:
            assert row["balances.principalBalance"] == format(Decimal(str(balance)), "f")
        custom = {k: v for k, v in loan.items() if k.startswith("_")}
        assert (_json.loads(row["customFieldSets"]) if row["customFieldSets"] else {}) == custom


def test_csv_keeps_arrays_as_json_and_unknown_keys(cli: Cli) -> None:
    result = cli.run("export", "clients", "--format", "csv", "--details", "FULL")
    assert result.code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode(), newline="")))
    header, _ = csv_columns(MambuClient)
    assert list(rows[0]) == header
    stored = {r["id"]: r for r in cli.fake.store["clients"].values()}
    for row in rows:
        assert _json.loads(row["groupKeys"] or "[]") == stored[row["id"]].get("groupKeys", [])


def test_concurrency_option_gives_the_same_records(cli: Cli) -> None:
    one = cli.run("export", "deposits", "--concurrency", "1")
    many = cli.run("export", "deposits", "--concurrency", "16")
    assert one.code == many.code == 0
    assert sequence_of(one.lines()) == sequence_of(many.lines())
    assert set(sequence_of(one.lines())) == ids_in_store(cli.fake, "deposits")


def test_empty_result_still_writes_a_valid_file(cli: Cli) -> None:
    out = cli.tmp / "none.csv"
    result = cli.run("export", "loans", "--filter", "accountHolderId=NOBODY", "--out", str(out))
    assert result.code == 0, result.stderr
    header, _ = csv_columns(MambuLoan)
    assert out.read_text(encoding="utf-8").splitlines() == [",".join(header)]


@pytest.mark.parametrize("entity", exportable_names())
def test_every_exportable_entity_exports_in_both_formats(cli: Cli, entity: str) -> None:
    as_json = cli.run("export", entity)
    assert as_json.code == 0, as_json.stderr
    names = ("encodedKey", "id", "entryId", "referenceToken", "code")
    keys = [next((r[n] for n in names if r.get(n) is not None), None) for r in as_json.lines()]
    assert len(keys) == len(set(keys))
    as_csv = cli.run("export", entity, "--format", "csv")
    assert as_csv.code == 0, as_csv.stderr
    assert len(list(csv.DictReader(io.StringIO(as_csv.stdout.decode(), newline="")))) == len(keys)


def test_export_reads_full_details_unless_told_basic(cli: Cli) -> None:
    full = cli.run("export", "clients")
    basic = cli.run("export", "clients", "--details", "BASIC")
    assert full.code == basic.code == 0
    assert "clients (FULL details)" in full.stderr and "clients (BASIC details)" in basic.stderr
    with_sets = [r for r in full.lines() if any(key.startswith("_") for key in r)]
    assert with_sets  # the demo tenant's custom field sets come only with FULL
    for record in basic.lines():
        assert not any(key.startswith("_") for key in record)
    assert sequence_of(full.lines()) == sequence_of(basic.lines())


def test_export_help_names_the_default_details_level(capsys: pytest.CaptureFixture[str]) -> None:
    from mambu_async.cli import main

    with pytest.raises(SystemExit):
        main(["export", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "FULL (default: every field, with custom fields and addresses)" in text
    assert "BASIC (leaves out custom fields and addresses)" in text
