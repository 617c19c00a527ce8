"""Bearer-token authentication: the principal is the sending system (ApiClient)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from ninja.errors import HttpError
from ninja.security import HttpBearer

from internal_api.models import ApiClient, ApiToken, hash_token

# Writing last_used_at on every call would turn every read into a write (SQLite has one writer).
LAST_USED_RESOLUTION = timedelta(minutes=5)


@lru_cache(maxsize=4)
def _client_by_token_sql(vendor: str) -> str:
    """The active client of an active token, with the token's id and last use, in one query.
    Written out because it runs on every call, and the ORM took five times longer to compose
    it than the database to answer it."""
    quote = connection.ops.quote_name
    client, token = ApiClient._meta, ApiToken._meta
    columns = ", ".join(f"c.{quote(field.column)}" for field in client.concrete_fields)
    return (
        f"SELECT {columns}, t.{quote('id')} AS token_id, t.{quote('last_used_at')} AS token_last_used_at"
        f" FROM {quote(token.db_table)} t JOIN {quote(client.db_table)} c ON c.{quote('id')} = t.{quote('client_id')}"
        f" WHERE t.{quote('key_hash')} = %s AND t.{quote('revoked_at')} IS NULL AND c.{quote('revoked_at')} IS NULL"
    )


class ClientTokenAuth(HttpBearer):
    def authenticate(self, request, token: str) -> ApiClient | None:
        if not token or len(token) > 200:
            return None
        query = ApiClient.objects.raw(_client_by_token_sql(connection.vendor), [hash_token(token)])
        client = next(iter(query), None)
        if client is None:
            return None
        now = timezone.now()
        last_used = client.token_last_used_at
        if isinstance(last_used, str):  # SQLite hands annotated columns over unconverted
            last_used = parse_datetime(last_used)
        if last_used is None or now - _aware(last_used) > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=client.token_id).update(last_used_at=now)
        return client


def require_scope(request, scope: str) -> ApiClient:
    client: ApiClient = request.auth
    if not client.has_scope(scope):
        raise HttpError(403, f"该令牌没有“{scope}”权限")
    return client


def _aware(moment: datetime) -> datetime:
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)
