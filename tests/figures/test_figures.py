"""A provider's and England's figures: the latest month, the year's trend, the breakdown by type, in words and CSV."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string

from campaigns.figures.display import csv_files, csv_table, figures_for, number_cell
from campaigns.figures.importer import import_figures
from campaigns.figures.mergers import with_successions
from campaigns.figures.models import Provider
from tests.figures.builders import ENGLAND, OTHER, TRUST, load, months, row
from tests.figures.data_helpers import OLDER_FILE, TODAYS_FILE

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2025, 3, 1)


def trust():
    """The provider as its page fetches it: with_successions() says it took no one in, at no query's cost."""
    return with_successions(Provider.objects).get(ods_code=TRUST[0])


def render(figures, subject_name=None):
    if subject_name is None:
        subject_name = "England" if figures.provider is None else figures.provider.display_name
    return render_to_string("figures/_figures.html", {"figures": figures, "subject_name": subject_name})


def text_of(html):
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def read_csv(text):
    """The header and rows of a CSV file (its notes, above an empty row, skipped)."""
    return csv_table(text)


def csv_notes_of(text):
    lines = list(csv.reader(io.StringIO(text)))
    return [line[0] for line in lines[: lines.index([])]]


def load_demo():
    with open(TODAYS_FILE, "rb") as today, open(OLDER_FILE, "rb") as older:
        import_figures(today, TODAYS_FILE.name, is_synthetic=True)
        import_figures(older, OLDER_FILE.name, is_synthetic=True)


def test_the_demo_providers_latest_month_beside_england():
    load_demo()
    provider = Provider.objects.get(ods_code="Z0001")

    figures = figures_for(provider)

    assert figures.latest_month.start == MARCH
    # March 2025 was published as Provisional and as Performance: Performance is kept.
    assert figures.latest_month.get_status_display() == "Performance"
    assert figures.is_synthetic
    headline = figures.headline
    assert headline["people"].value.number == 190
    assert headline["people"].england.number == 3365
    assert headline["interventions"].value.number == 700
    assert headline["prone"].value.number == 50
    assert headline["rate"].value.number == 33
    assert headline["rate"].england.number == 20
    # Chemical restraint: 75 + 15 + 35 reported, type 17 is [c]: never added as 0, never hidden.
    chemical = headline["chemical"].value
    assert chemical.known == 125
    assert chemical.suppressed_count == 1
    assert chemical.count_words == (
        "about 125 (adding up the kinds reported, each rounded to the nearest 5), "
        "plus [c] for 1 kind (1–4, hidden to protect privacy, for each)"
    )
    assert [point.month.strftime("%Y-%m") for point in figures.trend] == months("2024-04", "2025-03")
    # The older layout's Final April and May 2024 replaced the Performance months; it has no rate.
    assert figures.trend[0].value.is_missing and figures.trend[0].england.is_missing
    assert figures.trend[-1].value.number == 33
    assert len(figures.breakdown) == 15
    assert figures.breakdown[1].name == "Mechanical restraint"
    assert figures.breakdown[1].value.suppressed

    text = text_of(render(figures))
    assert "About 33 uses of restraint for every 1,000 nights spent on the provider's wards (England: about 20)" in text
    assert "Counts are rounded to the nearest 5." in text
    assert "About 190 England: about 3,365" in text
    assert "1–4, hidden to protect privacy" in text
    assert "Status: Performance" in text


def test_englands_own_figures_have_no_comparison():
    load_demo()

    figures = figures_for()

    assert figures.is_england
    assert figures.latest_month.start == MARCH
    assert figures.headline["people"].value.number == 3365
    assert figures.headline["people"].england is None
    assert all(point.england is None for point in figures.trend)
    assert all(type_row.england is None for type_row in figures.breakdown)
    html = render(figures)
    text = text_of(html)
    assert "About 20 uses of restraint for every 1,000 nights spent on mental health wards in England." in text
    assert "England: about" not in text
    soup = BeautifulSoup(html, "html.parser")
    for table in soup.find_all("table"):
        assert [th.get_text(strip=True) for th in table.thead.find_all("th")][1:] == ["England"]
    trend = read_csv(csv_files(figures)["trend"][1])
    assert trend[0] == ["month", "England", "England marker", "note"]
    assert csv_files(figures)["trend"][0] == "england-invented-restraint-rate-trend.csv"  # the demo figures


@pytest.mark.parametrize("month_count", [1, 14])
def test_a_fixed_number_of_queries_however_much_is_stored(month_count, django_assert_num_queries):
    rows = []
    for month in months("2024-02", "2025-03")[-month_count:]:
        rows += [row(30, month=month), row(20, month=month, org=ENGLAND), row(15, month=month, org=OTHER)]
        rows += [row(5, "MHS77", month=month, kind=f"{kind:02d}") for kind in range(1, 18) if kind not in (2, 3)]
        rows += [row(400, "MHS77", month=month, org=ENGLAND, kind="14"), row(35, "MHS76", month=month)]
    load(*rows)
    provider = trust()

    with django_assert_num_queries(2):
        figures = figures_for(provider)
        csv_files(figures)
    with django_assert_num_queries(0):
        render(figures)
    with django_assert_num_queries(2):
        england = figures_for()
        render(england)

    assert len(figures.trend) == 12
    assert sum(point.value.is_number for point in figures.trend) == min(month_count, 12)


def test_nothing_stored_is_one_query_and_says_so(django_assert_num_queries):
    load(row(20, org=ENGLAND))
    Provider.objects.create(ods_code="RX9", name="QUIET NHS TRUST", name_month=MARCH)
    provider = with_successions(Provider.objects).get(ods_code="RX9")

    with django_assert_num_queries(1):
        figures = figures_for(provider)

    assert figures.latest_month is None
    assert not figures.is_synthetic
    assert csv_files(figures) == {}
    assert "No figures have been published for Quiet NHS Trust yet." in text_of(render(figures))


def test_suppressed_figures_are_c_never_0():
    load(
        row("*", "MHS76"),
        row("*", "MHS77"),
        row("*", "MHS96"),
        row(3365, "MHS76", org=ENGLAND),
        row(20, "MHS96", org=ENGLAND),
        row("*", "MHS77", kind="01"),
    )

    figures = figures_for(trust())

    people = figures.headline["people"]
    assert people.value.suppressed and people.value.number is None
    assert people.words == "[c] (1–4, hidden to protect privacy)"
    assert figures.headline["rate"].value.suppressed
    assert figures.breakdown[0].value.short == "[c]"
    text = text_of(render(figures))
    assert "[c], hidden to protect privacy because the numbers behind it are small (England: about 20)" in text
    assert "Prone (face-down) restraint [c] (1–4, hidden to protect privacy)" in text
    latest = read_csv(csv_files(figures)["latest"][1])
    assert latest[1][:7] == ["2025-03", "Performance", "People restrained", "", "[c]", "3365", ""]
    assert "0" not in [cell for line in latest for cell in line]


def test_missing_figures_say_no_data_reported_never_0():
    load(row(30, "MHS96"), row(20, "MHS96", org=ENGLAND), row(3365, "MHS76", org=ENGLAND))

    figures = figures_for(trust())

    people = figures.headline["people"]
    assert people.value.is_missing
    assert people.words == "no data reported"
    assert figures.headline["chemical"].value.is_missing
    assert figures.headline["chemical"].words == "no data reported"
    assert all(type_row.value.short == "no data reported" for type_row in figures.breakdown)
    latest = read_csv(csv_files(figures)["latest"][1])
    assert latest[1] == [
        "2025-03",
        "Performance",
        "People restrained",
        "",
        "no data reported",
        "3365",
        "",
    ]


def test_chemical_restraint_never_adds_a_hidden_part_as_0():
    load(
        row(20, "MHS77", kind="14"),
        row("*", "MHS77", kind="15"),
        row(5, "MHS77", kind="17"),
        row("*", "MHS77", org=OTHER, kind="14"),
        row("*", "MHS77", org=OTHER, kind="16"),
    )

    chemical = figures_for(trust()).headline["chemical"].value
    assert chemical.known == 25
    assert chemical.short == "25 + [c]"
    assert chemical.count_words.startswith("about 25 ")
    assert "plus [c] for 1 kind" in chemical.count_words

    other = figures_for(Provider.objects.get(ods_code=OTHER[0])).headline["chemical"].value
    assert other.known is None
    assert other.short == "[c]"
    assert other.count_words == "[c] for 2 kinds (1–4, hidden to protect privacy, for each)"


def test_a_provider_with_nothing_in_the_latest_month_shows_its_own_latest_and_says_so():
    load(
        *[row(20, month=month, org=ENGLAND) for month in ["2025-01", "2025-02", "2025-03"]],
        row(30, month="2025-01"),
        row(40, "MHS76", month="2025-01"),
        row(10, month="2025-03", org=OTHER),
    )

    figures = figures_for(trust())

    assert figures.latest_month.start == datetime.date(2025, 1, 1)
    assert [month.start.month for month in figures.later_months] == [2, 3]
    assert figures.trend[-1].month == datetime.date(2025, 1, 1)
    text = text_of(render(figures))
    assert (
        "No figures in the latest publication. NHS England's figures for February 2025 and March 2025 have none for "
        "Northshire Mental Health NHS Trust: none were recorded, or the provider did not send them. That does not "
        "mean no restraint was used. These are from January 2025, the latest month with figures."
    ) in text
    assert "January 2025: the latest figures" in text


def test_a_provider_left_out_of_the_latest_publication_says_no_figures_in_it_never_0():
    load(row(30, month="2025-02"), row(40, "MHS76", month="2025-02"), row(20, month="2025-02", org=ENGLAND))
    # The latest publication: England and another provider, nothing for the trust.
    load(row(22, month="2025-03", org=ENGLAND), row(10, month="2025-03", org=OTHER), name="march.csv")

    figures = figures_for(trust())

    assert figures.latest_publication.start == MARCH
    assert figures.latest_month.start == datetime.date(2025, 2, 1)
    text = text_of(render(figures))
    assert (
        "No figures in the latest publication. NHS England's figures for March 2025 have none for Northshire "
        "Mental Health NHS Trust"
    ) in text
    assert "February 2025: the latest figures" in text
    assert "People restrained About 40 England" in text
    latest_section = BeautifulSoup(render(figures), "html.parser").find("section", class_="rf-figures__latest")
    assert " 0 " not in f" {text_of(str(latest_section))} "
    assert figures_for(Provider.objects.get(ods_code=OTHER[0])).latest_publication is None


def test_englands_figures_missing_from_a_file_are_said_to_be_missing():
    load(
        row(20, month="2025-02", org=ENGLAND),
        row(3365, "MHS76", month="2025-02", org=ENGLAND),
        # January's file had the trust's figures and none for England.
        row(25, month="2025-01"),
    )
    # March's file has the trust's figures and none for England.
    load(row(30, month="2025-03"), row(40, "MHS76", month="2025-03"), row(5, "MHS77", kind="01"), name="march.csv")

    figures = figures_for(trust())

    headline = figures.headline
    assert headline["people"].england.not_in_file
    assert headline["people"].england_words == "not in NHS England's file for this month"
    assert headline["chemical"].england_words == "not in NHS England's file for this month"
    assert figures.breakdown[0].england.short == "not in the file"
    text = text_of(render(figures))
    assert "(England: not in NHS England's file for this month)" in text
    latest = read_csv(csv_files(figures)["latest"][1])
    assert latest[1] == [
        "2025-03",
        "Performance",
        "People restrained",
        "40",
        "",
        "",
        "not in the file",
    ]

    assert figures.trend[-3].england.not_in_file

    england = figures_for(None)
    assert england.latest_month.start == datetime.date(2025, 2, 1)
    january = england.trend[-2]
    assert (january.month, january.value.not_in_file) == (datetime.date(2025, 1, 1), True)
    assert january.note == "not in NHS England's file for this month"
    assert (
        "England's figures are missing from the latest publication. The file for March 2025 has no figures for "
        "England as a whole: they were left out of the file, which does not mean there were none. These are from "
        "February 2025, the latest month with England's figures."
    ) in text_of(render(england))


def test_gaps_in_the_trend_are_gaps_not_0():
    load(
        row(30, month="2025-01"),
        row("*", month="2025-02"),
        row(33, month="2025-03"),
        *[row(20, month=month, org=ENGLAND) for month in ["2025-01", "2025-03"]],
        row(10, month="2024-10", org=OTHER),
    )

    figures = figures_for(trust())

    by_month = {point.month.strftime("%Y-%m"): point for point in figures.trend}
    assert by_month["2025-02"].value.suppressed
    assert by_month["2025-02"].england.is_missing
    # The February file has no figures for England at all: missing from the file, not "none recorded".
    assert by_month["2025-02"].england.not_in_file
    assert (
        by_month["2025-02"].note == "[c] hidden to protect privacy; England: not in NHS England's file for this month"
    )
    # A month the site has no figures for at all.
    assert not by_month["2024-06"].month_stored
    assert by_month["2024-10"].value.is_missing
    trend = read_csv(csv_files(figures)["trend"][1])
    assert trend[0] == ["month", "RX1", "RX1 marker", "England", "England marker", "note"]
    assert (
        "Northshire Mental Health NHS Trust (RX1): restrictive interventions per 1,000 occupied bed days"
        in (csv_notes_of(csv_files(figures)["trend"][1])[0])
    )
    rows = {line[0]: line[1:] for line in trend[1:]}
    assert len(rows) == 12
    assert rows["2025-02"] == ["", "[c]", "", "not in the file", ""]
    assert rows["2025-03"] == ["33", "", "20", "", ""]
    assert rows["2024-10"] == ["", "no data reported", "", "not in the file", ""]
    assert rows["2024-06"] == ["", "month not on this site", "", "month not on this site", ""]


def test_a_trend_across_july_2022_says_the_recording_changed():
    load(*[row(30 + index, month=month) for index, month in enumerate(months("2022-01", "2022-12"))])

    figures = figures_for(trust())

    assert figures.trend_crosses_methodology_change
    text = text_of(render(figures))
    assert "The way these figures are recorded changed in July 2022" in text
    trend = {line[0]: line for line in read_csv(csv_files(figures)["trend"][1])}
    assert trend["2022-07"][-1] == "recording changed this month (MHSDS version 5)"
    assert trend["2022-07"][-2] == "not in the file"
    assert trend["2022-06"][-1] == ""


def test_a_trend_after_july_2022_says_nothing_of_it():
    load(*[row(30, month=month) for month in months("2022-07", "2023-06")])

    figures = figures_for(trust())

    assert not figures.trend_crosses_methodology_change
    text = text_of(render(figures))
    assert "July 2022 to June 2023" in text
    assert "changed in July 2022" not in text
    assert "Recording changed" not in text
    assert "recording changed" not in csv_files(figures)["trend"][1]


def test_real_figures_are_not_marked_invented():
    load(row(30), row(20, org=ENGLAND))

    assert not figures_for(trust()).is_synthetic
    assert not figures_for().is_synthetic
    assert "invented" not in render(figures_for(trust()))


def test_invented_figures_are_marked_invented():
    load(row(30), row(20, org=ENGLAND), is_synthetic=True)

    figures = figures_for(trust())
    assert figures.is_synthetic
    assert "The figures shown here are invented for the demonstration." in text_of(render(figures))


def test_breakdown_csv_has_every_type_with_c_and_empty_cells():
    load(
        row(50, "MHS77", kind="01"),
        row("*", "MHS77", kind="04"),
        row(1245, "MHS77", org=ENGLAND, kind="01"),
        row(40, "MHS77", kind="21"),
    )

    name, text = csv_files(figures_for(trust()))["breakdown"]

    assert name == "RX1-restraint-by-type.csv"
    lines = read_csv(text)
    assert lines[0] == ["month", "type code", "type", "RX1", "RX1 marker", "England", "England marker"]
    assert lines[1] == ["2025-03", "01", "Physical restraint: prone (face down)", "50", "", "1245", ""]
    assert lines[2] == ["2025-03", "04", "Mechanical restraint", "", "[c]", "", "no data reported"]
    # A code the site has no name for is kept, as published.
    assert lines[-1] == ["2025-03", "21", "Type 21", "40", "", "", "no data reported"]
    assert len(lines) == 1 + 15 + 1
    assert text.encode("utf-8").decode("utf-8") == text
    assert text.endswith("\r\n")


def test_csv_cells_a_spreadsheet_would_run_are_guarded():
    load(row(30, org=("RX3", "=HYPERLINK(1) NHS TRUST")), row(20, org=ENGLAND))

    figures = figures_for(Provider.objects.get(ods_code="RX3"))
    for _, text in csv_files(figures).values():
        for line in csv.reader(io.StringIO(text)):
            assert not any(cell.startswith(("=", "+", "-", "@")) for cell in line)
    title = csv_notes_of(csv_files(figures)["latest"][1])[0]
    assert title.startswith("'=Hyperlink(1) NHS Trust (RX3): restraint figures for March 2025")


def test_values_keep_decimals_as_published():
    load(row('"1,245"', "MHS76"), row(20, org=ENGLAND))

    people = figures_for(trust()).headline["people"]
    assert people.value.number == Decimal(1245)
    assert people.words == "about 1,245 (rounded to the nearest 5)"
    assert number_cell(people.value) == "1245"


def test_invented_figures_say_so_in_each_csv_files_notes_and_name(db):
    import csv as csv_module
    import io

    from campaigns.figures.models import Figure, Month, Provider

    load(row(35, "MHS76"), row(700, "MHS77"), row(20, "MHS96"), row(20, "MHS96", org=ENGLAND))
    Figure.objects.update(is_synthetic=True)
    Month.objects.update(is_synthetic=True)
    Provider.objects.update(is_synthetic=True)
    files = csv_files(figures_for(trust()))
    assert files
    for file_name, text in files.values():
        assert "-invented-" in file_name
        rows = list(csv_module.reader(io.StringIO(text)))
        # Said once, in the notes above the table (the second line, after the title), not in every row.
        assert rows[1] == ["INVENTED for the demonstration: these are not NHS England's figures."]
        assert not any("INVENTED" in cell for line in csv_table(text) for cell in line)
