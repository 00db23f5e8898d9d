"""The contact form: quick defaults, interventions by theme, agreements, errors that keep the input."""

import datetime as dt
import re

from django.urls import reverse

from koers.agenda.models import DueItem
from koers.audit.models import AccessLogEntry
from koers.contacts.models import Agreement, Contact
from koers.contacts.services import NewAgreement, contact_record
from tests.conftest import born_years_ago, days_ago


def contact_data(**overrides):
    data = {
        "contact-date": str(days_ago(0)),
        "contact-channel": "office",
        "contact-purpose": "status_check",
        "contact-participants": ["youth"],
        "contact-notes": "",
        "contact-confirm_no_interventions": "on",
        "agreements-TOTAL_FORMS": "3",
        "agreements-INITIAL_FORMS": "0",
        "agreements-MIN_NUM_FORMS": "0",
        "agreements-MAX_NUM_FORMS": "3",
    }
    for i in range(3):
        data.update({f"agreements-{i}-owner": "youth", f"agreements-{i}-description": "", f"agreements-{i}-due_on": ""})
    data.update(overrides)
    return data


def post_contact(client, youth_id, **overrides):
    return client.post(reverse("contact_create", args=[youth_id]), contact_data(**overrides))


def test_form_has_quick_defaults(started, consultant, as_user, today):
    body = as_user(consultant).get(reverse("youth_file", args=[started.youth_id])).content.decode()
    assert f'name="contact-date" value="{today.isoformat()}"' in body
    assert re.search(r'name="contact-channel" value="office"[^>]*checked', body)
    assert re.search(r'<option value="status_check" selected>', body)
    assert re.search(r'name="contact-participants" value="youth"[^>]*checked', body)


def test_interventions_are_grouped_by_theme(started, consultant, as_user):
    body = as_user(consultant).get(reverse("youth_file", args=[started.youth_id])).content.decode()
    legends = re.findall(r'<legend class="koers-theme__legend">([^<]+)</legend>', body)
    assert legends[0] == "Begeleiding met vertrouwen"
    assert len(legends) == 9
    assert 'value="trust_personal_attention"' in body


def test_saves_interventions_and_agreements(started, consultant, as_user):
    response = post_contact(
        as_user(consultant),
        started.youth_id,
        **{
            "contact-channel": "phone",
            "contact-purpose": "agreements",
            "contact-participants": ["youth", "parent"],
            "contact-interventions": [
                "trust_personal_attention",
                "qualities_self_confidence",
                "skills_job_application",
            ],
            "contact-evaluation_question_asked": "on",
            "contact-notes": "Moeder was erbij.",
            "agreements-0-description": "Twee vacatures uitzoeken",
            "agreements-0-due_on": str(days_ago(-7)),
            "agreements-1-owner": "consultant",
            "agreements-1-description": "Bellen met school",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("youth_file", args=[started.youth_id])
    contact = Contact.objects.get()
    assert (contact.channel, contact.purpose, contact.participants) == ("phone", "agreements", ["youth", "parent"])
    assert sorted(contact.interventions.values_list("code", flat=True)) == [
        "qualities_self_confidence",
        "skills_job_application",
        "trust_personal_attention",
    ]
    assert contact.evaluation_question_asked and contact.notes == "Moeder was erbij."
    assert contact.consultant == consultant
    agreements = {a.description: a for a in Agreement.objects.all()}
    assert set(agreements) == {"Twee vacatures uitzoeken", "Bellen met school"}
    assert agreements["Bellen met school"].owner == "consultant"
    # the agenda changed: the agreement with a date is due, the contact norm moved
    item = DueItem.objects.get(trajectory=started, kind="agreement")
    assert item.due == days_ago(-7)
    assert DueItem.objects.get(trajectory=started, kind="contact_norm").due == days_ago(0) + dt.timedelta(days=30)
    assert AccessLogEntry.objects.filter(user=consultant, action="change", subject="contact").count() == 1


def test_success_message(started, consultant, as_user):
    response = as_user(consultant).post(reverse("contact_create", args=[started.youth_id]), contact_data(), follow=True)
    assert "Contact opgeslagen" in response.content.decode()


def test_service_error_keeps_what_was_typed(started, consultant, as_user):
    response = post_contact(
        as_user(consultant),
        started.youth_id,
        **{
            "contact-date": "2026-01-05",
            "contact-notes": "Belangrijke notitie",
            "contact-interventions": ["trust_personal_attention"],
            "agreements-0-description": "Cv sturen",
        },
    )
    assert response.status_code == 200
    form = response.context["contact_form"]
    assert form.errors["date"] == ["De datum ligt vóór de melding van dit traject."]
    body = response.content.decode()
    assert "De datum ligt vóór de melding van dit traject." in body
    assert "Belangrijke notitie" in body
    assert re.search(r'value="trust_personal_attention"[^>]*checked', body)
    assert 'value="Cv sturen"' in body
    assert 'id="id_contact-date_error"' in body and 'aria-describedby="id_contact-date_error"' in body
    assert not Contact.objects.exists()


def test_agreement_date_without_text_is_refused(started, consultant, as_user):
    response = post_contact(as_user(consultant), started.youth_id, **{"agreements-2-due_on": str(days_ago(-3))})
    assert response.status_code == 200
    assert "Beschrijf de afspraak" in response.content.decode()
    assert not Contact.objects.exists()


def test_unknown_intervention_is_refused(started, consultant, as_user):
    response = post_contact(as_user(consultant), started.youth_id, **{"contact-interventions": ["made_up"]})
    assert response.status_code == 200
    assert response.context["contact_form"].errors["interventions"]
    assert not Contact.objects.exists()


def test_participants_are_required(started, consultant, as_user):
    response = post_contact(as_user(consultant), started.youth_id, **{"contact-participants": []})
    assert response.status_code == 200
    assert "Kies wie erbij waren." in response.content.decode()


def test_youth_without_trajectory_is_404(youth, consultant, as_user):
    assert post_contact(as_user(consultant), youth.pk).status_code == 404


def test_mark_agreement_done(started, consultant, as_user):
    contact = contact_record(
        actor=consultant,
        trajectory=started,
        date=days_ago(1),
        channel="office",
        agreements=[NewAgreement(owner="youth", description="Cv sturen", due_on=days_ago(-2))],
    )
    agreement = contact.agreements.get()
    assert DueItem.objects.filter(trajectory=started, kind="agreement").exists()
    url = reverse("agreement_done", args=[started.pk, agreement.pk])
    response = as_user(consultant).post(url, follow=True)
    assert "Afspraak afgevinkt" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.done_on == days_ago(0)
    assert not DueItem.objects.filter(trajectory=started, kind="agreement").exists()
    again = as_user(consultant).post(url, follow=True)
    assert "al afgevinkt" in again.content.decode()


def test_agreement_of_another_trajectory_is_404(started, consultant, colleague, as_user):
    from koers.trajectories.services import trajectory_create, youth_create

    other_youth = youth_create(
        actor=colleague, consultant=colleague, first_name="A", last_name="B", birth_date=born_years_ago(22)
    )
    other = trajectory_create(actor=colleague, youth=other_youth, registered_on=days_ago(5), source="uwv")
    contact = contact_record(
        actor=colleague,
        trajectory=other,
        date=days_ago(1),
        channel="office",
        agreements=[NewAgreement(owner="youth", description="x")],
    )
    url = reverse("agreement_done", args=[started.pk, contact.agreements.get().pk])
    assert as_user(consultant).post(url).status_code == 404


def test_the_contact_form_offers_what_is_used_most_for_this_youth_first(started, consultant, as_user):
    for _ in range(2):
        contact_record(
            actor=consultant,
            trajectory=started,
            date=days_ago(3),
            channel="phone",
            intervention_codes=["skills_job_application", "trust_personal_attention"],
        )
    contact_record(
        actor=consultant,
        trajectory=started,
        date=days_ago(2),
        channel="office",
        intervention_codes=["skills_job_application"],
    )
    response = as_user(consultant).get(reverse("youth_file", args=[started.youth_id]))
    form = response.context["contact_form"]
    groups = form.intervention_groups()
    assert groups[0][0] == "Vaak gebruikt bij deze jongere"
    assert [box.data["value"] for box in groups[0][1]] == ["skills_job_application", "trust_personal_attention"]
    every_box = [box.data["value"] for _theme, boxes in groups for box in boxes]
    assert len(every_box) == len(set(every_box)) == len(form.fields["interventions"].choices)  # all, each once
    assert form["channel"].value() == "office"  # the channel of the latest contact (2 days ago)
    assert form["date"].value() == days_ago(0)


def test_without_contacts_the_form_starts_with_the_themes(started, consultant, as_user):
    form = as_user(consultant).get(reverse("youth_file", args=[started.youth_id])).context["contact_form"]
    assert form.intervention_groups()[0][0] != "Vaak gebruikt bij deze jongere"
    assert form["channel"].value() == "office"


def test_a_contact_without_interventions_is_asked_once_then_saved(started, consultant, as_user):
    client = as_user(consultant)
    url = reverse("contact_create", args=[started.youth_id])
    data = contact_data()
    del data["contact-confirm_no_interventions"]

    asked = client.post(url, data)
    page = asked.content.decode()
    assert "Geen interventies aangevinkt." in page
    assert "Toch opslaan zonder interventies" in page
    assert not Contact.objects.exists()

    saved = client.post(url, {**data, "contact-confirm_no_interventions": "on"})
    assert saved.status_code == 302 and Contact.objects.count() == 1


def test_a_contact_with_an_intervention_is_never_asked(started, consultant, as_user):
    data = contact_data(**{"contact-interventions": ["trust_personal_attention"]})
    del data["contact-confirm_no_interventions"]
    assert as_user(consultant).post(reverse("contact_create", args=[started.youth_id]), data).status_code == 302


def test_a_self_rating_out_of_range_names_its_field_in_the_summary(started, consultant, as_user):
    response = post_contact(as_user(consultant), started.youth_id, **{"contact-stress": "11", "contact-mark": "0"})

    page = response.content.decode()
    assert "Stress: kies een getal van 0 tot en met 10." in page
    assert "Cijfer: kies een getal van 1 tot en met 10." in page
