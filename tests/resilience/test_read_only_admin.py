"""A database that refuses writes (a failover, a maintenance) leaves the admin
readable: editors open forms and histories, told that saving will not work, and
their opening of a form is simply not recorded; saving answers the 503 page."""

import pytest
from django.contrib.auth.models import User

from newsroom.clearance.models import Opening
from newsroom.clearance.openings import opened
from tests.factories import (
    form_data,
    make_event,
    make_office,
    make_person,
    make_release,
    parse,
    text_of,
)

from .test_database import database_refusing_writes

NOTICE = "The database accepts no changes right now"


def notice(response):
    return text_of(parse(response), "//ul[@class='messagelist']/li[@class='warning']")


@pytest.mark.django_db(transaction=True)
def test_forms_and_histories_open_while_the_database_refuses_writes(client):
    """The change forms of a release, an event, a person and an office, a new
    release's form and a release's history answer 200 with their data and a
    notice that saving will not work; another editor's earlier opening is still
    shown, this one's is not recorded. Once writes return, the notice goes."""
    release = make_release("steady")
    event = make_event("gala")
    person = make_person("Ana Lopes", "ana-lopes")
    office = make_office("paris")
    colleague = User.objects.create_superuser("colleague", "c@example.org", "x")
    opened(release, colleague)
    editor = User.objects.create_superuser("editor", "e@example.org", "x")
    client.force_login(editor)
    forms = {
        f"/admin/newsroom/pressrelease/{release.pk}/change/": ("title_en", release),
        f"/admin/newsroom/event/{event.pk}/change/": ("title_en", event),
        f"/admin/organisation/person/{person.pk}/change/": ("name", person),
        f"/admin/organisation/office/{office.pk}/change/": ("name_en", office),
    }
    with database_refusing_writes():
        for url, (field, item) in forms.items():
            response = client.get(url)
            assert response.status_code == 200, url
            assert form_data(response)[field] == [str(item)], url
            assert NOTICE in notice(response), url
        response = client.get("/admin/newsroom/pressrelease/add/")
        assert response.status_code == 200
        assert NOTICE in notice(response)
        response = client.get(f"/admin/newsroom/pressrelease/{release.pk}/history/")
        assert response.status_code == 200
        assert "steady title en" in text_of(parse(response), "//h1")
        assert NOTICE in notice(response)
        change = parse(client.get(next(iter(forms))))
        (hint,) = change.xpath("//p[contains(@class, 'nr-being-edited')]")
        assert text_of(hint, ".").startswith("colleague opened this item")
    assert not Opening.objects.filter(user=editor).exists()
    response = client.get(next(iter(forms)))
    assert response.status_code == 200
    assert notice(response) == ""
    assert Opening.objects.filter(user=editor).exists()
