"""Every named URL, public and admin, in every language, is the one the site has
always had: links in journalists' inboxes and in translators' files keep working.

The list is committed in `tests/urls.txt`; regenerate it (and review the diff) with
`.venv/bin/python -m pytest tests/test_urls.py --update-urls` only when a URL is
meant to change."""

from pathlib import Path

from django.conf import settings
from django.urls import URLResolver, get_resolver
from django.utils import translation

SNAPSHOT = Path(__file__).with_name("urls.txt")


def named_routes(patterns, prefix="", namespace=""):
    """(name with namespaces, route) of every named pattern under `patterns`."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            yield from named_routes(pattern.url_patterns, route, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", route


def current_routes():
    lines = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            resolver = get_resolver()
            for name, route in named_routes(resolver.url_patterns):
                lines.add(f"{code} {name} {route}")
    return sorted(lines)


def test_every_named_url_is_unchanged(request):
    """Each named URL resolves to the same route, in each language, as committed."""
    routes = current_routes()
    if request.config.getoption("--update-urls"):
        SNAPSHOT.write_text("\n".join(routes) + "\n")
    assert routes == SNAPSHOT.read_text().splitlines()
