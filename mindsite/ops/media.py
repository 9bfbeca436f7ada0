"""Uploaded media in production: served by the web process on one machine, or kept in S3-compatible storage.

On one machine (no AWS_STORAGE_BUCKET_NAME) the web process serves images from MEDIA_ROOT
with serve_media: renditions are cached for a year (a changed image gets new rendition
names), originals for a day. Documents are never served from /media/: they go through
Wagtail's /documents/ view, which checks a collection's privacy and sends them as
attachments. With object storage, mindsite/ops/object_storage.py gives uploads the same headers.
"""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe

RENDITIONS = "images/"
ORIGINALS = "original_images/"
RENDITION_CACHE = "public, max-age=31536000, immutable"
ORIGINAL_CACHE = "public, max-age=86400"
# Raster images only: an SVG or HTML file served from our origin could run script.
IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif", "image/heic"}


def cache_control_for(name):
    return RENDITION_CACHE if name.startswith(RENDITIONS) else ORIGINAL_CACHE


def _media_file(path):
    """The file under MEDIA_ROOT that an image URL names, or None."""
    folder = next((folder for folder in (RENDITIONS, ORIGINALS) if path.startswith(folder)), None)
    if folder is None or "\x00" in path:
        return None
    allowed = (Path(settings.MEDIA_ROOT) / folder).resolve()
    candidate = (allowed / path.removeprefix(folder)).resolve()
    # resolve() follows ".." and symlinks, so a way out of the image folder shows here.
    if not candidate.is_relative_to(allowed) or not candidate.is_file():
        return None
    return candidate


@require_safe
def serve_media(request, path):
    """An uploaded image (an original or a rendition) from MEDIA_ROOT, with cache headers."""
    found = _media_file(path)
    content_type, _ = mimetypes.guess_type(path)
    if found is None or content_type not in IMAGE_TYPES:
        raise Http404("No such image.")
    stat = found.stat()
    etag = quote_etag(f"{stat.st_mtime_ns:x}-{stat.st_size:x}")
    last_modified = int(stat.st_mtime)
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        not_modified["Cache-Control"] = cache_control_for(path)
        return not_modified
    response = FileResponse(found.open("rb"), content_type=content_type)
    response["Content-Length"] = stat.st_size
    response["Last-Modified"] = http_date(last_modified)
    response["ETag"] = etag
    response["Cache-Control"] = cache_control_for(path)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
