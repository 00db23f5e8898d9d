"""The forms of the impact timeline page. They only parse: amounts stay text, so the service reads
"1.400,50" as well as "1400.50" and says in Dutch what is wrong (koers.impact.services.amount)."""

import copy

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.impact.models import ActorRole, CostsMode, Payer, PointKind, Unit
from koers.impact.themes import theme_choices
from koers.web.forms import KoersForm, date_field

MAX_HORIZON = 120
ACTOR_ROWS = 3
QUOTE_ROWS = 2
MAX_ROWS = 12  # actors or quotes of one episode in the form; more would be a list, not a session

ROLE_CHOICES = [("", _("Kies een rol")), *ActorRole.choices]
INVALID_CHOICE = {"invalid_choice": _("Kies uit de lijst.")}


def _amount(label, *, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={"required": _("Vul een bedrag in.")},
    )


def _months(label, *, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=1,
        max_value=MAX_HORIZON,
        error_messages={
            "required": _("Vul een aantal maanden in."),
            "invalid": _("Vul een heel aantal maanden in."),
            "min_value": _("Kies 1 tot 120 maanden."),
            "max_value": _("Kies 1 tot 120 maanden."),
        },
    )


class HorizonForm(KoersForm):
    """GET ?horizon=N: over how many months the costs possibly saved are counted."""

    use_required_attribute = False  # red before anyone typed otherwise; the server checks it

    horizon = _months(_("Periode van de schatting (maanden)"))


class TimelineForm(KoersForm):
    use_required_attribute = False  # red before anyone typed otherwise; the server checks it
    title = forms.CharField(label=_("Titel"), max_length=150, required=False)
    starts_on = date_field(_("Van"), required=False)
    ends_on = date_field(_("Tot"), required=False)
    horizon_months = _months(_("Periode van de schatting (maanden)"), required=True)
    name_in_report = forms.BooleanField(
        label=_("Naam van de jongere in het rapport"),
        required=False,
        help_text=_("Alleen als de jongere dat zelf wil. Anders staat er 'de jongere'."),
    )


class CostsForm(KoersForm):
    use_required_attribute = False  # red before anyone typed otherwise; the server checks it
    costs_mode = forms.ChoiceField(
        label=_("Gemaakte kosten als"),
        choices=CostsMode.choices,
        widget=forms.RadioSelect,
        error_messages=INVALID_CHOICE,
    )
    costs_total = _amount(_("Totaal begeleiding (€)"))
    costs_rate = _amount(_("Bedrag per maand (€)"))
    costs_months = _months(_("Aantal maanden begeleiding"))
    costs_source = forms.CharField(label=_("Bron van de kosten"), max_length=300, required=False)


class CostLineForm(KoersForm):
    use_required_attribute = False  # red before anyone typed otherwise; the server checks it
    label = forms.CharField(
        label=_("Kostenpost"), max_length=150, error_messages={"required": _("Vul de kostenpost in.")}
    )
    amount = _amount(_("Bedrag (€)"), required=True)


class EpisodeForm(KoersForm):
    use_required_attribute = False  # red before anyone typed otherwise; the server checks it
    title = forms.CharField(
        label=_("Titel"),
        max_length=100,
        help_text=_("Bijvoorbeeld: beginsituatie, start, terugval, doorstart, perspectief."),
        error_messages={"required": _("Geef de episode een titel.")},
    )
    starts_on = date_field(_("Van"), required=False)
    ends_on = date_field(_("Tot"), required=False)
    narrative = forms.CharField(
        label=_("Wat er gebeurde"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An episode being changed may have more actors or quotes than the empty form's rows:
        # give it a row for each (from what was sent, or what it holds) and one empty, never fewer.
        self.actor_rows = self._rows_needed("actor_role", ACTOR_ROWS)
        self.quote_rows = self._rows_needed("quote_role", QUOTE_ROWS)
        for kind, rows, first in (("actor", self.actor_rows, ACTOR_ROWS), ("quote", self.quote_rows, QUOTE_ROWS)):
            names = ("actor_role", "actor_did") if kind == "actor" else ("quote_role", "quote_text")
            for n in range(first + 1, rows + 1):
                for name in names:
                    self.fields[f"{name}_{n}"] = copy.deepcopy(self.fields[f"{name}_1"])

    def _rows_needed(self, name: str, default: int) -> int:
        source = self.data if self.is_bound else self.initial
        key = self.add_prefix(name) if self.is_bound else name
        used = [n for n in range(1, MAX_ROWS + 1) if f"{key}_{n}" in source]
        filled = max(used, default=0)
        return min(MAX_ROWS, max(default, filled + (0 if self.is_bound else 1)))

    def clean(self):
        data = super().clean()
        for n in range(1, self.quote_rows + 1):
            if (data.get(f"quote_text_{n}") or "").strip() and not data.get(f"quote_role_{n}"):
                self.add_error(f"quote_role_{n}", _("Kies wie dit zei."))
        return data

    def rows(self, kind: str) -> list[tuple]:
        """The rows as bound fields, for the template: [(role, did)] or [(role, text)]."""
        if kind == "actor":
            return [(self[f"actor_role_{n}"], self[f"actor_did_{n}"]) for n in range(1, self.actor_rows + 1)]
        return [(self[f"quote_role_{n}"], self[f"quote_text_{n}"]) for n in range(1, self.quote_rows + 1)]

    def actors(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        return [
            (data[f"actor_role_{n}"], data.get(f"actor_did_{n}", ""))
            for n in range(1, self.actor_rows + 1)
            if data.get(f"actor_role_{n}")
        ]

    def quotes(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        return [
            (data[f"quote_role_{n}"], data.get(f"quote_text_{n}", ""))
            for n in range(1, self.quote_rows + 1)
            if data.get(f"quote_role_{n}") and (data.get(f"quote_text_{n}") or "").strip()
        ]


def _episode_rows() -> dict:
    """Up to three actors (role and what they did) and two quotes (role and text)."""
    fields = {}
    for n in range(1, ACTOR_ROWS + 1):
        fields[f"actor_role_{n}"] = forms.ChoiceField(
            label=_("Rol"), choices=ROLE_CHOICES, required=False, error_messages=INVALID_CHOICE
        )
        fields[f"actor_did_{n}"] = forms.CharField(label=_("Wat deed deze persoon"), max_length=500, required=False)
    for n in range(1, QUOTE_ROWS + 1):
        fields[f"quote_role_{n}"] = forms.ChoiceField(
            label=_("Wie zei het"), choices=ROLE_CHOICES, required=False, error_messages=INVALID_CHOICE
        )
        fields[f"quote_text_{n}"] = forms.CharField(label=_("Citaat"), max_length=1000, required=False)
    return fields


# Declared once on the class, so KoersForm gives them the NL Design System classes like the rest.
EpisodeForm.base_fields.update(_episode_rows())


class PointForm(KoersForm):
    """Added value or a point of attention: one form per kind, each with its own themes."""

    use_required_attribute = False  # red before anyone typed otherwise; the server checks it

    theme = forms.ChoiceField(label=_("Thema"), error_messages={**INVALID_CHOICE, "required": _("Kies een thema.")})
    text = forms.CharField(
        label=_("Wat de professionals zeggen"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Schrijf op wat de professionals zeggen.")},
    )
    youth_view = forms.CharField(
        label=_("Wat de jongere zegt"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, kind: str, prefix: str | None = None, **kwargs):
        super().__init__(*args, prefix=prefix or kind, **kwargs)
        self.kind = kind
        self.fields["theme"].choices = [("", _("Kies een thema")), *theme_choices(kind)]


POINT_KINDS = tuple(PointKind.values)


class ScenarioForm(KoersForm):
    use_required_attribute = False  # red before anyone typed otherwise; the server checks it
    title = forms.CharField(
        label=_("Titel"),
        max_length=150,
        initial=_("Zonder het traject"),
        error_messages={"required": _("Geef het scenario een titel.")},
    )
    narrative = forms.CharField(
        label=_("Wat de professionals verwachten"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    youth_view = forms.CharField(
        label=_("Wat de jongere verwacht"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ScenarioItemForm(KoersForm):
    """A cost the scenario would have caused: a line of the price list, or typed in."""

    use_required_attribute = False  # red before anyone typed otherwise; the server checks it

    price_item = forms.TypedChoiceField(
        label=_("Uit de prijslijst"), coerce=int, required=False, empty_value=None, error_messages=INVALID_CHOICE
    )
    condition = forms.CharField(
        label=_("Als"),
        max_length=300,
        required=False,
        help_text=_("Waar hangt het van af? Bijvoorbeeld: als hij was blijven gebruiken."),
    )
    name = forms.CharField(label=_("Of typ zelf: naam"), max_length=150, required=False)
    unit = forms.ChoiceField(
        label=_("Eenheid"), choices=[("", "—"), *Unit.choices], required=False, error_messages=INVALID_CHOICE
    )
    low = _amount(_("Laag bedrag (€)"))
    high = _amount(_("Hoog bedrag (€)"))
    payer = forms.ChoiceField(
        label=_("Wie betaalt"), choices=[("", "—"), *Payer.choices], required=False, error_messages=INVALID_CHOICE
    )
    source = forms.CharField(
        label=_("Bron"), max_length=300, required=False, help_text=_("Bijvoorbeeld: CBS Statline.")
    )
    source_year = forms.CharField(
        label=_("Jaar van de bron"),
        max_length=4,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("Bijvoorbeeld: 2024."),
    )
    source_url = forms.CharField(
        label=_("Webadres van de bron"),
        max_length=500,
        required=False,
        widget=forms.URLInput(),
        help_text=_("Begint met https://"),
    )

    TYPED = ("name", "unit", "low", "high", "payer", "source", "source_year", "source_url")

    def __init__(self, *args, prices, scenario_id: int, **kwargs):
        super().__init__(*args, prefix=f"item-{scenario_id}", **kwargs)
        self.scenario_id = scenario_id
        self.fields["price_item"].choices = [("", _("Kies een prijs, of typ hieronder zelf"))] + [
            (price.pk, price.name) for price in prices
        ]

    def typed(self) -> dict:
        return {name: self.cleaned_data.get(name) or "" for name in self.TYPED}
