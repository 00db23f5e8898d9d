"""Prijslijst (/instellingen/prijslijst/): the organisation's maatschappelijke prijslijst, the
prices an impact timeline's reference scenario picks its items from. Team leads and functional
administrators keep it (koers.impact.services.may_keep_price_list); consultants read it, since they
choose its items in a session. On the first visit the list Koers ships is put in place."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from koers.impact.estimate import Item, item_flags
from koers.impact.flags import flag_messages
from koers.impact.models import Payer, PriceItem, Unit
from koers.impact.selectors import price_item_of, price_list
from koers.impact.services import amount, may_keep_price_list, price_item_save, price_list_seed
from koers.web.forms import KoersForm, attach_service_errors
from koers.web.once import submit_once

FIELDS = ("name", "unit", "low", "high", "payer", "source", "source_url", "source_year", "note")


def _may_read(user) -> bool:
    return bool(
        user.is_authenticated and user.organisation_id and (user.works_with_youths or may_keep_price_list(user))
    )


def _require_reader(user) -> None:
    if not _may_read(user):
        raise PermissionDenied(_("Uw rol geeft geen toegang tot de prijslijst."))


def _require_keeper(user) -> None:
    if not may_keep_price_list(user):
        raise PermissionDenied(_("Alleen teamleiders en functioneel beheerders houden de prijslijst bij."))


def _required(message):
    return {"required": message, "invalid_choice": gettext_lazy("Kies uit de lijst.")}


class PriceItemForm(KoersForm):
    """Parses only; the amounts ("1.400,50" or "1400.50") are read and checked by the service, whose
    check also runs with the form's own, so every message shows in one round."""

    service_checks = {"low": lambda value: amount("low", value), "high": lambda value: amount("high", value)}

    name = forms.CharField(
        label=gettext_lazy("Naam"), max_length=150, error_messages=_required(gettext_lazy("Vul een naam in."))
    )
    unit = forms.ChoiceField(
        label=gettext_lazy("Eenheid"),
        choices=[("", gettext_lazy("Kies een eenheid")), *Unit.choices],
        error_messages=_required(gettext_lazy("Kies of het bedrag eenmalig, per maand of per jaar is.")),
    )
    low = forms.CharField(
        label=gettext_lazy("Laag bedrag (euro)"),
        help_text=gettext_lazy("Bijvoorbeeld 1400 of 1.400,50. Is er één bedrag, vul dan twee keer hetzelfde in."),
        error_messages=_required(gettext_lazy("Vul het lage bedrag in.")),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    high = forms.CharField(
        label=gettext_lazy("Hoog bedrag (euro)"),
        error_messages=_required(gettext_lazy("Vul het hoge bedrag in.")),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    payer = forms.ChoiceField(
        label=gettext_lazy("Wie betaalt"),
        choices=[("", gettext_lazy("Kies wie betaalt")), *Payer.choices],
        error_messages=_required(gettext_lazy("Kies wie de kosten betaalt.")),
    )
    source = forms.CharField(
        label=gettext_lazy("Bron"),
        help_text=gettext_lazy("Waar het bedrag vandaan komt. Zonder bron toont Koers een waarschuwing."),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    source_url = forms.URLField(
        label=gettext_lazy("Adres van de bron"),
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": gettext_lazy("Vul een webadres in, bijvoorbeeld https://www.voorbeeld.nl/rapport.")},
    )
    source_year = forms.IntegerField(
        label=gettext_lazy("Jaar van de bron"),
        required=False,
        min_value=1990,
        error_messages={
            "invalid": gettext_lazy("Vul een jaartal in, bijvoorbeeld 2021."),
            "min_value": gettext_lazy("Vul een jaartal vanaf 1990 in."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    note = forms.CharField(
        label=gettext_lazy("Toelichting"),
        help_text=gettext_lazy("Bijvoorbeeld: wanneer deze kosten zouden komen."),
        max_length=300,
        required=False,
    )

    def clean_source_year(self):
        year = self.cleaned_data.get("source_year")
        if year and year > timezone.localdate().year:
            raise ValidationError(_("Dit jaar ligt in de toekomst."))
        return year


def _initial(item: PriceItem) -> dict:
    return {
        name: (str(getattr(item, name)).replace(".", ",") if name in ("low", "high") else getattr(item, name))
        for name in FIELDS
    }


def _rows(items: list[PriceItem]) -> list[tuple[PriceItem, list[str]]]:
    """Each line with what does not add up about it (a high below its low, no source)."""
    return [
        (item, flag_messages(item_flags(Item(item.name, item.unit, item.low, item.high, item.payer, item.source))))
        for item in items
    ]


def _save(request, form, *, item_id: int | None, success: str):
    if not form.is_valid():
        return None

    def write() -> str:
        data = {name: form.cleaned_data.get(name) for name in FIELDS}
        data["source_year"] = data["source_year"] or ""
        price_item_save(actor=request.user, data=data, item_id=item_id)
        return reverse("price_list")

    try:
        return submit_once(request, write=write, success=success)
    except ValidationError as error:
        attach_service_errors(form, error)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def price_list_view(request):
    """The list, and below it the form to add a price (for those who keep the list)."""
    user = request.user
    _require_reader(user)
    form = PriceItemForm(request.POST or None)
    if request.method == "POST":
        _require_keeper(user)
        done = _save(request, form, item_id=None, success=_("De prijs is toegevoegd."))
        if done is not None:
            return done
    items = price_list(user.organisation_id)
    if not items and price_list_seed(user.organisation):
        items = price_list(user.organisation_id)
    context = {
        "nav": "settings",
        "rows": _rows(items),
        "form": form,
        "may_keep": may_keep_price_list(user),
    }
    return render(request, "web/price_list.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def price_item_edit_view(request, item_id: int):
    _require_keeper(request.user)
    item = price_item_of(organisation_id=request.user.organisation_id, item_id=item_id)
    form = PriceItemForm(request.POST or None, initial=_initial(item))
    if request.method == "POST":
        done = _save(request, form, item_id=item.pk, success=_("De prijs is gewijzigd."))
        if done is not None:
            return done
    context = {"nav": "settings", "form": form, "item": item}
    return render(request, "web/price_list_form.html", context, status=400 if form.errors else 200)
