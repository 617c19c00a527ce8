"""Sending systems, their tokens, and which of their case numbers maps to which public report.

The sender's own `external_id` lives only here, never on the public record: it can be traced
back to a person in the sending system.
"""

from __future__ import annotations

import hashlib
import secrets

from django.db import models
from django.utils import timezone

from cases_public.models import CompletionReport

TOKEN_PREFIX = "hjxf"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiClient(models.Model):
    class Scope(models.TextChoices):
        PUSH = "push", "推送"
        READ = "read", "查询"
        RETRACT = "retract", "撤回"

    name = models.CharField("系统名称", max_length=100, unique=True)
    description = models.CharField("说明", max_length=300, blank=True, default="")
    scopes = models.JSONField("权限范围", default=list)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)

    class Meta:
        verbose_name = "接口客户端"
        verbose_name_plural = "接口客户端"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    def issue_token(self) -> str:
        """Create a token and return its plaintext: shown once, only the hash is kept."""
        secret = secrets.token_urlsafe(32)
        token = f"{TOKEN_PREFIX}_{secret}"
        ApiToken.objects.create(
            client=self, key_hash=hash_token(token), prefix=token[: len(TOKEN_PREFIX) + 9]
        )
        return token

    def revoke(self) -> None:
        now = timezone.now()
        self.revoked_at = now
        self.save(update_fields=["revoked_at"])
        self.tokens.filter(revoked_at__isnull=True).update(revoked_at=now)


class ApiToken(models.Model):
    client = models.ForeignKey(
        ApiClient, on_delete=models.CASCADE, related_name="tokens", verbose_name="客户端"
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField("令牌前缀", max_length=20, editable=False)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"

    def __str__(self):
        return f"{self.prefix}…"


class IngestRecord(models.Model):
    """One sender's case number, mapped to the public report it became."""

    client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="records")
    external_id = models.CharField(max_length=64)
    report = models.OneToOneField(CompletionReport, on_delete=models.CASCADE, related_name="ingest_record")
    # Hash of the anonymised content last stored: a replay with the same content adds no revision.
    content_hash = models.CharField(max_length=64)
    received_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    push_count = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "推送记录"
        verbose_name_plural = "推送记录"
        constraints = [
            models.UniqueConstraint(fields=["client", "external_id"], name="ingest_unique_external_id"),
        ]

    def __str__(self):
        return self.report.reference
