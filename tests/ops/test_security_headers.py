"""Every public response carries the security headers; the admin alone gets its looser policy."""

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.cache import cache

from tests.production_server import BASE_DIR, fetch, production_environment, production_server

PUBLIC_PAGES = {
    "home": lambda s: s.home.url,
    "campaign list": lambda s: s.index.url,
    "campaign": lambda s: s.campaign.url,
    "guide": lambda s: s.guide.url,
    "guide part": lambda s: s.chapters[0].url,
    "whole guide": lambda s: s.guide.url + "print/",
    "story list": lambda s: s.story_index.url,
    "story": lambda s: s.stories[0].url,
    "order form": lambda s: "/order-printed-guides/",
    "not found": lambda s: "/no-such-page/",
}
PERMISSIONS_POLICY_OFF = ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()")


def policy(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {name: sources for name, *sources in directives}


def assert_public_policy(found):
    assert found["default-src"] == ["'none'"]
    assert found["script-src"] == ["'self'"]
    assert found["style-src"] == ["'self'"]
    assert found["object-src"] == ["'none'"]
    assert found["base-uri"] == ["'none'"]
    assert found["frame-ancestors"] == ["'none'"]
    # Only this site, and WriteToThem for 'Write to your MP' on a provider's page.
    assert found["form-action"] == ["'self'", "https://www.writetothem.com"]
    every_source = " ".join(source for sources in found.values() for source in sources)
    assert "unsafe" not in every_source
    assert "nonce" not in every_source


def assert_other_headers(headers):
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    for feature in PERMISSIONS_POLICY_OFF:
        assert feature in headers["Permissions-Policy"]


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_public_page_has_the_headers_also_when_served_from_the_page_cache(client, site, page_cache_on, name):
    url = PUBLIC_PAGES[name](site)
    for _ in range(2):  # rendered, then (for pages the cache keeps) from the cache
        response = client.get(url)
        assert response.status_code in (200, 404)
        assert_public_policy(policy(response))
        assert_other_headers(response.headers)
    if name not in ("order form", "not found"):
        assert response["X-Page-Cache"] == "hit"


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_have_no_inline_script_or_style(client, site, name):
    """The policy allows none, so a page that had any would be broken: it must need none."""
    soup = BeautifulSoup(client.get(PUBLIC_PAGES[name](site)).content, "html.parser")
    # JSON data blocks (json_script, schema.org's ld+json) are never run, and the policy does not apply to them.
    data_types = ("application/json", "application/ld+json")
    scripts = soup.find_all("script")
    inline_scripts = [tag for tag in scripts if not tag.get("src") and tag.get("type") not in data_types]
    assert inline_scripts == []
    assert soup.find_all("style") == []
    assert soup.select("[style]") == []
    handlers = [(tag.name, attr) for tag in soup.find_all(True) for attr in tag.attrs if attr.startswith("on")]
    assert handlers == []


@pytest.mark.django_db
def test_the_admin_alone_gets_the_looser_policy_wagtail_needs(client, site):
    admin = policy(client.get("/admin/login/"))
    assert "'unsafe-inline'" in admin["style-src"]
    assert admin["frame-ancestors"] == ["'self'"]  # the editor shows its preview in a frame
    assert admin["object-src"] == ["'none'"]
    assert admin["base-uri"] == ["'none'"]
    assert admin["form-action"] == ["'self'"]
    # Paths that only look like the admin get the public policy.
    assert_public_policy(policy(client.get("/administrator/")))
    assert_public_policy(policy(client.get("/adminx/")))


@pytest.mark.django_db
def test_a_page_preview_in_the_editor_can_be_framed_by_the_admin(client, site):
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    client.force_login(editor)
    part = site.chapters[0]
    response = client.get(f"/admin/pages/{part.pk}/view_draft/")
    assert response.status_code == 200
    assert policy(response)["frame-ancestors"] == ["'self'"]


def deploy_check(**env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=production_environment(
            SECRET_KEY="a-long-random-production-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            ALLOWED_HOSTS="campaigns.example.org",
            SECURE_SSL_REDIRECT="true",
            SECURE_COOKIES="true",
            **env,
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deploy_check_passes_with_no_warning_under_the_readmes_environment():
    result = deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deploy_check_fails_when_hsts_is_turned_off():
    result = deploy_check(SECURE_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


# --- the production server ---------------------------------------------------------


def test_the_production_server_sends_the_headers_on_pages_and_cached_pages(production_site):
    with production_server(production_site) as (base_url, _log):
        for _ in range(2):
            status, headers, _body = fetch(base_url + "/")
            assert status == 200
            assert_public_policy(policy(headers))
            assert_other_headers(headers)
        assert headers["X-Page-Cache"] == "hit"


def test_the_production_server_keeps_every_response_to_this_site(production_site):
    """Cross-Origin-Resource-Policy on pages (rendered and from the page cache), static files
    (WhiteNoise), uploaded images, redirects and errors alike."""
    image = Path(production_site.env["MEDIA_ROOT"]) / "original_images" / "corp-check.png"
    image.parent.mkdir(parents=True, exist_ok=True)
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    with production_server(production_site) as (base_url, _log):
        urls = ["/", "/", "/static/css/site.css", "/media/original_images/corp-check.png", "/admin/", "/no-such-page/"]
        answers = [fetch(base_url + url) for url in urls]
    assert [status for status, _headers, _body in answers] == [200, 200, 200, 200, 302, 404]
    assert answers[1][1]["X-Page-Cache"] == "hit"
    for url, (_status, headers, _body) in zip(urls, answers, strict=True):
        assert headers["Cross-Origin-Resource-Policy"] == "same-origin", url


def test_a_forwarded_https_header_is_believed_only_behind_a_proxy(production_site):
    forwarded = {"X-Forwarded-Proto": "https"}
    with production_server(production_site, SECURE_SSL_REDIRECT="true") as (base_url, _log):
        status, headers, _body = fetch(base_url + "/", headers=forwarded)
        assert status == 301  # anyone can send the header: still sent to HTTPS
        assert headers["Location"].startswith("https://")
        assert "Strict-Transport-Security" not in headers

    with production_server(
        production_site, SECURE_SSL_REDIRECT="true", BEHIND_PROXY="true", TRUSTED_PROXY_CIDRS="127.0.0.1"
    ) as (base_url, _log):
        status, headers, _body = fetch(base_url + "/", headers=forwarded)
        assert status == 200
        assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        status, _headers, _body = fetch(base_url + "/")  # the proxy says the reader used plain HTTP
        assert status == 301
