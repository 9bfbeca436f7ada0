"""A reader downloads the whole guide as a PDF from the guide's page, with JavaScript off too."""

import pytest
from django.core.cache import caches
from django.core.management import call_command

pytestmark = pytest.mark.browser


def test_a_reader_downloads_the_whole_guide_as_a_pdf(page_without_js, live_site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("build_guide_pdfs", live_site.guide.slug)
    for cache in caches.all():
        cache.clear()

    page_without_js.goto(live_site.url(live_site.guide))
    link = page_without_js.get_by_role("link", name="Download the whole guide (PDF,")
    assert link.count() == 1
    with page_without_js.expect_download() as waiting:
        link.click()
    download = waiting.value
    assert download.suggested_filename == f"{live_site.guide.slug}.pdf"
    saved = tmp_path / "downloaded.pdf"
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")
