from django import forms

from ressort.story.models import Chapter


class ChapterForm(forms.ModelForm):
    class Meta:
        model = Chapter
        fields = ["text", "public"]
        widgets = {"text": forms.Textarea(attrs={"rows": 14})}
