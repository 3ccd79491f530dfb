"""The newsroom admin: lists that show each language version's state, filters,
actions that respect the publication rules, and forms that never let two editors
overwrite each other silently."""

import datetime
import io

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from PIL import Image

from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import Event, MediaContact, Page, Photo, PressRelease, Topic
from tests.factories import (
    ahead,
    form_data,
    make_contact,
    make_event,
    make_office,
    make_page,
    make_release,
    make_topic,
    parse,
    shared_rows,
    text_of,
)

pytestmark = pytest.mark.django_db

DRAFT, READY = VersionState.DRAFT, VersionState.READY
MODELS = [PressRelease, Event, Page, Topic, MediaContact, Photo]


@pytest.fixture
def editor(client):
    user = User.objects.create_superuser("editor", "editor@example.org", "x")
    client.force_login(user)
    return user


def admin_url(model, view="changelist", *args):
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def read_forms(django_db_blocker, makers):
    """{name: (item, the POST data of its change form)} for the items that
    `makers` ({name: function}) make, made once for a class (rolled back after
    it; each test's writes roll back at its end), each form read as an editor
    of the site's zone is sent it."""

    @override_settings(TIME_ZONE="Europe/Zurich")
    def build():
        client = Client()
        client.force_login(User.objects.create_superuser("reader", "r@example.org"))
        forms = {}
        for name, make in makers.items():
            item = make()
            change = admin_url(type(item), "change", item.pk)
            forms[name] = item, form_data(client.get(change))
        return forms

    return shared_rows(django_db_blocker, build)


def run_action(client, model, action, items, **extra):
    return client.post(
        admin_url(model),
        {"action": action, "_selected_action": [item.pk for item in items], **extra},
        follow=True,
    )


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_admin_pages_load(client, editor, model, lang):
    """The list, add and change pages of every newsroom model answer 200, in the
    editor's language."""
    items = {
        PressRelease: make_release,
        Event: make_event,
        Page: make_page,
        Topic: make_topic,
        MediaContact: make_contact,
    }
    headers = {"HTTP_ACCEPT_LANGUAGE": lang}
    assert client.get(admin_url(model), **headers).status_code == 200
    assert client.get(admin_url(model, "add"), **headers).status_code == 200
    if model in items:
        item = items[model]()
        response = client.get(admin_url(model, "change", item.pk), **headers)
        assert response.status_code == 200


@pytest.mark.parametrize(
    ("lang", "header"),
    [("en", "Newsroom administration"), ("fr", "Administration de la salle de presse")],
)
def test_admin_names_the_product_in_the_editors_language(client, editor, lang, header):
    """The admin's header names the newsroom, not Django, in the editor's language."""
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE=lang)
    assert header in response.content.decode()
    assert "Django" not in parse(response).xpath("string(//header)")


class TestReleaseList:
    def test_badges_per_language(self, client, editor):
        """Each row has one badge per language: missing, draft, ready or outdated,
        each linking to the staff preview in that language."""
        release = make_release("badged", versions={"fr": DRAFT})
        PressRelease.objects.filter(pk=release.pk).update(version_state_es="")
        release.refresh_from_db()
        release.title_en = "Changed"
        release.set_translation_state("fr", READY)
        release.save()
        release.title_en = "Changed again"
        release.save()
        tree = parse(client.get(admin_url(PressRelease)))
        badges = tree.xpath("//td[@class='field-languages']/a")
        assert [badge.text_content() for badge in badges] == [
            "EN · Ready",
            "FR · Outdated",
            "ES · Missing",
        ]
        assert badges[1].get("href") == f"/fr/preview/press-release/{release.pk}/"

    def test_embargo_shown_with_its_time_zone(self, client, editor):
        """A scheduled release reads "Embargoed until <time> (<zone>)", the zone
        free to break after its slash in the narrow column (<wbr>)."""
        make_release(
            "later",
            publish_at=datetime.datetime(2040, 3, 1, 8, 0, tzinfo=datetime.UTC),
        )
        tree = parse(client.get(admin_url(PressRelease)))
        cell = tree.xpath("//td[@class='field-publication']")[0]
        assert cell.text_content() == (
            "Embargoed until 1 March 2040, 09:00 (Europe/Zurich)"
        )
        assert cell.xpath(".//wbr/preceding-sibling::text()")[-1].endswith("Europe/")

    @pytest.mark.parametrize(
        "query, expected",
        [
            ("version_state_es__exact=missing", {"none", "blank"}),
            ("version_state_es__exact=draft", {"drafted"}),
            ("version_state_es__exact=ready", {"done"}),
            ("state__exact=draft", {"blank"}),
            ("year=2019", {"none"}),
            ("issuing_office__id__exact=OFFICE", {"drafted"}),
            ("topics__id__exact=TOPIC", {"done"}),
        ],
    )
    def test_filters(self, client, editor, query, expected):
        """Filters by language version (missing includes never started), state,
        year, office and topic."""
        office, topic = make_office("geneva"), make_topic("health")
        make_release(
            "none", publish_at=datetime.datetime(2019, 5, 1, tzinfo=datetime.UTC)
        )
        blank = make_release("blank", state=PublicationState.DRAFT)
        PressRelease.objects.filter(pk=blank.pk).update(version_state_es="")
        make_release("drafted", versions={"es": DRAFT}, issuing_office=office)
        make_release("done", versions={"es": READY}, topics=[topic])
        query = query.replace("OFFICE", str(office.pk)).replace("TOPIC", str(topic.pk))
        tree = parse(client.get(f"{admin_url(PressRelease)}?{query}"))
        titles = {
            link.text_content().split()[0]
            for link in tree.xpath("//th[@class='field-__str__']/a")
        }
        assert titles == expected

    def test_search_in_any_language(self, client, editor):
        """The search finds a release by its title in any language."""
        make_release("wanted", versions={"fr": DRAFT})
        make_release("other")
        tree = parse(client.get(f"{admin_url(PressRelease)}?q=wanted+title+fr"))
        assert len(tree.xpath("//th[@class='field-__str__']")) == 1


class TestActions:
    def test_publish_needs_an_approval_and_readies_the_original(self, client, editor):
        """Bulk publishing confirms first; approved items go out (their original
        becomes ready, a release without a time goes out now); an item without
        an approval is skipped with the reason."""
        approved = make_release(
            "approved",
            state=PublicationState.APPROVED,
            publish_at=None,
            versions={"en": DRAFT},
        )
        unapproved = make_release("unapproved", state=PublicationState.DRAFT)
        asked = run_action(client, PressRelease, "publish", [approved, unapproved])
        assert sorted(parse(asked).xpath("//ul[@id='confirm-items']/li/text()")) == [
            "approved title en — Approved",
            "unapproved title en — Draft",
        ]
        response = run_action(
            client, PressRelease, "publish", [approved, unapproved], confirm="yes"
        )
        approved.refresh_from_db()
        unapproved.refresh_from_db()
        assert approved.is_live and approved.translation_state("en") == READY
        assert unapproved.state == PublicationState.DRAFT
        shown = messages_of(response)
        assert shown[0] == "1 item published."
        assert shown[1].startswith("1 item skipped: This item has not been approved")
        assert f"?id__in={unapproved.pk}" in shown[1]

    def test_publish_keeps_a_future_time(self, client, editor):
        """Publishing a release with a future time schedules it (an embargo)."""
        moment = ahead(days=3)
        release = make_release(
            "embargo", state=PublicationState.APPROVED, publish_at=moment
        )
        run_action(client, PressRelease, "publish", [release], confirm="yes")
        release.refresh_from_db()
        assert release.is_scheduled and release.publish_at == moment

    def test_withdraw(self, client, editor):
        """Withdrawing asks for a reason; withdrawn releases leave the site with a
        410 that shows the public note."""
        release = make_release("pulled")
        refused = run_action(client, PressRelease, "withdraw", [release], confirm="yes")
        assert "Give the reason for the withdrawal." in messages_of(refused)
        assert client.get("/en/press-releases/pulled-en/").status_code == 200
        run_action(
            client,
            PressRelease,
            "withdraw",
            [release],
            confirm="yes",
            reason="Legal asked",
            public_note="Replaced by a newer release.",
        )
        response = client.get("/en/press-releases/pulled-en/")
        assert response.status_code == 410
        assert "Replaced by a newer release." in response.content.decode()
        assert "Legal asked" not in response.content.decode()

    def test_bulk_actions_skip_a_row_saved_meanwhile(self, client, editor):
        """An item saved after the confirmation page was shown is skipped and
        named, its edit kept; the others are changed."""
        kept, edited = make_release("kept"), make_release("edited")
        run_action(client, PressRelease, "withdraw", [kept, edited])
        seen = {f"revision_{item.pk}": item.revision for item in (kept, edited)}
        edited.lead_en = "Saved meanwhile"
        edited.save()
        response = run_action(
            client,
            PressRelease,
            "withdraw",
            [kept, edited],
            confirm="yes",
            reason="Old",
            **seen,
        )
        kept.refresh_from_db()
        edited.refresh_from_db()
        assert kept.state == PublicationState.WITHDRAWN
        assert edited.state == PublicationState.PUBLISHED
        assert edited.lead_en == "Saved meanwhile"
        assert "edited title en" in messages_of(response)[1]

    def test_a_row_saved_meanwhile_is_named_in_the_staff_language(self, client, editor):
        """In French the skipped row's message is one sentence, with French
        punctuation, in the singular ("rouvrez-le", "le voir")."""
        edited = make_release("edited")
        seen = {f"revision_{edited.pk}": edited.revision}
        edited.lead_en = "Saved meanwhile"
        edited.save()
        response = client.post(
            admin_url(PressRelease),
            {
                "action": "withdraw",
                "_selected_action": [edited.pk],
                "confirm": "yes",
                "reason": "Old",
                **seen,
            },
            follow=True,
            HTTP_ACCEPT_LANGUAGE="fr",
        )
        assert strip_tags(messages_of(response)[0]) == (
            "1 élément ignoré, car quelqu’un l’a enregistré entre-temps\u202f; "
            "rouvrez-le\u00a0: edited title en (le voir)"
        )

    @pytest.mark.parametrize(
        "model, factory",
        [(PressRelease, make_release), (Event, make_event), (Page, make_page)],
    )
    def test_mark_a_language_ready(self, client, editor, model, factory):
        """One action per language marks that version ready; items without text
        in that language are skipped and named."""
        drafted = factory("drafted", versions={"fr": DRAFT})
        untranslated = factory("untranslated")
        titled = factory("titled", title_fr="Titre", version_state_fr=DRAFT)
        response = run_action(
            client, model, "mark_ready_fr", [drafted, untranslated, titled]
        )
        for item in (drafted, untranslated, titled):
            item.refresh_from_db()
        assert drafted.translation_state("fr") == READY
        assert untranslated.translation_state("fr") == VersionState.MISSING
        assert titled.translation_state("fr") == DRAFT
        shown = messages_of(response)
        assert shown[0] == "1 French version marked ready."
        skipped = sorted(shown[1:])
        assert skipped[0].startswith("1 item skipped: no text in this language")
        assert f"?id__in={untranslated.pk}" in skipped[0]
        assert skipped[1].startswith("1 item skipped: not translated in full (")
        assert f"?id__in={titled.pk}" in skipped[1]

    def test_mark_ready_leaves_a_drafts_original_to_the_workflow(self, client, editor):
        """As in the form, an original's readiness is not asked for: a French
        draft's French version becomes ready when it is submitted, not from the
        list."""
        draft = make_release(
            "brouillon",
            original="fr",
            state=PublicationState.DRAFT,
            versions={"fr": DRAFT},
        )
        response = run_action(client, PressRelease, "mark_ready_fr", [draft])
        draft.refresh_from_db()
        assert draft.translation_state("fr") == DRAFT
        [skipped] = messages_of(response)
        assert skipped.startswith(
            "1 item skipped: the original, ready once it is submitted"
        )

    def test_renew_embargo_link(self, client, editor):
        """Renewing the embargo link makes the old one stop working."""
        release = make_release("leaky", publish_at=ahead(days=1))
        old = reverse(
            "newsroom:release-embargo", kwargs={"token": release.embargo_token}
        )
        assert client.get(old).status_code == 200
        run_action(client, PressRelease, "renew_embargo_link", [release])
        assert client.get(old).status_code == 404


class TestChangeForm:
    def test_links_per_language(self, client, editor):
        """The form links the public page of each ready language of a live release
        and the staff preview of every language."""
        release = make_release("linked", versions={"fr": READY, "es": DRAFT})
        tree = parse(client.get(admin_url(PressRelease, "change", release.pk)))
        links = tree.xpath("//ul[@class='nr-links']//a/@href")
        assert links == [
            "/en/press-releases/linked-en/",
            f"/en/preview/press-release/{release.pk}/",
            "/fr/communiques-de-presse/linked-fr/",
            f"/fr/preview/press-release/{release.pk}/",
            f"/es/preview/press-release/{release.pk}/",
        ]

    @pytest.mark.parametrize(
        "lang, lines",
        [
            ("en", ["English: View on site · Preview", "French: Missing"]),
            (
                "fr",
                [
                    "Anglais\u00a0: Voir sur le site · Aperçu",
                    "Français\u00a0: Manquante",
                ],
            ),
        ],
    )
    def test_links_name_each_language_and_skip_a_missing_one(
        self, client, editor, lang, lines
    ):
        """Each line starts with its language's name, capitalised, and the
        language's separator; a language not written has no preview to offer."""
        release = make_release("linked", versions={"es": DRAFT})
        tree = parse(
            client.get(
                admin_url(PressRelease, "change", release.pk),
                HTTP_ACCEPT_LANGUAGE=lang,
            )
        )
        items = tree.xpath("//ul[@class='nr-links']/li")
        assert [item.text_content() for item in items[:2]] == lines
        assert len(items[2].xpath("a")) == 1

    def test_embargo_link_while_scheduled(self, client, editor):
        """A scheduled release's form gives the secret embargo link."""
        release = make_release("soon", publish_at=ahead(days=1))
        html = client.get(admin_url(PressRelease, "change", release.pk)).content
        assert release.embargo_token in html.decode()

    def test_release_written_in_french_only(self, client, editor):
        """A release needs a title in its original language only; a missing slug
        is made from the title."""
        response = client.get(admin_url(PressRelease, "add"))
        data = form_data(response)
        data.update(
            original_language="fr",
            title_fr="Un communiqué",
            lead_fr="Le chapeau.",
            version_state_fr=READY,
            state=PublicationState.DRAFT,
        )
        response = client.post(admin_url(PressRelease, "add"), data)
        assert response.status_code == 302, messages_of(response)
        release = PressRelease.objects.get()
        assert release.slug_fr == "un-communique" and release.slug_en is None

    def test_original_title_is_required(self, client, editor):
        """A release whose original language has no title is refused."""
        data = form_data(client.get(admin_url(PressRelease, "add")))
        data.update(original_language="es", title_en="Only English")
        response = client.post(admin_url(PressRelease, "add"), data)
        assert response.status_code == 200
        assert "The original language needs a title." in response.content.decode()
        assert not PressRelease.objects.exists()

    def test_contacts_keep_their_order(self, client, editor):
        """The media contacts inline saves the editor's order."""
        office = make_office("vienna")
        first, second = (
            make_contact("ann", office=office),
            make_contact("bob", office=office),
        )
        release = make_release("ordered", contacts=[first, second])
        change = admin_url(PressRelease, "change", release.pk)
        data = form_data(client.get(change))
        data["releasecontact_set-0-order"] = ["5"]
        data["releasecontact_set-1-order"] = ["1"]
        # The release is live: saved and published in one go.
        data["_clearance"] = "publish_changes"
        assert client.post(change, data).status_code == 302
        assert [
            contact.name
            for contact in release.media_contacts.order_by("releasecontact__order")
        ] == ["Bob", "Ann"]
        tree = parse(client.get("/en/press-releases/ordered-en/"))
        assert [
            n.text for n in tree.xpath("//section[@class='media-contacts']//strong")
        ] == ["Bob", "Ann"]

    def test_correction_note_dates_itself(self, client, editor):
        """Writing a correction note sets the correction date when the editor
        leaves it empty; the publication date stays."""
        published = ahead(days=-3).replace(microsecond=0)
        release = make_release("fixed", publish_at=published)
        change = admin_url(PressRelease, "change", release.pk)
        data = form_data(client.get(change))
        data["correction_note_en"] = ["A figure was corrected."]
        data["_clearance"] = ["publish_changes"]
        assert client.post(change, data).status_code == 302
        release.refresh_from_db()
        assert release.corrected_at is not None
        assert timezone.now() - release.corrected_at < datetime.timedelta(minutes=1)
        assert release.publish_at == published


class TestOptimisticLock:
    """Two editors open the same item; the second to save is refused, with a clear
    message, and the first one's work stays."""

    @pytest.mark.parametrize(
        "model, factory, field",
        [
            (PressRelease, make_release, "lead_en"),
            (Event, make_event, "description_en"),
            (Page, make_page, "body_en"),
        ],
    )
    def test_second_save_is_refused(self, client, editor, model, factory, field):
        """The second of two editors who opened the same item cannot save over the
        first's text."""
        item = factory("shared", state=PublicationState.DRAFT)
        change = admin_url(model, "change", item.pk)
        first = form_data(client.get(change))
        # The second editor's page is the same as the first's (nothing was saved
        # in between): a copy of what the first was sent.
        second = {name: list(values) for name, values in first.items()}

        first[field] = ["First editor's text"]
        assert client.post(change, first).status_code == 302

        second[field] = ["Second editor's text"]
        response = client.post(change, second)
        assert response.status_code == 200
        assert "Someone else saved this item while you were editing it" in (
            response.content.decode()
        )
        item.refresh_from_db()
        assert "First editor's text" in getattr(item, field)

    def test_saving_again_after_reloading_works(self, client, editor):
        """After reloading the form, the editor saves normally."""
        release = make_release("shared", state=PublicationState.DRAFT)
        change = admin_url(PressRelease, "change", release.pk)
        stale = form_data(client.get(change))
        release.lead_en = "Saved elsewhere"
        release.save()
        assert client.post(change, stale).status_code == 200
        fresh = form_data(client.get(change))
        fresh["lead_en"] = ["Saved here"]
        assert client.post(change, fresh).status_code == 302
        release.refresh_from_db()
        assert release.lead_en == "Saved here"

    def test_a_form_without_revision_is_refused(self, client, editor):
        """A change posted without the revision it was loaded at is refused."""
        release = make_release("shared")
        change = admin_url(PressRelease, "change", release.pk)
        data = form_data(client.get(change))
        del data["loaded_revision"]
        data["lead_en"] = ["Posted without a revision"]
        response = client.post(change, data)
        assert response.status_code == 200
        assert "Someone else saved this item" in response.content.decode()
        release.refresh_from_db()
        assert release.lead_en == "shared lead en"


@pytest.fixture(scope="class")
def summit(django_db_setup, django_db_blocker):
    """A draft event and its change form, made and read once for a class."""
    makers = {"summit": lambda: make_event("summit", state=PublicationState.DRAFT)}
    with read_forms(django_db_blocker, makers) as forms:
        yield forms["summit"]


class TestEventTimes:
    """One event, made for the class, whose form each test posts."""

    def test_times_are_typed_in_the_events_time_zone(self, client, editor, summit):
        """An editor types the event's local time; it is stored as that moment and
        shown back the same way."""
        event, data = summit
        change = admin_url(Event, "change", event.pk)
        data = {**data}
        data.update(
            start_0="2031-05-01",
            start_1="10:00",
            end_0="2031-05-01",
            end_1="12:30",
            time_zone="Asia/Baku",
        )
        assert client.post(change, data).status_code == 302
        event.refresh_from_db()
        assert event.start == datetime.datetime(2031, 5, 1, 6, 0, tzinfo=datetime.UTC)
        shown = form_data(client.get(change))
        assert (shown["start_1"], shown["end_1"]) == (["10:00:00"], ["12:30:00"])

    def test_a_time_in_the_sites_daylight_saving_gap(self, client, editor, summit):
        """A local time that exists in the event's zone but not in the site's
        (02:30 on the night Zurich skips an hour) is taken; the publish time stays
        in the site's zone."""
        event, data = summit
        change = admin_url(Event, "change", event.pk)
        data = {**data}
        data.update(
            start_0="2025-03-30",
            start_1="02:30",
            end_0="2025-03-30",
            end_1="04:00",
            time_zone="Asia/Baku",
            publish_at_0="2025-03-01",
            publish_at_1="10:00",
        )
        response = client.post(change, data)
        assert response.status_code == 302, response.content.decode()
        event.refresh_from_db()
        UTC = datetime.UTC
        assert event.start == datetime.datetime(2025, 3, 29, 22, 30, tzinfo=UTC)
        assert event.publish_at == datetime.datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

    def test_unknown_time_zone_is_refused(self, client, editor, summit):
        """A time zone that does not exist is refused with a message."""
        event, data = summit
        change = admin_url(Event, "change", event.pk)
        data = {**data, "time_zone": "Mars/Olympus"}
        response = client.post(change, data)
        assert response.status_code == 200
        assert "Unknown time zone: Mars/Olympus." in response.content.decode()


@pytest.fixture(scope="class")
def titled(django_db_setup, django_db_blocker):
    """{model: (a live item in English only, its change form)}, made and read
    once for a class."""
    makers = {
        PressRelease: lambda: make_release("titled"),
        Event: lambda: make_event("titled"),
    }
    with read_forms(django_db_blocker, makers) as forms:
        yield forms


def french_state_errors(response):
    """The text of the errors the form gives on the French version's state."""
    return text_of(
        parse(response),
        "//div[contains(@class, 'field-version_state_fr')]//ul[@class='errorlist']",
    )


class TestVersionsNeedATitle:
    """A release and an event, made for the class, whose forms each test posts."""

    @pytest.mark.parametrize("model", [PressRelease, Event], ids=["release", "event"])
    @pytest.mark.parametrize("state", [READY, VersionState.OUTDATED])
    def test_public_version_without_title_is_refused(
        self, client, editor, titled, model, state
    ):
        """A language version set ready or outdated without a title is refused in
        the form, with the reason given on that language's state."""
        item, data = titled[model]
        change = admin_url(model, "change", item.pk)
        data = {**data, "version_state_fr": [state]}
        response = client.post(change, data)
        assert response.status_code == 200
        errors = french_state_errors(response)
        assert "A version needs a title before it is ready." in errors
        item.refresh_from_db()
        assert item.translation_state("fr") == VersionState.MISSING

    @pytest.mark.parametrize("model", [PressRelease, Event], ids=["release", "event"])
    def test_a_version_lacking_the_originals_text_is_not_ready(
        self, client, editor, titled, model
    ):
        """A version set ready with a title but without the text the original
        has elsewhere (a lead, a body, a description) is refused with the
        fields named, as the PO import refuses it: its page would show a title
        over nothing."""
        item, data = titled[model]
        change = admin_url(model, "change", item.pk)
        data = {**data, "version_state_fr": [READY], "title_fr": ["Titre"]}
        response = client.post(change, data)
        assert response.status_code == 200
        errors = french_state_errors(response)
        missing = {
            PressRelease: "lead, body, dateline city",
            Event: "description, venue, city",
        }
        assert f"The original has text in {missing[model]}:" in errors
        item.refresh_from_db()
        assert item.translation_state("fr") == VersionState.MISSING

    def test_a_ready_version_keeps_the_text_its_original_has(self, client, editor):
        """Emptying the lead of a ready French version is refused, as setting it
        ready without one is; an English lead added in the same save is not
        French's gap (the version becomes outdated)."""
        release = make_release(
            "complete", versions={"fr": READY}, state=PublicationState.DRAFT
        )
        change = admin_url(PressRelease, "change", release.pk)
        data = form_data(client.get(change))
        emptied = client.post(change, {**data, "lead_fr": ""})
        assert emptied.status_code == 200
        errors = french_state_errors(emptied)
        assert "The original has text in lead:" in errors
        release.refresh_from_db()
        assert release.lead_fr == "complete lead fr"
        noted = {
            **data,
            "notes_to_editors_en": "<p>Notes.</p>",
            "title_fr": "Titre corrigé",
        }
        assert client.post(change, noted).status_code == 302
        release.refresh_from_db()
        assert release.title_fr == "Titre corrigé"
        assert release.translation_state("fr") == VersionState.OUTDATED


class TestChangeFormExtras:
    @pytest.mark.parametrize(
        "lang, view, preview",
        [("en", "View on site", "Preview"), ("fr", "Voir sur le site", "Aperçu")],
    )
    def test_links_are_labelled_in_the_editors_language(
        self, client, editor, lang, view, preview
    ):
        """The links' labels are in the editor's language, whatever the language
        of the page they lead to."""
        release = make_release("linked", versions={"fr": READY, "es": READY})
        tree = parse(
            client.get(
                admin_url(PressRelease, "change", release.pk),
                HTTP_ACCEPT_LANGUAGE=lang,
            )
        )
        labels = [a.text for a in tree.xpath("//ul[@class='nr-links']//a")]
        assert labels == [view, preview] * 3

    def test_scheduled_release_says_until_when(self, client, editor):
        """The change form of a scheduled release says "Embargoed until <time>
        (<zone>)" in its publication fieldset."""
        release = make_release(
            "later",
            publish_at=datetime.datetime(2040, 3, 1, 8, 0, tzinfo=datetime.UTC),
        )
        tree = parse(client.get(admin_url(PressRelease, "change", release.pk)))
        field = tree.xpath("//fieldset//div[contains(@class, 'field-publication')]")
        assert "Embargoed until 1 March 2040, 09:00 (Europe/Zurich)" in (
            field[0].text_content()
        )

    def test_a_photo_in_use_cannot_be_deleted(self, client, editor):
        """Deleting a photo that a release or an event shows is refused, and the
        delete page names where it is used."""
        buffer = io.BytesIO()
        Image.new("RGB", (40, 30), "navy").save(buffer, "PNG")
        photo = Photo.objects.create(
            image=SimpleUploadedFile("used.png", buffer.getvalue()),
            alt_text_en="A blue square",
        )
        make_release("illustrated", main_photo=photo)
        make_event("pictured", photo=photo)
        delete = admin_url(Photo, "delete", photo.pk)
        page = client.get(delete).content.decode()
        assert "illustrated title en" in page and "pictured title en" in page
        client.post(delete, {"post": "yes"})
        assert Photo.objects.filter(pk=photo.pk).exists()


@pytest.mark.parametrize(
    "model, factory, query",
    [
        *[
            (PressRelease, make_release, query)
            for query in [
                "year=99999999999",
                "year=1",
                "year=0",
                "year=9999",
                "year=abc",
                "publish_at__year=99999999999",
                "publish_at__year=9999",
                "publish_at__year=1",
            ]
        ],
        (Event, make_event, "start__year=9999"),
        (Event, make_event, "start__year=1"),
    ],
)
def test_bad_year_filter_never_fails(client, editor, model, factory, query):
    """An impossible year in the admin's year filter or date hierarchy is not a
    server error: the list comes back unfiltered, with Django's invalid-filter
    flag."""
    factory("any")
    response = client.get(f"{admin_url(model)}?{query}")
    assert response.status_code == 302
    assert response["Location"] == f"{admin_url(model)}?e=1"
    assert "any title en" in client.get(response["Location"]).content.decode()
