"""Sending a guide's stored PDF: from media storage (a disk or a bucket), never made per request."""

from django.http import FileResponse, Http404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

# Short: the address stays the same when a new PDF replaces the old one.
PDF_CACHE_SECONDS = 300


def serve_guide_pdf(request, guide, pdf):
    """The guide's PDF as a download, or 404 when none has been built yet."""
    if request.method not in ("GET", "HEAD"):
        raise Http404("Only GET and HEAD.")
    if pdf is None or not pdf.file:
        raise Http404("This guide has no PDF yet.")
    # Each build is a new file with a new name, so the name tells one PDF from the next.
    etag = quote_etag(pdf.file.name)
    last_modified = int(pdf.built_at.timestamp()) if pdf.built_at else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        patch_cache_control(not_modified, public=True, max_age=PDF_CACHE_SECONDS)
        return not_modified
    try:
        stored = pdf.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The PDF file is missing.") from missing
    response = FileResponse(stored, as_attachment=True, filename=f"{guide.slug}.pdf", content_type="application/pdf")
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=PDF_CACHE_SECONDS)
    return response
