"""Lighthouse's four scores (performance, accessibility, best practices, SEO) for
the home page, the release list and a release, the past events and an event,
search results and the structure, in English, French and Spanish. Not run in CI:
it needs Node.js and npm (lighthouse@12.8.2 is installed into .lighthouse/ on
first use; 12.2 fails some audits on Chromium 156) and Debian's Chromium.

    make run &                       # or any server with the demo and the worker
    .venv/bin/python scripts/lighthouse.py --base http://127.0.0.1:8000

The pages are opened once first, for the worker to make their photos' renditions.
Prints one line per page, and under it the audits that cost a category under
--target (95) its score and any that Lighthouse could not run; exits non-zero if
a score is under the target. With --runs, each page is measured that many times
and the run with the median performance score is shown (a busy machine's long
tasks vary from run to run).
The budget is checked on the same run: no request to another host, the page's
HTML, CSS and scripts under 100 KB, the CSS under 30 KB."""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
PREFIX = ROOT / ".lighthouse"
VERSION = "12.8.2"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Per language: home, release list, past events (the demo's event is past),
# search results, structure; a release and an event are found on their lists.
PAGES = {
    "en": (
        "/en/",
        "/en/press-releases/",
        "/en/events/past/",
        "/en/search/?q=summit",
        "/en/who-we-are/structure/",
    ),
    "fr": (
        "/fr/",
        "/fr/communiques-de-presse/",
        "/fr/evenements/passes/",
        "/fr/recherche/?q=sommet",
        "/fr/qui-sommes-nous/structure/",
    ),
    "es": (
        "/es/",
        "/es/comunicados-de-prensa/",
        "/es/eventos/pasados/",
        "/es/buscar/?q=cumbre",
        "/es/quienes-somos/estructura/",
    ),
}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def lighthouse():
    binary = PREFIX / "node_modules" / ".bin" / "lighthouse"
    package = PREFIX / "node_modules" / "lighthouse" / "package.json"
    if not package.exists() or json.loads(package.read_text())["version"] != VERSION:
        PREFIX.mkdir(exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "-E",
                f"lighthouse@{VERSION}",
            ],
            cwd=PREFIX,
            check=True,
        )
    return binary


def first_item(base, list_path, kind):
    """The newest release or event with a photo on its list (else the newest)."""
    html = urlopen(urljoin(base, list_path)).read().decode()
    cards = re.findall(rf'<li class="card {kind}-card">.*?</li>', html, re.S)
    card = next((card for card in cards if "<picture" in card), cards[0])
    return re.search(r'<h[23][^>]*><a href="([^"]+)"', card).group(1)


def pages(base):
    """Every page's path, a release and an event found on their lists."""
    for home, releases, events, search, structure in PAGES.values():
        release = first_item(base, releases, "release")
        event = first_item(base, events, "event")
        yield from (home, releases, release, events, event, search, structure)


def losses(data, target):
    """The audits scoring under 0.9 in each category under the target, and the
    audits Lighthouse failed to run."""
    for name in CATEGORIES:
        category = data["categories"][name]
        for ref in category["auditRefs"]:
            found = data["audits"][ref["id"]]
            if found["scoreDisplayMode"] == "error":
                yield f"{name}: not measured: {found['title']}"
            elif (
                category["score"] * 100 < target
                and ref["weight"]
                and found["score"] is not None
                and found["score"] < 0.9
            ):
                value = found.get("displayValue") or found.get("explanation", "")
                yield f"{name}: {found['title']} {value}".rstrip()


def audit(binary, url, preset):
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            str(binary),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={CHROME_FLAGS}",
            f"--only-categories={','.join(CATEGORIES)}",
        ]
        if preset == "desktop":
            command.append("--preset=desktop")
        env = {
            **os.environ,
            "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
        }
        subprocess.run(command, check=True, env=env)
        return json.loads(report.read_text())


def budget(data, url):
    """Bytes of the document, CSS and scripts; CSS alone; requests to other hosts."""
    host = urlsplit(url).netloc
    items = data["audits"]["network-requests"]["details"]["items"]
    sizes = {"Document": 0, "Stylesheet": 0, "Script": 0}
    foreign = [
        item["url"] for item in items if urlsplit(item["url"]).netloc not in (host, "")
    ]
    for item in items:
        if item.get("resourceType") in sizes:
            sizes[item["resourceType"]] += item.get("resourceSize", 0)
    return sum(sizes.values()), sizes["Stylesheet"], foreign


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--preset", choices=["mobile", "desktop"], default="mobile")
    parser.add_argument("--target", type=int, default=95)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    binary = lighthouse()
    paths = list(pages(args.base))
    for path in paths:
        urlopen(urljoin(args.base, path)).read()
    time.sleep(5)
    failed = False
    columns = ("perf", "a11y", "best", "seo")
    print(f"{'page':46} " + " ".join(f"{c:>5}" for c in columns) + "     KB   CSS")
    for path in paths:
        url = urljoin(args.base, path)
        runs = [audit(binary, url, args.preset) for _run in range(args.runs)]
        runs.sort(key=lambda run: run["categories"]["performance"]["score"])
        data = runs[len(runs) // 2]
        scores = [round(data["categories"][name]["score"] * 100) for name in CATEGORIES]
        total, css, foreign = budget(data, url)
        line = " ".join(f"{score:5d}" for score in scores)
        print(f"{path[:46]:46} {line} {total / 1024:6.1f} {css / 1024:5.1f}")
        for loss in losses(data, args.target):
            print(f"    {loss}")
        for request in foreign:
            print(f"    request to another host: {request}")
        over = total >= 100 * 1024 or css >= 30 * 1024 or foreign
        failed |= min(scores) < args.target or bool(over)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
