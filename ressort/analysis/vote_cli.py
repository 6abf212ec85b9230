"""`ressort analyse vote FICHIER.csv [--mentions "A,B,…"]`: count a majority-judgment vote.

The CSV (UTF-8; separator ",", ";" or tab, read from the header line) has a header of
candidate names and one ballot per row, each cell a grade of the scale (« À rejeter » …
« Excellent » by default, lowest first; `--mentions` gives another, lowest first). Grades
are matched ignoring case, accents and extra spaces; an empty cell counts as the lowest
grade; blank lines are skipped. Every fault is reported with its line and column (from 1)
before anything is counted.
"""

from __future__ import annotations

import argparse
import csv
import io
import unicodedata
from pathlib import Path

import numpy as np

from ressort.analysis.cli import InputError
from ressort.analysis.majority_judgment import DEFAULT_GRADES, MAX_GRADES, rank_ballots
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


def run(args: argparse.Namespace) -> object:
    grades = parse_mentions(args.mentions) if args.mentions is not None else DEFAULT_GRADES
    candidates, ballots = read_ballots(args.file, grades)
    result = rank_ballots(candidates, ballots, grades)
    return {
        "mentions": list(grades),
        "ballots": result.voters,
        "ranking": [
            {
                "candidate": r.candidate,
                "majority_grade": r.majority_grade_label,
                "rank": r.rank,
                "tally": dict(zip(grades, r.tally, strict=True)),
                "share_above": r.share_above,
                "share_below": r.share_below,
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


def read_ballots(path: Path, grades: tuple[str, ...]) -> tuple[list[str], np.ndarray]:
    """Candidates and a ballots array of grade indices; raise InputError listing every fault."""
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
    if not text.strip():
        raise InputError(
            f"{path} : fichier vide ; attendu : une ligne d'en-tête avec les candidats"
        )
    delimiter = guess_delimiter(next(line for line in text.splitlines() if line.strip()))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    lookup = {normalise(label): index for index, label in enumerate(grades)}
    allowed = ", ".join(f"« {g} »" for g in grades)
    errors: list[str] = []
    rows: list[list[int]] = []
    try:
        header = next((row for row in reader if not _blank(row)), None)
        if header is None:
            raise InputError(
                f"{path} : fichier vide ; attendu : une ligne d'en-tête avec les candidats"
            )
        header_line = reader.line_num
        candidates = [restore(name.strip()) for name in header]
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
        for row in reader:
            if _blank(row):
                continue
            line = reader.line_num
            if len(row) != len(candidates):
                errors.append(
                    f"ligne {line} : {len(row)} colonnes au lieu de {len(candidates)} "
                    "(une par candidat)"
                )
                continue
            ballot = []
            for column, cell in enumerate(row, start=1):
                key = normalise(cell)
                grade = 0 if not key else lookup.get(key)
                if grade is None:
                    errors.append(
                        f"ligne {line}, colonne {column} (« {candidates[column - 1]} ») : "
                        f"mention inconnue « {cell.strip()} » ; mentions permises : {allowed}"
                    )
                    grade = 0
                ballot.append(grade)
            rows.append(ballot)
    except csv.Error as error:
        errors.append(f"ligne {reader.line_num} : CSV mal formé ({error})")
    if not errors and not rows:
        errors.append("aucun bulletin : une ligne par votant est attendue après l'en-tête")
    if errors:
        shown = errors[:MAX_REPORTED]
        if len(errors) > MAX_REPORTED:
            shown.append(f"… et {len(errors) - MAX_REPORTED} autres erreurs")
        head = "1 erreur" if len(errors) == 1 else f"{len(errors)} erreurs"
        raise InputError(f"{head} dans {path} :\n" + "\n".join(f"  {e}" for e in shown))
    return candidates, np.array(rows, dtype=np.int64).reshape(len(rows), len(candidates))
