"""What a shared cache (a CDN) is told: public pages it may keep; nothing personal, posted or private."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from tests.factories import StoryPageFactory
from tests.production_server import OTP_ENCRYPTION_KEY

pytestmark = pytest.mark.django_db

SHARED = "public, max-age=60, s-maxage=300, stale-while-revalidate=60"


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.CDN_CACHE_SECONDS = 300
    settings.BROWSER_CACHE_SECONDS = 60
    settings.CDN_STALE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def words(response):
    return {word.strip() for word in response.get("Cache-Control", "").split(",") if word.strip()}


def is_shared(response):
    return "public" in words(response) and any(word.startswith("s-maxage=") for word in words(response))


def test_a_public_page_may_be_kept_by_a_cdn_on_a_miss_and_a_hit(client, site):
    for expected in ("miss", "hit"):
        response = client.get(site.chapters[0].url)
        assert response["X-Page-Cache"] == expected
        assert words(response) == set(SHARED.split(", "))


def test_the_cdn_seconds_come_from_the_settings(client, site, settings):
    settings.CDN_CACHE_SECONDS = 900
    settings.CDN_STALE_SECONDS = 30
    settings.BROWSER_CACHE_SECONDS = 0
    assert words(client.get(site.home.url)) == {"public", "max-age=0", "s-maxage=900", "stale-while-revalidate=30"}


def test_no_public_header_when_the_cdn_seconds_are_zero(client, site, settings):
    settings.CDN_CACHE_SECONDS = 0
    assert not is_shared(client.get(site.home.url))


def test_a_story_lists_later_pages_are_shared_but_not_past_its_end_nor_a_region(client, site):
    for n in range(12):
        StoryPageFactory(parent=site.story_index, title=f"Extra {n}", region="london")
    assert is_shared(client.get(site.story_index.url + "?page=2"))
    assert client.get(site.story_index.url + "?page=2")["X-Page-Cache"] == "hit"
    # ?page=9 shows the last page: not an address that is purged, so not kept.
    past_the_end = client.get(site.story_index.url + "?page=9")
    assert not is_shared(past_the_end)
    assert "private" in words(past_the_end)
    for query in ("?region=london", "?page=1", "?page=02", "?page=2&region=london", "?utm_source=x"):
        response = client.get(site.story_index.url + query)
        assert response.status_code == 200, query
        assert not is_shared(response), query
        assert "private" in words(response), query
        assert "X-Page-Cache" not in response, query


def test_the_order_form_and_its_posts_are_never_shared(client, site):
    form = client.get("/order-printed-guides/")
    assert form.status_code == 200
    assert not is_shared(form)
    assert "no-store" in words(form)
    posted = client.post("/order-printed-guides/", {"name": "Sam"})
    assert not is_shared(posted)
    assert "no-store" in words(posted) or "private" in words(posted)


def test_a_feedback_post_is_never_shared(client, site):
    response = client.post(f"/feedback/{site.chapters[0].pk}/", {"useful": "yes"})
    assert not is_shared(response)
    assert words(response) & {"private", "no-store"}


def test_search_results_are_never_shared(client, site):
    for url in ("/search/", "/search/?q=restraint"):
        response = client.get(url)
        assert response.status_code == 200
        assert not is_shared(response)
        assert "private" in words(response)


def test_nothing_for_a_signed_in_editor_is_shared_nor_the_admin_nor_a_preview(client, site):
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    client.force_login(editor)
    page = client.get(site.chapters[0].url)
    assert page.status_code == 200
    assert not is_shared(page)
    assert "private" in words(page)
    for url in (
        "/admin/",
        f"/admin/pages/{site.chapters[0].pk}/view_draft/",
        f"/admin/pages/{site.guide.pk}/edit/preview/?mode=print",
    ):
        response = client.get(url)
        assert not is_shared(response), url


def test_a_response_that_sets_a_cookie_is_not_shared(client, site):
    PageViewRestriction.objects.create(page=site.stories[0], restriction_type="password", password="secret")
    response = client.get(site.stories[0].url)
    assert response.status_code == 200
    assert response.cookies  # the password form's CSRF cookie
    assert not is_shared(response)
    assert "private" in words(response)


def test_an_error_page_and_a_redirect_are_not_shared(client, site):
    assert not is_shared(client.get("/no-such-page/"))
    assert not is_shared(client.get(site.chapters[0].url.rstrip("/")))


def test_a_hit_carries_the_same_headers_as_the_render_it_was_kept_from(client, site):
    for url in (site.home.url, site.chapters[0].url, site.story_index.url):
        miss = client.get(url)
        hit = client.get(url)
        assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
        assert hit.content == miss.content
        kept = {name: value for name, value in miss.items() if name != "X-Page-Cache"}
        assert {name: value for name, value in hit.items() if name != "X-Page-Cache"} == kept
        for header in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "Referrer-Policy"):
            assert hit[header], header


def production_middleware():
    code = "import json; from django.conf import settings; print(json.dumps(settings.MIDDLEWARE))"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mindsite.settings.production",
        "SECRET_KEY": "test-only-production-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "OTP_ENCRYPTION_KEY": OTP_ENCRYPTION_KEY,
        "ALLOWED_HOSTS": "campaigns.example.org",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_hit_is_answered_before_the_session_csrf_sign_in_and_second_factor_middleware():
    # Only SecurityMiddleware (HTTPS redirect, HSTS), WhiteNoise (static files) and the
    # Cross-Origin-Resource-Policy header (set on the way out, reading nothing) come first.
    first = {
        "mindsite.ops.security_headers.CrossOriginResourcePolicyMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    }
    for middleware in (django_settings.MIDDLEWARE, production_middleware()):
        position = middleware.index("mindsite.caching.page_cache.PageCacheMiddleware")
        assert "django.middleware.security.SecurityMiddleware" in middleware[:position]
        assert set(middleware[:position]) <= first, middleware
