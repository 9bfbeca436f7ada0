"""The figures' charts: server-drawn SVG with accessible names, the numbers as tables, CSV links, gaps not 0."""

import re

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string

from campaigns.figures.charts import ENGLAND_COLOUR, SUBJECT_COLOUR, nice_top
from campaigns.figures.display import csv_files, figures_for
from campaigns.figures.models import Provider
from tests.figures.builders import ENGLAND, TRUST, load, months, row

pytestmark = pytest.mark.django_db

YEAR = months("2022-01", "2022-12")


def soup_for(provider=None, subject_name=None):
    figures = figures_for(provider)
    if subject_name is None:
        subject_name = "England" if provider is None else provider.display_name
    html = render_to_string("figures/_figures.html", {"figures": figures, "subject_name": subject_name})
    return figures, BeautifulSoup(html, "html.parser"), html


def a_year_with_gaps():
    """2022: the trust's rate each month but [c] in March and nothing in August; England's every month but May."""
    rows = []
    for index, month in enumerate(YEAR):
        if month == "2022-03":
            rows.append(row("*", month=month))
        elif month != "2022-08":
            rows.append(row(30 + index, month=month))
        if month != "2022-05":
            rows.append(row(20, month=month, org=ENGLAND))
    rows += [
        row(50, "MHS77", month="2022-12", kind="01"),
        row("*", "MHS77", month="2022-12", kind="04"),
        row(160, "MHS77", month="2022-12", kind="07"),
        row(815, "MHS77", month="2022-12", org=ENGLAND, kind="01"),
    ]
    load(*rows)
    return Provider.objects.get(ods_code=TRUST[0])


def trend_svg(soup):
    return soup.find("svg", attrs={"aria-labelledby": "rf-trend-title-phone rf-trend-desc-phone"})


def types_svg(soup):
    return soup.find("svg", attrs={"aria-labelledby": "rf-types-title-phone rf-types-desc-phone"})


def test_each_chart_is_a_named_figure_with_its_table_and_csv():
    figures, soup, html = soup_for(a_year_with_gaps())

    charts = soup.find_all("figure", class_="chart")
    assert len(charts) == 2
    downloads = csv_files(figures)
    for figure, slug in zip(charts, ["trend", "breakdown"], strict=True):
        heading = soup.find(id=figure["aria-labelledby"])
        assert heading.name == "h2" and heading.get_text(strip=True)
        assert heading.find_parent("figcaption").find("p", class_="chart__description").get_text(strip=True)
        svg = figure.find("svg")
        assert svg["role"] == "img"
        assert re.fullmatch(r"0 0 \d+ \d+", svg["viewbox"])
        assert not svg.has_attr("width") and not svg.has_attr("height")
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find("title", id=title_id).get_text(strip=True)
        assert svg.find("desc", id=desc_id).get_text(strip=True)
        table = figure.find("table")
        assert table.caption.get_text(strip=True)
        assert all(th["scope"] == "col" for th in table.thead.find_all("th"))
        assert all(tr.th["scope"] == "row" for tr in table.tbody.find_all("tr"))
        link = figure.find("a", href=f"{slug}.csv")
        assert link["download"] == downloads[slug][0]
    assert soup.find("a", href="latest.csv")["download"] == downloads["latest"][0]
    # No script and no style attribute anywhere (the Content Security Policy forbids inline ones).
    assert "<script" not in html and "style=" not in html
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_the_trend_is_named_and_described_in_words():
    _, soup, _ = soup_for(a_year_with_gaps())

    svg = trend_svg(soup)
    assert svg.title.get_text() == (
        "This provider: uses of restraint for every 1,000 nights spent on the wards, "
        "January 2022 to December 2022, beside England"
    )
    desc = svg.desc.get_text()
    assert "This provider: 30 in January 2022, 41 in December 2022." in desc
    assert "England: 20 in January 2022, 20 in December 2022." in desc
    assert "2 months with no figure for this provider" in desc
    assert "changed in July 2022" in desc


def test_the_trend_has_gaps_for_c_and_missing_months_never_0():
    _, soup, _ = soup_for(a_year_with_gaps())
    svg = trend_svg(soup)

    provider_lines = svg.find_all("polyline", stroke=SUBJECT_COLOUR)
    england_lines = svg.find_all("polyline", stroke=ENGLAND_COLOUR)
    # Broken at March and August (the trust), at May (England): never drawn down to 0.
    assert len(provider_lines) == 3
    assert len(england_lines) == 2
    assert all(line.has_attr("stroke-dasharray") for line in england_lines)
    assert not any(line.has_attr("stroke-dasharray") for line in provider_lines)
    # A marker for every month with a number, plus one in the key above the plot; round for the trust,
    # square for England, so colour is never the only cue.
    assert len(svg.find_all("circle", fill=SUBJECT_COLOUR)) == 10 + 1
    assert len(svg.find_all("rect", fill=ENGLAND_COLOUR)) == 11 + 1
    baseline = max(float(point.split(",")[1]) for line in provider_lines for point in line["points"].split())
    zero_line = float(svg.find("line", attrs={"stroke-width": "1.5", "class": False})["y1"])
    assert baseline < zero_line
    # The key is above the plot, apart from the data: its markers sit higher than the top of the axis.
    axis_label = svg.find("text", string="Uses of restraint for every 1,000 nights")
    assert (
        float(svg.find("circle")["cy"])
        < float(axis_label["y"])
        < min(y for point in svg.find_all("circle")[1:] for y in [float(point["cy"])])
    )
    gaps = [mark.get_text() for mark in svg.find_all("text", class_="chart__gap")]
    assert sorted(gaps) == ["[c]", "–", "–"]
    labels = [label.get_text() for label in svg.find_all("text", class_="chart__label")]
    assert sorted(labels) == ["England", "This provider"]
    assert svg.find("line", class_="chart__change") is not None

    table = soup.find("table")
    cells = {
        tr.th.get_text(" ", strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in table.tbody.find_all("tr")
    }
    assert cells["March 2022"] == ["[c]", "20"]
    # May's file has no figures for England at all: said to be missing from the file.
    assert cells["May 2022"] == ["34", "not in the file"]
    assert cells["August 2022"] == ["no data reported", "20"]
    assert cells["July 2022 (recording changed)"] == ["36", "20"]
    assert "0" not in [value for values in cells.values() for value in values]


def test_no_methodology_mark_when_the_trend_does_not_cross_it():
    load(*[row(30, month=month) for month in months("2023-01", "2023-12")])

    _, soup, _ = soup_for(Provider.objects.get(ods_code=TRUST[0]))

    assert trend_svg(soup).find("line", class_="chart__change") is None
    assert soup.find(class_="chart__note") is None


def test_the_breakdown_bars_numbers_and_labels_c():
    figures, soup, _ = soup_for(a_year_with_gaps())

    svg = types_svg(soup)
    assert svg.title.get_text() == "This provider: uses of restraint by type, December 2022"
    desc = svg.desc.get_text()
    assert "This provider used physical restraint: standing most: about 160." in desc
    assert "1 type [c], hidden to protect privacy (1–4 each)." in desc
    assert "No data reported for 12 types." in desc
    # Two bars: prone and standing. Mechanical restraint is [c]: a label, not a bar.
    assert len(svg.find_all("rect")) == 2
    texts = [text.get_text() for text in svg.find_all("text")]
    assert texts[texts.index("Mechanical restraint") + 1] == "[c] hidden to protect privacy"
    assert texts[texts.index("Seclusion") + 1] == "no data reported"
    table = soup.find_all("table")[1]
    rows = {
        tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in table.tbody.find_all("tr")
    }
    assert rows["Physical restraint: prone (face down)"] == ["50", "815"]
    assert rows["Mechanical restraint"] == ["[c]", "no data reported"]
    assert len(rows) == 15


def test_englands_charts_have_one_line_and_no_comparison():
    load(*[row(20 + index, month=month, org=ENGLAND) for index, month in enumerate(months("2024-04", "2025-03"))])

    _, soup, _ = soup_for()

    svg = trend_svg(soup)
    assert svg.title.get_text().startswith("England: uses of restraint")
    assert not svg.title.get_text().endswith("beside England")
    assert len(svg.find_all("polyline")) == 1
    assert svg.find("polyline")["stroke"] == SUBJECT_COLOUR
    assert [label.get_text() for label in svg.find_all("text", class_="chart__label")] == ["England"]
    assert [th.get_text(strip=True) for th in soup.find("table").thead.find_all("th")] == ["Month", "England"]


def test_names_are_escaped():
    load(row(30, org=("RX5", "<SCRIPT>ALERT(1)</SCRIPT> NHS TRUST")))
    provider = Provider.objects.get(ods_code="RX5")

    _, soup, html = soup_for(provider)

    assert "<script" not in html.lower()
    assert "&lt;Script&gt;" in html


@pytest.mark.parametrize(
    ("largest", "top", "step"), [(0, 4, 1), (3, 3, 1), (33, 40, 10), (41, 60, 20), (11330, 15000, 5000)]
)
def test_the_axis_ends_on_a_round_number_above_the_largest(largest, top, step):
    assert nice_top(largest) == (top, step)


def test_a_demo_provider_whose_every_rate_is_hidden_draws_no_line_of_its_own():
    from tests.figures.test_figures import load_demo

    load_demo()
    figures, soup, _ = soup_for(Provider.objects.get(ods_code="Z9001"))

    assert figures.is_synthetic
    assert not any(point.value.is_number for point in figures.trend)
    svg = trend_svg(soup)
    assert svg.find_all("polyline", stroke=SUBJECT_COLOUR) == []
    assert svg.find_all("circle") == []
    assert len(svg.find_all("polyline", stroke=ENGLAND_COLOUR)) == 1
    assert [label.get_text() for label in svg.find_all("text", class_="chart__label")] == ["England"]
    provider_gaps = [mark.get_text() for mark in svg.find_all("text", class_="chart__gap")]
    # April and May 2024 have no rate at all (the older layout's Final months); June and September are
    # not reported; the other eight are [c]. England's April and May are gaps too.
    assert provider_gaps.count("[c]") == 8
    assert provider_gaps.count("–") == 4 + 2
    assert "This provider: no figure in these months." in svg.desc.get_text()


def test_the_bars_and_the_table_are_biggest_first_then_c_then_no_data():
    figures, soup, _ = soup_for(a_year_with_gaps())

    for svg in soup.select("figure.chart svg.chart__svg--bars"):
        widths = [float(rect["width"]) for rect in svg.find_all("rect")]
        assert len(widths) == 2 and widths == sorted(widths, reverse=True)
        texts = [text.get_text() for text in svg.find_all("text")]
        assert texts.index("Physical restraint: standing") < texts.index("Mechanical restraint")
    names = [tr.th.get_text(strip=True) for tr in soup.find_all("table")[1].tbody.find_all("tr")]
    assert names[:3] == [
        "Physical restraint: standing",
        "Physical restraint: prone (face down)",
        "Mechanical restraint",
    ]
    assert [row.name for row in figures.breakdown_by_size][:3] == names[:3]


def test_each_chart_is_drawn_for_a_phone_with_text_that_is_not_scaled_down():
    _, soup, _ = soup_for(a_year_with_gaps())

    for figure in soup.find_all("figure", class_="chart"):
        phone = figure.find("svg", class_="chart__svg--phone")
        wide = figure.find("svg", class_="chart__svg--wide")
        # The phone's drawing is 300 units wide: shown 288 px wide at 320 px, 13-unit text is 12.5 px.
        assert phone["viewbox"].split()[2] == "300"
        assert min(float(text["font-size"]) for text in phone.find_all("text")) >= 13
        assert int(wide["viewbox"].split()[2]) <= 640
        assert min(float(text["font-size"]) for text in wide.find_all("text")) >= 13
    # The y axis says what it counts; a gap is marked on the axis at its month, not in a corner.
    trend = trend_svg(soup)
    assert trend.find("text", string="Uses of restraint for every 1,000 nights") is not None
    axis_y = float(trend.find("line", attrs={"stroke-width": "1.5", "class": False})["y1"])
    for mark in trend.find_all("text", class_="chart__gap"):
        assert axis_y - 30 < float(mark["y"]) < axis_y


def test_the_tables_name_their_columns_this_provider_and_england():
    _, soup, _ = soup_for(a_year_with_gaps())

    for table in soup.find_all("table"):
        assert [th.get_text(strip=True) for th in table.thead.find_all("th")][1:] == ["This provider", "England"]
