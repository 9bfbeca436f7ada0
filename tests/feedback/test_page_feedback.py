"""'Is this page useful?' on guide parts and stories: answers counted per page, never per person."""

import re
import time

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction

from mindsite.feedback.models import COMMENT_MAX_LENGTH, PageFeedback
from mindsite.feedback.views import HOURLY_ANSWERS, STARTED
from mindsite.settings.base import proxy_networks

pytestmark = pytest.mark.django_db

NOTE = "Please do not write your name, email or anything that could identify you or anyone else."


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    # A person answers after reading; tests that check the timing rule set their own.
    settings.FEEDBACK_MIN_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


def answer_url(page):
    return f"/feedback/{page.pk}/"


def answer(client, page, value, **extra_fields):
    data = {"answer": value, "started": STARTED.make(), "website": "", **extra_fields}
    return client.post(answer_url(page), {key: val for key, val in data.items() if val is not None})


def comment_form_fields(response):
    """The hidden answer token of the 'What was wrong?' form in a response."""
    return re.search(r'name="answer" value="([^"]+)"', response.content.decode()).group(1)


def say_no_and_get_comment_form(client, page):
    response = answer(client, page, "no")
    assert response.status_code == 302
    return client.get(response["Location"])


def test_yes_is_counted_for_the_page_and_the_reader_is_thanked(client, site):
    part = site.chapters[0]
    response = answer(client, part, "yes")
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    page = thanks.content.decode()
    assert "Thank you for your feedback" in page
    assert "What was wrong?" not in page
    assert f'href="{part.url}"' in page  # a way back to the page
    [feedback] = PageFeedback.objects.all()
    assert (feedback.page_id, feedback.useful, feedback.comment) == (part.pk, True, "")
    # Nothing that could say who answered: no cookie set, no session made.
    assert not response.cookies and not thanks.cookies
    assert "sessionid" not in client.cookies


def test_the_answer_stores_nothing_about_the_person():
    stored = {field.name for field in PageFeedback._meta.get_fields()}
    assert stored == {"id", "page", "useful", "comment", "created_at", "dealt_with_at", "dealt_with_by"}


def test_no_then_what_was_wrong_is_added_to_that_answer(client, site):
    story = site.stories[0]
    form = say_no_and_get_comment_form(client, story)
    page = form.content.decode()
    assert "What was wrong? (optional)" in page
    assert NOTE in page
    assert 'aria-describedby="page-feedback-comment-hint"' in page
    token = comment_form_fields(form)
    response = client.post(
        f"/feedback/{story.pk}/what-was-wrong/", {"answer": token, "comment": "The phone number was hard to find."}
    )
    assert response.status_code == 302
    assert (
        "The team who look after this page will see what you wrote."
        in client.get(response["Location"]).content.decode()
    )
    [feedback] = PageFeedback.objects.all()
    assert (feedback.page_id, feedback.useful, feedback.comment) == (
        story.pk,
        False,
        "The phone number was hard to find.",
    )

    # Sent again (a reload, or a bot with the token): the first comment stands, nothing new is made.
    client.post(f"/feedback/{story.pk}/what-was-wrong/", {"answer": token, "comment": "Something else"})
    assert list(PageFeedback.objects.values_list("comment", flat=True)) == ["The phone number was hard to find."]


def test_what_was_wrong_is_optional(client, site):
    part = site.chapters[1]
    token = comment_form_fields(say_no_and_get_comment_form(client, part))
    response = client.post(f"/feedback/{part.pk}/what-was-wrong/", {"answer": token, "comment": "   "})
    assert response.status_code == 302
    assert "Thank you for your feedback" in client.get(response["Location"]).content.decode()
    assert PageFeedback.objects.get().comment == ""


def test_a_comment_too_long_is_kept_and_the_message_is_at_the_box(client, site):
    part = site.chapters[0]
    token = comment_form_fields(say_no_and_get_comment_form(client, part))
    too_long = "x" * (COMMENT_MAX_LENGTH + 5)
    response = client.post(f"/feedback/{part.pk}/what-was-wrong/", {"answer": token, "comment": too_long})
    assert response.status_code == 400
    page = response.content.decode()
    assert "What was wrong must be 1,000 characters or fewer. You wrote 1005" in page
    assert too_long in page  # nothing lost
    assert 'aria-invalid="true"' in page
    assert "<title>Error:" in page
    assert PageFeedback.objects.get().comment == ""


def test_an_old_or_forged_answer_token_keeps_what_was_written(client, site):
    part = site.chapters[0]
    response = client.post(f"/feedback/{part.pk}/what-was-wrong/", {"answer": "forged", "comment": "It was wrong"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "This form has expired. Copy your words, go back and choose No again" in page
    assert "It was wrong" in page
    assert not PageFeedback.objects.exists()


def test_no_answer_chosen_asks_again(client, site):
    response = answer(client, site.chapters[0], None)
    assert response.status_code == 400
    assert "Select Yes or No" in response.content.decode()
    assert not PageFeedback.objects.exists()


# --- the order form's spam rules -------------------------------------------------


def looks_thanked_but_nothing_saved(client, response):
    assert response.status_code == 302
    assert "Thank you for your feedback" in client.get(response["Location"]).content.decode()
    assert not PageFeedback.objects.exists()


def test_a_filled_in_trap_is_thanked_and_not_counted(client, site):
    looks_thanked_but_nothing_saved(client, answer(client, site.chapters[0], "yes", website="http://spam.example"))


@pytest.mark.parametrize("started", ["", "forged:123", None])
def test_a_missing_or_forged_started_token_is_not_counted(client, site, started):
    looks_thanked_but_nothing_saved(client, answer(client, site.chapters[0], "no", started=started))


def test_an_answer_quicker_than_a_person_is_not_counted(client, site, settings):
    settings.FEEDBACK_MIN_SECONDS = 60
    looks_thanked_but_nothing_saved(client, answer(client, site.chapters[0], "yes"))


def started_token_made(seconds_ago):
    """The feedback form's started token as a page drawn that long ago carried it."""

    class DrawnThen(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - seconds_ago)

    return DrawnThen(salt=STARTED.salt).sign(STARTED.value)


def test_a_started_token_older_than_a_day_is_not_counted(client, site):
    looks_thanked_but_nothing_saved(
        client, answer(client, site.chapters[0], "yes", started=started_token_made(25 * 3600))
    )


def test_a_started_token_from_earlier_today_is_counted(client, site):
    response = answer(client, site.chapters[0], "yes", started=started_token_made(23 * 3600))
    assert response.status_code == 302
    assert PageFeedback.objects.filter(useful=True).count() == 1


def test_the_maximum_age_of_a_started_token_is_a_setting(client, site, settings):
    settings.FEEDBACK_MAX_SECONDS = 600
    looks_thanked_but_nothing_saved(client, answer(client, site.chapters[0], "yes", started=started_token_made(601)))


def test_a_trapped_comment_is_thanked_and_not_stored(client, site):
    part = site.chapters[0]
    token = comment_form_fields(say_no_and_get_comment_form(client, part))
    response = client.post(
        f"/feedback/{part.pk}/what-was-wrong/", {"answer": token, "comment": "buy pills", "website": "x"}
    )
    assert response.status_code == 302
    assert PageFeedback.objects.get().comment == ""


def test_past_the_hourly_limit_an_answer_is_not_counted_and_the_reader_is_told(site, settings):
    settings.FEEDBACK_PER_HOUR = 2
    reader = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(2):
        assert answer(reader, site.chapters[0], "yes").status_code == 302
    refused = answer(reader, site.chapters[0], "yes")
    assert refused.status_code == 429
    assert "We could not count your answer" in refused.content.decode()
    assert "lot of answers from your internet connection" in refused.content.decode()
    assert PageFeedback.objects.count() == 2
    # Another connection has its own hour.
    assert answer(Client(REMOTE_ADDR="198.51.100.9"), site.chapters[0], "yes").status_code == 302
    assert PageFeedback.objects.count() == 3


def test_the_limit_counts_the_client_behind_a_trusted_proxy(site, settings):
    settings.FEEDBACK_PER_HOUR = 1
    settings.BEHIND_PROXY = 1
    settings.TRUSTED_PROXY_CIDRS = proxy_networks("10.0.0.0/8")
    first = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    second = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert answer(first, site.chapters[0], "yes").status_code == 302
    assert answer(second, site.chapters[0], "yes").status_code == 302
    assert answer(first, site.chapters[0], "yes").status_code == 429
    # A header the client wrote itself, left of the proxy's, is not believed.
    spoofed = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    assert answer(spoofed, site.chapters[0], "yes").status_code == 429


def test_the_hourly_count_is_kept_under_a_keyed_hash_not_the_address(site):
    answer(Client(REMOTE_ADDR="203.0.113.7"), site.chapters[0], "yes")
    key = HOURLY_ANSWERS.key("203.0.113.7")
    assert "203.0.113.7" not in key
    assert cache.get(key) == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://elsewhere.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://elsewhere.example/x"},
    ],
)
def test_a_post_from_another_site_is_refused(client, site, headers):
    response = client.post(answer_url(site.chapters[0]), {"answer": "yes", "started": STARTED.make()}, **headers)
    assert response.status_code == 403
    assert "We could not count your answer" in response.content.decode()
    assert not PageFeedback.objects.exists()


def test_a_post_from_this_site_is_taken(client, site):
    response = client.post(
        answer_url(site.chapters[0]),
        {"answer": "yes", "started": STARTED.make()},
        HTTP_ORIGIN="http://testserver",
        HTTP_REFERER=f"http://testserver{site.chapters[0].url}",
    )
    assert response.status_code == 302
    assert PageFeedback.objects.count() == 1


# --- which pages ----------------------------------------------------------------


def test_only_public_guide_parts_and_stories_take_answers(client, site):
    draft = site.chapters[2]
    draft.unpublish()
    private = site.stories[1]
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    for page in (draft, private, site.guide, site.campaign, site.home):
        assert answer(client, page, "yes").status_code == 404, page
        assert client.get(f"/feedback/{page.pk}/thanks/").status_code == 404, page
        assert client.post(f"/feedback/{page.pk}/what-was-wrong/", {"comment": "x"}).status_code == 404, page
    for missing in (999_999, 2**63, 10**30):
        assert client.post(f"/feedback/{missing}/", {"answer": "yes"}).status_code == 404
    assert not PageFeedback.objects.exists()


def test_a_get_of_the_endpoint_goes_back_to_the_page(client, site):
    response = client.get(answer_url(site.chapters[0]))
    assert response.status_code == 302
    assert response["Location"] == site.chapters[0].url


def test_parts_and_stories_ask_and_other_pages_do_not(client, site):
    for page in (site.chapters[0], site.stories[0]):
        html = client.get(page.url).content.decode()
        assert "Is this page useful?" in html
        assert f'action="/feedback/{page.pk}/"' in html
    for page in (site.guide, site.campaign, site.home):
        assert "Is this page useful?" not in client.get(page.url).content.decode()


def test_a_private_page_does_not_ask_as_it_could_not_take_the_answer(site, rf):
    """A reader allowed into a private part would be asked, then told the page was not found: so no question."""
    from mindsite.feedback.templatetags.page_feedback_tags import page_feedback

    part = site.chapters[0]
    assert page_feedback({"request": rf.get(part.url)}, part)["state"] == "ask"
    PageViewRestriction.objects.create(page=site.guide, restriction_type=PageViewRestriction.PASSWORD, password="x")
    part.refresh_from_db()
    assert page_feedback({"request": rf.get(part.url)}, part)["state"] is None


def test_the_page_with_the_question_stays_in_the_page_cache(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 300
    part = site.chapters[0]
    first = client.get(part.url)
    assert first["X-Page-Cache"] == "miss"
    assert not first.cookies
    html = first.content.decode()
    assert "Is this page useful?" in html
    assert "csrfmiddlewaretoken" not in html
    second = client.get(part.url)
    assert second["X-Page-Cache"] == "hit"
    assert not second.cookies


def test_answering_takes_few_queries(client, site, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = answer(client, site.chapters[0], "no")
    with django_assert_max_num_queries(6):
        client.get(response["Location"])


# --- nasty input ------------------------------------------------------------------

nasty_text = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["\x00", "yes\x00", "' OR 1=1 --", "<script>alert(1)</script>", "x" * 5000, "\ud800"]),
)


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answer_value=nasty_text, comment=nasty_text, started=nasty_text, token=nasty_text)
@example(answer_value="no", comment="\x00", started="", token="")
def test_nasty_input_gets_a_clear_answer_never_a_server_error(client, site, answer_value, comment, started, token):
    part = site.chapters[0]
    try:
        first = client.post(answer_url(part), {"answer": answer_value, "started": started})
        second = client.post(f"/feedback/{part.pk}/what-was-wrong/", {"answer": token, "comment": comment})
    except UnicodeEncodeError:
        # A lone surrogate cannot even be sent by the test client; a browser sends U+FFFD.
        return
    assert first.status_code in (302, 400, 429)
    assert second.status_code in (302, 400)
    if first.status_code == 400:
        assert "Select Yes or No" in first.content.decode()


def test_a_nul_byte_in_what_was_wrong_has_a_clear_message(client, site):
    part = site.chapters[0]
    token = comment_form_fields(say_no_and_get_comment_form(client, part))
    response = client.post(f"/feedback/{part.pk}/what-was-wrong/", {"answer": token, "comment": "bad\x00text"})
    assert response.status_code == 400
    assert "What was wrong has a hidden character in it. Type it again" in response.content.decode()


@pytest.mark.parametrize("bad", ["\u202e", "\u2066", "\x1b", "\u200b"])
def test_a_hidden_character_in_what_was_wrong_is_refused_and_what_was_written_is_kept(client, site, bad):
    part = site.chapters[0]
    token = comment_form_fields(say_no_and_get_comment_form(client, part))
    response = client.post(
        f"/feedback/{part.pk}/what-was-wrong/", {"answer": token, "comment": f"The link{bad} is broken"}
    )
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert "What was wrong has a hidden character in it. Type it again" in page.get_text()
    assert "The link" in page.find("textarea").get_text()
    assert PageFeedback.objects.get().comment == ""


def test_line_breaks_and_joined_emoji_in_what_was_wrong_are_kept(client, site):
    part = site.chapters[0]
    token = comment_form_fields(say_no_and_get_comment_form(client, part))
    written = "The link is broken.\r\nAlso the 👩‍👧 picture\tis missing."
    response = client.post(f"/feedback/{part.pk}/what-was-wrong/", {"answer": token, "comment": written})
    assert response.status_code == 302
    assert PageFeedback.objects.get().comment == written
