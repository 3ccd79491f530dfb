"""The subscription form on a phone, in Chromium: every box stands before its
words, as on paper, and words that run onto a second line stay beside the box
rather than under it. The consent box stood after three lines of text, where a
reader looks for the button."""

import pytest
from django.urls import reverse
from django.utils import translation

from newsroom.demo import organisation as demo

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
