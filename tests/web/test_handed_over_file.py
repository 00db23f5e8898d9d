"""A file handed over to another team tells its former consultant where it went, without the
youth's name; anyone else still gets the plain "not found"."""

from django.urls import reverse

from koers.trajectories.services import youth_hand_over


def test_the_former_consultant_hears_the_file_moved(consultant, other_team_consultant, youth, as_user):
    youth_hand_over(
        actor=consultant, youth=youth, consultant=other_team_consultant, note="Verhuisd", youth_informed=True
    )

    response = as_user(consultant).get(reverse("youth_file", args=[youth.pk]))

    page = response.content.decode()
    assert response.status_code == 404
    assert "Dit dossier is overgedragen aan een collega" in page
    assert youth.first_name not in page and youth.last_name not in page


def test_someone_who_never_had_the_file_gets_not_found(consultant, other_team_consultant, youth, as_user):
    response = as_user(other_team_consultant).get(reverse("youth_file", args=[youth.pk]))

    assert response.status_code == 404
    assert "overgedragen" not in response.content.decode()
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_a_functional_administrators_403_does_not_send_them_to_themselves(admin, youth, as_user):
    response = as_user(admin).get(reverse("today"))

    page = response.content.decode()
    assert response.status_code == 403
    assert "Vraag het aan functioneel beheer" not in page
    assert "Als functioneel beheerder werkt u niet met dossiers van jongeren" in page
