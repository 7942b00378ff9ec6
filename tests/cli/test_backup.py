"""``mambu-async backup``: trigger and download the database backup through the command line."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from mambu_async.export.exit_codes import ExitCode
from mambu_async.testing.resources.backup import database_backups
from tests.cli.conftest import Cli


def test_trigger_then_download_writes_the_archive(fresh_cli: Cli) -> None:
    out = fresh_cli.tmp / "backup.zip"
    result = fresh_cli.run(
        "backup", "--trigger", "--callback", "https://example.com/ready", "--out", str(out)
    )
    assert result.code == 0, result.stderr
    assert "state QUEUED" in result.stderr and f"to {out}" in result.stderr
    names = zipfile.ZipFile(io.BytesIO(out.read_bytes())).namelist()
    assert "loans.json" in names and "currencies.json" in names
    assert [n["url"] for n in database_backups(fresh_cli.fake).notices()] == ["https://example.com/ready"]


def test_download_into_a_directory_while_none_is_ready_fails_cleanly(fresh_cli: Cli) -> None:
    database_backups(fresh_cli.fake).duration = dt.timedelta(hours=1)
    result = fresh_cli.run("backup", "--trigger", "--out", str(fresh_cli.tmp))
    assert result.code == ExitCode.REJECTED, result.stderr
    assert "DATABASE_BACKUP_NOT_FOUND" in result.stderr
    assert list(fresh_cli.tmp.iterdir()) == []


def test_backup_needs_something_to_do(cli: Cli) -> None:
    assert cli.run("backup").code == ExitCode.USAGE
    assert (
        cli.run("backup", "--callback", "https://example.com", "--out", str(cli.tmp)).code == ExitCode.USAGE
    )


def test_out_with_a_trailing_slash_is_a_new_directory_keeping_mambus_file_name(fresh_cli: Cli) -> None:
    folder = fresh_cli.tmp / "backups"
    result = fresh_cli.run("backup", "--trigger", "--out", f"{folder}/")
    assert result.code == 0, result.stderr
    written = list(folder.iterdir())
    assert len(written) == 1 and written[0].suffix == ".zip", written
    assert "loans.json" in zipfile.ZipFile(written[0]).namelist()
