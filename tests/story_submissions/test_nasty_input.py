"""Every field with nasty input: a clear message at the field, what was typed shown back, never a 500."""

import pytest

from campaigns.models import StoryPage
from campaigns.story_submissions.models import SentStory, StorySender
from tests.story_submissions.helpers import send_story, story_site

pytestmark = pytest.mark.usefixtures(story_site.__name__)

SHORT_FIELDS = {"place": 80, "provider": 200, "content_note": 300, "name": 200}
LONG_FIELDS = ["what_happened", "what_changed"]
TEXT_FIELDS = [*SHORT_FIELDS, *LONG_FIELDS]
HIDDEN = {
    "NUL": "a\x00b",
    "right-to-left override": "Ann \u202eelpmaxE",
    "zero-width space": "Ann\u200bExample",
    "byte-order mark": "\ufeffAnn",
    "line separator": "Ann\u2028Example",
}


def field_error(response, name):
    form = response.context["form"]
    return form[name].errors


@pytest.mark.parametrize("name,limit", SHORT_FIELDS.items())
def test_too_long_short_fields_are_refused_and_shown_back(client, name, limit):
    typed = "x" * (limit + 250)
    response = send_story(client, **{name: typed})
    assert response.status_code == 200
    assert f"{limit:,} characters or fewer" in field_error(response, name)[0]
    assert typed in response.content.decode()
    assert not SentStory.objects.exists()


@pytest.mark.parametrize("name", LONG_FIELDS)
def test_twenty_thousand_characters_in_a_long_box_are_refused_and_shown_back(client, name):
    typed = ("A long account of what happened. " * 700)[:20_000]
    response = send_story(client, **{name: typed})
    assert response.status_code == 200
    assert "10,000 characters or fewer" in field_error(response, name)[0]
    assert typed.strip() in response.content.decode()


@pytest.mark.parametrize("name", TEXT_FIELDS)
@pytest.mark.parametrize("kind", HIDDEN)
def test_hidden_characters_are_refused_at_the_field(client, name, kind):
    response = send_story(client, **{name: HIDDEN[kind]})
    assert response.status_code == 200
    assert "hidden character" in field_error(response, name)[0]
    assert not SentStory.objects.exists()


@pytest.mark.parametrize("typed", ["Ann\r\nBcc: victim@example.org", "Ann\nExample", "Ann\rExample", "Ann\tExample"])
def test_header_injection_in_the_name_is_refused(client, typed):
    response = send_story(client, name=typed)
    assert "hidden character" in field_error(response, "name")[0]


@pytest.mark.parametrize(
    "typed",
    [
        "ann@example.org\r\nBcc: victim@example.org",
        "ann@example.org\nBcc: victim@example.org",
        "ann\u202e@example.org",
        "ann\x00@example.org",
        "ann\u200d@example.org",
    ],
)
def test_header_injection_and_hidden_characters_in_the_email_are_refused(client, typed):
    response = send_story(client, email=typed)
    assert response.status_code == 200
    assert "hidden character" in field_error(response, "email")[0]


@pytest.mark.parametrize("typed", ["not an address", "😀@example.org", "a@b", "x" * 300 + "@example.org"])
def test_a_bad_email_address_gets_a_clear_message(client, typed):
    response = send_story(client, email=typed)
    assert response.status_code == 200
    assert field_error(response, "email")


@pytest.mark.parametrize("name", ["role", "naming", "region"])
@pytest.mark.parametrize("typed", ["", "nonsense", "<script>", "\x00"])
def test_a_choice_not_offered_gets_a_clear_message(client, name, typed):
    response = send_story(client, **{name: typed})
    assert response.status_code == 200
    assert field_error(response, name)[0].startswith("Select")


def test_no_consent_to_publish_gets_a_clear_message_and_keeps_the_story(client):
    response = send_story(client, consent_to_publish=None, what_happened="Still here.")
    assert "Tick to agree" in field_error(response, "consent_to_publish")[0]
    assert "Still here." in response.content.decode()
    # The error summary links to the field.
    assert 'href="#id_consent_to_publish"' in response.content.decode()


def test_an_empty_form_names_every_required_field_in_the_summary(client):
    response = client.post("/tell-us-your-story/", {})
    html = response.content.decode()
    for message in [
        "Select which best describes you",
        "Tell us what happened",
        "Select the region where it happened",
        "Select how we should name you",
        "Enter your name",
        "Enter your email address",
        "Tick to agree",
    ]:
        assert message in html
    assert 'href="#id_role_0"' in html and 'id="id_role_0"' in html


def test_emoji_html_and_script_are_kept_as_text_and_never_run(client):
    story = "We made a banner 🏳️‍🌈✊🏽 and wrote <script>alert(1)</script> <b>bold</b> on it."
    name = "Zoë Ó Briain 李小龍 👩🏽‍⚕️"
    response = send_story(client, what_happened=story, what_changed="<img src=x onerror=alert(1)>", name=name)
    assert response.status_code == 302
    page = StoryPage.objects.get(pk=SentStory.objects.get().page_id)
    html = str(page.body[0].value)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "🏳️‍🌈✊🏽" in html
    assert "<img" not in str(page.body[2].value)
    assert StorySender.objects.get().name == name


def test_sql_and_template_looking_text_is_just_text(client):
    typed = "'; DROP TABLE campaigns_storypage; -- {{ settings.SECRET_KEY }} {% debug %}"
    assert send_story(client, what_happened=typed, place="{{ 7*7 }}").status_code == 302
    page = StoryPage.objects.get(pk=SentStory.objects.get().page_id)
    assert page.place == "{{ 7*7 }}"
    assert "DROP TABLE" in str(page.body[0].value)


def test_odd_posts_never_give_a_500(client):
    for data in [
        {"role": ["a", "b"]},
        {"what_happened": "x" * 200_000},
        {"started": "\x00" * 10},
        {"consent_to_publish": "🙂"},
    ]:
        assert client.post("/tell-us-your-story/", data).status_code == 200
