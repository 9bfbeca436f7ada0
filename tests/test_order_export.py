"""The export the campaigns team hands to a mailing house: CSV and XLSX from the list of orders."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from campaigns.orders.models import PERSONAL_DATA_FIELDS, PrintOrder, PrintOrderItem
from tests import order_admin_fixtures
from tests.factories import GuidePageFactory
from tests.order_admin_fixtures import INDEX
from tests.order_helpers import fresh_cache

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
    response = client.get(INDEX, {"export": "csv", "guide": orders["second"].pk})
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
    body = b"".join(client.get(INDEX, {"export": "csv"}).streaming_content).decode("utf-8-sig")
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
        by_reference(csv_rows(client.get(INDEX, {"export": "csv"}))),
        by_reference(xlsx_rows(client.get(INDEX, {"export": "xlsx"}))),
    ):
        assert rows[ann.reference]["Ordered"] == "2026-07-01 15:05"
        assert rows[orders["bob"].reference]["Ordered"] == "2026-11-26 15:20"
        assert rows[ann.reference]["Updates opt-in"] == "Yes"
        assert rows[orders["bob"].reference]["Updates opt-in"] == "No"
        assert rows[orders["evil"].reference]["Status"] == "Cancelled"


def test_accented_names_survive_both_formats(client, team_member, orders):
    PrintOrder.objects.filter(pk=orders["ann"].pk).update(full_name="Siobhán Ní Bhriain")
    client.force_login(team_member)
    assert by_reference(csv_rows(client.get(INDEX, {"export": "csv"})))[orders["ann"].reference]["Full name"] == (
        "Siobhán Ní Bhriain"
    )
    assert by_reference(xlsx_rows(client.get(INDEX, {"export": "xlsx"})))[orders["ann"].reference]["Full name"] == (
        "Siobhán Ní Bhriain"
    )


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_value_a_spreadsheet_would_run_as_a_formula_is_written_as_text(client, team_member, orders, start):
    PrintOrder.objects.filter(pk=orders["ann"].pk).update(organisation=f"{start}1+1")
    client.force_login(team_member)
    for rows in (
        by_reference(csv_rows(client.get(INDEX, {"export": "csv"}))),
        by_reference(xlsx_rows(client.get(INDEX, {"export": "xlsx"}))),
    ):
        # XML, inside an XLSX, reads a carriage return back as a line feed.
        assert rows[orders["ann"].reference]["Organisation"].replace("\r", "\n") == f"'{start}1+1".replace("\r", "\n")
        assert rows[orders["evil"].reference]["Full name"] == '\'=HYPERLINK("http://evil")'


def test_the_xlsx_keeps_quantities_as_numbers(client, team_member, orders):
    client.force_login(team_member)
    evil = by_reference(xlsx_rows(client.get(INDEX, {"export": "xlsx"})))[orders["evil"].reference]
    assert (evil["What the guidance says"], evil["Total copies"]) == (2, 4)


def test_a_guide_no_longer_in_print_or_deleted_still_gets_its_column(client, team_member, orders, site):
    old = GuidePageFactory(parent=site.campaign, title="An older guide", available_in_print=False)
    PrintOrderItem.objects.create(order=orders["ann"], guide=old, guide_title="An older guide", quantity=3)
    PrintOrderItem.objects.create(order=orders["ann"], guide=None, guide_title="A guide since deleted", quantity=4)
    unordered = GuidePageFactory(parent=site.campaign, title="A new guide nobody ordered yet")
    client.force_login(team_member)
    rows = csv_rows(client.get(INDEX, {"export": "csv"}))
    ann = by_reference(rows)[orders["ann"].reference]
    assert (ann["An older guide"], ann["A guide since deleted"], ann["Total copies"]) == ("3", "4", "9")
    assert ann[unordered.title] == "0"
    assert by_reference(rows)[orders["bob"].reference]["An older guide"] == "0"


def test_the_export_is_made_in_a_bounded_number_of_queries(client, team_member, orders, django_assert_max_num_queries):
    client.force_login(team_member)
    client.get(INDEX, {"export": "csv"})
    with django_assert_max_num_queries(30):
        b"".join(client.get(INDEX, {"export": "csv"}).streaming_content)


def test_an_erased_order_exports_without_personal_data(client, team_member, orders):
    orders["ann"].set_status(PrintOrder.Status.DISPATCHED, team_member, now=timezone.now())
    orders["ann"].erase_personal_data()
    client.force_login(team_member)
    ann = by_reference(csv_rows(client.get(INDEX, {"export": "csv"})))[orders["ann"].reference]
    assert ann["Full name"] == "" and ann["Postcode"] == "" and ann["What the guidance says"] == "2"
