"""Werk: what work the youth is looking for, the vacancies their consultant tipped, the open
vacancies that fit (each with the reason, koers.lib.vacancy_match), and "Ik heb interesse",
which tells the consultant once per vacancy."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.lib.vacancy_match import HOURS_LIMIT
from koers.portal.views.base import portal_page, portal_render
from koers.work.models import StartSupport, VacancyKind
from koers.work.sectors import sectors
from koers.work.selectors import (
    interested_vacancies,
    matching_vacancies,
    places_of,
    portal_vacancy,
    tips_of,
    wishes_of,
    work_interest_of,
)
from koers.work.services import vacancy_interest_record, work_interest_save


class WishesForm(forms.Form):
    sectors = forms.MultipleChoiceField(required=False, choices=[(s.code, s.short) for s in sectors()])
    kinds = forms.MultipleChoiceField(required=False, choices=VacancyKind.choices)
    places = forms.MultipleChoiceField(required=False)
    hours_min = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=HOURS_LIMIT,
        error_messages={"invalid": gettext_lazy("Vul een getal in, zoals 12.")},
    )
    hours_max = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=HOURS_LIMIT,
        error_messages={"invalid": gettext_lazy("Vul een getal in, zoals 20.")},
    )
    support = forms.MultipleChoiceField(required=False, choices=StartSupport.choices)
    support_note = forms.CharField(required=False, max_length=300)

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["places"].choices = [(p, p) for p in places]
        for name in ("hours_min", "hours_max"):
            self.fields[name].error_messages.update(
                min_value=gettext_lazy("Kies minstens 1 uur."),
                max_value=gettext_lazy("Kies hoogstens %(limit_value)s uur."),
            )


@require_GET
@portal_page("work")
def work_view(request, youth):
    today = timezone.localdate()
    interest = work_interest_of(youth)
    tips = tips_of(youth)
    interested = {row.vacancy_id for row in interested_vacancies(youth)}
    context = {
        "has_wishes": interest is not None and not wishes_of(interest).is_empty,
        "tips": [tip for tip in tips if tip.vacancy.closes_on is None or tip.vacancy.closes_on >= today],
        "matched": matching_vacancies(youth.organisation_id, wishes_of(interest), today),
        "interested": interested,
    }
    return portal_render(request, youth, "portal/work.html", context, nav="work")


@require_http_methods(["GET", "POST"])
@portal_page("work")
def wishes_view(request, youth):
    today = timezone.localdate()
    interest = work_interest_of(youth)
    places = places_of(youth.organisation_id, today)
    if interest is not None:
        places = list(dict.fromkeys([*places, *interest.places]))
    initial = {}
    if interest is not None:
        initial = {
            name: getattr(interest, name)
            for name in ("sectors", "kinds", "places", "hours_min", "hours_max", "support", "support_note")
        }
    form = WishesForm(request.POST or None, initial=initial, places=places)
    if request.method == "POST" and form.is_valid():
        try:
            work_interest_save(youth=youth, **form.cleaned_data)
        except ValidationError as refused:
            for name, texts in refused.message_dict.items():
                form.add_error(name if name in form.fields else None, texts)
        else:
            messages.success(request, _("Je wensen zijn bewaard. Hieronder zie je wat erbij past."))
            return redirect("portal_work")
    context = {
        "form": form,
        "sectors": sectors(),
        "kinds": VacancyKind.choices,
        "support": StartSupport.choices,
        "places": places,
        "chosen": {name: set(map(str, form[name].value() or [])) for name in ("sectors", "kinds", "places", "support")},
    }
    return portal_render(request, youth, "portal/work_wishes.html", context, nav="work")


@require_GET
@portal_page("work")
def vacancy_view(request, youth, vacancy_id: int):
    """One open vacancy of the youth's organisation (the daily step's volunteering links here)."""
    vacancy = portal_vacancy(youth, vacancy_id, timezone.localdate())
    if vacancy is None:
        raise Http404
    interested = {row.vacancy_id for row in interested_vacancies(youth)}
    context = {"vacancy": vacancy, "interested": interested}
    return portal_render(request, youth, "portal/work_vacancy.html", context, nav="work")


@require_POST
@portal_page("work")
def vacancy_interest_view(request, youth, vacancy_id: int):
    vacancy = portal_vacancy(youth, vacancy_id, timezone.localdate())
    if vacancy is None:
        raise Http404
    try:
        _interest, new = vacancy_interest_record(youth=youth, vacancy=vacancy)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        if new:
            messages.success(
                request, _("Je consulent weet nu dat je interesse hebt in %(title)s.") % {"title": vacancy.title}
            )
        else:
            messages.info(
                request, _("Je had al laten weten dat je interesse hebt in %(title)s.") % {"title": vacancy.title}
            )
    if request.POST.get("terug") == "vacature":
        return redirect("portal_vacancy", vacancy.pk)
    return redirect(reverse("portal_work") + f"#vacature-{vacancy.pk}")
