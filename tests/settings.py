"""The project's settings for the test suite, with a cheap password hasher.

Django's default hasher spends a third of a second on each password on purpose;
the suite creates hundreds of users and proves nothing about hashing. Tests that
start the project in a subprocess (tests/test_project.py) use `newsroom.settings`.
"""

from newsroom.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The suite fetches the API hundreds of times from one address; the rate limit's
# own test sets a small one.
NEWSROOM_API_RATE_LIMIT = "100000/m"
# The page cache is invalidated when a transaction commits, which a test wrapped in
# one never does: it is on only in the tests of the cache (tests/caching/), which
# run their saves' on-commit callbacks.
NEWSROOM_PAGE_CACHE_SECONDS = 0
# What many pages share (the site's frame, the filters' choices) is remembered, as
# in production: a save bumps the generation at once in a test
# (`remembered_values` in tests/conftest.py).
NEWSROOM_REMEMBER_SECONDS = 300
# The partners of the webhook tests listen on loopback; the test of the refusal
# turns this off (tests/webhooks/test_failures.py).
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True
# The tests that commit empty the tables after them with DELETE (tests/postgresql/).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["ENGINE"] = "tests.postgresql"  # noqa: F405
