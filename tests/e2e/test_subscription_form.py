"""The subscription form on a phone, in Chromium: every box stands before its
words, as on paper, and words that run onto a second line stay beside the box
rather than under it. The consent box stood after three lines of text, where a
reader looks for the button. Each box is a target for a fingertip, on the form
and on the page of a subscriber's preferences."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from newsroom.demo import organisation as demo
from newsroom.distribution import links
from tests.factories import make_subscriber

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 800}


def boxes_and_words(page):
    """For each visible box (checkbox or radio button) of the form: its edges,
    and the edges of the first and the last line of its words."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
                'form.subscription input:is([type=checkbox], [type=radio])'
            )].filter(box => box.offsetParent !== null).map(box => {
            const lines = [...box.labels[0].childNodes]
                .filter(node => node.nodeType === Node.TEXT_NODE)
                .flatMap(node => {
                    const words = document.createRange();
                    words.selectNodeContents(node);
                    return [...words.getClientRects()];
                }).filter(r => r.width > 0);
            const edges = box.getBoundingClientRect();
            return {
                name: box.labels[0].textContent.trim(),
                box_right: edges.right, box_top: edges.top,
                first_left: lines[0].left, first_bottom: lines[0].bottom,
                last_left: lines[lines.length - 1].left,
            };
        })"""
    )


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_every_box_stands_before_its_words_on_a_phone(page, lang):
    demo.load()
    page.set_viewport_size(PHONE)
    with translation.override(lang):
        page.goto(reverse("distribution:subscribe"))
    boxes = boxes_and_words(page)
    assert len(boxes) >= 6, boxes
    for box in boxes:
        # The box comes first, on the words' first line…
        assert box["box_right"] <= box["first_left"], box
        assert box["box_top"] < box["first_bottom"], box
        # …and a second line of words starts beside the box, not under it.
        assert box["last_left"] >= box["box_right"], box


# The boxes (checkboxes, radio buttons) of the form smaller than 24 pixels
# square, the least WCAG 2.2 asks of a target (2.5.8).
SMALL_BOXES = """() => [...document.querySelectorAll(
        "form.subscription input:is([type=checkbox], [type=radio])")]
    .filter(box => box.offsetParent !== null)
    .map(box => [box.labels[0].textContent.trim(), box.getBoundingClientRect()])
    .filter(([name, edges]) => edges.width < 24 || edges.height < 24)
    .map(([name, edges]) => `"${name}" ${edges.width} x ${edges.height}`)"""


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_every_box_takes_a_fingertip_on_a_phone(page, lang):
    """On a phone each checkbox and radio button of the subscription form and
    of the preferences page (languages, topics, regions, consent) is at least
    24 pixels square, the least WCAG 2.2 asks of a target (2.5.8): they were
    13, and a journalist ticks them with a thumb."""
    demo.load()
    manage = urlsplit(links.manage_url(make_subscriber(languages=lang), lang)).path
    page.set_viewport_size(PHONE)
    small = []
    with translation.override(lang):
        subscribe = reverse("distribution:subscribe")
    for path in (subscribe, manage):
        page.goto(path)
        assert page.locator("form.subscription input[type=checkbox]").count() >= 6
        small += [f"{path}: {box}" for box in page.evaluate(SMALL_BOXES)]
    assert not small, "\n".join(small)
