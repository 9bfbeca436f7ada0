"""Bots see the normal thank-you page and leave nothing; a person over a limit is told, and keeps what they wrote."""

import pytest
from mailer.models import Message

from campaigns.models import StoryPage
from campaigns.story_submissions.models import SentStory
from tests.story_submissions.helpers import FORM_URL, THANKS_URL, form_token, send_story, story_data, story_site

pytestmark = pytest.mark.usefixtures(story_site.__name__)


def nothing_saved():
    return not SentStory.objects.exists() and not Message.objects.exists() and StoryPage.objects.count() == 1


def test_a_filled_honeypot_sees_thanks_and_nothing_is_saved(client):
    response = send_story(client, website="http://spam.example")
    assert response["Location"] == THANKS_URL
    assert client.get(THANKS_URL).status_code == 200
    assert nothing_saved()


def test_a_form_sent_back_too_fast_is_a_bot_s(client, settings):
    settings.STORY_MIN_FILL_SECONDS = 60
    response = send_story(client)
    assert response["Location"] == THANKS_URL
    assert nothing_saved()


def test_a_form_with_no_or_a_forged_token_is_a_bot_s(client):
    response = client.post(FORM_URL, story_data(started="forged"))
    assert response["Location"] == THANKS_URL
    assert nothing_saved()


def test_the_thank_you_page_is_only_for_whoever_sent_one(client):
    assert client.get(THANKS_URL)["Location"] == FORM_URL


def test_a_person_over_the_hourly_limit_is_told_and_keeps_what_they_wrote(client, settings):
    settings.STORIES_PER_HOUR = 2
    settings.STORY_DAILY_CAP_PER_ADDRESS = 100
    for n in range(2):
        assert send_story(client, email=f"p{n}@example.org").status_code == 302
    response = send_story(client, email="p3@example.org", what_happened="My own words, kept.")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Your story has not been sent" in html
    assert "My own words, kept." in html
    assert SentStory.objects.count() == 2


def test_a_person_over_the_daily_cap_for_one_address_is_told(client, settings):
    settings.STORY_DAILY_CAP_PER_ADDRESS = 1
    assert send_story(client).status_code == 302
    response = send_story(client, what_happened="Second story, kept in the form.")
    assert response.status_code == 429
    html = response.content.decode()
    assert "already had several stories from this email address" in html
    assert "Second story, kept in the form." in html
    assert SentStory.objects.count() == 1


def test_a_form_with_errors_gets_them_even_from_a_bot(client):
    token = form_token(client)
    response = client.post(FORM_URL, story_data(what_happened="", website="x", started=token))
    assert response.status_code == 200
    assert "Tell us what happened" in response.content.decode()


def test_a_failed_csrf_check_shows_the_story_again_as_typed(story_site):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    token = form_token(csrf_client)
    response = csrf_client.post(FORM_URL, story_data(what_happened="Typed before the cookie went.", started=token))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your story has not been sent yet" in html
    assert "Typed before the cookie went." in html
    assert not SentStory.objects.exists()
