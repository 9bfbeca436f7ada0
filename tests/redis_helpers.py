"""The Redis the shared-cache tests use: this machine's, on its own database (TEST_REDIS_DB, default 5)."""

import os

import pytest
import redis

REDIS_URL = f"redis://127.0.0.1:6379/{os.environ.get('TEST_REDIS_DB', '5')}"


def redis_or_skip():
    """A client for REDIS_URL; without Redis running the test is skipped, except in CI, where it fails."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("Redis is not running on 127.0.0.1:6379 (apt-get install redis-server)")
    return client
