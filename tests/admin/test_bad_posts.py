"""A form posted with nothing in it (a script, a proxy that lost the body) is
answered with the form and its errors, never a 500, on every add and change
form of the admin."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import NoReverseMatch, reverse

from tests.factories import (
    make_event,
    make_office,
    make_page,
    make_person,
    make_release,
    make_topic,
    parse,
)

pytestmark = pytest.mark.django_db


def test_an_empty_post_is_answered_with_the_form(client):
    items = [
        make_release("empty"),
        make_event("empty"),
        make_page("empty"),
        make_topic("empty"),
        make_office("empty"),
        make_person("Empty Person", "empty-person"),
    ]
    client.force_login(User.objects.create_superuser("ed", "e@example.org", "x"))
    addresses = [
        reverse(
            f"admin:{item._meta.app_label}_{item._meta.model_name}_change",
            args=[item.pk],
        )
        for item in items
    ]
    for model in admin.site._registry:
        try:
            addresses.append(
                reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
            )
        except NoReverseMatch:
            continue
    client.raise_request_exception = False
    failed = {}
    for address in addresses:
        status = client.post(address, {}).status_code
        if status >= 500:
            failed[address] = status
    assert not failed
    # The release's own rules (the original's version needs its title, which
    # its form does not offer to change) are said at the top of the form.
    response = client.post(addresses[0], {})
    assert response.status_code == 200
    top = parse(response).xpath("//ul[contains(@class, 'nonfield')]/li/text()")
    assert "A version needs a title before it is ready." in top
