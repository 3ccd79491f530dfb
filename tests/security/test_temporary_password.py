"""A password that someone else set is temporary: an account that an administrator
created, or whose password an administrator set, chooses its own at its next
sign-in, before anything else in the admin (the second factor's set-up included);
the public site and the API are not concerned."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.factories import make_release, parse

pytestmark = pytest.mark.django_db

ADMIN_PASSWORD = "the administrator's own passphrase"
TEMPORARY = "a temporary passphrase given"
OWN = "tulip harbour violin kettle"
CHANGE = "/admin/password_change/"


@pytest.fixture
def administrator(client):
    user = User.objects.create_superuser("admin", "admin@example.org", ADMIN_PASSWORD)
    client.force_login(user)
    return user


def create_account(client, username="colleague"):
    """The administrator adds an account with a password, then makes it staff."""
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": username,
            "usable_password": "true",
            "password1": TEMPORARY,
            "password2": TEMPORARY,
        },
    )
    assert response.status_code == 302, response.content.decode()
    User.objects.filter(username=username).update(is_staff=True, is_superuser=True)
    return User.objects.get(username=username)


def set_password(client, user, password=TEMPORARY):
    response = client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": password, "password2": password, "set-password": ""},
    )
    assert response.status_code == 302, response.content.decode()


def sign_in(client, username="colleague", password=TEMPORARY):
    client.logout()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}
    )
    assert response.status_code == 302


def change_own_password(client, new=OWN, old=TEMPORARY, **headers):
    return client.post(
        CHANGE,
        {"old_password": old, "new_password1": new, "new_password2": new},
        **headers,
    )


def page_text(response):
    return re.sub(r"\s+", " ", parse(response).xpath("string(//main)"))


def test_a_new_account_chooses_its_own_password_before_anything_else(
    client, administrator
):
    """Every admin page leads to the password change, which says why; once the
    colleague's own password is set, the admin opens."""
    create_account(client)
    sign_in(client)
    for path in (
        "/admin/",
        "/admin/newsroom/pressrelease/",
        "/admin/auth/user/",
        "/admin/two-factor/setup/",
        "/admin/password_change/done/",
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == CHANGE, path
    page = client.get(CHANGE)
    assert page.status_code == 200
    assert (
        "An administrator set your password: choose your own to continue."
        in page_text(page)
    )
    response = change_own_password(client)
    assert response["Location"] == "/admin/password_change/done/"
    assert client.get("/admin/").status_code == 200
    client.logout()
    sign_in(client, password=OWN)
    assert client.get("/admin/newsroom/pressrelease/").status_code == 200


def test_a_bad_new_password_says_why_and_the_change_is_still_asked(
    client, administrator
):
    create_account(client)
    sign_in(client)
    short = change_own_password(client, new="short")
    assert short.status_code == 200
    assert "This password is too short" in page_text(short)
    wrong_old = change_own_password(client, old="not the one given")
    assert "Your old password was entered incorrectly" in page_text(wrong_old)
    assert client.get("/admin/")["Location"] == CHANGE
    sign_in(client)
    assert client.get("/admin/")["Location"] == CHANGE


def test_a_password_an_administrator_sets_is_temporary_but_not_their_own(
    client, administrator
):
    """ "Reset password" on a colleague's account makes it temporary; on the
    administrator's own account it is their choice."""
    colleague = User.objects.create_user(
        "colleague", password="chosen by the colleague", is_staff=True
    )
    sign_in(client, password="chosen by the colleague")
    assert client.get("/admin/").status_code == 200
    client.force_login(administrator)
    set_password(client, colleague)
    set_password(client, administrator, password="another own passphrase")
    assert client.get("/admin/").status_code == 200
    sign_in(client)
    assert client.get("/admin/")["Location"] == CHANGE
    sign_in(client, username="admin", password="another own passphrase")
    assert client.get("/admin/").status_code == 200


def test_an_account_without_a_password_has_nothing_to_change(client, administrator):
    """Password sign-in disabled at creation: there is no temporary password."""
    response = client.post(
        reverse("admin:auth_user_add"),
        {"username": "nopassword", "usable_password": "false"},
    )
    assert response.status_code == 302
    user = User.objects.get(username="nopassword")
    user.set_password(OWN)
    user.is_staff = True
    user.save()
    sign_in(client, username="nopassword", password=OWN)
    assert client.get("/admin/").status_code == 200


def test_before_the_second_factor_and_its_set_up(client, administrator, settings):
    """With two factors on, the new password comes first, then the app's
    set-up."""
    create_account(client)
    settings.NEWSROOM_STAFF_2FA = True
    sign_in(client)
    assert client.get("/admin/")["Location"] == CHANGE
    assert client.get(CHANGE).status_code == 200
    assert change_own_password(client).status_code == 302
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/setup/")


def test_the_public_site_and_the_api_are_not_concerned(client, administrator):
    make_release("public-news")
    create_account(client)
    sign_in(client)
    home = client.get("/en/")
    assert home.status_code == 200
    api = client.get("/api/v1/releases")
    assert api.status_code == 200
    assert "public-news" in api.content.decode()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", "Un administrateur a défini votre mot de passe"),
        ("es", "Un administrador ha definido su contraseña"),
    ],
)
def test_the_page_says_why_in_the_colleague_s_language(
    client, administrator, language, words
):
    create_account(client)
    sign_in(client)
    page = client.get(CHANGE, HTTP_ACCEPT_LANGUAGE=language)
    assert words in page_text(page)
