"""Typed readers of environment variables, with safe local defaults."""

import os

TRUE_WORDS = {"1", "true", "yes", "on", "oui"}
FALSE_WORDS = {"0", "false", "no", "off", "non", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"{name}={raw!r} : valeur booléenne attendue (1/0, true/false).")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name}={raw!r} : nombre entier attendu.") from exc


def url_origin(url: str) -> str:
    """The origin of a URL template, for a Content-Security-Policy source:
    `https://{s}.tile.example.org/{z}/{x}/{y}.png` → `https://*.tile.example.org`."""
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
