from django.urls import path

from ressort.frameworks import views

app_name = "frameworks"

urlpatterns = [
    path("", views.framework_list, name="list"),
    path("publier/", views.framework_import, name="import"),
    path("<slug:code>/", views.framework_detail, name="detail"),
    path("<slug:code>/export.yaml", views.framework_export, name="export"),
    path("<slug:code>/element/<str:node_code>/", views.node_detail, name="node"),
]
