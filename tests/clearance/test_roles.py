"""Clearance as each role does it: writers submit, approvers approve or send back,
publishers publish (an override needs a reason), translators edit only their
language, and a staff user with no role does nothing; the people concerned are
emailed through the task worker."""

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from newsroom.clearance import roles
from newsroom.clearance.models import Action, AuditEntry
from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import PressRelease, Quote
from tests.factories import READY, ahead, form_data, make_release, parse

from .conftest import admin_url, ensure_roles

pytestmark = pytest.mark.django_db

DRAFT, REVIEW, APPROVED = "draft", "review", "approved"
PUBLISHED, WITHDRAWN = "published", "withdrawn"


# What a French version needs besides its title to be ready (the factory's
# release has them in English).
FRENCH_TEXTS = {
    "lead_fr": "Le chapeau.",
    "body_fr": "<p>Le texte.</p>",
    "dateline_city_fr": "Genève",
}


def save(client, release, **changes):
    """Save the release's change form with `changes`."""
    change = admin_url(PressRelease, "change", release.pk)
    data = form_data(client.get(change))
    data.update(changes)
    response = client.post(change, data, follow=True)
    release.refresh_from_db()
    return response


def step(client, release, value, **extra):
    """Press a clearance button of the release's change form."""
    return save(client, release, _clearance=value, **extra)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def buttons(client, release):
    tree = parse(client.get(admin_url(PressRelease, "change", release.pk)))
    return tree.xpath("//button[@name='_clearance']/@value")


def actions_of(entries):
    return [entry.action for entry in entries]


def test_the_migration_makes_the_roles():
    """Every database has the groups, with the rights of each role (made again
    by the migration's own function where a transactional test that ran before
    on this worker flushed them)."""
    ensure_roles()
    expected = {
        roles.WRITER: {"clearance.submit_for_review", "newsroom.add_pressrelease"},
        roles.APPROVER: {"clearance.approve", "newsroom.change_pressrelease"},
        roles.PUBLISHER: {"clearance.publish", "newsroom.change_pressrelease"},
        roles.translator_group("es"): {"translations.translate_es"},
    }
    for name, perms in expected.items():
        group = Group.objects.get(name=name)
        held = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert perms <= held, name
    assert "clearance.publish" not in {
        p.codename for p in Group.objects.get(name=roles.WRITER).permissions.all()
    }


# The worker's own loop closes the connection between tasks: these tests commit.
@pytest.mark.django_db(transaction=True)
def test_writer_to_approver_to_publisher(client, people, inbox):
    """A draft goes through review to publication; approvers hear of the
    submission, publishers of the approval; each step is in the audit trail; the
    original becomes ready without anyone asking."""
    release = make_release(
        "cleared", state=DRAFT, publish_at=None, versions={"en": VersionState.DRAFT}
    )
    client.force_login(people["writer"])
    assert buttons(client, release) == ["submit"]
    step(client, release, "submit")
    assert release.state == REVIEW
    assert release.translation_state("en") == VersionState.READY

    client.force_login(people["approver"])
    assert buttons(client, release) == ["approve", "send_back"]
    step(client, release, "approve")
    assert release.state == APPROVED

    client.force_login(people["publisher"])
    assert "publish" in buttons(client, release)
    step(client, release, "publish")
    assert release.is_live

    inbox.deliver()
    assert sorted((m["To"], m["Subject"]) for m in inbox.messages) == [
        ("approver@example.org", "Waiting for your approval: cleared title en"),
        (
            "publisher@example.org",
            "Approved, waiting for publication: cleared title en",
        ),
    ]
    entries = AuditEntry.objects.filter(object_id=str(release.pk)).order_by("pk")
    assert [(e.actor_name, e.action) for e in entries] == [
        ("writer", Action.SUBMIT),
        ("approver", Action.APPROVE),
        ("publisher", Action.PUBLISH),
    ]


@pytest.mark.django_db(transaction=True)
def test_send_back_needs_a_comment_and_tells_the_writer(client, people, inbox):
    """Sending back without a comment is refused; with one, the item returns to
    draft and its writer gets the comment by email."""
    release = make_release("returned", state=DRAFT)
    client.force_login(people["writer"])
    step(client, release, "submit")
    client.force_login(people["approver"])
    refused = step(client, release, "send_back")
    assert release.state == REVIEW
    assert "Say why the item goes back to its writer." in messages_of(refused)
    step(client, release, "send_back", clearance_comment="Check the figures.")
    assert release.state == DRAFT
    inbox.deliver()
    (message,) = inbox.to("writer@example.org")
    assert message["Subject"] == "Sent back to you: returned title en"
    assert "Check the figures." in message.get_content()
    entry = AuditEntry.objects.get(action=Action.SEND_BACK)
    assert entry.details == {"comment": "Check the figures."}


def test_the_last_steps_quote_a_comment_as_the_language_does(client, people):
    """Above the form, the step that sent the release back quotes its comment
    with the language's marks: French guillemets and spaces."""
    release = make_release("quoted", state=REVIEW)
    client.force_login(people["approver"])
    step(client, release, "send_back", clearance_comment="Vérifiez les chiffres.")
    client.force_login(people["writer"])
    response = client.get(
        admin_url(PressRelease, "change", release.pk), HTTP_ACCEPT_LANGUAGE="fr"
    )
    (line,) = parse(response).xpath("//ul[@class='nr-last-steps']/li/text()")
    assert line.endswith("Renvoyé\u00a0: «\u202fVérifiez les chiffres.\u202f»")


def test_a_refused_form_keeps_the_comment_typed_for_the_step(client, people):
    """The writer saves while the publisher writes why the release is withdrawn:
    the form is refused as stale, and shows the comment and note again, not
    empty."""
    release = make_release("raced", state=REVIEW)
    client.force_login(people["publisher"])
    change = admin_url(PressRelease, "change", release.pk)
    data = form_data(client.get(change))
    PressRelease.objects.filter(pk=release.pk).update(revision=release.revision + 1)
    comment = "Paragraphs two and three contradict the figures of the lead."
    note = "A note typed for the withdrawal."
    data.update(
        _clearance="withdraw",
        clearance_comment=comment,
        clearance_public_note=note,
    )
    response = client.post(change, data)
    assert response.status_code == 200  # the form again, with its error
    tree = parse(response)
    assert tree.xpath("//textarea[@name='clearance_comment']/text()") == [comment]
    assert tree.xpath("//input[@name='clearance_public_note']/@value") == [note]
    release.refresh_from_db()
    assert release.state == REVIEW


def test_the_clearance_box_asks_only_what_its_steps_read(client, people):
    """A writer, who may only submit, is asked for no comment (it would go
    nowhere); an approver for the comment that sends back; a publisher for the
    reason and the public note of a withdrawal too."""
    release = make_release("asked", state=REVIEW)
    make_release("draft", state=DRAFT)

    def asked(name, item):
        client.force_login(people[name])
        tree = parse(client.get(admin_url(PressRelease, "change", item.pk)))
        return (
            tree.xpath("//button[@name='_clearance']/@value"),
            bool(tree.xpath("//textarea[@name='clearance_comment']")),
            bool(tree.xpath("//input[@name='clearance_public_note']")),
        )

    draft = PressRelease.objects.get(state=DRAFT)
    assert asked("writer", draft) == (["submit"], False, False)
    assert asked("approver", release) == (["approve", "send_back"], True, False)
    assert asked("publisher", release) == (["publish", "withdraw"], True, True)


def test_an_approver_does_not_approve_what_they_submitted(client, people):
    """Someone who is both writer and approver submits a release: their own
    approval is refused with the reason, and another approver's is taken."""
    both = people["writer"]
    both.groups.add(Group.objects.get(name=roles.APPROVER))
    release = make_release("own", state=DRAFT)
    client.force_login(both)
    step(client, release, "submit")
    refused = step(client, release, "approve")
    assert release.state == REVIEW
    reason = "You submitted this item: another approver must approve it."
    assert reason in messages_of(refused)
    assert not AuditEntry.objects.filter(action=Action.APPROVE).exists()
    client.force_login(people["approver"])
    step(client, release, "approve")
    assert release.state == APPROVED


@pytest.mark.django_db(transaction=True)
def test_a_change_to_the_approved_text_takes_it_back_to_review(client, people, inbox):
    """The writer edits the lead of an approved release: it is back in review,
    the audit trail says who changed it, the approver hears of it, and the
    publisher needs a reason to publish it unapproved. A quote's new words do
    the same; a translator's French does not."""
    release = make_release("approved", state=APPROVED, publish_at=None)
    client.force_login(people["writer"])
    saved = save(client, release, lead_en="Unreviewed words added after approval.")
    assert release.state == REVIEW
    assert release.lead_en == "Unreviewed words added after approval."
    assert (
        "The original text changed after its approval: the item is back in review."
        in messages_of(saved)
    )
    (entry,) = AuditEntry.objects.filter(action=Action.REOPEN)
    assert entry.actor == people["writer"]
    inbox.deliver()
    assert [(m["To"], m["Subject"]) for m in inbox.messages] == [
        ("approver@example.org", "Changed after approval: approved title en")
    ]
    client.force_login(people["publisher"])
    refused = step(client, release, "publish")
    assert release.state == REVIEW
    assert (
        "This item has not been approved: give a reason to publish it anyway."
        in messages_of(refused)
    )

    PressRelease.objects.filter(pk=release.pk).update(state=APPROVED)
    Quote.objects.create(release=release, text_en="Old words")
    client.force_login(people["writer"])
    save(client, release, **{"quotes-0-text_en": "New words"})
    assert release.state == REVIEW
    assert AuditEntry.objects.filter(action=Action.REOPEN).count() == 2

    PressRelease.objects.filter(pk=release.pk).update(state=APPROVED)
    client.force_login(people["translator"])
    save(client, release, lead_fr="Un chapeau traduit.")
    assert release.lead_fr == "Un chapeau traduit."
    assert release.state == APPROVED
    assert AuditEntry.objects.filter(action=Action.REOPEN).count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_submitter_is_not_asked_to_approve(client, people, inbox):
    """A writer who may also approve submits: the other approvers are asked,
    not the submitter."""
    both = people["writer"]
    both.groups.add(Group.objects.get(name=roles.APPROVER))
    release = make_release("own", state=DRAFT)
    client.force_login(both)
    step(client, release, "submit")
    inbox.deliver()
    assert [m["To"] for m in inbox.messages] == ["approver@example.org"]


def test_publishing_without_approval_needs_a_reason(client, people):
    """A publisher may publish an unapproved item only with a reason, which the
    audit trail keeps."""
    release = make_release("urgent", state=DRAFT)
    client.force_login(people["publisher"])
    refused = step(client, release, "publish")
    assert release.state == DRAFT
    assert any("has not been approved" in m for m in messages_of(refused))
    step(client, release, "publish", clearance_comment="Crisis: no approver awake.")
    assert release.is_live
    entry = AuditEntry.objects.get(action=Action.PUBLISH_OVERRIDE)
    assert entry.details["reason"] == "Crisis: no approver awake."


def test_the_form_leads_from_its_top_to_the_clearance_steps(client, people):
    """The steps stand at the end of a long form (4,800 pixels down a release on
    a phone): a link at its top names those open to the user and leads there."""
    release = make_release("waiting", state=REVIEW)
    client.force_login(people["approver"])
    tree = parse(client.get(admin_url(PressRelease, "change", release.pk)))
    (link,) = tree.xpath("//form//a[@href='#clearance']")
    steps = link.text_content().split(":")[1].split()
    assert steps == ["Approve", "·", "Send", "back", "↓"]
    assert link.xpath(".//span[@aria-hidden]/text()") == [" ↓"]
    assert tree.xpath("//fieldset[@id='clearance']")
    client.force_login(people["writer"])
    tree = parse(client.get(admin_url(PressRelease, "change", release.pk)))
    assert tree.xpath("//a[@href='#clearance']") == []


def test_publishing_at_a_time_to_come_says_when_it_goes_public(client, people):
    """An approved release with a publish time ahead is scheduled: the message
    says so and when, not that it is published."""
    release = make_release("later", state=APPROVED, publish_at=ahead(days=2))
    client.force_login(people["publisher"])
    said = messages_of(step(client, release, "publish"))
    assert release.is_scheduled
    assert "Publish: done." not in said
    (message,) = said
    assert message.startswith("Scheduled for ")
    assert str(release.publish_at.year) in message
    # English times end in "a.m." or "p.m.": the sentence adds no second stop.
    assert ".." not in message


def test_small_offices_may_switch_approval_off(client, people, settings):
    """With NEWSROOM_REQUIRE_APPROVAL off, a publisher publishes a draft at once."""
    settings.NEWSROOM_REQUIRE_APPROVAL = False
    release = make_release("small", state=DRAFT)
    client.force_login(people["publisher"])
    step(client, release, "publish")
    assert release.is_live
    assert AuditEntry.objects.filter(action=Action.PUBLISH).count() == 1


@pytest.mark.parametrize("role", ["writer", "approver", "translator"])
def test_only_publishers_publish(client, people, role):
    """A posted "publish" step, or the bulk action, is refused to other roles."""
    release = make_release("held", state=APPROVED)
    client.force_login(people[role])
    assert "publish" not in buttons(client, release)
    response = step(client, release, "publish", clearance_comment="Me!")
    assert release.state == APPROVED
    assert "Your role does not allow this step." in messages_of(response)
    client.post(
        admin_url(PressRelease),
        {"action": "publish", "_selected_action": [release.pk], "confirm": "yes"},
    )
    release.refresh_from_db()
    assert release.state == APPROVED


def test_the_state_is_never_a_form_field(client, people):
    """Posting a state in the form changes nothing: only the steps do."""
    release = make_release("steady", state=DRAFT)
    client.force_login(people["writer"])
    change = admin_url(PressRelease, "change", release.pk)
    data = form_data(client.get(change))
    data.update(state=PUBLISHED, publish_at_0="2020-01-01", publish_at_1="10:00")
    assert client.post(change, data).status_code == 302
    release.refresh_from_db()
    assert release.state == DRAFT and not release.is_live


def test_a_translator_edits_only_their_language(client, people):
    """The French translator's form edits the French fields only; English posted
    anyway is ignored; the steps and the other languages' actions are not
    theirs."""
    release = make_release("translated", state=DRAFT)
    client.force_login(people["translator"])
    change = admin_url(PressRelease, "change", release.pk)
    response = client.get(change)
    tree = parse(response)
    assert tree.xpath("//input[@name='title_fr']")
    assert not tree.xpath("//input[@name='title_en']")
    assert buttons(client, release) == []
    data = form_data(response)
    data.update(
        title_fr="Titre traduit",
        **FRENCH_TEXTS,
        version_state_fr=VersionState.READY,
        title_en="Hijacked",
    )
    assert client.post(change, data).status_code == 302
    release.refresh_from_db()
    assert release.title_fr == "Titre traduit"
    assert release.title_en == "translated title en"
    assert release.translation_state("fr") == VersionState.READY
    assert AuditEntry.objects.filter(action=Action.VERSION_READY).count() == 1
    listing = client.get(admin_url(PressRelease)).content.decode()
    assert 'value="mark_ready_fr"' in listing
    assert 'value="mark_ready_es"' not in listing
    assert 'value="publish"' not in listing


def test_a_translator_reads_the_original_rich_text_as_formatted_text(client, people):
    """The English body is shown to the French translator as text with its
    paragraphs and headings, marked with its language, not as HTML source in
    a box; what they post for it is ignored."""
    release = make_release(
        "formatted", state=DRAFT, body_en="<h2>Background</h2><p>Figures.</p>"
    )
    client.force_login(people["translator"])
    change = admin_url(PressRelease, "change", release.pk)
    response = client.get(change)
    shown = parse(response).xpath("//div[contains(@class, 'field-body_en')]")[0]
    source = shown.xpath(".//div[@lang='en']")[0]
    assert [child.tag for child in source] == ["h2", "p"]
    assert "<h2>" not in shown.text_content()
    assert not shown.xpath(".//textarea")
    data = form_data(response)
    data.update(body_en="<p>Hijacked</p>", title_fr="Titre")
    assert client.post(change, data).status_code == 302
    release.refresh_from_db()
    assert release.body_en == "<h2>Background</h2><p>Figures.</p>"
    assert release.title_fr == "Titre"


def test_a_staff_user_with_no_role_does_nothing(client, people):
    """Staff without a role see no list, no form, no preview and no audit."""
    release = make_release("hidden", state=REVIEW)
    client.force_login(people["nobody"])
    assert client.get(admin_url(PressRelease)).status_code == 403
    assert client.get(admin_url(PressRelease, "change", release.pk)).status_code == 403
    step_post = client.post(
        admin_url(PressRelease, "change", release.pk), {"_clearance": "approve"}
    )
    assert step_post.status_code == 403
    assert client.get(f"/en/preview/press-release/{release.pk}/").status_code == 403
    assert client.get(admin_url(AuditEntry)).status_code == 403
    release.refresh_from_db()
    assert release.state == REVIEW


def test_waiting_for_me(client, people):
    """The admin index counts what waits for the user's role, with links."""
    make_release("one", state=REVIEW)
    make_release("two", state=REVIEW)
    make_release("three", state=APPROVED)
    client.force_login(people["approver"])
    tree = parse(client.get("/admin/"))
    rows = tree.xpath("//div[@id='waiting-module']//tr")
    assert [" ".join(row.itertext()).split() for row in rows] == [
        ["Press", "releases", "·", "In", "review", "2"]
    ]
    assert rows[0].xpath(".//a/@href") == [
        admin_url(PressRelease) + "?state__exact=review"
    ]
    client.force_login(people["writer"])
    assert not parse(client.get("/admin/")).xpath("//div[@id='waiting-module']")


def test_a_withdrawal_needs_a_reason(client, people):
    """Withdrawing from the form asks for the reason; the public note is shown on
    the 410 page, the reason is not."""
    release = make_release("pulled")
    client.force_login(people["publisher"])
    step(client, release, "withdraw")
    assert release.state == PUBLISHED
    step(
        client,
        release,
        "withdraw",
        clearance_comment="Wrong figures",
        clearance_public_note="See the corrected release.",
    )
    assert release.state == WITHDRAWN
    page = client.get("/en/press-releases/pulled-en/")
    assert page.status_code == 410
    assert "See the corrected release." in page.content.decode()
    assert "Wrong figures" not in page.content.decode()
    entry = AuditEntry.objects.get(action=Action.WITHDRAW)
    assert entry.details == {
        "reason": "Wrong figures",
        "note": "See the corrected release.",
    }


def test_a_withdrawal_note_is_marked_with_its_language(client, people):
    """The box asks for the public note in the item's original language, and the
    410 page in every language marks the note with it."""
    release = make_release("retire", original="fr", versions={"es": READY})
    client.force_login(people["publisher"])
    form = parse(client.get(admin_url(PressRelease, "change", release.pk)))
    help_text = form.xpath("//div[@id='id_clearance_public_note_help']")[0]
    assert "original language: French" in help_text.text_content()
    step(
        client,
        release,
        "withdraw",
        clearance_comment="Wrong figures",
        clearance_public_note="Voir le communiqué corrigé.",
    )
    client.logout()
    for lang in ("en", "fr", "es"):
        with translation.override(lang):
            page = client.get(reverse("newsroom:release-detail", args=["retire-fr"]))
        assert page.status_code == 410
        note = parse(page).xpath("//p[@class='withdrawal-note']")[0]
        assert (note.text, note.get("lang")) == ("Voir le communiqué corrigé.", "fr")


def test_state_label_is_known():
    assert PublicationState.APPROVED.label == "Approved"


def test_publishers_see_the_changes_waiting(client, people):
    """A live release's working copy is counted for publishers, and its link
    lists exactly the releases with changes waiting."""
    from newsroom.clearance import revisions

    live, other = make_release("edited"), make_release("untouched")
    live.lead_en = "New lead."
    revisions.save_working_copy(live, people["writer"])
    client.force_login(people["publisher"])
    rows = parse(client.get("/admin/")).xpath("//div[@id='waiting-module']//tr")
    assert [" ".join(row.itertext()).split() for row in rows] == [
        ["Press", "releases", "·", "Changes", "waiting", "1"]
    ]
    listing = parse(client.get(rows[0].xpath(".//a/@href")[0]))
    titles = listing.xpath("//th[@class='field-__str__']//a/text()")
    assert titles == ["edited title en"] and other.pk


def test_the_form_does_not_ask_for_the_originals_readiness(client, people):
    """The original's translation state is no field of the change form; the
    other languages' are."""
    release = make_release("asked", original="fr", state=DRAFT)
    client.force_login(people["writer"])
    tree = parse(client.get(admin_url(PressRelease, "change", release.pk)))
    assert not tree.xpath("//select[@name='version_state_fr']")
    assert tree.xpath("//select[@name='version_state_en']")


def translate_in_form(client, release, title, slug, state):
    """Save the release's change form with a whole French version in `state`."""
    change = admin_url(PressRelease, "change", release.pk)
    data = form_data(client.get(change))
    data.update(title_fr=title, slug_fr=slug, **FRENCH_TEXTS, version_state_fr=state)
    assert client.post(change, data).status_code == 302


def test_a_translation_of_a_live_release_waits_for_publication(client, people):
    """A translator's French version of a live release, marked ready, reaches the
    public when a publisher publishes the changes."""
    release = make_release("worldwide")
    client.force_login(people["translator"])
    translate_in_form(
        client, release, "Dans le monde", "dans-le-monde", VersionState.READY
    )
    assert client.get("/fr/communiques-de-presse/dans-le-monde/").status_code == 404
    client.force_login(people["publisher"])
    step(client, release, "publish_changes")
    assert release.translation_state("fr") == VersionState.READY
    page = client.get("/fr/communiques-de-presse/dans-le-monde/")
    assert page.status_code == 200 and "Dans le monde" in page.content.decode()


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("en", {"writer": "Writer", "translator": "Translator (French)"}),
        ("fr", {"writer": "Rédacteur", "translator": "Traducteur (français)"}),
    ],
)
def test_the_user_list_names_each_ones_roles(client, people, lang, expected):
    """The administrator sees who holds which role, in the admin's language,
    without opening each account."""
    admin = User.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    client.post("/i18n/setlang/", {"language": lang, "next": "/admin/"})
    tree = parse(client.get(reverse("admin:auth_user_changelist")))
    roles = {
        row.xpath("string(.//th[contains(@class, 'field-username')])"): row.xpath(
            "string(.//td[contains(@class, 'field-roles')])"
        )
        for row in tree.xpath("//table[@id='result_list']/tbody/tr")
    }
    for name, role in expected.items():
        assert roles[name] == role
