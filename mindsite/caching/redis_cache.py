"""Django's Redis cache, keeping one Redis client per process instead of making one per call.

django.core.cache.backends.redis builds a new redis.Redis object for every cache call (the
connection pool is shared; the client object, with its table of some 170 reply handlers, is
not): about 150 µs of CPU a call, most of what a page-cache hit cost. This backend is Django's
in every other way, through its documented RedisCacheClient: the same keys, serializer,
timeouts, connection pool and OPTIONS. settings/base.py uses it whenever CACHE_URL names Redis.
With several servers (a primary, then replicas) reads still go to a replica chosen per call.
"""

import re

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCacheClient
from django.utils.functional import cached_property


class ReusedRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self.single_server = len(servers) == 1
        self.clients = {}

    def get_client(self, key=None, *, write=False):
        if not self.single_server:
            return super().get_client(key, write=write)
        if write not in self.clients:
            self.clients[write] = super().get_client(key, write=write)
        return self.clients[write]


class RedisCache(BaseCache):
    def __init__(self, server, params):
        super().__init__(params)
        self.servers = re.split("[;,]", server) if isinstance(server, str) else list(server)
        self.options = params.get("OPTIONS", {})

    @cached_property
    def client(self):
        return ReusedRedisCacheClient(self.servers, **self.options)

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        if timeout == DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        # None keeps the key for good; zero or less deletes it.
        return None if timeout is None else max(0, int(timeout))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self.client.add(key, value, self.get_backend_timeout(timeout))

    def get(self, key, default=None, version=None):
        return self.client.get(self.make_and_validate_key(key, version=version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        self.client.set(key, value, self.get_backend_timeout(timeout))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self.client.touch(key, self.get_backend_timeout(timeout))

    def delete(self, key, version=None):
        return self.client.delete(self.make_and_validate_key(key, version=version))

    def get_many(self, keys, version=None):
        key_map = {self.make_and_validate_key(key, version=version): key for key in keys}
        found = self.client.get_many(key_map.keys())
        return {key_map[k]: v for k, v in found.items()}

    def has_key(self, key, version=None):
        return self.client.has_key(self.make_and_validate_key(key, version=version))

    def incr(self, key, delta=1, version=None):
        return self.client.incr(self.make_and_validate_key(key, version=version), delta)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        if data:
            safe = {self.make_and_validate_key(key, version=version): value for key, value in data.items()}
            self.client.set_many(safe, self.get_backend_timeout(timeout))
        return []

    def delete_many(self, keys, version=None):
        if keys:
            self.client.delete_many([self.make_and_validate_key(key, version=version) for key in keys])

    def clear(self):
        return self.client.clear()
