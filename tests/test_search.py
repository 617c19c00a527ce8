"""Public full-text search: indexing on publish, the retraction guarantee, phrase matching,
filters, snippets, the page and its JSON twin."""

from __future__ import annotations

import pytest
from django.test import override_settings
from wagtail.models import Page

from search.backends import get_backend
from search.documents import case_id, page_id
from tests.conftest import make_case

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def search_index(settings, tmp_path):
    """A fresh index directory per test; reports are published without review."""
    settings.SEARCH_INDEX_DIR = tmp_path / "search_index"
    settings.SEARCH_BACKEND_OPTIONS = {}
    settings.CASES_REVIEW_REQUIRED = False
    return settings.SEARCH_INDEX_DIR


@pytest.fixture
def push(api, django_capture_on_commit_callbacks):
    """Push a case through the real API; index tasks run on commit (immediate backend)."""
    counter = iter(range(1, 10_000))

    def _push(**overrides):
        overrides.setdefault("external_id", f"T-{next(counter):05d}")
        with django_capture_on_commit_callbacks(execute=True):
            response = api.post("cases", make_case(**overrides))
        assert response.status_code in (200, 202), response.content
        return response.json()

    return _push


def search_json(client, **params):
    response = client.get("/open-data/search.json", params)
    assert response.status_code == 200
    return response.json()


def references(client, **params) -> list[str]:
    return [r["reference"] for r in search_json(client, **params)["results"]]


def test_a_published_report_is_searchable_by_enterprise_place_and_pollutant(push, client, search_index):
    status = push(
        subject={"name": "吴塘村福临石料厂"},
        summary="反映吴塘村福临石料厂放炮震动，粉尘大，颗粒物超标。",
        investigation="现场检查破碎车间未密闭。",
    )
    ref = status["reference"]
    assert (search_index / "CURRENT").exists()
    for q in ("福临石料厂", "吴塘村", "福临", "颗粒物", "破碎车间", ref):
        assert references(client, q=q) == [ref], q


def test_a_multi_character_word_is_matched_as_a_phrase_not_as_its_parts(push, client):
    together = push(subject={"name": "福临石料厂"}, summary="福临石料厂夜间生产噪声扰民。")["reference"]
    apart = push(
        subject={"name": "金牛热力有限公司"},
        summary="福临小区旁的锅炉房冒黑烟，附近另有一家石料厂。",
    )["reference"]
    assert references(client, q="福临石料厂") == [together]
    assert set(references(client, q="福临")) == {together, apart}
    # Both words required, each anywhere.
    assert references(client, q="福临 黑烟") == [apart]


def test_a_retracted_case_is_gone_at_once_even_before_the_worker_runs(push, api, client):
    ref = push(external_id="R-1", summary="印染厂废水直排河道，河水发黑。")["reference"]
    other = push(external_id="R-2", summary="另一家印染厂夜间偷排废水。")["reference"]
    assert set(references(client, q="印染")) == {ref, other}

    with override_settings(TASKS=DUMMY_TASKS):  # enqueued tasks never run
        response = api.post("cases/R-1/retract", {"reason": "重复推送"})
        assert response.status_code == 200
        assert case_id(_pk(ref)) in get_backend().versions()  # the index still has it ...
        data = search_json(client, q="印染")
    assert [r["reference"] for r in data["results"]] == [other]  # ... but it is never shown
    assert data["total"] == 1
    page = client.get("/search/", {"q": "印染"}).content.decode()
    assert ref not in page and other in page


def test_retract_and_unpublish_remove_the_document_from_the_index(
    push, api, client, django_capture_on_commit_callbacks
):
    ref = push(external_id="U-1", summary="养殖场粪污直排。")["reference"]
    pk = _pk(ref)
    assert case_id(pk) in get_backend().versions()
    with django_capture_on_commit_callbacks(execute=True):
        api.post("cases/U-1/retract", {"reason": "信息有误"})
    assert case_id(pk) not in get_backend().versions()


def test_unpublishing_in_the_admin_removes_it(push, client, django_capture_on_commit_callbacks):
    from cases_public.models import CompletionReport

    ref = push(summary="汽修厂喷漆异味。")["reference"]
    report = CompletionReport.objects.get(reference=ref)
    with django_capture_on_commit_callbacks(execute=True):
        report.unpublish()
    assert references(client, q="喷漆") == []
    assert case_id(report.pk) not in get_backend().versions()


FILTER_TABLE = [
    ({"region": "34"}, {"A", "B"}),
    ({"region": "340000"}, {"A", "B"}),
    ({"region": "3407"}, {"A"}),
    ({"region": "340705"}, {"A"}),
    ({"region": "320583"}, {"C"}),
    ({"category": "water"}, {"B", "C"}),
    ({"category": ["noise", "soil"]}, {"A", "C"}),
    ({"channel": "letter"}, {"B"}),
    ({"finding": "unsubstantiated"}, {"C"}),
    ({"priority": "key"}, {"C"}),
    ({"satisfaction": "dissatisfied"}, {"B"}),
    ({"penalty": "yes"}, {"A"}),
    ({"penalty": "no"}, {"B", "C"}),
    ({"from": "2025-01-01"}, {"B", "C"}),
    ({"to": "2024-12-31"}, {"A"}),
    ({"from": "2025-03-01", "to": "2025-03-31"}, {"B"}),
    ({"region": "34", "category": "water"}, {"B"}),
    ({"category": "bogus"}, {"A", "B", "C"}),
    ({"type": "page"}, set()),
]


def test_filters_use_the_list_page_names(push, client):
    refs = {
        "A": push(
            region_code="340705",
            region_name="铜陵市铜官区",
            categories=["air", "noise"],
            received_at="2024-10-08T09:30:00+08:00",
            accepted_at=None,
            closed_at="2024-11-02T16:00:00+08:00",
            summary="搅拌站扬尘。",
        )["reference"],
        "B": push(
            region_code="341102",
            region_name="滁州市琅琊区",
            categories=["water"],
            channel="letter",
            received_at="2025-03-01T09:00:00+08:00",
            accepted_at=None,
            closed_at="2025-03-10T16:00:00+08:00",
            satisfaction="dissatisfied",
            penalty={"case_filed": False, "fine_yuan": 0},
            summary="搅拌站废水。",
        )["reference"],
        "C": push(
            region_code="320583",
            region_name="苏州市昆山市",
            categories=["water", "soil"],
            finding="unsubstantiated",
            priority="key",
            received_at="2025-05-01T09:00:00+08:00",
            accepted_at=None,
            closed_at="2025-05-20T16:00:00+08:00",
            penalty=None,
            summary="搅拌站土壤污染。",
        )["reference"],
    }
    for params, expected in FILTER_TABLE:
        got = set(references(client, q="搅拌站", **params))
        assert got == {refs[k] for k in expected}, params


def test_snippets_mark_the_words_and_escape_html(push, client):
    push(summary="<script>alert('x')</script> 电镀厂废水 <b>超标</b> & 含六价铬。")
    data = search_json(client, q="电镀")
    highlight = data["results"][0]["highlight"]
    assert "<mark>电镀</mark>" in highlight
    assert "<script>" not in highlight and "<b>" not in highlight
    assert "&lt;script&gt;" in highlight and "&amp;" in highlight
    page = client.get("/search/", {"q": "电镀"}).content.decode()
    assert "<script>alert" not in page
    assert "<mark>电镀</mark>" in page


def test_private_fields_are_neither_indexed_nor_shown(push, client):
    push(summary="化工厂异味。", reply="已回复：答复专用词汇紫罗兰。")
    assert search_json(client, q="紫罗兰")["total"] == 0
    assert "紫罗兰" not in client.get("/search/", {"q": "化工厂"}).content.decode()


def test_json_shape(push, client):
    status = push(summary="油烟扰民。")
    data = search_json(client, q="油烟")
    assert data["total"] == 1
    (row,) = data["results"]
    assert set(row) >= {"reference", "url", "type", "title", "highlight"}
    assert row["type"] == "case"
    assert row["reference"] == status["reference"]
    assert row["url"].endswith(f"/cases/{status['reference']}/")
    assert search_json(client, q="")["total"] == 0


def test_search_page_counts_paginates_and_labels(push, client):
    refs = [push(summary=f"第{i}号餐饮店油烟扰民。")["reference"] for i in range(12)]
    page1 = client.get("/search/", {"q": "油烟"})
    html = page1.content.decode()
    assert page1.status_code == 200
    assert "共找到 12 条结果" in html
    assert 'aria-current="page">第 1 页' in html and "下一页" in html
    assert '<label for="search-q">' in html and 'role="search"' in html
    assert "办结报告</span>" in html
    assert "<script" not in html
    page2 = search_json(client, q="油烟", page=2)
    assert len(page2["results"]) == 2
    first = search_json(client, q="油烟")
    seen = [r["reference"] for r in first["results"] + page2["results"]]
    assert sorted(seen) == sorted(refs)


def test_no_results_page_helps(push, client):
    push(summary="噪声扰民。")
    response = client.get("/search/", {"q": "不存在的企业名称"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "没有找到与“不存在的企业名称”相关的结果" in html
    assert "12369" in html and "/cases/" in html and "减少关键词" in html


def test_words_typed_without_a_space_fall_back_to_all_words(push, client):
    ref = push(subject={"name": "好运来家禽养殖场"}, summary="好运来家禽养殖场粪污直排，臭味大。")[
        "reference"
    ]
    data = search_json(client, q="家禽养殖场臭味")
    assert [r["reference"] for r in data["results"]] == [ref]
    assert "同时包含" in client.get("/search/", {"q": "家禽养殖场臭味"}).content.decode()


def test_pages_are_indexed_when_published_and_removed_when_unpublished(
    db, client, django_capture_on_commit_callbacks
):
    home = Page.objects.get(depth=2).specific
    home.body = "<p>本平台每月公布<b>领导接访日</b>安排。</p>"
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()
    assert page_id(home.pk) in get_backend().versions()
    data = search_json(client, q="领导接访日")
    assert [(r["type"], r["reference"], r["title"]) for r in data["results"]] == [("page", None, home.title)]
    assert "<mark>领导接访日</mark>" in data["results"][0]["highlight"]
    assert "页面</span>" in client.get("/search/", {"q": "接访"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        home.unpublish()
    assert search_json(client, q="领导接访日")["total"] == 0
    assert page_id(home.pk) not in get_backend().versions()


def test_rebuild_and_reconcile_converge_on_published(push, client, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    from cases_public.models import CompletionReport

    refs = [push(summary=f"第{i}家石料厂粉尘。")["reference"] for i in range(3)]
    call_command("rebuild_search_index")
    assert len(references(client, q="石料厂")) == 3
    # Changes the worker never saw: one report hidden by hand, the index missing another.
    CompletionReport.objects.filter(reference=refs[0]).update(disclose=False)
    get_backend().delete([case_id(_pk(refs[1]))])
    call_command("reconcile_search_index")
    versions = get_backend().versions()
    assert case_id(_pk(refs[0])) not in versions
    assert case_id(_pk(refs[1])) in versions
    assert set(references(client, q="石料厂")) == {refs[1], refs[2]}


def test_web_process_reads_a_new_generation_after_rebuild(push, client):
    from search import indexing

    push(summary="垃圾中转站臭味。")
    assert search_json(client, q="垃圾中转站")["total"] == 1
    backend = get_backend()
    before = backend.current_name()
    indexing.rebuild()
    assert backend.current_name() != before
    assert search_json(client, q="垃圾中转站")["total"] == 1
    assert len([p for p in backend.path.iterdir() if p.name.startswith("gen-")]) <= 2


def _pk(reference: str) -> int:
    from cases_public.models import CompletionReport

    return CompletionReport.objects.get(reference=reference).pk
