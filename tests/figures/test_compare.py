"""Compare providers (compare/): sorted and filtered by links and a GET form, hidden and missing figures last
and said as they are, a fixed number of queries; and a provider's place among those of its kind."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.figures.models import Provider, Region
from tests.conftest import build_site
from tests.figures.builders import ENGLAND, load, row
from tests.figures.ods_helpers import import_ods, ods_row
from tests.figures.pages_helpers import add_section

pytestmark = pytest.mark.django_db

# code -> (name, ODS file saying its kind, rate in March 2025, people, prone, rate in March 2024)
PROVIDERS = {
    "RA1": ("ALDER NHS TRUST", "etr.csv", "30", "100", "15", "20"),
    "RB2": ("BIRCH NHS TRUST", "etr.csv", "50", "*", "*", "60"),
    "RC3": ("CEDAR NHS TRUST", "etr.csv", "*", "40", "", "10"),
    "RD4": ("DAMSON NHS TRUST", "etr.csv", "", "", "5", ""),
    "NE5": ("ELM HOSPITALS LIMITED", "ephp.csv", "70", "20", "10", ""),
    "NF6": ("FIR CARE LIMITED", "ephp.csv", "10", "60", "", "15"),
}


def load_providers(extra=0):
    rows = [row("20", org=ENGLAND), row("18", org=ENGLAND, month="2024-03")]
    providers = dict(PROVIDERS)
    for n in range(extra):
        providers[f"RX{n:02d}"] = (f"EXTRA {n:02d} NHS TRUST", "etr.csv", str(n + 1), "5", "5", "5")
    for code, (name, _, rate, people, prone, before) in providers.items():
        org = (code, name)
        for value, metric, kind in [(rate, "MHS96", ""), (people, "MHS76", ""), (prone, "MHS77", "01")]:
            if value:
                rows.append(row(value, metric=metric, org=org, kind=kind))
        rows.append(row("5", metric="MHS77", org=org, kind="14"))
        if before:
            rows.append(row(before, org=org, month="2024-03"))
    # DAMSON has a figure in the month (chemical) but no rate: still listed, its rate "no data reported".
    load(*rows)
    for file_name in ("etr.csv", "ephp.csv"):
        import_ods(file_name, *(ods_row(code, name) for code, (name, ods, *_) in providers.items() if ods == file_name))


@pytest.fixture
def section(db):
    site = build_site()
    site.section = add_section(site.campaign)
    load_providers()
    return site.section


def page(client, section, query=""):
    response = client.get(section.url + "compare/" + query)
    assert response.status_code == 200
    return unescape(response.content.decode())


def order(html):
    """The providers' codes in the table's order, from their links."""
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return re.findall(r'/([A-Z]{2}\d)/"', body)


def test_sorted_by_rate_highest_first_with_hidden_then_missing_last(client, section):
    html = page(client, section)
    assert order(html) == ["NE5", "RB2", "RA1", "NF6", "RC3", "RD4"]
    assert re.search(r'<th scope="col" aria-sort="descending"[^>]*>\s*<a [^>]*href="\?sort=rate&order=asc"', html)


def test_each_column_sorts_both_ways_through_links(client, section):
    assert order(page(client, section, "?sort=rate&order=asc")) == ["NF6", "RA1", "RB2", "NE5", "RC3", "RD4"]
    assert order(page(client, section, "?sort=people&order=desc")) == ["RA1", "NF6", "RC3", "NE5", "RB2", "RD4"]
    assert order(page(client, section, "?sort=prone&order=asc")) == ["RD4", "NE5", "RA1", "RB2", "RC3", "NF6"]
    assert order(page(client, section, "?sort=name&order=desc")) == ["NF6", "NE5", "RD4", "RC3", "RB2", "RA1"]
    # Change over the year: ALDER up 10, BIRCH down 10, FIR down 5; CEDAR's is hidden, the others have no year before.
    html = page(client, section, "?sort=change&order=desc")
    assert order(html)[:3] == ["RA1", "NF6", "RB2"]
    assert "up 10 (was 20)" in html and "down 10 (was 60)" in html
    assert "not comparable: a rate is hidden [c]" in html and "no data for March 2024" in html


def test_the_sorted_header_alone_carries_aria_sort(client, section):
    html = page(client, section, "?sort=people&order=asc")
    assert html.count("aria-sort=") == 1
    header = re.search(r'<th scope="col" aria-sort="ascending"[^>]*>\s*<a [^>]*href="([^"]+)"', html)
    assert header and header.group(1) == "?sort=people&order=desc"


def test_hidden_and_missing_figures_are_said_never_zero(client, section):
    html = page(client, section)
    assert "[c]" in html and "no data reported" in html
    damson = html.split("Damson NHS Trust")[1].split("</tr>")[0]
    assert ">no data reported<" in damson and ">0<" not in damson


def test_filtered_to_nhs_or_independent_by_a_plain_form(client, section):
    html = page(client, section, "?kind=independent&sort=rate&order=desc")
    assert '<form class="rf-compare__filters" method="get"' in html
    assert '<option value="nhs">NHS trusts</option>' in html
    assert '<option value="independent" selected>Independent providers</option>' in html
    assert order(html) == ["NE5", "NF6"]
    assert "Showing 2 of 6 providers, sorted by uses of restraint per 1,000 bed days, highest first." in html
    assert order(page(client, section, "?kind=nhs")) == ["RB2", "RA1", "RC3", "RD4"]
    # Sorting keeps the filter.
    assert 'href="?sort=people&order=desc&kind=independent"' in html


def test_filtered_by_region(client, section):
    london = Region.objects.create(code="Y56", name="LONDON COMMISSIONING REGION")
    Provider.objects.filter(ods_code__in=["RA1", "NF6"]).update(region=london)
    html = page(client, section, "?region=Y56")
    assert '<option value="Y56" selected>London</option>' in html
    assert order(html) == ["RA1", "NF6"]


@pytest.mark.parametrize(
    "query, message",
    [
        ("?sort=nonsense&order=sideways", None),
        ("?sort=rate&order=", None),
        ("?region=Y99", "We have no providers in that region, so every region is shown."),
        ("?kind=both", "That is not a kind of provider we know, so every kind is shown."),
        ("?region=%00%ff&kind=<script>", "every region is shown"),
    ],
)
def test_bad_parameters_give_the_default_view(client, section, query, message):
    html = page(client, section, query)
    assert order(html) == ["NE5", "RB2", "RA1", "NF6", "RC3", "RD4"]
    if message:
        assert message in html
    assert "<script>" not in html.split("<main")[1]


def test_linked_from_the_finder_and_the_a_to_z(client, section):
    for path in ["", "providers/"]:
        response = client.get(section.url + path)
        assert f'href="{section.url}compare/"' in response.content.decode()


def test_a_providers_place_among_those_of_its_kind(client, section):
    html = unescape(client.get(section.url + "RA1/").content.decode())
    # NHS trusts with a rate for March 2025: BIRCH 50, ALDER 30 (CEDAR's is hidden, DAMSON has none).
    assert "Its rate was the lowest of 2 NHS trusts with a rate for March 2025." in html
    assert f'href="{section.url}compare/?kind=nhs"' in html
    html = unescape(client.get(section.url + "NE5/").content.decode())
    assert "Its rate was the highest of 2 independent providers with a rate for March 2025." in html
    html = unescape(client.get(section.url + "RC3/").content.decode())
    assert "Its rate for March 2025 was hidden or not reported, so it has no place among the 2 NHS trusts" in html


def test_the_place_counts_from_the_top(client):
    site = build_site()
    site.section = add_section(site.campaign)
    load_providers(extra=3)  # three more NHS trusts, with rates of 1, 2 and 3
    html = unescape(client.get(site.section.url + "RA1/").content.decode())
    assert "Its rate was the 2nd highest of 5 NHS trusts with a rate for March 2025." in html


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_a_fixed_number_of_queries_however_many_providers(client):
    counts = []
    for extra in (0, 25):
        site = build_site()
        site.section = add_section(site.campaign, slug=f"restraint-{extra}")
        load_providers(extra)
        counts.append(count_queries(client, site.section.url + "compare/?sort=change&kind=nhs"))
    assert counts == [10, 10]
