"""The JSON API (/api/v1/): read-only CORS for any origin, no credentials, and a
per-client rate limit kept in the cache ("requests/period", period s, m, h or d),
the client being `newsroom.core.addresses.client_address` (proxy-aware)."""

import os

CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag", "Retry-After")
CORS_PREFLIGHT_MAX_AGE = 86400
NEWSROOM_API_RATE_LIMIT = os.environ.get("NEWSROOM_API_RATE_LIMIT", "120/m")
