"""`ressort analyse vote FICHIER.csv [--mentions "A,B,…"] [--absence R] [--comptes]`:
count a majority-judgment vote.

The CSV (UTF-8; separator ",", ";" or tab, read from the header line) has a header of
candidate names and one ballot per row, each cell a grade of the scale (« À rejeter » …
« Excellent » by default, lowest first; `--mentions` gives another, lowest first). Grades
are matched ignoring case, accents and extra spaces; blank lines are skipped. An empty cell
is an absent grade: `--absence plus-basse` (default) counts it as the lowest grade,
`--absence exclure` leaves it out of that candidate's profile (candidates are then compared
on their grade distributions, see `majority_judgment`), `--absence MENTION` counts it as
that grade.

With `--comptes` the file gives tallies instead of ballots: a header `candidat` then the
grades, lowest first (they are the scale; `--mentions`, if given, must agree), and one row
per candidate with the number of each grade. A candidate with fewer grades than the most
graded one has absent grades, counted by the `--absence` rule. Every fault is reported with
its line and column (from 1) before anything is counted.
"""

from __future__ import annotations

import argparse
import csv
import io
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from ressort.analysis.cli import InputError
from ressort.analysis.majority_judgment import (
    ABSENCE_EXCLUDE,
    ABSENCE_LOWEST,
    DEFAULT_GRADES,
    MAX_GRADES,
    fill_absences,
    majority_judgment,
)
from ressort.analysis.spreadsheet_cells import restore

MAX_REPORTED = 20  # faults listed before "… and N more"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FICHIER.csv", type=Path, help="un bulletin par ligne")
    parser.add_argument(
        "--mentions",
        metavar="MENTIONS",
        help="échelle de mentions, de la plus basse à la plus haute, séparées par des virgules "
        f"(défaut : {', '.join(DEFAULT_GRADES)})",
    )
    parser.add_argument(
        "--absence",
        metavar="RÈGLE",
        default=ABSENCE_LOWEST,
        help="mention absente : plus-basse (comptée comme la mention la plus basse, défaut), "
        "exclure (laissée hors du profil du candidat) ou le nom d'une mention",
    )
    parser.add_argument(
        "--comptes",
        action="store_true",
        help="le fichier donne par candidat le nombre de chaque mention (en-tête « candidat » "
        "puis les mentions, de la plus basse à la plus haute) au lieu d'un bulletin par ligne",
    )


def absence_grade(rule: str, grades: tuple[str, ...]) -> int | None:
    """The grade index an absent grade counts as; None to leave it out."""
    if rule == ABSENCE_EXCLUDE:
        return None
    if rule == ABSENCE_LOWEST:
        return 0
    lookup = {normalise(label): index for index, label in enumerate(grades)}
    index = lookup.get(normalise(rule))
    if index is None:
        allowed = ", ".join(f"« {g} »" for g in grades)
        raise InputError(
            f"--absence : « {rule} » n'est ni « plus-basse », ni « exclure », ni une mention "
            f"de l'échelle ({allowed})"
        )
    return index


def run(args: argparse.Namespace) -> object:
    mentions = parse_mentions(args.mentions) if args.mentions is not None else None
    rule = getattr(args, "absence", ABSENCE_LOWEST)
    if getattr(args, "comptes", False):
        grades, candidates, counts = read_tallies(args.file, mentions)
    else:
        grades = mentions or DEFAULT_GRADES
        candidates, ballots = read_ballots(args.file, grades, empty=ABSENT)
        counts = tally_with_absences(ballots, len(grades))
    absent = absence_grade(rule, grades)
    totals = counts.sum(axis=1)
    voters = int(totals.max())
    counts = fill_absences(counts, voters, absent)
    if absent is None:
        empty = [candidates[i] for i in np.flatnonzero(totals == 0)]
        if empty:
            raise InputError(
                "--absence exclure : aucune mention pour "
                + ", ".join(f"« {name} »" for name in empty)
            )
    result = majority_judgment(candidates, counts, grades, unequal=absent is None)
    return {
        "mentions": list(grades),
        "absence": rule if absent is None or rule == ABSENCE_LOWEST else grades[absent],
        "ballots": voters,
        "ranking": [
            {
                "candidate": r.candidate,
                "majority_grade": r.majority_grade_label,
                "rank": r.rank,
                "tally": dict(zip(grades, r.tally, strict=True)),
                "share_above": r.share_above,
                "share_below": r.share_below,
                "graded": r.graded,
            }
            for r in result.ranking
        ],
    }


def normalise(label: str) -> str:
    """Case-, accent- and space-insensitive form of a grade label."""
    decomposed = unicodedata.normalize("NFKD", label.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split())


def parse_mentions(text: str) -> tuple[str, ...]:
    labels = tuple(part.strip() for part in text.split(","))
    if any(not label for label in labels):
        raise InputError("--mentions : mention vide (séparez les mentions par des virgules)")
    if len(labels) < 2:
        raise InputError(
            "--mentions : il faut au moins deux mentions, de la plus basse à la plus haute"
        )
    if len(labels) > MAX_GRADES:
        raise InputError(f"--mentions : au plus {MAX_GRADES} mentions")
    seen: dict[str, str] = {}
    for label in labels:
        key = normalise(label)
        if key in seen:
            raise InputError(f"--mentions : « {label} » répète « {seen[key]} »")
        seen[key] = label
    return labels


def guess_delimiter(header: str) -> str:
    """The most frequent of ",", ";" and tab outside double quotes in the header (","
    when none occurs, i.e. a single candidate)."""
    counts = dict.fromkeys(",;\t", 0)
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    return max(counts, key=lambda d: counts[d])


def _blank(row: list[str]) -> bool:
    """An empty line, or one of spaces: skipped (a ballot has as many cells as candidates)."""
    return len(row) <= 1 and not "".join(row).strip()


ABSENT = -1  # an empty cell in a ballots array


def tally_with_absences(ballots: np.ndarray, n_grades: int) -> np.ndarray:
    """counts[c, g] from a ballots array where ABSENT marks an empty cell (not counted)."""
    n_candidates = ballots.shape[1]
    counts = np.zeros((n_candidates, n_grades), dtype=np.int64)
    for c in range(n_candidates):
        column = ballots[:, c]
        counts[c] = np.bincount(column[column != ABSENT], minlength=n_grades)
    return counts


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path} : fichier introuvable") from None
    except OSError as error:
        raise InputError(f"{path} : lecture impossible ({error.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(f"{path} : ligne {line} : le fichier n'est pas en UTF-8") from None
    return text


def _raise_all(path: Path, errors: list[str]) -> None:
    shown = errors[:MAX_REPORTED]
    if len(errors) > MAX_REPORTED:
        shown.append(f"… et {len(errors) - MAX_REPORTED} autres erreurs")
    head = "1 erreur" if len(errors) == 1 else f"{len(errors)} erreurs"
    raise InputError(f"{head} dans {path} :\n" + "\n".join(f"  {e}" for e in shown))


def _rows(path: Path, expected: str, errors: list[str]) -> Iterator[tuple[int, list[str]]]:
    """The non-blank rows of the CSV file with their line numbers, the header first; an empty
    file raises InputError saying what was `expected`; an unreadable line ends the rows with
    its fault in `errors`."""
    text = _read_text(path)
    if not text.strip():
        raise InputError(f"{path} : fichier vide ; {expected}")
    delimiter = guess_delimiter(next(line for line in text.splitlines() if line.strip()))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for row in reader:
            if not _blank(row):
                yield reader.line_num, row
    except csv.Error:  # a cell beyond the csv module's limit, an unclosed quote…
        errors.append(_unreadable(reader.line_num))


def _header(
    path: Path, rows: Iterator[tuple[int, list[str]]], expected: str, errors: list[str]
) -> tuple[int, list[str]]:
    """The header line's number and cells, stripped."""
    header_line, header = next(rows, (0, None))
    if header is None:
        if errors:
            _raise_all(path, errors)
        raise InputError(f"{path} : fichier vide ; {expected}")
    return header_line, [cell.strip() for cell in header]


def read_tallies(
    path: Path, mentions: tuple[str, ...] | None
) -> tuple[tuple[str, ...], list[str], np.ndarray]:
    """The scale, the candidates and counts[c, g] of a tallies file (see the module's
    docstring); raise InputError listing every fault with its line and column."""
    expected = "attendu : une ligne d'en-tête « candidat » puis les mentions"
    errors: list[str] = []
    candidates: list[str] = []
    rows: list[list[int]] = []
    lines = _rows(path, expected, errors)
    header_line, cells = _header(path, lines, expected, errors)
    if normalise(cells[0]) != "candidat":
        errors.append(f"ligne {header_line}, colonne 1 : « candidat » attendu, pas « {cells[0]} »")
    grades = tuple(cells[1:])
    seen: dict[str, int] = {}
    for column, label in enumerate(grades, start=2):
        if not label:
            errors.append(f"ligne {header_line}, colonne {column} : mention vide")
        elif normalise(label) in seen:
            errors.append(
                f"ligne {header_line}, colonne {column} : mention « {label} » déjà en "
                f"colonne {seen[normalise(label)]}"
            )
        seen.setdefault(normalise(label), column)
    if len(grades) < 2:
        errors.append(f"ligne {header_line} : il faut au moins deux mentions après « candidat »")
    elif len(grades) > MAX_GRADES:
        errors.append(f"ligne {header_line} : au plus {MAX_GRADES} mentions")
    if mentions is not None and [normalise(g) for g in mentions] != [normalise(g) for g in grades]:
        errors.append(
            f"ligne {header_line} : les mentions de l'en-tête ne sont pas celles de "
            "--mentions (" + ", ".join(mentions) + ")"
        )
    names: dict[str, int] = {}
    for line, row in lines:
        if len(row) != len(cells):
            errors.append(
                f"ligne {line} : {len(row)} colonnes au lieu de {len(cells)} (le candidat "
                "puis un nombre par mention)"
            )
            continue
        name = restore(row[0].strip())
        if not name:
            errors.append(f"ligne {line}, colonne 1 : nom de candidat vide")
        elif name in names:
            errors.append(
                f"ligne {line}, colonne 1 : candidat « {name} » déjà en ligne {names[name]}"
            )
        names.setdefault(name, line)
        counts = []
        for column, cell in enumerate(row[1:], start=2):
            value = cell.strip()
            if not value:
                counts.append(0)
            elif value.isdigit():
                counts.append(int(value))
            else:
                errors.append(
                    f"ligne {line}, colonne {column} (« {grades[column - 2]} ») : un "
                    f"nombre entier ≥ 0 est attendu, pas « {value} »"
                )
                counts.append(0)
        candidates.append(name)
        rows.append(counts)
    if not errors and not rows:
        errors.append("aucun candidat : une ligne par candidat est attendue après l'en-tête")
    if errors:
        _raise_all(path, errors)
    return grades, candidates, np.array(rows, dtype=np.int64).reshape(len(rows), len(grades))


def _unreadable(line: int) -> str:
    """The csv module's own message is English (« field larger than field limit »): ours."""
    return (
        f"ligne {line} : CSV mal formé, ligne illisible : une cellule dépasse "
        f"{csv.field_size_limit() // 1024} Ko ou un guillemet n'est pas refermé"
    )


def read_ballots(
    path: Path, grades: tuple[str, ...], empty: int = 0
) -> tuple[list[str], np.ndarray]:
    """Candidates and a ballots array of grade indices, `empty` for an empty cell (the
    lowest grade by default; ABSENT to tell absences apart); raise InputError listing every
    fault."""
    expected = "attendu : une ligne d'en-tête avec les candidats"
    lookup = {normalise(label): index for index, label in enumerate(grades)}
    allowed = ", ".join(f"« {g} »" for g in grades)
    errors: list[str] = []
    rows: list[list[int]] = []
    lines = _rows(path, expected, errors)
    header_line, header = _header(path, lines, expected, errors)
    candidates = [restore(name) for name in header]
    seen: dict[str, int] = {}
    for column, name in enumerate(candidates, start=1):
        if not name:
            errors.append(f"ligne {header_line}, colonne {column} : nom de candidat vide")
        elif name in seen:
            errors.append(
                f"ligne {header_line}, colonne {column} : candidat « {name} » déjà en "
                f"colonne {seen[name]}"
            )
        seen.setdefault(name, column)
    for line, row in lines:
        if len(row) != len(candidates):
            errors.append(
                f"ligne {line} : {len(row)} colonnes au lieu de {len(candidates)} "
                "(une par candidat)"
            )
            continue
        ballot = []
        for column, cell in enumerate(row, start=1):
            key = normalise(cell)
            grade = empty if not key else lookup.get(key)
            if grade is None:
                errors.append(
                    f"ligne {line}, colonne {column} (« {candidates[column - 1]} ») : "
                    f"mention inconnue « {cell.strip()} » ; mentions permises : {allowed}"
                )
                grade = 0
            ballot.append(grade)
        rows.append(ballot)
    if not errors and not rows:
        errors.append("aucun bulletin : une ligne par votant est attendue après l'en-tête")
    if errors:
        _raise_all(path, errors)
    return candidates, np.array(rows, dtype=np.int64).reshape(len(rows), len(candidates))
