"""Small files in the Organisation Data Service's published formats: headerless, 27 columns (succ: 5), YYYYMMDD."""

import csv
import datetime
import io
import zipfile

from django.core.management import call_command

from campaigns.figures.models import Provider
from campaigns.figures.ods import import_ods_file

MARCH = datetime.date(2025, 3, 1)

# Two rows of a real etr.csv, as published (the restraint-data README).
DEVON = (
    '"RWV","DEVON PARTNERSHIP NHS TRUST","Y58","QJK","WONFORD HOUSE HOSPITAL","DRYDEN ROAD","","EXETER","",'
    '"EX2 5AF","20010401","","","","","","","01392 208866","","","","1","","K","","",""'
)
NORTH_LONDON = (
    '"G6V2S","NORTH LONDON NHS FOUNDATION TRUST","Y56","QMJ","4TH FLOOR, EAST WING","ST. PANCRAS HOSPITAL",'
    '"4 ST. PANCRAS WAY","LONDON","","NW1 0PE","20241101","","","","","","","","","","","1","","H","","",""'
)


def ods_row(code, name, town="", postcode="", opened="20010401", closed="", parent="", address=("",)):
    """One line in ODS's standard 27-column frame, every cell quoted as ODS writes them."""
    cells = [""] * 27
    cells[0], cells[1], cells[2], cells[3] = code, name, "Y56", "QMJ"
    for index, line in enumerate(address[:3]):
        cells[4 + index] = line
    cells[7], cells[9], cells[10], cells[11] = town, postcode, opened, closed
    cells[14] = parent
    cells[21] = "1"
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="").writerow(cells)
    return out.getvalue()


def succ_row(old, new, when, reason="R", indicator="Y"):
    return f'"{old}","{new}","{reason}","{when}","{indicator}"'


def ods_bytes(*lines, encoding="utf-8"):
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def zipped(member, data):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, data)
    return out.getvalue()


def import_ods(name, *lines, kind=None):
    return import_ods_file(io.BytesIO(ods_bytes(*lines)), name, kind=kind)


def command(*args):
    """`manage.py import_ods_providers ARGS`, and what it wrote."""
    out = io.StringIO()
    call_command("import_ods_providers", *map(str, args), stdout=out)
    return out.getvalue()


def known(*codes_and_names):
    """Providers as the figures left them: a code and an upper-case name, nothing else."""
    return [Provider.objects.create(ods_code=code, name=name, name_month=MARCH) for code, name in codes_and_names]
