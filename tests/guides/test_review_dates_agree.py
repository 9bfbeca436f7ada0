"""What readers are told of a guide's review and what the admin's review list says come from one place."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    client.force_login(user)
    return client


def day(date):
    return f"{date.day} {date:%B %Y}"


def test_the_dashboard_panel_the_report_and_the_guide_show_the_same_review_dates(client, editor_client, site):
    guide = site.guide
    today = timezone.localdate()
    guide.last_reviewed = today - datetime.timedelta(days=350)
    guide.next_review_due = today + datetime.timedelta(days=15)
    guide.save_revision().publish()

    page = client.get(guide.url).content.decode()
    assert f'Last reviewed <time datetime="{guide.last_reviewed:%Y-%m-%d}">{guide.last_reviewed:%B %Y}</time>' in page
    assert f'Next review due <time datetime="{guide.next_review_due:%Y-%m-%d}">{day(guide.next_review_due)}' in page

    dashboard = editor_client.get("/admin/").content.decode()
    assert (
        f"{guide.title}</a>: review due {day(guide.next_review_due)} (due in 15 days); "
        f"last reviewed {day(guide.last_reviewed)}"
    ) in dashboard

    report = editor_client.get("/admin/reports/guides-due-for-review/").content.decode()
    assert day(guide.last_reviewed) in report and day(guide.next_review_due) in report


def test_a_next_review_before_the_last_is_refused_at_the_field(site):
    guide = site.guide
    guide.last_reviewed = datetime.date(2026, 6, 1)
    guide.next_review_due = datetime.date(2026, 5, 1)
    with pytest.raises(ValidationError) as refused:
        guide.full_clean()
    assert refused.value.message_dict["next_review_due"] == ["Enter a date after the last review"]
