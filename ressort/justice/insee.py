"""Population groups and their sizes per commune from INSEE's communal census files.

The files are INSEE's « bases communales » of the population census (e.g. « Évolution et
structure de la population » base-cc-evol-struct-pop-2021.CSV, « Couples, familles,
ménages »), one line per commune (CODGEO) and one column per variable, prefixed by the
year (P21_POP0014: people aged 0 to 14 in 2021; C21_MENPSEUL: one-person households). The
variables read and the groups they make are in data/justice/justice.yaml (`insee`).

The whole file is read and checked before anything is written: a missing CODGEO column, a
value that is not a number (named by line and column), or a file with no commune of the
perimeter, and nothing is saved. Communes outside the perimeter are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from ressort.analysis.typography import agree, plural, read_number
from ressort.approaches.models import Approach
from ressort.justice.catalogue import load as catalogue
from ressort.justice.models import GroupSize, PopulationGroup
from ressort.tables import Fault, TableError, read_rows

SOURCE = "INSEE, recensement de la population {year}, bases communales"
VARIABLE = re.compile(r"^(?P<kind>[PC])(?P<yy>\d{2})_(?P<code>[A-Z0-9]+)$")


@dataclass(frozen=True, slots=True)
class InseeReport:
    groups_created: int
    sizes: int
    communes: int
    year: int

    def message(self) -> str:
        return (
            f"Recensement {self.year}\u00a0: {plural(self.sizes, 'effectif')} pour "
            f"{plural(self.communes, 'commune')} du périmètre\u00a0; "
            f"{plural(self.groups_created, 'groupe')} {agree(self.groups_created, 'créé')}."
        )


def _count(raw: str) -> int:
    value = read_number(raw)
    if value < 0 or not value.is_finite():
        raise ValueError(f"«\u00a0{raw}\u00a0»\u00a0: un effectif ne peut pas être négatif.")
    # INSEE's census counts are estimates with decimals: round to whole people.
    return int(value.quantize(Decimal(1)))


def load_file(approach: Approach, data: bytes, filename: str) -> InseeReport:
    rows = read_rows(data, filename)
    if not rows:
        raise TableError([Fault(None, None, "Le fichier est vide.")])
    header = [h.strip().upper() for h in rows[0]]
    known = catalogue().insee
    if "CODGEO" not in header:
        raise TableError(
            [Fault(1, "CODGEO", "colonne obligatoire absente\u00a0: le code INSEE de la commune.")]
        )
    columns: dict[int, tuple[str, str, int]] = {}  # index → (group, dimension, year)
    for index, name in enumerate(header):
        match = VARIABLE.match(name)
        if match and match["code"] in known:
            group, dimension = known[match["code"]]
            columns[index] = (group, dimension, 2000 + int(match["yy"]))
    if not columns:
        expected = ", ".join(f"P21_{code}" for code in known)
        raise TableError(
            [
                Fault(
                    1,
                    None,
                    f"aucune variable reconnue. Variables lues (ici pour 2021)\u00a0: {expected}.",
                )
            ]
        )
    code_at = header.index("CODGEO")
    perimeter = {c.code: c for c in approach.communes.all()}
    faults: list[Fault] = []
    values: list[tuple[str, str, int, object, int]] = []  # group, dimension, year, commune, n
    seen: set[str] = set()
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        code = row[code_at].strip() if code_at < len(row) else ""
        if len(code) == 4 and code.isdigit():
            code = "0" + code  # a spreadsheet dropped the leading zero
        if code not in perimeter:
            continue
        seen.add(code)
        for index, (group, dimension, year) in columns.items():
            raw = row[index] if index < len(row) else ""
            if not raw.strip():
                faults.append(Fault(line, rows[0][index], "valeur manquante."))
                continue
            try:
                values.append((group, dimension, year, perimeter[code], _count(raw)))
            except ValueError as error:
                faults.append(Fault(line, rows[0][index].strip(), str(error)))
    if faults:
        raise TableError(faults[:50])
    if not seen:
        raise TableError(
            [
                Fault(
                    None, None, "Le fichier ne contient aucune commune du périmètre de la démarche."
                )
            ]
        )
    year = max(y for _, _, y, _, _ in values)
    created = 0
    with transaction.atomic():
        groups: dict[str, PopulationGroup] = {}
        for name, dimension, _, _, _ in values:
            if name in groups:
                continue
            group, made = PopulationGroup.objects.get_or_create(
                approach=approach,
                name=name,
                defaults={"dimension": dimension, "source": SOURCE.format(year=year)},
            )
            if not made:
                group.source = SOURCE.format(year=year)
                group.save(update_fields=["source"])
            created += made
            groups[name] = group
        for name, _, y, commune, count in values:
            GroupSize.objects.update_or_create(
                group=groups[name], commune=commune, defaults={"count": count, "year": y}
            )
    return InseeReport(created, len(values), len(seen), year)
