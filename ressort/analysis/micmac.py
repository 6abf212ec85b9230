"""Structural analysis by MICMAC: direct and indirect influence and dependence of variables.

Method: Michel Godet's MICMAC (« Matrice d'Impacts Croisés – Multiplication Appliquée à un
Classement »), LIPSOR; see M. Godet, *Manuel de prospective stratégique*, t. 2, Dunod, and
the LIPSOR Cahier n° 5, « La boîte à outils de prospective stratégique ». The team scores the
direct influence of each variable on each other one (0 none, 1 weak, 2 medium, 3 strong,
P potential) in a matrix M whose row i says how variable i acts on the others.

- Direct influence of i = sum of row i of M; direct dependence = sum of column i.
- Indirect values are the row and column sums of M^k, which count the paths of length k
  weighted by the product of their scores; they are rescaled so that their total equals the
  total of M, which keeps the two maps on the same scale.
- k is the smallest power ≥ 2 at which the order of the variables by influence and the order
  by dependence (descending, ties in input order) are both the same as at power k − 1
  (power 1 being M), at most `MAX_POWER`. When M^k is all zeros first (an acyclic system:
  no loop of influence), k is that power and the indirect values are 0.
- Or k is fixed by the analyst (`power=`, `--puissance N`), as published studies state the
  power they used: the values are those of M^k exactly, whether or not the orders are
  stable by then (1 ≤ k ≤ `MAX_FIXED_POWER`; k = 1 gives the direct values).

The orders at every power computed are kept (`influence_orders`, `dependence_orders`), so
that a reader sees how the rankings move from one power to the next.

The powers are computed on the sum vectors only (M^k·1 and 1ᵀ·M^k), exactly, in integers:
in int64 while a bound proves that the next product cannot overflow, then in Python
integers (numpy object arrays), since M^k grows like (3n)^k. Rankings and ties are therefore
exact, and rescaled values are correctly rounded floats.

Zones of the influence–dependence map: the plane is split at the mean influence and the
mean dependence (both equal total / n, for direct and rescaled indirect values alike); a
value equal to the mean counts as high.
- « motrice » (driving): influence ≥ mean, dependence < mean;
- « relais » (relay): influence ≥ mean, dependence ≥ mean;
- « dépendante » (dependent): influence < mean, dependence ≥ mean;
- « autonome » (autonomous): influence < mean, dependence < mean.
No zone is given when the matrix (or M^k, for indirect zones) is all zeros.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from ressort.analysis.spreadsheet_cells import restore
from ressort.analysis.typography import french

MAX_POWER = 30
MAX_FIXED_POWER = 100
MAX_SCORE = 3
SCORES = "0, 1, 2, 3, P ou vide"
_INT64_MAX = int(np.iinfo(np.int64).max)

IntMatrix = npt.NDArray[np.int64]
BoolMatrix = npt.NDArray[np.bool_]


class Zone(StrEnum):
    """Quadrant of the influence–dependence map (French labels, as shown to users)."""

    DRIVING = "motrice"
    RELAY = "relais"
    DEPENDENT = "dépendante"
    AUTONOMOUS = "autonome"


class Stop(StrEnum):
    """Why the powers stopped at k."""

    STABLE = "stable"  # both orders at power k equal those at power k − 1
    ZERO = "zero"  # M^k is all zeros: acyclic system, indirect values are 0
    LIMIT = "limit"  # MAX_POWER reached without stable orders
    FIXED = "fixed"  # the power was chosen by the analyst


@dataclass(frozen=True, slots=True, eq=False)
class InfluenceMatrix:
    """A validated matrix of direct influences: `values[i, j]` is the score of i on j.

    `potential` marks the cells scored P, counted as 0 unless asked to count them as 3.
    """

    names: tuple[str, ...]
    values: IntMatrix
    potential: BoolMatrix

    def matrix(self, *, potential: bool = False) -> IntMatrix:
        """The matrix to analyse: P cells count 3 with `potential`, else 0."""
        if not potential:
            return self.values
        return np.where(self.potential, MAX_SCORE, self.values).astype(np.int64)


@dataclass(frozen=True, slots=True)
class VariableScore:
    """One variable's place in the direct and indirect rankings.

    Ranks start at 1 (most influential, most dependent). Indirect ranks and zone are None
    when M^k is all zeros.
    """

    name: str
    direct_influence: int
    direct_dependence: int
    indirect_influence: float
    indirect_dependence: float
    raw_indirect_influence: int  # row sum of M^k, before rescaling
    raw_indirect_dependence: int  # column sum of M^k, before rescaling
    direct_influence_rank: int
    direct_dependence_rank: int
    indirect_influence_rank: int | None
    indirect_dependence_rank: int | None
    direct_zone: Zone | None
    indirect_zone: Zone | None

    @property
    def influence_rank_shift(self) -> int | None:
        """Places gained in the influence ranking from direct to indirect (> 0: climbs)."""
        if self.indirect_influence_rank is None:
            return None
        return self.direct_influence_rank - self.indirect_influence_rank

    @property
    def dependence_rank_shift(self) -> int | None:
        """Places gained in the dependence ranking from direct to indirect (> 0: climbs)."""
        if self.indirect_dependence_rank is None:
            return None
        return self.direct_dependence_rank - self.indirect_dependence_rank


@dataclass(frozen=True, slots=True)
class MicmacResult:
    """Result of `micmac`, with what explains it.

    `influence_orders[p - 1]` and `dependence_orders[p - 1]` are the orders of the variables
    (indices, descending, ties in input order) at power p, for p = 1 … power.
    """

    variables: tuple[VariableScore, ...]
    power: int
    stop: Stop
    acyclic: bool  # no loop of influence at all (M is nilpotent)
    total: int  # total of M, also the total of each rescaled indirect column
    raw_total: int  # total of M^k
    influence_orders: tuple[tuple[int, ...], ...]
    dependence_orders: tuple[tuple[int, ...], ...]

    @property
    def note(self) -> str | None:
        """A French sentence for the cases a reader must be told about."""
        if self.stop is Stop.ZERO:
            return (
                f"Système acyclique : M^{self.power} est nulle (aucune boucle d'influence), "
                "les influences et dépendances indirectes valent donc 0."
            )
        if self.stop is Stop.FIXED:
            stable = (
                self.power > 1
                and self.influence_orders[-1] == self.influence_orders[-2]
                and self.dependence_orders[-1] == self.dependence_orders[-2]
            )
            return (
                f"Puissance imposée : valeurs indirectes calculées à la puissance {self.power}"
                + (
                    " (classements identiques à ceux de la puissance précédente)."
                    if stable
                    else "."
                )
            )
        if self.stop is Stop.LIMIT:
            return (
                f"Les classements ne se sont pas stabilisés avant la puissance {self.power} : "
                f"valeurs indirectes calculées à la puissance {self.power}."
            )
        if self.acyclic:
            return (
                "Système acyclique (aucune boucle d'influence) : les classements se sont "
                f"stabilisés à la puissance {self.power}, avant que M^k ne devienne nulle."
            )
        return None


def validate_matrix(matrix: npt.ArrayLike) -> IntMatrix:
    """Check a matrix of direct influences and return it as int64; ValueError otherwise.

    Allowed: a square two-dimensional array of integers 0, 1, 2 or 3 (whole floats are
    accepted), with 0 on the diagonal.
    """
    array = np.asarray(matrix)
    if array.ndim != 2 or array.shape[0] != array.shape[1]:
        raise ValueError(f"La matrice doit être carrée (forme reçue : {array.shape}).")
    integral_floats = array.dtype.kind == "f" and bool(np.all(np.mod(array, 1) == 0))
    if array.dtype.kind not in "iub" and not integral_floats:
        raise ValueError(f"La matrice doit contenir des entiers 0 à 3 (type reçu : {array.dtype}).")
    values = array.astype(np.int64)
    bad = np.argwhere((values < 0) | (values > MAX_SCORE))
    if bad.size:
        i, j = (int(x) for x in bad[0])
        raise ValueError(
            f"Influence {values[i, j]} en ({i + 1}, {j + 1}) : valeurs permises 0, 1, 2, 3."
        )
    diagonal = np.flatnonzero(np.diagonal(values))
    if diagonal.size:
        i = int(diagonal[0])
        raise ValueError(f"La diagonale doit être nulle (variable {i + 1} : {values[i, i]}).")
    return values


def micmac(
    matrix: npt.ArrayLike,
    names: Sequence[str] | None = None,
    *,
    max_power: int = MAX_POWER,
    power: int | None = None,
) -> MicmacResult:
    """Godet's MICMAC on a matrix of direct influences (see the module's docstring).

    With `power`, the indirect values are those of M^power exactly (stop FIXED, or ZERO when
    M^power is all zeros); otherwise the powers stop when the orders are stable.
    """
    m = validate_matrix(matrix)
    n = m.shape[0]
    labels = tuple(names) if names is not None else tuple(str(i + 1) for i in range(n))
    if len(labels) != n:
        raise ValueError(f"{len(labels)} noms pour {n} variables.")
    if max_power < 2:
        raise ValueError("La puissance maximale doit être au moins 2.")
    if power is not None and (
        isinstance(power, bool) or not isinstance(power, int) or not 1 <= power <= MAX_FIXED_POWER
    ):
        raise ValueError(f"La puissance doit être un entier de 1 à {MAX_FIXED_POWER}.")

    direct_influence = [int(x) for x in m.sum(axis=1)]
    direct_dependence = [int(x) for x in m.sum(axis=0)]
    total = sum(direct_influence)
    influence_orders = [_order(direct_influence)]
    dependence_orders = [_order(direct_dependence)]

    powers = _PowerSums(m)
    influence, dependence = direct_influence, direct_dependence
    fixed = power
    power, stop = 1, Stop.LIMIT
    if fixed is not None:
        while power < fixed:
            power += 1
            influence, dependence = powers.next()
            influence_orders.append(_order(influence))
            dependence_orders.append(_order(dependence))
        stop = Stop.FIXED if any(influence) else Stop.ZERO
    elif total == 0:
        stop = Stop.ZERO
    while stop is Stop.LIMIT and power < max_power:
        power += 1
        influence, dependence = powers.next()
        influence_orders.append(_order(influence))
        dependence_orders.append(_order(dependence))
        if not any(influence):
            stop = Stop.ZERO
        elif (
            influence_orders[-1] == influence_orders[-2]
            and dependence_orders[-1] == dependence_orders[-2]
        ):
            stop = Stop.STABLE
    zero = stop is Stop.ZERO
    raw_total = 0 if zero else sum(influence)

    def rescaled(raw: int) -> float:
        return 0.0 if zero else raw * total / raw_total

    direct_ranks = _ranks(influence_orders[0]), _ranks(dependence_orders[0])
    indirect_ranks = _ranks(influence_orders[-1]), _ranks(dependence_orders[-1])
    variables = tuple(
        VariableScore(
            name=labels[i],
            direct_influence=direct_influence[i],
            direct_dependence=direct_dependence[i],
            indirect_influence=rescaled(influence[i]),
            indirect_dependence=rescaled(dependence[i]),
            raw_indirect_influence=0 if zero else influence[i],
            raw_indirect_dependence=0 if zero else dependence[i],
            direct_influence_rank=direct_ranks[0][i],
            direct_dependence_rank=direct_ranks[1][i],
            indirect_influence_rank=None if zero else indirect_ranks[0][i],
            indirect_dependence_rank=None if zero else indirect_ranks[1][i],
            direct_zone=_zone(direct_influence[i], direct_dependence[i], total, n),
            indirect_zone=None if zero else _zone(influence[i], dependence[i], raw_total, n),
        )
        for i in range(n)
    )
    return MicmacResult(
        variables=variables,
        power=power,
        stop=stop,
        acyclic=zero or _is_nilpotent(m),
        total=total,
        raw_total=raw_total,
        influence_orders=tuple(influence_orders),
        dependence_orders=tuple(dependence_orders),
    )


_LIMB_BITS = 16  # limbs are read and written as little-endian uint16


class _PowerSums:
    """Row and column sums of M^2, M^3, …: M^k·1 = M·(M^(k-1)·1), exactly.

    In int64 while max(sums) × (largest row or column sum of M) fits. Beyond, the sums are
    Python integers cut into 16-bit limbs: M times a matrix of limbs stays in int64 (a row
    sum of M below 2^47 is enough), so each product is one int64 matrix product, after which
    the carries are propagated limb by limb in numpy and each sum is read back from its
    bytes. That keeps 500 variables at power 30 well under a second, where products of numpy
    object arrays (one Python multiplication per cell) take seconds.
    """

    def __init__(self, m: IntMatrix) -> None:
        self.m = m
        self.row_bound = int(m.sum(axis=1).max(initial=0))
        self.col_bound = int(m.sum(axis=0).max(initial=0))
        self.rows: list[int] = [int(x) for x in m.sum(axis=1)]
        self.cols: list[int] = [int(x) for x in m.sum(axis=0)]
        self.big = False

    def next(self) -> tuple[list[int], list[int]]:
        if not self.big:
            risk = max(
                max(self.rows, default=0) * self.row_bound,
                max(self.cols, default=0) * self.col_bound,
            )
            self.big = risk > _INT64_MAX
        if not self.big:
            self.rows = [int(x) for x in self.m.dot(np.array(self.rows, dtype=np.int64))]
            self.cols = [int(x) for x in np.array(self.cols, dtype=np.int64).dot(self.m)]
        elif max(self.row_bound, self.col_bound) < 1 << (62 - _LIMB_BITS):
            self.rows = _exact_product(self.m, self.rows)
            self.cols = _exact_product(self.m.T, self.cols)
        else:  # pragma: no cover - needs row sums of 2^32: not a MICMAC matrix
            big = self.m.astype(object)
            self.rows = [int(x) for x in big.dot(np.array(self.rows, dtype=object))]
            self.cols = [int(x) for x in np.array(self.cols, dtype=object).dot(big)]
        return list(self.rows), list(self.cols)


def _exact_product(m: IntMatrix, vector: list[int]) -> list[int]:
    """m · vector exactly, for non-negative Python integers of any size (see _PowerSums)."""
    n = len(vector)
    width = max(1, -(-max(vector, default=0).bit_length() // _LIMB_BITS))
    raw = b"".join(x.to_bytes(2 * width, "little") for x in vector)
    limbs = np.frombuffer(raw, dtype="<u2").reshape(n, width).astype(np.int64)
    products = m @ limbs  # every entry below 2^16 × (a row sum of m) < 2^62
    extra = max(1, -(-int(products.max(initial=0)).bit_length() // _LIMB_BITS))
    out = np.zeros((n, width + extra), dtype=np.int64)
    out[:, :width] = products
    for k in range(width + extra - 1):
        carry = out[:, k] >> _LIMB_BITS
        out[:, k] &= (1 << _LIMB_BITS) - 1
        out[:, k + 1] += carry
    data = out.astype("<u2").tobytes()
    step = 2 * (width + extra)
    return [int.from_bytes(data[i * step : (i + 1) * step], "little") for i in range(n)]


def _order(values: Sequence[int]) -> tuple[int, ...]:
    return tuple(sorted(range(len(values)), key=lambda i: -values[i]))


def _ranks(order: tuple[int, ...]) -> list[int]:
    ranks = [0] * len(order)
    for rank, i in enumerate(order, start=1):
        ranks[i] = rank
    return ranks


def _zone(influence: int, dependence: int, total: int, n: int) -> Zone | None:
    """Quadrant by exact comparison with the mean total / n (a value at the mean is high)."""
    if total == 0:
        return None
    strong = influence * n >= total
    dependent = dependence * n >= total
    if strong:
        return Zone.RELAY if dependent else Zone.DRIVING
    return Zone.DEPENDENT if dependent else Zone.AUTONOMOUS


def _is_nilpotent(m: IntMatrix) -> bool:
    """Whether M^n = 0 (no cycle), by repeated boolean squaring: about log2(n) products."""
    links = m > 0
    if np.any(links & links.T):  # two variables acting on each other: a cycle, at once
        return False
    reach = links.astype(np.float64)
    covered = 1
    while reach.any() and covered < m.shape[0]:
        reach = ((reach @ reach) > 0).astype(np.float64)
        covered *= 2
    return not reach.any()


# --- Reading a matrix from CSV ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fault:
    """One fault in a file, at a 1-based line and column as a spreadsheet user counts."""

    line: int
    column: int
    message: str

    def __str__(self) -> str:
        where = f"ligne {self.line}, colonne {self.column} ({_letters(self.column)})"
        return french(f"{where} : {self.message}")


class MatrixFileError(ValueError):
    """The file is not a valid MICMAC matrix; `faults` lists every fault found."""

    MAX_LISTED = 20

    def __init__(self, faults: Sequence[Fault]) -> None:
        self.faults = tuple(faults)
        listed = [str(f) for f in self.faults[: self.MAX_LISTED]]
        if len(self.faults) == 1:
            text = listed[0]
        else:
            more = len(self.faults) - len(listed)
            tail = [f"… et {more} autres erreurs."] if more else []
            text = "\n".join(
                [f"{len(self.faults)} erreurs dans le fichier, rien n'est calculé :"]
                + [f"  - {line}" for line in listed]
                + tail
            )
        super().__init__(text)


def read_matrix_csv(data: bytes) -> InfluenceMatrix:
    """Read a matrix of direct influences from CSV bytes; MatrixFileError lists the faults.

    The file is UTF-8 (a byte-order mark is allowed), separated by commas, or by semicolons or
    tabs as French spreadsheets write them (the separator is that of the first line). First
    row: an empty cell, then the variable names. Then one row per variable, in the header's
    order: its name, then its influence on each variable: 0, 1, 2, 3, P (potential) or an
    empty cell (0). The diagonal must be 0 or empty. Blank lines, and empty cells after the
    last column, are ignored.
    """
    rows = _rows(_decode(data))
    if not rows:
        raise MatrixFileError([Fault(1, 1, "le fichier est vide.")])
    header_line, header = rows[0]
    while header and not header[-1].strip():
        header = header[:-1]
    faults: list[Fault] = []
    if header and header[0].strip():
        faults.append(
            Fault(
                header_line,
                1,
                f"la première cellule doit être vide (trouvé « {header[0].strip()} ») ; "
                "les noms des variables commencent en colonne 2.",
            )
        )
    names = [restore(cell.strip()) for cell in header[1:]]
    n = len(names)
    if n == 0:
        faults.append(Fault(header_line, 2, "aucun nom de variable sur la première ligne."))
    seen: dict[str, int] = {}
    for j, name in enumerate(names, start=2):
        if not name:
            faults.append(Fault(header_line, j, "nom de variable vide."))
        elif name in seen:
            faults.append(Fault(header_line, j, f"« {name} » figure déjà en colonne {seen[name]}."))
        else:
            seen[name] = j
    body = rows[1:]
    if len(body) < n:
        last_line = body[-1][0] if body else header_line
        missing = ", ".join(f"« {name} »" for name in names[len(body) :])
        faults.append(
            Fault(
                last_line + 1,
                1,
                f"la matrice n'est pas carrée : {n} variables en colonne mais {len(body)} "
                f"lignes ; il manque les lignes de {missing}.",
            )
        )
    values = np.zeros((n, n), dtype=np.int64)
    potential = np.zeros((n, n), dtype=np.bool_)
    for i, (line, row) in enumerate(body):
        if i >= n:
            faults.append(
                Fault(
                    line,
                    1,
                    f"la matrice n'est pas carrée : ligne en trop, la première ligne nomme "
                    f"{n} variables.",
                )
            )
            continue
        faults.extend(_read_row(line, row, i, names, values, potential))
    if faults:
        raise MatrixFileError(faults)
    return InfluenceMatrix(names=tuple(names), values=values, potential=potential)


def _read_row(
    line: int,
    row: list[str],
    i: int,
    names: list[str],
    values: IntMatrix,
    potential: BoolMatrix,
) -> list[Fault]:
    faults: list[Fault] = []
    n = len(names)
    name = restore(row[0].strip())
    if name != names[i]:
        faults.append(
            Fault(
                line,
                1,
                f"« {name} » ne correspond pas à la variable de la colonne {i + 2} "
                f"(« {names[i]} ») : les lignes suivent l'ordre de la première ligne.",
            )
        )
    if len(row) < n + 1:
        faults.append(
            Fault(
                line,
                len(row) + 1,
                f"la matrice n'est pas carrée : {len(row) - 1} influences sur cette ligne "
                f"au lieu de {n}.",
            )
        )
    extra = [(j, cell.strip()) for j, cell in enumerate(row[n + 1 :], start=n + 2)]
    for j, value in [(j, value) for j, value in extra if value][:1]:
        faults.append(
            Fault(
                line,
                j,
                f"la matrice n'est pas carrée : « {value} » hors de la matrice de {n} variables.",
            )
        )
    for j, cell in enumerate(row[1 : n + 1]):
        value = cell.strip()
        column = j + 2
        if value in {"", "0", "1", "2", "3"}:
            values[i, j] = int(value or 0)
        elif value in {"P", "p"}:
            potential[i, j] = True
        else:
            faults.append(
                Fault(line, column, f"« {value} » n'est pas une influence permise ({SCORES}).")
            )
            continue
        if i == j and (values[i, j] or potential[i, j]):
            faults.append(
                Fault(
                    line,
                    column,
                    f"la diagonale doit valoir 0 ou être vide (« {names[i]} » sur elle-même : "
                    f"« {value} »).",
                )
            )
    return faults


def _decode(data: bytes) -> str:
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0  # byte-order mark
    try:
        return data[start:].decode("utf-8")
    except UnicodeDecodeError as error:
        position = start + error.start
        line = data.count(b"\n", 0, position) + 1
        line_start = data.rfind(b"\n", 0, position) + 1
        prefix = data[max(line_start, start) : position].decode("utf-8")
        column = len(next(csv.reader([prefix], delimiter=_separator(prefix)), [""]) or [""])
        raise MatrixFileError(
            [
                Fault(
                    line,
                    column,
                    f"le fichier n'est pas en UTF-8 (octet 0x{data[position]:02X} illisible) ; "
                    "enregistrez-le au format « CSV UTF-8 ».",
                )
            ]
        ) from None


def _separator(first_line: str) -> str:
    counts = {sep: first_line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """Non-blank CSV rows, each with the line where it starts."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    separator = _separator(first)
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        raise MatrixFileError(
            [Fault(line, 1, "caractère nul : ce n'est pas un fichier CSV texte.")]
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows: list[tuple[int, list[str]]] = []
    next_line = 1
    try:
        for row in reader:
            line, next_line = next_line, reader.line_num + 1
            if any(cell.strip() for cell in row):
                rows.append((line, row))
    except csv.Error:  # a cell beyond the csv module's limit (128 Ko), an unclosed quote…
        raise MatrixFileError(
            [
                Fault(
                    next_line,
                    1,
                    f"ligne illisible : une cellule dépasse {csv.field_size_limit() // 1024} Ko "
                    "ou un guillemet n'est pas refermé.",
                )
            ]
        ) from None
    return rows


def _letters(column: int) -> str:
    """Spreadsheet column letters: 1 → A, 27 → AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
