"""The functional administrator sets the organisation's own retention term in the admin."""

from koers.retention.models import RetentionPolicy

URL = "/admin/retention/retentionpolicy/"


def test_the_functional_administrator_sets_a_term_for_the_own_organisation(admin, org, other_org, as_user):
    RetentionPolicy.objects.create(organisation=other_org, line="8.1", years=20, note="andere gemeente")
    client = as_user(admin)
    page = client.get(URL)
    assert page.status_code == 200
    assert "andere gemeente" not in page.content.decode()
    response = client.post(f"{URL}add/", {"line": "8.1", "years": "12", "weeks": "0", "note": "besluit B&W 2026-12"})
    assert response.status_code == 302
    (mine,) = RetentionPolicy.objects.filter(organisation=org)
    assert (mine.line, mine.years) == ("8.1", 12)
    assert "10 jaar" in client.get(URL).content.decode()  # the Selectielijst's term beside it


def test_a_term_of_nothing_is_refused(admin, as_user):
    response = as_user(admin).post(f"{URL}add/", {"line": "8.4.1", "years": "0", "weeks": "0", "note": "fout"})
    assert response.status_code == 200
    assert "Vul een bewaartermijn in van minstens één week." in response.content.decode()
    assert not RetentionPolicy.objects.exists()


def test_a_second_term_for_the_same_line_is_refused(admin, org, as_user):
    RetentionPolicy.objects.create(organisation=org, line="8.1", years=12, note="besluit")
    response = as_user(admin).post(f"{URL}add/", {"line": "8.1", "years": "15", "weeks": "0", "note": "nog een"})
    assert response.status_code == 200
    assert "Voor deze regel is al een termijn vastgelegd." in response.content.decode()
    assert RetentionPolicy.objects.get().years == 12


def test_consultants_and_team_leads_cannot_change_terms(consultant, team_lead, as_user):
    for user in (consultant, team_lead):
        response = as_user(user).get(URL)
        assert response.status_code in (302, 403, 404)
