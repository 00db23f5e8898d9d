"""The widgets rendered in Python give exactly the HTML of Django's own widget templates."""

import datetime

import pytest
from django import forms
from django.forms.renderers import Jinja2 as DjangoJinja2

from koers.web.widgets import PythonWidgetRenderer

CHOICES = [("a", "Aap & <noot>"), ("b", 'Be"er'), ("c", "Cee")]


class EveryWidget(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 8}))
    email = forms.EmailField(required=False)
    number = forms.IntegerField()
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    hidden = forms.CharField(widget=forms.HiddenInput)
    secret = forms.CharField(widget=forms.PasswordInput)
    agree = forms.BooleanField(required=False)
    radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect)
    boxes = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple, required=False)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    pick = forms.ChoiceField(choices=[("", "---"), ("Groep", CHOICES), ("z", "Zet")])


def rendered(form: forms.Form) -> list[str]:
    html = [str(field) for field in form]
    html += [choice.tag() for name in ("radio", "boxes") for choice in form[name]]
    html += [choice.tag(wrap_label=True) for choice in form["radio"]]
    return html


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "text": '<script>"x"</script>',
            "email": "a&b@example.nl",
            "number": "12",
            "date": "2026-12-03",
            "time": "09:30",
            "hidden": "k&y",
            "secret": "geheim",
            "agree": "on",
            "radio": "b",
            "boxes": ["a", "c"],
            "notes": "regel 1\n<regel 2>",
            "pick": "b",
        },
    ],
    ids=["empty", "filled"],
)
def test_same_html_as_djangos_widget_templates(data):
    initial = {"date": datetime.date(2026, 1, 31), "text": "Jan & Piet"}
    ours = EveryWidget(data=data, initial=initial, renderer=PythonWidgetRenderer())
    djangos = EveryWidget(data=data, initial=initial, renderer=DjangoJinja2())

    assert rendered(ours) == rendered(djangos)
    assert "&lt;script&gt;" in str(ours["text"]) or data is None
