"""Keeping bots off "Tell us your story" as the order form does (mindsite/spam/rules.py), and telling a person
over a limit so.

- A caught bot (honeypot filled in, or sent back sooner than STORY_MIN_FILL_SECONDS) whose form is otherwise
  valid sees the normal thank-you page; nothing is saved and no mail is sent.
- One client's stories in an hour are counted in the cache by a keyed hash of its address; past
  STORIES_PER_HOUR the story is not saved and the page says so, keeping what was typed.
- Stories from one email address in 24 hours are counted in the database; past STORY_DAILY_CAP_PER_ADDRESS
  the page says so too.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from campaigns.story_submissions.models import StorySender
from mindsite.accounts.client_address import client_address
from mindsite.spam import rules as site_spam

STARTED_TOKEN = site_spam.StartedToken(salt="campaigns.story-form-started", value="story-form")
HOURLY_STORIES = site_spam.HourlyCount(name="story-throttle", hash_salt="campaigns.story-throttle")


def from_a_bot(data):
    return site_spam.honeypot_filled(data) or STARTED_TOKEN.sent_too_fast(
        data.get("started"), settings.STORY_MIN_FILL_SECONDS
    )


def over_hourly_limit(request):
    """Count this story against its client's hour; True if it is past STORIES_PER_HOUR."""
    return HOURLY_STORIES.add_one(client_address(request)) > settings.STORIES_PER_HOUR


def give_back(request):
    HOURLY_STORIES.give_back(client_address(request))


def stories_from_address_in_last_day(email, now=None):
    since = (now or timezone.now()) - datetime.timedelta(days=1)
    return StorySender.objects.filter(email__iexact=email, story__sent_at__gte=since).count()
