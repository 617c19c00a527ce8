"""The one write path of the intake side: validate, anonymise, store, in one transaction.

Used by both push endpoints, the demo loader and the tests. The raw texts and the petitioner
block exist only in this function's arguments: the report instance (and so every Wagtail
revision of it) is built from the anonymiser's output only.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import connections, router, transaction
from django.utils import timezone

from cases_public.actions import retract_report
from cases_public.bulk import create_reports
from cases_public.choices import CaseState
from cases_public.models import CompletionReport, reserve_references
from cases_public.rows import insert_rows
from internal_api.anonymise import Petitioner, anonymise
from internal_api.models import ApiClient, IngestRecord
from internal_api.schemas import CaseIn

# CaseIn fields that may carry personal data, as the anonymiser names them.
TEXT_FIELDS = ("summary", "investigation", "handling", "reply", "accountability", "penalty.orders")


@dataclass(frozen=True)
class CaseStatusData:
    external_id: str
    reference: str
    status: str
    public_url: str | None
    received: datetime

    def as_dict(self) -> dict:
        return {
            "external_id": self.external_id,
            "reference": self.reference,
            "status": self.status,
            "public_url": self.public_url,
            "received": timezone.localtime(self.received),
        }


@dataclass(frozen=True)
class IngestResult:
    status: CaseStatusData
    created: bool


def case_status(record: IngestRecord) -> CaseStatusData:
    report = record.report
    return CaseStatusData(
        external_id=record.external_id,
        reference=report.reference,
        status=str(report.case_state),
        public_url=report.public_url,
        received=record.received_at,
    )


def anonymised_fields(case: CaseIn) -> tuple[dict, list[dict]]:
    """The public record's field values, built from anonymised text only."""
    penalty = case.penalty
    texts = {
        "summary": case.summary,
        "investigation": case.investigation,
        "handling": case.handling,
        "reply": case.reply,
        "accountability": case.accountability,
        "penalty.orders": penalty.orders if penalty else None,
    }
    petitioners = [Petitioner.from_dict(p.model_dump()) for p in case.petitioners]
    result = anonymise(texts, petitioners)
    out = result.texts
    subject = case.subject
    fields = {
        "channel": case.channel,
        "received_at": case.received_at,
        "accepted_at": case.accepted_at,
        "closed_at": case.closed_at,
        "region_code": case.region_code,
        "region_name": case.region_name,
        "priority": case.priority,
        "subject_name": subject.name if subject else "",
        "subject_credit_code": (subject.credit_code or "") if subject else "",
        "subject_address": (subject.address or "") if subject else "",
        "summary": out["summary"] or "",
        "investigation": out["investigation"] or "",
        "finding": case.finding,
        "handling": out["handling"] or "",
        "penalty_case_filed": bool(penalty and penalty.case_filed),
        "penalty_fine_yuan": penalty.fine_yuan if penalty else None,
        "penalty_orders": out["penalty.orders"] or "",
        "accountability": out["accountability"] or "",
        "reply": out["reply"] or "",
        "satisfaction": case.satisfaction,
        "disclose": case.disclose,
    }
    replacements = [
        {"field": r.field, "kind": r.kind, "start": r.start, "end": r.end, "placeholder": r.placeholder}
        for r in result.replacements
    ]
    return fields, replacements


def _content_hash(fields: dict, categories: list[str], replacements: list[dict]) -> str:
    payload = json.dumps(
        [fields, sorted(categories), replacements], sort_keys=True, default=str, ensure_ascii=False
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _apply(report: CompletionReport, fields: dict, categories: list[str], replacements: list[dict]) -> None:
    for name, value in fields.items():
        setattr(report, name, value)
    report.categories = categories
    report.replacements = replacements


def _submit_new_revision(report: CompletionReport) -> None:
    """A known case pushed again with new content: a new revision, reviewed or published."""
    revision = report.save_revision(clean=False, log_action=True)
    if report.withheld_at or report.retracted_at:
        return  # an editor's or the sender's decision stands; the new revision is kept for the record
    if not settings.CASES_REVIEW_REQUIRED:
        revision.publish(skip_permission_checks=True)
        return
    workflow = report.get_workflow()
    if workflow is not None and not report.workflow_in_progress:
        workflow.start(report, user=None)


@dataclass(frozen=True)
class PreparedCase:
    """A validated case after anonymisation: all that the database will ever see of it."""

    external_id: str
    fields: dict
    categories: list[str]
    replacements: list[dict]
    content_hash: str


def prepare_case(case: CaseIn) -> PreparedCase:
    """CPU-bound and free of side effects: done before any write lock is taken."""
    fields, replacements = anonymised_fields(case)
    categories = list(dict.fromkeys(case.categories))
    return PreparedCase(
        external_id=case.external_id,
        fields=fields,
        categories=categories,
        replacements=replacements,
        content_hash=_content_hash(fields, categories, replacements),
    )


def _create_cases(*, client: ApiClient, cases: list[PreparedCase]) -> list[IngestResult]:
    """Store cases whose external ids this client has not pushed before, all at once."""
    now = timezone.now()
    references = reserve_references(timezone.localtime(now).year, len(cases))
    reports = []
    for prepared, reference in zip(cases, references, strict=True):
        report = CompletionReport(reference=reference, received_by_portal_at=now, updated_by_sender_at=now)
        _apply(report, prepared.fields, prepared.categories, prepared.replacements)
        reports.append(report)
    publish = not settings.CASES_REVIEW_REQUIRED
    create_reports(reports, publish=publish)
    insert_rows(
        IngestRecord,
        [
            IngestRecord(
                client=client,
                external_id=prepared.external_id,
                report=report,
                content_hash=prepared.content_hash,
                received_at=now,
            )
            for prepared, report in zip(cases, reports, strict=True)
        ],
    )
    state = (CaseState.PUBLISHED if publish else CaseState.QUEUED).value
    return [
        IngestResult(
            status=CaseStatusData(
                external_id=prepared.external_id,
                reference=report.reference,
                status=state,
                public_url=report.get_url() if publish and report.disclose else None,
                received=now,
            ),
            created=True,
        )
        for prepared, report in zip(cases, reports, strict=True)
    ]


def store_cases(*, client: ApiClient, cases: list[PreparedCase]) -> list[IngestResult | Exception]:
    """Store prepared cases of one client, in input order; call inside a transaction.

    Cases new to the client are written together in a fixed number of statements; should that
    fail, each is retried on its own, so that only the item at fault fails. Known external ids
    (and an id repeated within the call) are updates, stored one by one. Each item is stored
    whole or not at all: a failed item's result is its exception, the others stand."""
    results: list[IngestResult | Exception | None] = [None] * len(cases)
    known = set(
        IngestRecord.objects.filter(
            client=client, external_id__in=[c.external_id for c in cases]
        ).values_list("external_id", flat=True)
    )
    new: list[int] = []
    one_by_one: list[int] = []
    for index, case in enumerate(cases):
        if case.external_id in known:
            one_by_one.append(index)
        else:
            new.append(index)
            known.add(case.external_id)
    if new:
        try:
            with transaction.atomic():
                created = _create_cases(client=client, cases=[cases[i] for i in new])
        except Exception:  # noqa: BLE001 - isolated below by storing the items one at a time
            one_by_one = sorted(one_by_one + new)
        else:
            for index, result in zip(new, created, strict=True):
                results[index] = result
    for index in one_by_one:
        try:
            results[index] = store_case(client=client, prepared=cases[index])
        except Exception as exc:  # noqa: BLE001 - one item's failure must not block the others
            results[index] = exc
    return results


def _is_known(client: ApiClient, external_id: str) -> bool:
    """Has `client` pushed `external_id` before? Plain SQL on the unique index: it runs on every
    push, and the ORM spent ten times longer composing the query than the database answering."""
    connection = connections[router.db_for_write(IngestRecord)]  # the transaction's own view
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {quote(IngestRecord._meta.db_table)}"
            f" WHERE {quote('client_id')} = %s AND {quote('external_id')} = %s LIMIT 1",
            [client.pk, external_id],
        )
        return cursor.fetchone() is not None


def store_case(*, client: ApiClient, prepared: PreparedCase) -> IngestResult:
    """Write one prepared case atomically (a transaction, or a savepoint inside a batch's)."""
    with transaction.atomic():
        if not _is_known(client, prepared.external_id):  # the common case
            return _create_cases(client=client, cases=[prepared])[0]
        record = (
            IngestRecord.objects.filter(client=client, external_id=prepared.external_id)
            .select_for_update()
            .select_related("report")
            .get()
        )

        report = record.report
        if record.content_hash != prepared.content_hash:
            _apply(report, prepared.fields, prepared.categories, prepared.replacements)
            report.updated_by_sender_at = timezone.now()
            if not report.live:
                # Not public yet: the row is the draft, so it takes the new content directly.
                # (When public, the row stays the live version until the new revision is published.)
                report.save()
            _submit_new_revision(report)
            record.content_hash = prepared.content_hash
        record.updated_at = timezone.now()
        record.push_count += 1
        record.save(update_fields=["content_hash", "updated_at", "push_count"])
        record.report = CompletionReport.objects.get(pk=report.pk)
        return IngestResult(status=case_status(record), created=False)


def ingest_case(*, client: ApiClient, case: CaseIn) -> IngestResult:
    """Store one validated case for `client`: 202-new or 200-updated, never a duplicate."""
    return store_case(client=client, prepared=prepare_case(case))


def retract_case(*, client: ApiClient, record: IngestRecord, reason: str) -> CaseStatusData:
    """Take a case off every public surface at once (page, open data, feeds, search results)."""
    # The sender's reason is free text: it goes through the anonymiser before it is kept.
    reason_text = anonymise({"reason": reason}, []).texts["reason"] or ""
    record.report = retract_report(
        record.report, user=None, reason=f"发送系统（{client.name}）撤回：{reason_text}", by_sender=True
    )
    return case_status(record)


__all__ = [
    "TEXT_FIELDS",
    "IngestResult",
    "PreparedCase",
    "case_status",
    "ingest_case",
    "prepare_case",
    "retract_case",
    "store_case",
    "store_cases",
]
