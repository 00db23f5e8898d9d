from django.test import Client


def test_health_answers_without_sign_in_and_without_queries(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client().get("/gezond/")
    assert response.status_code == 200 and response.content == b"ok"
