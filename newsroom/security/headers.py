"""The Content-Security-Policy (django-csp) and Permissions-Policy headers.

The public pages get `CONTENT_SECURITY_POLICY` as it is: scripts and styles from
the site's own files only, nothing inline. The admin's pages add what Django's
admin and the rich-text editor need: inline style attributes, `blob:` images (a
photo shown before upload) and the editor's import map, allowed by its hash rather
than by 'unsafe-inline'."""

import base64
import hashlib
import re

from csp.middleware import CSPMiddleware
from django.conf import settings

IMPORT_MAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.DOTALL)
ADMIN_PREFIX = "/admin/"


def script_hash(body):
    digest = base64.b64encode(hashlib.sha256(body).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def admin_additions(response):
    """The sources the admin's pages need beyond the public policy."""
    hashes = []
    if not response.streaming and "html" in response.get("Content-Type", ""):
        hashes = [script_hash(body) for body in IMPORT_MAP.findall(response.content)]
    return {
        "script-src": hashes,
        "style-src": ["'unsafe-inline'"],
        "img-src": ["blob:"],
    }


def permissions_policy():
    return ", ".join(
        f"{feature}=({' '.join(origins)})"
        for feature, origins in settings.PERMISSIONS_POLICY.items()
    )


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's additions, and the
    Permissions-Policy header."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            parts.update = admin_additions(response) | (parts.update or {})
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", permissions_policy())
        return response
