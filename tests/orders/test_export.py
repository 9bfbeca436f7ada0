"""The export the campaigns team hands to a mailing house: CSV and XLSX of the orders the list shows."""

import csv
import datetime
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from campaigns.orders.models import PERSONAL_DATA_FIELDS, PrintOrder, PrintOrderItem
from guides.models import GuidePage
from tests.factories import GuidePageFactory
from tests.order_helpers import fresh_cache
from tests.orders import admin_fixtures as order_admin_fixtures
from tests.orders.admin_fixtures import INDEX

EXPORT = f"{INDEX}export/"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures(fresh_cache.__name__)]

# The shared fixtures, used here by name.
orders = order_admin_fixtures.orders
team_member = order_admin_fixtures.team_member


def csv_rows(response):
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark: Excel would misread accents"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def xlsx_rows(response):
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def by_reference(rows):
    return {row["Reference"]: row for row in rows}


def test_the_csv_has_everything_to_post_each_order_and_a_column_per_guide(client, team_member, orders):
    client.force_login(team_member)
    response = client.get(EXPORT, {"format": "csv", "guide": orders["second"].pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = by_reference(csv_rows(response))
    assert set(rows) == {orders["bob"].reference, orders["evil"].reference}
    bob = rows[orders["bob"].reference]
    assert bob["Full name"] == "Bob Sample"
    assert (bob["Address line 1"], bob["Address line 2"], bob["Town or city"], bob["Postcode"]) == (
        "1 High Street",
        "Flat 2",
        "London",
        "M1 1AE",
    )
    assert (bob["What the guidance says"], bob["Influencing change in your area"], bob["Total copies"]) == (
        "0",
        "2",
        "2",
    )
    assert (bob["Status"], bob["Received by"], bob["Updates opt-in"]) == ("New", "Order form", "No")
    evil = rows[orders["evil"].reference]
    assert (evil["What the guidance says"], evil["Influencing change in your area"], evil["Total copies"]) == (
        "2",
        "2",
        "4",
    )


def test_the_columns_are_the_order_facts_the_guides_and_the_personal_data_list(client, team_member, orders):
    client.force_login(team_member)
    body = b"".join(client.get(EXPORT, {"format": "csv"}).streaming_content).decode("utf-8-sig")
    headings = next(csv.reader(io.StringIO(body)))
    personal = [PrintOrder._meta.get_field(name).verbose_name.capitalize() for name in PERSONAL_DATA_FIELDS]
    personal[PERSONAL_DATA_FIELDS.index("wants_updates")] = "Updates opt-in"
    assert headings == [
        "Reference",
        "Ordered",
        "Status",
        "Received by",
        "What the guidance says",
        "Influencing change in your area",
        "Total copies",
        *personal,
    ]


def test_dates_are_london_time_and_statuses_and_opt_in_are_words(client, team_member, orders):
    ann = orders["ann"]
    summer = datetime.datetime(2026, 7, 1, 14, 5, tzinfo=datetime.UTC)  # 15:05 in London (BST)
    winter = datetime.datetime(2026, 11, 26, 15, 20, tzinfo=datetime.UTC)
    PrintOrder.objects.filter(pk=ann.pk).update(created_at=summer, wants_updates=True)
    PrintOrder.objects.filter(pk=orders["bob"].pk).update(created_at=winter)
    orders["evil"].set_status(PrintOrder.Status.CANCELLED, team_member)
    client.force_login(team_member)
    for rows in (
        by_reference(csv_rows(client.get(EXPORT, {"format": "csv"}))),
        by_reference(xlsx_rows(client.get(EXPORT, {"format": "xlsx"}))),
    ):
        assert rows[ann.reference]["Ordered"] == "2026-07-01 15:05"
        assert rows[orders["bob"].reference]["Ordered"] == "2026-11-26 15:20"
        assert rows[ann.reference]["Updates opt-in"] == "Yes"
        assert rows[orders["bob"].reference]["Updates opt-in"] == "No"
        assert rows[orders["evil"].reference]["Status"] == "Cancelled"


def test_accented_names_survive_both_formats(client, team_member, orders):
    PrintOrder.objects.filter(pk=orders["ann"].pk).update(full_name="Siobhán Ní Bhriain")
    client.force_login(team_member)
    assert by_reference(csv_rows(client.get(EXPORT, {"format": "csv"})))[orders["ann"].reference]["Full name"] == (
        "Siobhán Ní Bhriain"
    )
    assert by_reference(xlsx_rows(client.get(EXPORT, {"format": "xlsx"})))[orders["ann"].reference]["Full name"] == (
        "Siobhán Ní Bhriain"
    )


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_value_a_spreadsheet_would_run_as_a_formula_is_written_as_text(client, team_member, orders, start):
    PrintOrder.objects.filter(pk=orders["ann"].pk).update(organisation=f"{start}1+1")
    client.force_login(team_member)
    for rows in (
        by_reference(csv_rows(client.get(EXPORT, {"format": "csv"}))),
        by_reference(xlsx_rows(client.get(EXPORT, {"format": "xlsx"}))),
    ):
        # XML, inside an XLSX, reads a carriage return back as a line feed.
        assert rows[orders["ann"].reference]["Organisation"].replace("\r", "\n") == f"'{start}1+1".replace("\r", "\n")
        assert rows[orders["evil"].reference]["Full name"] == '\'=HYPERLINK("http://evil")'


def test_the_xlsx_keeps_quantities_as_numbers(client, team_member, orders):
    client.force_login(team_member)
    evil = by_reference(xlsx_rows(client.get(EXPORT, {"format": "xlsx"})))[orders["evil"].reference]
    assert (evil["What the guidance says"], evil["Total copies"]) == (2, 4)


def test_a_guide_no_longer_in_print_or_deleted_still_gets_its_column(client, team_member, orders, site):
    old = GuidePageFactory(parent=site.campaign, title="An older guide", available_in_print=False)
    PrintOrderItem.objects.create(order=orders["ann"], guide=old, guide_title="An older guide", quantity=3)
    PrintOrderItem.objects.create(order=orders["ann"], guide=None, guide_title="A guide since deleted", quantity=4)
    unordered = GuidePageFactory(parent=site.campaign, title="A new guide nobody ordered yet")
    client.force_login(team_member)
    rows = csv_rows(client.get(EXPORT, {"format": "csv"}))
    ann = by_reference(rows)[orders["ann"].reference]
    assert (ann["An older guide"], ann["A guide since deleted"], ann["Total copies"]) == ("3", "4", "9")
    assert ann[unordered.title] == "0"
    assert by_reference(rows)[orders["bob"].reference]["An older guide"] == "0"


def test_the_export_is_made_in_a_bounded_number_of_queries(client, team_member, orders, django_assert_max_num_queries):
    client.force_login(team_member)
    client.get(EXPORT, {"format": "csv"})
    with django_assert_max_num_queries(30):
        b"".join(client.get(EXPORT, {"format": "csv"}).streaming_content)


def test_an_erased_order_exports_without_personal_data(client, team_member, orders):
    orders["ann"].set_status(PrintOrder.Status.DISPATCHED, team_member, now=timezone.now())
    orders["ann"].erase_personal_data()
    client.force_login(team_member)
    ann = by_reference(csv_rows(client.get(EXPORT, {"format": "csv"})))[orders["ann"].reference]
    assert ann["Full name"] == "" and ann["Postcode"] == "" and ann["What the guidance says"] == "2"


def test_the_list_links_to_the_export_of_what_it_shows(client, team_member, orders):
    """Filtered, searched and on any page, the list's download links carry its filters, search and sorting."""
    client.force_login(team_member)
    query = {"guide": orders["second"].pk, "q": "Sample", "ordering": "full_name", "p": "1"}
    for url in (INDEX, f"{INDEX}results/"):  # the whole page, and the results redrawn as the team filters
        html = BeautifulSoup(client.get(url, query).content, "html.parser")
        links = {link.get_text(strip=True): link["href"] for link in html.find_all("a", href=True)}
        assert links["CSV file"].startswith(EXPORT) and links["XLSX spreadsheet"].startswith(EXPORT)
        assert "p=" not in links["CSV file"]
        assert {row["Reference"] for row in csv_rows(client.get(links["CSV file"]))} == {orders["bob"].reference}
        assert {row["Reference"] for row in xlsx_rows(client.get(links["XLSX spreadsheet"]))} == {
            orders["bob"].reference
        }


def test_the_export_follows_the_lists_search_and_sorting(client, team_member, orders):
    client.force_login(team_member)
    rows = csv_rows(client.get(EXPORT, {"format": "csv", "q": "e"}))
    # "e" is in Ann Example's, Bob Sample's and the formula's names: sorted newest first, as the list is.
    assert [row["Full name"] for row in rows] == ['\'=HYPERLINK("http://evil")', "Bob Sample", "Ann Example"]
    rows = csv_rows(client.get(EXPORT, {"format": "csv", "ordering": "full_name"}))
    assert [row["Full name"] for row in rows] == ['\'=HYPERLINK("http://evil")', "Ann Example", "Bob Sample"]
    rows = csv_rows(client.get(EXPORT, {"format": "csv", "q": "M1 1AE"}))
    assert [row["Reference"] for row in rows] == [orders["bob"].reference]


def test_the_csv_streams_row_by_row(client, team_member, orders):
    client.force_login(team_member)
    response = client.get(EXPORT, {"format": "csv"})
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="print-orders.csv"'
    assert client.get(EXPORT, {"format": "xlsx"})["Content-Disposition"] == 'attachment; filename="print-orders.xlsx"'


def test_a_guide_title_a_spreadsheet_would_run_is_a_text_heading(client, team_member, orders):
    GuidePage.objects.filter(pk=orders["second"].pk).update(title="-Influencing change")
    client.force_login(team_member)
    for rows in (csv_rows(client.get(EXPORT, {"format": "csv"})), xlsx_rows(client.get(EXPORT, {"format": "xlsx"}))):
        assert rows[0]["'-Influencing change"] in ("0", 0, "2", 2)


def test_an_unknown_format_is_not_found(client, team_member, orders):
    client.force_login(team_member)
    assert client.get(EXPORT, {"format": "pdf"}).status_code == 404
