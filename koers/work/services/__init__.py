"""Writes of koers.work, one module per subject; every name is re-exported here."""

from koers.work.services.employers import employer_contact_record, employer_save
from koers.work.services.imports import ImportReport, RefusedRow, vacancies_import
from koers.work.services.vacancies import VacancyInput, vacancy_save
from koers.work.services.youths import (
    introduction_outcome_record,
    introduction_record,
    vacancy_interest_record,
    vacancy_tip,
    work_interest_save,
)

__all__ = [
    "ImportReport",
    "RefusedRow",
    "VacancyInput",
    "employer_contact_record",
    "employer_save",
    "introduction_outcome_record",
    "introduction_record",
    "vacancies_import",
    "vacancy_interest_record",
    "vacancy_save",
    "vacancy_tip",
    "work_interest_save",
]
