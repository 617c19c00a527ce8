"""load_demo_cases / rebuild_statistics: synthetic, published, clearly marked, removable."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from cases_public.models import CaseStatBucket, CompletionReport
from cases_public.stats import ALL_TIME
from tests.reports import make_report

pytestmark = pytest.mark.django_db


def test_load_and_delete_demo_cases(client):
    real = make_report()
    call_command("load_demo_cases", count=120)
    call_command("load_demo_cases", count=30)  # continues the numbering
    synthetic = CompletionReport.objects.filter(is_synthetic=True)
    assert synthetic.count() == 150
    assert synthetic.published().count() == 150
    references = set(synthetic.values_list("reference", flat=True))
    assert len(references) == 150 and all(ref.startswith("HJXF-SYN-") for ref in references)
    report = synthetic.first()
    assert report.summary.startswith("【合成数据】") and report.categories
    assert report.province_code == report.region_code[:2] + "0000"
    assert client.get(report.get_url()).status_code == 200
    assert CaseStatBucket.objects.get(month=ALL_TIME, basis="received", dimension="total").count == 151

    call_command("load_demo_cases", delete=True)
    assert list(CompletionReport.objects.values_list("reference", flat=True)) == [real.reference]
    assert CaseStatBucket.objects.get(month=ALL_TIME, basis="received", dimension="total").count == 1


def test_rebuild_statistics_command(capsys):
    make_report()
    CaseStatBucket.objects.all().delete()
    call_command("rebuild_statistics")
    assert "rebuilt" in capsys.readouterr().out
    assert CaseStatBucket.objects.get(month=ALL_TIME, basis="closed", dimension="total").count == 1
