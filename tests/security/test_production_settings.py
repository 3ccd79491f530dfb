"""Production settings: the second factor on by default (off for a developer),
HSTS's subdomains and preload from the environment, `check --deploy` still clean
when an operator leaves preload out."""

import json

from tests.test_project import PRODUCTION, run

SCRIPT = (
    "import json; from django.conf import settings; print(json.dumps(["
    "settings.NEWSROOM_STAFF_2FA, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
    "settings.SECURE_HSTS_PRELOAD]))"
)


def values(**variables):
    result = run(["-c", SCRIPT], **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_staff_need_two_factors_in_production_only():
    assert values(**PRODUCTION) == [True, True, True]
    assert values()[0] is False
    assert values(**PRODUCTION, NEWSROOM_STAFF_2FA="0")[0] is False


def test_hsts_options_come_from_the_environment(tmp_path):
    variables = {
        **PRODUCTION,
        "DJANGO_SECURE_HSTS_PRELOAD": "0",
        "DJANGO_SECURE_HSTS_SUBDOMAINS": "0",
        "STATIC_ROOT": str(tmp_path),
    }
    assert values(**variables) == [True, False, False]
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **variables
    )
    assert result.returncode == 0, result.stdout + result.stderr


# Signs an unsubscribe link's token, or reads one, under the environment's keys.
UNSUBSCRIBE_TOKEN = """
import json, sys, django
django.setup()
from newsroom.distribution import links
from newsroom.distribution.models import Subscriber
if sys.argv[1] == "sign":
    print(links.make_token(Subscriber(pk=7), "unsubscribe"))
else:
    print(json.dumps(links.read_token(sys.argv[2], "unsubscribe")))
"""


def test_a_rotated_key_keeps_the_links_of_sent_emails_working():
    """The unsubscribe links of the emails already sent never expire: after a new
    DJANGO_SECRET_KEY they keep working while the old key is a fallback."""
    signed = run(["-c", UNSUBSCRIBE_TOKEN, "sign"], DJANGO_SECRET_KEY="old-" + "k" * 50)
    assert signed.returncode == 0, signed.stderr
    token = signed.stdout.strip()

    def read(**variables):
        result = run(
            ["-c", UNSUBSCRIBE_TOKEN, "read", token],
            DJANGO_SECRET_KEY="new-" + "k" * 50,
            **variables,
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    assert read() is None
    assert read(DJANGO_SECRET_KEY_FALLBACKS="old-" + "k" * 50) == ["s", 7]
