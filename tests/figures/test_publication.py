"""NHS England's publication as downloaded: a zip of CSVs, Windows-1252 or UTF-8, with the quirks of real files."""

import datetime
import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from campaigns.figures import importer, publication
from campaigns.figures.importer import FigureFileError, import_figures
from campaigns.figures.metrics import Status
from campaigns.figures.models import Figure, FigureImport, Month, Provider
from tests.figures.data_helpers import (
    OLDER_HEADER,
    REFUSAL,
    ST_BRIDES,
    csv_text,
    line,
    older_line,
    snapshot,
    waits_file,
    zipped,
)

pytestmark = pytest.mark.django_db


def command(path):
    out = StringIO()
    call_command("import_restraint_data", str(path), stdout=out)
    return out.getvalue()


def test_the_zip_as_downloaded_imports_through_the_command_in_windows_1252(tmp_path):
    content = csv_text(line(210, org=ST_BRIDES), line("*", metric="MHS77", org=ST_BRIDES)).encode("cp1252")
    assert b"\x92" in content and b"\xd4" in content
    path = tmp_path / "MHSDS Data_Rstr_Apr2026_Prf.zip"
    path.write_bytes(zipped(("MHSDS Data_Rstr_Mar2025_Prf.csv", content), ("Readme.pdf", b"%PDF-1.4 not read")))

    output = command(path)

    assert "Imported MHSDS Data_Rstr_Apr2026_Prf.zip: 2 rows read, 2 kept, 0 skipped." in output
    assert "MHSDS Data_Rstr_Mar2025_Prf.csv (in the zip) was read as Windows-1252 text." in output
    assert "Left unread, as not CSV: Readme.pdf." in output
    assert Provider.objects.get().name == "ST BRIDE’S HÔPITAL NHS TRUST"
    assert Figure.objects.count() == 2
    record = FigureImport.objects.get()
    assert record.csv_files == [{"member": "MHSDS Data_Rstr_Mar2025_Prf.csv", "encoding": "Windows-1252"}]
    assert record.members_skipped == ["Readme.pdf"]


def test_each_csv_in_a_zip_is_read_in_its_own_encoding_and_layout(tmp_path):
    february = csv_text(line(100, month="2025-02", org=ST_BRIDES)).encode("cp1252")
    # The older layout, saved again by a spreadsheet: a byte-order mark, two-digit years, a lower-case breakdown.
    march = csv_text(
        older_line(210, org=ST_BRIDES).replace("/2025", "/25"),
        older_line(25, breakdown="Provider; restrictive intervention type", org=ST_BRIDES, kind="1"),
        header=OLDER_HEADER,
    )
    path = tmp_path / "MHSDS Monthly Performance March 2025 Restrictive Interventions.zip"
    path.write_bytes(zipped(("February.csv", february), ("data/March.csv", "\ufeff" + march)))

    output = command(path)

    assert "February.csv (in the zip) was read as Windows-1252 text." in output
    assert "data/March.csv (in the zip) was read as UTF-8 with byte-order mark text." in output
    assert "Months added: February 2025 (Performance), March 2025 (Final)" in output
    assert Figure.objects.get(month__start=datetime.date(2025, 3, 1), intervention_type="01").value == 25
    assert Month.objects.get(start=datetime.date(2025, 3, 1)).end == datetime.date(2025, 3, 31)
    assert Provider.objects.get().name == "ST BRIDE’S HÔPITAL NHS TRUST"
    assert [file["encoding"] for file in FigureImport.objects.get().csv_files] == [
        "Windows-1252",
        "UTF-8 with byte-order mark",
    ]


def test_a_csv_in_utf8_with_or_without_a_byte_order_mark_says_which():
    text = csv_text(line(210, org=ST_BRIDES))

    with_mark = import_figures(io.BytesIO(b"\xef\xbb\xbf" + text.encode()), "with mark.csv")
    assert with_mark.csv_files == [{"member": "", "encoding": "UTF-8 with byte-order mark"}]
    assert Provider.objects.get().name == "ST BRIDE’S HÔPITAL NHS TRUST"

    without = import_figures(io.BytesIO(text.replace("210", "215").encode()), "without.csv")
    assert without.csv_files == [{"member": "", "encoding": "UTF-8"}]
    assert Provider.objects.get().name == "ST BRIDE’S HÔPITAL NHS TRUST"


def test_the_quirks_of_real_files_are_read_as_what_they_mean():
    rows = [
        # Dates as published, as re-saved with four-digit years, and with two.
        "2022-08-01,2022-08-31,Performance ,Provider,RX1,NORTHSHIRE,NONE,NONE," + "NONE," * 8 + "MHS76,210",
        "01/09/2022,30/09/2022,Performance ,Provider,RX1,NORTHSHIRE,NONE,NONE," + "NONE," * 8 + "MHS76,215",
        "01/10/22,31/10/22, performance ,provider; restrictive intervention type,RX1,NORTHSHIRE,1,Prone,"
        + "NONE," * 8
        + "MHS77,25",
    ]

    record = import_figures(io.BytesIO(csv_text(*rows).encode("cp1252")), "MHSDS Data_Rstr_AugPrf_2022.csv")

    assert record.rows_kept == 3
    stored = sorted(Month.objects.values_list("start", "end", "status"))
    assert stored == [
        (datetime.date(2022, 8, 1), datetime.date(2022, 8, 31), Status.PERFORMANCE),
        (datetime.date(2022, 9, 1), datetime.date(2022, 9, 30), Status.PERFORMANCE),
        (datetime.date(2022, 10, 1), datetime.date(2022, 10, 31), Status.PERFORMANCE),
    ]
    assert Figure.objects.get(month__start=datetime.date(2022, 10, 1)).intervention_type == "01"


def test_another_mhsds_publication_is_refused_in_one_sentence_before_any_row_is_stored(tmp_path, monkeypatch):
    before = snapshot()
    written = []
    monkeypatch.setattr(Figure.objects, "bulk_create", lambda *args, **kwargs: written.append(args))
    path = tmp_path / "MHSDS Monthly 4 week waits.csv"
    path.write_text(waits_file())

    with pytest.raises(CommandError) as error:
        command(path)

    assert str(error.value) == f"MHSDS Monthly 4 week waits.csv: {REFUSAL} Nothing was imported."
    assert written == []
    assert snapshot() == before


def test_a_long_file_of_another_publication_is_refused_at_once_not_at_its_end(monkeypatch):
    monkeypatch.setattr(importer, "METRICS_WITHIN_ROWS", 50)
    # Past the first 50 rows comes a line cut short: the refusal comes before it is read.
    content = waits_file(rows=60).replace("MRS02,55", "MRS02")

    with pytest.raises(FigureFileError) as error:
        import_figures(io.BytesIO(content.encode()), "waits.csv")

    assert str(error.value) == REFUSAL
    assert not FigureImport.objects.exists()


def test_a_zip_holding_another_publication_names_the_csv_refused():
    upload = zipped(("March.csv", csv_text(line(210)).encode()), ("waits.csv", waits_file().encode()))

    with pytest.raises(FigureFileError) as error:
        import_figures(io.BytesIO(upload), "two.zip")

    assert str(error.value) == f"In waits.csv: {REFUSAL}"
    assert not Figure.objects.exists()


def test_an_error_in_a_zip_names_the_csv_line_and_column():
    upload = zipped(("March.csv", csv_text(line(210), line("lots", metric="MHS77")).encode("cp1252")))

    with pytest.raises(FigureFileError) as error:
        import_figures(io.BytesIO(upload), "march.zip")

    assert str(error.value) == (
        "In March.csv, line 3, column METRIC_VALUE: 'lots' is not a number or * (a suppressed figure)."
    )
    assert (error.value.member, error.value.line, error.value.column) == ("March.csv", 3, "METRIC_VALUE")


def test_the_same_zip_again_changes_nothing(tmp_path):
    path = tmp_path / "MHSDS Data_Rstr_Apr2026_Prf.zip"
    path.write_bytes(zipped(("April.csv", csv_text(line(210, org=ST_BRIDES)).encode("cp1252"))))
    command(path)
    before = snapshot()

    output = command(path)

    assert "This file was imported before (MHSDS Data_Rstr_Apr2026_Prf.zip" in output
    assert "nothing changed" in output
    assert snapshot() == before


# (what the zip holds, what the refusal says)
REFUSED_ZIPS = {
    "a member over the size bound": (
        [("big.csv", csv_text(*[line(number) for number in range(40)]).encode())],
        "The file big.csv in the zip is over 2,000 bytes unpacked, far more than a month's figures: it is not NHS "
        "England's file, or it is damaged.",
    ),
    "too many members": (
        [(f"month {number}.csv", csv_text(line(210)).encode()) for number in range(4)],
        "The zip holds 4 files; NHS England's holds one or a few (at most 3 are read). Upload the zip as NHS "
        "England published it, or the CSV itself.",
    ),
    "a name outside the zip": (
        [("../../March.csv", csv_text(line(210)).encode())],
        "The zip holds '../../March.csv', a name pointing outside the zip: it is not NHS England's file as published.",
    ),
    "a zip inside the zip": (
        [("inner.zip", zipped(("March.csv", csv_text(line(210)).encode())))],
        "The zip holds another zip, 'inner.zip': open it and upload the CSV inside, or upload the zip NHS England "
        "published.",
    ),
    "no CSV": (
        [("Readme.pdf", b"%PDF"), ("notes.txt", b"hello")],
        "The zip holds no CSV file (it holds Readme.pdf, notes.txt).",
    ),
}


@pytest.mark.parametrize("problem", REFUSED_ZIPS)
def test_a_zip_not_as_published_is_refused_before_anything_is_read(problem, monkeypatch):
    monkeypatch.setattr(publication, "MAX_MEMBER_BYTES", 2000)
    monkeypatch.setattr(publication, "MAX_MEMBERS", 3)
    import_figures(io.BytesIO(csv_text(line(100, month="2025-02")).encode()), "earlier.csv")
    before = snapshot()
    members, message = REFUSED_ZIPS[problem]

    with pytest.raises(FigureFileError) as error:
        import_figures(io.BytesIO(zipped(*members)), "upload.zip")

    assert str(error.value) == message
    assert snapshot() == before


def test_a_damaged_zip_says_so():
    whole = zipped(("March.csv", csv_text(line(210)).encode()))

    with pytest.raises(FigureFileError) as error:
        import_figures(io.BytesIO(whole[: len(whole) // 2]), "half downloaded.zip")

    assert str(error.value) == "The zip file is damaged or incomplete: download it again."
    assert not FigureImport.objects.exists()
