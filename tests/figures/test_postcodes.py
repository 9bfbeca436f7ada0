"""The finder by postcode and town (issue 18, item 4): districts and areas without locations, distances with them,
from small files in the ONS Postcode Directory's and Code-Point Open's published layouts."""

import io
import zipfile
from html import unescape

import pytest
from django.core.management import CommandError, call_command

from campaigns.figures.models import PostcodeLocation
from campaigns.figures.postcodes import Postcode, distance_words, normalise_postcode, parse_postcode
from tests.figures.ods_helpers import import_ods, ods_row
from tests.figures.pages_helpers import build_section

# The ONSPD's header as published (ONSPD_FEB_2025_UK.csv: first columns, then the grid and lat/long ones).
ONSPD_HEADER = (
    "pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish,usertype,oseast1m,osnrth1m,osgrdind,"
    "oshlthau,nhser,ctry,rgn,lat,long"
)


def onspd_row(postcode, east, north, terminated=""):
    compact = postcode.replace(" ", "")
    return (
        f'"{compact:<7}","{postcode:<8}","{postcode}","198001","{terminated}","E10000008","E58000404",'
        f'"E07000041","E05003494","E04003130","0","{east}","{north}","1","E18000010","E40000006",'
        f'"E92000001","E12000009","50.7","-3.5"'
    )


def onspd_file(*rows):
    return ("\r\n".join([ONSPD_HEADER, *rows]) + "\r\n").encode()


def code_point_row(postcode, east, north, quality="10"):
    # Headerless: Postcode, Positional_quality_indicator, Eastings, Northings, Country_code, NHS codes, admin codes.
    padded = postcode if len(postcode) >= 7 else postcode.replace(" ", " " * (8 - len(postcode)))
    return f'"{padded}",{quality},{east},{north},"E92000001","E19000002","E18000010","E10000008","E07000041",""'


def code_point_zip(**areas):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("Doc/Codelist.csv", "Area code,Name\r\nEX,Exeter\r\n")  # not postcodes: skipped
        archive.writestr("Doc/Code-Point_Open_Column_Headers.csv", "PC,PQ,EA,NO,CY,RH,LH,CC,DC,WC\r\n")
        for area, rows in areas.items():
            archive.writestr(f"Data/CSV/{area}.csv", "\r\n".join(rows) + "\r\n")
    return out.getvalue()


def text(response):
    assert response.status_code == 200
    return unescape(response.content.decode())


# --- reading postcodes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("EX2 5AF", Postcode("EX2", "5AF")),
        ("ex25af", Postcode("EX2", "5AF")),
        ("  ex2   5aF ", Postcode("EX2", "5AF")),
        ("EC1A 1BB", Postcode("EC1A", "1BB")),
        ("w1a0ax", Postcode("W1A", "0AX")),
        ("SW1A 2AA", Postcode("SW1A", "2AA")),
        ("M1 1AE", Postcode("M1", "1AE")),
        ("B33 8TH", Postcode("B33", "8TH")),
        ("CR2 6XH", Postcode("CR2", "6XH")),
        ("DN55 1PT", Postcode("DN55", "1PT")),
        ("EX4", Postcode("EX4")),
        ("ec1a", Postcode("EC1A")),
        ("ＥＸ２ ５ＡＦ", Postcode("EX2", "5AF")),
    ],
)
def test_postcodes_and_districts_are_read_as_typed(typed, expected):
    assert parse_postcode(typed) == expected


@pytest.mark.parametrize(
    "typed", ["", "EX", "Exeter", "EX2 5A", "EX2 5AFF", "2EX 5AF", "EX2 AAF", "EX2-5AF", "EX2 5AF!", "🙂", "x" * 300]
)
def test_anything_else_is_not_a_postcode(typed):
    assert parse_postcode(typed) is None


def test_areas_districts_and_standard_forms():
    assert parse_postcode("ec1a 1bb").area == "EC"
    assert parse_postcode("W1A").area == "W"
    assert normalise_postcode("b1  1aa") == "B1 1AA"
    assert normalise_postcode("EX4") is None


@pytest.mark.parametrize(
    "metres, words",
    [
        (0, "under a mile"),
        (1600, "under a mile"),
        (1700, "about 1 mile"),
        (4900, "about 3 miles"),
        (16093, "about 10 miles"),
    ],
)
def test_distances_are_said_to_the_mile(metres, words):
    assert distance_words(metres) == words


# --- the finder without postcode locations -------------------------------------------------------------


@pytest.fixture
def section(db):
    site = build_section()
    import_ods(
        "ets.csv",
        ods_row("RX101", "WONFORD HOUSE", "EXETER", "EX2 5AF", parent="RX1"),
        ods_row("RX102", "OLD UNIT", "EXMOUTH", "EX8 2JN", parent="RX1", closed="20240331"),
    )
    import_ods("ephpsite.csv", ods_row("NQ701", "ST BRIDE'S EXMOUTH", "EXMOUTH", "EX8 1DS", parent="NQ7"))
    return site


def find(client, section, q, path=""):
    return text(client.get(section.section.url + path, {"q": q}))


@pytest.mark.parametrize("q", ["EX2 5AF", "ex25af", "EX2", " ex2 9zz "])
@pytest.mark.parametrize("path", ["", "find/"])
def test_a_postcode_or_district_finds_the_providers_with_a_site_in_its_district(client, section, q, path):
    html = find(client, section, q, path)
    assert "1 provider found for" in html
    assert "Has a site in EX2. NHS trust, ODS code RX1" in html
    assert "Has a site in the EX area" not in html


def test_without_a_site_in_the_district_the_area_is_searched(client, section):
    html = find(client, section, "EX4 4QJ")
    assert "2 providers found for ‘EX4 4QJ’" in html
    assert "Has a site in the EX area. NHS trust, ODS code RX1" in html
    assert "Has a site in the EX area. Independent provider, ODS code NQ7" in html
    assert "We couldn't find the postcode" not in html  # no locations imported: nothing to say it does not exist


def test_a_closed_site_is_not_a_reason(client, section):
    # RX1's site in EX8 closed; NQ7's is open.
    html = find(client, section, "EX8")
    assert "1 provider found for ‘EX8’" in html
    assert "Has a site in EX8. Independent provider, ODS code NQ7" in html


def test_a_headquarters_postcode_is_a_reason_too(client, section):
    import_ods("etr.csv", ods_row("RX1", "NORTHSHIRE MENTAL HEALTH NHS TRUST", "NORTHTOWN", "NT1 1AA"))
    assert "Has its headquarters in NT1. NHS trust" in find(client, section, "nt1 5zz")


def test_a_postcode_in_no_providers_area_finds_none(client, section):
    html = find(client, section, "ZE1 0AA")
    assert "No providers found for ‘ZE1 0AA’" in html
    assert "try a nearby town, your postcode or your county" in html


def test_a_town_still_finds_its_sites(client, section):
    html = find(client, section, "Exeter")
    assert "1 provider found for ‘Exeter’" in html
    assert "Sites in Exeter. NHS trust, ODS code RX1" in html


def test_emoji_get_a_clear_answer(client, section):
    html = find(client, section, "🙂🙃")
    assert "There are no letters or numbers to look for in ‘🙂🙃’" in html
    assert "We could not find a provider" not in html


def test_three_hundred_characters_are_cut_short_and_the_reader_told(client, section):
    html = find(client, section, "Exeter " + "x" * 293)
    assert "(only the first 100 characters of what you typed were read)" in html


# --- postcode locations ------------------------------------------------------------------------------------

EXETER = {"EX2 5AF": (293000, 91000), "EX4 4QJ": (292000, 93000), "EX8 1DS": (300000, 81000)}


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_the_onspd_is_imported_updated_in_place_and_terminated_postcodes_dropped(db, tmp_path, capsys):
    first = onspd_file(
        onspd_row("EX2 5AF", 293000, 91000),
        onspd_row("EX4 4QJ", 1, 1),
        onspd_row("EX1 1ZZ", 291000, 92000, terminated="200012"),
        onspd_row("JE2 3AB", "", ""),  # the Channel Islands: no grid reference
        onspd_row("BT1 1AA", 146000, 530000),  # Northern Ireland: on the Irish Grid
    )
    call_command("import_postcode_locations", write(tmp_path, "ONSPD_FEB_2025_UK.csv", first))
    out = capsys.readouterr().out
    assert "Stored or updated 2 postcode locations." in out
    assert "Skipped 1 terminated postcodes (removed if stored before), 2 without a location, 0 unreadable" in out
    second = onspd_file(onspd_row("EX4 4QJ", 292000, 93000), onspd_row("EX2 5AF", 293000, 91000, terminated="202501"))
    call_command("import_postcode_locations", write(tmp_path, "ONSPD_MAY_2025_UK.csv", second))
    stored = {row.postcode: (row.point, row.source) for row in PostcodeLocation.objects.all()}
    assert stored == {"EX4 4QJ": ((292000, 93000), "onspd")}


def test_code_point_open_is_imported_from_its_zip(db, tmp_path, capsys):
    archive = code_point_zip(
        ex=[code_point_row("EX2 5AF", 293000, 91000), code_point_row("EX4 4QJ", 292000, 93000)],
        b=[code_point_row("B1 1AA", 407000, 286000), code_point_row("B1 9ZZ", 0, 0, quality="90")],
    )
    call_command("import_postcode_locations", write(tmp_path, "codepo_gb.zip", archive))
    assert "Stored or updated 3 postcode locations." in capsys.readouterr().out
    assert PostcodeLocation.objects.get(postcode="B1 1AA").point == (407000, 286000)
    assert set(PostcodeLocation.objects.values_list("source", flat=True)) == {"codepoint"}


def test_a_file_in_neither_layout_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="is not the ONS Postcode Directory"):
        call_command("import_postcode_locations", write(tmp_path, "etr.csv", b'"RX1","A TRUST"\r\n'))
    assert not PostcodeLocation.objects.exists()


def test_batches_are_bounded(db, tmp_path, monkeypatch):
    from campaigns.figures import postcode_locations

    monkeypatch.setattr(postcode_locations, "BATCH_SIZE", 3)
    rows = [onspd_row(f"EX{n} 1AA", 290000 + n, 90000) for n in range(1, 11)]
    call_command("import_postcode_locations", write(tmp_path, "onspd.csv", onspd_file(*rows)))
    assert PostcodeLocation.objects.count() == 10


@pytest.fixture
def located(section, tmp_path):
    rows = [code_point_row(code, *point) for code, point in EXETER.items()] + [code_point_row("EX9 9ZZ", 0, 0, "90")]
    call_command("import_postcode_locations", write(tmp_path, "codepo_gb.zip", code_point_zip(ex=rows)))
    return section


@pytest.mark.parametrize("path", ["", "find/"])
def test_with_locations_a_postcode_ranks_providers_by_distance(client, located, path):
    html = find(client, located, "ex4 4qj", path)
    assert "2 providers found for ‘ex4 4qj’, nearest first" in html
    trust = html.index("Has a site about 1 mile away. NHS trust, ODS code RX1")  # 2.2 km
    independent = html.index("Has a site about 9 miles away. Independent provider, ODS code NQ7")  # 14.4 km
    assert trust < independent
    assert "Contains OS data © Crown copyright and database right" in html
    assert "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" in html


def test_the_nearest_site_is_under_a_mile_away(client, located):
    assert "Has a site under a mile away. NHS trust" in find(client, located, "EX2 5AF")


def test_onspd_locations_give_the_ons_attribution(client, section, tmp_path):
    rows = [onspd_row(code, *point) for code, point in EXETER.items()]
    call_command("import_postcode_locations", write(tmp_path, "onspd.csv", onspd_file(*rows)))
    html = find(client, section, "EX4 4QJ")
    assert "Source: Office for National Statistics, licensed under the Open Government Licence v3.0." in html


@pytest.mark.parametrize("q", ["EX4 9ZZ", "EX9 9ZZ"])  # not in the file; in it without a location
def test_a_postcode_that_does_not_exist_gets_a_clear_answer(client, located, q):
    html = find(client, located, q)
    assert f"We couldn't find the postcode {q}. Check it, or try your town." in html
    assert "Contains OS data" not in html  # no distances shown
    # What its district or area has is still listed.
    assert "Has a site in the EX area" in html


def test_a_district_with_locations_matches_by_district(client, located):
    html = find(client, located, "EX2")
    assert "Has a site in EX2. NHS trust" in html
    assert "We couldn't find the postcode" not in html and "Contains OS data" not in html


def test_a_postcode_search_takes_two_queries_more_at_most(client, located, django_assert_max_num_queries):
    client.get(located.section.url)
    # The finder's 11 (tests/figures/test_pages_queries.py), the postcodes' locations (1), whether any are loaded (1).
    with django_assert_max_num_queries(12):
        client.get(located.section.url, {"q": "EX4 4QJ"})
    with django_assert_max_num_queries(13):
        client.get(located.section.url, {"q": "EX4 9ZZ"})
    with django_assert_max_num_queries(11):
        client.get(located.section.url, {"q": "EX4"})


def test_the_onspd_header_is_read_whatever_its_case(db, tmp_path):
    data = onspd_file(onspd_row("EX2 5AF", 293000, 91000)).replace(ONSPD_HEADER.encode(), ONSPD_HEADER.upper().encode())
    call_command("import_postcode_locations", write(tmp_path, "ONSPD.csv", data))
    assert PostcodeLocation.objects.get().point == (293000, 91000)


def test_the_onspd_zip_is_read_without_its_lookups_or_its_per_area_copies(db, tmp_path, capsys):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "Documents/LA_UA names and codes UK as at 04_24.csv", "LAD24CD,LAD24NM\r\nE07000041,Exeter\r\n"
        )
        archive.writestr("Data/ONSPD_FEB_2025_UK.csv", onspd_file(onspd_row("EX2 5AF", 293000, 91000)))
        archive.writestr("Data/multi_csv/ONSPD_FEB_2025_UK_EX.csv", onspd_file(onspd_row("EX2 5AF", 293000, 91000)))
    call_command("import_postcode_locations", write(tmp_path, "ONSPD_FEB_2025.zip", out.getvalue()))
    output = capsys.readouterr().out
    assert "Read 1 postcode file (ONS Postcode Directory)." in output
    assert "Stored or updated 1 postcode locations." in output
