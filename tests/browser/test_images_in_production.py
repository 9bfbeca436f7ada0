"""Under the production settings (gunicorn, DEBUG off): an editor uploads an image in the admin, puts
it on a story, publishes, and readers see it load. The admin works under its security policy."""

import io

import pytest
from django_otp.oath import totp
from PIL import Image as PillowImage

from tests.production_server import EDITOR_TOTP_KEY, production_server, query

pytestmark = pytest.mark.browser

# A story from the demo content, the page it is listed on, and whether it has a picture (the demo's illustration).
FIRST_STORY = (
    "import json; from campaigns.models import StoryPage; story = StoryPage.objects.live().order_by('path').first();"
    "print(json.dumps({'id': story.pk, 'url': story.get_url_parts()[2], 'parent_id': story.get_parent().pk,"
    " 'has_image': bool(story.image_id)}))"
)


def png_file(tmp_path):
    path = tmp_path / "ward-garden.png"
    buffer = io.BytesIO()
    PillowImage.new("RGB", (120, 80), (40, 120, 60)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def record_policy_violations(page):
    """CSP violations the browser reports: any means the policy broke part of a page."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}") if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def sign_in(page, base_url, editor):
    """The password, then the code the editor's authenticator app shows (both factors, as in production)."""
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill(editor[0])
    page.get_by_label("Password").fill(editor[1])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/2fa/auth**")
    code = totp(bytes.fromhex(EDITOR_TOTP_KEY))
    page.get_by_label("Code").fill(f"{code:06d}")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(base_url + "/admin/")


def test_an_uploaded_image_on_a_published_story_loads_for_readers(page, new_page, tmp_path, production_site):
    story = query(production_site, FIRST_STORY)
    assert story["has_image"]  # the demo's decorative illustration, which the editor replaces

    with production_server(production_site) as (base_url, _log):
        violations = record_policy_violations(page)
        sign_in(page, base_url, production_site.editor)

        page.goto(base_url + "/admin/images/add/")
        page.get_by_label("Title").fill("Ward garden")
        page.set_input_files("input[type=file]", png_file(tmp_path))
        page.get_by_role("button", name="Upload").click()
        page.wait_for_url(base_url + "/admin/images/")

        page.goto(f"{base_url}/admin/pages/{story['id']}/edit/")
        chooser = page.locator("#id_image-chooser")
        chooser.get_by_role("button", name="Actions").click()
        chooser.get_by_role("button", name="Change image").click()
        page.get_by_role("dialog").get_by_role("link", name="Ward garden").click()
        page.get_by_role("dialog").wait_for(state="hidden")
        page.get_by_label("Image alt text").fill("A garden with raised beds outside a ward")
        page.get_by_label("The picture is decorative").uncheck()
        # The preview panel frames the admin's own preview, which its policy allows.
        page.get_by_role("button", name="Toggle preview").click()
        preview = page.frame_locator("#w-preview-iframe")
        preview.get_by_role("img", name="A garden with raised beds outside a ward").wait_for()
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name="Publish").click()
        page.wait_for_url(f"{base_url}/admin/pages/{story['parent_id']}/")
        assert violations == []

        reader = new_page(java_script_enabled=True)
        response = reader.goto(base_url + story["url"])
        assert response.status == 200
        image = reader.get_by_role("img", name="A garden with raised beds outside a ward")
        image.wait_for()
        assert image.get_attribute("src").startswith("/media/images/")
        # Shown at its own 120 pixels (never enlarged), from the WebP version the production server sends.
        shown = reader.evaluate(
            "(img) => ({loaded: img.complete && img.naturalWidth > 0, width: img.clientWidth, src: img.currentSrc})",
            image.element_handle(),
        )
        assert shown["loaded"] and shown["width"] == 120, shown
        assert shown["src"].endswith(".webp"), shown
