"""Importing NHS England's restraint CSV: what is kept, what is skipped, and files of the wrong shape."""

import datetime
import io
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns.figures import importer
from campaigns.figures.importer import AlreadyImported, FigureFileError, import_figures
from campaigns.figures.metrics import ENGLAND_CODE, Level, Status
from campaigns.figures.models import Figure, FigureImport, Month, Provider, Region
from tests.figures.data_helpers import (
    HEADER,
    OLDER_FILE,
    OLDER_HEADER,
    TODAYS_FILE,
    TRUST,
    csv_bytes,
    line,
    older_line,
    snapshot,
)

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2025, 3, 1)
ENGLAND = ("England", "England")
LONDON = ("Y56", "LONDON COMMISSIONING REGION")


def _bytes(content):
    return io.BytesIO(content.encode() if isinstance(content, str) else content)


def run(*lines, name="file.csv", **kwargs):
    return import_figures(csv_bytes(*lines, **kwargs), name)


def figure(metric="MHS76", code=TRUST[0], kind="", start=MARCH):
    return Figure.objects.get(month__start=start, code=code, metric=metric, intervention_type=kind)


def test_todays_layout_keeps_england_region_provider_and_type_figures():
    record = run(
        line(2860, breakdown="England", org=ENGLAND),
        line(365, breakdown="England; Restrictive Intervention Type", org=ENGLAND, kind="01"),
        line(1675, metric="MHS136", breakdown="Region", org=LONDON),
        line(210),
        line(25, breakdown="Provider; Restrictive Intervention Type", kind="01"),
        line("1.4", metric="MHS137"),
    )

    assert figure(code=ENGLAND_CODE).value == 2860
    assert figure(code=ENGLAND_CODE).level == Level.ENGLAND
    assert figure(code=ENGLAND_CODE, kind="01").value == 365
    assert figure("MHS136", code="Y56").level == Level.REGION
    provider_figure = figure()
    assert (provider_figure.level, provider_figure.provider.ods_code, provider_figure.value) == ("provider", "RX1", 210)
    assert figure(kind="01").value == 25
    assert figure("MHS137").value == Decimal("1.4")
    assert Month.objects.get().status == Status.PERFORMANCE
    assert Region.objects.get().display_name == "London"
    assert Provider.objects.get().display_name == "Northshire Mental Health NHS Trust"
    assert (record.rows_read, record.rows_kept, record.rows_skipped) == (6, 6, 0)
    assert record.months_added == ["2025-03 performance"]
    assert record.providers_added == ["RX1"]
    assert record.run_by == "command"
    assert record.finished_at is not None


def test_the_older_layout_maps_onto_the_same_figures():
    run(
        older_line(2860, breakdown="England", org=ENGLAND),
        older_line(210),
        # The older files write the breakdown in lower case; a spreadsheet drops the type's leading zero.
        older_line(25, breakdown="Provider; Restrictive intervention type", kind="1"),
        header=OLDER_HEADER,
    )

    assert figure(code=ENGLAND_CODE).value == 2860
    assert figure().value == 210
    assert figure(kind="01").value == 25
    month = Month.objects.get()
    assert (month.start, month.end, month.status) == (MARCH, datetime.date(2025, 3, 31), Status.FINAL)


def test_a_header_mixing_the_layouts_as_nhs_englands_own_code_writes_it():
    # NHS Digital's code for the restrictive interventions tables (NHSDigital/mental-health-monthly-statistics,
    # its Restraints notebooks) selects these columns: the older layout's levels with METRIC and METRIC_VALUE.
    mixed = (
        "REPORTING_PERIOD_START,REPORTING_PERIOD_END,Status,BREAKDOWN,PRIMARY_LEVEL,PRIMARY_LEVEL_DESCRIPTION,"
        "SECONDARY_LEVEL,SECONDARY_LEVEL_DESCRIPTION,TERTIARY_LEVEL,TERTIARY_LEVEL_DESCRIPTION,QUARTERNARY_LEVEL,"
        "QUARTERNARY_LEVEL_DESCRIPTION,METRIC,METRIC_VALUE"
    )
    rows = [older_line(2860, breakdown="England", org=ENGLAND), older_line(210)]
    run(*(row.replace(",Some measure,", ",") for row in rows), header=mixed)

    assert figure(code=ENGLAND_CODE).value == 2860
    assert figure().value == 210


def test_an_unknown_intervention_type_is_skipped_not_refused():
    # A script that reads the real files (harrymd/MHSMS_analysis) meets types as 1, 01 and UNKNOWN.
    record = run(
        older_line(210),
        older_line(25, breakdown="Provider; Restrictive intervention type", kind="1"),
        older_line(5, breakdown="Provider; Restrictive intervention type", kind="UNKNOWN"),
        header=OLDER_HEADER,
    )

    assert figure(kind="01").value == 25
    assert not Figure.objects.filter(intervention_type__icontains="UNK").exists()
    assert record.skipped_reasons == {importer.SKIPPED_UNKNOWN_TYPE: 1}


def test_the_demo_files_in_both_layouts_import():
    with TODAYS_FILE.open("rb") as today:
        todays = import_figures(today, TODAYS_FILE.name)
    with OLDER_FILE.open("rb") as older:
        olders = import_figures(older, OLDER_FILE.name)

    assert (todays.rows_read, todays.rows_kept) == (7728, 7146)
    # March 2025 is in the file twice: as Performance, and as Provisional, which gives way.
    assert todays.skipped_reasons == {importer.SKIPPED_STATUS: 582}
    assert Month.objects.get(start=MARCH).status == Status.PERFORMANCE
    # The older file is Final for April and May 2024, so it replaces those months.
    assert olders.months_replaced == ["2024-04 final", "2024-05 final"]
    assert Month.objects.filter(status=Status.FINAL).count() == 2
    assert Provider.objects.count() == 11
    assert Figure.objects.filter(suppressed=True, value__isnull=False).count() == 0


def test_a_suppressed_cell_is_kept_as_suppressed_never_as_zero():
    run(line("*"), line("*", metric="MHS96"))

    for metric in ("MHS76", "MHS96"):
        suppressed = figure(metric)
        assert suppressed.suppressed is True
        assert suppressed.value is None


def test_a_missing_row_is_never_stored():
    run(line(210), line(25, breakdown="Provider; Restrictive Intervention Type", kind="01"))

    assert not Figure.objects.filter(metric="MHS77").exists()
    assert not Figure.objects.filter(intervention_type="05").exists()
    assert Figure.objects.count() == 2


def test_other_breakdowns_and_metrics_are_skipped_and_counted_not_failed():
    record = run(
        line(210),
        line(15, breakdown="Provider; Site", kind="01"),
        line(40, breakdown="England; Age Group", org=ENGLAND),
        line("12.5", metric="MHS98"),
        line(3, metric="MHS146a"),
    )

    assert Figure.objects.count() == 1
    assert (record.rows_read, record.rows_kept, record.rows_skipped) == (5, 1, 4)
    assert record.skipped_reasons == {importer.SKIPPED_BREAKDOWN: 2, importer.SKIPPED_METRIC: 2}


def test_a_higher_status_replaces_the_whole_month():
    run(line(210, status="Provisional"), line(50, metric="MHS77", status="Provisional"), name="provisional.csv")

    record = run(line(215, status="Final"), name="final.csv")

    assert figure().value == 215
    # Final has no MHS77 row: none recorded, so the provisional figure must not linger.
    assert not Figure.objects.filter(metric="MHS77").exists()
    assert Month.objects.get().status == Status.FINAL
    assert record.months_replaced == ["2025-03 final"]


def test_a_lower_status_never_replaces_a_higher_one():
    run(line(215, status="Final"), name="final.csv")

    record = run(line(210, status="Provisional"), line(50, metric="MHS77", status="Provisional"), name="late.csv")

    assert figure().value == 215
    assert not Figure.objects.filter(metric="MHS77").exists()
    assert Month.objects.get().status == Status.FINAL
    assert record.months_kept == ["2025-03 final"]
    assert (record.rows_kept, record.skipped_reasons) == (0, {importer.SKIPPED_STATUS: 2})


@pytest.mark.parametrize(
    "higher, lower",
    [("Final", "Adhoc"), ("Adhoc", "Performance"), ("Performance", "Provisional")],
)
def test_the_order_of_statuses(higher, lower):
    run(line(100, status=lower), name="lower.csv")
    run(line(200, status=higher), name="higher.csv")
    run(line(300, status=lower), name="lower-again.csv")

    assert figure().value == 200


def test_an_equal_status_replaces_for_a_corrected_file():
    run(line(210), line(50, metric="MHS77"), name="March.csv")

    run(line(205), name="March V2.csv")

    assert figure().value == 205
    assert not Figure.objects.filter(metric="MHS77").exists()


def test_within_one_file_the_higher_status_wins_whichever_comes_first():
    record = run(
        line(100, status="Provisional"),
        line(7, metric="MHS77", status="Provisional"),
        line(200, status="Performance"),
        line(300, status="Provisional"),
    )

    assert figure().value == 200
    assert not Figure.objects.filter(metric="MHS77").exists()
    assert (record.rows_kept, record.skipped_reasons) == (1, {importer.SKIPPED_STATUS: 3})
    assert record.months_added == ["2025-03 performance"]


def test_a_repeated_row_with_the_same_value_is_skipped_once_counted():
    record = run(line(210), line(210), line("*", metric="MHS77"), line("*", metric="MHS77"))

    assert figure().value == 210
    assert Figure.objects.count() == 2
    assert record.skipped_reasons == {importer.SKIPPED_REPEAT: 2}


def test_a_repeated_row_with_another_value_is_refused_naming_both_lines():
    before = snapshot()

    with pytest.raises(FigureFileError) as error:
        run(line(210), line(50, metric="MHS77"), line(215))

    assert error.value.line == 4
    assert "line 2" in str(error.value)
    assert snapshot() == before


def test_a_repeated_row_in_an_earlier_batch_is_found_too(monkeypatch):
    monkeypatch.setattr(importer, "BATCH_SIZE", 2)
    months = ["2025-01", "2025-02"]

    record = run(*[line(10, month=month) for month in months], *[line(10, month=month) for month in months])
    assert record.skipped_reasons == {importer.SKIPPED_REPEAT: 2}
    assert record.rows_kept == 2

    with pytest.raises(FigureFileError) as error:
        run(line(10, month="2025-01"), line(20, month="2025-02"), line(30, month="2025-01"), name="other.csv")
    assert error.value.line == 4
    assert Figure.objects.count() == 2


def test_a_provider_is_known_by_its_ods_code_and_shown_with_its_latest_name():
    run(line(210, month="2025-02", org=("RX1", "OLD NAME NHS TRUST")), name="february.csv")

    record = run(line(215, month="2025-03", org=("RX1", "NEW NAME NHS FOUNDATION TRUST")), name="march.csv")
    assert Provider.objects.get().name == "NEW NAME NHS FOUNDATION TRUST"
    assert record.providers_renamed == ["RX1"]

    # An older month imported later does not bring the old name back.
    run(line(205, month="2025-01", org=("RX1", "OLD NAME NHS TRUST")), name="january.csv")
    provider = Provider.objects.get()
    assert provider.name == "NEW NAME NHS FOUNDATION TRUST"
    assert provider.figures.count() == 3


def test_a_real_import_makes_a_synthetic_provider_real_and_synthetic_figures_say_so():
    import_figures(csv_bytes(line(210, month="2025-02")), "demo.csv", is_synthetic=True)
    assert Provider.objects.get().is_synthetic
    assert Figure.objects.get().is_synthetic
    assert Month.objects.get().is_synthetic

    import_figures(csv_bytes(line(215)), "real.csv", source_url="https://example.org/real.csv")

    assert not Provider.objects.get().is_synthetic
    assert not figure().is_synthetic
    assert FigureImport.objects.get(file_name="real.csv").source_url == "https://example.org/real.csv"


def test_real_figures_replace_invented_ones_whatever_their_status_and_never_the_other_way():
    import_figures(
        csv_bytes(line(100, status="Final"), line(1, metric="MHS77", status="Final")), "demo.csv", is_synthetic=True
    )

    run(line(200, status="Provisional"), name="real.csv")
    assert figure().value == 200
    assert not figure().is_synthetic
    assert not Figure.objects.filter(metric="MHS77").exists()
    month = Month.objects.get()
    assert (month.status, month.is_synthetic) == (Status.PROVISIONAL, False)

    record = import_figures(csv_bytes(line(300, status="Final")), "demo-again.csv", is_synthetic=True)
    assert figure().value == 200
    assert record.skipped_reasons == {importer.SKIPPED_REAL: 1}
    assert record.months_kept == ["2025-03 provisional"]


def test_importing_the_same_file_again_changes_nothing():
    lines = [line(210), line("*", metric="MHS77")]
    run(*lines)
    before = snapshot()

    with pytest.raises(AlreadyImported) as already:
        run(*lines, name="renamed copy.csv")

    assert already.value.earlier.file_name == "file.csv"
    assert "nothing changed" in str(already.value)
    assert snapshot() == before


# (what the file has, line, column)
MALFORMED = {
    "wrong header": ("NAME,CODE,VALUE\nNorthshire,RX1,210\n", 1, "REPORTING_PERIOD_START"),
    "older header without its value column": (
        OLDER_HEADER.replace(",MEASURE_VALUE", "") + "\n",
        1,
        "MEASURE_VALUE",
    ),
    "bad date": ("\n".join([line(210), line(1).replace("2025-03-01", "2025-13-01", 1)]), 3, "REPORTING_PERIOD_START"),
    "not the first of the month": (line(210).replace("2025-03-01", "2025-03-02", 1), 2, "REPORTING_PERIOD_START"),
    "end in another month": (line(210).replace("2025-03-31", "2025-04-30", 1), 2, "REPORTING_PERIOD_END"),
    "bad number": (
        "\n".join([line(210), line(5, metric="MHS77"), line("about 40", metric="MHS136")]),
        4,
        "METRIC_VALUE",
    ),
    "negative number": (line(-5), 2, "METRIC_VALUE"),
    "empty value": (line(""), 2, "METRIC_VALUE"),
    "truncated line": ("\n".join([line(210), line(5, metric="MHS77")[:60]]), 3, "LEVEL_TWO"),
    "unknown status": (line(210, status="Draft"), 2, "STATUS"),
    "a header and no rows": ("", 2, None),
    "no provider code": (line(210, org=("NONE", "SOMEONE")), 2, "LEVEL_ONE"),
    "no type code": (line(25, breakdown="Provider; Restrictive Intervention Type", kind="NONE"), 2, "LEVEL_TWO"),
}


@pytest.mark.parametrize("problem", MALFORMED)
def test_a_file_of_the_wrong_shape_names_the_line_and_column_and_changes_nothing(problem):
    run(line(100, month="2025-02"), name="earlier.csv")
    before = snapshot()
    text, expected_line, expected_column = MALFORMED[problem]
    content = text if text.startswith(("NAME", "REPORTING")) else "\n".join([HEADER, text])

    with pytest.raises(FigureFileError) as error:
        import_figures(_bytes(content + "\n" if not content.endswith("\n") else content), "bad.csv")

    assert (error.value.line, error.value.column) == (expected_line, expected_column)
    where = f"Line {expected_line}, column {expected_column}: " if expected_column else f"Line {expected_line}: "
    assert str(error.value).startswith(where)
    assert snapshot() == before


def test_rows_before_the_bad_line_are_not_kept_even_across_batches(monkeypatch):
    monkeypatch.setattr(importer, "BATCH_SIZE", 2)
    good = [
        line(n, metric=metric, month=month)
        for month in ("2025-01", "2025-02")
        for n, metric in ((1, "MHS76"), (2, "MHS77"))
    ]

    with pytest.raises(FigureFileError):
        run(*good, line("x"))

    assert not Figure.objects.exists()
    assert not Month.objects.exists()
    assert not Provider.objects.exists()
    assert not FigureImport.objects.exists()


def test_a_file_neither_utf8_nor_windows_1252_says_so_at_its_line():
    # 0x81 is not UTF-8, and is one of the five bytes Windows-1252 leaves undefined.
    content = ("\n".join([HEADER, line(210), line(5, metric="MHS77", org=("RX1", "ST BRIDE\x81S"))]) + "\n").encode(
        "latin-1"
    )

    with pytest.raises(FigureFileError) as error:
        import_figures(_bytes(content), "damaged.csv")

    assert str(error.value) == (
        "Line 3: the line has a byte (0x81) that is neither UTF-8 nor Windows-1252 text. "
        "Save the file as 'CSV UTF-8' and try again."
    )
    assert not Figure.objects.exists()


# Any characters but line ends and quotes, which would move the row to another line.
CELL = st.characters(exclude_characters='\r\n"', exclude_categories=["Cs"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(CELL, max_size=12), kind=st.text(CELL, max_size=4), date=st.text(CELL, max_size=12))
def test_any_cell_either_imports_or_gets_a_clear_error(value, kind, date):
    text = line(value, breakdown="Provider; Restrictive Intervention Type", kind=kind or "01")
    text = text.replace("2025-03-01", date or "2025-03-01", 1)
    try:
        with_bom = "\ufeff" + HEADER + "\n" + text + "\n"
        import_figures(_bytes(with_bom.encode()), "random.csv")
    except FigureFileError as error:
        assert error.line == 2
        assert str(error).startswith("Line 2")
    except AlreadyImported:
        pass
