"""A cache-based rate limit. A cache that is down lets requests through (and says
so in the log once a minute): the site degrades, it does not break."""

import hashlib
import logging
import time

from django.core.cache import cache

logger = logging.getLogger("newsroom.core")

_last_warning = [0.0]


def allow(scope, key, limit, seconds):
    """Count one more request of `key` in `scope`; False past `limit` within
    `seconds`."""
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()
    cache_key = f"newsroom-rate:{scope}:{digest}"
    try:
        cache.add(cache_key, 0, seconds)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add() and incr()
            cache.set(cache_key, 1, seconds)
            count = 1
    except Exception:  # the cache backend's own errors (Redis down...)
        if time.monotonic() - _last_warning[0] > 60:
            _last_warning[0] = time.monotonic()
            logger.warning("Rate limit not applied: the cache fails.", exc_info=True)
        return True
    return count <= limit
