"""The CSV downloads open well in a spreadsheet: UTF-8 with a byte-order mark, notes once above the table,
numbers alone in number columns with a marker column beside each, and every provider's latest figures in one file.
Also the finder's hint, whose examples come from the providers loaded, as the demo's download does."""

import csv
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.figures import display
from campaigns.figures.downloads import HEADER, all_providers_csv
from campaigns.figures.finder import find_providers, finder_examples
from campaigns.figures.models import Provider
from campaigns.figures.pages import RestraintFiguresPage
from tests.figures.builders import ENGLAND, OTHER, load, row
from tests.figures.ods_helpers import import_ods, ods_row
from tests.figures.pages_helpers import INDEPENDENT, build_section

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"
NUMBER_COLUMNS = [
    "people restrained",
    "uses of restraint",
    "prone restraint",
    "chemical restraint",
    "uses of restraint per 1,000 occupied bed days",
]


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return response


def table_of(response):
    """The rows below the notes, as dicts by header, from a download's bytes."""
    assert response.content.startswith(BOM)
    text = response.content.decode("utf-8-sig")
    header, *rows = display.csv_table(text)
    return [dict(zip(header, line, strict=True)) for line in rows]


def notes_of(response):
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return [line[0] for line in lines[: lines.index([])]]


def test_every_providers_latest_figures_one_row_each_with_numbers_that_sum(client):
    site = build_section(orgs=(("RX1", "NORTHSHIRE MENTAL HEALTH NHS TRUST"), INDEPENDENT))
    response = download(client, site.section.url + "providers/latest.csv")
    assert response["Content-Disposition"] == 'attachment; filename="all-providers-restraint-latest.csv"'
    rows = table_of(response)
    assert [r["ODS code"] for r in rows] == ["RX1", "NQ7"]  # A to Z by name: Northshire, St Bride's
    assert rows[0]["name"] == "Northshire Mental Health NHS Trust"
    assert rows[0]["kind"] == "NHS trust" and rows[1]["kind"] == "Independent provider"
    assert all(r["month"] == "2025-03" and r["status"] == "Performance" for r in rows)
    # Every number column holds only whole numbers (or nothing), and sums with csv and int alone.
    for column in NUMBER_COLUMNS:
        assert all(r[column] == "" or r[column].isdigit() for r in rows), column
    assert sum(int(r["people restrained"]) for r in rows) == 40 + 40
    assert sum(int(r["uses of restraint"]) for r in rows) == 45 + 45
    assert "INVENTED" not in response.content.decode("utf-8-sig")


def test_the_all_providers_file_marks_c_and_no_data_in_their_own_columns(client):
    site = build_section(orgs=())
    load(
        row("*", "MHS76"),  # people: [c]
        row(125, "MHS77"),
        row(30, "MHS96"),
        row(20, "MHS77", kind="14"),
        row("*", "MHS77", kind="15"),  # one kind of chemical restraint hidden
        row(55, "MHS76", org=OTHER),
        row(3365, "MHS76", org=ENGLAND),
    )
    rows = {r["ODS code"]: r for r in table_of(download(client, site.section.url + "providers/latest.csv"))}
    assert (rows["RX1"]["people restrained"], rows["RX1"]["people restrained marker"]) == ("", "[c]")
    assert (rows["RX1"]["uses of restraint"], rows["RX1"]["uses of restraint marker"]) == ("125", "")
    # The kinds reported added up; the hidden one is said, never added as 0 or written into the number.
    assert (rows["RX1"]["chemical restraint"], rows["RX1"]["chemical restraint marker"]) == ("20", "plus [c]")
    assert (rows["RX2"]["uses of restraint"], rows["RX2"]["uses of restraint marker"]) == ("", "no data reported")
    assert (rows["RX2"]["people restrained"], rows["RX2"]["people restrained marker"]) == ("55", "")
    assert sum(int(r["people restrained"] or 0) for r in rows.values()) == 55
    # England is not a row: the columns add up to the providers' total.
    assert set(rows) == {"RX1", "RX2"}


def test_the_all_providers_file_takes_a_fixed_number_of_queries():
    def queries():
        with CaptureQueriesContext(connection) as captured:
            all_providers_csv()
        return len(captured)

    load(row(30), row(20, org=ENGLAND))
    few = queries()
    load(
        *[
            row(30 + n, month=month, org=(f"R{n:02d}", f"PROVIDER {n} NHS TRUST"))
            for n in range(10, 30)
            for month in ("2025-02", "2025-03")
        ],
        *[row(5, "MHS77", org=(f"R{n:02d}", f"PROVIDER {n} NHS TRUST"), kind="14") for n in range(10, 30)],
        name="more.csv",
    )
    assert queries() == few == 4


def test_each_csv_file_has_its_notes_once_and_a_marker_column_beside_each_number(client):
    site = build_section(orgs=())
    load(
        row("*", "MHS76"),
        row(125, "MHS77"),
        row(30, "MHS96"),
        row(3365, "MHS76", org=ENGLAND),
        row(20, "MHS96", org=ENGLAND),
    )
    for slug in ("latest", "trend", "breakdown"):
        response = download(client, f"{site.section.url}RX1/{slug}.csv")
        notes = notes_of(response)
        assert notes[0].startswith("Northshire Mental Health NHS Trust (RX1)")
        assert any(note.startswith("Source: NHS England") for note in notes)
        assert any(note.startswith("[c] = hidden to protect privacy") for note in notes)
        rows = table_of(response)
        for r in rows:
            for column in ("RX1", "England"):
                assert r[column] == "" or float(r[column]) >= 0, (slug, column, r)
                assert r[f"{column} marker"] in ("", "[c]", "no data reported", "plus [c]", "month not on this site")
            assert all("[c]" not in r[column] for column in ("RX1", "England"))
        # The notes are not repeated in the rows.
        assert not any("Source" in cell or "protect privacy" in cell for r in rows for cell in r.values())
    latest = {r["measure"]: r for r in table_of(download(client, f"{site.section.url}RX1/latest.csv"))}
    people = latest["People restrained"]
    assert (people["RX1"], people["RX1 marker"], people["England"]) == ("", "[c]", "3365")
    assert latest["Uses of restraint (restrictive interventions)"]["RX1"] == "125"


def test_the_a_to_z_list_links_the_all_providers_download(client):
    site = build_section()
    html = client.get(site.section.url + "providers/").content.decode()
    assert '<a href="latest.csv" download>' in html  # relative to providers/


def test_an_unknown_all_providers_file_is_not_found(client):
    site = build_section()
    assert client.get(site.section.url + "providers/everything.csv").status_code == 404


def test_the_finders_hint_gives_a_town_and_a_code_that_each_find_a_provider(client):
    site = build_section()
    import_ods("etr.csv", ods_row("RX1", "NORTHSHIRE MENTAL HEALTH NHS TRUST", "NORTHTOWN", "NT1 1AA"))
    town, code = finder_examples()
    assert (town, code) == ("Northtown", "RX1")
    for example in (town, code):
        assert find_providers(example), example
    html = client.get(site.section.url).content.decode()
    assert "(for example Northtown or RX1)" in html
    assert "RX1)" in html and "for example RX1)" not in html


def test_the_finders_hint_names_no_example_with_no_providers(client):
    site = build_section(orgs=())
    assert finder_examples() == ("", "")
    html = client.get(site.section.url).content.decode()
    assert "or its ODS code.</span>" in html


def test_the_demo_downloads_say_invented_and_the_hint_finds_demo_providers(client):
    call_command("load_demo_content", stdout=StringIO())
    section = RestraintFiguresPage.objects.live().get()
    town, code = finder_examples()
    assert code.startswith("Z000")
    assert find_providers(town) and find_providers(code)
    assert f"(for example {town} or {code})" in client.get(section.url).content.decode()
    response = download(client, section.url + "providers/latest.csv")
    assert "-invented-" in response["Content-Disposition"]
    assert notes_of(response)[1] == "INVENTED for the demonstration: these are not NHS England's figures."
    rows = table_of(response)
    assert len(rows) == Provider.objects.count() == 11
    assert list(rows[0]) == HEADER
    assert sum(int(r["uses of restraint"] or 0) for r in rows) > 0
