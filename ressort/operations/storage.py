"""Media (photos, uploads) on S3-compatible object storage, through django-storages' Apache
Libcloud backend: AWS S3 itself, or any S3-compatible service (Scaleway, OVHcloud, MinIO,
Garage…) at S3_ENDPOINT_URL. Libcloud rather than boto3: boto3's botocore pins
python-dateutil below 3, which the iCalendar export's python-dateutil 4 rules out."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from libcloud.storage.providers import get_driver
from libcloud.storage.types import Provider
from storages.backends.apache_libcloud import LibCloudStorage


def driver_options(endpoint: str, region: str) -> tuple[Any, dict[str, Any]]:
    """The Libcloud driver and its keyword arguments for an endpoint (empty: AWS)."""
    if not endpoint:
        return Provider.S3, {"region": region or "us-east-1"}
    url = urlparse(endpoint)
    secure = url.scheme != "http"
    # MinIO's driver: any S3 API at a given host, path-style, signature v4 (no region).
    return Provider.MINIO, {
        "host": url.hostname,
        "port": url.port or (443 if secure else 80),
        "secure": secure,
    }


class S3CompatibleStorage(LibCloudStorage):
    def __init__(
        self,
        bucket: str = "",
        access_key: str = "",
        secret_key: str = "",
        endpoint: str = "",
        region: str = "",
    ) -> None:
        provider, options = driver_options(endpoint, region)
        self.provider = {"type": provider, "bucket": bucket}
        self.driver = get_driver(provider)(access_key, secret_key, **options)
        self.bucket = bucket
