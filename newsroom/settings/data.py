"""The database and the caches, the page cache among them."""

import os

import dj_database_url

from .base import BASE_DIR, DEBUG, env_bool

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Persistent connections in production (about 1.5 times the throughput
        # under gunicorn), checked before each request reuses them; none in
        # development, where runserver opens a thread per request.
        conn_max_age=int(
            os.environ.get("DATABASE_CONN_MAX_AGE", "0" if DEBUG else "600")
        ),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two editors saving at once: a write transaction takes the lock when it
    # begins and the other waits for it, then sees the new revision and gets the
    # "someone else saved" message, as on PostgreSQL. Deferred transactions (the
    # default) fail at once with "database is locked" instead.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation (DATABASE_JIT=1 restores the server's setting): the
    # planner's cost of a query with subqueries (the sitemap index's public
    # people) passes jit_above_cost, and compiling it took 250 ms for a query
    # that runs in 2 ms. Our queries are short; JIT pays off on long analytics.
    if not env_bool("DATABASE_JIT", False):
        _options = DATABASES["default"].setdefault("OPTIONS", {})
        _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_cache_url = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL")
if _cache_url:
    CACHES = {
        "default": {
            # Django's RedisCache, with failures as misses (never a 500).
            "BACKEND": "newsroom.resilience.cache.ResilientRedisCache",
            "LOCATION": _cache_url,
            # A cache that does not answer at once is treated as down.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The page cache (newsroom/caching/) must be shared by every server process, so
# that an edit invalidates every copy at once: Redis when configured, else a table
# in production (`manage.py createcachetable`, which `make serve` runs), local
# memory in development (runserver is one process).
if _cache_url:
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"}
elif DEBUG:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 3000},
    }
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "newsroom_page_cache",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
NEWSROOM_PAGE_CACHE = "pages"
# How long an anonymous page is kept at most (cut at the next scheduled change);
# 0 turns the page cache off.
NEWSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("NEWSROOM_PAGE_CACHE_SECONDS", "300"))
# With Redis, each server process keeps the page cache's generation and Redis tells
# it when the generation changes (newsroom/resilience/watch.py), instead of a read
# per hit; 0 reads it on every hit.
NEWSROOM_PAGE_CACHE_WATCH = env_bool("NEWSROOM_PAGE_CACHE_WATCH", True)
# How long what many pages share is kept (newsroom.caching.generation.remember);
# None: as long as a page (so 0 turns both off). The test settings keep it on.
NEWSROOM_REMEMBER_SECONDS = None
# The search index: how many items a change of another row (a topic or a person
# renamed or deleted) indexes again inside its save; more are indexed by the
# worker after it commits (newsroom/search/tasks.py).
NEWSROOM_SEARCH_INDEX_AT_ONCE = int(
    os.environ.get("NEWSROOM_SEARCH_INDEX_AT_ONCE", "200")
)
