"""Resolving what a user typed into a perimeter of communes, with French errors."""

import re

from django.core.exceptions import ValidationError

from ressort.territories.models import Territory, TerritoryType
from ressort.territories.services import CODE_LIKE, search_territories
from ressort.territories.text import normalize

TYPED_CODE = re.compile(r"^(COM|EPCI|DEP|REG):([0-9AB]{2,9})$")
SEPARATORS = re.compile(r"[\s,;]+")


def resolve_territory(text: str, typed_code: str = "") -> Territory:
    """The official territory chosen in the autocomplete, or typed as a name or a code."""
    match = TYPED_CODE.match(typed_code.strip().upper())
    if match:
        found = Territory.objects.filter(
            type=match.group(1), code=match.group(2), is_current=True
        ).first()
        if found:
            return found
    text = text.strip()
    if not text:
        raise ValidationError("Choisissez le territoire de la démarche.", code="required")
    words = normalize(text)
    if CODE_LIKE.fullmatch(words):
        candidates = list(Territory.objects.filter(code=words.upper(), is_current=True))
        if not candidates:
            raise ValidationError(
                "Code INSEE inconnu : %(code)s. Vérifiez-le ou cherchez le territoire par son nom.",
                code="unknown_code",
                params={"code": text},
            )
    else:
        candidates = [t for t in search_territories(text, limit=50) if t.search_name == words]
        if not candidates:
            raise ValidationError(
                "Aucun territoire ne s'appelle « %(name)s ». Choisissez-le dans la liste des "
                "suggestions ou saisissez son code INSEE.",
                code="unknown_name",
                params={"name": text},
            )
    if len(candidates) > 1:
        listed = ", ".join(f"{t.name} ({t.type_short_label} {t.code})" for t in candidates[:5])
        raise ValidationError(
            "Plusieurs territoires correspondent à «\u00a0%(text)s\u00a0»\u00a0: %(listed)s. "
            "Choisissez-le dans la liste des suggestions.",
            code="ambiguous",
            params={"text": text, "listed": listed},
        )
    return candidates[0]


def parse_commune_codes(text: str) -> list[Territory]:
    """Communes from INSEE codes (and EPCI SIREN codes, expanded), one or more per line."""
    wanted: list[tuple[int, str]] = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        for token in SEPARATORS.split(line.strip()):
            if token:
                wanted.append((line_number, token.upper()))
    if not wanted:
        raise ValidationError(
            "Le périmètre doit contenir au moins une commune\u00a0: saisissez des codes INSEE.",
            code="empty",
        )
    codes = {code for _, code in wanted}
    communes = {
        t.code: t
        for t in Territory.objects.filter(
            type=TerritoryType.COMMUNE, code__in=codes, is_current=True
        )
    }
    epcis = set(
        Territory.objects.filter(type=TerritoryType.EPCI, code__in=codes).values_list(
            "code", flat=True
        )
    )
    unknown = [(n, c) for n, c in wanted if c not in communes and c not in epcis]
    if unknown:
        listed = ", ".join(f"{c} (ligne {n})" for n, c in unknown[:20])
        more = f" et {len(unknown) - 20} autres" if len(unknown) > 20 else ""
        raise ValidationError(
            "Codes inconnus\u00a0: %(listed)s%(more)s. Un code INSEE de commune a 5 caractères "
            "(ex. 38053)\u00a0; un SIREN d'EPCI en a 9.",
            code="unknown_codes",
            params={"listed": listed, "more": more},
        )
    result = dict(communes)
    if epcis:
        for commune in Territory.objects.filter(
            type=TerritoryType.COMMUNE, epci_code__in=epcis, is_current=True
        ):
            result[commune.code] = commune
    return sorted(result.values(), key=lambda t: t.code)
