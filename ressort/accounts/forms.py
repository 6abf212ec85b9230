from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from ressort.accounts.models import User


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label="Adresse électronique",
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": (
            "Adresse électronique ou mot de passe incorrect. "
            "Vérifiez les deux champs (les majuscules comptent dans le mot de passe)."
        ),
        "inactive": "Ce compte est désactivé. Contactez l'administrateur de l'instance.",
    }

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).lower()


class SignupForm(forms.ModelForm):
    """Creates the account of an invited person (the email comes from the invitation)."""

    password1 = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Confirmation du mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "organisation"]

    def __init__(self, *args: object, email: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.instance.email = email
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True

    def clean_password2(self) -> str:
        p1 = self.cleaned_data.get("password1")
        p2 = self.cleaned_data.get("password2", "")
        if p1 and p1 != p2:
            raise forms.ValidationError("Les deux mots de passe ne sont pas identiques.")
        password_validation.validate_password(p2, self.instance)
        return str(p2)

    def save(self, commit: bool = True) -> User:
        user: User = super().save(commit=False)
        user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
        return user
