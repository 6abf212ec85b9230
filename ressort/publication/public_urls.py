"""The public pages, mounted under publique/: no account needed."""

from django.urls import path

from ressort.publication import public_views

app_name = "publique"

urlpatterns = [
    path("<slug:address>/", public_views.page, name="page"),
    path("<slug:address>/documents/<int:pk>/", public_views.document, name="document"),
    path("<slug:address>/logo.png", public_views.logo, name="logo"),
]
