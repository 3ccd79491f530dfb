"""Video embeds from an allow-list of hosts: the one place that reads a video's
address and gives the player's. Imports no app's models."""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.utils.translation import gettext_lazy as _

YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
VIMEO_ID = re.compile(r"[0-9]{1,12}")
UN_WEB_TV_ASSET = re.compile(r"/([a-z]{2})/asset/([a-z0-9]{2,10})/([a-z0-9]{2,20})/?")


@dataclass(frozen=True)
class Embed:
    provider: str
    embed_url: str


def youtube(host, path, query):
    """YouTube through youtube-nocookie.com, which sets no cookie before play."""
    video_id = None
    if host == "youtu.be":
        video_id = path.strip("/")
    elif host in ("youtube.com", "m.youtube.com", "youtube-nocookie.com"):
        if path == "/watch":
            video_id = (query.get("v") or [""])[0]
        elif path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = path.split("/")[2]
    if video_id and YOUTUBE_ID.fullmatch(video_id):
        return Embed("YouTube", f"https://www.youtube-nocookie.com/embed/{video_id}")
    return None


def vimeo(host, path, query):
    """Vimeo's player with "do not track"."""
    parts = [part for part in path.split("/") if part]
    if host == "player.vimeo.com" and len(parts) == 2 and parts[0] == "video":
        video_id = parts[1]
    elif host == "vimeo.com" and len(parts) == 1:
        video_id = parts[0]
    else:
        return None
    if VIMEO_ID.fullmatch(video_id):
        return Embed("Vimeo", f"https://player.vimeo.com/video/{video_id}?dnt=1")
    return None


def un_web_tv(host, path, query):
    """UN Web TV's asset pages (webtv.un.org/<lang>/asset/<k>/<id>), embedded as
    they are."""
    match = UN_WEB_TV_ASSET.fullmatch(path) if host == "webtv.un.org" else None
    if match:
        lang, group, asset = match.groups()
        return Embed("UN Web TV", f"https://webtv.un.org/{lang}/asset/{group}/{asset}")
    return None


PROVIDERS = (youtube, vimeo, un_web_tv)
ALLOWED_HOSTS_TEXT = _("YouTube, Vimeo or UN Web TV")


def embed_for(url):
    """The Embed of a video's address, or None when its host is not allowed or
    the address names no video."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or parts.port not in (None, 443, 80):
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = parse_qs(parts.query)
    for provider in PROVIDERS:
        embed = provider(host, parts.path, query)
        if embed is not None:
            return embed
    return None
