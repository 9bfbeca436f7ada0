"""Helpers shared by the "Tell us your story" tests: a valid form, sending it, the people who review it."""

import pytest
from django.contrib.auth.models import Group

from tests.conftest import build_site

FORM_URL = "/tell-us-your-story/"
THANKS_URL = "/tell-us-your-story/thank-you/"
SENT_STORIES_URL = "/admin/sent_stories/"
INBOX = "stories@example.org"


def story_data(**overrides):
    """A complete, valid POST for the story form."""
    data = {
        "role": "family",
        "what_happened": "My brother was held face down on the ward.\n\nNobody told us for two days.",
        "what_changed": "We met the ward manager. They now call families the same day.",
        "region": "north-west",
        "place": "Preston",
        "provider": "Lancashire and South Cumbria NHS Foundation Trust",
        "content_note": "This story describes restraint.",
        "naming": "first_name",
        "name": "Ann Example",
        "email": "ann@example.org",
        "consent_to_publish": "on",
        "consent_to_contact": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def form_token(client):
    response = client.get(FORM_URL)
    return response.context["form"]["started"].value()


def send_story(client, **overrides):
    data = story_data(**overrides)
    data.setdefault("started", form_token(client))
    return client.post(FORM_URL, data)


@pytest.fixture
def story_site(db, settings):
    """The small test site, with its inbox set and the form's timing rule off."""
    from wagtail.models import Site

    from campaigns.orders.models import OrderSettings

    settings.STORY_MIN_FILL_SECONDS = 0
    site = build_site(parts=1, stories=1)
    order_settings = OrderSettings.for_site(Site.objects.get(is_default_site=True))
    order_settings.campaigns_inbox = INBOX
    order_settings.save()
    return site


def make_user(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@mind.example", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user
