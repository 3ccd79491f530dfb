"""Requests to a site whose PostgreSQL server does not answer (DATABASE_URL names
a closed port). Run in a process of its own by test_database.py; prints the status,
Retry-After and page of each request as JSON lines, and the log on stderr."""

import json

import django

django.setup()

from django.test import Client  # noqa: E402

client = Client(raise_request_exception=False)
for url in ["/en/", "/fr/communiques-de-presse/", "/es/", "/sitemap.xml"] * 3:
    response = client.get(url)
    print(
        json.dumps(
            {
                "url": url,
                "status": response.status_code,
                "retry_after": response.get("Retry-After"),
                "body": response.content.decode(errors="replace"),
            }
        )
    )
