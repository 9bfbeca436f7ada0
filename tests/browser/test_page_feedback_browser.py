"""'Is this page useful?' in Chromium: plain forms without JavaScript, answered in place with it."""

import re

import pytest
from playwright.sync_api import expect

from mindsite.feedback.models import PageFeedback

pytestmark = pytest.mark.browser

# Visible "No"; a screen reader hears the whole question answered (GOV.UK's wording).
NOT_USEFUL = re.compile(r"^No\s+this page is not useful$")
NOTE = "Please do not write your name, email or anything that could identify you or anyone else."


@pytest.fixture(autouse=True)
def answers_count_at_once(settings):
    # A test clicks sooner after the page is drawn than a person could.
    settings.FEEDBACK_MIN_SECONDS = 0


def test_no_and_what_was_wrong_without_javascript(page_without_js, live_site):
    part = live_site.chapters[0]
    page = page_without_js
    page.goto(live_site.url(part))
    page.get_by_role("button", name=NOT_USEFUL).click()
    expect(page.get_by_role("heading", name="Thank you for your feedback")).to_be_visible()
    box = page.get_by_label("What was wrong? (optional)")
    expect(box).to_have_accessible_description(NOTE)
    box.fill("The contents list was confusing on my phone")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("The team who look after this page will see what you wrote.")).to_be_visible()
    page.get_by_role("link", name=f"Back to {part.title}").click()
    assert page.url == live_site.url(part)
    [feedback] = PageFeedback.objects.all()
    assert (feedback.page_id, feedback.useful, feedback.comment) == (
        part.pk,
        False,
        "The contents list was confusing on my phone",
    )


def test_with_javascript_the_answer_is_given_in_place(phone_page, live_site, axe):
    story = live_site.stories[0]
    page = phone_page
    page.goto(live_site.url(story))
    page.get_by_role("button", name=NOT_USEFUL).click()
    heading = page.get_by_role("heading", name="Thank you for your feedback")
    expect(heading).to_be_focused()
    assert page.url == live_site.url(story)  # still on the story
    axe.assert_no_violations(page, "[data-module='page-feedback']")
    page.get_by_label("What was wrong? (optional)").fill("Too long")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you for your feedback")).to_be_focused()
    expect(page.get_by_text("The team who look after this page will see what you wrote.")).to_be_visible()
    assert page.url == live_site.url(story)
    [feedback] = PageFeedback.objects.all()
    assert (feedback.page_id, feedback.useful, feedback.comment) == (story.pk, False, "Too long")
