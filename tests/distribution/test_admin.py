"""The distribution in the admin: each item's distribution page (counts, reasons,
sending, preview, test), the panel on the change form, subscribers and the media
list with filters and CSV files, and the records' actions."""

import csv
import io

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from newsroom.distribution.dispatching import fan_out
from newsroom.distribution.models import (
    Delivery,
    Dispatch,
    EmbargoLink,
    Journalist,
    Subscriber,
)
from newsroom.distribution.sending import send_due
from tests.factories import (
    ahead,
    form_data,
    make_event,
    make_journalist,
    make_region,
    make_release,
    make_subscriber,
    make_topic,
    parse,
)

from .conftest import header, work_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", None
    )
    client.force_login(user)
    return client


def item_url(item, kind="release"):
    return reverse("admin:distribution_item", kwargs={"kind": kind, "pk": item.pk})


def test_the_change_form_shows_the_distribution_panel(editor, smtp):
    """A release's change form sums up its mailings and links to its page."""
    release = make_release()
    make_subscriber()
    fan_out(release)
    send_due()
    page = editor.get(reverse("admin:newsroom_pressrelease_change", args=[release.pk]))
    assert page.status_code == 200
    panel = parse(page).xpath("//div[contains(@class, 'field-distribution')]")[0]
    assert "1 sent" in panel.text_content()
    assert panel.xpath(f".//a[@href='{item_url(release)}']")
    event = make_event()
    page = editor.get(reverse("admin:newsroom_event_change", args=[event.pk]))
    assert "Not sent by email yet." in page.content.decode()


def test_the_distribution_page_counts_each_status_and_gives_reasons(editor, smtp):
    """Pending, sent and failed deliveries are counted per version; failures come
    with their reasons."""
    release = make_release()
    for index in range(3):
        make_subscriber(f"r{index}@example.org")
    smtp.refuse.add("r1@example.org")
    fan_out(release)
    send_due()
    make_subscriber("late@example.org")
    fan_out(release, force=True)
    page = parse(editor.get(item_url(release)))
    headings = page.xpath("//table[@id='mailings']/thead//th/text()")
    cells = [
        cell.text_content()
        for cell in page.xpath("//table[@id='mailings']/tbody/tr[1]/td")
    ]
    counts = dict(zip(headings, cells, strict=True))
    assert counts["Sent"] == "2"
    assert counts["Failed"] == "1"
    assert counts["Pending"] == "1"
    failures = page.xpath("string(//table[@id='failures'])")
    assert "r1@example.org" in failures and "550" in failures


def test_send_now_embargo_and_correction_buttons(editor, smtp):
    """The page's buttons send to everyone, under embargo, or a correction."""
    scheduled = make_release("scoop", publish_at=ahead(hours=1))
    journalist = make_journalist("ana", accredited=True)
    response = editor.post(item_url(scheduled), {"action": "embargo"})
    assert response.status_code == 302
    send_due()
    assert smtp.recipients() == [journalist.email]
    assert Dispatch.objects.get().created_by.username == "editor"
    # Sending a scheduled release to everyone is refused.
    editor.post(item_url(scheduled), {"action": "send"})
    assert Delivery.objects.count() == 1
    scheduled.publish_at = timezone.now()
    scheduled.save()
    make_subscriber("reader@example.org")
    editor.post(item_url(scheduled), {"action": "send"})
    send_due()
    assert sorted(smtp.recipients()) == [journalist.email, "reader@example.org"]
    editor.post(item_url(scheduled), {"action": "correction"})
    send_due()
    assert len(smtp.recipients()) == 4
    assert Dispatch.objects.filter(reason="correction").count() == 1


def test_the_withdrawal_notice_button(editor, smtp):
    """The recipients of an item are told of its withdrawal once, on request, and
    only once it is withdrawn."""
    release = make_release("scoop")
    make_subscriber("reader@example.org")
    editor.post(item_url(release), {"action": "send"})
    send_due()
    response = editor.post(item_url(release), {"action": "withdrawal"}, follow=True)
    assert "Only a withdrawn item" in response.content.decode()
    release.state = "withdrawn"
    release.save()
    page = parse(editor.get(item_url(release)))
    assert page.xpath("//button[@value='withdrawal']")
    response = editor.post(item_url(release), {"action": "withdrawal"}, follow=True)
    assert "being told of the withdrawal" in response.content.decode()
    response = editor.post(item_url(release), {"action": "withdrawal"}, follow=True)
    assert "already" in response.content.decode()
    send_due()
    assert smtp.recipients() == ["reader@example.org"] * 2
    assert Dispatch.objects.filter(reason="withdrawal").count() == 1
    assert not parse(editor.get(item_url(release))).xpath(
        "//button[@value='withdrawal']"
    )


def test_withdrawing_an_emailed_release_points_to_the_notice(editor, smtp):
    """Withdrawing a release that went out by email says how many received it and
    links to where they are told; a release nobody received says nothing of it."""
    emailed, quiet = make_release("emailed"), make_release("quiet")
    make_subscriber("reader@example.org")
    fan_out(emailed)
    send_due()
    for release in (emailed, quiet):
        change = reverse("admin:newsroom_pressrelease_change", args=[release.pk])
        data = form_data(editor.get(change))
        data.update(_clearance="withdraw", clearance_comment="Wrong figures")
        response = editor.post(change, data, follow=True)
        release.refresh_from_db()
        assert release.state == "withdrawn"
        shown = [str(message) for message in response.context["messages"]]
        told = [text for text in shown if "received it by email" in text]
        if release is quiet:
            assert told == []
            continue
        [text] = told
        assert text.startswith(f"{release}: 1 person received it by email")
        assert f'href="{item_url(release)}"' in text


def test_withdrawing_from_the_list_points_to_the_notice_too(editor, smtp):
    """The list's Withdraw says the same as the form's step, for each emailed
    item it withdrew."""
    emailed, quiet = make_release("emailed"), make_release("quiet")
    make_subscriber("reader@example.org")
    fan_out(emailed)
    send_due()
    response = editor.post(
        reverse("admin:newsroom_pressrelease_changelist"),
        {
            "action": "withdraw",
            "_selected_action": [emailed.pk, quiet.pk],
            "confirm": "yes",
            "reason": "Wrong figures",
            **{
                f"revision_{release.pk}": release.revision
                for release in (emailed, quiet)
            },
        },
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert "2 items withdrawn." in shown
    [told] = [text for text in shown if "received it by email" in text]
    assert told.startswith(f"{emailed}: 1 person")
    assert f'href="{item_url(emailed)}"' in told


def test_the_previews_read_in_french(editor):
    """In French, each language's previews follow its state after a no-break
    space and a colon."""
    release = make_release("news", versions={"fr": "ready"})
    page = editor.get(item_url(release), headers={"accept-language": "fr"})
    items = parse(page).xpath("//li[a[contains(@href, '?format=text')]]")
    assert items[0].text_content().startswith("anglais (Prête)\u00a0: HTML")


def test_preview_in_each_language(editor):
    """The preview shows the email as a reader of each language gets it, HTML or
    plain text; a language not ready shows the original with the notice."""
    release = make_release("news", versions={"fr": "ready", "es": "draft"})
    url = reverse(
        "admin:distribution_preview",
        kwargs={"kind": "release", "pk": release.pk, "lang": "fr"},
    )
    response = editor.get(url)
    assert response.status_code == 200
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    html = lxml.html.fromstring(response.content.decode())
    assert html.get("lang") == "fr"
    assert html.xpath("string(//h1)") == "news title fr"
    text = editor.get(url.replace("/fr/", "/es/") + "?format=text")
    assert text["Content-Type"].startswith("text/plain")
    body = text.content.decode()
    assert "news title en" in body and "aún no está disponible" in body
    assert "news title es" not in body


@pytest.mark.django_db(transaction=True)
def test_send_a_test_to_oneself(editor, smtp):
    """ "Send me a test" emails the editor through the worker, in the language
    chosen."""
    event = make_event("summit", versions={"es": "ready"})
    editor.post(item_url(event, "event"), {"action": "test", "language": "es"})
    work_queue()
    [message] = smtp.messages
    assert header(message, "To") == "editor@example.org"
    assert header(message, "Content-Language") == "es"
    assert [part.get_filename() for part in message.iter_attachments()] == [
        "summit-es.ics"
    ]


def test_staff_without_permission_cannot_send(client, django_user_model):
    """A staff user without the distribution's permissions can neither see an
    item's distribution page nor send."""
    user = django_user_model.objects.create_user("intern", password="x", is_staff=True)
    client.force_login(user)
    release = make_release()
    make_subscriber()
    assert client.get(item_url(release)).status_code == 403
    assert client.post(item_url(release), {"action": "send"}).status_code == 403
    assert not Delivery.objects.exists()


def test_subscribers_are_filtered_exported_and_never_added_by_hand(editor):
    """Subscribers can be filtered by status and language and exported as CSV
    (formulas defused); no one adds them without their consent."""
    make_subscriber("fr@example.org", languages="fr en")
    make_subscriber("=HYPERLINK(1)@example.org", languages="en")
    make_subscriber("pending@example.org", status="pending")
    changelist = reverse("admin:distribution_subscriber_changelist")
    page = parse(editor.get(changelist + "?language=fr"))
    assert page.xpath("string(//table[@id='result_list'])").count("@example.org") == 1
    page = parse(editor.get(changelist + "?status__exact=pending"))
    assert "pending@example.org" in page.xpath("string(//table[@id='result_list'])")
    assert editor.get(reverse("admin:distribution_subscriber_add")).status_code == 403
    response = editor.post(
        changelist,
        {
            "action": "export_csv",
            "_selected_action": Subscriber.objects.values_list("pk", flat=True),
        },
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row["email"] for row in rows} == {
        "fr@example.org",
        "'=hyperlink(1)@example.org",
        "pending@example.org",
    }
    assert {row["languages"] for row in rows} >= {"fr en"}


def upload(text):
    return SimpleUploadedFile("media.csv", text.encode("utf-8-sig"), "text/csv")


def test_the_media_list_imports_and_exports_csv(editor):
    """A CSV file adds and updates journalists (by email); the export reads back
    the same."""
    topic = make_topic("climate")
    region = make_region("europe")
    make_journalist("old", email="old@example.com", outlet="Old Times")
    text = (
        "name;email;outlet;languages;accredited;topics;regions\n"
        "Ana Ruiz;ANA@example.com;El Diario;es fr;yes;climate-en;europe\n"
        "Old Hand;old@example.com;New Times;en;no;;\n"
    )
    url = reverse("admin:distribution_journalist_import")
    response = editor.post(url, {"file": upload(text)})
    assert response.status_code == 302
    ana = Journalist.objects.get(email="ana@example.com")
    assert (ana.name, ana.outlet, ana.languages, ana.accredited) == (
        "Ana Ruiz",
        "El Diario",
        "es fr",
        True,
    )
    assert list(ana.topics.all()) == [topic] and list(ana.regions.all()) == [region]
    assert Journalist.objects.get(email="old@example.com").outlet == "New Times"
    exported = editor.post(
        reverse("admin:distribution_journalist_changelist"),
        {
            "action": "export_csv",
            "_selected_action": Journalist.objects.values_list("pk", flat=True),
        },
    )
    Journalist.objects.all().delete()
    again = editor.post(url, {"file": upload(exported.content.decode("utf-8-sig"))})
    assert again.status_code == 302
    ana = Journalist.objects.get(email="ana@example.com")
    assert ana.accredited and list(ana.topics.all()) == [topic]


def test_a_bad_media_list_imports_nothing_and_says_which_lines(editor):
    """One bad line and nothing is imported: each problem is named with its line."""
    text = (
        "name,email,languages,accredited,topics\n"
        "Good,good@example.com,en,no,\n"
        "Bad email,not-an-email,en,no,\n"
        "Bad language,bad@example.com,xx,maybe,nosuchtopic\n"
        "Twice,good@example.com,en,no,\n"
    )
    response = editor.post(
        reverse("admin:distribution_journalist_import"), {"file": upload(text)}
    )
    assert response.status_code == 400
    errors = parse(response).xpath("//div[@class='errornote']//li/text()")
    assert any(error.startswith("Line 3:") and "email" in error for error in errors)
    assert any(error.startswith("Line 4:") and "xx" in error for error in errors)
    assert any(error.startswith("Line 4:") and "maybe" in error for error in errors)
    assert any(
        error.startswith("Line 4:") and "nosuchtopic" in error for error in errors
    )
    assert any(error.startswith("Line 5:") for error in errors)
    assert not Journalist.objects.exists()
    no_header = editor.post(
        reverse("admin:distribution_journalist_import"),
        {"file": upload("who,where\nx,y\n")},
    )
    assert no_header.status_code == 400
    assert "email" in parse(no_header).xpath("string(//ul[@class='errorlist'])")


def test_a_media_list_with_mac_line_endings_imports(editor):
    """A file saved as Excel's "CSV (Macintosh)", its lines ended by \\r alone,
    imports every row."""
    text = (
        "name,email,languages\rAna Ruiz,ana@example.com,es\r"
        "Ben Ali,ben@example.com,fr\r"
    )
    response = editor.post(
        reverse("admin:distribution_journalist_import"), {"file": upload(text)}
    )
    assert response.status_code == 302
    assert sorted(Journalist.objects.values_list("name", "email")) == [
        ("Ana Ruiz", "ana@example.com"),
        ("Ben Ali", "ben@example.com"),
    ]


def test_a_media_list_the_csv_reader_refuses_imports_nothing(editor):
    """A cell longer than the CSV reader's limit: the file is refused with the
    reason on the form, and not even its good lines are imported."""
    text = (
        "name,email,languages,notes\n"
        "Good,good@example.com,en,\n"
        f"Long,long@example.com,en,{'x' * 200_000}\n"
    )
    response = editor.post(
        reverse("admin:distribution_journalist_import"), {"file": upload(text)}
    )
    assert response.status_code == 400
    error = parse(response).xpath("string(//ul[@class='errorlist'])")
    assert "not a valid CSV file" in error and "field limit" in error
    assert not Journalist.objects.exists()


def test_retry_cancel_and_revoke_actions(editor, smtp):
    """Failed deliveries can be tried again, unsent ones cancelled, embargo links
    revoked."""
    release = make_release()
    make_subscriber("bounce@example.org")
    make_subscriber("other@example.org")
    smtp.refuse.add("bounce@example.org")
    fan_out(release)
    send_due()
    failed = Delivery.objects.get(status="failed")
    smtp.refuse.clear()
    editor.post(
        reverse("admin:distribution_delivery_changelist"),
        {"action": "retry", "_selected_action": [failed.pk]},
    )
    send_due()
    assert sorted(smtp.recipients()) == ["bounce@example.org", "other@example.org"]
    scheduled = make_release(publish_at=ahead(hours=1))
    journalist = make_journalist("ana", accredited=True)
    link = EmbargoLink.objects.create(release=scheduled, journalist=journalist)
    editor.post(
        reverse("admin:distribution_embargolink_changelist"),
        {"action": "revoke", "_selected_action": [link.pk]},
    )
    link.refresh_from_db()
    assert link.revoked_at is not None
    page = editor.get(
        reverse("admin:distribution_delivery_changelist")
        + f"?dispatch__release__id__exact={release.pk}"
    )
    assert page.status_code == 200
