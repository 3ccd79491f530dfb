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
