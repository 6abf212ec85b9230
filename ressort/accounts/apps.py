from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ressort.accounts"
    verbose_name = "Comptes"
