"""Werk: employers and vacancies (/werk/...), and the work section's writes in the youth file."""

from django.urls import path

from koers.web.work import employers, vacancies
from koers.web.youths import work

urlpatterns = [
    path("werkgevers/", employers.employers_view, name="work_employers"),
    path("werkgevers/nieuw/", employers.employer_edit_view, name="work_employer_new"),
    path("werkgevers/<int:employer_id>/", employers.employer_view, name="work_employer"),
    path("werkgevers/<int:employer_id>/wijzigen/", employers.employer_edit_view, name="work_employer_edit"),
    path("werkgevers/<int:employer_id>/contact/", employers.employer_contact_view, name="work_employer_contact"),
    path("vacatures/", vacancies.vacancies_view, name="work_vacancies"),
    path("vacatures/nieuw/", vacancies.vacancy_edit_view, name="work_vacancy_new"),
    path("vacatures/<int:vacancy_id>/wijzigen/", vacancies.vacancy_edit_view, name="work_vacancy_edit"),
    path("vacatures/importeren/", vacancies.vacancies_import_view, name="work_vacancies_import"),
    path("jongeren/<int:youth_id>/tip/", work.tip_view, name="work_tip"),
    path("jongeren/<int:youth_id>/kennismaking/", work.introduction_view, name="work_introduction"),
    path(
        "jongeren/<int:youth_id>/kennismaking/<int:introduction_id>/uitkomst/",
        work.outcome_view,
        name="work_introduction_outcome",
    ),
]
