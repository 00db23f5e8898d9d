""" "Al mijn gegevens" holds everything the registry of personal data lists, in words, in a fixed
number of queries however long the youth's history is."""

import datetime as dt
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from koers.audit.models import AccessLogEntry
from koers.contacts.models import Participant
from koers.contacts.services import (
    DomainScore,
    NewAgreement,
    appointment_create,
    appointment_set_status,
    contact_record,
    enforcement_propose,
    life_domains_record,
)
from koers.messaging.services import message_send
from koers.method.life_domains import LIFE_DOMAIN_SETS
from koers.method.models import MethodStep, MethodVersion, WorkingElement
from koers.notifications.models import NotificationKind
from koers.notifications.services import notification_settings_save
from koers.plans.services import daily_step_choose, daily_step_record
from koers.portal.export import data_of, queries_of_export
from koers.privacy.registry import REGISTRY
from koers.trajectories.services import (
    barrier_record,
    barrier_resolve,
    network_consent_record,
    network_member_add,
    research_consent_record,
    youth_hand_over,
)
from tests.conftest import days_ago, signed_in_client
from tests.portal.conftest import plan_for, send_photo
from tests.portal.test_who_viewed import log_on

JSON = "/mijn/mijn-gegevens/gegevens.json"
PDF = "/mijn/mijn-gegevens/gegevens.pdf"
SEVEN = [code for code, _label in LIFE_DOMAIN_SETS["self_reliance"]]


def pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def a_step(youth) -> MethodStep:
    version = MethodVersion.objects.filter(organisation_id=youth.organisation_id).order_by("-number").first()
    return MethodStep.objects.filter(version=version).order_by("position").first()


def add_history(youth, consultant, *, n: int = 1, tag: str = "") -> None:
    """n more of everything a consultant records about a youth, through the services."""
    trajectory = youth.trajectories.get()
    element = WorkingElement.objects.filter(active=True).order_by("pk").first()
    for i in range(n):
        member = network_member_add(
            actor=consultant,
            youth=youth,
            name=f"Tante Joke{tag}{i}",
            relation="family",
            influence="supportive",
            phone=f"06-1122334{i}",
        )
        network_consent_record(
            actor=consultant,
            member=member,
            purpose=f"Meedenken over werk{tag}{i}",
            given_by="Sanne",
            given_on=days_ago(30),
        )
        contact_record(
            actor=consultant,
            trajectory=trajectory,
            date=days_ago(3),
            channel="office",
            purpose="enforcement_conversation",
            participants=[Participant.YOUTH, Participant.PARENT],
            intervention_codes=[element.code],
            step_ids=[a_step(youth).pk],
            network_member_ids=[member.pk],
            ratings={"stress": 6, "confidence": 7, "mark": 8},
            notes=f"Gesprek over de boete{tag}{i}",
            agreements=[NewAgreement(owner="youth", description=f"Loonstrook meenemen{tag}{i}", due_on=days_ago(-5))],
        )
        life_domains_record(
            actor=consultant,
            trajectory=trajectory,
            date=days_ago(2),
            occasion="intake",
            scores=[
                DomainScore(code, 3, note=f"Schulden bij de zorgverzekeraar{tag}{i}" if code == "finances" else "")
                for code in SEVEN
            ],
        )
        barrier = barrier_record(
            actor=consultant, youth=youth, kind="financial", noted_on=days_ago(2), source="youth", note=f"Boete{tag}{i}"
        )
        barrier_resolve(actor=consultant, barrier=barrier, on=days_ago(1))
        appointment = appointment_create(
            actor=consultant, trajectory=trajectory, date=days_ago(-7), description=f"Cv maken{tag}{i}"
        )
        appointment_set_status(actor=consultant, appointment=appointment, status="cancelled")
        send_photo(youth, name=f"foto{tag}{i}.jpg", body=f"Mijn loonstrook{tag}{i}")
        AccessLogEntry.objects.create(
            organisation_id=youth.organisation_id,
            youth_id=youth.pk,
            user=consultant,
            action="view",
            channel="web",
            subject="youth",
        )


@pytest.fixture
def history(invited, consultant, colleague):
    add_history(invited, consultant)
    trajectory = invited.trajectories.get()
    enforcement_propose(
        actor=consultant, trajectory=trajectory, on=days_ago(1), reason="Niet gekomen op de afspraak bij de school"
    )
    plan_for(
        invited,
        actor=consultant,
        main_goal="Een baan in de zorg",
        own_step="Cv maken",
        consultant_step="Bellen met de school",
    )
    research_consent_record(actor=consultant, youth=invited, given_on=days_ago(5))
    daily_step_choose(actor=consultant, youth=invited, active=True, from_plan=False)
    daily_step_record(youth=invited, day=timezone.localdate())
    notification_settings_save(youth=invited, enabled={kind: kind != "check_in" for kind in NotificationKind.values})
    message_send(youth=invited, from_youth=False, author=consultant, body="Tot dinsdag!")
    youth_hand_over(
        actor=consultant,
        youth=invited,
        consultant=colleague,
        note="Sanne houdt van korte berichten",
        youth_informed=True,
    )
    _referred(invited)
    _worked(invited, colleague)
    _told(invited, colleague)
    return invited


def _told(youth, consultant):
    """The impact timeline: case 1 of the source, with the consent for it and a cost line (koers.impact)."""
    from koers.impact.services import case_1_build, cost_line_add

    research_consent_record(actor=consultant, youth=youth, given_on=days_ago(5), purpose="impact")
    case_1_build(actor=consultant, youth_id=youth.pk, channel="web")
    cost_line_add(actor=consultant, youth_id=youth.pk, channel="web", label="Begeleiding", value="6298")


def _worked(youth, consultant):
    """Wishes for work, an interest, a tip and an introduction with an outcome (koers.work)."""
    from koers.work.models import VacancyKind
    from koers.work.services import (
        VacancyInput,
        employer_save,
        introduction_outcome_record,
        introduction_record,
        vacancy_interest_record,
        vacancy_save,
        vacancy_tip,
        work_interest_save,
    )

    employer = employer_save(actor=consultant, name="Zorggroep De Linde", sector="Q")
    vacancy = vacancy_save(
        actor=consultant,
        data=VacancyInput(
            employer=employer, title="Helpende", hours_per_week=16, place="Sneek", sector="Q", kind=VacancyKind.PAID
        ),
    )
    work_interest_save(youth=youth, sectors=["Q"], hours_min=12, support=["job_coach"])
    vacancy_interest_record(youth=youth, vacancy=vacancy)
    vacancy_tip(actor=consultant, youth=youth, vacancy=vacancy, note="Past bij je")
    introduction = introduction_record(actor=consultant, youth=youth, employer=employer, date=days_ago(2))
    introduction_outcome_record(actor=consultant, introduction=introduction, outcome="hired", on=days_ago(1))


def _referred(youth):
    """A chain partner's referral that was taken on for this youth (koers.intake)."""
    from koers.accounts.models import ChainPartner, ChainPartnerKind
    from koers.intake.models import IntakeSource, Referral, ReferralStatus

    partner = ChainPartner.objects.create(organisation=youth.organisation, name="RMC", kind=ChainPartnerKind.RMC)
    Referral.objects.create(
        organisation=youth.organisation,
        source=IntakeSource.PARTNER,
        chain_partner=partner,
        first_name=youth.first_name,
        last_name=youth.last_name,
        birth_date=youth.birth_date,
        reason="Gestopt met school",
        basis=youth.organisation.referral_bases.first(),
        status=ReferralStatus.TAKEN_ON,
        youth=youth,
    )


def test_the_download_has_a_part_for_every_entry_of_the_registry(history, youth_client):
    data = json.loads(youth_client.get(JSON).content)

    assert list(data) == [entry.key for entry in REGISTRY if not entry.within]
    for entry in REGISTRY:
        if not entry.within and not entry.one:
            assert data[entry.key], f"{entry.key} is empty: the history should fill it"


def test_the_download_holds_the_life_domain_scores_with_their_notes(history, youth_client):
    data = json.loads(youth_client.get(JSON).content)

    [assessment] = data["leefgebieden"]
    assert assessment["moment"] == "intake"
    finances = next(score for score in assessment["scores"] if score["leefgebied"] == "financiën")
    assert finances["score (1 tot 5)"] == "3 (beperkt zelfredzaam)"
    assert finances["toelichting"] == "Schulden bij de zorgverzekeraar0"

    text = pdf_text(youth_client.get(PDF))
    assert "Schulden bij de zorgverzekeraar0" in text and "financiën" in text and "beperkt zelfredzaam" in text


def test_the_download_holds_the_networks_phone_numbers_and_consents(history, youth_client):
    data = json.loads(youth_client.get(JSON).content)

    [member] = data["netwerk"]
    assert member["naam"] == "Tante Joke0" and member["telefoonnummer"] == "06-11223340"
    [consent] = member["toestemmingen"]
    assert consent["waarvoor"] == "Meedenken over werk0" and consent["gegeven door"] == "Sanne"

    text = pdf_text(youth_client.get(PDF))
    assert "06-11223340" in text and "Meedenken over werk0" in text


def test_the_download_says_what_happened_at_each_contact(history, youth_client, invited):
    element = WorkingElement.objects.filter(active=True).order_by("pk").first()
    step = a_step(invited)

    data = json.loads(youth_client.get(JSON).content)

    contact = next(c for c in data["contacten"] if c["notities"] == "Gesprek over de boete0")
    assert contact["wie waren erbij"] == ["jongere", "ouder", "netwerk"]
    assert contact["uit je netwerk"] == ["Tante Joke0"]
    assert element.name in contact["wat de consulent deed"]
    assert contact["stappen uit de werkwijze"] == [step.text]
    assert contact["doel"] == "gesprek over handhaving"
    text = pdf_text(youth_client.get(PDF))
    assert "ouder" in text and step.text[:30] in " ".join(text.split())


def test_the_download_holds_the_hand_over_note_and_the_enforcement_proposal(history, youth_client):
    data = json.loads(youth_client.get(JSON).content)

    assert data["wissels van consulent"][-1]["overdrachtsnotitie"] == "Sanne houdt van korte berichten"
    assert data["voorstellen tot handhaving"][0]["reden"] == "Niet gekomen op de afspraak bij de school"
    assert [change["status"] for change in data["gesprekken"][0]["wijzigingen"]][-1] == "afgezegd"


def test_who_looked_is_in_dutch_words_in_the_download(history, youth_client, team_lead, colleague, invited):
    assert signed_in_client(colleague).get(f"/jongeren/{invited.pk}/").status_code == 200  # the new consultant
    lead = signed_in_client(team_lead)
    for _ in range(3):
        assert lead.get("/").status_code == 200

    response = youth_client.get(JSON)
    lines = json.loads(response.content)["wie je gegevens bekeek"]

    listed = [line for line in lines if line["wie"] == "teamleider"]
    assert [(line["wat"], line["keer"]) for line in listed] == [("Je naam stond in een lijst", 3)]
    assert listed[0]["waarvan"] == ["in het overzicht Vandaag van een medewerker"]
    assert any(line["wat"] == "Je dossier is geopend" and line["wie"] == "jouw consulent" for line in lines)
    text = json.dumps(lines, ensure_ascii=False)
    for code in ("today", "youth_list", "youth", "view", "web", "team_lead"):
        assert f'"{code}"' not in text and f" {code}" not in text, code


def test_the_download_runs_as_many_queries_with_a_long_history(history, invited, consultant):
    with CaptureQueriesContext(connection) as short:
        data_of(invited)
    add_history(invited, consultant, n=4, tag="-meer")
    for day in range(20):
        log_on(
            timezone.now() - dt.timedelta(days=day + 1),
            [
                AccessLogEntry(
                    organisation_id=invited.organisation_id,
                    youth_id=invited.pk,
                    user=consultant,
                    action="view",
                    channel="web",
                    subject=subject,
                )
                for subject in ("today", "youth")
            ],
        )
    with CaptureQueriesContext(connection) as long:
        data = data_of(invited)

    assert len(data["contacten"]) == 5 and len(data["leefgebieden"]) == 5 and len(data["netwerk"]) == 5
    assert len(long.captured_queries) == len(short.captured_queries) == queries_of_export()


def test_the_download_pages_run_as_many_queries_with_a_long_history(history, invited, consultant, youth_client):
    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert youth_client.get(path).status_code == 200
        return len(captured.captured_queries)

    before = {path: queries(path) for path in (JSON, PDF)}
    add_history(invited, consultant, n=4, tag="-meer")

    assert {path: queries(path) for path in (JSON, PDF)} == before


def test_a_dossier_opened_on_another_day_is_another_line(history, invited, consultant, youth_client):
    AccessLogEntry.objects.filter(youth_id=invited.pk, subject="youth", action="view").update(
        at=timezone.now() - dt.timedelta(days=3)
    )
    signed_in_client(consultant).get(f"/jongeren/{invited.pk}/")

    lines = json.loads(youth_client.get(JSON).content)["wie je gegevens bekeek"]

    opened = [line for line in lines if line["wat"] == "Je dossier is geopend"]
    assert len(opened) == 2
