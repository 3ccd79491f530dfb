"""Every address of the admin's own views of one object (restore a revision,
discard the changes) answers a 404 for an id that names no object, however it
is malformed: never a server error (a GET of a view that only acts is refused
before any lookup). Django's change, delete and history views
already do; this walks the views the project adds."""

import re

import pytest
from django.urls import URLResolver, get_resolver

pytestmark = pytest.mark.django_db

DJANGO_OWN = ("_change", "_delete", "_history")


def object_routes(patterns, prefix=""):
    """The routes of the named admin views under `patterns` that take an
    object_id, Django's own left out."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from object_routes(pattern.url_patterns, route)
        elif (
            "<path:object_id>" in route
            and pattern.name
            and pattern.name.endswith(DJANGO_OWN) is False
            and route.startswith("admin/")
            and pattern.name != "view_on_site"
        ):
            yield route


ROUTES = sorted(set(object_routes(get_resolver().url_patterns)))


def test_the_walk_finds_the_projects_object_views():
    assert {"admin/newsroom/pressrelease/<path:object_id>/discard/"} <= set(ROUTES)
    assert "admin/organisation/person/<path:object_id>/restore/<int:revision_id>/" in (
        ROUTES
    )


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("object_id", ["abc", "1.5", "999999"])
def test_an_id_naming_no_object_is_a_404(editor, route, object_id):
    url = "/" + route.replace("<path:object_id>", object_id)
    url = re.sub(r"<int:\w+>", "1", url)
    # A view that only acts (restore) refuses a GET before it looks anything up.
    assert editor.get(url).status_code in (403, 404)
    assert editor.post(url, {"reason": "x"}).status_code == 404
