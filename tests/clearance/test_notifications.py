"""The clearance emails speak each recipient's language: the language of their
last staff login (the admin's language menu, else their browser's), else the
site's."""

import pytest

from newsroom.clearance.models import Action, AuditEntry
from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import PressRelease
from tests.distribution.conftest import body, header
from tests.factories import make_release

from .conftest import admin_url
from .test_roles import step


def log_in(client, user, language):
    """A real sign-in through the admin's login form, the admin in `language`."""
    client.cookies["django_language"] = language
    response = client.post(
        "/admin/login/", {"username": user.get_username(), "password": "x"}
    )
    assert response.status_code == 302


# The worker's own loop closes the connection between tasks: these tests commit.
@pytest.mark.django_db(transaction=True)
def test_each_recipient_reads_the_email_in_their_language(client, people, inbox):
    """The approver last signed in in French, the publisher in Spanish, the
    writer in English: each one's email is in their language, whoever sent it
    and in whatever language."""
    log_in(client, people["approver"], "fr")
    log_in(client, people["publisher"], "es")
    assert AuditEntry.objects.filter(action=Action.LOGIN).count() == 2
    release = make_release(
        "cleared",
        state=PublicationState.DRAFT,
        publish_at=None,
        versions={"en": VersionState.DRAFT},
    )

    log_in(client, people["writer"], "en")
    step(client, release, "submit")
    log_in(client, people["approver"], "fr")
    step(client, release, "send_back", clearance_comment="Check the figures.")
    log_in(client, people["writer"], "en")
    step(client, release, "submit")
    log_in(client, people["approver"], "fr")
    step(client, release, "approve")

    inbox.deliver()
    approver = inbox.to("approver@example.org")
    assert [header(m, "Subject") for m in approver] == [
        "En attente de votre approbation\u00a0: cleared title en"
    ] * 2
    assert "writer a soumis" in body(approver[0])
    assert admin_url(PressRelease, "change", release.pk) in body(approver[0])
    (writer,) = inbox.to("writer@example.org")
    assert header(writer, "Subject") == "Sent back to you: cleared title en"
    assert "Check the figures." in body(writer)
    (publisher,) = inbox.to("publisher@example.org")
    assert header(publisher, "Subject") == (
        "Aprobado, pendiente de publicación: cleared title en"
    )


@pytest.mark.django_db(transaction=True)
def test_without_a_login_the_email_is_in_the_sites_language(
    client, people, inbox, settings
):
    settings.LANGUAGE_CODE = "fr"
    release = make_release("quiet", state=PublicationState.DRAFT, publish_at=None)
    client.force_login(people["writer"])
    step(client, release, "submit")
    inbox.deliver()
    (message,) = inbox.to("approver@example.org")
    assert header(message, "Subject").startswith("En attente de votre approbation")


@pytest.mark.django_db(transaction=True)
def test_the_email_names_the_colleague_as_the_admin_does(client, people, inbox):
    """A colleague with a name in their account is named by it, as in the form's
    "being edited" note; one without, by their username."""
    people["writer"].first_name, people["writer"].last_name = "Wanda", "Writer"
    people["writer"].save()
    release = make_release("named", state=PublicationState.DRAFT, publish_at=None)
    client.force_login(people["writer"])
    step(client, release, "submit")
    client.force_login(people["approver"])
    step(client, release, "approve")
    inbox.deliver()
    (approver,) = inbox.to("approver@example.org")
    assert "Wanda Writer submitted “named title en” for review." in body(approver)
    (publisher,) = inbox.to("publisher@example.org")
    assert "approver approved “named title en”." in body(publisher)


@pytest.mark.django_db(transaction=True)
def test_a_title_on_two_lines_is_named_on_one(client, people, inbox):
    """A title with a line break (a PO file's translation may carry one): the
    approver still gets the email, its subject on one line, and what follows
    the break is no header."""
    release = make_release(
        "broken",
        state=PublicationState.DRAFT,
        publish_at=None,
        title_en="Two\nBcc: victim@example.org",
    )
    client.force_login(people["writer"])
    step(client, release, "submit")
    inbox.deliver()
    (message,) = inbox.to("approver@example.org")
    assert header(message, "Subject") == (
        "Waiting for your approval: Two Bcc: victim@example.org"
    )
    assert message["Bcc"] is None
    assert "victim@example.org" not in inbox.recipients()
