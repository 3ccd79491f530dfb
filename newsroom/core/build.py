"""The build a server runs: a digest of what shapes its pages (the project's code,
templates, static sources and catalogues, and the versions of the installed
libraries). The page cache keeps pages and remembered values under it, so that
during a release, while the servers of two builds answer side by side (`make
reload` replaces the workers one at a time, machines restart in turn), neither
serves what the other built: a page made by the previous code, or a value pickled
by classes that have changed."""

import functools
import hashlib
import importlib.metadata
from pathlib import Path

from django.conf import settings

# What a page is made of, below the project's directory.
SOURCES = ("newsroom", "organisation", "templates", "locale")
SKIPPED = {"__pycache__"}


@functools.cache
def build():
    """The build's digest, 12 hexadecimal digits, read once per process."""
    return digest(Path(settings.BASE_DIR), SOURCES)


def digest(base, sources):
    files = hashlib.sha256()
    for source in sources:
        for path in sorted((base / source).rglob("*")):
            if path.is_file() and SKIPPED.isdisjoint(path.parts):
                files.update(path.relative_to(base).as_posix().encode() + b"\0")
                files.update(path.read_bytes())
    libraries = sorted(
        f"{dist.metadata['Name']}=={dist.version}"
        for dist in importlib.metadata.distributions()
    )
    files.update("\n".join(libraries).encode())
    return files.hexdigest()[:12]
