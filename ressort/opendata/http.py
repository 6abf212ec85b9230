"""Fetching from the open-data APIs: one transport (urllib), French errors, swappable in tests.

Every connector calls `get_json` (or `post_json`); a failure of any kind (timeout, refused
connection, HTTP error, an answer that is not JSON) becomes a `FetchError` whose message says,
in French, what could not be fetched. The tests replace the transport with one that reads
the small answers shipped under tests/data/opendata/ (`using_transport`): they never touch
the network.
"""

from __future__ import annotations

import contextlib
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings

USER_AGENT = "Ressort (diagnostic de résilience territoriale)"


class FetchError(Exception):
    """What could not be fetched, in French, for the user."""


# transport(method, url, headers, body, timeout) -> the answer's bytes
Transport = Callable[[str, str, dict[str, str], bytes | None, float], bytes]


def urllib_transport(
    method: str, url: str, headers: dict[str, str], body: bytes | None, timeout: float
) -> bytes:
    # _call refuses anything but https:// before reaching here
    request = urllib.request.Request(url, data=body, method=method, headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return bytes(response.read(settings.RESSORT_OPENDATA_MAX_BYTES))


_transport: Transport = urllib_transport


@contextlib.contextmanager
def using_transport(transport: Transport) -> Iterator[None]:
    global _transport
    previous, _transport = _transport, transport
    try:
        yield
    finally:
        _transport = previous


def build_url(url: str, params: dict[str, Any] | None = None) -> str:
    if not params:
        return url
    query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
    return f"{url}{'&' if '?' in url else '?'}{query}"


def _call(method: str, url: str, headers: dict[str, str], body: bytes | None, what: str) -> Any:
    if not url.startswith("https://"):
        raise FetchError(f"{what}\u00a0: adresse refusée (https obligatoire)\u00a0: {url}")
    timeout = float(settings.RESSORT_OPENDATA_TIMEOUT)
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json", **headers}
    try:
        raw = _transport(method, url, headers, body, timeout)
    except urllib.error.HTTPError as error:
        raise FetchError(
            f"{what}\u00a0: le serveur a répondu par une erreur {error.code}"
            + (" (accès refusé\u00a0: identifiants à vérifier)" if error.code in (401, 403) else "")
            + "."
        ) from error
    except TimeoutError as error:
        raise FetchError(f"{what} : le serveur n'a pas répondu dans les {timeout:g} s.") from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError | socket.timeout):
            raise FetchError(
                f"{what}\u00a0: le serveur n'a pas répondu dans les {timeout:g} s."
            ) from error
        raise FetchError(f"{what}\u00a0: serveur injoignable ({error.reason}).") from error
    except OSError as error:
        raise FetchError(f"{what}\u00a0: échec de la connexion ({error}).") from error
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FetchError(f"{what}\u00a0: réponse illisible (JSON attendu).") from error


def get_json(
    url: str,
    params: dict[str, Any] | None = None,
    *,
    what: str,
    headers: dict[str, str] | None = None,
) -> Any:
    return _call("GET", build_url(url, params), headers or {}, None, what)


def post_json(url: str, payload: dict[str, Any], *, what: str) -> Any:
    body = json.dumps(payload).encode()
    return _call("POST", url, {"Content-Type": "application/json"}, body, what)


def unexpected(what: str, detail: str) -> FetchError:
    return FetchError(f"{what}\u00a0: réponse inattendue ({detail}).")
