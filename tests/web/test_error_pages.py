"""Friendly Dutch error pages."""

from django.urls import reverse


def test_403_in_dutch(admin, as_user):
    response = as_user(admin).get(reverse("today"))
    assert response.status_code == 403
    body = response.content.decode()
    assert "U heeft hier geen toegang" in body
    assert "Uw rol geeft geen toegang tot dossiers van jongeren." in body
    assert '<html lang="nl">' in body


def test_404_in_dutch(consultant, as_user):
    response = as_user(consultant).get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_500_template_renders_without_a_request():
    from django.template import loader

    html = loader.get_template("500.html").render({})
    assert "Er ging iets mis" in html
