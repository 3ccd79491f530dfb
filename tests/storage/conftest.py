"""A local S3 endpoint (moto in server mode) on loopback, and the site's media
storage pointed at a bucket of its own for each test (or at one a module
shares)."""

import json
import uuid

import boto3
import pytest
from django.core.cache import cache

from tests.ports import free_ports

REGION = "us-east-1"


@pytest.fixture(scope="session")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    (port,) = free_ports(1)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def new_bucket(endpoint):
    """An empty bucket readable as the README says, and its options as
    production's (newsroom/settings/files.py) for STORAGES."""
    name = f"media-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name=REGION)
    client.create_bucket(Bucket=name)
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read(name)))
    bucket = Bucket(client, name)
    bucket.storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": name,
            "endpoint_url": endpoint,
            "region_name": REGION,
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000"},
        },
    }
    return bucket


def use_keys(monkeypatch):
    """The credentials boto3 reads (any will do for the local endpoint)."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")


def use_bucket(bucket, settings, monkeypatch):
    """The bucket as the site's media storage for this test."""
    use_keys(monkeypatch)
    settings.STORAGES = {**settings.STORAGES, "default": bucket.storage}
    cache.clear()  # what the cache knows of renditions is about other storages


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """An empty bucket of the test's own that is the site's media storage; its
    boto3 client to look inside."""
    use_keys(monkeypatch)
    bucket = new_bucket(s3_endpoint)
    use_bucket(bucket, settings, monkeypatch)
    yield bucket
    cache.clear()


def public_read(name):
    """The bucket policy the README gives: anyone may read an object whose name
    they know; no one may list them."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{name}/*",
            }
        ],
    }


class Bucket:
    def __init__(self, client, name):
        self.client, self.name = client, name

    def keys(self):
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.name)
        return sorted(
            item["Key"] for page in pages for item in page.get("Contents", [])
        )
