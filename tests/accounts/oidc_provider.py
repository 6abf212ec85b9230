"""A local OpenID Connect provider speaking as ProConnect does, for the tests (no network).

Authorisation-code flow: /authorize sends the browser back with a code, /token answers an
RS256-signed id_token carrying the nonce, /userinfo answers a signed JWT
(`application/jwt`, as ProConnect does), /jwks publishes the key, /session/end ends the
session and goes back.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "ressort-test"
CLIENT_SECRET = "secret-de-test"


class Provider:
    def __init__(self, claims: dict[str, Any]) -> None:
        self.claims = claims
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.codes: dict[str, str] = {}  # code → nonce
        self.ended = False
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: str, kind: str, **headers: str) -> None:
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/authorize":
                    code = secrets.token_urlsafe(8)
                    provider.codes[code] = query.get("nonce", "")
                    target = (
                        query["redirect_uri"]
                        + "?"
                        + urlencode({"code": code, "state": query["state"]})
                    )
                    self._send(302, "", "text/plain", Location=target)
                elif url.path == "/userinfo":
                    self._send(200, provider.sign(provider.claims), "application/jwt")
                elif url.path == "/jwks":
                    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(provider.key.public_key()))
                    jwk.update(kid="cle-1", alg="RS256", use="sig")
                    self._send(200, json.dumps({"keys": [jwk]}), "application/json")
                elif url.path == "/session/end":
                    provider.ended = True
                    self._send(302, "", "text/plain", Location=query["post_logout_redirect_uri"])
                else:
                    self._send(404, "", "text/plain")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if urlparse(self.path).path != "/token" or form.get("code") not in provider.codes:
                    self._send(400, json.dumps({"error": "invalid_grant"}), "application/json")
                    return
                nonce = provider.codes.pop(form["code"])
                now = int(time.time())
                id_token = provider.sign(
                    {
                        "iss": provider.url,
                        "aud": CLIENT_ID,
                        "sub": provider.claims["sub"],
                        "iat": now,
                        "exp": now + 60,
                        "nonce": nonce,
                        "acr": "eidas1",
                    }
                )
                body = {"access_token": "jeton", "token_type": "Bearer", "id_token": id_token}
                self._send(200, json.dumps(body), "application/json")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def sign(self, payload: dict[str, Any]) -> str:
        return jwt.encode(payload, self.key, algorithm="RS256", headers={"kid": "cle-1"})

    def settings(self) -> dict[str, Any]:
        return {
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": self.url + "/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": self.url + "/token",
            "OIDC_OP_USER_ENDPOINT": self.url + "/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": self.url + "/jwks",
            "OIDC_OP_LOGOUT_ENDPOINT": self.url + "/session/end",
        }

    def __enter__(self) -> Provider:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
