"""Vacatures: the list (open, or closed), a new or changed vacancy, and the import of a CSV or
JSON file with its report of refused rows."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from koers.web.forms import attach_service_errors
from koers.web.once import submit_once
from koers.web.work.employers import sector_names
from koers.web.work.forms import ImportForm, VacancyForm
from koers.work.access import employer_for, require_work_staff, vacancy_for
from koers.work.selectors import employer_choices, vacancies_of
from koers.work.services import VacancyInput, vacancies_import, vacancy_save


@login_required
@require_GET
def vacancies_view(request):
    require_work_staff(request.user)
    closed = request.GET.get("gesloten") == "1"
    rows = vacancies_of(request.user.organisation_id, timezone.localdate(), closed=closed)
    context = {"nav": "work", "rows": rows, "closed": closed, "sectors": sector_names()}
    return render(request, "web/work/vacancies.html", context)


def _input(user, data: dict) -> VacancyInput:
    return VacancyInput(employer=employer_for(user, data.pop("employer")), **data)


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_edit_view(request, vacancy_id: int | None = None):
    require_work_staff(request.user)
    vacancy = vacancy_for(request.user, vacancy_id) if vacancy_id else None
    initial = {"employer": request.GET.get("werkgever", "")}
    if vacancy is not None:
        initial = {name: getattr(vacancy, name) for name in VacancyForm.base_fields if name != "employer"}
        initial["employer"] = vacancy.employer_id
    form = VacancyForm(request.POST or None, initial=initial, employers=employer_choices(request.user.organisation_id))
    if request.method == "POST" and form.is_valid():

        def write() -> str:
            saved = vacancy_save(
                actor=request.user, vacancy=vacancy, data=_input(request.user, dict(form.cleaned_data))
            )
            return reverse("work_vacancies") + f"#vacature-{saved.pk}"

        try:
            return submit_once(request, write=write, success=_("Vacature opgeslagen"))
        except ValidationError as error:
            attach_service_errors(form, error)
    return render(request, "web/work/vacancy_form.html", {"nav": "work", "form": form, "vacancy": vacancy})


@login_required
@require_http_methods(["GET", "POST"])
def vacancies_import_view(request):
    require_work_staff(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = vacancies_import(organisation=request.user.organisation, content=upload.read(), name=upload.name or "")
        if report.problem:
            form.add_error("file", report.problem)
    return render(request, "web/work/import.html", {"nav": "work", "form": form, "report": report})
