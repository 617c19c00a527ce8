"""API clients are visible and revocable in the admin; a token is never shown there."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from internal_api.models import ApiClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("admin", password="pw-admin-123")


def test_clients_are_listed_without_their_tokens(client, admin_user, make_client):
    api_client, token = make_client(name="12345-platform")
    client.force_login(admin_user)
    listing = client.get(reverse("api_clients:index")).content.decode()
    assert "12345-platform" in listing
    edit = client.get(reverse("api_clients:edit", args=[api_client.pk])).content.decode()
    for page in (listing, edit):
        assert token not in page
        assert api_client.tokens.get().key_hash not in page


def test_revoking_in_the_admin_locks_the_client_out(client, admin_user, make_client, api):
    api_client, token = make_client(name="county-system")
    client.force_login(admin_user)
    response = client.post(
        reverse("api_clients:edit", args=[api_client.pk]),
        {"name": "county-system", "description": "", "scopes": ["push", "read"], "revoked": "on"},
    )
    assert response.status_code == 302
    api_client.refresh_from_db()
    assert api_client.revoked_at is not None
    assert api.get("cases/anything", token=token).status_code == 401
    assert ApiClient.objects.get(pk=api_client.pk).tokens.filter(revoked_at__isnull=True).count() == 0
