"""The Redis cache backend (mindsite/caching/redis_cache.py): Django's in behaviour, one Redis client per process."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from mindsite.caching.redis_cache import RedisCache
from tests.redis_helpers import REDIS_URL, redis_or_skip


@pytest.fixture
def both():
    redis_or_skip()
    ours = RedisCache(REDIS_URL, {"KEY_PREFIX": "ours"})
    djangos = DjangoRedisCache(REDIS_URL, {"KEY_PREFIX": "djangos"})
    ours.clear()
    yield ours, djangos
    ours.clear()


def test_it_answers_every_call_as_djangos_backend_does(both):
    answers = []
    for cache in both:
        answers.append(
            [
                cache.set("a", {"page": "html"}, 60),
                cache.get("a"),
                cache.add("a", "other"),
                cache.add("b", 1),
                cache.incr("b"),
                cache.get_or_set("c", lambda: 7),
                cache.get_many(["a", "b", "c", "missing"]),
                cache.set_many({"d": b"bytes", "e": None}),
                cache.has_key("d"),
                cache.touch("d", 10),
                cache.delete("d"),
                cache.delete_many(["a", "b"]),
                cache.get_many(["a", "b", "c", "e"]),
                cache.set("gone", 1, 0),
                cache.get("gone", "default"),
            ]
        )
        with pytest.raises(ValueError):
            cache.incr("never-set")
    assert answers[0] == answers[1]


def test_it_makes_one_redis_client_and_keeps_it(both):
    ours, _ = both
    ours.set("a", 1)
    first = ours.client.get_client(write=True)
    ours.get("a")
    ours.get_many(["a", "b"])
    assert ours.client.get_client(write=True) is first
    assert ours.client.get_client(write=False) is ours.client.get_client(write=False)


def test_it_is_the_backend_whenever_cache_url_names_redis():
    code = "from django.conf import settings as s; print(*(each['BACKEND'] for each in s.CACHES.values()))"
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "mindsite.settings.dev", "CACHE_URL": REDIS_URL},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["mindsite.caching.redis_cache.RedisCache"] * 2
