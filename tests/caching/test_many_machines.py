"""Two production servers (gunicorn, production settings) sharing one database and one Redis, as two
machines behind a load balancer would: a change made through either, or by a command run beside
them, is never served stale by the other.

Redis database 5 on this machine is this test's own (FLUSHDB on it only).
"""

import json

import pytest

from tests.production_server import fetch, manage, production_server, query
from tests.redis_helpers import REDIS_URL, redis_or_skip


@pytest.fixture
def shared_redis():
    client = redis_or_skip()
    client.flushdb()
    yield REDIS_URL
    client.flushdb()


@pytest.fixture
def two_servers(production_site, shared_redis):
    with (
        production_server(production_site, CACHE_URL=shared_redis) as (first, _first_log),
        production_server(production_site, CACHE_URL=shared_redis) as (second, _second_log),
    ):
        yield first, second


def get(base_url, path):
    status, headers, body = fetch(base_url + path)
    assert status == 200, (base_url, path, status)
    return headers, body.decode()


def a_guide_part(site):
    return query(
        site,
        "import json; from guides.models import GuideChapterPage;"
        "p = GuideChapterPage.objects.live().order_by('path').first();"
        "print(json.dumps({'id': p.pk, 'path': p.url, 'title': p.title}))",
    )


def test_a_change_made_beside_two_servers_is_never_served_stale_by_either(production_site, two_servers, shared_redis):
    first, second = two_servers
    part = a_guide_part(production_site)
    headers, body = get(first, part["path"])
    assert headers["X-Page-Cache"] == "miss"
    assert part["title"] in body
    # The second server answers from what the first stored: they share one cache.
    headers, _body = get(second, part["path"])
    assert headers["X-Page-Cache"] == "hit"
    assert "s-maxage=" in headers["Cache-Control"] and "public" in headers["Cache-Control"]

    # An editor publishes a new title (a command beside the servers, as the admin or the
    # scheduled publisher would, against the same database and Redis).
    manage(
        production_site,
        "shell",
        "--no-imports",
        "-c",
        "from guides.models import GuideChapterPage;"
        f"p = GuideChapterPage.objects.get(pk={part['id']}).specific;"
        "p.title = 'A title published elsewhere';"
        "p.save_revision().publish()",
        CACHE_URL=shared_redis,
    )
    for server in (first, second):
        headers, body = get(server, part["path"])
        assert "A title published elsewhere" in body, server
    assert headers["X-Page-Cache"] == "hit"  # the second read, after the first server stored it again

    # The menu and footer, changed once, show on both at once.
    warm_home = [get(server, "/") for server in (first, second)]
    assert warm_home[1][0]["X-Page-Cache"] == "hit"
    manage(
        production_site,
        "shell",
        "--no-imports",
        "-c",
        "from mindsite.pages.models import MenuAndFooter;"
        "c = MenuAndFooter.objects.get();"
        "c.help_now_text = '<p>Help text changed on another machine.</p>';"
        "c.save()",
        CACHE_URL=shared_redis,
    )
    for server in (first, second):
        for path in ("/", part["path"]):
            _headers, body = get(server, path)
            assert "Help text changed on another machine." in body, (server, path)


def test_nothing_one_machine_needs_is_kept_in_another_machines_memory(production_site, shared_redis):
    found = json.loads(
        manage(
            production_site,
            "shell",
            "--no-imports",
            "-c",
            "import json; from django.conf import settings; from axes.conf import settings as axes;"
            "print(json.dumps({'session': settings.SESSION_ENGINE, 'axes': axes.AXES_HANDLER,"
            " 'cache': settings.CACHES['default']['BACKEND'], 'mailer_lock': settings.MAILER_USE_FILE_LOCK}))",
            CACHE_URL=shared_redis,
        )
    )
    # Sessions in the database; sign-in lockouts in the database; rate limits and the page cache in Redis.
    assert found == {
        "session": "django.contrib.sessions.backends.db",
        "axes": "axes.handlers.database.AxesDatabaseHandler",
        "cache": "mindsite.caching.redis_cache.RedisCache",  # Django's, one Redis client per process
        "mailer_lock": False,
    }
