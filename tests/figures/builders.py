"""Small restraint-figure files for any month, imported for the figures and charts tests."""

import calendar
import io

from campaigns.figures.importer import import_figures
from tests.figures.data_helpers import HEADER

ENGLAND = ("England", "England")
TRUST = ("RX1", "NORTHSHIRE MENTAL HEALTH NHS TRUST")
OTHER = ("RX2", "SOUTHSHIRE MENTAL HEALTH NHS TRUST")


def row(value, metric="MHS96", month="2025-03", org=TRUST, kind="", status="Performance"):
    """One row in today's layout; org ENGLAND writes England's breakdowns; kind is an intervention type code."""
    year, number = (int(part) for part in month.split("-"))
    last = calendar.monthrange(year, number)[1]
    code, name = org
    level = "England" if org == ENGLAND else "Provider"
    breakdown = f"{level}; Restrictive Intervention Type" if kind else level
    type_cells = f"{kind},Type {kind}" if kind else "NONE,NONE"
    return (
        f"{month}-01,{month}-{last:02d},{status},{breakdown},{code},{name},{type_cells},"
        f"NONE,NONE,NONE,NONE,NONE,NONE,NONE,NONE,{metric},{value}"
    )


def months(first, last):
    """'2022-01', '2022-12' -> every month from the first to the last, as YYYY-MM."""
    year, number = (int(part) for part in first.split("-"))
    out = []
    while True:
        out.append(f"{year}-{number:02d}")
        if out[-1] == last:
            return out
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)


def load(*rows, is_synthetic=False, name="figures.csv"):
    text = "\n".join([HEADER, *rows]) + "\n"
    return import_figures(io.BytesIO(text.encode()), name, is_synthetic=is_synthetic)
