from django.urls import path

from ressort.territories import views

app_name = "territories"

urlpatterns = [
    path("", views.search, name="search"),
    path("<str:kind>/<str:code>/", views.detail, name="detail"),
    path("<str:kind>/<str:code>/contours.geojson", views.contours, name="contours"),
]
