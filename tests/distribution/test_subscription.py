"""The public side: subscribe in each language with double opt-in, the same
answer for every address, a honeypot and rate limits, and the signed links to
confirm, manage and unsubscribe without a login."""

import re
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from newsroom.distribution import links
from newsroom.distribution.dispatching import fan_out
from newsroom.distribution.models import Delivery, Subscriber
from newsroom.distribution.sending import send_due
from tests.factories import (
    make_journalist,
    make_release,
    make_subscriber,
    make_topic,
    parse,
)

from .conftest import CLOSED_PORT, body, header, work_queue

pytestmark = pytest.mark.django_db

URLS = {
    "en": "/en/email-alerts/",
    "fr": "/fr/alertes-courriel/",
    "es": "/es/alertas-por-correo/",
}


def subscribe_url(lang="en"):
    with translation.override(lang):
        return reverse("distribution:subscribe")


def form_data(email="new@example.org", **extra):
    return {
        "email": email,
        "languages": ["en"],
        "when_not_translated": "original",
        "kinds": ["releases", "events"],
        "consent": "on",
        **extra,
    }


def post(client, lang="en", **data):
    return client.post(subscribe_url(lang), form_data(**data))


def link_in(message, name):
    """The path of the first link of `message` whose URL contains `name`."""
    url = re.search(rf"https?://\S+/{name}/\S+/", body(message))[0]
    return urlsplit(url).path


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_the_subscription_page_has_translated_words_and_is_linked(client, lang):
    """Each language has the page at its own words, linked from the footer, the
    release list and each release."""
    assert subscribe_url(lang) == URLS[lang]
    page = parse(client.get(URLS[lang]))
    assert page.xpath("//form[@method='post']//input[@name='email']")
    assert page.xpath(f"//footer//a[@href='{URLS[lang]}']")
    release = make_release("news", versions={lang: "ready"})
    with translation.override(lang):
        listing = parse(client.get(reverse("newsroom:release-list")))
        detail = parse(client.get(release.get_absolute_url()))
    assert listing.xpath(f"//main//a[@href='{URLS[lang]}']")
    assert detail.xpath(f"//main//a[@href='{URLS[lang]}']")


@pytest.mark.django_db(transaction=True)
def test_double_opt_in(client, smtp, site_url):
    """A new address is pending, gets a confirmation email in the page's language
    and receives nothing until it follows the link; its consent (time, source,
    language) is recorded."""
    response = post(client, "fr", email="Nouvelle@Example.org", languages=["fr"])
    assert response.status_code == 302
    assert response["Location"] == "/fr/alertes-courriel/verifiez-votre-boite/"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "nouvelle@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    work_queue()
    [message] = smtp.messages
    assert header(message, "To") == "nouvelle@example.org"
    assert header(message, "Content-Language") == "fr"
    assert header(message, "Subject") == "Confirmez votre abonnement"
    fan_out(make_release())
    send_due()
    assert len(smtp.messages) == 1
    confirm = link_in(message, "confirmer")
    page = client.post(confirm)
    assert page.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.consent_at is not None
    assert subscriber.consent_source == "/fr/alertes-courriel/"
    assert subscriber.consent_language == "fr"
    assert subscriber.language_list() == ["fr"]
    fan_out(make_release())
    send_due()
    assert len(smtp.to("nouvelle@example.org")) == 2


def test_the_answer_is_the_same_for_a_known_address(
    client, django_capture_on_commit_callbacks
):
    """Whether the address is new, pending or confirmed, the form answers alike; a
    confirmed subscriber's preferences do not change."""
    topic = make_topic("climate")
    known = make_subscriber("known@example.org", languages="es", topics=[topic])
    make_subscriber("pending@example.org", status="pending")
    answers = []
    for email in ("new@example.org", "known@example.org", "pending@example.org"):
        with django_capture_on_commit_callbacks():
            response = post(Client(), email=email, languages=["en"])
        answers.append((response.status_code, response["Location"]))
    assert len(set(answers)) == 1
    known.refresh_from_db()
    assert known.languages == "es"
    assert list(known.topics.all()) == [topic]
    assert known.status == Subscriber.Status.CONFIRMED


@pytest.mark.django_db(transaction=True)
def test_a_known_address_gets_a_link_to_its_preferences(client, smtp, site_url):
    """A confirmed address that asks again gets a note with its preferences link,
    not a confirmation."""
    make_subscriber("known@example.org")
    post(client, email="known@example.org")
    work_queue()
    [message] = smtp.messages
    assert header(message, "Subject") == "You are already subscribed"
    assert client.get(link_in(message, "preferences")).status_code == 200


def test_the_honeypot_is_answered_alike_and_ignored(client):
    """A bot filling the hidden field is told the same and nothing is stored."""
    response = post(client, website="http://spam.example")
    assert response.status_code == 302
    assert not Subscriber.objects.exists()


def test_a_bad_form_says_what_is_wrong_and_keeps_the_input(client):
    """An invalid address or no language: the form comes back with the errors and
    what was typed; nothing is stored."""
    response = post(client, email="not-an-address", languages=[])
    assert response.status_code == 200
    page = parse(response)
    assert page.xpath("//p[@role='alert']")
    assert page.xpath("//input[@name='email']/@value") == ["not-an-address"]
    assert len(page.xpath("//ul[@class='errorlist']")) >= 2
    assert not Subscriber.objects.exists()


def test_requests_are_limited_per_client(client):
    """Past ten requests an hour from one address, the form answers 429."""
    for index in range(10):
        assert post(client, email=f"a{index}@example.org").status_code == 302
    response = post(client, email="more@example.org")
    assert response.status_code == 429
    assert parse(response).xpath("//p[@role='alert']")
    assert Subscriber.objects.count() == 10


def test_behind_a_proxy_the_limit_counts_the_address_the_proxy_added(settings):
    """Every request comes from the proxy: each visitor is counted under the
    address the proxy added, and what a visitor writes in X-Forwarded-For
    itself does not make it someone new."""
    settings.NEWSROOM_BEHIND_PROXY = True
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    for index in range(10):
        forwarded = f"198.51.100.{index}, 203.0.113.5"
        response = proxy.post(
            subscribe_url("en"),
            form_data(email=f"b{index}@example.org"),
            HTTP_X_FORWARDED_FOR=forwarded,
        )
        assert response.status_code == 302
    refused = proxy.post(
        subscribe_url("en"),
        form_data(email="more@example.org"),
        HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.5",
    )
    assert refused.status_code == 429
    other = proxy.post(
        subscribe_url("en"),
        form_data(email="other@example.org"),
        HTTP_X_FORWARDED_FOR="203.0.113.6",
    )
    assert other.status_code == 302


def test_emails_are_limited_per_address(client, django_capture_on_commit_callbacks):
    """An address gets at most three subscription emails a day, whatever the
    clients asking; the answer does not change."""
    queued = 0
    for index in range(5):
        with django_capture_on_commit_callbacks() as callbacks:
            response = post(
                Client(REMOTE_ADDR=f"10.0.0.{index}"), email="target@example.org"
            )
        assert response.status_code == 302
        queued += len(callbacks)
    assert queued == 3


def test_a_cache_that_is_down_does_not_stop_subscriptions(client):
    """With the cache unreachable, the rate limit lets requests through."""
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{CLOSED_PORT}/0",
        }
    }
    with override_settings(CACHES=unreachable):
        assert post(client).status_code == 302
    assert Subscriber.objects.filter(email="new@example.org").exists()


def test_an_older_confirmation_link_stops_working(client):
    """A new request makes the previous confirmation link useless, and a forged or
    expired one does not confirm."""
    subscriber = make_subscriber("a@example.org", status="pending")
    old = links.confirm_url(subscriber, "en")
    post(client, email="a@example.org")
    response = client.get(urlsplit(old).path)
    assert response.status_code == 400
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert client.get("/en/email-alerts/confirm/forged.token.value/").status_code == 400


def test_the_confirmation_link_asks_before_it_confirms(client):
    """Opening the confirmation link confirms nothing (mail scanners follow the
    links of an email, whoever typed the address): it shows one button, whose
    POST confirms without needing a cookie or CSRF token, like the unsubscribe
    link's."""
    subscriber = make_subscriber("a@example.org", status="pending")
    path = urlsplit(links.confirm_url(subscriber, "fr")).path
    page = parse(client.get(path))
    assert page.xpath("//main//form[@method='post']//button")
    assert "a@example.org" in page.xpath("string(//main)")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.consent_at is None
    response = Client(enforce_csrf_checks=True).post(path)
    assert response.status_code == 200
    assert parse(response).xpath("//main//a[contains(@href, '/preferences/')]")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.consent_at is not None


def test_unsubscribing_voids_the_confirmation_link(client):
    """The confirmation email's link, opened again after unsubscribing (by the
    reader or a mail scanner), does not subscribe the address again: nothing is
    sent to it, and its consent stays as it was given."""
    client.post(subscribe_url(), form_data(email="a@example.org"))
    subscriber = Subscriber.objects.get()
    confirm = urlsplit(links.confirm_url(subscriber, "en")).path
    assert client.post(confirm).status_code == 200
    subscriber.refresh_from_db()
    consent_at = subscriber.consent_at
    client.post(urlsplit(links.unsubscribe_url(subscriber, "en")).path)
    assert client.get(confirm).status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    assert subscriber.consent_at == consent_at
    fan_out(make_release())
    assert not Delivery.objects.exists()


def test_manage_preferences_with_the_signed_link(client):
    """The preferences link shows and changes the preferences, no login needed."""
    subscriber = make_subscriber("a@example.org", languages="en")
    topic = make_topic("climate")
    make_release(topics=[topic])
    path = urlsplit(links.manage_url(subscriber, "en")).path
    page = parse(client.get(path))
    assert page.xpath("//input[@name='languages'][@value='en']/@checked")
    response = client.post(
        path,
        {
            "languages": ["fr", "es"],
            "when_not_translated": "wait",
            "kinds": ["events"],
            "topics": [topic.pk],
        },
    )
    assert response.status_code == 200
    assert parse(response).xpath("//p[@role='status']")
    subscriber.refresh_from_db()
    assert subscriber.language_list() == ["fr", "es"]
    assert subscriber.when_not_translated == "wait"
    assert (subscriber.releases, subscriber.events) == (False, True)
    assert list(subscriber.topics.all()) == [topic]
    assert (
        client.get(path.replace("/preferences/", "/preferences/x")).status_code == 400
    )


def browser_data(page):
    """What a browser sends back from the preferences form, as rendered."""
    data = {}
    for name, value in page.xpath("//main//form[@method='post']")[0].form_values():
        data.setdefault(name, []).append(value)
    return data


def test_a_chosen_topic_that_is_no_longer_public_stays_chosen(client):
    """A topic whose only live release was withdrawn stays offered, ticked, to
    whoever had chosen it, and saving other preferences keeps it; nobody else is
    offered it, and a topic that was never public (its release a draft, or
    withdrawn before it went live) is offered to no one."""
    kept, public = make_topic("climate"), make_topic("health")
    never = make_topic("secret-plan")
    unseen = make_topic("plan-b")
    withdrawn = make_release(topics=[kept])
    make_release(topics=[public])
    make_release(topics=[never], state="draft")
    # Withdrawn while scheduled, its time passed since: never public.
    make_release(topics=[unseen], state="withdrawn", public_publish_at=None)
    subscriber = make_subscriber("a@example.org", topics=[kept, public])
    journalist = make_journalist("ana", topics=[kept, never, unseen])
    withdrawn.state = "withdrawn"
    withdrawn.save()

    path = urlsplit(links.manage_url(subscriber, "en")).path
    page = parse(client.get(path))
    ticked = page.xpath("//input[@name='topics'][@checked]/@value")
    assert sorted(ticked) == sorted([str(kept.pk), str(public.pk)])
    data = browser_data(page)
    data["languages"] = ["fr"]
    assert client.post(path, data).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.language_list() == ["fr"]
    assert set(subscriber.topics.all()) == {kept, public}

    journalist_page = parse(
        client.get(urlsplit(links.manage_url(journalist, "en")).path)
    )
    offered = journalist_page.xpath("//input[@name='topics']/@value")
    assert sorted(offered) == sorted([str(kept.pk), str(public.pk)])
    for name in ("secret-plan", "plan-b"):
        assert name not in journalist_page.text_content().lower()
    journalist_path = urlsplit(links.manage_url(journalist, "en")).path
    client.post(journalist_path, browser_data(journalist_page))
    assert set(journalist.topics.all()) == {kept, never, unseen}

    other = make_subscriber("b@example.org")
    for url in (
        links.manage_url(other, "en"),
        links.site_url("distribution:subscribe", "en"),
    ):
        offered = parse(client.get(urlsplit(url).path)).xpath(
            "//input[@name='topics']/@value"
        )
        assert offered == [str(public.pk)]


def test_unsubscribe_asks_on_get_and_acts_on_post(smtp):
    """Opening the unsubscribe link changes nothing (mail scanners open links);
    its one button, or a mail client's one-click POST without any cookie or CSRF
    token, unsubscribes at once; what was queued is cancelled."""
    client = Client(enforce_csrf_checks=True)
    subscriber = make_subscriber("a@example.org")
    fan_out(make_release())
    path = urlsplit(links.unsubscribe_url(subscriber, "en")).path
    page = parse(client.get(path))
    assert page.xpath("//form[@method='post']//button")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    response = client.post(
        path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    assert Delivery.objects.get().status == Delivery.Status.CANCELLED
    send_due()
    assert smtp.messages == []
    # Clicking again is harmless.
    assert client.post(path).status_code == 200


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_unsubscribe_page_offers_fewer_emails_then_a_way_back(client, lang):
    """Before the button, a link to the preferences (fewer emails rather than
    none); after it, the subscription form, to subscribe again."""
    subscriber = make_subscriber("a@example.org")
    path = urlsplit(links.unsubscribe_url(subscriber, lang)).path
    manage_prefix = urlsplit(links.manage_url(subscriber, lang)).path.rsplit("/", 2)[0]
    (manage,) = parse(client.get(path)).xpath(
        f"//main//a[starts-with(@href, '{manage_prefix}/')]/@href"
    )
    assert client.get(manage).status_code == 200
    done = parse(client.post(path))
    assert done.xpath(f"//main//a[@href='{subscribe_url(lang)}']")
    assert not done.xpath(f"//main//a[starts-with(@href, '{manage_prefix}/')]")


def test_journalists_manage_and_unsubscribe_alike(client):
    """A journalist's links work the same way; unsubscribing keeps them on the
    media list, marked."""
    journalist = make_journalist("ana")
    manage = urlsplit(links.manage_url(journalist, "en")).path
    assert client.get(manage).status_code == 200
    client.post(urlsplit(links.unsubscribe_url(journalist, "en")).path)
    journalist.refresh_from_db()
    assert journalist.unsubscribed_at is not None


def test_a_link_for_one_purpose_does_not_serve_another(client):
    """A manage token does not unsubscribe, and the other way round."""
    subscriber = make_subscriber("a@example.org")
    manage_token = urlsplit(links.manage_url(subscriber, "en")).path.split("/")[-2]
    with translation.override("en"):
        path = reverse("distribution:unsubscribe", kwargs={"token": manage_token})
    assert client.post(path).status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_the_subscription_page_runs_the_same_queries_whatever_the_archive(client):
    """The page's queries do not grow with releases, subscribers or topics used."""

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URLS["en"]).status_code == 200
        return len(queries)

    make_topic()
    before = count()
    for _index in range(5):
        make_release()
        make_subscriber()
    assert count() == before
