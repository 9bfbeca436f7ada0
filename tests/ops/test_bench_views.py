"""The bench-only minimal view (mindsite/ops/bench_views.py): there only when BENCH_VIEWS=true says so."""

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, clear_url_caches, reverse

import mindsite.urls
from tests.production_server import OTP_ENCRYPTION_KEY

ROOT = Path(__file__).resolve().parents[2]
PATH = "/bench/minimal/"


def reload_urls():
    importlib.reload(mindsite.urls)
    clear_url_caches()


@pytest.fixture
def bench_views_on():
    with override_settings(BENCH_VIEWS=True):
        reload_urls()
        yield
    reload_urls()


def test_absent_by_default(client, db):
    from django.conf import settings

    assert settings.BENCH_VIEWS is False
    with pytest.raises(NoReverseMatch):
        reverse("bench_minimal")
    assert client.get(PATH).status_code == 404


def test_answers_with_no_query_when_the_setting_is_on(client, db, bench_views_on, django_assert_num_queries):
    assert reverse("bench_minimal") == PATH
    with django_assert_num_queries(0):
        response = client.get(PATH)
    assert response.status_code == 200
    assert response.content == b"ok\n"
    # Through the same middleware as every page: the site's security headers are on it.
    assert "Content-Security-Policy" in response.headers


def resolve_under_production(**extra_env):
    """What /bench/minimal/ resolves to in a fresh process on the production settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"BENCH_VIEWS", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "CACHE_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="mindsite.settings.production",
        SECRET_KEY="bench-views-test-secret-key-not-used-for-anything-else",
        OTP_ENCRYPTION_KEY=OTP_ENCRYPTION_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        **extra_env,
    )
    script = (
        "import json, django; django.setup()\n"
        "from django.conf import settings; from django.urls import resolve\n"
        f"match = resolve({PATH!r})\n"
        "view = match.func.__module__ + '.' + match.func.__name__\n"
        "print(json.dumps({'setting': settings.BENCH_VIEWS, 'view': view}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_absent_under_production_settings_unless_the_environment_asks():
    without = resolve_under_production()
    assert without["setting"] is False
    assert without["view"] != "mindsite.ops.bench_views.minimal"
    assert resolve_under_production(BENCH_VIEWS="false")["view"] != "mindsite.ops.bench_views.minimal"
    # The same check sees the view when the bench turns it on, so the lines above can fail.
    assert resolve_under_production(BENCH_VIEWS="true") == {"setting": True, "view": "mindsite.ops.bench_views.minimal"}
