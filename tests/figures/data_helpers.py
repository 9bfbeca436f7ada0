"""Small restraint-figure CSV files written the way NHS England publishes them, for the import tests."""

import io
import zipfile
from pathlib import Path

from campaigns.figures.models import Figure, FigureImport, Month, Provider, Region

DEMO = Path(__file__).resolve().parents[2] / "campaigns" / "figures" / "demo"
TODAYS_FILE = DEMO / "mhsds-restrictive-interventions-sample.csv"
OLDER_FILE = DEMO / "mhsds-restrictive-interventions-older-layout-sample.csv"

HEADER = (
    "REPORTING_PERIOD_START,REPORTING_PERIOD_END,STATUS,BREAKDOWN,LEVEL_ONE,LEVEL_ONE_DESCRIPTION,"
    "LEVEL_TWO,LEVEL_TWO_DESCRIPTION,LEVEL_THREE,LEVEL_THREE_DESCRIPTION,LEVEL_FOUR,LEVEL_FOUR_DESCRIPTION,"
    "LEVEL_FIVE,LEVEL_FIVE_DESCRIPTION,LEVEL_SIX,LEVEL_SIX_DESCRIPTION,METRIC,METRIC_VALUE"
)
OLDER_HEADER = (
    "REPORTING_PERIOD_START,REPORTING_PERIOD_END,STATUS,BREAKDOWN,PRIMARY_LEVEL,PRIMARY_LEVEL_DESCRIPTION,"
    "SECONDARY_LEVEL,SECONDARY_LEVEL_DESCRIPTION,TERTIARY_LEVEL,TERTIARY_LEVEL_DESCRIPTION,QUARTERNARY_LEVEL,"
    "QUARTERNARY_LEVEL_DESCRIPTION,MEASURE_ID,MEASURE_NAME,MEASURE_VALUE"
)
MONTH_ENDS = {"2025-01": "31", "2025-02": "28", "2025-03": "31", "2025-04": "30"}
TRUST = ("RX1", "NORTHSHIRE MENTAL HEALTH NHS TRUST")
ST_BRIDES = ("RX7", "ST BRIDE’S HÔPITAL NHS TRUST")  # ’ is 0x92 and Ô 0xD4 in Windows-1252
REFUSAL = (
    "This file has no restrictive intervention measures (MHS76, MHS77, MHS96, MHS97, MHS136, MHS137) in its "
    "METRIC column: it looks like another MHSDS publication (found measures MRS01, MRS02). Download "
    "'Restrictive Interventions' from NHS England's MHSDS monthly statistics."
)


def csv_text(*lines, header=HEADER):
    return "\r\n".join([header, *lines]) + "\r\n"


def zipped(*members):
    """A zip, built as NHS England's are: (name, bytes) for each member."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            archive.writestr(name, content)
    return buffer.getvalue()


def line(value, metric="MHS76", month="2025-03", status="Performance", breakdown="Provider", org=TRUST, kind=""):
    """One row in today's layout. kind is the intervention type code for the '; Restrictive Intervention Type' rows."""
    code, name = org
    type_cells = f"{kind},Type {kind}" if kind else "NONE,NONE"
    return (
        f"{month}-01,{month}-{MONTH_ENDS[month]},{status},{breakdown},{code},{name},{type_cells},"
        f"NONE,NONE,NONE,NONE,NONE,NONE,NONE,NONE,{metric},{value}"
    )


def older_line(value, metric="MHS76", month="2025-03", status="Final", breakdown="Provider", org=TRUST, kind=""):
    """One row in the older layout: dd/mm/yyyy dates, MEASURE_ID and MEASURE_NAME."""
    code, name = org
    year, number = month.split("-")
    type_cells = f"{kind},Type {kind}" if kind else "NONE,NONE"
    return (
        f"01/{number}/{year},{MONTH_ENDS[month]}/{number}/{year},{status},{breakdown},{code},{name},{type_cells},"
        f"NONE,NONE,NONE,NONE,{metric},Some measure,{value}"
    )


def csv_bytes(*lines, header=HEADER):
    return io.BytesIO(("\n".join([header, *lines]) + "\n").encode())


def snapshot():
    """Everything an import can change, in a form that compares equal when nothing changed."""
    return {
        "figures": sorted(
            Figure.objects.values_list(
                "month__start",
                "level",
                "code",
                "provider__ods_code",
                "metric",
                "intervention_type",
                "value",
                "suppressed",
            )
        ),
        "months": sorted(Month.objects.values_list("start", "end", "status", "figure_import_id")),
        "providers": sorted(Provider.objects.values_list("ods_code", "name", "name_month", "is_synthetic")),
        "regions": sorted(Region.objects.values_list("code", "name")),
        "imports": sorted(FigureImport.objects.values_list("pk", "sha256", "rows_kept")),
    }


def waits_file(rows=2):
    """MHSDS's 4-week waits file: the same layout, measures MRS01…, over three months."""
    measures = ["MRS01", "MRS02"]
    lines = [
        f"2025-01-01,2025-03-31,Performance,Provider,RX1,NORTHSHIRE MENTAL HEALTH NHS TRUST,NONE,NONE,"
        f"NONE,NONE,NONE,NONE,NONE,NONE,NONE,NONE,{measures[number % 2]},{number}"
        for number in range(rows)
    ]
    return csv_text(*lines)
