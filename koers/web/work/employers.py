"""Werkgevers: the list (with the last contact), a new or changed employer, and the employer's
page with its contacts, vacancies and introductions. Consultants and team leads of the
organisation (koers.work.access)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.web.forms import attach_service_errors
from koers.web.once import submit_once
from koers.web.work.forms import EmployerContactForm, EmployerForm
from koers.work.access import employer_for, require_work_staff
from koers.work.sectors import by_code
from koers.work.selectors import employer_page, employers_of
from koers.work.services import employer_contact_record, employer_save


def sector_names() -> dict[str, str]:
    return {code: sector.short for code, sector in by_code().items()}


@login_required
@require_GET
def employers_view(request):
    require_work_staff(request.user)
    rows = employers_of(request.user.organisation_id, timezone.localdate())
    return render(request, "web/work/employers.html", {"nav": "work", "rows": rows, "sectors": sector_names()})


@login_required
@require_http_methods(["GET", "POST"])
def employer_edit_view(request, employer_id: int | None = None):
    require_work_staff(request.user)
    employer = employer_for(request.user, employer_id) if employer_id else None
    initial = {}
    if employer is not None:
        initial = {name: getattr(employer, name) for name in EmployerForm.base_fields}
    form = EmployerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():

        def write() -> str:
            saved = employer_save(actor=request.user, employer=employer, **form.cleaned_data)
            return reverse("work_employer", args=[saved.pk])

        try:
            return submit_once(request, write=write, success=_("Werkgever opgeslagen"))
        except ValidationError as error:
            attach_service_errors(form, error)
    return render(request, "web/work/employer_form.html", {"nav": "work", "form": form, "employer": employer})


def _employer_page(request, employer, contact_form, status: int = 200):
    page = employer_page(request.user, employer)
    context = {"nav": "work", "page": page, "contact_form": contact_form, "sectors": sector_names()}
    return render(request, "web/work/employer.html", context, status=status)


@login_required
@require_GET
def employer_view(request, employer_id: int):
    employer = employer_for(request.user, employer_id)
    return _employer_page(request, employer, EmployerContactForm(prefix="contact"))


@login_required
@require_POST
def employer_contact_view(request, employer_id: int):
    employer = employer_for(request.user, employer_id)
    form = EmployerContactForm(request.POST, prefix="contact")
    if form.is_valid():

        def write() -> str:
            employer_contact_record(actor=request.user, employer=employer, **form.cleaned_data)
            return reverse("work_employer", args=[employer.pk]) + "#contacts-heading"

        try:
            return submit_once(request, write=write, success=_("Contact met de werkgever vastgelegd"))
        except ValidationError as error:
            attach_service_errors(form, error)
    return _employer_page(request, employer, form, status=200)
