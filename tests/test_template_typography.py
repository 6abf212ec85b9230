"""French typography in the text of every template (issue 13, « French typography
everywhere »): no straight apostrophe between letters (« d'une » → « d’une »), no ordinary
space before « : ; ! ? » (a no-break space before « : », a narrow one before the others, as
ressort/analysis/typography.py writes them: `&nbsp;` and `&#8239;` in HTML), no ordinary
space inside « guillemets ». Only what a reader sees is read: text nodes and the title,
aria-label, placeholder and alt attributes — never template tags, code attributes, scripts,
styles, pre, code or textarea (tests/template_text.py)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.template_text import Marked, pieces

ROOT = Path(__file__).resolve().parent.parent / "ressort"
MARK = "[\U000f0000-\U0010fffd]"
FAULTS = {
    "apostrophe droite": re.compile(rf"[^\W\d_]'(?=[^\W\d_]|{MARK})"),
    "espace ordinaire avant la ponctuation": re.compile(
        rf"(?:^|[^\s])[ \t]+[:;!?](?=[\s»)\]]|$|{MARK})"
    ),
    "espace ordinaire après «": re.compile(r"«[ \t]"),
    "espace ordinaire avant »": re.compile(r"[^\s][ \t]»"),
}


def templates() -> list[Path]:
    return sorted(
        path
        for path in ROOT.glob("**/templates/**/*")
        if path.suffix in {".html", ".txt"} and path.is_file()
    )


def faults_in(source: str, *, html: bool = True) -> list[tuple[int, str, str]]:
    """(line, fault, excerpt) for each fault in the reader's text of a template."""
    marked = Marked(source)
    found = []
    for piece in pieces(marked.marked, html=html):
        if not piece.text:
            continue
        text = marked.marked[piece.start : piece.end]
        for name, pattern in FAULTS.items():
            for match in pattern.finditer(text):
                at = piece.start + match.start()
                excerpt = marked.restore(text[max(0, match.start() - 20) : match.end() + 20])
                found.append((marked.line(at), name, excerpt.replace("\n", " ")))
    return sorted(found)


def test_the_guard_finds_what_it_should() -> None:
    source = (
        '{# l\'ancien commentaire #}<p title="Aujourd\'hui" class="a b">L\'équipe : '
        "<a href=\"{% url 'x:y' %}\">lien</a> ; d'{{ name }}</p>\n"
        "<p>« {{ x }} » ? <code>a ? b</code> <script>var a = 'l'; a ? b : c;</script></p>\n"
        "<p>Déjà juste&nbsp;: l’équipe&#8239;; «&nbsp;oui&nbsp;» 14:30 &amp; https://a.fr/?q=1</p>"
    )
    assert [(line, name) for line, name, _ in faults_in(source)] == [
        (1, "apostrophe droite"),
        (1, "apostrophe droite"),
        (1, "apostrophe droite"),
        (1, "espace ordinaire avant la ponctuation"),
        (1, "espace ordinaire avant la ponctuation"),
        (2, "espace ordinaire après «"),
        (2, "espace ordinaire avant la ponctuation"),
        (2, "espace ordinaire avant »"),
    ]


def test_a_plain_text_template_is_read_whole() -> None:
    assert [name for _, name, _ in faults_in("Bonjour,\nn'oubliez pas : demain.", html=False)] == [
        "apostrophe droite",
        "espace ordinaire avant la ponctuation",
    ]


def test_the_text_of_every_template_has_french_typography() -> None:
    found = [
        f"{path.relative_to(ROOT.parent)}:{line} : {name} dans « {excerpt} »"
        for path in templates()
        for line, name, excerpt in faults_in(path.read_text(), html=path.suffix == ".html")
    ]
    assert len(templates()) > 200
    assert found == [], "\n".join(found)
