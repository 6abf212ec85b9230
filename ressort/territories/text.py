"""Normalisation of names for accent- and case-insensitive search."""

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalize(text: str) -> str:
    """'Porte de l'Isère (CAPI)' -> 'porte de l isere capi'; 'Œuf' -> 'oeuf'."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_ALNUM.sub(" ", text).strip()
