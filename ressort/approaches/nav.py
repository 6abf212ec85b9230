"""The démarche's own pages in its menu (see ressort.web.nav)."""

from ressort.approaches.access import Right
from ressort.web.nav import Entry, register

register(
    Entry(
        "Accueil et périmètre",
        "approaches:detail",
        "demarche",
        ("approaches:perimeter", "approaches:authority_logo"),
        order=10,
    ),
    Entry(
        "Parcours de la méthode",
        "approaches:journey",
        "demarche",
        ("approaches:step_*",),
        order=20,
    ),
    Entry("Cadrage", "approaches:framing", "demarche", ("approaches:module_*",), order=30),
    Entry(
        "Gouvernance", "approaches:governance", "demarche", ("approaches:governance_*",), order=40
    ),
    Entry("Calendrier", "approaches:calendar", "demarche", order=50),
    Entry(
        "Accompagnement",
        "approaches:accompaniment",
        "demarche",
        ("approaches:accompaniment_*", "approaches:session_*", "approaches:handover_*"),
        right=Right.CONTRIBUTE,
        order=55,
    ),
    Entry(
        "Membres",
        "approaches:members",
        "demarche",
        ("approaches:member_*", "approaches:invitation_revoke"),
        order=60,
    ),
    Entry(
        "Nom et périmètre",
        "approaches:settings",
        "demarche",
        ("approaches:delete", "approaches:logo_*"),
        right=Right.EDIT_FRAMING,
        order=70,
    ),
    Entry(
        "Documents produits",
        "documents:jobs",
        "demarche",
        ("documents:jobs", "documents:download"),
        order=80,
        in_menu=False,
    ),
)
