"""The importers on excerpts of real published files, byte for byte (tests/figures/real_excerpts/SOURCES.md).

The ONS Postcode Lookup renamed its columns in 2025 (pcd7, pcd8, usrtypind, east1m, north1m); rows before
that quote every text cell and pad northings to 7 digits. Northern Ireland's postcodes are on the Irish Grid
and are not stored; terminated postcodes are not stored (and are removed if they were).

ODS's etr.csv (NHS trusts) as copies of it are stored: in 2022 and 2026 ODS's 27 columns, every cell quoted
(LF line endings in the 2022 copy, CRLF in the 2026 one); the 2016 copy has 24 columns and quotes only the
cells with a comma in them, as a spreadsheet saves a CSV again (the three empty last columns dropped).
"""

import csv
import datetime
import hashlib
import io
from pathlib import Path

import pytest

from campaigns.figures.models import PostcodeLocation, PostcodeSource, Provider, ProviderKind
from campaigns.figures.postcode_locations import import_postcode_locations
from tests.figures.ods_helpers import command, known

pytestmark = pytest.mark.django_db

EXCERPTS = Path(__file__).parent / "real_excerpts"


# Each ODS excerpt's SHA-256, as copied (SOURCES.md): a changed byte fails here, not somewhere less clear.
ODS_EXCERPTS = {
    "ods_etr_2016.csv": "b6e453a9650c9b54544dcda43baac59a2b58bcf801742e66380d1083a19c69df",
    "ods_etr_2022.csv": "3c446d11e78b8095af5abfd82a24679cc3db7e340aeee5e1fa94f031600a6399",
    "ods_etr_2026.csv": "cdbbe8afebd5ddeded7dacd7abac0a79ad75d3dd08ece6ca918469461ee6f91f",
}


def import_excerpt(name):
    data = (EXCERPTS / name).read_bytes()
    return import_postcode_locations(io.BytesIO(data), name)


def stored():
    return {row.postcode: (row.eastings, row.northings) for row in PostcodeLocation.objects.all()}


def test_the_excerpts_are_as_copied():
    # The 2021 rows quote every text cell and pad northings; the 2025 quoted rows do not pad; LF line endings.
    old = (EXCERPTS / "nspl_2021.csv").read_bytes()
    assert old.startswith(b"pcd,pcd2,pcds,dointr,doterm,usertype,oseast1m,osnrth1m,")
    assert b'"CA8 7JG","CA8  7JG","CA8 7JG","200006","","0","366033","0564878"' in old
    assert b"\r" not in old
    new = (EXCERPTS / "nspl_2025_quoted.csv").read_bytes()
    assert new.startswith(b"pcd7,pcd8,pcds,dointr,doterm,usrtypind,east1m,north1m,")

    # ODS's etr: 24 columns quoted only where a comma is, LF (2016); 27 quoted, LF (2022); 27 quoted, CRLF (2026).
    for name, digest in ODS_EXCERPTS.items():
        assert hashlib.sha256((EXCERPTS / name).read_bytes()).hexdigest() == digest, name
    old = (EXCERPTS / "ods_etr_2016.csv").read_bytes()
    assert old.startswith(b"R1A,WORCESTERSHIRE HEALTH AND CARE NHS TRUST,Y55,Q77,ISAAC MADDOX HOUSE,")
    assert b'RCX,"THE QUEEN ELIZABETH HOSPITAL, KING\'S LYNN, NHS FOUNDATION TRUST",Y55,' in old
    assert b"\r" not in old
    middle = (EXCERPTS / "ods_etr_2022.csv").read_bytes()
    assert middle.startswith(b'"R1A","HEREFORDSHIRE AND WORCESTERSHIRE HEALTH AND CARE NHS TRUST","Y60","QGH",')
    assert b"\r" not in middle
    new = (EXCERPTS / "ods_etr_2026.csv").read_bytes()
    assert new.startswith(b'"G6V2S","NORTH LONDON NHS FOUNDATION TRUST","Y56","Z9B2Z","4TH FLOOR, EAST WING",')
    assert new.count(b"\r\n") == new.count(b"\n") == 24
    widths = {name: {len(row) for row in ods_rows(name)} for name in ODS_EXCERPTS}
    assert widths == {"ods_etr_2016.csv": {24}, "ods_etr_2022.csv": {27}, "ods_etr_2026.csv": {27}}


@pytest.mark.parametrize("name", ["nspl_2021.csv", "nspl_2025_quoted.csv"])
def test_both_layouts_of_the_postcode_lookup_are_read(name):
    report = import_excerpt(name)
    assert (report.files, report.stored, report.terminated, report.unreadable) == (1, 3, 0, 0)
    assert report.sources == {PostcodeSource.ONSPD}
    locations = stored()
    assert locations["CA8 7JG"] == (366033, 564878)  # "0564878" read as 564878
    assert locations["BR8 7QP"] == (549571, 169349)
    assert set(locations) == {"CA8 7JG", "BR8 7QP", "BR8 7QW"}


def test_terminated_and_northern_irish_postcodes_in_the_2025_layout(db):
    report = import_excerpt("nspl_2025.csv")
    # Live in Great Britain: BB18 6JR, B79 0PJ, BR1 1AA, BA1 0AA. Terminated (doterm set): 9, BT ones too.
    # BT1 1AA is live but on the Irish Grid: no location stored.
    assert (report.stored, report.terminated, report.without_location, report.unreadable) == (4, 9, 1, 0)
    assert stored() == {
        "BB18 6JR": (392053, 447413),
        "B79 0PJ": (429742, 308990),
        "BR1 1AA": (540291, 168873),
        "BA1 0AA": (375350, 164482),
    }


def test_a_postcode_terminated_in_a_later_release_is_removed(db):
    PostcodeLocation.objects.create(
        postcode="AB1 0AA", eastings=385386, northings=801193, source=PostcodeSource.ONSPD, year=1995
    )
    import_excerpt("nspl_2025.csv")
    assert not PostcodeLocation.objects.filter(postcode="AB1 0AA").exists()


def ods_rows(name):
    return list(csv.reader(io.StringIO((EXCERPTS / name).read_text())))


def ods_codes(name):
    return [row[0] for row in ods_rows(name)]


def import_etr(tmp_path, name):
    """The excerpt saved as etr.csv, as downloaded, and imported with the command."""
    path = tmp_path / "etr.csv"
    path.write_bytes((EXCERPTS / name).read_bytes())
    return command(path)


def as_stored():
    return list(
        Provider.objects.order_by("ods_code").values_list(
            "ods_code", "kind", "ods_name", "address", "town", "postcode", "opened", "closed"
        )
    )


@pytest.mark.parametrize("name", list(ODS_EXCERPTS))
def test_each_real_etr_layout_is_imported_and_a_second_run_adds_nothing(tmp_path, name):
    codes = ods_codes(name)
    # The figures name each trust in capitals; one the file does not have is left alone.
    known(*[(code, f"TRUST {code}") for code in codes], ("RV5", "SOUTH LONDON AND MAUDSLEY NHS FOUNDATION TRUST"))

    output = import_etr(tmp_path, name)

    assert "etr.csv: NHS trusts (etr), 24 rows read, 24 for providers the site has figures for, 0 others" in output
    assert f"Providers updated: {', '.join(sorted(codes))}." in output
    for provider in Provider.objects.filter(ods_code__in=codes):
        assert provider.kind == ProviderKind.NHS_TRUST and provider.is_nhs_trust, provider.ods_code
        assert provider.postcode and provider.town and provider.opened, provider.ods_code
        assert "Nhs" not in provider.display_name and " And " not in provider.display_name, provider.display_name
    assert Provider.objects.get(ods_code="RV5").kind == ""
    first = as_stored()

    again = import_etr(tmp_path, name)

    assert "Providers updated: none." in again
    assert "Already up to date: 24." in again
    assert as_stored() == first
    assert Provider.objects.count() == 25


def provider(code):
    found = Provider.objects.get(ods_code=code)
    return found.display_name, found.town, found.postcode, found.opened, found.closed


def imported(tmp_path, name):
    known(*[(code, f"TRUST {code}") for code in ods_codes(name)])
    import_etr(tmp_path, name)


def test_the_2016_copy_24_columns_quoted_only_where_a_comma_is(tmp_path):
    imported(tmp_path, "ods_etr_2016.csv")
    date = datetime.date
    assert provider("R1A") == (
        "Worcestershire Health and Care NHS Trust",
        "Worcester",
        "WR4 9RW",
        date(2011, 7, 1),
        None,
    )
    assert provider("RJ1") == (
        "Guy's and St Thomas' NHS Foundation Trust",
        "London",
        "SE1 9RT",
        date(1993, 4, 1),
        None,
    )
    # The name's commas are inside its quotes; the town as ODS wrote it then.
    assert provider("RCX") == (
        "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust",
        "Kings Lynn",
        "PE30 4ET",
        date(1992, 4, 1),
        None,
    )
    assert provider("RX4")[:2] == ("Northumberland, Tyne and Wear NHS Foundation Trust", "Newcastle upon Tyne")
    assert provider("RF4")[0] == "Barking, Havering and Redbridge University Hospitals NHS Trust"
    # Closed trusts keep their close date.
    assert provider("R1G")[3:] == (date(2012, 4, 1), date(2015, 9, 30))
    assert provider("RFW")[3:] == (date(1993, 4, 1), date(2015, 8, 31))
    # Mental health trusts.
    assert provider("RKL")[:3] == ("West London Mental Health NHS Trust", "Southall", "UB1 3EU")
    assert provider("RGD")[:3] == ("Leeds and York Partnership NHS Foundation Trust", "Leeds", "LS15 8ZB")
    assert provider("RNK")[:2] == ("Tavistock and Portman NHS Foundation Trust", "London")
    assert provider("RTQ")[0] == "2gether NHS Foundation Trust"
    # Towns with a hyphen or "upon" read as they are written.
    assert provider("R1E")[1] == "Newcastle-under-Lyme"
    assert provider("RA3")[1] == "Weston-super-Mare"
    assert provider("RJE")[1] == "Stoke-on-Trent"
    assert provider("RMP")[1] == "Ashton-under-Lyne"
    assert provider("RAX")[1] == "Kingston upon Thames"
    # Empty address lines are left out; a line with a comma in it is one line.
    rha = Provider.objects.get(ods_code="RHA")
    assert rha.address == (
        "The Resource, Trust HQ, Duncan Macmillan House, Porchester Road, Nottingham, Nottinghamshire"
    )
    assert Provider.objects.get(ods_code="R1E").address == (
        "2nd Floor, Morston House, Newcastle-under-Lyme, Staffordshire"
    )
    assert Provider.objects.get(ods_code="RA2").address == "Egerton Road, Guildford, Surrey"


def test_the_2022_copy_27_columns_every_cell_quoted(tmp_path):
    imported(tmp_path, "ods_etr_2022.csv")
    date = datetime.date
    assert provider("R1A") == (
        "Herefordshire and Worcestershire Health and Care NHS Trust",
        "Worcester",
        "WR5 1JR",
        date(2011, 7, 1),
        None,
    )
    assert provider("RCX")[:2] == ("The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust", "King's Lynn")
    assert provider("RQY")[0] == "South West London and St George's Mental Health NHS Trust"
    assert provider("RQ3")[0] == "Birmingham Women's and Children's NHS Foundation Trust"
    assert provider("RRP") == (
        "Barnet, Enfield and Haringey Mental Health NHS Trust",
        "London",
        "N15 3TH",
        date(2001, 4, 1),
        None,
    )
    assert provider("RT3")[0] == "Royal Brompton & Harefield NHS Foundation Trust"
    assert provider("RT3")[4] == date(2021, 1, 31)
    assert provider("RTV")[4] == date(2021, 5, 31)
    assert provider("RD3")[4] == date(2020, 9, 30)
    assert provider("RXC")[1] == "St. Leonards-on-Sea"
    assert provider("RT2")[1] == "Ashton-under-Lyne"
    # An address line published with a comma at its end does not make a double comma.
    assert Provider.objects.get(ods_code="RT1").address == "Elizabeth House, Fulbourn Hospital, Fulbourn, Cambridge"


def test_the_2026_copy_with_crlf_telephone_numbers_and_new_codes(tmp_path):
    imported(tmp_path, "ods_etr_2026.csv")
    date = datetime.date
    assert provider("G6V2S") == ("North London NHS Foundation Trust", "London", "NW1 0PE", date(2024, 11, 1), None)
    assert Provider.objects.get(ods_code="G6V2S").address == (
        "4th Floor, East Wing, St. Pancras Hospital, 4 St. Pancras Way, London"
    )
    # Listed before it opens.
    assert provider("K0N6A") == ("The Online NHS Trust", "London", "SE1 8UG", date(2026, 6, 1), None)
    # Mental health trusts that closed: merged into North London, and the Tavistock.
    assert provider("RRP")[0] == "Barnet, Enfield and Haringey Mental Health NHS Trust"
    assert provider("RRP")[4] == date(2024, 10, 31)
    assert provider("RNK")[4] == date(2026, 3, 31)
    assert provider("RJX")[4] == date(2016, 6, 30)
    assert provider("R1C")[4] == date(2024, 9, 30)
    assert provider("RKL")[:3] == ("West London NHS Trust", "Southall", "UB2 4SD")
    assert provider("RH8")[0] == "Royal Devon University Healthcare NHS Foundation Trust"
    assert Provider.objects.get(ods_code="RH8").address == "Royal Devon University NHS FT, Barrack Road, Exeter"
    assert Provider.objects.get(ods_code="RGD").address == "St. Marys House, St. Marys Road, Leeds"


def test_a_newer_copy_updates_the_older_ones_trusts_in_place(tmp_path):
    imported(tmp_path, "ods_etr_2016.csv")
    count = Provider.objects.count()
    known(
        *[(code, f"TRUST {code}") for code in set(ods_codes("ods_etr_2026.csv")) - set(ods_codes("ods_etr_2016.csv"))]
    )

    output = import_etr(tmp_path, "ods_etr_2026.csv")

    assert "24 rows read, 24 for providers" in output
    assert provider("R1A")[0] == "Worcestershire Health and Care NHS Trust"  # not in the 2026 excerpt
    assert provider("RKL")[:3] == ("West London NHS Trust", "Southall", "UB2 4SD")
    assert provider("RJX")[4] == datetime.date(2016, 6, 30)
    assert provider("RCX")[1] == "King's Lynn"
    assert Provider.objects.filter(ods_code="RKL").count() == 1
    assert Provider.objects.count() == count + len(
        set(ods_codes("ods_etr_2026.csv")) - set(ods_codes("ods_etr_2016.csv"))
    )
