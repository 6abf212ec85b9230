from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models


class UserManager(DjangoUserManager["User"]):
    """Accounts are identified by their email address; there is no username."""

    use_in_migrations = True

    def _create_user_with_email(self, email: str, password: str | None, **extra: Any) -> "User":
        if not email:
            raise ValueError("L'adresse électronique est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user_with_email(email, password, **extra)

    def create_superuser(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user_with_email(email, password, **extra)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    email = models.EmailField("adresse électronique", unique=True)
    organisation = models.CharField("organisation", max_length=200, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"
        ordering = ["last_name", "first_name", "email"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        full = self.get_full_name().strip()
        return full or self.email


class ProConnectIdentity(models.Model):
    """An account's ProConnect identity: the agent's stable `sub` and their organisation."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="proconnect", verbose_name="compte"
    )
    sub = models.CharField("identifiant ProConnect (sub)", max_length=255, unique=True)
    siret = models.CharField("SIRET de l'organisation", max_length=14, blank=True)
    updated_at = models.DateTimeField("dernière connexion ProConnect", auto_now=True)

    class Meta:
        verbose_name = "identité ProConnect"
        verbose_name_plural = "identités ProConnect"

    def __str__(self) -> str:
        return f"ProConnect {self.sub}"

    @property
    def siren(self) -> str:
        """The organisation's SIREN: an EPCI's SIREN is its code in the official data."""
        return self.siret[:9]
