"""A Redis cache that counts the round trips made to it: one per call of the cache API."""

from django.core.cache.backends.redis import RedisCache

COUNTED = (
    *("get", "get_many", "set", "set_many", "add", "delete", "delete_many"),
    *("incr", "decr", "get_or_set", "has_key"),
)


class CountingRedisCache(RedisCache):
    calls = []

    def __getattribute__(self, name):
        attribute = super().__getattribute__(name)
        if name in COUNTED:
            calls = type(self).calls

            def counted(*args, **kwargs):
                calls.append(name)
                return attribute(*args, **kwargs)

            return counted
        return attribute
