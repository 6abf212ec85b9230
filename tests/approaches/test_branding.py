"""The authority's logo (démarche settings) and the operator's colour and logo: what is
refused, who sees the logo, where it is shown."""

from __future__ import annotations

import io
import zlib
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from ressort import branding
from ressort.approaches import logo
from ressort.approaches.forms import BrandingForm
from ressort.approaches.models import Approach

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root},
        },
    }
    return root


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def png(size: tuple[int, int] = (120, 60), colour: str = "#0b5c57", fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt)
    return out.getvalue()


def bomb(width: int = 20_000, height: int = 20_000) -> bytes:
    """A tiny PNG declaring width × height pixels (one IDAT row only: the header is what
    counts, Pillow refuses or we refuse before decoding)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    row = zlib.compress(b"\x00" * (width + 1))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", row) + chunk(b"IEND", b"")


def upload(name: str, data: bytes, kind: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=kind)


def errors_of(data: bytes, name: str = "logo.png") -> str:
    form = BrandingForm({"authority_name": ""}, {"logo": upload(name, data)})
    assert not form.is_valid()
    return " ".join(form.errors["logo"])


def test_a_logo_is_written_again_as_png_without_metadata() -> None:
    source = io.BytesIO()
    image = Image.new("RGB", (3000, 1500), "#123456")
    exif = Image.Exif()
    exif[0x013B] = "Auteur secret"  # Artist
    image.save(source, format="JPEG", exif=exif)
    form = BrandingForm(
        {"authority_name": "  CA Porte "}, {"logo": upload("l.jpg", source.getvalue())}
    )
    assert form.is_valid(), form.errors
    logo = form.cleaned_data["logo"]
    assert logo.png.startswith(b"\x89PNG") and b"Auteur secret" not in logo.png
    assert max(logo.width, logo.height) == branding.LOGO_MAX_SIDE
    with Image.open(io.BytesIO(logo.png)) as again:
        assert again.format == "PNG" and again.size == (logo.width, logo.height)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("logo.gif", png(fmt="GIF")),
        ("logo.png", b"not an image at all"),
    ],
)
def test_wrong_types_are_refused_in_french_naming_the_field(name: str, data: bytes) -> None:
    message = errors_of(data, name)
    assert "Le logo de la collectivité doit être une image PNG ou JPEG" in message


def test_a_logo_too_big_is_refused_before_it_is_read() -> None:
    data = png() + b"\x00" * (3 * 1024 * 1024)
    message = errors_of(data)
    assert message.startswith("Le logo de la collectivité « logo.png » fait 3\u00a0Mo")
    assert "la limite est de 2\u00a0Mo" in message


def test_a_decompression_bomb_is_refused_from_its_header() -> None:
    data = bomb()
    assert len(data) < 100_000  # small on disk, 400 million pixels declared
    message = errors_of(data)
    assert message.startswith("Le logo de la collectivité fait ")
    assert "millions de pixels" in message and "la limite est de 25 millions" in message
    with pytest.raises(branding.LogoError, match="millions de pixels"):
        branding.clean_logo(bomb(6000, 6000), "Le logo")  # under Pillow's limit, over ours


def test_settings_page_saves_shows_replaces_and_removes_the_logo(
    approach: Approach,
    personas: dict[str, Any],
    private_media: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    lead = as_user(personas["chef_projet"])
    base = f"/demarches/{approach.slug}"
    response = lead.post(
        f"{base}/parametres/logo/",
        {
            "authority_name": "Communauté d'agglomération Porte de l'Isère",
            "logo": upload("a.png", png()),
        },
    )
    assert response.status_code == 302
    approach.refresh_from_db()
    first = approach.authority_logo.name
    assert first and (private_media / first).exists()
    assert approach.authority == "Communauté d'agglomération Porte de l'Isère"
    # The layout shows it, with the authority's name as its alternative text.
    page = unescape(lead.get(f"{base}/").content.decode())
    assert f'src="{base}/logo.png?v={approach.authority_logo_version}"' in page
    assert "alt=\"Communauté d'agglomération Porte de l'Isère\"" in page
    served = lead.get(f"{base}/logo.png")
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert served.content.startswith(b"\x89PNG")
    assert served["X-Content-Type-Options"] == "nosniff"
    # Replaced: the old file goes (once committed).
    with django_capture_on_commit_callbacks(execute=True):
        lead.post(
            f"{base}/parametres/logo/",
            {"authority_name": "", "logo": upload("b.png", png(colour="#aa0000"))},
        )
    approach.refresh_from_db()
    assert approach.authority_logo.name != first and not (private_media / first).exists()
    assert approach.authority == approach.perimeter_name  # empty name: the perimeter's
    # A refused file changes nothing, not even the name sent with it.
    response = lead.post(
        f"{base}/parametres/logo/",
        {"authority_name": "Autre nom", "logo": upload("c.svg", b"<svg/>")},
    )
    assert response.status_code == 400
    assert "Le logo de la collectivité doit être une image PNG ou JPEG" in unescape(
        response.content.decode()
    )
    approach.refresh_from_db()
    assert approach.authority_name == ""
    # Removed.
    second = approach.authority_logo.name
    with django_capture_on_commit_callbacks(execute=True):
        assert lead.post(f"{base}/parametres/logo/retirer/").status_code == 302
    approach.refresh_from_db()
    assert not approach.authority_logo and not (private_media / second).exists()
    assert lead.get(f"{base}/logo.png").status_code == 404
    assert "rs-authority-logo" not in lead.get(f"{base}/").content.decode()


def test_the_logo_is_for_members_only_and_set_by_those_who_frame(
    approach: Approach, personas: dict[str, Any]
) -> None:
    base = f"/demarches/{approach.slug}"
    as_user(personas["facilitateur"]).post(
        f"{base}/parametres/logo/", {"authority_name": "", "logo": upload("a.png", png())}
    )
    for role in ("facilitateur", "chef_projet", "elu_referent", "equipe", "partenaire"):
        assert as_user(personas[role]).get(f"{base}/logo.png").status_code == 200, role
    outsider = as_user(personas["outsider"])
    assert outsider.get(f"{base}/logo.png").status_code == 404
    assert Client().get(f"{base}/logo.png").status_code == 302  # to the login page
    # Another démarche's logo: 404 to this démarche's members.
    other = personas["other_approach"]
    logo.set_branding(other, "", branding.clean_logo(png()))
    assert outsider.get(f"/demarches/{other.slug}/logo.png").status_code == 200
    assert (
        as_user(personas["chef_projet"]).get(f"/demarches/{other.slug}/logo.png").status_code == 404
    )
    for role in ("equipe", "partenaire", "elu_referent"):
        client = as_user(personas[role])
        refused = client.post(f"{base}/parametres/logo/", {"logo": upload("x.png", png())})
        assert refused.status_code == 403, role
        assert client.post(f"{base}/parametres/logo/retirer/").status_code == 403, role
    assert outsider.post(f"{base}/parametres/logo/retirer/").status_code == 404
    approach.refresh_from_db()
    assert approach.authority_logo


def test_the_public_page_shows_the_logo_only_once_published(
    approach: Approach, personas: dict[str, Any]
) -> None:
    from ressort.publication.models import PublicPage

    as_user(personas["facilitateur"]).post(
        f"/demarches/{approach.slug}/parametres/logo/",
        {"authority_name": "", "logo": upload("a.png", png())},
    )
    public = Client()
    assert public.get(f"/publique/{approach.slug}/logo.png").status_code == 404
    PublicPage.objects.create(approach=approach, published=True)
    assert public.get(f"/publique/{approach.slug}/logo.png").status_code == 200
    page = unescape(public.get(f"/publique/{approach.slug}/").content.decode())
    assert f'src="/publique/{approach.slug}/logo.png?v=' in page
    assert f'alt="{approach.authority}"' in page


@pytest.mark.parametrize(
    "value",
    [
        "red;}body{display:none",
        "#0b5c57;}body{x:y",
        "#0b5c5",
        "#0b5c57ff",
        "0b5c57",
        "",
        "red",
        " #0b5c57 x",
    ],
)
def test_the_accent_colour_is_rrggbb_or_nothing(value: str, settings: Any) -> None:
    assert branding.safe_colour(value) is None
    settings.RESSORT_ACCENT_COLOR = value
    assert branding.accent() == branding.DEFAULT_ACCENT
    assert branding.check_startup()  # the system check says it


def test_a_refused_colour_never_reaches_the_pages_css(
    approach: Approach, personas: dict[str, Any], settings: Any
) -> None:
    settings.RESSORT_ACCENT_COLOR = "red;}body{display:none}"
    page = as_user(personas["equipe"]).get(f"/demarches/{approach.slug}/").content.decode()
    assert "display:none" not in page
    assert ":root { --rs-accent: #0b5c57; }" in page
    settings.RESSORT_ACCENT_COLOR = "#A0522D"
    assert branding.safe_colour("#A0522D") == "#a0522d" and branding.check_startup() == []
    caches["pages"].clear()  # a new setting means a restarted server: no page kept from before
    page = as_user(personas["equipe"]).get(f"/demarches/{approach.slug}/").content.decode()
    assert ":root { --rs-accent: #a0522d; }" in page


def test_the_operator_logo_file_is_checked_and_served(
    settings: Any, tmp_path: Path, client: Client
) -> None:
    settings.RESSORT_LOGO_URL = ""
    settings.RESSORT_LOGO_FILE = str(tmp_path / "absent.png")
    assert branding.operator_logo() is None and branding.check_startup()
    assert client.get("/logo-operateur.png").status_code == 404
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"<svg/>")
    settings.RESSORT_LOGO_FILE = str(bad)
    assert branding.operator_logo() is None
    good = tmp_path / "operateur.jpg"
    good.write_bytes(png(fmt="JPEG"))
    settings.RESSORT_LOGO_FILE = str(good)
    logo = branding.operator_logo()
    assert logo is not None and logo.png.startswith(b"\x89PNG")
    served = client.get("/logo-operateur.png")
    assert served.status_code == 200 and served.content == logo.png
    page = client.get("/compte/connexion/").content.decode()
    assert 'src="/logo-operateur.png"' in page
