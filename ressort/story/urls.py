"""La mise en récit, mounted under demarches/<slug:slug>/."""

from django.urls import path

from ressort.story import views

app_name = "story"

urlpatterns = [
    path("recit/", views.story, name="story"),
    path("recit/document/", views.document_start, name="document_start"),
    path("recit/<slug:key>/", views.chapter_edit, name="chapter_edit"),
    path("recit/<slug:key>/retablir/", views.chapter_revert, name="chapter_revert"),
]
