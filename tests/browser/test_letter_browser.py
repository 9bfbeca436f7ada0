"""'Write a letter' in Chromium, as production serves it (gunicorn, the production settings, the demo's invented
providers): edited and downloaded without JavaScript, the email link kept up with the text with it, axe clean, and
nothing of what was typed in the server's log (its own JSON lines and gunicorn's)."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.production_server import production_server

pytestmark = pytest.mark.browser

LETTER = "/campaigns/restraint-in-mental-health-services/restraint-in-your-area/Z0001/letter/"
TYPED = "Zqx-7741 my brother Ferdinand-Oyelaran on Larch ward"


@pytest.fixture(scope="module")
def served(production_site):
    with production_server(production_site) as (url, log):
        yield url, log


def email_body(page):
    href = page.locator("[data-letter-email-link]").get_attribute("href")
    assert href.startswith("mailto:?subject=")
    return parse_qs(urlsplit(href).query, strict_parsing=True)["body"][0]


def test_without_javascript_the_letter_is_edited_downloaded_and_updated(page_without_js, served, tmp_path):
    base_url, _log = served
    page = page_without_js
    page.goto(base_url + LETTER)
    box = page.get_by_label("Your letter")
    assert box.input_value().startswith("EXAMPLE ONLY, NOT A REAL LETTER")
    assert "(England: about" in box.input_value()
    assert not page.get_by_role("button", name="Copy the letter").is_visible()
    edited = box.input_value().replace("[Your name]", "Siân") + "\n" + TYPED
    box.fill(edited)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download as a text file").click()
    download = download_info.value
    assert download.suggested_filename == "letter-about-z0001-to-chief-executive-EXAMPLE-invented.txt"
    saved = tmp_path / "letter.txt"
    download.save_as(saved)
    assert saved.read_text(encoding="utf-8") == edited
    # The email link and the printed copy come from the server until "Update" redraws them.
    assert TYPED not in email_body(page)
    page.get_by_role("button", name="Update the email link and printed copy").click()
    page.wait_for_load_state()
    assert page.get_by_label("Your letter").input_value() == edited
    assert email_body(page) == edited.replace("\n", "\r\n")
    page.emulate_media(media="print")
    assert page.locator("[data-letter-print-copy]").is_visible()
    assert not page.get_by_label("Your letter").is_visible()
    assert not page.get_by_role("heading", name="Write a letter").is_visible()


def test_with_javascript_the_email_link_follows_the_text_and_the_page_is_accessible(page, served, axe):
    base_url, _log = served
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(base_url + LETTER + "?to=board")
    assert page.get_by_role("button", name="Copy the letter").is_visible()
    assert page.get_by_role("button", name="Print the letter").is_visible()
    assert not page.get_by_role("button", name="Update the email link and printed copy").is_visible()
    page.get_by_label("Your letter").fill(f"Dear board,\n{TYPED}")
    assert email_body(page) == f"Dear board,\r\n{TYPED}"
    assert page.locator("[data-letter-print-copy]").text_content() == f"Dear board,\n{TYPED}"
    page.get_by_label("Your letter").fill("Far too long for an email link. " * 400)
    assert page.get_by_text("This letter is too long to open in your email").is_visible()
    assert not page.get_by_role("link", name="Open the letter in your email").is_visible()
    axe.assert_no_violations(page)
    assert violations == []


def test_nothing_typed_reaches_the_servers_log(served):
    # Run after the tests above have sent the letter to the server: its log (gunicorn's and the site's) is clean.
    _base_url, log = served
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "Booting worker" in text  # the log is the server's
    assert "Ferdinand" not in text and "Zqx-7741" not in text
