"""The public pages of the subscription, in every language: subscribe, check your
inbox, confirm, manage one's preferences, unsubscribe. The links of the emails
need no login: a signed token names the recipient."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from newsroom.core import ratelimit
from newsroom.core.addresses import client_address
from newsroom.core.http import read_only

from . import links, subscriptions
from .forms import PreferencesForm, SubscriptionForm
from .models import Journalist, Subscriber

# Subscription requests: per client address, and emails per subscriber address.
REQUESTS_PER_IP = (10, 60 * 60)
EMAILS_PER_ADDRESS = (3, 24 * 60 * 60)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    """The subscription form. Its answer is the same for a new and a known address
    (no one learns who subscribed); a filled-in honeypot is answered alike and
    ignored."""
    form = SubscriptionForm(request.POST or None)
    if request.method == "POST":
        if not ratelimit.allow(
            "subscribe-ip", client_address(request), *REQUESTS_PER_IP
        ):
            context = {"form": form, "too_many": True}
            return render(request, "distribution/subscribe.html", context, status=429)
        if form.is_bot():
            return redirect("distribution:subscribe-sent")
        if form.is_valid():
            email = form.cleaned_data["email"].strip().lower()
            if ratelimit.allow("subscribe-address", email, *EMAILS_PER_ADDRESS):
                subscriptions.request_subscription(
                    form, source=request.path, lang=get_language()
                )
            return redirect("distribution:subscribe-sent")
    return render(request, "distribution/subscribe.html", {"form": form})


@read_only
def subscribe_sent(request):
    return render(request, "distribution/subscribe_sent.html")


def invalid_link(request):
    return render(request, "distribution/invalid_link.html", status=400)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The link of the confirmation email: GET shows one button, whose POST starts
    the subscription. A GET never confirms: mail scanners follow links, and the
    address may have been typed by someone else. The signed token is the proof,
    as for unsubscribing."""
    subscriber = links.subscriber_to_confirm(token)
    if subscriber is None:
        return invalid_link(request)
    if request.method == "POST":
        subscriptions.confirm(subscriber)
    context = {
        "done": subscriber.status == Subscriber.Status.CONFIRMED,
        "subscriber": subscriber,
        "manage_url": links.manage_url(subscriber, get_language()),
        "noindex": True,
    }
    return render(request, "distribution/confirmed.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    """A recipient's preferences, changed with the link of any email."""
    recipient = links.recipient_from_token(token, "manage")
    if recipient is None:
        return invalid_link(request)
    form = PreferencesForm(
        request.POST or None,
        initial=PreferencesForm.initial_for(recipient),
        recipient=recipient,
    )
    saved = False
    if request.method == "POST" and form.is_valid():
        form.apply(recipient)
        saved = True
    context = {
        "form": form,
        "recipient": recipient,
        "saved": saved,
        "unsubscribed": subscriptions.is_unsubscribed(recipient),
        "is_journalist": isinstance(recipient, Journalist),
        "unsubscribe_url": links.unsubscribe_url(recipient, get_language()),
        "noindex": True,
    }
    return render(request, "distribution/manage.html", context)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET shows one button; POST unsubscribes. Mail clients POST here on their own
    (RFC 8058 one-click, `List-Unsubscribe=One-Click`) without a CSRF token: the
    signed token is the proof. A GET never unsubscribes, since mail scanners follow
    links."""
    recipient = links.recipient_from_token(token, "unsubscribe")
    if recipient is None:
        return invalid_link(request)
    done = request.method == "POST"
    if done:
        subscriptions.unsubscribe(recipient)
    context = {
        "done": done or subscriptions.is_unsubscribed(recipient),
        "recipient": recipient,
        # Fewer emails rather than none; once none, subscribing again.
        "manage_url": reverse(
            "distribution:manage",
            kwargs={"token": links.make_token(recipient, "manage")},
        ),
        "may_subscribe_again": isinstance(recipient, Subscriber),
        "noindex": True,
    }
    return render(request, "distribution/unsubscribe.html", context)
