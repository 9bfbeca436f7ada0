""" "Tell us your story" in Chromium: with JavaScript off, on a phone, through axe-core; the story waits in moderation.

Set STORY_SCREENSHOTS to a folder to keep screenshots of the form, its errors, the thank-you page and the
admin view at 320, 390 and 1280 pixels wide.
"""

import os
from pathlib import Path

import pytest
from mailer.models import Message
from wagtail.models import WorkflowState

from campaigns.story_submissions.models import SentStory, StorySender
from tests.story_submissions.helpers import make_user

pytestmark = pytest.mark.browser

FORM_PATH = "/tell-us-your-story/"
WIDTHS = (320, 390, 1280)


@pytest.fixture
def story_site(live_site, settings):
    settings.STORY_MIN_FILL_SECONDS = 0
    return live_site


def shoot(page, name):
    folder = os.environ.get("STORY_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)


def fill_in(page):
    page.check("#id_role_2")
    page.fill("#id_what_happened", "My brother was held face down on the ward.\n\nNobody told us for two days.")
    page.fill("#id_what_changed", "We met the ward manager. They now call families the same day.")
    page.select_option("#id_region", "north-west")
    page.check("#id_naming_1")
    page.fill("#id_name", "Ann Example")
    page.fill("#id_email", "ann@example.org")
    page.check("#id_consent_to_publish")


def test_a_story_sent_with_javascript_off_waits_in_moderation(page_without_js, story_site):
    page = page_without_js
    page.goto(story_site.url(FORM_PATH))
    shoot(page, "story-form")
    page.fill("#id_email", "not an email")
    page.fill("#id_what_happened", "Kept while I fix the rest.")
    page.get_by_role("button", name="Send my story").click()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert summary.get_by_role("link", name="Select which best describes you").get_attribute("href") == "#id_role_0"
    assert page.locator("#id_what_happened").input_value() == "Kept while I fix the rest."
    assert page.locator("#id_email").input_value() == "not an email"
    shoot(page, "story-form-errors")
    assert SentStory.objects.count() == 0

    fill_in(page)
    page.get_by_role("button", name="Send my story").click()
    page.wait_for_selector("text=What happens next")
    assert page.get_by_role("heading", name="Thank you for your story").is_visible()
    shoot(page, "story-thanks")

    sent = SentStory.objects.get()
    assert sent.consent_to_publish and not sent.consent_to_contact
    assert StorySender.objects.get(story=sent).email == "ann@example.org"
    assert not sent.page.live
    assert WorkflowState.objects.get(object_id=str(sent.page_id)).status == WorkflowState.STATUS_IN_PROGRESS
    assert Message.objects.count() == 2


def test_the_form_and_its_errors_have_no_serious_accessibility_problems_on_a_phone(phone_page, story_site, axe):
    phone_page.goto(story_site.url(FORM_PATH))
    axe.assert_no_violations(phone_page)
    # Nothing runs off the side of a phone.
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone_page.get_by_role("button", name="Send my story").click()
    phone_page.wait_for_selector(".error-summary")
    assert phone_page.evaluate("document.activeElement.classList.contains('error-summary')")
    axe.assert_no_violations(phone_page)


def test_the_story_list_links_to_the_form(page, story_site):
    page.goto(story_site.url(story_site.story_index))
    page.get_by_role("link", name="Tell us your story").click()
    page.wait_for_url(f"**{FORM_PATH}")


def test_the_admin_view_of_a_story_sent_in(new_page, story_site, django_user_model):
    from django.test import Client

    visitor = new_page()
    visitor.goto(story_site.url(FORM_PATH))
    fill_in(visitor)
    visitor.get_by_role("button", name="Send my story").click()
    visitor.wait_for_selector("text=What happens next")
    sent = SentStory.objects.get()

    team = make_user(django_user_model, "tia", "Campaigns team")
    staff = Client()
    staff.force_login(team)
    admin = new_page()
    admin.context.add_cookies(
        [{"name": name, "value": morsel.value, "url": story_site.base_url} for name, morsel in staff.cookies.items()]
    )
    admin.goto(story_site.url(f"/admin/sent_stories/inspect/{sent.pk}/"))
    main = admin.inner_text("main")
    assert "ann@example.org" in main and "By my first name" in main
    shoot(admin, "story-admin")
