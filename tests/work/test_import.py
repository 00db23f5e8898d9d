"""Import of vacancies from CSV and JSON: good rows are kept, each refused row is reported with a
Dutch reason, and the same file twice makes no duplicates (natural key: employer, title, place,
start). The page and the command `koers vacancies_import` share the service."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from koers.work.models import Vacancy
from koers.work.services import vacancies_import


def future(days: int = 30) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def past() -> str:
    return (timezone.localdate() - dt.timedelta(days=1)).strftime("%d-%m-%Y")


def csv_file() -> bytes:
    rows = [
        "werkgever;titel;uren;plaats;sector;soort;start;sluitingsdatum",
        f"Zorggroep De Linde;Helpende thuiszorg;16;Leeuwarden;Q;betaald;;{future()}",
        f"Zorggroep De Linde;Stage zorg;24;Sneek;Gezondheids- en welzijnszorg;stage;{future(10)};{future()}",
        f"Zorggroep De Linde;Gastvrouw;4;Sneek;Z;vrijwilligerswerk;;{future()}",  # unknown sector
        f"Zorggroep De Linde;;16;Sneek;Q;betaald;;{future()}",  # no title
        f"Zorggroep De Linde;Nachtdienst;16;Sneek;Q;betaald;;{past()}",  # closed
        f"Zorggroep De Linde;Weekendhulp;veel;Sneek;Q;betaald;;{future()}",  # bad hours
        f"Onbekend BV;Magazijn;16;Sneek;H;betaald;;{future()}",  # unknown employer
    ]
    return "\n".join(rows).encode()


def refusals(report) -> dict[int, str]:
    return {row.number: " ".join(row.reasons) for row in report.refused}


def test_a_csv_import_keeps_the_good_rows_and_says_why_each_other_row_was_refused(org, employer):
    report = vacancies_import(organisation=org, content=csv_file(), name="vacatures.csv")
    assert (report.created, report.updated) == (2, 0)
    assert sorted(Vacancy.objects.values_list("title", flat=True)) == ["Helpende thuiszorg", "Stage zorg"]
    refused = refusals(report)
    assert set(refused) == {4, 5, 6, 7, 8}
    assert "Sector 'Z' is onbekend" in refused[4]
    assert "Vul de titel van de vacature in." in refused[5]
    assert "De sluitingsdatum is al voorbij" in refused[6]
    assert "De uren 'veel' kloppen niet" in refused[7]
    assert "Werkgever 'Onbekend BV' staat niet in Koers" in refused[8]


def test_the_same_file_twice_makes_no_duplicates(org, employer):
    vacancies_import(organisation=org, content=csv_file(), name="vacatures.csv")
    again = vacancies_import(organisation=org, content=csv_file(), name="vacatures.csv")
    assert (again.created, again.updated) == (0, 2)
    assert Vacancy.objects.count() == 2


def test_a_json_import_keeps_the_good_rows_and_reports_the_bad(org, employer):
    content = json.dumps(
        [
            {
                "employer": "zorggroep de linde",
                "title": "Helpende",
                "hours": 16,
                "place": "Leeuwarden",
                "sector": "Zorg en welzijn",
                "kind": "paid",
                "closes_on": future(),
            },
            {
                "employer": "Zorggroep De Linde",
                "title": "Proefplaatsing",
                "hours": 0,
                "place": "Sneek",
                "sector": "Q",
                "kind": "proefplaatsing",
            },
            {
                "employer": "Zorggroep De Linde",
                "title": "Iets",
                "hours": 8,
                "place": "Sneek",
                "sector": "Q",
                "kind": "klussen",
            },
        ]
    ).encode()
    report = vacancies_import(organisation=org, content=content, name="vacatures.json")
    assert report.created == 1 and Vacancy.objects.get().title == "Helpende"
    refused = refusals(report)
    assert "een heel getal van 1 tot en met 60" in refused[2]
    assert "Soort 'klussen' is onbekend" in refused[3]


def test_an_unreadable_file_is_refused_as_a_whole(org, employer):
    assert "kan Koers niet lezen" in vacancies_import(organisation=org, content=b"[{", name="x.json").problem
    assert "geen bekende kolommen" in vacancies_import(organisation=org, content=b"a;b\n1;2", name="x.csv").problem


def test_an_import_only_uses_the_organisations_own_employers(org, other_org, employer, outsider_employer):
    content = "werkgever,titel,uren,plaats,sector,soort\nBakkerij Fryslân,Bakker,16,Sneek,C,betaald\n".encode()
    report = vacancies_import(organisation=org, content=content, name="v.csv")
    assert report.created == 0 and "staat niet in Koers" in refusals(report)[2]


def test_the_import_page_shows_the_report(consultant, as_user, employer):
    upload = SimpleUploadedFile("vacatures.csv", csv_file(), content_type="text/csv")
    page = as_user(consultant).post(reverse("work_vacancies_import"), {"file": upload}).content.decode()
    assert "2 nieuw, 0 bijgewerkt, 5 niet opgeslagen." in page
    assert (
        "Werkgever &#39;Onbekend BV&#39; staat niet in Koers" in page
        or "Werkgever 'Onbekend BV' staat niet in Koers" in page
    )


def test_the_command_imports_and_prints_the_refused_rows(org, employer, tmp_path, capsys):
    path = tmp_path / "vacatures.csv"
    path.write_bytes(csv_file())
    call_command("vacancies_import", str(org.pk), str(path))
    out = capsys.readouterr().out
    assert "2 nieuw, 0 bijgewerkt, 5 niet opgeslagen." in out and "regel 8" in out
    call_command("vacancies_import", org.name, str(path))
    assert "0 nieuw, 2 bijgewerkt" in capsys.readouterr().out
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("vacancies_import", "Gemeente Nergens", str(path))
