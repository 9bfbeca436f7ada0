"""Uploaded images are served by the web process with cache headers; documents only as checked attachments."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import wagtail_factories
from django.core.files.base import ContentFile

from mindsite.ops.object_storage import MediaStorage
from tests.production_server import OTP_ENCRYPTION_KEY

pytestmark = pytest.mark.django_db
BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def image(media_root):
    return wagtail_factories.ImageFactory(
        file__width=64, file__height=48, file__filename="ward.png", file__format="PNG"
    )


def test_a_rendition_is_served_with_a_years_cache_and_nosniff(client, image):
    rendition = image.get_rendition("fill-32x24")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_an_original_is_served_with_a_days_cache(client, image):
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=86400"


def test_a_second_request_with_the_etag_gets_not_modified(client, image):
    url = image.get_rendition("width-40").url
    etag = client.get(url)["ETag"]
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again["Cache-Control"] == "public, max-age=31536000, immutable"


def test_head_works_and_other_methods_are_refused(client, image):
    assert client.head(image.file.url).status_code == 200
    assert client.post(image.file.url).status_code == 405


@pytest.mark.parametrize(
    "path",
    [
        "/media/images/../../secret.txt",
        "/media/original_images/../../secret.txt",
        "/media/images/%2e%2e/%2e%2e/secret.txt",
        "/media/images/..%2f..%2fsecret.txt",
        "/media/original_images//etc/passwd",
        "/media/../secret.txt",
        "/media/secret.txt",
        "/media/images/%00.png",
    ],
)
def test_nothing_outside_the_image_folders_can_be_reached(client, media_root, path):
    (media_root.parent / "secret.txt").write_text("not for readers")
    (media_root / "secret.txt").write_text("not for readers")
    response = client.get(path)
    assert response.status_code == 404
    assert b"not for readers" not in response.content


def test_a_link_out_of_the_media_folder_is_not_followed(client, media_root):
    (media_root.parent / "outside.png").write_bytes(b"\x89PNG outside")
    (media_root / "images").mkdir()
    os.symlink(media_root.parent / "outside.png", media_root / "images" / "link.png")
    assert client.get("/media/images/link.png").status_code == 404


def test_a_file_that_is_not_a_raster_image_is_not_served(client, media_root):
    (media_root / "original_images").mkdir()
    for name in ("page.html", "drawing.svg", "notes.txt"):
        (media_root / "original_images" / name).write_text("<script>alert(1)</script>")
        assert client.get(f"/media/original_images/{name}").status_code == 404


def test_documents_download_as_attachments_through_wagtails_view_only(client, media_root):
    document = wagtail_factories.DocumentFactory(
        title="Leaflet", file=ContentFile(b"%PDF-1.4 leaflet", name="leaflet.pdf")
    )
    assert client.get(f"/media/{document.file.name}").status_code == 404
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def _production_settings(**env):
    """Settings as the production server would see them with these environment variables."""
    script = (
        "import django, json; django.setup();"
        "from django.conf import settings; from django.core.files.storage import default_storage;"
        "from django.urls import resolve, Resolver404;"
        "url = default_storage.url('images/ward.fill-32x24.png');"
        "routed = True\n"
        "try: resolve('/media/images/ward.png')\n"
        "except Resolver404: routed = False\n"
        "from django.http import HttpResponse; from django.test import RequestFactory;"
        "from mindsite.ops.security_headers import ContentSecurityPolicyMiddleware;"
        "csp = ContentSecurityPolicyMiddleware(lambda r: HttpResponse())(RequestFactory().get('/'));"
        "img_src = [d.split()[1:] for d in csp['Content-Security-Policy'].split('; ') if d.startswith('img-src')][0];"
        "print(json.dumps({'backend': settings.STORAGES['default']['BACKEND'], 'url': url, 'routed': routed,"
        " 'img_src': img_src}))"
    )
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("AWS_") and key != "DATABASE_URL"
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="mindsite.settings.production",
        SECRET_KEY="test-only-" + "x" * 50,
        OTP_ENCRYPTION_KEY=OTP_ENCRYPTION_KEY,
        ALLOWED_HOSTS="campaigns.example.org",
        **env,
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_serves_media_itself_when_no_bucket_is_named():
    found = _production_settings()
    assert found["backend"] == "django.core.files.storage.FileSystemStorage"
    assert found["url"] == "/media/images/ward.fill-32x24.png"
    assert found["routed"]
    assert found["img_src"] == ["'self'"]


def test_production_keeps_media_in_object_storage_when_a_bucket_is_named():
    found = _production_settings(
        AWS_STORAGE_BUCKET_NAME="mind-campaigns-media",
        AWS_S3_ENDPOINT_URL="https://objects.example.net",
        AWS_S3_REGION_NAME="eu-west-2",
        AWS_S3_CUSTOM_DOMAIN="media.campaigns.example.org",
        AWS_LOCATION="uploads",
        AWS_ACCESS_KEY_ID="test-key-id",
        AWS_SECRET_ACCESS_KEY="test-secret",
    )
    assert found["backend"] == "mindsite.ops.object_storage.MediaStorage"
    # A plain, unsigned address that a cached page can keep.
    assert found["url"] == "https://media.campaigns.example.org/uploads/images/ward.fill-32x24.png"
    assert not found["routed"]
    # Pages may show images from there, and from nowhere else.
    assert found["img_src"] == ["'self'", "https://media.campaigns.example.org"]


def test_object_storage_gives_uploads_the_same_headers_as_the_web_process():
    storage = MediaStorage(bucket_name="media", location="uploads")
    assert storage.get_object_parameters("uploads/images/a.fill-1x1.png")["CacheControl"] == (
        "public, max-age=31536000, immutable"
    )
    original = storage.get_object_parameters("uploads/original_images/a.png")
    assert original["CacheControl"] == "public, max-age=86400"
    assert "ContentDisposition" not in original
    assert storage.get_object_parameters("uploads/documents/leaflet.pdf")["ContentDisposition"] == "attachment"


def test_a_way_out_of_the_image_folders_into_documents_is_refused(client, media_root):
    (media_root / "images").mkdir()
    (media_root / "documents").mkdir()
    (media_root / "documents" / "private.png").write_bytes(b"\x89PNG private")
    assert client.get("/media/images/../documents/private.png").status_code == 404
    assert client.get("/media/images/%2e%2e/documents/private.png").status_code == 404
