"""Who is asking, and how often: the real client address, and counters in the shared cache.

Behind a reverse proxy every request comes from the proxy's address; the client's is in
`X-Forwarded-For`, a header anyone can write. It is read only when the request comes from
one of the proxies listed in `TRUSTED_PROXIES` (addresses or networks), walking the header
from the right and skipping those proxies: the first address that is not one of ours is the
client. Daphne's `--proxy-headers` does the same work in the server (REMOTE_ADDR is then the
client's); use it only when daphne cannot be reached but through the proxy.

The counters live in Django's cache, shared by every web process when `REDIS_URL` sets a
Redis cache (settings.CACHES); in per-process memory otherwise.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.cache import cache

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request: Any) -> str:
    """The client's address: X-Forwarded-For is believed only from a trusted proxy."""
    remote = str(request.META.get("REMOTE_ADDR") or "inconnu")
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
    if not forwarded or not _is_trusted(remote):
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a forged or garbled header: fall back to the proxy's address
    return hops[0] if hops else remote


@dataclass(frozen=True)
class Limit:
    """At most `limit` counted events per key within `window` seconds (a fixed window)."""

    name: str
    limit: int
    window: int

    def _key(self, key: str) -> str:
        return f"ressort:limit:{self.name}:{key}"

    def count(self, key: str) -> int:
        return int(cache.get(self._key(key), 0))

    def exceeded(self, key: str) -> bool:
        return self.count(key) >= self.limit

    def hit(self, key: str) -> int:
        """Count one event; returns the new count."""
        cache_key = self._key(key)
        cache.add(cache_key, 0, self.window)
        try:
            return int(cache.incr(cache_key))
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, self.window)
            return 1

    def reset(self, key: str) -> None:
        cache.delete(self._key(key))


def axes_client_ip(request: Any) -> str | None:
    """The address django-axes records: a real IP address or none (its column is an inet on
    PostgreSQL; a sign-in without an address — a script, the test client's force_login —
    has nothing to record)."""
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
