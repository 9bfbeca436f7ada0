"""The import streams: memory stays bounded on a year-sized file, and queries grow with batches, not rows."""

import tracemalloc
import zipfile

import pytest

from campaigns.figures import importer
from campaigns.figures.importer import import_figures
from campaigns.figures.models import Figure, Provider
from tests.figures.data_helpers import HEADER, MONTH_ENDS, line

pytestmark = pytest.mark.django_db

MONTHS = list(MONTH_ENDS)
OTHER_BREAKDOWNS = ["Provider; Site", "Provider; Age Group", "Provider; Gender", "Provider; Ethnicity"]


def big_file(path, providers, skipped_per_provider):
    """A file like a year of real ones: per month and provider, six kept rows and many of breakdowns not used."""
    rows = 0
    with path.open("w") as file:
        file.write(HEADER + "\n")
        for month in MONTHS:
            for number in range(providers):
                org = (f"RX{number:04d}", f"PROVIDER {number} NHS TRUST")
                for metric in ("MHS76", "MHS77", "MHS96", "MHS97", "MHS136", "MHS137"):
                    file.write(line(number % 50 * 5 or "*", metric=metric, month=month, org=org) + "\n")
                    rows += 1
                for index in range(skipped_per_provider):
                    breakdown = OTHER_BREAKDOWNS[index % len(OTHER_BREAKDOWNS)]
                    file.write(line(index, month=month, org=org, breakdown=breakdown, kind=f"{index:02d}") + "\n")
                    rows += 1
    return rows


def test_a_100000_row_file_imports_in_bounded_memory(tmp_path):
    path = tmp_path / "year.csv"
    rows = big_file(path, providers=500, skipped_per_provider=44)
    assert rows == 100_000

    tracemalloc.start()
    try:
        with path.open("rb") as file:
            record = import_figures(file, path.name)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert record.rows_read == 100_000
    assert record.rows_kept == Figure.objects.count() == 4 * 500 * 6
    # Holding the rows would take well over 100 MB; the importer holds one batch and the providers.
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1024 / 1024:.1f} MB"


def test_a_100000_row_windows_1252_file_inside_a_zip_imports_in_bounded_memory(tmp_path):
    path = tmp_path / "year.csv"
    big_file(path, providers=500, skipped_per_provider=44)
    # A Windows-1252 byte near the end: the whole file is read once to decide its encoding, then again for rows.
    with path.open("ab") as file:
        file.write(line(5, metric="MHS77", org=("RX9999", "ST BRIDE’S NHS TRUST")).encode("cp1252"))
        file.write(b"\n")
    downloaded = tmp_path / "MHSDS Data_Rstr_Apr2026_Prf.zip"
    with zipfile.ZipFile(downloaded, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(path, "MHSDS Data_Rstr_Apr2026_Prf.csv")

    tracemalloc.start()
    try:
        with downloaded.open("rb") as file:
            record = import_figures(file, downloaded.name)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert record.rows_read == 100_001
    assert record.csv_files == [{"member": "MHSDS Data_Rstr_Apr2026_Prf.csv", "encoding": "Windows-1252"}]
    assert Provider.objects.get(ods_code="RX9999").name == "ST BRIDE’S NHS TRUST"
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1024 / 1024:.1f} MB"


def test_figures_are_written_batch_by_batch_while_the_file_is_still_being_read(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "BATCH_SIZE", 100)
    path = tmp_path / "month.csv"
    big_file(path, providers=100, skipped_per_provider=0)
    lines_read_at_each_write = []

    class CountingFile:
        def __init__(self, file):
            self.file, self.lines = file, 0

        def seek(self, offset):
            self.lines = 0
            return self.file.seek(offset)

        def read(self, size):
            return self.file.read(size)

        def __iter__(self):
            for raw in self.file:
                self.lines += 1
                yield raw

    real_bulk_create = Figure.objects.bulk_create

    def bulk_create(objs, *args, **kwargs):
        lines_read_at_each_write.append(counting.lines)
        return real_bulk_create(objs, *args, **kwargs)

    monkeypatch.setattr(Figure.objects, "bulk_create", bulk_create)
    with path.open("rb") as file:
        counting = CountingFile(file)
        import_figures(counting, path.name)

    assert len(lines_read_at_each_write) == 24  # 2,400 figures in batches of 100
    # Each batch is written as soon as it is full: the header, 100 rows and the one that starts the next batch.
    assert lines_read_at_each_write[:3] == [101, 201, 301]


def test_queries_grow_with_batches_not_rows(tmp_path, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(importer, "BATCH_SIZE", 500)
    path = tmp_path / "months.csv"
    rows = big_file(path, providers=125, skipped_per_provider=2)
    assert rows == 4000  # 3,000 figures: 6 batches of 500, and 1,000 rows skipped

    # A few queries per month and per batch (a write may be split to fit SQLite's limit on parameters).
    with django_assert_max_num_queries(40 + 6 * 8), path.open("rb") as file:
        import_figures(file, path.name)

    assert Figure.objects.count() == 3000
