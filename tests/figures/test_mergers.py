"""Mergers (issue 18, item 3): a trust that became part of another shows its figures under the successor.

Camden and Islington (TAF) became part of North London (G6V2S). The figures come as NHS England publishes
them, one code a month; who succeeded whom comes from ODS's files (etr.csv, succ.csv) as published.
"""

import calendar
import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.figures import display
from campaigns.figures.display import csv_files, figures_for
from campaigns.figures.importer import import_figures
from campaigns.figures.mergers import succession_for, with_successions
from campaigns.figures.models import Provider
from tests.conftest import build_site
from tests.figures.data_helpers import HEADER
from tests.figures.ods_helpers import NORTH_LONDON, import_ods, ods_row, succ_row
from tests.figures.pages_helpers import add_section

pytestmark = pytest.mark.django_db

ENGLAND = ("England", "ENGLAND")
CAMDEN = ("TAF", "CAMDEN AND ISLINGTON NHS FOUNDATION TRUST")
NORTH = ("G6V2S", "NORTH LONDON NHS FOUNDATION TRUST")
CAMDEN_LABEL = "Camden and Islington NHS Foundation Trust (TAF)"
NORTH_LABEL = "North London NHS Foundation Trust (G6V2S)"
CAMDEN_MONTHS = ["2024-10", "2024-11", "2024-12"]
NORTH_MONTHS = ["2025-01", "2025-02", "2025-03"]
# The rate (MHS96) each publishes: England 20, Camden 31, North London 22; counts 45 (Camden) and 60 (North).
RATES = {"England": "20", "TAF": "31", "G6V2S": "22", "RA1": "40"}
PEOPLE = {"England": "3000", "TAF": "45", "G6V2S": "60", "RA1": "15"}


def rows_for(month, org):
    year, number = map(int, month.split("-"))
    end = calendar.monthrange(year, number)[1]
    breakdown = "England" if org is ENGLAND else "Provider"
    code, name = org
    period = f"{month}-01,{month}-{end},Performance,{breakdown},{code},{name},NONE,NONE{',NONE' * 8}"
    typed = f"{month}-01,{month}-{end},Performance,{breakdown}; Restrictive Intervention Type,{code},{name}"
    return [
        f"{period},MHS96,{RATES.get(code, '25')}",
        f"{period},MHS76,{PEOPLE.get(code, '20')}",
        f"{period},MHS77,{int(PEOPLE.get(code, '20')) * 2}",
        f"{typed},01,Prone{',NONE' * 8},MHS77,{'*' if code == 'TAF' else '10'}",
    ]


def import_month(month, *orgs):
    rows = [row for org in (ENGLAND, *orgs) for row in rows_for(month, org)]
    text = "\n".join([HEADER, *rows]) + "\n"
    import_figures(io.BytesIO(text.encode()), f"MHSDS Data_Rstr_{month}_Prf.csv")


def import_ods_files(*successions):
    import_ods("etr.csv", ods_row("TAF", CAMDEN[1], town="LONDON", postcode="NW1 0PE"), NORTH_LONDON)
    import_ods("succ.csv", *(successions or [succ_row("TAF", "G6V2S", "20250101")]))


@pytest.fixture
def section(db):
    site = build_site()
    site.section = add_section(site.campaign)
    for month in CAMDEN_MONTHS:
        import_month(month, CAMDEN)
    for month in NORTH_MONTHS:
        import_month(month, NORTH)
    return site.section


def page(client, section, path):
    response = client.get(section.url + path)
    assert response.status_code == 200, path
    return response.content.decode()


def text_of(html):
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def trend_rows(html):
    soup = BeautifulSoup(html, "html.parser")
    table = soup.find("caption", id="rf-trend-caption").parent
    header = [th.get_text(" ", strip=True) for th in table.thead.find_all("th")]
    rows = [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])] for row in table.tbody("tr")]
    return header, rows


def read_csv(text):
    return list(csv.reader(io.StringIO(text)))


def north():
    return with_successions(Provider.objects).get(ods_code="G6V2S")


def test_the_successors_page_shows_the_old_codes_months_and_says_which_were_published_under_which(client, section):
    import_ods_files()
    html = page(client, section, "G6V2S/")
    text = text_of(html)
    assert f"{CAMDEN_LABEL} became part of {NORTH_LABEL} on 1 January 2025." in text
    assert (
        f"Figures for October 2024 to December 2024 were published under {CAMDEN_LABEL}; "
        f"from January 2025 under {NORTH_LABEL}." in text
    )
    header, rows = trend_rows(html)
    assert header == ["Month", "Published under", "This provider", "England", "Note"]
    by_month = {row[0]: row[1:] for row in rows}
    assert by_month["September 2024"][1] == "no figures on this site"
    assert by_month["October 2024"] == [CAMDEN_LABEL, "31", "20", ""]
    assert by_month["December 2024"] == [CAMDEN_LABEL, "31", "20", ""]
    assert by_month["January 2025"] == [NORTH_LABEL, "22", "20", ""]
    # The link to the old code's own page.
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("a", string=CAMDEN_LABEL)["href"] == section.url + "TAF/"
    # The latest month is the successor's own.
    assert f"NHS England's figures for {NORTH_LABEL}, 1 March to 31 March 2025." in text


def test_the_chart_data_and_csv_include_the_predecessors_months(section):
    import_ods_files()
    figures = figures_for(north())
    rates = {f"{point.month:%Y-%m}": point.value.short for point in figures.trend}
    assert [rates[month] for month in CAMDEN_MONTHS + NORTH_MONTHS] == ["31"] * 3 + ["22"] * 3
    # The chart draws each of those months (a point for each; the six months before them are gaps).
    assert "This provider: 31 in October 2024, 22 in March 2025." in figures.trend_chart
    assert "6 months with no figure for this provider" in figures.trend_chart
    # Drawn twice (for phones and wider screens): each has a point a month with a number, and one in its key.
    assert figures.trend_chart.count("<circle") == 2 * (6 + 1)
    files = csv_files(figures)
    trend = display.csv_table(files["trend"][1])
    assert trend[0] == ["month", "published under", "G6V2S", "G6V2S marker", "England", "England marker", "note"]
    assert ["2024-10", CAMDEN_LABEL, "31", "", "20", "", ""] in trend
    assert ["2025-03", NORTH_LABEL, "22", "", "20", "", ""] in trend
    latest = display.csv_table(files["latest"][1])
    assert latest[0][:2] == ["month", "published under"]
    assert latest[1][:2] == ["2025-03", NORTH_LABEL]
    breakdown = display.csv_table(files["breakdown"][1])
    assert breakdown[1][:2] == ["2025-03", NORTH_LABEL]


def test_the_old_codes_page_says_where_it_went_and_keeps_its_own_history(client, section):
    import_ods_files()
    html = page(client, section, "TAF/")
    text = text_of(html)
    assert "Became part of North London NHS Foundation Trust (G6V2S) on 1 January 2025." in text
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("a", string=NORTH_LABEL)["href"] == section.url + "G6V2S/"
    # Its own figures, its latest month December 2024, and no successor's months.
    assert "December 2024: the latest figures" in text
    # Not "left out of the latest publication": its later months are published under the successor.
    assert f"Later figures are published under {NORTH_LABEL}." in text
    assert "No figures in the latest publication" not in text
    _, rows = trend_rows(html)
    by_month = {row[0]: row[1:] for row in rows}
    assert by_month["December 2024"] == ["31", "20"]
    assert "Figures from before a merger" not in text
    notes = read_csv(page(client, section, "TAF/trend.csv").removeprefix("\ufeff"))
    assert notes[0][0] == f"{CAMDEN_LABEL}: restrictive interventions per 1,000 occupied bed days, month by month"


def test_a_month_both_codes_published_shows_the_successors_and_notes_the_other_never_added(client, section):
    import_month("2025-01", NORTH, CAMDEN)  # Camden still sent January's figures after the merger
    import_ods_files()
    html = page(client, section, "G6V2S/")
    text = text_of(html)
    assert "In January 2025, more than one of these codes published figures." in text
    assert "They are not added together" in text
    _, rows = trend_rows(html)
    january = next(row for row in rows if row[0] == "January 2025")
    assert january[1:4] == [NORTH_LABEL, "22", "20"]
    assert f"Also published under {CAMDEN_LABEL}: 31 (not added in" in january[4]
    assert "53" not in text  # 22 + 31: never added
    trend = display.csv_table(page(client, section, "G6V2S/trend.csv"))
    row = next(row for row in trend if row[0] == "2025-01")
    assert row[1:6] == [NORTH_LABEL, "22", "", "20", ""]
    assert f"also published under {CAMDEN_LABEL}: 31" in row[6]


def test_englands_figures_are_unchanged_by_a_merger(client, section):
    before = (csv_files(figures_for(None)), text_of(page(client, section, "england/")))
    import_ods_files()
    after = (csv_files(figures_for(None)), text_of(page(client, section, "england/")))
    assert after == before
    # England's own rows, never the providers added up: 3,000 people, not 45 + 60.
    assert "People restrained About 3,000 " in after[1]


def test_a_chain_resolves_to_the_latest_and_a_loop_stops(section):
    import_month("2024-09", ("RA1", "OLDEST NHS TRUST"))
    import_ods_files(succ_row("RA1", "TAF", "20241001"), succ_row("TAF", "G6V2S", "20250101"))
    succession = succession_for(north())
    assert succession.codes == ["G6V2S", "TAF", "RA1"]
    figures = figures_for(north())
    notes = " ".join(figures.merger_notes)
    assert f"Oldest NHS Trust (RA1) became part of {CAMDEN_LABEL} on 1 October 2024." in notes
    assert "Figures for September 2024 were published under Oldest NHS Trust (RA1); for October 2024" in notes
    oldest = succession_for(with_successions(Provider.objects).get(ods_code="RA1"))
    assert (oldest.successor.code, oldest.latest_successor.code) == ("TAF", "G6V2S")

    # A loop (a data error): nothing resolves, no figures move, and nothing hangs.
    import_ods("succ.csv", succ_row("TAF", "G6V2S", "20250101"), succ_row("G6V2S", "TAF", "20250201"))
    assert succession_for(north()).codes == ["G6V2S"]
    assert figures_for(north()).merger_notes == []


def test_a_merged_provider_costs_one_query_more(client, section):
    def count(path):
        client.get(section.url + path)
        with CaptureQueriesContext(connection) as queries:
            client.get(section.url + path)
        return len(queries)

    unmerged = count("G6V2S/")
    import_ods_files()
    assert (count("G6V2S/"), count("TAF/")) == (unmerged + 1, unmerged + 1)


# --- The A-Z list and the finder say what a merged provider is now part of ------------------------------------


def plain(html):
    """The text as read: inline elements joined as they are (text_of puts a space before a comma after a link)."""
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


def listed_item(html, code):
    """The list item (A-Z list, finder results) that links to the provider with this code."""
    soup = BeautifulSoup(html, "html.parser")
    [item] = [li for li in soup.select("li.provider-list__item") if li.a["href"].endswith(f"/{code}/")]
    return item


@pytest.mark.parametrize("path", ["providers/", "?q=camden", "find/?q=camden"])
def test_the_list_and_the_finder_say_a_merged_provider_is_now_part_of_its_successor(client, section, path):
    assert "Now part of" not in plain(page(client, section, path))  # no succession imported yet
    import_ods_files()
    item = listed_item(page(client, section, path), "TAF")
    assert f"Now part of {NORTH_LABEL}, since 1 January 2025." in plain(str(item))
    link = item.find("a", string=NORTH_LABEL)
    assert link["href"] == section.url + "G6V2S/"
    if path == "providers/":
        assert "Now part of" not in plain(str(listed_item(page(client, section, path), "G6V2S")))


def test_the_list_names_the_end_of_a_chain_and_a_successor_it_has_no_page_for(client, section):
    import_month("2024-09", ("RA1", "RIVERSIDE NHS TRUST"))
    import_ods_files(succ_row("RA1", "TAF", "20241001"), succ_row("TAF", "G6V2S", "20250101"))
    html = page(client, section, "providers/")
    oldest = listed_item(html, "RA1")
    # The end of the chain, without a day: 1 October 2024 is when it became part of TAF, not of North London.
    assert f"Now part of {NORTH_LABEL}." in plain(str(oldest))
    assert oldest.find("a", string=NORTH_LABEL)["href"] == section.url + "G6V2S/"
    # A successor no figures were published under has no page here: its code is named, with no link.
    import_ods("succ.csv", succ_row("G6V2S", "Z9Z9Z", "20260101"))
    html = page(client, section, "providers/")
    north_item = listed_item(html, "G6V2S")
    assert "Now part of the organisation with ODS code Z9Z9Z, since 1 January 2026." in plain(str(north_item))
    assert len(north_item.find_all("a")) == 1
    # A loop (an error in the file) names the direct successor only, and nothing fails.
    import_ods("succ.csv", succ_row("TAF", "G6V2S", "20250101"), succ_row("G6V2S", "TAF", "20250201"))
    html = page(client, section, "?q=london")
    assert f"Now part of {CAMDEN_LABEL}, since 1 February 2025." in plain(str(listed_item(html, "G6V2S")))


def test_site_search_says_a_merged_provider_is_now_part_of_its_successor(client, section):
    import_ods_files()
    response = client.get("/search/", {"q": "camden"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    group = soup.find("section", attrs={"aria-labelledby": "search-providers-heading"})
    assert f"Now part of {NORTH_LABEL}, since 1 January 2025." in plain(str(group))
    assert group.find("a", string=NORTH_LABEL)["href"].endswith(section.url + "G6V2S/")


@pytest.mark.parametrize("path", ["providers/", "?q=london", "find/?q=london"])
def test_the_list_and_the_finder_take_no_query_more_for_mergers(client, section, path):
    def count():
        client.get(section.url + path)
        with CaptureQueriesContext(connection) as queries:
            page(client, section, path)
        return len(queries)

    pinned = {"providers/": 10, "?q=london": 11, "find/?q=london": 9}[path]  # as tests/figures/test_pages_queries.py
    assert count() == pinned
    for n in range(20):  # twenty more providers, each merged into the next, the last into North London
        import_month("2024-09", (f"RB{n:02d}", f"PROVIDER NUMBER {n} LONDON NHS TRUST"))
    chain = [succ_row(f"RB{n:02d}", f"RB{n + 1:02d}", "20240901") for n in range(19)]
    import_ods_files(*chain, succ_row("RB19", "G6V2S", "20241001"), succ_row("TAF", "G6V2S", "20250101"))
    html = page(client, section, path)
    assert plain(html).count(f"Now part of {NORTH_LABEL}") == 21
    assert count() == pinned
