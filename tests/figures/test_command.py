"""`manage.py import_restraint_data FILE`: what an operator types and what it tells them."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from campaigns.figures.models import Figure, FigureImport, Provider
from tests.figures.data_helpers import TODAYS_FILE, csv_bytes, line

pytestmark = pytest.mark.django_db


def command(*args):
    out = StringIO()
    call_command("import_restraint_data", *map(str, args), stdout=out)
    return out.getvalue()


def test_it_imports_a_file_and_says_what_it_kept_skipped_and_changed():
    output = command(TODAYS_FILE, "--source-url", "https://digital.nhs.uk/example/march-2025.csv")

    assert "Imported mhsds-restrictive-interventions-sample.csv: 7,728 rows read, 7,146 kept, 582 skipped." in output
    assert "Skipped, lower status than the month already has: 582" in output
    assert "Months added: April 2024 (Performance), May 2024 (Performance)" in output
    assert "March 2025 (Performance)" in output
    assert "Providers: 11 added: Z0001, Z0002" in output
    assert "INVENTED" not in output
    record = FigureImport.objects.get()
    assert record.source_url == "https://digital.nhs.uk/example/march-2025.csv"
    assert record.run_by == "command"
    assert f"Checksum (SHA-256): {record.sha256}" in output
    assert not Figure.objects.filter(is_synthetic=True).exists()


def test_synthetic_figures_are_marked_and_the_summary_says_so(tmp_path):
    path = tmp_path / "demo.csv"
    path.write_bytes(csv_bytes(line(210)).getvalue())

    output = command(path, "--synthetic")

    assert "as INVENTED (synthetic) figures" in output
    assert Figure.objects.get().is_synthetic
    assert Provider.objects.get().is_synthetic


def test_a_file_with_nothing_the_site_uses_says_so(tmp_path):
    path = tmp_path / "breakdowns.csv"
    path.write_bytes(csv_bytes(line(12, metric="MHS98"), line(3, breakdown="Provider; Age Group")).getvalue())

    output = command(path)

    assert "2 rows read, 0 kept, 2 skipped." in output
    assert "Nothing in this file was kept: is it NHS England's Restrictive Interventions file?" in output


def test_the_same_file_again_says_so_and_changes_nothing():
    command(TODAYS_FILE)
    figures = Figure.objects.count()

    output = command(TODAYS_FILE)

    assert "This file was imported before (mhsds-restrictive-interventions-sample.csv" in output
    assert "nothing changed" in output
    assert FigureImport.objects.count() == 1
    assert Figure.objects.count() == figures


def test_a_file_of_the_wrong_shape_fails_naming_the_line_and_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(line(210), line("lots", metric="MHS77")).getvalue())

    with pytest.raises(CommandError) as error:
        command(path)

    assert str(error.value) == (
        "bad.csv: Line 3, column METRIC_VALUE: 'lots' is not a number or * (a suppressed figure). Nothing was imported."
    )
    assert not Figure.objects.exists()
    assert not FigureImport.objects.exists()


def test_a_missing_file_or_a_bad_address_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match=r"Cannot open .*nowhere.csv: No such file or directory"):
        command(tmp_path / "nowhere.csv")
    with pytest.raises(CommandError, match="--source-url: 'not a web address' is not a web address"):
        command(TODAYS_FILE, "--source-url", "not a web address")
    assert not FigureImport.objects.exists()
