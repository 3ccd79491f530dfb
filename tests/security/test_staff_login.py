"""The staff login: throttled by account with a clear page, a
second factor (an authenticator app, or a recovery code once each) required for
staff when the setting says so, sessions that end when idle, long passwords."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.core.publication import PublicationState
from tests.factories import make_release, parse

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase of staff"
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        "editor", password=PASSWORD, is_staff=True, is_superuser=True
    )


def sign_in(client, username="editor", password=PASSWORD, address="192.0.2.1", **h):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **h
    )


class TestThrottling:
    def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(
        self, client, staff
    ):
        """After five failures the right password is refused too, with a 429 page
        saying why and for how long; another account from elsewhere still signs
        in."""
        for _attempt in range(4):
            assert sign_in(client, password="wrong").status_code == 200
        assert sign_in(client, password="wrong").status_code == 429
        response = sign_in(client)
        assert response.status_code == 429
        text = response.content.decode()
        assert "Too many failed sign-ins" in text
        assert "Try again in 15 minutes" in text
        assert "sign-in is paused for this account." in text
        assert int(response["Retry-After"]) == 900
        assert "_auth_user_id" not in client.session
        # By account: the same account from another address is locked too.
        assert sign_in(client, address="198.51.100.7").status_code == 429

    def test_a_colleague_s_wrong_passwords_leave_the_others_at_that_address_alone(
        self, client, staff, django_user_model
    ):
        """A press office signs in from one address: five wrong passwords lock that
        account, not the administrator at the next desk, who unlocks it in the
        admin (Sign-in protection, Access attempts)."""
        django_user_model.objects.create_user(
            "colleague", password=PASSWORD, is_staff=True
        )
        for _attempt in range(5):
            sign_in(client, username="colleague", password="wrong")
        assert sign_in(client, username="colleague").status_code == 429
        assert sign_in(client).status_code == 302
        changelist = reverse("admin:axes_accessattempt_changelist")
        attempts = AccessAttempt.objects.filter(username="colleague")
        response = client.post(
            changelist,
            {
                "action": "delete_selected",
                "_selected_action": list(attempts.values_list("pk", flat=True)),
                "post": "yes",
            },
        )
        assert response.status_code == 302
        assert not attempts.exists()
        client.logout()
        assert sign_in(client, username="colleague").status_code == 302

    def test_a_success_before_the_limit_starts_the_count_again(self, client, staff):
        for _attempt in range(4):
            sign_in(client, password="wrong")
        assert sign_in(client).status_code == 302
        client.logout()
        for _attempt in range(4):
            sign_in(client, password="wrong")
        assert sign_in(client).status_code == 302

    def test_behind_a_proxy_the_address_is_the_one_the_proxy_added(
        self, client, staff, settings
    ):
        """The client's own X-Forwarded-For entries cannot pass for its address:
        the failures name the address the proxy added."""
        from newsroom.clearance.models import Action, AuditEntry

        settings.NEWSROOM_BEHIND_PROXY = True
        for number in range(5):
            sign_in(
                client,
                password="wrong",
                address="10.0.0.2",
                HTTP_X_FORWARDED_FOR=f"203.0.113.{number}, 192.0.2.9",
            )
        failures = AuditEntry.objects.filter(action=Action.LOGIN_FAILED)
        assert {entry.details["address"] for entry in failures} == {"192.0.2.9"}
        response = sign_in(
            client, address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.99"
        )
        assert response.status_code == 429


def wait_out_the_delay(user):
    """What waiting a second after a wrong code does: the last failure of each of
    the user's devices is more than a second old (django-otp counts from it)."""
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(
            throttling_failure_timestamp=F("throttling_failure_timestamp")
            - datetime.timedelta(seconds=1.1)
        )


def current_code(user):
    device = TOTPDevice.objects.get(user=user)
    return TOTP(device.bin_key, device.step, device.t0, device.digits).token()


@pytest.fixture
def two_factors(settings):
    settings.NEWSROOM_STAFF_2FA = True


class TestSecondFactor:
    def setup_app(self, client, staff):
        """Signs in with the password, pairs the app; the recovery codes shown."""
        assert sign_in(client)["Location"] == "/admin/"
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/two-factor/setup/")
        page = client.get(response["Location"])
        assert page.status_code == 200
        assert parse(page).xpath('//img[starts-with(@src, "data:image/svg+xml")]')
        wrong = client.post(
            "/admin/two-factor/setup/", {"code": "000000", "next": "/admin/"}
        )
        assert "This code is not valid" in wrong.content.decode()
        # A wrong code makes the next one wait (a second, doubled each time).
        assert client.get("/admin/").status_code == 302
        wait_out_the_delay(staff)
        response = client.post(
            "/admin/two-factor/setup/", {"code": current_code(staff)}
        )
        assert response.status_code == 200
        codes = parse(response).xpath('//ul[@class="recovery-codes"]//code/text()')
        assert len(codes) == len(set(codes)) == 10
        return codes

    def test_at_set_up_the_right_code_too_soon_after_a_wrong_one_says_to_wait(
        self, client, staff, two_factors
    ):
        """The app's code, typed before the wait a wrong code imposes, is refused
        with a message that says to wait, not that the right code is wrong."""
        sign_in(client)
        client.get("/admin/two-factor/setup/")
        client.post("/admin/two-factor/setup/", {"code": "000000"})
        response = client.post(
            "/admin/two-factor/setup/", {"code": current_code(staff)}
        )
        assert response.status_code == 200
        assert "wait a moment and try the current code" in response.content.decode()

    def test_staff_set_up_an_app_before_the_admin_and_get_recovery_codes(
        self, client, staff, two_factors
    ):
        self.setup_app(client, staff)
        assert client.get("/admin/").status_code == 200

    def test_next_sign_in_asks_for_the_code_and_takes_a_recovery_code_once(
        self, client, staff, two_factors
    ):
        codes = self.setup_app(client, staff)
        client.logout()
        sign_in(client)
        response = client.get("/admin/newsroom/pressrelease/")
        assert response["Location"] == (
            "/admin/two-factor/?next=/admin/newsroom/pressrelease/"
        )
        # Pairing another app now would bypass the factor: it asks for the code.
        assert client.get("/admin/two-factor/setup/")["Location"].startswith(
            "/admin/two-factor/?"
        )
        wrong = client.post("/admin/two-factor/", {"code": "123456"})
        assert wrong.status_code == 200
        assert "This code is not valid" in wrong.content.decode()
        response = client.post(
            "/admin/two-factor/",
            {"code": codes[0].upper(), "next": "/admin/newsroom/pressrelease/"},
        )
        assert response["Location"] == "/admin/newsroom/pressrelease/"
        assert "9 are left" in client.get("/admin/").content.decode()
        client.logout()
        sign_in(client)
        assert client.post("/admin/two-factor/", {"code": codes[0]}).status_code == 200
        assert client.get("/admin/").status_code == 302
        wait_out_the_delay(staff)
        response = client.post("/admin/two-factor/", {"code": codes[1]})
        assert response.status_code == 302
        assert client.get("/admin/").status_code == 200

    def test_the_app_code_signs_in(self, client, staff, two_factors):
        self.setup_app(client, staff)
        device = TOTPDevice.objects.get(user=staff)
        device.last_t = -1  # the code of the set-up may be used again in this test
        device.save()
        client.logout()
        sign_in(client)
        response = client.post(
            "/admin/two-factor/", {"code": current_code(staff), "next": "/admin/"}
        )
        assert response["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200

    def test_without_the_code_staff_are_nobody_on_the_site(
        self, client, staff, two_factors, settings
    ):
        """A draft's preview needs staff: with the password alone, it is not
        shown."""
        release = make_release("secret-draft", state=PublicationState.DRAFT)
        preview = reverse("newsroom:release-preview", args=[release.pk])
        sign_in(client)
        response = client.get(preview)
        assert response.status_code in {302, 404}
        assert b"secret-draft" not in response.content
        settings.NEWSROOM_STAFF_2FA = False
        assert client.get(preview).status_code == 200

    def test_new_recovery_codes_replace_the_old_ones(self, client, staff, two_factors):
        old = self.setup_app(client, staff)
        page = client.get("/admin/two-factor/recovery-codes/")
        assert "You have 10 recovery codes left" in page.content.decode()
        new = parse(client.post("/admin/two-factor/recovery-codes/")).xpath(
            '//ul[@class="recovery-codes"]//code/text()'
        )
        assert len(new) == 10 and not set(new) & set(old)

    def test_off_staff_reach_the_admin_with_the_password(self, client, staff):
        sign_in(client)
        assert client.get("/admin/").status_code == 200


def test_an_idle_session_ends(client, staff, settings):
    """Each request moves the session's end an hour on; one left idle past it
    is signed out."""
    sign_in(client)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE
    assert settings.SESSION_COOKIE_AGE == 3600
    session = Session.objects.get()
    session.expire_date = timezone.now() - datetime.timedelta(seconds=1)
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_passwords_must_be_long_and_uncommon(staff):
    for password in ("Shor7pass!", "password1234", "12345678901234"):
        with pytest.raises(ValidationError):
            validate_password(password, staff)
    validate_password("tulip harbour violin kettle")


def test_failed_logins_and_lockouts_go_to_the_audit_trail(client, staff):
    """Each failure is an entry naming the account tried and the address, never
    the password; the lockout is one more."""
    from newsroom.clearance.models import Action, AuditEntry

    for _attempt in range(5):
        sign_in(client, password="wrong", address="203.0.113.9")
    failures = AuditEntry.objects.filter(action=Action.LOGIN_FAILED)
    assert failures.count() == 5
    assert [entry.details for entry in failures] == [
        {"username": "editor", "address": "203.0.113.9"}
    ] * 5
    lockout = AuditEntry.objects.get(action=Action.LOCKED_OUT)
    assert lockout.details == {"username": "editor", "address": "203.0.113.9"}
    assert "wrong" not in str(list(AuditEntry.objects.values()))


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Forgotten your password? Ask an administrator to set a new one."),
        ("fr", "Mot de passe oublié\u202f? Demandez à un administrateur"),
    ],
)
def test_the_login_page_says_who_sets_a_forgotten_password(client, language, words):
    """No reset by email: the sign-in form tells staff whom to ask, in their
    language."""
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    page = parse(response)
    # Spaces folded, the no-break space before French high punctuation kept.
    assert words in re.sub(r"[ \t\n]+", " ", page.xpath("string(//main)"))
