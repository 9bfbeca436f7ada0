"""Stories from one email address sent at the same second, through a real server: the daily cap
holds exactly, as it does for orders. Runs on the database the suite runs on (SQLite or
PostgreSQL), served by gunicorn in a separate process with several workers and threads.
"""

from collections import Counter

import pytest
from bs4 import BeautifulSoup
from mailer.models import Message

from campaigns.orders.models import OrderSettings
from campaigns.story_submissions.models import SentStory, StorySender
from tests.conftest import build_site
from tests.served_database import send_all_at_once, served_database, site_server
from tests.story_submissions.helpers import FORM_URL, INBOX, THANKS_URL, story_data

pytestmark = pytest.mark.django_db(transaction=True)

DAILY_CAP = 2
AT_ONCE = 6


def test_the_daily_cap_to_one_address_holds_when_stories_arrive_at_once(tmp_path):
    from wagtail.models import Site

    build_site(parts=1, stories=1)
    order_settings = OrderSettings.for_site(Site.objects.get(is_default_site=True))
    order_settings.campaigns_inbox = INBOX
    order_settings.save()
    with served_database(tmp_path) as db_name:
        with site_server(
            db_name,
            tmp_path,
            ready_path=FORM_URL,
            STORY_MIN_FILL_SECONDS=0,
            STORY_DAILY_CAP_PER_ADDRESS=DAILY_CAP,
            # Every request comes from 127.0.0.1: keep the per-client limit out of the way.
            STORIES_PER_HOUR=10000,
        ) as (base_url, log_path):
            results = send_all_at_once(base_url, FORM_URL, [story_data()] * AT_ONCE)

    statuses = sorted(response.status_code for response in results)
    assert statuses == [302] * DAILY_CAP + [429] * (AT_ONCE - DAILY_CAP), (
        Counter(statuses),
        log_path.read_text()[-3000:],
    )
    assert {response.headers["Location"] for response in results if response.status_code == 302} == {THANKS_URL}
    for response in results:
        if response.status_code == 429:
            page = BeautifulSoup(response.text, "html.parser")
            assert "already had several stories from this email address" in page.get_text(" ", strip=True)
    assert SentStory.objects.count() == DAILY_CAP
    assert StorySender.objects.filter(email="ann@example.org").count() == DAILY_CAP
    assert Message.objects.count() == 2 * DAILY_CAP
