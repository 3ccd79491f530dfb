"""Screenshots of the public pages, to look at: home, list, release, structure,
offices, event, contacts and search, in English and French, on a phone (390 × 844)
and a laptop (1366 × 900), in Debian's Chromium.

    .venv/bin/python scripts/screenshots.py --base http://127.0.0.1:8000

Serve the demo first (`make run`). The release and the event are the first ones
their lists link to."""

import argparse
import sys
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.chromium import CHROMIUM_FLAGS, find_chromium  # noqa: E402

PAGES = {
    "en": {
        "home": "/en/",
        "list": "/en/press-releases/",
        "structure": "/en/who-we-are/structure/",
        "offices": "/en/offices/",
        "contacts": "/en/media-contacts/",
        "search": "/en/search/?q=migration",
    },
    "fr": {
        "home": "/fr/",
        "list": "/fr/communiques-de-presse/",
        "structure": "/fr/qui-sommes-nous/structure/",
        "offices": "/fr/bureaux/",
        "contacts": "/fr/contacts-medias/",
        "search": "/fr/recherche/?q=migration",
    },
}
VIEWPORTS = {"phone": (390, 844), "laptop": (1366, 900)}


def first_link(page, base, path, selector):
    page.goto(urljoin(base, path))
    return page.locator(selector).first.get_attribute("href")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="screenshots", type=Path)
    parser.add_argument("--full-page", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=find_chromium(), args=CHROMIUM_FLAGS
        )
        for lang, pages in PAGES.items():
            for name, (width, height) in VIEWPORTS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height}
                )
                page = context.new_page()
                urls = dict(pages)
                urls["release"] = first_link(
                    page, args.base, pages["list"], ".release-card:has(picture) h3 a"
                )
                events = pages["home"] + (
                    "events/past/" if lang == "en" else "evenements/passes/"
                )
                urls["event"] = first_link(page, args.base, events, ".event-card h2 a")
                for kind, path in urls.items():
                    page.goto(urljoin(args.base, path), wait_until="networkidle")
                    target = args.out / f"{kind}-{lang}-{name}.png"
                    page.screenshot(path=target, full_page=args.full_page)
                    print(target)
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
