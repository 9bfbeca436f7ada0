"""Editors see, on the dashboard and in a report, the guides past or within 30 days of their review date."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.factories import GuidePageFactory

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/reports/guides-due-for-review/"


@pytest.fixture
def guides(site):
    today = timezone.localdate()

    def guide(title, due):
        page = site.guide if title == "Overdue guide" else GuidePageFactory(parent=site.campaign, title=title)
        page.title = title
        page.next_review_due = due
        page.save_revision().publish()
        return page

    return {
        "overdue": guide("Overdue guide", today - datetime.timedelta(days=3)),
        "soon": guide("Guide due soon", today + datetime.timedelta(days=12)),
        "later": guide("Guide due later", today + datetime.timedelta(days=31)),
        "undated": guide("Guide with no date", None),
    }


@pytest.fixture
def editor_client(client):
    editor = get_user_model().objects.create_user("eddie", "eddie@example.org", "a-long-password-1")
    editor.groups.add(Group.objects.get(name="Editors"))  # Wagtail's own: may add and change pages
    client.force_login(editor)
    return client


def test_the_dashboard_lists_overdue_guides_first_then_due_then_undated(editor_client, guides):
    html = editor_client.get("/admin/").content.decode()
    assert "3 guides due for review" in html
    overdue, soon, undated = (html.index(title) for title in ("Overdue guide", "Guide due soon", "Guide with no date"))
    assert overdue < soon < undated
    assert "(overdue by 3 days)" in html
    assert "(due in 12 days)" in html
    assert "Guide with no date</a>: no review date set" in html
    assert "Guide due later" not in html
    assert f'href="/admin/pages/{guides["overdue"].pk}/edit/"' in html
    assert f'href="{REPORT_URL}"' in html


def test_the_report_lists_the_same_guides_with_their_dates(editor_client, guides):
    response = editor_client.get(REPORT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    due = guides["overdue"].next_review_due
    assert f"{due.day} {due:%B %Y}" in html and "Overdue by 3 days" in html
    assert "No review date set" in html
    assert "Guide due later" not in html
    assert html.index("Overdue guide") < html.index("Guide due soon") < html.index("Guide with no date")
    assert "Guides due for review" in editor_client.get("/admin/reports/aging-pages/").content.decode()  # menu

    csv = b"".join(editor_client.get(REPORT_URL + "?export=csv").streaming_content).decode()
    assert "Guide,Last reviewed,Next review due,Status" in csv.splitlines()[0]
    assert "Overdue guide" in csv


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_title_a_spreadsheet_would_run_is_downloaded_as_text(editor_client, guides, start):
    type(guides["soon"]).objects.filter(pk=guides["soon"].pk).update(title=f"{start}SUM(A1)")
    csv = b"".join(editor_client.get(REPORT_URL + "?export=csv").streaming_content).decode()
    assert f"'{start}SUM(A1)" in csv


def test_nothing_is_shown_when_no_guide_is_due(editor_client, site):
    site.guide.next_review_due = timezone.localdate() + datetime.timedelta(days=200)
    site.guide.save_revision().publish()
    assert 'id="guides-due-heading"' not in editor_client.get("/admin/").content.decode()


def test_staff_who_cannot_edit_pages_see_neither(client, guides):
    member = get_user_model().objects.create_user("tia", "tia@example.org", "a-long-password-1")
    member.groups.add(Group.objects.get(name="Campaigns team"))  # orders only, no pages
    client.force_login(member)
    assert "due for review" not in client.get("/admin/").content.decode()  # no panel, no menu item
    assert client.get(REPORT_URL).status_code in (302, 403)
