"""Push the sample cases through the real write path (ingest_case) for `make run`.

Idempotent: a replay of the same case is recognised by its external_id and adds nothing.
About two thirds are then published as an editor would; the rest wait in the review queue.
"""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from pydantic import ValidationError

from internal_api.ingest import ingest_case
from internal_api.models import ApiClient, IngestRecord
from internal_api.schemas import CaseIn

BUNDLED = Path(__file__).resolve().parents[2] / "demo" / "sample_cases.jsonl"
SHARED = Path(settings.BASE_DIR).parent / "shared" / "samples" / "cases.jsonl"
DEMO_CLIENT = "demo-samples"


class Command(BaseCommand):
    help = "通过正式入库流程载入示例信访件（匿名化后存储），部分公开、部分待审核"

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", help="CaseIn JSON Lines 文件（默认 ../shared/samples/cases.jsonl）"
        )

    def handle(self, *args, path=None, **options):
        source = Path(path) if path else (SHARED if SHARED.exists() else BUNDLED)
        if not source.exists():
            raise CommandError(f"找不到示例文件：{source}")
        client, _ = ApiClient.objects.get_or_create(
            name=DEMO_CLIENT, defaults={"scopes": ["push", "read", "retract"], "description": "演示数据载入"}
        )
        editor = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        created = published = 0
        lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
        for number, line in enumerate(lines, start=1):
            try:
                case = CaseIn.model_validate(json.loads(line))
            except (ValueError, ValidationError):
                self.stderr.write(f"第 {number} 行不是有效的 CaseIn，已跳过")
                continue
            result = ingest_case(client=client, case=case)
            created += result.created
            if result.created and number % 3 != 0:  # every third case waits for review
                published += self._publish(case.external_id, client, editor)
        total = IngestRecord.objects.filter(client=client).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"示例信访件：本次新增 {created} 件，其中公开 {published} 件；示例共 {total} 件"
            )
        )

    @transaction.atomic
    def _publish(self, external_id, client, editor) -> int:
        report = (
            IngestRecord.objects.select_related("report").get(client=client, external_id=external_id).report
        )
        if report.live:
            return 0
        state = report.current_workflow_state
        if state is not None:
            state.cancel(user=editor)
        report.get_latest_revision().publish(user=editor, skip_permission_checks=True)
        return 1
