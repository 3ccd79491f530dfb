"""End to end in Chromium: a release goes writer → approver → publisher in the
admin; approvers and publishers are emailed (a real SMTP peer, through the task
worker), each step is in the item's audit trail, and the public sees it."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from newsroom.clearance import roles
from newsroom.models import PressRelease
from tests.clearance.conftest import ensure_roles
from tests.distribution.conftest import start_smtp, use_smtp, work_queue
from tests.ports import free_ports

PASSWORD = "a-long-test-password"
TITLE = "Regional office opens in Baku"


@pytest.fixture
def inbox(settings):
    (port,) = free_ports(1)
    inbox, controller = start_smtp(port)
    use_smtp(settings, port)
    yield inbox
    controller.stop()


def log_in(page, username):
    page.context.clear_cookies()
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_release_is_cleared_and_published(page, inbox, django_user_model):
    """Writer submits, approver approves from the "Waiting for me" panel,
    publisher publishes; emails arrive and the audit trail shows who did what."""
    ensure_roles()
    for name, group in [
        ("writer", roles.WRITER),
        ("approver", roles.APPROVER),
        ("publisher", roles.PUBLISHER),
    ]:
        user = django_user_model.objects.create_user(
            name, f"{name}@example.org", PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))

    log_in(page, "writer")
    page.goto("/admin/newsroom/pressrelease/add/")
    page.fill("#id_title_en", TITLE)
    page.fill("#id_lead_en", "The office will serve the region.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Submit for review: done.")).to_be_visible()
    release = PressRelease.objects.get()
    assert release.state == "review"

    log_in(page, "approver")
    waiting = page.locator("#waiting-module")
    expect(waiting).to_contain_text("Press releases · In review")
    waiting.get_by_role("link").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Approve: done.")).to_be_visible()

    log_in(page, "publisher")
    page.locator("#waiting-module").get_by_role("link").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("Publish: done.")).to_be_visible()
    release.refresh_from_db()
    assert release.is_live and release.translation_state("en") == "ready"

    page.get_by_role("link", name="History").click()
    rows = page.locator("#audit-entries tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("publisher")
    expect(rows.nth(0)).to_contain_text("Published")
    expect(rows.nth(1)).to_contain_text("approver")
    expect(rows.nth(2)).to_contain_text("writer")
    expect(rows.nth(2)).to_contain_text("Submitted for review")

    work_queue()
    assert sorted((m["To"], m["Subject"]) for m in inbox.messages) == [
        ("approver@example.org", f"Waiting for your approval: {TITLE}"),
        ("publisher@example.org", f"Approved, waiting for publication: {TITLE}"),
    ]

    page.context.clear_cookies()
    page.goto("/en/press-releases/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
