"""A Redis cache whose failures are misses: Django's own RedisCache raises on a
connection error, which would turn every page that reads the cache into a 500
while Redis is away."""

import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError, TimeoutError

from .outages import Outage
from .watch import Unavailable, watch

CACHE_ERRORS = (ConnectionError, TimeoutError)

outage = Outage(__name__, "The cache is unreachable: reads are misses, writes lost")

# After a failure this process leaves Redis alone for a few seconds: a Redis that
# hangs (takes connections, never answers) would otherwise cost every cache call
# its whole socket timeout, some thirty of them on a page.
PAUSE_SECONDS = 5.0
# {server location: time.monotonic() before which its calls are not made}
paused_until = {}


class ReusedRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one redis-py client per connection pool: Django
    builds a new one for every cache call, which costs more than a cached page's
    whole read. Each client holds one connection instead of taking one from the
    pool and giving it back on every call, which cost half of a read again:
    Django makes a cache, and so a client, per thread, which uses one connection
    at a time anyway (redis-py locks it all the same, and reconnects it after a
    failure)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if id(pool) not in self._clients:
            self._clients[id(pool)] = self._client(
                connection_pool=pool, single_connection_client=True
            )
        return self._clients[id(pool)]


class ResilientRedisCache(RedisCache):
    """Django's RedisCache where a read that fails is a miss and a write that
    fails is lost; the failure is logged once per burst."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient

    def _safely(self, fallback, method, *args, **kwargs):
        try:
            return self._call(method, *args, **kwargs)
        except CACHE_ERRORS:
            return fallback

    def _call(self, method, *args, **kwargs):
        """method(), unless Redis failed less than PAUSE_SECONDS ago: then the
        same error at once, without asking it."""
        location = self._servers[0]
        if time.monotonic() < paused_until.get(location, 0.0):
            error = ConnectionError(
                f"not asked: it failed less than {PAUSE_SECONDS:g} s ago"
            )
            outage.report(error)  # counted, logged once a minute
            raise error
        try:
            return method(*args, **kwargs)
        except CACHE_ERRORS as error:
            self._pause(error)
            raise

    def _pause(self, error):
        paused_until[self._servers[0]] = time.monotonic() + PAUSE_SECONDS
        outage.report(error)

    def get(self, key, default=None, version=None):
        return self._safely(default, super().get, key, default, version)

    def get_watched(self, key, default=None, version=None):
        """get(), answered from this process's copy of the value for as long as
        Redis vouches for it (newsroom/resilience/watch.py): a round trip only
        after a change, instead of one per read."""
        if time.monotonic() < paused_until.get(self._servers[0], 0.0):
            return self.get(key, default, version)  # a miss, at once
        found = watch(
            self._servers[0],
            self.make_key(key, version=version),
            self._cache._serializer.loads,
            self._options.get("socket_timeout"),
            self._options.get("socket_connect_timeout"),
        )
        try:
            value = found.read()
        except Unavailable as error:
            # Redis did not answer the watch (not a retry that waits its turn):
            # the cache's other calls need not wait for it too.
            if isinstance(error.__cause__, (*CACHE_ERRORS, OSError)):
                self._pause(error.__cause__)
            return self.get(key, default, version)
        return default if value is None else value

    def get_many(self, keys, version=None):
        return self._safely({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._safely(False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely(False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely(None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely(list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._safely(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._safely(None, super().delete_many, keys, version)

    def incr(self, key, delta=1, version=None):
        try:
            return self._call(super().incr, key, delta, version)
        except CACHE_ERRORS as error:
            # What Django's caches raise for a key they do not have.
            raise ValueError(f"Key '{key}' not found") from error

    def clear(self):
        return self._safely(None, super().clear)
