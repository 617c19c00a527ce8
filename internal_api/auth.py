"""Bearer-token authentication: the principal is the sending system (ApiClient)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer

from internal_api.models import ApiClient, ApiToken, hash_token

# Writing last_used_at on every call would turn every read into a write (SQLite has one writer).
LAST_USED_RESOLUTION = timedelta(minutes=5)


class ClientTokenAuth(HttpBearer):
    def authenticate(self, request, token: str) -> ApiClient | None:
        if not token or len(token) > 200:
            return None
        api_token = (
            ApiToken.objects.select_related("client")
            .filter(key_hash=hash_token(token), revoked_at__isnull=True, client__revoked_at__isnull=True)
            .first()
        )
        if api_token is None:
            return None
        now = timezone.now()
        if api_token.last_used_at is None or now - api_token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        return api_token.client


def require_scope(request, scope: str) -> ApiClient:
    client: ApiClient = request.auth
    if not client.has_scope(scope):
        raise HttpError(403, f"该令牌没有“{scope}”权限")
    return client
