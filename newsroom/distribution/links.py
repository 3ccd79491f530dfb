"""The signed links of the emails: confirm a subscription, manage preferences,
unsubscribe. Each names its recipient in a signed payload; none needs a login."""

from django.core import signing
from django.urls import reverse
from django.utils.translation import override

from newsroom.core.standards import public_address

from .models import Journalist, Subscriber

KINDS = {"s": Subscriber, "j": Journalist}
CODES = {model: code for code, model in KINDS.items()}
# A confirmation link works for a week; the other links as long as the recipient
# exists.
CONFIRMATION_MAX_AGE = 7 * 24 * 60 * 60


def signer(purpose):
    # "." keeps the tokens one path segment of URL-safe characters.
    return signing.TimestampSigner(salt=f"newsroom.distribution.{purpose}", sep=".")


def make_token(recipient, purpose, *extra):
    payload = [CODES[type(recipient)], recipient.pk, *extra]
    return signer(purpose).sign_object(payload)


def read_token(token, purpose, max_age=None):
    """The payload of a valid token, or None (forged, altered, expired)."""
    try:
        payload = signer(purpose).unsign_object(token, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(payload, list) or len(payload) < 2 or payload[0] not in KINDS:
        return None
    return payload


def recipient_from_token(token, purpose):
    """The subscriber or journalist a manage or unsubscribe token names, or None."""
    payload = read_token(token, purpose)
    if payload is None:
        return None
    return KINDS[payload[0]].objects.filter(pk=payload[1]).first()


def confirmation_token(subscriber):
    return make_token(subscriber, "confirm", subscriber.confirmation_nonce)


def subscriber_to_confirm(token):
    """The subscriber a recent confirmation link names, if it is the latest sent."""
    payload = read_token(token, "confirm", max_age=CONFIRMATION_MAX_AGE)
    if payload is None or payload[0] != "s" or len(payload) != 3:
        return None
    return Subscriber.objects.filter(
        pk=payload[1], confirmation_nonce=payload[2]
    ).first()


def absolute(path):
    return public_address() + path


def site_url(view_name, lang, **kwargs):
    """The absolute URL of a public view in `lang`."""
    with override(lang):
        return absolute(reverse(view_name, kwargs=kwargs))


def unsubscribe_url(recipient, lang):
    token = make_token(recipient, "unsubscribe")
    return site_url("distribution:unsubscribe", lang, token=token)


def manage_url(recipient, lang):
    token = make_token(recipient, "manage")
    return site_url("distribution:manage", lang, token=token)


def confirm_url(subscriber, lang):
    token = confirmation_token(subscriber)
    return site_url("distribution:confirm", lang, token=token)
