from django.urls import path

from ressort.legal import views

app_name = "legal"

urlpatterns = [
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("mentions-legales/", views.notice, name="notice"),
    path("donnees-personnelles/", views.personal_data, name="personal_data"),
    path("plan-du-site/", views.sitemap, name="sitemap"),
    path("code-source/", views.source, name="source"),
]
