"""The whole guide as a PDF: built by the worker from what is published, never in the publishing
request, kept in media storage and offered on the guide only once it exists."""

import sys
import threading
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections, transaction
from pypdf import PdfReader
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from guides.models import GuidePdf
from guides.pdf.building import build, build_wanted, claim_next, mark_wanted
from tests.conftest import build_site

pytestmark = pytest.mark.django_db

LINK_TEXT = "Download the whole guide (PDF,"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def built_pdf(guide):
    pdf = GuidePdf.objects.get(guide=guide)
    assert pdf.file, "no PDF was built"
    return pdf


def read(pdf):
    with pdf.file.open("rb") as stored:
        return PdfReader(BytesIO(stored.read()))


def text_of(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


def uris(reader):
    found = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                found.append(str(action["/URI"]))
    return found


def internal_links(reader):
    return sum(
        1
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/Dest" in annotation.get_object() or annotation.get_object().get("/A", {}).get("/S") == "/GoTo"
    )


# --- what the PDF holds ------------------------------------------------------------


def test_the_pdf_has_every_part_a_contents_page_page_numbers_title_language_and_live_links(db):
    site = build_site(parts=3, stories=2, linked=True)
    call_command("build_guide_pdfs")
    pdf = built_pdf(site.guide)
    reader = read(pdf)
    text = text_of(reader)

    assert pdf.pages == len(reader.pages) > 3
    assert pdf.size == pdf.file.size
    for part in site.chapters:
        assert part.title in text
    contents = reader.pages[1].extract_text()
    assert contents.startswith("Contents")
    assert all(part.title in contents for part in site.chapters)
    assert f"Page 1 of {pdf.pages}" in reader.pages[0].extract_text()
    assert f"Page {pdf.pages} of {pdf.pages}" in reader.pages[-1].extract_text()
    # The site's name and the guide's address on every page.
    assert all(f"Mind campaigns: {site.guide.full_url}"[:40] in page.extract_text() for page in reader.pages)

    assert reader.metadata.title == site.guide.title
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/MarkInfo"]["/Marked"]  # tagged, for screen readers
    assert b"pdfuaid" in catalog["/Metadata"].get_object().get_data()  # declares PDF/UA

    links = uris(reader)
    assert site.guide.full_url in links
    # Links between parts are full addresses on the site, live in the PDF.
    for part in site.chapters:
        assert part.full_url in links and part.full_url.startswith("http://localhost/")
    assert not any(link.startswith("/") for link in links)
    assert internal_links(reader) >= len(site.chapters)  # the contents page's links to each part


def test_unpublished_and_private_parts_are_left_out(site):
    hidden, private, shown = site.chapters
    hidden.unpublish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    call_command("build_guide_pdfs", site.guide.slug)
    text = text_of(read(built_pdf(site.guide)))
    assert shown.title in text
    assert hidden.title not in text
    assert private.title not in text


# --- built by the worker, never in the publishing request -------------------------


def publish_in_the_admin(client, part, words):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    client.force_login(user)
    data = nested_form_data(
        {
            "title": part.title,
            "slug": part.slug,
            "summary": part.summary,
            "body": streamfield([("paragraph", rich_text(f"<p>{words}</p>"))]),
        }
    )
    data["action-publish"] = "1"
    response = client.post(f"/admin/pages/{part.pk}/edit/", data)
    assert response.status_code == 302
    client.logout()


def test_publishing_a_part_asks_for_a_pdf_that_the_worker_then_builds(client, site, media):
    GuidePdf.objects.all().delete()
    publish_in_the_admin(client, site.chapters[1], "Words published just now.")

    pdf = GuidePdf.objects.get(guide=site.guide)
    assert pdf.wanted_since is not None
    assert not pdf.file and not (media / "guides").exists()  # nothing built in the request
    assert LINK_TEXT not in client.get(site.guide.url).content.decode()

    call_command("build_guide_pdfs", "--wanted")
    pdf.refresh_from_db()
    assert pdf.wanted_since is None and pdf.claimed_until is None
    assert "Words published just now." in text_of(read(pdf))
    assert f"Download the whole guide (PDF, {pdf.pages} pages," in client.get(site.guide.url).content.decode()


def test_a_publish_during_a_build_causes_another_build(site):
    mark_wanted([site.guide.pk])
    claim = claim_next()
    site.chapters[0].title = "A title published while the PDF was being built"
    site.chapters[0].save_revision().publish()
    build(claim)

    pdf = GuidePdf.objects.get(guide=site.guide)
    assert pdf.file
    assert pdf.wanted_since is not None  # still wanted: the build began before the publish

    assert build_wanted() == 1
    pdf.refresh_from_db()
    assert pdf.wanted_since is None
    assert "A title published while the PDF was being built" in text_of(read(pdf))


def test_a_guide_being_built_is_not_taken_by_a_second_worker(site):
    mark_wanted([site.guide.pk])
    assert claim_next() is not None
    assert claim_next() is None  # the first worker holds it until it records the PDF
    assert build_wanted() == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_row_being_claimed_is_skipped_not_waited_for(site):
    mark_wanted([site.guide.pk])
    results = []

    def other_worker():
        try:
            results.append(claim_next())
        finally:
            connections.close_all()

    with transaction.atomic():
        GuidePdf.objects.select_for_update().get(guide=site.guide)  # a first worker mid-claim
        worker = threading.Thread(target=other_worker)
        worker.start()
        worker.join(timeout=10)
        assert not worker.is_alive(), "the second worker waited for the lock"
    assert results == [None]
    assert claim_next() is not None


def test_a_new_pdf_replaces_the_old_file(site, media, django_capture_on_commit_callbacks):
    call_command("build_guide_pdfs")
    first = built_pdf(site.guide).file.name
    with django_capture_on_commit_callbacks(execute=True):
        call_command("build_guide_pdfs")
    second = built_pdf(site.guide).file.name
    assert first != second
    assert not (media / first).exists()
    assert (media / second).exists()


def test_unpublishing_the_guide_removes_its_pdf(client, site, media, django_capture_on_commit_callbacks):
    call_command("build_guide_pdfs")
    name = built_pdf(site.guide).file.name
    site.guide.unpublish()
    assert GuidePdf.objects.get(guide=site.guide).wanted_since is not None
    with django_capture_on_commit_callbacks(execute=True):
        call_command("build_guide_pdfs", "--wanted")
    pdf = GuidePdf.objects.get(guide=site.guide)
    assert not pdf.file and pdf.pages is None
    assert not (media / name).exists()


def test_deleting_the_guide_deletes_its_pdf_file(site, media, django_capture_on_commit_callbacks):
    call_command("build_guide_pdfs")
    name = built_pdf(site.guide).file.name
    with django_capture_on_commit_callbacks(execute=True):
        site.guide.delete()
    assert not GuidePdf.objects.exists()
    assert not (media / name).exists()


def test_the_demo_content_asks_for_each_guides_missing_pdf(db):
    call_command("load_demo_content", verbosity=0)
    assert GuidePdf.objects.filter(wanted_since__isnull=False, file="").count() == 2
    # A database made before there were PDFs: loading again, with nothing to change, asks for them.
    GuidePdf.objects.all().delete()
    call_command("load_demo_content", verbosity=0)
    assert GuidePdf.objects.filter(wanted_since__isnull=False, file="").count() == 2


# --- offered on the guide, sent from storage ------------------------------------


def test_no_link_and_no_pdf_until_one_is_built(client, site):
    for page in (site.guide, site.chapters[0]):
        assert LINK_TEXT not in client.get(page.url).content.decode()
    assert client.get(site.guide.url + "pdf/").status_code == 404


def test_the_guide_offers_the_built_pdf_which_is_sent_from_storage(client, site):
    call_command("build_guide_pdfs")
    pdf = built_pdf(site.guide)
    html = client.get(site.guide.url).content.decode()
    assert f"Download the whole guide (PDF, {pdf.pages} pages, " in html
    assert f'href="{site.guide.url}pdf/"' in html

    response = client.get(site.guide.url + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{site.guide.slug}.pdf"'
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-") and len(body) == pdf.size
    again = client.get(site.guide.url + "pdf/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_private_guides_pdf_is_not_sent_to_a_stranger(client, site):
    call_command("build_guide_pdfs")
    PageViewRestriction.objects.create(page=site.guide, restriction_type=PageViewRestriction.PASSWORD, password="pw")
    response = client.get(site.guide.url + "pdf/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")  # the password form


def test_a_private_guides_pdf_is_not_sent_to_a_reader_allowed_in_either(client, site, django_user_model):
    """Its download may be kept by a shared cache, and a private guide's PDF is left over from when it was public."""
    call_command("build_guide_pdfs")
    PageViewRestriction.objects.create(page=site.guide, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(django_user_model.objects.create_user("reader", password="a long pass phrase"))
    assert client.get(site.guide.url).status_code == 200
    assert client.get(site.guide.url + "pdf/").status_code == 404


def test_the_cached_guide_page_shows_the_link_once_the_pdf_is_built(
    client, site, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    try:
        assert client.get(site.guide.url)["X-Page-Cache"] == "miss"
        assert client.get(site.guide.url)["X-Page-Cache"] == "hit"
        mark_wanted([site.guide.pk])
        with django_capture_on_commit_callbacks(execute=True):
            build_wanted()
        response = client.get(site.guide.url)
        assert response["X-Page-Cache"] == "miss"
        assert LINK_TEXT in response.content.decode()
    finally:
        cache.clear()


# --- without WeasyPrint's libraries --------------------------------------------------


def test_without_weasyprint_the_site_runs_the_link_is_absent_and_the_worker_says_so_once(
    client, site, monkeypatch, caplog
):
    # As when Pango is missing: importing weasyprint fails.
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    mark_wanted([site.guide.pk])
    with caplog.at_level("WARNING", logger="guides.pdf"):
        call_command("build_guide_pdfs", "--wanted")
    warnings = [record for record in caplog.records if "cannot be built" in record.getMessage()]
    assert len(warnings) == 1
    pdf = GuidePdf.objects.get(guide=site.guide)
    assert not pdf.file and pdf.wanted_since is not None  # still wanted, for when they are installed
    response = client.get(site.guide.url)
    assert response.status_code == 200
    assert LINK_TEXT not in response.content.decode()
