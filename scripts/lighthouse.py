"""Lighthouse's four scores (performance, accessibility, best practices, SEO) for
the home page, the release list and a release, in English and French. Not run in
CI: it needs Node.js and npm (lighthouse@12.2.3 is installed into .lighthouse/ on
first use) and Debian's Chromium.

    make run &                       # or any server with the demo
    .venv/bin/python scripts/lighthouse.py --base http://127.0.0.1:8000

Prints one line per page and exits non-zero if a score is under --target (95).
The budget is checked on the same run: no request to another host, the page's
HTML, CSS and scripts under 100 KB, the CSS under 30 KB."""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
PREFIX = ROOT / ".lighthouse"
VERSION = "12.2.3"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {
    "en": ("/en/", "/en/press-releases/"),
    "fr": ("/fr/", "/fr/communiques-de-presse/"),
}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def lighthouse():
    binary = PREFIX / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
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


def first_release(base, list_path):
    """The newest release with a photo on the list (else the newest)."""
    html = urlopen(urljoin(base, list_path)).read().decode()
    cards = re.findall(r'<li class="card release-card">.*?</li>', html, re.S)
    card = next((card for card in cards if "<picture" in card), cards[0])
    return re.search(r'<h3[^>]*><a href="([^"]+)"', card).group(1)


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
    args = parser.parse_args()
    binary = lighthouse()
    failed = False
    columns = ("perf", "a11y", "best", "seo")
    print(f"{'page':46} " + " ".join(f"{c:>5}" for c in columns) + "     KB   CSS")
    for home, releases in PAGES.values():
        for path in (home, releases, first_release(args.base, releases)):
            url = urljoin(args.base, path)
            data = audit(binary, url, args.preset)
            scores = [
                round(data["categories"][name]["score"] * 100) for name in CATEGORIES
            ]
            total, css, foreign = budget(data, url)
            line = " ".join(f"{score:5d}" for score in scores)
            print(f"{path[:46]:46} {line} {total / 1024:6.1f} {css / 1024:5.1f}")
            for request in foreign:
                print(f"    request to another host: {request}")
            over = total >= 100 * 1024 or css >= 30 * 1024 or foreign
            failed |= min(scores) < args.target or bool(over)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
